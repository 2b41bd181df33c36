import { z } from 'zod';
import path from 'node:path';

const bool = z.enum(['0', '1', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  COUCHDB_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ADMIN_USER: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9._-]{0,39}$/, 'letters, digits, ".", "_" or "-", starting with a letter')
    .optional(),
  ADMIN_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  DEMO: bool.default(true),
  DEMO_PASSWORD: z.string().min(6, 'at least 6 characters').default('docket-demo'),
  /** With DEMO: also seed a year of official-document traffic (off in tests unless asked for). */
  DEMO_DOCUMENTS: bool.default(true),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Failed sign-ins allowed per IP and account name in 15 minutes. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  SPACE_WARN_DOCS: z.coerce.number().int().min(1).default(20000),
  /** Abbreviation of the issuing body in number/symbols (`05/QĐ-UBND`). */
  ISSUER_CODE: z
    .string()
    .regex(/^[\p{Lu}0-9]{1,12}$/u, '1–12 capital letters or digits')
    .default('UBND'),
  /** Name of the issuing body on documents issued inside the organisation (default: the demo ward, or "UBND phường"). */
  ISSUER_NAME: z.string().min(1).max(200).optional(),
  /** Whether people may keep files of confidential documents on their devices for offline use (default: no). */
  CONFIDENTIAL_FILES_OFFLINE: bool.default(false),
  /** Web Push to phones while the app is closed (each user still opts in). */
  PUSH: bool.default(true),
  /** Contact for push services (VAPID `sub`): `mailto:` or `https:`. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'a mailto: or https:// contact')
    .default('mailto:admin@docket.invalid'),
  /** The server's VAPID key pair (base64url); several app servers share one. Generated into DATA_DIR when unset. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{80,100}$/, 'a base64url P-256 public key')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{40,50}$/, 'a base64url P-256 private key')
    .optional(),
  /** Tests on one machine only: accept http://127.0.0.1 push endpoints. */
  PUSH_ALLOW_LOOPBACK: bool.default(false),
  /** Field hub (docs/decisions/0006): the upstream Docket server this one replicates its granted spaces with. */
  UPSTREAM_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The hub's account on the upstream (`npm run admin -- create-hub` there prints both). */
  HUB_NAME: z
    .string()
    .regex(/^hub-[a-z0-9][a-z0-9-]{0,35}$/, 'hub-<name>, as create-hub printed it')
    .optional(),
  HUB_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  /** How often a hub asks the upstream for its grant (accounts, spaces), in seconds. */
  HUB_REFRESH_S: z.coerce.number().min(1).default(60),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path. */
  dataDir: string;
  couchdbUrl?: string;
  adminUser?: string;
  adminPassword?: string;
  demo: boolean;
  demoPassword: string;
  /** Seed a year of official documents with the demo ward. */
  demoDocuments: boolean;
  /** Express `trust proxy` value: false, a hop count, or a list of addresses. */
  trustProxy: boolean | number | string;
  logLevel: string;
  loginRateLimit: number;
  /** Administrators are warned about a device holding more documents than this in one space. */
  spaceWarnDocs: number;
  issuerCode: string;
  issuerName?: string;
  /** Files of confidential documents may be kept on devices (the ward's choice). */
  confidentialFilesOffline: boolean;
  push: boolean;
  vapidSubject: string;
  vapidPublicKey?: string;
  vapidPrivateKey?: string;
  pushAllowLoopback: boolean;
  /** Set when this server is a field hub of an upstream server. */
  hub?: HubConfig;
}

export interface HubConfig {
  /** The upstream's base URL, without credentials. */
  upstreamUrl: string;
  name: string;
  password: string;
  refreshMs: number;
}

export class ConfigError extends Error {}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === 'true' || value === '1') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** Reads and validates the environment; throws ConfigError with one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' && k !== 'COUCHDB_URL' ? undefined : env[k]]));
  const result = schema.safeParse(picked);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? 'config');
    throw new ConfigError(`Invalid ${key}=${JSON.stringify(env[key] ?? '')}: ${issue.message}`);
  }
  const v = result.data;
  if ((v.ADMIN_USER === undefined) !== (v.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Invalid ADMIN_USER/ADMIN_PASSWORD: set both or neither');
  }
  if ((v.VAPID_PUBLIC_KEY === undefined) !== (v.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError('Invalid VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY: set both or neither');
  }
  let hub: HubConfig | undefined;
  if (v.UPSTREAM_URL || v.HUB_NAME || v.HUB_PASSWORD) {
    if (!v.UPSTREAM_URL || !v.HUB_NAME || !v.HUB_PASSWORD)
      throw new ConfigError('Invalid UPSTREAM_URL/HUB_NAME/HUB_PASSWORD: a hub needs all three (create-hub on the upstream prints them)');
    const u = new URL(v.UPSTREAM_URL);
    if (u.username || u.password)
      throw new ConfigError('Invalid UPSTREAM_URL: put the credentials in HUB_NAME and HUB_PASSWORD, not in the URL');
    hub = { upstreamUrl: u.href.replace(/\/+$/, ''), name: v.HUB_NAME, password: v.HUB_PASSWORD, refreshMs: v.HUB_REFRESH_S * 1000 };
  }
  if (v.COUCHDB_URL) {
    const u = new URL(v.COUCHDB_URL);
    if (!v.ADMIN_USER && !u.username)
      throw new ConfigError('Invalid COUCHDB_URL: needs ADMIN_USER and ADMIN_PASSWORD (a CouchDB server admin)');
  }
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: path.resolve(v.DATA_DIR),
    couchdbUrl: v.COUCHDB_URL,
    adminUser: v.ADMIN_USER,
    adminPassword: v.ADMIN_PASSWORD,
    // A hub holds only what its upstream grants it: never a demo ward of its own.
    demo: hub ? false : v.DEMO,
    demoPassword: v.DEMO_PASSWORD,
    demoDocuments: v.DEMO_DOCUMENTS,
    trustProxy: parseTrustProxy(v.TRUST_PROXY),
    logLevel: v.LOG_LEVEL,
    loginRateLimit: v.LOGIN_RATE_LIMIT,
    spaceWarnDocs: v.SPACE_WARN_DOCS,
    issuerCode: v.ISSUER_CODE,
    issuerName: v.ISSUER_NAME,
    confidentialFilesOffline: v.CONFIDENTIAL_FILES_OFFLINE,
    push: v.PUSH,
    vapidSubject: v.VAPID_SUBJECT,
    vapidPublicKey: v.VAPID_PUBLIC_KEY,
    vapidPrivateKey: v.VAPID_PRIVATE_KEY,
    pushAllowLoopback: v.PUSH_ALLOW_LOOPBACK,
    ...(hub ? { hub } : {}),
  };
}
