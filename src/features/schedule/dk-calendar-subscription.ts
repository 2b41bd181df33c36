import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type SubscriptionInfo, createSubscription, revokeSubscription, subscriptionInfo } from '../../data/calendar-interchange.ts';
import { LocaleController, formatDateTime, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import './messages.ts';

/**
 * The private calendar link (Settings): a read-only iCalendar feed of everything the person may see, for the
 * calendar app of their phone or desktop. The server keeps only a hash of the link's token, so the link is shown
 * once, when made; making a new one or revoking stops the old one at once. Needs the network (the link is the
 * server's); says so when offline.
 */
@customElement('dk-calendar-subscription')
export class DkCalendarSubscription extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--dk-space-3);
      }
      .url {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
        align-items: center;
      }
      .url input {
        flex: 1 1 16rem;
        min-inline-size: 0;
        font-family: var(--dk-font-mono, monospace);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
      }
    `,
  ];

  @state() private _info: SubscriptionInfo | null | undefined;
  @state() private _url = '';
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _status = '';

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._read();
  }

  private async _read(): Promise<void> {
    try {
      this._info = await subscriptionInfo();
      this._error = '';
    } catch {
      this._info = undefined;
      this._error = t('schedule.sub.offline');
    }
  }

  private async _run(what: () => Promise<void>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      await what();
    } catch (err) {
      this._error = (err as { reason?: string }).reason === 'offline' ? t('schedule.sub.offline') : t('schedule.sub.failed');
    } finally {
      this._busy = false;
    }
  }

  private readonly _create = () =>
    this._run(async () => {
      const made = await createSubscription();
      this._url = made.url;
      this._info = { createdAt: made.createdAt };
      this._status = t('schedule.sub.made');
    });

  private readonly _revoke = () =>
    this._run(async () => {
      await revokeSubscription();
      this._url = '';
      this._info = null;
      this._status = t('schedule.sub.revoked');
    });

  private readonly _copy = async () => {
    try {
      await navigator.clipboard.writeText(this._url);
      this._status = t('schedule.sub.copied');
    } catch {
      this.renderRoot.querySelector<HTMLInputElement>('#sub-url')?.select();
    }
  };

  override render() {
    const info = this._info;
    return html`<p class="hint">${t('schedule.sub.hint')}</p>
      ${
        this._url
          ? html`<div class="url">
                <label class="visually-hidden" for="sub-url">${t('schedule.sub.link')}</label>
                <input
                  id="sub-url"
                  dir="ltr"
                  readonly
                  .value=${this._url}
                  @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
                />
                <button class="btn" @click=${this._copy}>${t('schedule.sub.copy')}</button>
              </div>
              <p class="hint">${t('schedule.sub.once')}</p>`
          : info
            ? html`<p>
                ${t('schedule.sub.exists', { at: formatDateTime(info.createdAt) })}${info.lastUsedAt ? ` ${t('schedule.sub.used', { at: formatDateTime(info.lastUsedAt) })}` : ''}
              </p>`
            : info === null
              ? html`<p>${t('schedule.sub.none')}</p>`
              : nothing
      }
      <div class="buttons">
        <button class="btn primary" ?disabled=${this._busy} @click=${this._create}>
          ${info ? t('schedule.sub.renew') : t('schedule.sub.create')}
        </button>
        ${info ? html`<button class="btn" ?disabled=${this._busy} @click=${this._revoke}>${t('schedule.sub.revoke')}</button>` : nothing}
      </div>
      <div role="status" aria-live="polite">${this._status}</div>
      ${this._error ? html`<div class="banner warning" role="alert">${this._error}</div>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-calendar-subscription': DkCalendarSubscription;
  }
}
