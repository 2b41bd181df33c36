import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { DEVICE_ID_PATTERN, type DeviceReport, MAX_REPORTED_SPACES, type SpaceHealth } from '../../src/model/device-health.ts';
import { badRequest, forbidden, sendError, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import type { ActivityLog } from '../services/activity.ts';

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9;

/** The report as sent, or why it is refused (every field checked: it is stored and shown to administrators). */
function reportOf(body: unknown): DeviceReport | string {
  const b = (body ?? {}) as Partial<Record<keyof DeviceReport, unknown>>;
  if (typeof b.deviceId !== 'string' || !DEVICE_ID_PATTERN.test(b.deviceId)) return 'deviceId must be 8–64 letters, digits, "-" or "_".';
  if (typeof b.label !== 'string' || b.label.length > 100) return 'label must be a string of at most 100 characters.';
  if (!Array.isArray(b.spaces) || b.spaces.length > MAX_REPORTED_SPACES) return `spaces must be a list of at most ${MAX_REPORTED_SPACES}.`;
  const spaces: SpaceHealth[] = [];
  for (const s of b.spaces as unknown[]) {
    const x = (s ?? {}) as Record<string, unknown>;
    if (typeof x.db !== 'string' || !/^docket-[a-z0-9-]{1,100}$/.test(x.db)) return 'each space needs a docket database name.';
    if (!count(x.docs) || !count(x.pending) || !count(x.rejected) || !count(x.conflicts))
      return 'docs, pending, rejected and conflicts must be counts.';
    spaces.push({ db: x.db, docs: x.docs, pending: x.pending, rejected: x.rejected, conflicts: x.conflicts });
  }
  return { deviceId: b.deviceId, label: b.label, spaces };
}

/** `POST /api/devices/report`: a signed-in device says how its sync is doing (sync-service's health reporter). */
export function devicesRouter(sessions: SessionResolver, activity: ActivityLog): Router {
  const router = Router();
  router.post('/devices/report', express.json({ limit: '64kb' }), (req: Request, res: Response, next: NextFunction) => {
    sessions
      .resolve(credentialsOf(req.headers))
      .then(async (user) => {
        if (!user) return sendError(res, unauthorized());
        if (user.roles.includes('_admin')) return sendError(res, forbidden('The server administrator has no devices.'));
        const report = reportOf(req.body);
        if (typeof report === 'string') return sendError(res, badRequest(report));
        await activity.deviceReported(user.name, report, req.ip);
        res.status(202).json({ ok: true });
      })
      .catch(next);
  });
  return router;
}
