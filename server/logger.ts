import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths never written to the log: credentials in headers and bodies. */
export const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'body.password',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'docket' } });
}
