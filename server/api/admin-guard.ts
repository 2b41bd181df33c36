import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AccountError } from '../services/accounts.ts';
import { MUST_CHANGE_PASSWORD_ROLE, type UserCtx, hasRole } from '../../src/model/roles.ts';
import { HttpError, forbidden, sendError, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import type { AuditContext } from '../services/audit.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in caller of an `/api/admin` route. */
      docketCaller?: UserCtx;
    }
  }
}

/**
 * The check of every `/api/admin` route: 401 when anonymous, 403 (`refusal`) unless `allowed` accepts the account
 * and it has no pending one-time password; the caller is left in `req.docketCaller`.
 */
export function requireCaller(
  sessions: SessionResolver,
  allowed: (user: UserCtx) => boolean,
  refusal = 'Only administrators may do this.',
): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    sessions
      .resolve(credentialsOf(req.headers))
      .then((user) => {
        if (!user) return sendError(res, unauthorized());
        if (!allowed(user) || user.roles.includes(MUST_CHANGE_PASSWORD_ROLE)) return sendError(res, forbidden(refusal));
        req.docketCaller = user;
        next();
      })
      .catch(next);
  };
}

/** Accounts with the `admin` role only. */
export const requireAdmin = (sessions: SessionResolver): RequestHandler => requireCaller(sessions, (u) => hasRole(u, 'admin'));

/** Who made the request, for the audit log: the caller `requireCaller` left, the address and the device. */
export function auditContextOf(req: Request): AuditContext {
  const device = req.headers['x-docket-device'];
  return {
    actor: req.docketCaller!.name,
    ...(req.ip ? { ip: req.ip } : {}),
    ...(typeof device === 'string' ? { device: device.slice(0, 64) } : {}),
  };
}

/** Maps the admin services' refusals (`AccountError`) to HTTP (CouchDB-style JSON errors). */
export function httpErrorOf(err: unknown): unknown {
  if (err instanceof AccountError) {
    const status = err.code === 'not_found' ? 404 : err.code === 'exists' ? 409 : 400;
    return new HttpError(status, err.code === 'invalid' ? 'bad_request' : err.code === 'exists' ? 'conflict' : 'not_found', err.message);
  }
  return err;
}

/** A route that runs `fn` and answers its result as JSON with `status`; refusals become 4xx, the rest 500. */
export const answerJson =
  (fn: (req: Request) => Promise<unknown>, status = 200) =>
  (req: Request, res: Response, next: NextFunction): void => {
    fn(req)
      .then((body) => res.status(status).json(body))
      .catch((err: unknown) => {
        const e = httpErrorOf(err);
        if (e instanceof HttpError) sendError(res, e);
        else next(e);
      });
  };
