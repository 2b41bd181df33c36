import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { wardDayOf } from '../../model/tasks/due.ts';
import { listTasks, reminderDays, subscribeTasks } from '../../data/tasks.ts';
import { LocaleController, formatDay, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { taskPath } from '../../app/router.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { OutsideClickController, topBarTriggerStyles } from '../../ui/top-bar-popup.ts';
import { MAX_SEPARATE_NOTIFICATIONS, type Reminder, dueReminders, loadShown, notYetShown, rememberShown, saveShown } from './reminders.ts';
import './messages-reminders.ts';
import {
  type NotificationCentre,
  loadNotificationCentre,
  markNotificationsRead,
  subscribeNotifications,
} from '../../data/notifications.ts';
import type { NotificationGroup } from '../../model/notifications.ts';
import { notificationItemStyles, renderNotification } from '../notifications/notification-item.ts';

/** How often the clock alone can make a task due soon or overdue. */
export const CHECK_EVERY_MS = 5 * 60_000;

export type NotifyFn = (title: string, options: NotificationOptions & { data: { url: string } }) => Promise<void>;

type Permission = NotificationPermission | 'unsupported';
const permissionNow = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * A local notification through the service worker registration (the only way on Android, and it outlives the
 * tab); without a registration (development server) a page notification.
 */
export const showLocalNotification: NotifyFn = async (title, options) => {
  const reg = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  if (reg) await reg.showNotification(title, options);
  else new Notification(title, options);
};

const bell = svg`<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z"/><path d="M10 20.5a2 2 0 0 0 4 0"/></svg>`;

/** How many unread notification groups the bell's panel lists (the rest are on /notifications). */
const BELL_GROUPS = 5;

/**
 * The bell in the top bar: its count is the unread notifications (issue 6: what the server's workers wrote
 * into my personal space) plus the tasks I lead or coordinate that are overdue or due within my lead time; its
 * panel lists the newest unread notifications (a link to the centre for the rest) and the reminders, each a link
 * to its item, and offers to turn on notifications. The app icon shows the unread count (Badging API) where the
 * platform has one. With permission, each reminder becomes a local notification once per task,
 * kind and day (remembered per account on this device). Checked when it starts, when tasks change, every few
 * minutes and when the app comes back to the foreground. Loaded by the shell after sign-in, outside the tasks
 * chunk.
 */
@customElement('dk-task-reminders')
export class DkTaskReminders extends LitElement {
  static override styles = [
    sharedStyles,
    topBarTriggerStyles,
    notificationItemStyles,
    css`
      .trigger {
        position: relative;
      }
      .count {
        position: absolute;
        inset-block-start: 4px;
        inset-inline-end: 2px;
        min-inline-size: 1.25rem;
        padding-inline: 4px;
        border-radius: 999px;
        background: var(--dk-color-accent);
        color: #fff;
        font-size: 0.75rem;
        font-weight: 700;
        line-height: 1.25rem;
        text-align: center;
        box-shadow: 0 0 0 2px var(--dk-color-primary);
      }
      .panel {
        position: absolute;
        inset-inline-end: 0;
        inset-block-start: calc(100% + 4px);
        z-index: 20;
        inline-size: min(26rem, calc(100vw - 16px));
        max-block-size: calc(100dvh - var(--dk-topbar-height) - 16px);
        overflow-y: auto;
        display: grid;
        gap: var(--dk-space-3);
        padding: var(--dk-space-3);
        background: var(--dk-color-surface);
        color: var(--dk-color-text);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        box-shadow: var(--dk-shadow-2);
        --dk-color-focus: #1b64d1;
      }
      @media (max-width: 599px) {
        /* On a phone the bell is not at the edge: the panel spans the screen under the top bar. */
        .panel {
          position: fixed;
          inset-inline: 8px;
          inset-block-start: calc(var(--dk-topbar-height) + 4px);
          inline-size: auto;
          /* Above the bottom navigation bar, which would otherwise hide the end of the list. */
          max-block-size: calc(100dvh - var(--dk-topbar-height) - var(--dk-bottombar-height) - 12px);
        }
      }
      h2 {
        font-size: var(--dk-font-size-lg);
      }
      h3 {
        font-size: var(--dk-font-size-md, 1rem);
        margin-block-end: var(--dk-space-1);
      }
      h3.overdue {
        color: var(--dk-color-danger);
      }
      p {
        margin: 0;
      }
      .hint {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
      }
      li a {
        display: grid;
        gap: 2px;
        padding: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        border-radius: var(--dk-radius-sm);
        color: inherit;
        text-decoration: none;
      }
      li a:hover {
        background: var(--dk-color-surface-muted);
      }
      li a .title {
        font-weight: 600;
        color: var(--dk-color-primary);
        overflow-wrap: anywhere;
      }
      li a .when {
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      li.overdue .when {
        color: var(--dk-color-danger);
        font-weight: 600;
      }
      .notify {
        display: grid;
        gap: var(--dk-space-2);
        padding-block-start: var(--dk-space-3);
        border-block-start: 1px solid var(--dk-color-border);
      }
      .all {
        color: var(--dk-color-primary);
        font-weight: 600;
      }
      .notifications {
        display: grid;
        gap: var(--dk-space-2);
        padding-block-end: var(--dk-space-3);
        border-block-end: 1px solid var(--dk-color-border);
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  /** The clock (tests set it). */
  @property({ attribute: false }) clock: () => Date = () => new Date();
  /** Shows one local notification (tests replace it). */
  @property({ attribute: false }) notify: NotifyFn = showLocalNotification;

  @state() private _items: Reminder[] = [];
  @state() private _centre: NotificationCentre = { groups: [], unread: 0 };
  @state() private _open = false;
  @state() private _permission: Permission = permissionNow();

  @query('.trigger') private _trigger!: HTMLButtonElement;

  protected readonly _locale = new LocaleController(this);

  private _watching = '';
  private _stop?: () => void;
  private _stopNotifications?: () => void;
  private _centreTimer?: ReturnType<typeof setTimeout>;
  private _timer?: ReturnType<typeof setTimeout>;
  private _interval?: ReturnType<typeof setInterval>;
  private _checking?: Promise<void>;

  protected readonly _outside = new OutsideClickController(this, () => {
    if (this._open) this._open = false;
  });
  private readonly _onVisible = (): void => {
    if (document.visibilityState === 'visible') this._schedule(0);
  };

  /** The reminders shown in the bell (for tests and the shell). */
  get reminders(): readonly Reminder[] {
    return this._items;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this._onVisible);
    this._interval = setInterval(() => this._schedule(0), CHECK_EVERY_MS);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('visibilitychange', this._onVisible);
    clearInterval(this._interval);
    clearTimeout(this._timer);
    clearTimeout(this._centreTimer);
    this._stop?.();
    this._stop = undefined;
    this._stopNotifications?.();
    this._stopNotifications = undefined;
    this._watching = '';
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    // Restart the subscription when the account or its spaces change.
    const me = this._me;
    const key = me ? `${me.name}|${me.spaces.map((s) => s.db).join(',')}` : '';
    if (key === this._watching) return;
    this._watching = key;
    this._stop?.();
    this._stop = undefined;
    this._stopNotifications?.();
    this._stopNotifications = undefined;
    this._items = [];
    this._centre = { groups: [], unread: 0 };
    if (!me) return;
    this._stop = subscribeTasks(me, () => this._schedule(400));
    this._stopNotifications = subscribeNotifications(me, () => this._loadCentre(300));
    this._schedule(0);
    this._loadCentre(0);
  }

  /** Reloads the notifications after a burst of changes, and sets the app icon's badge. */
  private _loadCentre(delayMs: number): void {
    clearTimeout(this._centreTimer);
    this._centreTimer = setTimeout(() => {
      const me = this._me;
      if (!me) return;
      loadNotificationCentre(me).then(
        (centre) => {
          if (this._me?.name !== me.name) return;
          this._centre = centre;
          setAppBadge(centre.unread);
        },
        (err: unknown) => console.warn('Could not read the notifications', err),
      );
    }, delayMs);
  }

  /** The notifications shown in the bell (for tests). */
  get notifications(): NotificationCentre {
    return this._centre;
  }

  private _openNotification(group: NotificationGroup): void {
    this._open = false;
    if (this._me && group.unread)
      void markNotificationsRead(this._me, group.ids).catch((err: unknown) => console.warn('Could not mark read', err));
  }

  /** Replication writes in bursts: one check after the burst. */
  private _schedule(delayMs: number): void {
    clearTimeout(this._timer);
    this._timer = setTimeout(() => void this.check(), delayMs);
  }

  /** Recomputes the reminders and shows the notifications not shown today. Resolves when done. */
  async check(): Promise<void> {
    if (this._checking) await this._checking;
    this._checking = this._check().finally(() => (this._checking = undefined));
    return this._checking;
  }

  private async _check(): Promise<void> {
    const me = this._me;
    if (!me) return;
    const now = this.clock();
    let rows;
    try {
      rows = await listTasks(me, now);
    } catch (err) {
      console.warn('Could not check reminders', err);
      return;
    }
    if (this._me?.name !== me.name) return;
    this._items = dueReminders(rows, me.name, now, reminderDays(me));
    this._permission = permissionNow();
    if (this._permission === 'granted') await this._notify(me, now);
  }

  private async _notify(me: MeResponse, now: Date): Promise<void> {
    const fresh = notYetShown(this._items, loadShown(me.name), now);
    if (fresh.length === 0) return;
    try {
      if (fresh.length > MAX_SEPARATE_NOTIFICATIONS) {
        const overdue = fresh.filter((r) => r.kind === 'overdue').length;
        await this.notify(t('tasks.reminders.notify.summary', { count: fresh.length }), {
          body: t('tasks.reminders.notify.summaryBody', { overdue, dueSoon: fresh.length - overdue }),
          tag: `task-reminders:${wardDayOf(now)}`,
          icon: '/favicon.svg',
          data: { url: '/tasks' },
        });
      } else {
        for (const r of fresh) {
          await this.notify(t(`tasks.reminders.notify.${r.kind}`, { title: r.title }), {
            body: t('tasks.reminders.notify.deadline', { date: formatDay(r.deadline) + (r.deadlineTime ? ` ${r.deadlineTime}` : '') }),
            tag: `task-reminder:${r.id}:${r.kind}`,
            icon: '/favicon.svg',
            data: { url: taskPath(r.id) },
          });
        }
      }
      saveShown(me.name, rememberShown(loadShown(me.name), fresh, now));
    } catch (err) {
      // Not remembered: tried again at the next check.
      console.warn('Could not show a notification', err);
    }
  }

  private async _enable(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    try {
      this._permission = await Notification.requestPermission();
    } catch {
      this._permission = permissionNow();
    }
    if (this._permission === 'granted') await this.check();
  }

  private async _toggle(): Promise<void> {
    this._open = !this._open;
    if (!this._open) return;
    this._permission = permissionNow();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#reminders-title')?.focus();
  }

  private _onPanelKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this._open = false;
    this._trigger.focus();
  }

  private _when(r: Reminder): string {
    if (r.kind === 'overdue')
      return r.daysLeft < 0 ? t('tasks.reminders.overdueBy', { days: -r.daysLeft }) : t('tasks.reminders.overdueToday');
    return r.daysLeft <= 0 ? t('tasks.reminders.dueToday') : t('tasks.reminders.daysLeft', { days: r.daysLeft });
  }

  override render() {
    if (!this._me) return nothing;
    const unread = this._centre.unread;
    const n = this._items.length + unread;
    const label = unread
      ? t('notifications.bell.button', { count: n })
      : n
        ? t('tasks.reminders.button', { count: n })
        : t('tasks.reminders.buttonNone');
    return html`<button
        class="btn trigger"
        aria-expanded=${this._open ? 'true' : 'false'}
        aria-controls="reminders-panel"
        aria-label=${label}
        title=${t('tasks.reminders.title')}
        @click=${this._toggle}
      >
        ${bell}${n ? html`<span class="count" aria-hidden="true">${n > 99 ? '99+' : formatNumber(n)}</span>` : nothing}
      </button>
      ${this._open ? this._renderPanel() : nothing}`;
  }

  private _renderPanel() {
    const overdue = this._items.filter((r) => r.kind === 'overdue');
    const soon = this._items.filter((r) => r.kind === 'dueSoon');
    const list = (items: Reminder[], kind: 'overdue' | 'dueSoon') =>
      items.length
        ? html`<section aria-labelledby=${`h-${kind}`}>
            <h3 id=${`h-${kind}`} class=${kind}>${t(`tasks.reminders.${kind}`)} (${formatNumber(items.length)})</h3>
            <ul>
              ${items.map(
                (r) =>
                  html`<li class=${kind}>
                    <a href=${taskPath(r.id)} data-id=${r.id} @click=${() => (this._open = false)}>
                      <span class="title" dir="auto">${r.title}</span>
                      <span class="when">${this._when(r)} · ${formatDay(r.deadline)}${r.deadlineTime ? ` ${r.deadlineTime}` : ''}</span>
                    </a>
                  </li>`,
              )}
            </ul>
          </section>`
        : nothing;
    return html`<div id="reminders-panel" class="panel" role="region" aria-labelledby="reminders-title" @keydown=${this._onPanelKey}>
      ${this._renderNotifications()}
      <div>
        <h2 id="reminders-title" tabindex="-1">${t('tasks.reminders.title')}</h2>
        <p class="hint">${t('tasks.reminders.intro', { days: reminderDays(this._me!) })}</p>
      </div>
      ${this._items.length ? html`${list(overdue, 'overdue')} ${list(soon, 'dueSoon')}` : html`<p>${t('tasks.reminders.empty')}</p>`}
      <a class="all" href="/tasks" @click=${() => (this._open = false)}>${t('tasks.reminders.all')}</a>
      <div class="notify">${this._renderPermission()}</div>
    </div>`;
  }

  private _renderNotifications() {
    const unread = this._centre.groups.filter((g) => g.unread);
    const now = Date.now();
    return html`<section class="notifications" aria-labelledby="h-notifications">
      <h2 id="h-notifications">${t('notifications.bell.heading')}</h2>
      ${
        unread.length
          ? html`<ul>
              ${unread.slice(0, BELL_GROUPS).map((g) => html`<li>${renderNotification(g, (x) => this._openNotification(x), now)}</li>`)}
            </ul>`
          : html`<p class="hint">${t('notifications.bell.none')}</p>`
      }
      <a class="all" href="/notifications" @click=${() => (this._open = false)}>${t('notifications.bell.all')}</a>
    </section>`;
  }

  private _renderPermission() {
    switch (this._permission) {
      case 'unsupported':
        return html`<p class="hint">${t('tasks.reminders.unsupported')}</p>`;
      case 'denied':
        return html`<p class="hint" role="status">${t('tasks.reminders.denied')}</p>`;
      case 'granted':
        return html`<p class="hint" role="status">${t('tasks.reminders.on')}</p>`;
      default:
        return html`<p class="hint">${t('tasks.reminders.enableHint')}</p>
          <div><button class="btn primary enable" @click=${this._enable}>${t('tasks.reminders.enable')}</button></div>`;
    }
  }
}

/** The unread count on the installed app's icon, where the platform has one (Chromium on desktop and Android). */
function setAppBadge(count: number): void {
  const nav = navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  const done = count > 0 ? nav.setAppBadge?.(count) : nav.clearAppBadge?.();
  done?.catch(() => undefined); // not installed, or not allowed: the bell's count is there anyway
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-reminders': DkTaskReminders;
  }
}
