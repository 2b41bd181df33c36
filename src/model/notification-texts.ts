import type { NotificationKind, NotificationSubject } from './notifications.ts';

/**
 * What a notification says, in each language of the app: the notification centre (through the catalog,
 * `src/features/notifications/messages.ts`) and Web Push (`server/workers/push-worker.ts`, in the language the
 * device was using when it subscribed) read the same texts, so a phone's lock screen and the app agree.
 */
export const NOTIFICATION_LOCALES = ['vi', 'en', 'ar'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];

export const isNotificationLocale = (v: unknown): v is NotificationLocale =>
  typeof v === 'string' && (NOTIFICATION_LOCALES as readonly string[]).includes(v);

/** "{actor} giao cho bạn": who did what. */
export const NOTIFICATION_TEXTS: Readonly<Record<NotificationLocale, Readonly<Record<NotificationKind, string>>>> = {
  vi: {
    assigned: '{actor} giao cho bạn',
    directionGiven: '{actor} cho ý kiến chỉ đạo',
    returned: '{actor} trả lại',
    mentioned: '{actor} nhắc đến bạn',
    dueSoon: 'Sắp đến hạn',
    overdue: 'Đã quá hạn',
    extensionAnswered: '{actor} trả lời đề nghị gia hạn',
    scheduleChanged: '{actor} thay đổi lịch',
    invitation: '{actor} mời bạn dự',
    approvalNeeded: '{actor} trình bạn duyệt',
  },
  en: {
    assigned: '{actor} assigned you',
    directionGiven: '{actor} gave a direction',
    returned: '{actor} returned',
    mentioned: '{actor} mentioned you',
    dueSoon: 'Due soon',
    overdue: 'Overdue',
    extensionAnswered: '{actor} answered the extension request',
    scheduleChanged: '{actor} changed the schedule',
    invitation: '{actor} invited you',
    approvalNeeded: '{actor} asks for your approval',
  },
  ar: {
    assigned: '{actor} أسند إليك',
    directionGiven: '{actor} أعطى توجيهاً',
    returned: '{actor} أعاد',
    mentioned: '{actor} أشار إليك',
    dueSoon: 'قريب الموعد',
    overdue: 'متأخر',
    extensionAnswered: '{actor} ردّ على طلب التمديد',
    scheduleChanged: '{actor} غيّر الجدول',
    invitation: '{actor} دعاك',
    approvalNeeded: '{actor} يطلب موافقتك',
  },
};

/** The actor when no one did it (due soon, overdue). */
export const SYSTEM_ACTOR: Readonly<Record<NotificationLocale, string>> = {
  vi: 'Hệ thống',
  en: 'System',
  ar: 'النظام',
};

/** The text with its actor (their display name, else their account, else the system). */
export function notificationTitle(kind: NotificationKind, actor: string | undefined, locale: NotificationLocale): string {
  return NOTIFICATION_TEXTS[locale][kind].replace('{actor}', actor || SYSTEM_ACTOR[locale]);
}

/** Where a notification leads in the app: the item it is about, or the conversation of a mention there. */
export function notificationPath(subject: Pick<NotificationSubject, 'type' | 'id'>): string {
  switch (subject.type) {
    case 'officialDocument':
      return `/documents/${encodeURIComponent(subject.id)}`;
    case 'task':
      return `/tasks/${encodeURIComponent(subject.id)}`;
    case 'calendarEvent':
      return `/schedule/events/${encodeURIComponent(subject.id)}`;
    case 'thread':
      return `/messages/${encodeURIComponent(subject.id)}`;
    default:
      return '/notifications';
  }
}
