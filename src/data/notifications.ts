/**
 * The notification centre's data (issue 6): `notification` documents that server workers write into the
 * user's personal space, the user's own `notificationRead` markers (append-only, like notices' read
 * markers) and their `notificationPrefs` (which kinds reach them). Everything is local, so the centre works
 * offline; markers written offline reach the user's other devices with the next sync.
 * Framework-free; views use `LiveQueryController` with `subscribeNotifications`.
 */
import type { MeResponse } from '../model/api.ts';
import {
  type NotificationDoc,
  type NotificationGroup,
  type NotificationKind,
  type NotificationPrefs,
  type NotificationRead,
  NOTIFICATION_PREFS_ID,
  groupNotifications,
  notificationReadIdOf,
} from '../model/notifications.ts';
import type { Space } from '../model/spaces.ts';
import { docsByPrefix, isSpaceDbErased, localDbReady, spaceDb, subscribeLocalChanges } from './db.ts';
import { guardQuota, statusOf } from './errors.ts';

export interface NotificationCentre {
  /** Newest first; repeats of the same kind about the same item are one group. */
  groups: NotificationGroup[];
  /** Unread notifications (not groups): the bell's and the app icon's count. */
  unread: number;
}

const personalSpace = (me: MeResponse): Space | undefined => {
  const s = me.spaces.find((x) => x.kind === 'personal');
  return s && !isSpaceDbErased(me, s) ? s : undefined;
};

async function personalDb(me: MeResponse): Promise<PouchDB.Database | null> {
  const space = personalSpace(me);
  if (!space) return null;
  const db = spaceDb(me, space);
  await localDbReady(db);
  return db;
}

export async function loadNotificationCentre(me: MeResponse): Promise<NotificationCentre> {
  const db = await personalDb(me);
  if (!db) return { groups: [], unread: 0 };
  const [docs, reads] = await Promise.all([
    docsByPrefix<NotificationDoc>(db, 'notification:'),
    docsByPrefix<NotificationRead>(db, 'notificationRead:'),
  ]);
  const read = new Set(reads.map((r) => r.notificationId));
  const groups = groupNotifications(docs, read);
  return { groups, unread: docs.filter((d) => !read.has(d._id)).length };
}

/** Marks notifications read (idempotent: one marker per notification; a marker already there is kept). */
export async function markNotificationsRead(me: MeResponse, ids: readonly string[]): Promise<void> {
  const db = await personalDb(me);
  if (!db || !ids.length) return;
  const now = new Date().toISOString();
  const markerIds = ids.map(notificationReadIdOf);
  const existing = await db.allDocs({ keys: markerIds });
  const missing = ids.filter((_, i) => {
    const row = existing.rows[i] as { error?: string; value?: { deleted?: boolean } } | undefined;
    return !row || row.error === 'not_found' || row.value?.deleted;
  });
  if (!missing.length) return;
  const markers: NotificationRead[] = missing.map((notificationId) => ({
    _id: notificationReadIdOf(notificationId),
    type: 'notificationRead',
    schema: 1,
    createdAt: now,
    createdBy: me.name,
    notificationId,
    readAt: now,
  }));
  // A 409 means another tab or device marked it first: read either way.
  await guardQuota(() => db.bulkDocs(markers));
}

export async function loadNotificationPrefs(me: MeResponse): Promise<NotificationPrefs | null> {
  const db = await personalDb(me);
  if (!db) return null;
  try {
    return (await db.get(NOTIFICATION_PREFS_ID)) as unknown as NotificationPrefs;
  } catch (err) {
    if (statusOf(err) === 404) return null;
    throw err;
  }
}

/**
 * Saves which kinds the user does not want and whether their devices get Web Push; the server's workers read
 * it before writing a notification and before pushing one. Absent fields keep their value.
 */
export async function saveNotificationPrefs(me: MeResponse, change: { muted?: readonly NotificationKind[]; push?: boolean }): Promise<void> {
  const db = await personalDb(me);
  if (!db) throw new Error('No personal space on this device.');
  const current = await loadNotificationPrefs(me);
  const now = new Date().toISOString();
  const doc: NotificationPrefs = {
    ...(current ?? { _id: NOTIFICATION_PREFS_ID, type: 'notificationPrefs', schema: 1, createdAt: now, createdBy: me.name, muted: [] }),
    ...(change.muted ? { muted: [...change.muted] } : {}),
    ...(change.push !== undefined ? { push: change.push } : {}),
    updatedAt: now,
  };
  await guardQuota(() => db.put(doc as unknown as PouchDB.Core.PutDocument<object>));
}

/** Calls `onChange` when notifications, read markers or preferences change locally or arrive by sync. */
export function subscribeNotifications(me: MeResponse, onChange: () => void): () => void {
  const space = personalSpace(me);
  if (!space) return () => undefined;
  const db = spaceDb(me, space);
  void localDbReady(db).catch(() => undefined);
  return subscribeLocalChanges(db, (change) => {
    if (change.id.startsWith('notification')) onChange();
  });
}
