/**
 * The signed-in account: sign-in against the server's `_session`, `/api/me`, and a cached copy of
 * `me` in localStorage so that the app opens offline after one online sign-in.
 */
import type { MeResponse } from '../model/api.ts';
import type { Space } from '../model/spaces.ts';
import { changeNotifier } from '../sync/change-notifier.ts';
import { syncService } from '../sync/sync-service.ts';
import { destroySpaceDb } from './db.ts';

export type SignInErrorCode = 'badCredentials' | 'offline' | 'rateLimited' | 'server';

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly code: SignInErrorCode,
    cause?: unknown,
  ) {
    super(`Sign-in failed: ${code}`, { cause });
  }
}

const ME_KEY = 'docket.me';
const listeners = new Set<(me: MeResponse | null) => void>();
let current: MeResponse | null | undefined;

function isMe(value: unknown): value is MeResponse {
  const v = value as MeResponse | null;
  return !!v && typeof v.name === 'string' && Array.isArray(v.roles) && Array.isArray(v.spaces);
}

export function getCachedMe(): MeResponse | null {
  if (current !== undefined) return current;
  try {
    const raw = localStorage.getItem(ME_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    current = isMe(parsed) ? parsed : null;
  } catch {
    current = null;
  }
  return current;
}

function setMe(me: MeResponse | null): void {
  current = me;
  try {
    if (me) localStorage.setItem(ME_KEY, JSON.stringify(me));
    else localStorage.removeItem(ME_KEY);
  } catch {
    /* private mode or full storage: this page still knows `me` */
  }
  for (const cb of listeners) cb(me);
}

export function subscribeMe(cb: (me: MeResponse | null) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

async function fetchMe(): Promise<Response> {
  return fetch('/api/me', { credentials: 'include', headers: { Accept: 'application/json' } });
}

/** Signs in (online only), caches `me` and starts sync. Throws `SignInError`. */
export async function signIn(name: string, password: string): Promise<MeResponse> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new SignInError('offline');
  let res: Response;
  try {
    res = await fetch('/db/_session', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name, password }),
    });
  } catch (err) {
    throw new SignInError('offline', err);
  }
  if (res.status === 401 || res.status === 403) throw new SignInError('badCredentials');
  if (res.status === 429) throw new SignInError('rateLimited');
  if (!res.ok) throw new SignInError('server');
  let meRes: Response;
  try {
    meRes = await fetchMe();
  } catch (err) {
    throw new SignInError('offline', err);
  }
  if (meRes.status === 401) throw new SignInError('badCredentials');
  if (!meRes.ok) throw new SignInError('server');
  const me: unknown = await meRes.json().catch(() => null);
  if (!isMe(me)) throw new SignInError('server');
  const previous = getCachedMe();
  setMe(me);
  if (previous && previous.name === me.name) await removeLostSpaces(previous, me);
  // A one-time password is replaced first: the server lets such a session sync nothing.
  if (!me.mustChangePassword) syncService.start(me);
  return me;
}

/**
 * Signs out: stops sync, ends the server session when online, erases this user's local databases
 * when asked (shared devices), and forgets the cached account.
 */
export async function signOut(options: { eraseLocalData: boolean }): Promise<void> {
  const me = getCachedMe();
  await syncService.stop();
  try {
    await fetch('/db/_session', { method: 'DELETE', credentials: 'include' });
  } catch {
    /* offline: the cookie expires on its own; local state is cleared below */
  }
  if (me && options.eraseLocalData) {
    for (const space of me.spaces) await destroySpaceDb(me, space);
  } else if (me) {
    await eraseConfidentialCopies(me);
  }
  setMe(null);
}

/**
 * Confidential documents never stay on a device after their reader signs out: the personal space holding
 * them is erased (it downloads again at the next sign-in). Unsent changes there are never thrown away: then
 * the space stays, and the sign-out dialog has already said that something is unsent.
 */
async function eraseConfidentialCopies(me: MeResponse): Promise<void> {
  const { personalSpaceHoldsConfidential, personalSpacePending } = await import('./documents.ts');
  try {
    if (!(await personalSpaceHoldsConfidential(me)) || (await personalSpacePending(me)) > 0) return;
  } catch {
    return; // already erased or unreadable: nothing to keep private
  }
  const personal = me.spaces.find((s) => s.kind === 'personal');
  if (personal) await destroySpaceDb(me, personal);
}

/**
 * Re-reads `/api/me`. `'unauthorized'` (expired session) keeps the cached account and local data:
 * the shell asks to sign in again. Spaces no longer listed are removed from this device.
 */
export async function refreshMe(): Promise<'ok' | 'unauthorized' | 'offline'> {
  let res: Response;
  try {
    res = await fetchMe();
  } catch {
    return 'offline';
  }
  if (res.status === 401 || res.status === 403) return 'unauthorized';
  if (!res.ok) return 'offline';
  const me: unknown = await res.json().catch(() => null);
  if (!isMe(me)) return 'offline';
  const previous = getCachedMe();
  if (previous && previous.name !== me.name) {
    // Another account signed in elsewhere in this browser; treat as a fresh sign-in.
    await syncService.stop();
  }
  setMe(me);
  if (previous && previous.name === me.name) await removeLostSpaces(previous, me);
  if (syncService.isRunning()) syncService.start(me);
  return 'ok';
}

/** Spaces the server no longer lists for this account: stop their sync and erase their local copy. */
async function removeLostSpaces(previous: MeResponse, me: MeResponse): Promise<Space[]> {
  const kept = new Set(me.spaces.map((s) => s.db));
  const lost = previous.spaces.filter((s) => !kept.has(s.db));
  for (const space of lost) {
    await syncService.removeSpace(space.db);
    await destroySpaceDb(previous, space);
  }
  return lost;
}

// A space that answers 401/403 is checked against /api/me before anything is removed.
/**
 * Conversations come and go without a sign-in (someone starts one with me, I leave one): when the server's list
 * differs from the spaces this device knows, `/api/me` is read again (at most every 10 s), and the sync service
 * starts or stops their replication like any change of spaces.
 */
let lastConversationRefresh = 0;
changeNotifier.onConversations((ids) => {
  const me = getCachedMe();
  if (!me) return;
  const known = me.spaces
    .filter((s) => s.kind === 'conversation')
    .map((s) => s.id)
    .sort();
  if (known.join() === [...ids].sort().join() || Date.now() - lastConversationRefresh < 10_000) return;
  lastConversationRefresh = Date.now();
  void refreshMe().catch((err: unknown) => console.warn('Could not read the conversations again', err));
});

syncService.setAccessChecker(async () => {
  const result = await refreshMe();
  return { result, me: getCachedMe() };
});
