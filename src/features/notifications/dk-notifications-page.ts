import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { NOTIFICATION_KINDS, type NotificationGroup, type NotificationKind } from '../../model/notifications.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import {
  type NotificationCentre,
  loadNotificationCentre,
  loadNotificationPrefs,
  markNotificationsRead,
  saveNotificationPrefs,
  subscribeNotifications,
} from '../../data/notifications.ts';
import { type PushState, PushSetupError, disablePush, enablePush, pushState } from '../../data/push.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { icons } from '../../ui/icons.ts';
import { pageColumnStyles, pageHeadStyles } from '../../ui/page-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import '../../ui/dk-empty-state.ts';
import { notificationItemStyles, renderNotification } from './notification-item.ts';
import './messages.ts';

/**
 * The notification centre (`/notifications`): what the server's workers told me, newest first, repeats
 * grouped, unread ones marked; opening one marks it read and goes to its item. Below, which kinds reach me
 * (the server reads this choice before writing a notification). All of it from the device: works offline.
 */
@customElement('dk-notifications-page')
export class DkNotificationsPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    pageHeadStyles,
    notificationItemStyles,
    css`
      :host {
        display: block;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-3);
        margin-block: var(--dk-space-3);
      }
      .check {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
      }
      ul.list {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-1);
      }
      ul.list li {
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
      }
      ul.list li.unread {
        border-inline-start: 4px solid var(--dk-color-accent);
      }
      .prefs {
        display: grid;
        gap: var(--dk-space-2);
        margin-block-start: var(--dk-space-5);
        padding: var(--dk-space-4);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-lg);
      }
      .prefs h2 {
        font-size: var(--dk-font-size-lg);
        margin: 0;
      }
      .prefs .kinds {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
        gap: 0 var(--dk-space-3);
      }
      .push {
        display: grid;
        gap: var(--dk-space-2);
        padding-block-start: var(--dk-space-3);
        border-block-start: 1px solid var(--dk-color-border);
      }
      .push h3 {
        font-size: var(--dk-font-size-md);
        margin: 0;
      }
      .error {
        color: var(--dk-color-danger);
        margin: 0;
      }
      .hint {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        margin: 0;
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _unreadOnly = false;
  @state() private _muted: NotificationKind[] = [];
  @state() private _prefsStatus = '';
  @state() private _push: PushState | 'busy' = 'off';
  @state() private _pushError = '';

  protected readonly _locale = new LocaleController(this);

  private readonly _centre = new LiveQueryController<NotificationCentre>(
    this,
    async () => {
      if (!this._me) return { groups: [], unread: 0 };
      const [centre, prefs] = await Promise.all([loadNotificationCentre(this._me), loadNotificationPrefs(this._me)]);
      this._muted = prefs?.muted ?? [];
      return centre;
    },
    (cb) => (this._me ? subscribeNotifications(this._me, cb) : () => {}),
  );

  private _watching = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void pushState().then((state) => (this._push = state));
  }

  private async _togglePush(): Promise<void> {
    const me = this._me;
    if (!me) return;
    const wasOn = this._push === 'on';
    this._push = 'busy';
    this._pushError = '';
    try {
      if (wasOn) await disablePush(me);
      else await enablePush(me);
    } catch (err) {
      const reason = err instanceof PushSetupError ? err.reason : 'subscribe';
      this._pushError = t(`notifications.push.error.${reason}`);
      console.warn('Web Push', err);
    }
    this._push = await pushState();
  }

  protected override willUpdate(): void {
    const key = this._me?.name ?? '';
    if (key !== this._watching) {
      this._watching = key;
      this._centre.hostDisconnected();
      this._centre.hostConnected();
    }
  }

  private _open(group: NotificationGroup): void {
    if (!this._me || !group.unread) return;
    void markNotificationsRead(this._me, group.ids).catch((err: unknown) => console.warn('Could not mark read', err));
  }

  private async _markAll(): Promise<void> {
    const me = this._me;
    const centre = this._centre.value;
    if (!me || !centre) return;
    await markNotificationsRead(
      me,
      centre.groups.filter((g) => g.unread).flatMap((g) => g.ids),
    );
  }

  private async _toggleKind(kind: NotificationKind, wanted: boolean): Promise<void> {
    if (!this._me) return;
    const muted = wanted ? this._muted.filter((k) => k !== kind) : [...new Set([...this._muted, kind])];
    this._muted = muted;
    try {
      await saveNotificationPrefs(this._me, { muted });
      this._prefsStatus = navigator.onLine === false ? t('notifications.prefs.offlineHint') : t('notifications.prefs.saved');
    } catch (err) {
      this._prefsStatus = t('notifications.error');
      console.warn('Could not save the preferences', err);
    }
  }

  override render() {
    const centre = this._centre.value;
    const groups = centre ? (this._unreadOnly ? centre.groups.filter((g) => g.unread) : centre.groups) : [];
    const now = Date.now();
    return html`<div class="head">
        <div>
          <h1>${t('notifications.title')}</h1>
          <p class="intro">${t('notifications.intro')}</p>
        </div>
      </div>
      ${this._centre.error ? html`<p class="banner danger" role="alert">${t('notifications.error')}</p>` : nothing}
      ${
        !centre
          ? html`<div class="skeleton" style="block-size: 8rem" role="status" aria-label=${t('notifications.title')}></div>`
          : centre.groups.length === 0
            ? html`<dk-empty-state .heading=${t('notifications.empty.title')} .icon=${icons.bell}>
                <p>${t('notifications.empty.what')}</p>
              </dk-empty-state>`
            : html`<div class="tools">
                  <span role="status"
                    >${centre.unread ? t('notifications.unread', { count: formatNumber(centre.unread) }) : t('notifications.allRead')}</span
                  >
                  <label class="check"
                    ><input
                      type="checkbox"
                      .checked=${this._unreadOnly}
                      @change=${(e: Event) => (this._unreadOnly = (e.target as HTMLInputElement).checked)}
                    />
                    ${t('notifications.showUnread')}</label
                  >
                  ${centre.unread ? html`<button class="btn" @click=${this._markAll}>${t('notifications.markAll')}</button>` : nothing}
                </div>
                ${
                  groups.length
                    ? html`<ul class="list" aria-label=${t('notifications.listLabel')}>
                        ${groups.map((g) => html`<li class=${g.unread ? 'unread' : ''}>${renderNotification(g, (x) => this._open(x), now)}</li>`)}
                      </ul>`
                    : html`<p class="hint">${t('notifications.emptyUnread')}</p>`
                }`
      }
      ${this._renderPrefs()}`;
  }

  private _renderPrefs() {
    return html`<section class="prefs" aria-labelledby="prefs-h">
      <h2 id="prefs-h">${t('notifications.prefs.heading')}</h2>
      <p class="hint">${t('notifications.prefs.hint')}</p>
      <div class="kinds">
        ${NOTIFICATION_KINDS.map(
          (kind) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name="kind"
                value=${kind}
                .checked=${!this._muted.includes(kind)}
                @change=${(e: Event) => void this._toggleKind(kind, (e.target as HTMLInputElement).checked)}
              />
              ${t(`notifications.kind.${kind}`)}</label
            >`,
        )}
      </div>
      <p class="hint" role="status">${this._prefsStatus}</p>
      ${this._renderPush()}
    </section>`;
  }

  private _renderPush() {
    const state = this._push;
    return html`<div class="push">
      <h3 id="push-h">${t('notifications.push.heading')}</h3>
      <p class="hint">
        ${
          state === 'unsupported'
            ? t('notifications.push.unsupported')
            : state === 'denied'
              ? t('notifications.push.denied')
              : state === 'on'
                ? t('notifications.push.on')
                : t('notifications.push.off')
        }
      </p>
      ${
        state === 'unsupported' || state === 'denied'
          ? nothing
          : html`<div>
              <button class="btn ${state === 'on' ? '' : 'primary'}" ?disabled=${state === 'busy'} @click=${this._togglePush}>
                ${state === 'on' ? t('notifications.push.disable') : t('notifications.push.enable')}
              </button>
            </div>`
      }
      ${this._pushError ? html`<p class="error" role="alert">${this._pushError}</p>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-notifications-page': DkNotificationsPage;
  }
}
