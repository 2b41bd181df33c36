import { css, html, nothing } from 'lit';
import type { NotificationGroup } from '../../model/notifications.ts';
import { notificationPath } from '../../model/notification-texts.ts';
import { formatNumber, formatRelative, t } from '../../i18n/i18n.ts';
import './messages.ts';

/** Where a notification leads: the item it is about, or the conversation (the same path a push opens). */
export const notificationLink = (group: NotificationGroup): string => notificationPath(group.latest.subject);

/** "Trần Văn Hùng giao cho bạn": who did what, in the reader's language; the system when no one did. */
export function notificationText(group: NotificationGroup): string {
  const n = group.latest;
  return t(`notifications.text.${n.kind}`, { actor: n.actorName || n.actor || t('notifications.system') });
}

/**
 * One group of notifications as a link to its item: what happened, the item's title, the detail (a reason,
 * a direction), how many times and when. Used by the notification centre and the bell's panel; `onOpen`
 * marks the group read before the link is followed.
 */
export function renderNotification(group: NotificationGroup, onOpen: (group: NotificationGroup) => void, now = Date.now()) {
  const n = group.latest;
  return html`<a
    class="notification ${group.unread ? 'unread' : ''}"
    href=${notificationLink(group)}
    data-id=${n._id}
    data-kind=${n.kind}
    @click=${() => onOpen(group)}
  >
    <span class="what"
      >${group.unread ? html`<span class="dot" aria-hidden="true"></span><span class="visually-hidden">${t('notifications.new')}: </span>` : nothing}${notificationText(
        group,
      )}</span
    >
    <span class="subject"><bdi>${n.subject.title}</bdi></span>
    ${n.detail ? html`<span class="detail"><bdi>${n.detail}</bdi></span>` : nothing}
    <span class="when"
      >${formatRelative(n.at, now)}${group.count > 1 ? html` · ${t('notifications.times', { count: formatNumber(group.count) })}` : nothing}</span
    >
  </a>`;
}

export const notificationItemStyles = css`
  a.notification {
    display: grid;
    gap: 2px;
    padding: var(--dk-space-2) var(--dk-space-3);
    min-block-size: var(--dk-touch-target);
    border-radius: var(--dk-radius-sm);
    color: inherit;
    text-decoration: none;
  }
  a.notification:hover {
    background: var(--dk-color-surface-muted);
  }
  a.notification .what {
    font-size: var(--dk-font-size-sm);
    color: var(--dk-color-text-muted);
  }
  a.notification.unread .what {
    color: var(--dk-color-text);
    font-weight: 600;
  }
  a.notification .dot {
    display: inline-block;
    inline-size: 8px;
    block-size: 8px;
    margin-inline-end: var(--dk-space-1);
    border-radius: 50%;
    background: var(--dk-color-accent);
    vertical-align: middle;
  }
  a.notification .subject {
    font-weight: 600;
    color: var(--dk-color-primary);
    overflow-wrap: anywhere;
  }
  a.notification .detail {
    font-size: var(--dk-font-size-sm);
    overflow-wrap: anywhere;
  }
  a.notification .when {
    font-size: var(--dk-font-size-sm);
    color: var(--dk-color-text-muted);
  }
`;
