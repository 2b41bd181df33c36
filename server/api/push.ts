import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { isActive } from '../../src/model/roles.ts';
import { badRequest, forbidden, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import { PushError, type PushService } from '../services/push.ts';

/**
 * Web Push for the signed-in account (issue 6):
 * - `GET /api/push/key` → `{ publicKey }`: the server's VAPID key, for `pushManager.subscribe`;
 * - `POST /api/push/subscriptions` `{ endpoint, keys: { p256dh, auth } }` (a `PushSubscription.toJSON()`): this
 *   device is told from now on (201 new, 200 known);
 * - `DELETE /api/push/subscriptions` `{ endpoint }`: it is not any more (200, 404 when not this account's).
 * Which kinds reach the phone is the account's notification preferences (personal space), read at sending time.
 */
export function pushRouter(push: PushService, sessions: SessionResolver): Router {
  const router = Router();
  const json = express.json({ limit: '8kb' });
  const caller = async (req: Request): Promise<string> => {
    const user = await sessions.resolve(credentialsOf(req.headers));
    if (!user) throw unauthorized();
    if (user.roles.includes('_admin')) throw forbidden('The server administrator has no app account.');
    if (!isActive(user)) throw forbidden('This account is disabled.');
    return user.name;
  };
  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch((err: unknown) => next(err instanceof PushError ? badRequest(err.message) : err));
  };
  router.get(
    '/push/key',
    wrap(async (req, res) => {
      await caller(req);
      res.json({ publicKey: push.keys.publicKey });
    }),
  );
  router.post(
    '/push/subscriptions',
    json,
    wrap(async (req, res) => {
      const name = await caller(req);
      const { created } = await push.subscribe(name, req.body, req.get('user-agent'));
      res.status(created ? 201 : 200).json({ ok: true });
    }),
  );
  router.delete(
    '/push/subscriptions',
    json,
    wrap(async (req, res) => {
      const name = await caller(req);
      const removed = await push.unsubscribe(name, (req.body as { endpoint?: unknown } | undefined)?.endpoint);
      if (!removed) res.status(404).json({ error: 'not_found', reason: 'No such subscription of this account.' });
      else res.json({ ok: true });
    }),
  );
  return router;
}
