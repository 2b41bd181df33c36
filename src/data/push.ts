/**
 * Web Push on this device (issue 6, optional): subscribes the service worker's push manager with the server's
 * VAPID key and registers the subscription with the server, which then pushes new notifications here even
 * while the app is closed. The user's choice (`push`) is kept in their notification preferences, which the
 * server reads before each push. Everything works without it.
 */
import type { MeResponse } from '../model/api.ts';
import { getLocale } from '../i18n/i18n.ts';
import { saveNotificationPrefs } from './notifications.ts';

export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

export class PushSetupError extends Error {
  constructor(
    readonly reason: 'denied' | 'offline' | 'noWorker' | 'subscribe' | 'server',
    message: string,
  ) {
    super(message);
    this.name = 'PushSetupError';
  }
}

const supported = (): boolean =>
  typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && typeof Notification !== 'undefined';

/** The service worker's registration, or null when the app runs without one (development server). */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  const reg = await navigator.serviceWorker.getRegistration();
  return reg?.active ? reg : null;
}

/** Whether this device is subscribed (its push manager holds a subscription) and allowed to show notifications. */
export async function pushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await registration();
  const sub = await reg?.pushManager.getSubscription();
  return sub && Notification.permission === 'granted' ? 'on' : 'off';
}

async function send(method: 'POST' | 'DELETE', body: unknown): Promise<void> {
  const res = await fetch('/api/push/subscriptions', {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok && !(method === 'DELETE' && res.status === 404)) {
    const reason = ((await res.json().catch(() => ({}))) as { reason?: string }).reason ?? `HTTP ${res.status}`;
    throw new PushSetupError('server', reason);
  }
}

/** Asks for permission, subscribes this device and tells the server. Online only (the server must learn the subscription). */
export async function enablePush(me: MeResponse): Promise<void> {
  if (!supported()) throw new PushSetupError('subscribe', 'This browser has no Web Push.');
  if (navigator.onLine === false) throw new PushSetupError('offline', 'Offline.');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushSetupError('denied', `Notifications are ${permission}.`);
  const reg = await registration();
  if (!reg) throw new PushSetupError('noWorker', 'No service worker.');
  const keyRes = await fetch('/api/push/key', { credentials: 'same-origin' });
  if (!keyRes.ok) throw new PushSetupError('server', `HTTP ${keyRes.status}`);
  const { publicKey } = (await keyRes.json()) as { publicKey: string };
  let sub: PushSubscription;
  try {
    sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey }));
  } catch (err) {
    throw new PushSetupError('subscribe', err instanceof Error ? err.message : String(err));
  }
  await send('POST', { ...sub.toJSON(), locale: getLocale() });
  await saveNotificationPrefs(me, { push: true });
}

/** Unsubscribes this device and tells the server; the preference goes off (other devices stop too). */
export async function disablePush(me: MeResponse): Promise<void> {
  const reg = supported() ? await registration() : null;
  const sub = await reg?.pushManager.getSubscription();
  if (sub) {
    await send('DELETE', { endpoint: sub.endpoint }).catch(() => undefined); // gone or offline: the push service forgets it anyway
    await sub.unsubscribe();
  }
  await saveNotificationPrefs(me, { push: false });
}

/**
 * Tells the server the app's language again for this device's existing subscription (the person switched it;
 * `main.ts` calls this then). Best effort: offline, the next switch or enabling push sends it.
 */
export async function sendPushLocale(): Promise<void> {
  if (!supported() || navigator.onLine === false || Notification.permission !== 'granted') return;
  const sub = await (await registration())?.pushManager.getSubscription();
  if (sub) await send('POST', { ...sub.toJSON(), locale: getLocale() });
}
