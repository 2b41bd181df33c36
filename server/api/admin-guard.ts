import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MUST_CHANGE_PASSWORD_ROLE, type UserCtx, hasRole } from '../../src/model/roles.ts';
import { forbidden, sendError, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import type { AuditContext } from '../services/audit.ts';

/**
 * The admin-only check of `/api/admin` (the same rule as `adminRouter`'s `adminOnly`), for routers
 * mounted beside it: 401 when anonymous, 403 unless the account has the `admin` role and no pending
 * one-time password; the caller is left in `res.locals.caller`.
 */
export function requireAdmin(sessions: SessionResolver): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    sessions
      .resolve(credentialsOf(req.headers))
      .then((user) => {
        if (!user) return sendError(res, unauthorized());
        if (!hasRole(user, 'admin') || user.roles.includes(MUST_CHANGE_PASSWORD_ROLE))
          return sendError(res, forbidden('Only administrators may do this.'));
        res.locals.caller = user;
        next();
      })
      .catch(next);
  };
}

/** Who made the request, for the audit log (as `adminRouter` records it). */
export function auditContextOf(req: Request, res: Response): AuditContext {
  const caller = res.locals.caller as UserCtx;
  const device = req.headers['x-docket-device'];
  return {
    actor: caller.name,
    ...(req.ip ? { ip: req.ip } : {}),
    ...(typeof device === 'string' ? { device: device.slice(0, 64) } : {}),
  };
}
