import { Router, type Request, type Response, type NextFunction } from 'express';
import { isActive } from '../../src/model/roles.ts';
import type { SessionResolver } from '../gateway/session.ts';
import type { HubSync } from '../hub/hub-sync.ts';
import { notFound, sendError } from '../errors.ts';
import { requireCaller } from './admin-guard.ts';

/**
 * `GET /api/hub/status` at a field hub: per replicated database its upstream state, last sync, pending changes both
 * ways, conflicts and refused documents (docs/decisions/0006). Any signed-in person of the hub may read it: it names
 * databases and document ids, never content. 404 on a server that is no hub.
 */
export function hubStatusRouter(sessions: SessionResolver, hub: HubSync | null): Router {
  const router = Router();
  router.get(
    '/status',
    (_req: Request, res: Response, next: NextFunction) => (hub ? next() : sendError(res, notFound('This server is not a hub.'))),
    requireCaller(sessions, isActive, 'This account may not use the hub.'),
    (_req: Request, res: Response, next: NextFunction) => {
      hub!
        .status()
        .then((s) => void res.json(s))
        .catch(next);
    },
  );
  return router;
}
