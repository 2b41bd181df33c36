import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { headedUnitsOf, isBaseRole } from '../../model/roles.ts';
import { LocaleController, formatBytes, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import '../../ui/dk-locale-select.ts';
import { spacesInOrder } from '../../ui/spaces-order.ts';
import { reminderDays, setReminderDays } from '../../data/tasks.ts';
import '../tasks/messages-reminders.ts';
import './messages.ts';
import '../hub/messages.ts';
import './dk-change-password.ts';
import '../schedule/dk-calendar-subscription.ts';

const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

interface StorageInfo {
  usage?: number;
  quota?: number;
  persisted?: boolean;
  canPersist: boolean;
}

/**
 * Settings: language (vi, en, ar), storage used and available on this device, persistent storage
 * (status and request), account information and the app version.
 */
@customElement('dk-settings-page')
export class DkSettingsPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      h1 {
        font-size: var(--dk-font-size-xl);
        margin-block-end: var(--dk-space-4);
      }
      .sections {
        display: grid;
        gap: var(--dk-space-4);
      }
      section {
        display: grid;
        gap: var(--dk-space-3);
        padding: var(--dk-space-4) var(--dk-space-5);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-lg);
      }
      h2 {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        font-size: var(--dk-font-size-lg);
      }
      h2 svg {
        color: var(--dk-color-primary);
      }
      p {
        margin: 0;
      }
      meter {
        inline-size: 100%;
        block-size: 12px;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: var(--dk-space-2) var(--dk-space-4);
        margin: 0;
      }
      dt {
        color: var(--dk-color-text-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      dd ul {
        margin: 0;
        padding-inline-start: var(--dk-space-4);
      }
      @media (max-width: 599px) {
        section {
          padding: var(--dk-space-4);
        }
        dl {
          grid-template-columns: 1fr;
          gap: 0;
        }
        dd {
          margin-block-end: var(--dk-space-2);
        }
      }
      .ok {
        color: var(--dk-color-success);
      }
      .warn {
        color: var(--dk-color-warning);
      }
      .days {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
      }
      .days input {
        inline-size: 6rem;
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _storage?: StorageInfo;
  @state() private _persistDenied = false;
  @state() private _requesting = false;
  @state() private _daysError = false;
  @state() private _daysSaved?: number;

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._readStorage();
  }

  private async _readStorage(): Promise<void> {
    const storage = navigator.storage as StorageManager | undefined;
    const info: StorageInfo = { canPersist: typeof storage?.persist === 'function' };
    try {
      if (storage?.estimate) {
        const estimate = await storage.estimate();
        info.usage = estimate.usage;
        info.quota = estimate.quota;
      }
      if (storage?.persisted) info.persisted = await storage.persisted();
    } catch (err) {
      console.warn('Storage information unavailable', err);
    }
    this._storage = info;
  }

  private async _requestPersist(): Promise<void> {
    this._requesting = true;
    try {
      const granted = await navigator.storage.persist();
      this._persistDenied = !granted;
    } finally {
      this._requesting = false;
      await this._readStorage();
    }
  }

  private _roleLabels(me: MeResponse): string[] {
    const labels = me.roles.filter(isBaseRole).map((r) => t(`settings.role.${r}`));
    if (headedUnitsOf(me).length > 0) labels.push(t('settings.role.head'));
    return labels;
  }

  override render() {
    return html`<h1>${t('settings.title')}</h1>
      <div class="sections">
        <section aria-labelledby="lang-h">
          <h2 id="lang-h">${icons.globe}${t('settings.language')}</h2>
          <p class="hint">${t('settings.languageHint')}</p>
          <dk-locale-select></dk-locale-select>
        </section>
        ${this._renderReminders()}
        <section aria-labelledby="calendar-h">
          <h2 id="calendar-h">${icons.schedule}${t('schedule.sub.title')}</h2>
          <dk-calendar-subscription></dk-calendar-subscription>
        </section>
        ${this._renderStorage()} ${this._renderAccount()}
        ${
          this._me
            ? html`<section aria-labelledby="password-h">
                <h2 id="password-h">${icons.admin}${t('password.title')}</h2>
                <dk-change-password .account=${this._me.name}></dk-change-password>
              </section>`
            : nothing
        }
        <section aria-labelledby="about-h">
          <h2 id="about-h">${icons.info}${t('settings.about')}</h2>
          <dl>
            <dt>${t('settings.version')}</dt>
            <dd dir="ltr">${t('app.fullName')} · ${APP_VERSION}</dd>
          </dl>
          ${
            this._me?.settings?.hub
              ? html`<p>
                  <a href="/hub" data-hub-status>${t('hub.openStatus')}</a> (<span dir="ltr">${this._me.settings.hub.name}</span>)
                </p>`
              : nothing
          }
        </section>
      </div>`;
  }

  private _renderStorage() {
    const s = this._storage;
    return html`<section aria-labelledby="storage-h" aria-busy=${s ? 'false' : 'true'}>
      <h2 id="storage-h">${icons.storage}${t('settings.storage')}</h2>
      <p class="hint">${t('settings.storageHint')}</p>
      ${
        !s
          ? html`<div class="skeleton" style="block-size: 3.5rem"></div>`
          : html`${
              s.usage !== undefined && s.quota
                ? html`<p>${t('settings.storageUsed', { used: formatBytes(s.usage), quota: formatBytes(s.quota) })}</p>
                    <meter min="0" max=${s.quota} value=${s.usage} aria-label=${t('settings.storageUsage')}>
                      ${formatNumber(Math.round((s.usage / s.quota) * 100))}%
                    </meter>`
                : html`<p>${t('settings.storageUnknown')}</p>`
            }
            ${
              !s.canPersist
                ? html`<p class="hint">${t('settings.persistUnsupported')}</p>`
                : s.persisted
                  ? html`<p class="ok">${t('settings.persisted')}</p>`
                  : html`<p class="warn">${t('settings.notPersisted')}</p>
                      <div>
                        <button class="btn primary" ?disabled=${this._requesting} @click=${this._requestPersist}>
                          ${t('settings.requestPersist')}
                        </button>
                      </div>
                      ${this._persistDenied ? html`<p class="hint" role="status">${t('settings.persistDenied')}</p>` : nothing}`
            }`
      }
    </section>`;
  }

  /** The reminder lead time (per account, on this device): tasks count as due soon this many days ahead. */
  private _renderReminders() {
    const me = this._me;
    if (!me) return nothing;
    const onChange = (e: Event): void => {
      const input = e.target as HTMLInputElement;
      const n = Number(input.value);
      this._daysSaved = undefined;
      this._daysError = input.value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 60;
      if (this._daysError) {
        input.focus();
        return;
      }
      setReminderDays(me, n);
      this._daysSaved = reminderDays(me);
    };
    return html`<section aria-labelledby="reminders-h">
      <h2 id="reminders-h">${icons.clock}${t('tasks.reminders.settings')}</h2>
      <div class="field">
        <label for="lead-days">${t('tasks.reminders.leadDays')}</label>
        <div class="days">
          <input
            id="lead-days"
            type="number"
            inputmode="numeric"
            min="0"
            max="60"
            step="1"
            .value=${String(reminderDays(me))}
            aria-invalid=${this._daysError ? 'true' : 'false'}
            aria-describedby=${this._daysError ? 'lead-days-error lead-days-hint' : 'lead-days-hint'}
            @change=${onChange}
          />
          <span>${t('tasks.reminders.days')}</span>
        </div>
        ${this._daysError ? html`<p class="error" id="lead-days-error">${t('tasks.reminders.leadDaysError')}</p>` : nothing}
        <p class="hint" id="lead-days-hint">${t('tasks.reminders.leadDaysHint')}</p>
      </div>
      <p class="hint" role="status">${this._daysSaved !== undefined ? t('tasks.reminders.saved', { days: this._daysSaved }) : ''}</p>
    </section>`;
  }

  private _renderAccount() {
    const me = this._me;
    if (!me) return nothing;
    return html`<section aria-labelledby="account-h">
      <h2 id="account-h">${icons.user}${t('settings.account')}</h2>
      <dl>
        <dt>${t('settings.displayName')}</dt>
        <dd>${me.displayName}</dd>
        <dt>${t('settings.accountName')}</dt>
        <dd dir="ltr">${me.name}</dd>
        <dt>${t('settings.roles')}</dt>
        <dd>${this._roleLabels(me).join(', ')}</dd>
        <dt>${t('settings.spaces')}</dt>
        <dd>
          <ul>
            ${spacesInOrder(me.spaces).map((s) => html`<li>${s.kind === 'unit' ? s.title : t(`settings.space.${s.kind}`)}</li>`)}
          </ul>
        </dd>
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-settings-page': DkSettingsPage;
  }
}
