import { Router, type Request } from 'express';
import express from 'express';
import type {
  AdminUnit,
  AdminUser,
  ImportRequest,
  NewUnitRequest,
  NewUserRequest,
  OneTimePasswordResponse,
} from '../../src/model/admin.ts';
import { type AuditEntry, type AuditQuery, isAuditAction } from '../../src/model/audit.ts';
import { MUST_CHANGE_PASSWORD_ROLE, hasRole, isBaseRole } from '../../src/model/roles.ts';
import { HttpError, badRequest, notFound, sendError } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import {
  createUnit,
  updateUnit,
  createUser,
  disableUser,
  enableUser,
  generatePassword,
  listUsers,
  moveUser,
  resetPassword,
  updateUser,
} from '../services/accounts.ts';
import type { ActivityLog } from '../services/activity.ts';
import { type AuditLog, auditFrom } from '../services/audit.ts';
import { listUnits } from '../services/directory.ts';
import { importUsers } from '../services/import-users.ts';
import { listBodies, listRooms, saveBody, saveRoom } from '../services/org-directory.ts';
import type { Store } from '../store/types.ts';
import type { DevicesResponse } from '../../src/model/device-health.ts';
import { auditCsv } from './audit-csv.ts';
import { answerJson, auditContextOf, requireAdmin, requireCaller } from './admin-guard.ts';

export interface AdminApiOptions {
  store: Store;
  sessions: SessionResolver;
  audit: AuditLog;
  activity: ActivityLog;
  /** Devices holding more documents than this in one space are flagged. */
  spaceWarnDocs?: number;
}

const json = express.json({ limit: '2mb' });

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * `/api/admin`: accounts, units and the audit log. Only accounts with the `admin` role reach it
 * (leaders may read the audit log); everyone else gets 401/403. The server admin of the store has no
 * app account and uses the CLI.
 */
export function adminRouter(opts: AdminApiOptions): Router {
  const { store, sessions, audit, activity } = opts;
  const router = Router();

  const adminOnly = requireAdmin(sessions);
  const auditReaders = requireCaller(sessions, (u) => hasRole(u, 'admin') || hasRole(u, 'leader'));
  const ctxOf = auditContextOf;
  const handle = answerJson;
  const nameParam = (req: Request): string => {
    const name = req.params.name ?? '';
    if (name === req.docketCaller!.name) throw new HttpError(409, 'conflict', 'Administrators cannot change their own account here.');
    return name;
  };

  router.get(
    '/audit',
    auditReaders,
    handle(async (req) => audit.query(auditQueryOf(req))),
  );
  router.get('/audit.csv', auditReaders, (req, res, next) => {
    let query: AuditQuery;
    try {
      query = auditQueryOf(req);
    } catch (err) {
      return next(err);
    }
    audit
      .all(query)
      .then((entries: AuditEntry[]) => {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="docket-audit.csv"`);
        res.send(auditCsv(entries));
      })
      .catch(next);
  });

  router.use(adminOnly);

  router.get(
    '/users',
    handle(async (): Promise<AdminUser[]> => {
      const [users, seen] = await Promise.all([listUsers(store), activity.all()]);
      return users.map((u) => ({
        name: u.name,
        displayName: u.displayName,
        title: u.title,
        role: isBaseRole(u.role) ? u.role : '-',
        ...(u.unitId ? { unitId: u.unitId } : {}),
        isHead: u.isHead,
        disabled: u.disabled,
        mustChangePassword: u.roles.includes(MUST_CHANGE_PASSWORD_ROLE),
        ...(seen.get(u.name)?.lastSignInAt ? { lastSignInAt: seen.get(u.name)!.lastSignInAt } : {}),
        ...(seen.get(u.name)?.lastSyncAt ? { lastSyncAt: seen.get(u.name)!.lastSyncAt } : {}),
      }));
    }),
  );

  router.post(
    '/users',
    json,
    handle(async (req): Promise<OneTimePasswordResponse> => {
      const b = (req.body ?? {}) as Partial<NewUserRequest>;
      const role = str(b.role) ?? '';
      if (!isBaseRole(role)) throw badRequest('Role must be one of admin, leader, clerk, staff.');
      const name = str(b.name)?.trim() ?? '';
      const oneTimePassword = generatePassword();
      const person = await createUser(
        store,
        {
          name,
          role,
          displayName: str(b.displayName) ?? '',
          title: str(b.title) ?? '',
          ...(str(b.unitId) ? { unitId: str(b.unitId)! } : {}),
          head: b.head === true,
          password: oneTimePassword,
        },
        { oneTime: true },
      );
      const where = person.unitId ? `, unit ${person.unitId}${person.isHead ? ' (head)' : ''}` : '';
      await audit.record(auditFrom(ctxOf(req), 'userCreated', name, `Created account ${name} (${person.displayName}, ${role}${where})`));
      return { name, oneTimePassword };
    }, 201),
  );

  router.post(
    '/users/import',
    json,
    handle(async (req) => {
      const b = (req.body ?? {}) as Partial<ImportRequest>;
      if (typeof b.csv !== 'string') throw badRequest('csv must be the text of the file.');
      if (b.mode !== 'allOrNothing' && b.mode !== 'validOnly') throw badRequest('mode must be allOrNothing or validOnly.');
      const result = await importUsers(store, b.csv, b.mode, b.dryRun === true);
      if (result.created.length)
        await audit.record(
          auditFrom(
            ctxOf(req),
            'usersImported',
            '',
            `Imported ${result.created.length} account(s) from CSV: ${result.created.map((c) => c.name).join(', ')}`,
          ),
        );
      return result;
    }),
  );

  router.post(
    '/users/:name/reset-password',
    handle(async (req): Promise<OneTimePasswordResponse> => {
      const name = nameParam(req);
      const oneTimePassword = generatePassword();
      await resetPassword(store, name, oneTimePassword, { oneTime: true });
      await audit.record(
        auditFrom(ctxOf(req), 'passwordReset', name, `Reset the password of ${name} (one-time password; every session ended)`),
      );
      return { name, oneTimePassword };
    }),
  );

  router.post(
    '/users/:name/disable',
    handle(async (req) => {
      const name = nameParam(req);
      await disableUser(store, name);
      await audit.record(auditFrom(ctxOf(req), 'userDisabled', name, `Disabled account ${name}`));
      return { ok: true };
    }),
  );

  router.post(
    '/users/:name/enable',
    handle(async (req) => {
      const name = nameParam(req);
      await enableUser(store, name);
      await audit.record(auditFrom(ctxOf(req), 'userEnabled', name, `Enabled account ${name}`));
      return { ok: true };
    }),
  );

  router.put(
    '/users/:name',
    json,
    handle(async (req) => {
      const name = nameParam(req);
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (b.role !== undefined && (typeof b.role !== 'string' || !isBaseRole(b.role)))
        throw badRequest('Role must be one of admin, leader, clerk, staff.');
      if (b.head !== undefined && typeof b.head !== 'boolean') throw badRequest('head must be true or false.');
      const before = (await listUsers(store)).find((u) => u.name === name);
      const person = await updateUser(store, name, {
        ...(str(b.displayName) !== undefined ? { displayName: str(b.displayName)! } : {}),
        ...(str(b.title) !== undefined ? { title: str(b.title)! } : {}),
        ...(typeof b.role === 'string' && isBaseRole(b.role) ? { role: b.role } : {}),
        ...(typeof b.head === 'boolean' ? { head: b.head } : {}),
      });
      const changes = [
        before && before.role !== person.role ? `role ${before.role} → ${person.role}` : '',
        before && before.isHead !== person.isHead ? (person.isHead ? 'now head of the unit' : 'no longer head of the unit') : '',
        before && before.title !== person.title ? `title “${person.title}”` : '',
        before && before.displayName !== person.displayName ? `name “${person.displayName}”` : '',
      ].filter(Boolean);
      await audit.record(auditFrom(ctxOf(req), 'userChanged', name, `Changed ${name}: ${changes.join('; ') || 'nothing'}`));
      return person;
    }),
  );

  router.post(
    '/users/:name/move',
    json,
    handle(async (req) => {
      const name = nameParam(req);
      const unitId = str((req.body as { unitId?: unknown } | undefined)?.unitId) ?? '';
      if (!unitId) throw badRequest('unitId is required.');
      const before = (await listUsers(store)).find((u) => u.name === name)?.unitId;
      await moveUser(store, name, unitId);
      await audit.record(
        auditFrom(
          ctxOf(req),
          'userMoved',
          name,
          `Moved ${name} from unit ${before ?? '(none)'} to unit ${unitId}; access to ${before ?? 'no unit'} ended`,
        ),
      );
      return { ok: true };
    }),
  );

  router.get(
    '/devices',
    handle(async (): Promise<DevicesResponse> => ({ devices: await activity.devices(), warnDocs: opts.spaceWarnDocs ?? 20000 })),
  );

  router.get(
    '/units',
    handle(async (): Promise<AdminUnit[]> => {
      const [units, users] = await Promise.all([listUnits(store), listUsers(store)]);
      return units.map((u) => ({
        unitId: u.unitId,
        name: u.name,
        shortName: u.shortName,
        order: u.order,
        members: users.filter((p) => p.unitId === u.unitId && !p.disabled).length,
      }));
    }),
  );

  router.post(
    '/units',
    json,
    handle(async (req) => {
      const b = (req.body ?? {}) as Partial<NewUnitRequest>;
      const unit = await createUnit(store, {
        unitId: str(b.unitId)?.trim() ?? '',
        name: str(b.name) ?? '',
        ...(str(b.shortName)?.trim() ? { shortName: str(b.shortName)!.trim() } : {}),
      });
      await audit.record(
        auditFrom(ctxOf(req), 'unitCreated', unit.unitId, `Created unit ${unit.unitId} (${unit.name}, ${unit.shortName})`),
      );
      return unit;
    }, 201),
  );

  router.put(
    '/units/:unitId',
    json,
    handle(async (req) => {
      const unitId = req.params.unitId ?? '';
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (b.order !== undefined && typeof b.order !== 'number') throw badRequest('order must be a number.');
      for (const f of ['name', 'shortName'] as const)
        if (b[f] !== undefined && typeof b[f] !== 'string') throw badRequest(`${f} must be a string.`);
      const before = (await listUnits(store)).find((u) => u.unitId === unitId);
      const unit = await updateUnit(store, unitId, {
        ...(typeof b.name === 'string' ? { name: b.name } : {}),
        ...(typeof b.shortName === 'string' ? { shortName: b.shortName } : {}),
        ...(typeof b.order === 'number' ? { order: b.order } : {}),
      });
      const changes = [
        before && before.name !== unit.name ? `name “${unit.name}”` : '',
        before && before.shortName !== unit.shortName ? `short name “${unit.shortName}”` : '',
        before && before.order !== unit.order ? `order ${before.order} → ${unit.order}` : '',
      ].filter(Boolean);
      await audit.record(auditFrom(ctxOf(req), 'unitChanged', unitId, `Changed unit ${unitId}: ${changes.join('; ') || 'nothing'}`));
      return unit;
    }),
  );

  // The org directory: external bodies (issuing bodies and their abbreviations) and meeting rooms.
  router.get(
    '/bodies',
    handle(() => listBodies(store)),
  );
  router.get(
    '/rooms',
    handle(() => listRooms(store)),
  );
  const saveBodyRoute = (mode: 'create' | 'update') =>
    handle(
      async (req) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const slug = mode === 'update' ? (req.params.slug ?? '') : (str(b.slug) ?? '');
        const body = await saveBody(
          store,
          { slug, name: str(b.name) ?? '', abbreviation: str(b.abbreviation) ?? '' },
          mode,
          req.docketCaller!.name,
        );
        await audit.record(
          auditFrom(
            ctxOf(req),
            'directoryChanged',
            body._id,
            `${mode === 'create' ? 'Added' : 'Changed'} external body ${body.name} (${body.abbreviation || 'no abbreviation'})`,
          ),
        );
        return body;
      },
      mode === 'create' ? 201 : 200,
    );
  router.post('/bodies', json, saveBodyRoute('create'));
  router.put('/bodies/:slug', json, saveBodyRoute('update'));
  const saveRoomRoute = (mode: 'create' | 'update') =>
    handle(
      async (req) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const roomId = mode === 'update' ? (req.params.roomId ?? '') : (str(b.roomId) ?? '');
        const equipment = Array.isArray(b.equipment) ? b.equipment.filter((e): e is string => typeof e === 'string') : [];
        const capacity = typeof b.capacity === 'number' ? b.capacity : Number.NaN;
        const room = await saveRoom(
          store,
          { roomId, name: str(b.name) ?? '', capacity, equipment, location: str(b.location) ?? '' },
          mode,
          req.docketCaller!.name,
        );
        await audit.record(
          auditFrom(
            ctxOf(req),
            'directoryChanged',
            room._id,
            `${mode === 'create' ? 'Added' : 'Changed'} meeting room ${room.name} (${room.capacity} seats)`,
          ),
        );
        return room;
      },
      mode === 'create' ? 201 : 200,
    );
  router.post('/rooms', json, saveRoomRoute('create'));
  router.put('/rooms/:roomId', json, saveRoomRoute('update'));

  router.use((_req, res) => sendError(res, notFound('Unknown admin endpoint.')));
  return router;
}

function auditQueryOf(req: Request): AuditQuery {
  const q: AuditQuery = {};
  const s = (k: string): string | undefined => (typeof req.query[k] === 'string' && req.query[k] ? (req.query[k] as string) : undefined);
  if (s('q')) q.q = s('q')!.slice(0, 200);
  const action = s('action');
  if (action) {
    if (!isAuditAction(action)) throw badRequest(`Unknown action "${action}".`);
    q.action = action;
  }
  if (s('actor')) q.actor = s('actor')!;
  if (s('from')) q.from = s('from')!;
  if (s('to')) q.to = s('to')!;
  if (s('limit')) {
    const n = Number(s('limit'));
    if (!Number.isInteger(n) || n < 1) throw badRequest('limit must be a positive integer.');
    q.limit = n;
  }
  return q;
}
