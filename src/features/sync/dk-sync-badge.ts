import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import type { SyncSnapshot } from '../../sync/types.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { fire } from './events.ts';
import { stateIcon } from './icons.ts';
import './messages.ts';

/**
 * Compact sync status for the top bar: the overall state (icon + word) and the number of local
 * changes waiting to be sent. Activating it asks the shell to open the sync panel.
 *
 * @fires dk-open-sync-panel - the user wants the sync details
 * @csspart button - the clickable badge
 */
@customElement('dk-sync-badge')
export class DkSyncBadge extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-block;
      }
      button {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        padding-block: var(--dk-space-1);
        padding-inline: var(--dk-space-3);
        border: 1px solid var(--dk-color-border);
        border-radius: 999px;
        background: var(--dk-color-surface);
        color: var(--dk-color-text);
        font: inherit;
        font-size: var(--dk-font-size-sm);
        font-weight: 600;
        cursor: pointer;
        white-space: nowrap;
      }
      button:hover {
        background: var(--dk-color-surface-muted);
      }
      .icon {
        display: inline-flex;
      }
      [data-state='upToDate'] .icon {
        color: var(--dk-color-success);
      }
      [data-state='syncing'] .icon,
      [data-state='connecting'] .icon {
        color: var(--dk-color-primary);
      }
      [data-state='offline'] .icon {
        color: var(--dk-color-text-muted);
      }
      [data-state='error'] .icon,
      [data-state='needsSignIn'] .icon,
      [data-state='accessDenied'] .icon {
        color: var(--dk-color-danger);
      }
      [data-state='error'],
      [data-state='needsSignIn'] {
        border-color: var(--dk-color-danger);
      }
      .count {
        min-inline-size: 1.5rem;
        padding-inline: var(--dk-space-1);
        border-radius: 999px;
        background: var(--dk-color-warning-soft);
        color: var(--dk-color-warning);
        border: 1px solid #e7b968;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      @media (prefers-reduced-motion: no-preference) {
        [data-state='syncing'] .icon svg {
          animation: spin 1.6s linear infinite;
        }
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      /* Phones: icon and count only; the state stays in the accessible name. */
      @media (max-width: 479px) {
        .word {
          display: none;
        }
      }
    `,
  ];

  /** The sync service's snapshot (the shell provides it). */
  @property({ attribute: false }) snapshot?: SyncSnapshot;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    const s = this.snapshot;
    const state = s?.overall ?? 'connecting';
    const word = t(`sync.state.${state}`);
    const pending = s?.pendingLocal ?? 0;
    const pendingText = pending > 0 ? t('sync.pending.long', { count: pending }) : '';
    return html`<button
      part="button"
      type="button"
      data-state=${state}
      aria-haspopup="dialog"
      aria-label=${[t('sync.badge.open', { state: word }), pendingText].filter(Boolean).join('. ')}
      title=${[word, pending > 0 ? t('sync.pending', { count: pending }) : ''].filter(Boolean).join(' · ')}
      @click=${this._open}
    >
      <span class="icon">${stateIcon(state)}</span>
      <span class="word">${word}</span>
      ${pending > 0 ? html`<span class="count" data-testid="pending">${formatNumber(pending)}</span>` : nothing}
    </button>`;
  }

  private _open(): void {
    fire(this, 'dk-open-sync-panel');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-sync-badge': DkSyncBadge;
  }
}
