import { monotonicFactory } from 'ulid';

/** Every document type the app stores. Event types are named after their parent. */
export const DOC_TYPES = [
  'unit',
  'person',
  'room',
  'body',
  'registryBook',
  'documentType',
  'deviceKey',
  'notice',
  'noticeRead',
  'officialDocument',
  'officialDocumentEvent',
  'task',
  'taskEvent',
  'file',
  'notification',
  'notificationRead',
  'notificationPrefs',
  'calendarEvent',
  'calendarEventEvent',
  'scheduleWeekEvent',
  'conversation',
  'message',
  'messageEvent',
  'messageRead',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

const ulid = monotonicFactory();

/**
 * `<type>:<ULID>`: the ULID sorts by creation time, so `_id` order is creation order
 * in `_all_docs` and `_changes`, and two offline devices never pick the same id.
 */
export function newId(type: DocType, now: number = Date.now()): string {
  return `${type}:${ulid(now)}`;
}

/** The type prefix of an `_id` (`notice:01J…` → `notice`). */
export function typeOfId(id: string): string {
  const colon = id.indexOf(':');
  return colon < 0 ? '' : id.slice(0, colon);
}
