import { NOTIFICATION_PREFS_ID, type NotificationDoc, type NotificationPrefs } from '../../src/model/notifications.ts';
import { type NotificationLocale, notificationPath, notificationTitle } from '../../src/model/notification-texts.ts';
import { dbNameOf } from '../../src/model/spaces.ts';
import { getOrNull } from '../services/directory.ts';
import type { PushService, PushText } from '../services/push.ts';
import type { Store } from '../store/types.ts';
import type { Worker } from './host.ts';

/** What a phone shows for a notification, in the language the device used when it subscribed: who did what, the item. */
export function pushText(n: NotificationDoc, locale: NotificationLocale = 'vi'): PushText {
  return {
    title: notificationTitle(n.kind, n.actorName || n.actor, locale),
    body: n.detail ? `${n.subject.title}\n${n.detail}` : n.subject.title,
    url: notificationPath(n.subject),
  };
}

/** Notifications written longer ago than this are not pushed (the centre lists them anyway). */
export const PUSH_MAX_AGE_MS = 60 * 60_000;

/**
 * Web Push (issue 6): follows every personal space; a notification written there for the first time goes to
 * the recipient's subscribed devices when they turned push on and did not mute its kind (their preferences,
 * in the same space, read at sending time). Once per notification, whichever server handles it (see
 * `PushService.deliver`).
 */
export function pushWorker(store: Store, push: PushService): Worker {
  return {
    name: 'push',
    follows: (space) => space.kind === 'personal',
    async handle({ space, doc }) {
      if (doc.type !== 'notification' || doc._deleted || !doc._rev.startsWith('1-')) return;
      const n = doc as unknown as NotificationDoc;
      if (n.to !== space.id) return;
      // A worker starting on an old feed (first start, a restored backup) must not ring phones for last month's news.
      if (Date.now() - Date.parse(n.createdAt) > PUSH_MAX_AGE_MS) return;
      const prefs = await getOrNull<NotificationPrefs>(await store.db(dbNameOf(space)), NOTIFICATION_PREFS_ID);
      if (!prefs?.push || prefs.muted?.includes(n.kind)) return;
      await push.deliver(n, (locale) => pushText(n, locale));
    },
  };
}
