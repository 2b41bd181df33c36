import { readFileSync } from 'node:fs';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { HealthResponse, OrgSettings } from '../../src/model/api.ts';
import { mustChangePassword } from '../../src/model/roles.ts';
import { HttpError, notFound, sendError } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import type { Store } from '../store/types.ts';
import { ChangeHub, changesRouter } from './changes.ts';
import { keysRouter } from './keys.ts';
import { pushRouter } from './push.ts';
import { calendarRouter } from './calendar.ts';
import { wardSettingsRouter } from './public-schedule-settings.ts';
import type { PushService } from '../services/push.ts';
import { meOf } from './me.ts';
import { conversationsRouter } from './conversations.ts';
import { ConversationService } from '../services/conversations.ts';
import { UnitCache } from './spaces.ts';
import { adminRouter } from './admin.ts';
import { adminBackupsRouter } from './admin-backups.ts';
import { documentTypesRouter, registryBooksRouter } from './admin-registry.ts';
import type { BackupFolder } from '../services/backups.ts';
import { passwordRouter } from './password.ts';
import { devicesRouter } from './devices.ts';
import type { ActivityLog } from '../services/activity.ts';
import type { AuditLog } from '../services/audit.ts';

/** The logs the account routes write to (one per app, shared with the gateway). */
export interface ApiLogs {
  audit: AuditLog;
  activity: ActivityLog;
  loginRateLimit: number;
  /** SPACE_WARN_DOCS: devices holding more documents in one space are flagged to administrators. */
  spaceWarnDocs?: number;
}

export const VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

/** `/api`: thin handlers over the services; JSON errors in CouchDB style. */
export function createApi(
  store: Store,
  sessions: SessionResolver,
  settings: OrgSettings = { confidentialFilesOffline: false },
  hub: ChangeHub = new ChangeHub(store),
  logs?: ApiLogs,
  /** The server's backups folder (`DATA_DIR/backups`): `/api/admin/backups` exists only with it. */
  backups?: BackupFolder,
  /** Web Push (`/api/push/…`), unless PUSH=0. */
  push?: PushService,
): Router {
  const router = Router();
  const units = new UnitCache(store);
  const conversations = new ConversationService(store);
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
      .then((user) => meOf(store, units, user, settings, conversations))
      .then((me) => res.json(me))
      .catch(next);
  });
  // An account signed in with a one-time password reaches only /me and /password until it chose a new one.
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/me' || req.path === '/password' || req.path === '/health') return next();
    sessions
      .resolve(credentialsOf(req.headers))
      .then((user) =>
        user && mustChangePassword(user)
          ? sendError(
              res,
              new HttpError(403, 'password_change_required', 'Choose a new password first (the one you signed in with was one-time).'),
            )
          : next(),
      )
      .catch(next);
  });
  // At a field hub the accounts and the directory come from the upstream (docs/decisions/0006): a change here would be
  // overwritten at the next refresh, so it is refused with a reason instead.
  if (settings.hub)
    router.use(['/admin', '/password'], (req: Request, res: Response, next: NextFunction) =>
      req.method === 'GET' || req.method === 'HEAD'
        ? next()
        : sendError(
            res,
            new HttpError(
              409,
              'managed_upstream',
              'This server is a field hub: accounts, passwords and the directory are managed on the main server.',
            ),
          ),
    );
  router.use(keysRouter(store, sessions));
  router.use(conversationsRouter(store, sessions, conversations));
  router.use(calendarRouter(store, sessions));
  if (push) router.use(pushRouter(push, sessions));
  if (backups) router.use('/admin/backups', adminBackupsRouter(backups, sessions));
  if (logs) {
    router.use(passwordRouter(store, sessions, logs.audit, logs.loginRateLimit));
    router.use(devicesRouter(sessions, logs.activity));
    router.use('/admin/registry-books', registryBooksRouter(store, sessions, logs.audit));
    router.use('/admin/document-types', documentTypesRouter(store, sessions, logs.audit));
    router.use('/admin/settings', wardSettingsRouter(store, sessions, logs.audit));
    router.use(
      '/admin',
      adminRouter({ store, sessions, audit: logs.audit, activity: logs.activity, spaceWarnDocs: logs.spaceWarnDocs ?? 20000 }),
    );
  }
  router.use(changesRouter(hub, sessions, conversations));
  router.use((_req, res) => sendError(res, notFound('Unknown API endpoint.')));
  return router;
}
