import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

export interface AdminCredentials {
  name: string;
  password: string;
  /** True when the password was generated just now (print it once). */
  generated: boolean;
}

interface SecretsFile {
  adminUser?: string;
  adminPassword?: string;
  cookieSecret?: string;
  vapidPublicKey?: string;
  vapidPrivateKey?: string;
}

export const secretsPath = (dataDir: string): string => path.join(dataDir, 'secrets.json');

function readSecrets(dataDir: string): SecretsFile {
  const file = secretsPath(dataDir);
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as SecretsFile;
}

function writeSecrets(dataDir: string, secrets: SecretsFile): void {
  mkdirSync(dataDir, { recursive: true });
  const file = secretsPath(dataDir);
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
}

const strongPassword = (): string => randomBytes(18).toString('base64url');

/**
 * The server admin of the embedded store. From ADMIN_USER/ADMIN_PASSWORD when set (never written
 * to disk); otherwise generated on the first run and kept in DATA_DIR/secrets.json (mode 0600)
 * so later runs and the admin CLI find it.
 */
export function resolveAdmin(config: Config): AdminCredentials {
  if (config.adminUser && config.adminPassword) return { name: config.adminUser, password: config.adminPassword, generated: false };
  const secrets = readSecrets(config.dataDir);
  if (secrets.adminUser && secrets.adminPassword) return { name: secrets.adminUser, password: secrets.adminPassword, generated: false };
  const created = { name: 'admin', password: strongPassword() };
  writeSecrets(config.dataDir, { ...secrets, adminUser: created.name, adminPassword: created.password });
  return { ...created, generated: true };
}

/** The HMAC secret of session cookies, kept across restarts so users stay signed in. */
export function cookieSecret(dataDir: string): string {
  const secrets = readSecrets(dataDir);
  if (secrets.cookieSecret) return secrets.cookieSecret;
  const secret = randomBytes(32).toString('hex');
  writeSecrets(dataDir, { ...secrets, cookieSecret: secret });
  return secret;
}

/** The server admin as configured or persisted, without generating one (null when unknown). */
export function findAdmin(config: Config): { name: string; password: string } | null {
  if (config.adminUser && config.adminPassword) return { name: config.adminUser, password: config.adminPassword };
  const secrets = readSecrets(config.dataDir);
  return secrets.adminUser && secrets.adminPassword ? { name: secrets.adminUser, password: secrets.adminPassword } : null;
}

/**
 * The server's VAPID key pair for Web Push: from VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY (shared by several app
 * servers) or generated on the first start into DATA_DIR/secrets.json. Browsers subscribe with the public key,
 * so it must not change: a new pair would silence every subscribed device.
 */
export function resolveVapidKeys(
  config: Config,
  generate: () => { publicKey: string; privateKey: string },
): { publicKey: string; privateKey: string } {
  if (config.vapidPublicKey && config.vapidPrivateKey) return { publicKey: config.vapidPublicKey, privateKey: config.vapidPrivateKey };
  const secrets = readSecrets(config.dataDir);
  if (secrets.vapidPublicKey && secrets.vapidPrivateKey) return { publicKey: secrets.vapidPublicKey, privateKey: secrets.vapidPrivateKey };
  const keys = generate();
  writeSecrets(config.dataDir, { ...secrets, vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey });
  return keys;
}
