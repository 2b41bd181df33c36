import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { ChangeHub } from './api/changes.ts';
import { ActivityLog } from './services/activity.ts';
import { AuditLog } from './services/audit.ts';
import { BackupFolder, backupsDirOf } from './services/backups.ts';
import { createApi } from './api/index.ts';
import { publicScheduleRouter } from './api/public-schedule.ts';
import type { Config } from './config.ts';
import { errorHandler, notFound, sendError } from './errors.ts';
import type { OrgSettings } from '../src/model/api.ts';
import { createGateway } from './gateway/index.ts';
import type { SessionResolver } from './gateway/session.ts';
import { type Logger, createLogger } from './logger.ts';
import { createStatic } from './static/index.ts';
import { openStore } from './store/index.ts';
import { type AdminCredentials, resolveVapidKeys } from './store/secrets.ts';
import { PushService, generateVapidKeys } from './services/push.ts';
import type { Store } from './store/types.ts';
import { DEMO_WARD_NAME } from './demo/ward.ts';
import { HubSync } from './hub/hub-sync.ts';
import { upstreamHubRouter } from './hub/upstream-router.ts';
import { hubStatusRouter } from './api/hub-status.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_DIST = path.join(REPO_ROOT, 'dist');

export interface CreateAppOptions {
  logger?: Logger;
  /** The built client; defaults to `<repo>/dist`. */
  distDir?: string;
}

export interface DocketApp {
  app: Express;
  store: Store;
  audit: AuditLog;
  /** Web Push to closed apps (null with PUSH=0); the push worker sends through it. */
  push: PushService | null;
  sessions: SessionResolver;
  admin: AdminCredentials;
  log: Logger;
  /** When this server is a field hub (HUB_NAME, UPSTREAM_URL): its link to the upstream, started after setup. */
  hubSync: HubSync | null;
  close(): Promise<void>;
}

/** The content security policy the built app runs under. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  // PDFs of official documents are shown inline from blob: URLs (bytes downloaded on demand).
  frameSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Plain HTTP on the office LAN must keep working.
  upgradeInsecureRequests: null,
};

/** The organisation as an issuing body (workers' copies, registers): `ISSUER_CODE`/`ISSUER_NAME`. */
export function issuerOf(config: Config): { code: string; name: string } {
  return { code: config.issuerCode, name: config.issuerName ?? (config.demo ? DEMO_WARD_NAME : 'UBND phường') };
}

/** Builds the Express app (without listening): `/db` gateway + store, `/api`, the static client. */
export async function createApp(config: Config, opts: CreateAppOptions = {}): Promise<DocketApp> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const { store, admin } = await openStore(config);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(pinoHttp({ logger: log, autoLogging: { ignore: (req) => req.url === '/api/health' } }));
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES }, crossOriginEmbedderPolicy: false }));

  const audit = new AuditLog(store);
  const activity = new ActivityLog(store);
  const gateway = createGateway({ store, loginRateLimit: config.loginRateLimit, audit, activity });
  // The server's own databases exist before the first request (no creation racing requests, on CouchDB too).
  await Promise.all([audit.ready(), activity.ready(), gateway.ready()]);
  app.use('/db', gateway.router);
  const hub = new ChangeHub(store, log);
  // Web Push: the VAPID keys come from the environment or DATA_DIR; subscriptions live in an admin-only database.
  const push = config.push
    ? new PushService(store, resolveVapidKeys(config, generateVapidKeys), {
        subject: config.vapidSubject,
        allowLoopback: config.pushAllowLoopback,
        log: log.child({ component: 'push' }),
      })
    : null;
  await push?.ready();
  // What devices are told about the organisation; at a hub the issuing body comes from the upstream with the grant
  // (unless ISSUER_NAME/ISSUER_CODE are set here), so registers printed at the hub name the ward.
  const orgSettings: OrgSettings = {
    confidentialFilesOffline: config.confidentialFilesOffline,
    issuer: issuerOf(config),
    ...(config.hub ? { hub: { name: config.hub.name } } : {}),
  };
  const hubSync = config.hub
    ? new HubSync(store, config.hub, log.child({ component: 'hub' }), {
        onIssuer: (issuer) => {
          if (!config.issuerName) orgSettings.issuer = issuer;
        },
      })
    : null;
  // Backups from the admin page go to DATA_DIR/backups, a local folder whichever store is behind /db.
  const backups = new BackupFolder(backupsDirOf(config.dataDir), store, audit, log);
  // Field hubs of this server replicate through /hub (their own accounts); at a hub, /api/hub/status shows the link.
  app.use('/hub', upstreamHubRouter({ store, admin, loginRateLimit: config.loginRateLimit, issuer: issuerOf(config) }));
  app.use('/api/hub', hubStatusRouter(gateway.sessions, hubSync));
  app.use(
    '/api',
    createApi(
      store,
      gateway.sessions,
      orgSettings,
      hub,
      { audit, activity, loginRateLimit: config.loginRateLimit, spaceWarnDocs: config.spaceWarnDocs },
      backups,
      push ?? undefined,
    ),
  );
  // The ward's published leadership schedule, readable without a session when the administrator turns it on.
  app.use('/public', publicScheduleRouter(store, { wardName: issuerOf(config).name }));
  app.use(createStatic(opts.distDir ?? DEFAULT_DIST));
  app.use((_req, res) => sendError(res, notFound('Not found.')));
  app.use(errorHandler(log));

  return {
    app,
    store,
    audit,
    push,
    sessions: gateway.sessions,
    admin,
    log,
    hubSync,
    close: async () => {
      await hubSync?.stop();
      hub.close();
      await store.close();
    },
  };
}
