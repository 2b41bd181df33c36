import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ChangePasswordRequest } from '../../src/model/admin.ts';
import { describePasswordProblem, passwordProblem } from '../../src/model/password-policy.ts';
import { HttpError, badRequest, forbidden, sendError, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import { changeOwnPassword } from '../services/accounts.ts';
import type { AuditLog } from '../services/audit.ts';
import type { Store } from '../store/types.ts';

/**
 * `POST /api/password`: the signed-in user changes their own password (also the one-time password an
 * administrator gave them). The current password is checked like a sign-in (and rate-limited like
 * one). Afterwards every session of the account has ended, this one too: the app signs in again with
 * the new password.
 */
export function passwordRouter(store: Store, sessions: SessionResolver, audit: AuditLog, loginRateLimit: number): Router {
  const router = Router();
  const limiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: loginRateLimit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, new HttpError(429, 'too_many_requests', 'Too many wrong passwords. Try again later.')),
  });
  router.post('/password', limiter, express.json({ limit: '16kb' }), (req: Request, res: Response, next: NextFunction) => {
    const body = (req.body ?? {}) as Partial<ChangePasswordRequest>;
    (async () => {
      const user = await sessions.resolve(credentialsOf(req.headers));
      if (!user) return sendError(res, unauthorized());
      if (user.roles.includes('_admin')) return sendError(res, forbidden('The server administrator changes ADMIN_PASSWORD instead.'));
      if (typeof body.currentPassword !== 'string' || typeof body.newPassword !== 'string')
        return sendError(res, badRequest('currentPassword and newPassword are required.'));
      const basic = 'Basic ' + Buffer.from(`${user.name}:${body.currentPassword}`).toString('base64');
      if (!(await store.session({ authorization: basic })))
        return sendError(res, new HttpError(403, 'wrong_password', 'The current password is not right.'));
      const problem = passwordProblem(body.newPassword, user.name);
      if (problem) return sendError(res, new HttpError(400, `password_${problem}`, describePasswordProblem(problem)));
      if (body.newPassword === body.currentPassword)
        return sendError(res, new HttpError(400, 'password_same', 'Choose a password other than the current one.'));
      await changeOwnPassword(store, user.name, body.newPassword);
      await audit.record({
        actor: user.name,
        action: 'passwordChanged',
        target: user.name,
        summary: 'Changed own password',
        ...(req.ip ? { ip: req.ip } : {}),
      });
      res.json({ ok: true });
    })().catch(next);
  });
  return router;
}
