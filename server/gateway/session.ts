import { createHash } from 'node:crypto';
import type { UserCtx } from '../../src/model/roles.ts';
import type { Credentials, Store } from '../store/types.ts';
import type { RevokedSessions } from './revoked-sessions.ts';

/** How long a resolved session is trusted without asking the store again. */
export const SESSION_TTL_MS = 5000;
const MAX_ENTRIES = 10_000;

/**
 * Resolves the user behind a request by asking the store's `_session`, cached per credential for
 * a few seconds (replication sends many requests with the same cookie). `clear()` drops everything
 * when accounts change, so a disabled account is refused on its next request. A cookie its user signed
 * out with (`revoked`) is anonymous.
 */
export class SessionResolver {
  private readonly cache = new Map<string, { user: Promise<UserCtx | null>; expires: number }>();

  constructor(
    private readonly store: Store,
    private readonly revoked?: RevokedSessions,
  ) {}

  resolve(cred: Credentials): Promise<UserCtx | null> {
    if (!cred.authSession && !cred.authorization) return Promise.resolve(null);
    const key = cred.authorization ? 'a:' + createHash('sha256').update(cred.authorization).digest('base64') : 'c:' + cred.authSession;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.expires > now) return hit.user;
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    const revoked = cred.authSession && this.revoked ? this.revoked.isRevoked(cred.authSession) : Promise.resolve(false);
    const user = revoked
      .then((isRevoked) => (isRevoked ? null : this.store.session(cred)))
      .catch(() => {
        this.cache.delete(key);
        return null;
      });
    this.cache.set(key, { user, expires: now + SESSION_TTL_MS });
    return user;
  }

  clear(): void {
    this.cache.clear();
  }

  /** Forgets what was resolved for one session cookie (it was just signed out). */
  forget(authSession: string): void {
    this.cache.delete('c:' + authSession);
  }
}

/** The credentials of a request: the `AuthSession` cookie and/or the Authorization header. */
export function credentialsOf(headers: { cookie?: string; authorization?: string }): Credentials {
  const cred: Credentials = {};
  if (headers.authorization) cred.authorization = headers.authorization;
  const m = /(?:^|;\s*)AuthSession=([^;]*)/.exec(headers.cookie ?? '');
  if (m && m[1]) cred.authSession = decodeCookie(m[1]);
  return cred;
}

/** A cookie value with bad percent-encoding (`%ff`) is kept as sent: the store refuses it, the caller is anonymous. */
function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
