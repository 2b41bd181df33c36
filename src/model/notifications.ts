/**
 * Notifications (issue 6). Server workers turn events into `notification` documents in each recipient's
 * personal space (DESIGN.md "Spaces": personal spaces hold notifications); the user's own devices then have
 * them offline like everything else. Shared by the server (`server/workers/notification-worker.ts`), the
 * validation rules (`./validate-doc.ts`, bundled into design documents: keep this file pure, no imports) and
 * the browser (`src/data/notifications.ts`).
 *
 * Read state is append-only like notices' read markers: the user writes one `notificationRead` per
 * notification in their own personal space; the notification itself is never edited, so two devices marking
 * it read offline never conflict.
 */

export const NOTIFICATION_KINDS = [
  'assigned',
  'directionGiven',
  'returned',
  'mentioned',
  'dueSoon',
  'overdue',
  'extensionAnswered',
  'scheduleChanged',
  'invitation',
  'approvalNeeded',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_SCHEMA = 1;
/** `createdBy` of every notification: the server writes them, users never may (SERVER_ONLY_TYPES). */
export const NOTIFICATION_AUTHOR = 'system';

export interface NotificationSubject {
  /** `thread`: a conversation (a mention there); a mention in a thread on an item has the item as its subject. */
  type: 'officialDocument' | 'task' | 'calendarEvent' | 'thread';
  /**
   * What the notification links to: the parent document's `_id` (`officialDocument:…`, `task:…`), or for a
   * `thread` the conversation's id (its space id, `/messages/<id>`).
   */
  id: string;
  /** Summary or title when the notification was made, for display without opening the item. */
  title: string;
}

export interface NotificationDoc {
  /** `notificationId(kind, sourceId, to)`: deterministic, so a change handled twice writes one document. */
  _id: string;
  _rev?: string;
  type: 'notification';
  schema: number;
  kind: NotificationKind;
  /** Recipient's account name (the owner of the personal space it is in). */
  to: string;
  /** ISO time of the source event (what the UI shows and sorts by, newest first). */
  at: string;
  /** Account name of who did it; absent for what the system notices itself (due soon, overdue). */
  actor?: string;
  actorName?: string;
  subject: NotificationSubject;
  /** `${kind}:${subject.id}`: repeats of a kind about one item are shown as one group. */
  groupKey: string;
  /** Short text: a return reason, a direction or comment excerpt, an extension answer, the deadline. */
  detail?: string;
  /** When the server wrote it. */
  createdAt: string;
  createdBy: 'system';
}

export interface NotificationRead {
  /** `notificationReadIdOf(notificationId)`: one marker per notification. */
  _id: string;
  _rev?: string;
  type: 'notificationRead';
  schema: number;
  notificationId: string;
  readAt: string;
  createdAt: string;
  createdBy: string;
}

/** `_id` of the one preferences document in a personal space (ids must start with their type). */
export const NOTIFICATION_PREFS_ID = 'notificationPrefs:me';

export interface NotificationPrefs {
  _id: typeof NOTIFICATION_PREFS_ID;
  _rev?: string;
  type: 'notificationPrefs';
  schema: number;
  /** Kinds the user does not want: the worker writes none of these (it reads this document each time). */
  muted: NotificationKind[];
  /** Whether the user asked for system (push) notifications on their devices. */
  push?: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt?: string;
}

export const NOTIFICATION_LIMITS = { detailMax: 300, titleMax: 500 } as const;

export const isNotificationKind = (v: unknown): v is NotificationKind =>
  typeof v === 'string' && (NOTIFICATION_KINDS as readonly string[]).indexOf(v) !== -1;

/** The id after the type prefix (`taskEvent:01J…` → `01J…`). */
const suffixOf = (id: string): string => id.slice(id.indexOf(':') + 1);

/**
 * `notification:<source suffix>.<kind>.<recipient>`. The source is the ORIGINAL event (or task) id, the same
 * in every space that holds a copy of it, so the copies in three unit spaces, a restart or a second server all
 * write the same id (the later ones get a 409). Source ids are ULIDs, so the ids sort roughly by when the event
 * happened; sweeps add a day (`task:01J…@2026-12-05`) and sort with their task, so the UI sorts on `at`.
 */
export const notificationId = (kind: NotificationKind, sourceId: string, to: string): string =>
  `notification:${suffixOf(sourceId)}.${kind}.${to}`;

/** `notificationRead:<same suffix>` for `notification:<suffix>`. */
export const notificationReadIdOf = (notificationId: string): string => `notificationRead:${notificationId.slice('notification:'.length)}`;

export const groupKeyOf = (kind: NotificationKind, subjectId: string): string => `${kind}:${subjectId}`;

/** Trims a text to the length a notification shows (whole words where possible). */
export function excerpt(text: string | undefined, max: number = NOTIFICATION_LIMITS.detailMax): string | undefined {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

const readSetOf = (reads: Iterable<string> | readonly Pick<NotificationRead, 'notificationId'>[]): Set<string> => {
  const set = new Set<string>();
  for (const r of reads as Iterable<string | Pick<NotificationRead, 'notificationId'>>)
    set.add(typeof r === 'string' ? r : r.notificationId);
  return set;
};

/** Notifications not marked read (by notification ids, or the markers themselves). */
export function unreadCount(
  notifications: readonly Pick<NotificationDoc, '_id'>[],
  reads: Iterable<string> | readonly Pick<NotificationRead, 'notificationId'>[],
): number {
  const read = readSetOf(reads);
  return notifications.filter((n) => !read.has(n._id)).length;
}

export interface NotificationGroup {
  groupKey: string;
  /** The newest notification of the group: what the list shows. */
  latest: NotificationDoc;
  /** How many notifications the group holds. */
  count: number;
  /** How many of them are unread (0: the group reads as read). */
  unread: number;
  /** Every notification id of the group, newest first (to mark them all read). */
  ids: string[];
}

const newestFirst = (a: NotificationDoc, b: NotificationDoc): number =>
  a.at < b.at ? 1 : a.at > b.at ? -1 : a._id < b._id ? 1 : a._id > b._id ? -1 : 0;

/** Groups by `groupKey`; groups and their members newest first (by `at`, the source event's time). */
export function groupNotifications(
  notifications: readonly NotificationDoc[],
  reads: Iterable<string> | readonly Pick<NotificationRead, 'notificationId'>[] = [],
): NotificationGroup[] {
  const read = readSetOf(reads);
  const groups = new Map<string, NotificationGroup>();
  for (const n of [...notifications].sort(newestFirst)) {
    const key = n.groupKey || groupKeyOf(n.kind, n.subject.id);
    const g = groups.get(key);
    const unread = read.has(n._id) ? 0 : 1;
    if (g) {
      g.count++;
      g.unread += unread;
      g.ids.push(n._id);
    } else groups.set(key, { groupKey: key, latest: n, count: 1, unread, ids: [n._id] });
  }
  return [...groups.values()];
}

// ————————————————————————————————————————————— mentions

/** `@an.nguyen`: an account name (roles.ts USER_NAME_PATTERN) after an `@` that does not follow a word character. */
const MENTION = /(^|[^\p{L}\p{N}_.@-])@([a-z][a-z0-9._-]{1,39})/gu;

/**
 * Account names mentioned in a text, in order, once each, and only those `known` (the directory's accounts):
 * `@an.nguyen.` at the end of a sentence means `an.nguyen`; e-mail addresses (`x@y.vn`) are not mentions.
 */
export function mentionedNames(text: string | undefined, known: (name: string) => boolean): string[] {
  const names: string[] = [];
  for (const m of (text ?? '').matchAll(MENTION)) {
    let name = m[2]!;
    while (/[._-]$/.test(name)) name = name.slice(0, -1);
    if (!known(name) && known(m[2]!)) name = m[2]!;
    if (known(name) && names.indexOf(name) === -1) names.push(name);
  }
  return names;
}

export interface MentionSource {
  /** The message or event that mentions (its id makes the notification ids). */
  sourceId: string;
  text: string | undefined;
  actor: string;
  actorName?: string;
  /** ISO time of the message. */
  at: string;
  subject: NotificationSubject;
}

/**
 * The `mentioned` notifications of a text, one per known account mentioned other than its author. The
 * task and document workers use it for comments and notes (messages take their `mentions` as written).
 * The caller still checks that each recipient may read the subject and has not muted mentions.
 */
export function mentionNotifications(source: MentionSource, known: (name: string) => boolean, now: string): NotificationDoc[] {
  return mentionedNames(source.text, known)
    .filter((to) => to !== source.actor)
    .map((to) =>
      makeNotification({
        kind: 'mentioned',
        sourceId: source.sourceId,
        to,
        at: source.at,
        actor: source.actor,
        actorName: source.actorName,
        subject: source.subject,
        detail: source.text,
        now,
      }),
    );
}

export interface NotificationInput {
  kind: NotificationKind;
  /** The original event (or task) the notification comes from. */
  sourceId: string;
  to: string;
  at: string;
  actor?: string;
  actorName?: string;
  subject: NotificationSubject;
  detail?: string;
  /** When it is written. */
  now: string;
}

export function makeNotification(i: NotificationInput): NotificationDoc {
  const detail = excerpt(i.detail);
  return {
    _id: notificationId(i.kind, i.sourceId, i.to),
    type: 'notification',
    schema: NOTIFICATION_SCHEMA,
    kind: i.kind,
    to: i.to,
    at: i.at,
    ...(i.actor ? { actor: i.actor } : {}),
    ...(i.actor && i.actorName ? { actorName: i.actorName } : {}),
    subject: { ...i.subject, title: excerpt(i.subject.title, NOTIFICATION_LIMITS.titleMax) ?? '' },
    groupKey: groupKeyOf(i.kind, i.subject.id),
    ...(detail ? { detail } : {}),
    createdAt: i.now,
    createdBy: NOTIFICATION_AUTHOR,
  };
}
