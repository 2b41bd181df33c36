import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import webpush from 'web-push';
import { NOTIFICATION_LOCALES, type NotificationLocale, isNotificationLocale } from '../../src/model/notification-texts.ts';
import type { NotificationDoc } from '../../src/model/notifications.ts';
import type { Logger } from '../logger.ts';
import { openAdminOnlyDb } from '../store/admin-only-db.ts';
import type { Store } from '../store/types.ts';

/**
 * Web Push (issue 6, optional): tells a phone about a notification while the app is closed. The server signs
 * with its VAPID keys (RFC 8292) and encrypts the payload for each subscription (RFC 8291) with `web-push`;
 * the request itself goes out with `fetch`. Subscriptions (a browser's endpoint at its push service and its
 * keys) are secrets of a device: they live in the admin-only `docket-push` database, never in a space, so no
 * account reads another's. Everything works without push: the notification is in the personal space anyway.
 */
export const PUSH_DB = 'docket-push';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

interface SubscriptionDoc {
  _id: string;
  _rev?: string;
  type: 'pushSubscription';
  user: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  createdAt: string;
  userAgent?: string;
  /** The app's language on the device when it subscribed (what its pushes say). */
  locale?: NotificationLocale;
}

/** What one push shows: title, body, and the path it opens. */
export interface PushText {
  title: string;
  body: string;
  url: string;
}

export class PushError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushError';
  }
}

export interface PushOptions {
  /** `mailto:` or `https:` contact the push services may use (VAPID `sub`). */
  subject: string;
  /** Accept `http://127.0.0.1…` endpoints: for tests on one machine only (a real push service is public HTTPS). */
  allowLoopback?: boolean;
  log?: Logger;
  /** Seconds a push service keeps an undelivered message (phone off): a day. */
  ttl?: number;
}

const subscriptionId = (endpoint: string): string => `pushSubscription:${createHash('sha256').update(endpoint).digest('hex')}`;
const sentId = (notificationId: string): string => `pushSent:${notificationId}`;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const isLoopback = (host: string): boolean => host === '127.0.0.1' || host === '[::1]' || host === 'localhost';

/**
 * Checks an endpoint before the server ever sends to it: HTTPS on a public host name. Otherwise an account
 * could make the server POST to addresses inside the ward's network (SSRF).
 */
export function endpointProblem(endpoint: unknown, allowLoopback = false): string | null {
  if (typeof endpoint !== 'string' || endpoint.length > 2048) return 'endpoint must be a URL of at most 2048 characters.';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'endpoint must be a URL.';
  }
  if (allowLoopback && url.protocol === 'http:' && isLoopback(url.hostname)) return null;
  if (url.protocol !== 'https:') return 'endpoint must be an https: URL of a push service.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) || host === 'localhost' || !host.includes('.') || url.username || url.password)
    return 'endpoint must be on a push service’s public host name.';
  return null;
}

export class PushService {
  private readonly db: Promise<PouchDB.Database>;

  constructor(
    store: Store,
    readonly keys: VapidKeys,
    private readonly opts: PushOptions,
  ) {
    this.db = openAdminOnlyDb(store, PUSH_DB);
  }

  ready(): Promise<unknown> {
    return this.db;
  }

  /** Records a device's subscription for the account (idempotent; a browser's endpoint moves to whoever subscribed last). */
  async subscribe(user: string, input: unknown, userAgent?: string): Promise<{ created: boolean }> {
    const sub = input as Partial<PushSubscriptionInput> | null;
    const problem = endpointProblem(sub?.endpoint, this.opts.allowLoopback);
    if (problem) throw new PushError(problem);
    const keys = sub!.keys;
    if (
      !keys ||
      typeof keys.p256dh !== 'string' ||
      typeof keys.auth !== 'string' ||
      !BASE64URL.test(keys.p256dh) ||
      !BASE64URL.test(keys.auth)
    )
      throw new PushError('keys.p256dh and keys.auth must be base64url strings (from PushSubscription.toJSON()).');
    if (keys.p256dh.length > 200 || keys.auth.length > 100) throw new PushError('keys are too long.');
    const locale = (input as { locale?: unknown }).locale;
    if (locale !== undefined && !isNotificationLocale(locale))
      throw new PushError(`locale must be one of ${NOTIFICATION_LOCALES.join(', ')}.`);
    const db = await this.db;
    const id = subscriptionId(sub!.endpoint!);
    const existing = await db.get<SubscriptionDoc>(id).catch(() => null);
    const doc: SubscriptionDoc = {
      _id: id,
      ...(existing ? { _rev: existing._rev } : {}),
      type: 'pushSubscription',
      user,
      endpoint: sub!.endpoint!,
      keys: { p256dh: keys.p256dh, auth: keys.auth },
      createdAt: existing?.createdAt ?? new Date().toISOString(),
      ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}),
      ...(locale ? { locale } : {}),
    };
    if (
      existing &&
      existing.user === user &&
      existing.keys.p256dh === doc.keys.p256dh &&
      existing.keys.auth === doc.keys.auth &&
      existing.locale === doc.locale
    )
      return { created: false };
    await db.put(doc);
    return { created: !existing };
  }

  /** Forgets a device's subscription (only the account's own). */
  async unsubscribe(user: string, endpoint: unknown): Promise<boolean> {
    if (typeof endpoint !== 'string') throw new PushError('endpoint must be a string.');
    const db = await this.db;
    const doc = await db.get<SubscriptionDoc>(subscriptionId(endpoint)).catch(() => null);
    if (!doc || doc.user !== user) return false;
    await db.remove(doc._id, doc._rev!);
    return true;
  }

  async subscriptionsOf(user: string): Promise<SubscriptionDoc[]> {
    const db = await this.db;
    const res = await db.allDocs<SubscriptionDoc>({ startkey: 'pushSubscription:', endkey: 'pushSubscription:\ufff0', include_docs: true });
    return res.rows.map((r) => r.doc!).filter((d) => d.user === user);
  }

  /**
   * Sends one notification to every device of its recipient, once: a `pushSent:` marker is claimed first, so a
   * change handled again (after a crash, or by a second app server) sends nothing. A subscription the push
   * service says is gone (404, 410) is forgotten. Resolves to the number of devices that accepted it.
   */
  async deliver(n: NotificationDoc, textFor: (locale: NotificationLocale) => PushText): Promise<number> {
    const db = await this.db;
    try {
      await db.put({ _id: sentId(n._id), type: 'pushSent', to: n.to, at: new Date().toISOString() });
    } catch (err) {
      if ((err as { status?: number }).status === 409) return 0;
      throw err;
    }
    let accepted = 0;
    for (const sub of await this.subscriptionsOf(n.to)) {
      if (endpointProblem(sub.endpoint, this.opts.allowLoopback)) continue;
      // Each device in its own language (subscriptions from before languages were recorded: Vietnamese).
      const payload = JSON.stringify({ ...textFor(isNotificationLocale(sub.locale) ? sub.locale : 'vi'), tag: n.groupKey, id: n._id });
      try {
        const req = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: sub.keys }, payload, {
          vapidDetails: { subject: this.opts.subject, publicKey: this.keys.publicKey, privateKey: this.keys.privateKey },
          TTL: this.opts.ttl ?? 86_400,
          urgency: 'normal',
        });
        const res = await fetch(req.endpoint, {
          method: 'POST',
          headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
          body: req.body ? new Uint8Array(req.body) : undefined,
          redirect: 'error',
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 404 || res.status === 410) await db.remove(sub._id, sub._rev!).catch(() => undefined);
        else if (res.ok) accepted++;
        else this.opts.log?.warn({ status: res.status, user: n.to }, 'push service refused a notification');
      } catch (err) {
        // One device's push service being down must not stop the others (the notification is in the space anyway).
        this.opts.log?.warn({ err, user: n.to }, 'push failed');
      }
    }
    return accepted;
  }
}

/** New VAPID keys (P-256). */
export const generateVapidKeys = (): VapidKeys => webpush.generateVAPIDKeys();
