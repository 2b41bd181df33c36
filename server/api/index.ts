import { readFileSync } from 'node:fs';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { HealthResponse, OrgSettings } from '../../src/model/api.ts';
import { notFound, sendError } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import type { Store } from '../store/types.ts';
import { ChangeHub, changesRouter } from './changes.ts';
import { keysRouter } from './keys.ts';
import { meOf } from './me.ts';
import { UnitCache } from './spaces.ts';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/** `/api`: thin handlers over the services; JSON errors in CouchDB style. */
export function createApi(
  store: Store,
  sessions: SessionResolver,
  settings: OrgSettings = { confidentialFilesOffline: false },
  hub: ChangeHub = new ChangeHub(store),
): Router {
  const router = Router();
  const units = new UnitCache(store);
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/health', (_req, res) => {
    const body: HealthResponse = { ok: true, store: store.kind, version: VERSION };
    res.json(body);
  });
  router.get('/me', (req: Request, res: Response, next: NextFunction) => {
    sessions
      .resolve(credentialsOf(req.headers))
      .then((user) => meOf(store, units, user, settings))
      .then((me) => res.json(me))
      .catch(next);
  });
  router.use(keysRouter(store, sessions));
  router.use(changesRouter(hub, sessions));
  router.use((_req, res) => sendError(res, notFound('Unknown API endpoint.')));
  return router;
}
