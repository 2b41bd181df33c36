import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController, formatBytes, formatDateTime, formatNumber, formatRelative, t } from '../../i18n/i18n.ts';
import type { UploadSnapshot } from '../../sync/file-uploads.ts';
import type { RejectedDoc, SpaceSyncStatus, SyncSnapshot, SyncState } from '../../sync/types.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { fire } from './events.ts';
import { stateIcon } from './icons.ts';
import './messages.ts';

/** The ward, registry and personal spaces are named by the catalog; units keep their own names. */
function spaceTitle(space: Pick<SpaceSyncStatus['space'], 'kind' | 'title'>): string {
  return space.kind === 'org' || space.kind === 'personal' || space.kind === 'registry' ? t(`sync.space.${space.kind}`) : space.title;
}

const HINTS: Partial<Record<SyncState, string>> = {
  offline: 'sync.hint.offline',
  needsSignIn: 'sync.hint.needsSignIn',
  error: 'sync.hint.error',
  accessDenied: 'sync.hint.accessDenied',
};

/**
 * Sync details: overall state, per-space state, pending local changes, last synced time (relative),
 * first-sync progress, conflicts, documents the server refused (with the reason and a discard
 * action), and a "sync now" button. Purely presentational: the shell passes the snapshot in and
 * handles the events.
 *
 * @fires dk-sync-now - the user asked to sync now
 * @fires dk-discard-rejected - `{ id, spaceDb }`: remove a refused document from this device
 */
@customElement('dk-sync-panel')
export class DkSyncPanel extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-3);
      }
      .overall {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        font-weight: 700;
        font-size: var(--dk-font-size-lg);
      }
      .meta {
        margin: var(--dk-space-1) 0 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .banner {
        margin-block: var(--dk-space-3) 0;
      }
      h3 {
        font-size: var(--dk-font-size-md);
        margin-block: var(--dk-space-5) var(--dk-space-2);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-2);
      }
      li.space,
      li.upload progress {
        inline-size: 100%;
      }
      li.rejected {
        padding-block: var(--dk-space-3);
        padding-inline: var(--dk-space-3);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface);
      }
      .space-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-2);
      }
      .state {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-1);
      }
      .state svg {
        inline-size: 16px;
        block-size: 16px;
      }
      .state[data-state='upToDate'] {
        color: var(--dk-color-success);
        background: var(--dk-color-success-soft);
      }
      .state[data-state='error'],
      .state[data-state='needsSignIn'],
      .state[data-state='accessDenied'] {
        color: var(--dk-color-danger);
        background: var(--dk-color-danger-soft);
      }
      .state[data-state='syncing'],
      .state[data-state='connecting'] {
        color: var(--dk-color-primary);
        background: var(--dk-color-primary-soft);
      }
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-1) var(--dk-space-4);
        margin: var(--dk-space-2) 0 0;
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      dl div {
        display: flex;
        gap: var(--dk-space-1);
      }
      dt::after {
        content: ':';
      }
      dd {
        margin: 0;
        color: var(--dk-color-text);
        font-variant-numeric: tabular-nums;
      }
      .warn {
        color: var(--dk-color-warning);
        font-weight: 600;
      }
      .progress {
        display: grid;
        gap: var(--dk-space-1);
        margin-block-start: var(--dk-space-2);
        font-size: var(--dk-font-size-sm);
      }
      progress {
        inline-size: 100%;
        block-size: 0.5rem;
        accent-color: var(--dk-color-primary);
      }
      .error {
        margin-block-start: var(--dk-space-2);
      }
      li.rejected {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-2);
        border-color: #f1a9a0;
        background: var(--dk-color-danger-soft);
      }
      .rejected .what {
        display: grid;
        gap: var(--dk-space-1);
        min-inline-size: 0;
        flex: 1 1 14rem;
      }
      .rejected .label {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .rejected [lang='en'] {
        display: block;
      }
      .rejected .reason,
      .rejected time {
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text);
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The sync service's snapshot (the shell provides it). */
  @property({ attribute: false }) snapshot?: SyncSnapshot;

  /** Current time for relative dates; re-read every 30 s while shown (tests may fix it). */
  @property({ attribute: false }) now?: number;

  private _tick?: ReturnType<typeof setInterval>;

  constructor() {
    super();
    new LocaleController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._tick = setInterval(() => this.requestUpdate(), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._tick);
  }

  override render() {
    const s = this.snapshot;
    if (!s) return nothing;
    const hint = HINTS[s.overall];
    return html`
      <div class="summary">
        <div>
          <div class="overall" data-testid="overall">${stateIcon(s.overall)}<span>${t(`sync.state.${s.overall}`)}</span></div>
          <p class="meta">
            ${s.pendingLocal > 0 ? html`<span class="warn">${t('sync.pending.long', { count: s.pendingLocal })}</span>` : t('sync.pending.none')}
            · ${s.lastSyncedAt ? html`${t('sync.lastSynced.label')}: ${this._time(s.lastSyncedAt)}` : t('sync.neverSynced')}
          </p>
        </div>
        <button class="btn primary" type="button" data-testid="sync-now" @click=${this._syncNow}>${t('sync.now')}</button>
      </div>
      ${hint ? html`<p class="banner ${s.overall === 'offline' ? 'info' : s.overall === 'needsSignIn' ? 'warning' : 'danger'}" role="status">${t(hint)}</p>` : nothing}
      ${s.rejected.length ? this._renderRejected(s.rejected, s.spaces) : nothing}
      ${s.uploads?.items.length ? this._renderUploads(s.uploads) : nothing}
      <h3 id="spaces-heading">${t('sync.spaces')}</h3>
      ${
        s.spaces.length
          ? html`<ul aria-labelledby="spaces-heading">
              ${s.spaces.map((space) => this._renderSpace(space))}
            </ul>`
          : html`<p class="meta">${t('sync.noSpaces')}</p>`
      }
    `;
  }

  /** A relative time ("5 phút trước") with the full date and time as its tooltip. */
  private _time(iso: string) {
    return html`<time datetime=${iso} title=${formatDateTime(iso)}>${formatRelative(iso, this.now ?? Date.now())}</time>`;
  }

  private _renderSpace(status: SpaceSyncStatus) {
    const { space, state, pendingLocal, lastSyncedAt, firstSync, conflicts, error } = status;
    return html`<li class="space" data-space=${space.db}>
      <div class="space-head">
        <strong>${spaceTitle(space)}</strong>
        <span class="chip state" data-state=${state}>${stateIcon(state)}${t(`sync.state.${state}`)}</span>
      </div>
      <dl>
        <div>
          <dt>${t('sync.lastSynced.label')}</dt>
          <dd>${lastSyncedAt ? this._time(lastSyncedAt) : t('sync.neverSynced')}</dd>
        </div>
        <div class=${pendingLocal > 0 ? 'warn' : ''}>
          <dt>${t('sync.pending.label')}</dt>
          <dd data-testid="space-pending">${formatNumber(pendingLocal)}</dd>
        </div>
        ${
          conflicts > 0
            ? html`<div class="warn">
                <dt>${t('sync.conflicts.label')}</dt>
                <dd data-testid="space-conflicts">${formatNumber(conflicts)}</dd>
              </div>`
            : nothing
        }
      </dl>
      ${
        firstSync
          ? html`<div class="progress">
              <span>${t('sync.firstSync', { received: firstSync.received, total: firstSync.total })}</span>
              <progress
                max=${Math.max(firstSync.total, 1)}
                .value=${Math.min(firstSync.received, Math.max(firstSync.total, 1))}
                aria-label=${t('sync.firstSync.label', { space: spaceTitle(space) })}
              ></progress>
            </div>`
          : nothing
      }
      ${state === 'error' && error ? html`<p class="error">${t(`sync.error.${error}`)}</p>` : nothing}
      ${state === 'accessDenied' ? html`<p class="error">${t('sync.hint.accessDenied')}</p>` : nothing}
    </li>`;
  }

  private _renderRejected(rejected: RejectedDoc[], spaces: SpaceSyncStatus[]) {
    const titleOf = (db: string): string => {
      const space = spaces.find((s) => s.space.db === db)?.space;
      return space ? spaceTitle(space) : db;
    };
    return html`<h3 id="rejected-heading">${t('sync.rejected.title', { count: rejected.length })}</h3>
      <p class="meta">${t('sync.rejected.hint')}</p>
      <ul aria-labelledby="rejected-heading">
        ${rejected.map(
          (r) =>
            html`<li class="rejected" data-id=${r.id}>
              <div class="what">
                <span class="label">${r.label}</span>
                <span class="reason">${t('sync.rejected.why')}</span>
                <span class="reason"
                  >${t('sync.rejected.reasonLabel')}
                  <!-- The server explains in English: say so to screen readers (and to the catalog check). -->
                  <span lang="en" dir="ltr">${r.reason}</span></span
                >
                <span class="meta">${titleOf(r.spaceDb)} · ${this._time(r.at)}</span>
              </div>
              <button
                class="btn danger"
                type="button"
                aria-label=${t('sync.rejected.discardLabel', { label: r.label })}
                @click=${() => this._discard(r)}
              >
                ${t('sync.rejected.discard')}
              </button>
            </li>`,
        )}
      </ul>`;
  }

  /** Files of documents waiting to be sent: each with its progress, or why the server refused it. */
  private _renderUploads(u: UploadSnapshot) {
    return html`<h3 id="uploads-heading">${t('sync.uploads.title', { count: u.items.length })}</h3>
      <p class="meta">${t('sync.uploads.hint', { size: formatBytes(u.remainingBytes) })}</p>
      <ul aria-labelledby="uploads-heading" data-testid="uploads">
        ${u.items.map(
          (i) =>
            html`<li class="upload" data-file=${i.fileId}>
              <div class="what">
                <span class="label">${i.name}</span>
                <span class="meta">${spaceTitle(i.space)} · ${formatBytes(i.size)} · ${t(`sync.uploads.${i.state}`)}</span>
                ${
                  i.state === 'uploading'
                    ? html`<progress
                        max=${i.size || 1}
                        value=${i.sent}
                        aria-label=${t('sync.uploads.progress', { name: i.name })}
                      ></progress>`
                    : nothing
                }
                ${
                  i.state === 'refused' && i.reason
                    ? html`<span class="reason error">${t('sync.rejected.reasonLabel')} <span lang="en" dir="ltr">${i.reason}</span></span>`
                    : nothing
                }
              </div>
            </li>`,
        )}
      </ul>`;
  }

  private _syncNow(): void {
    fire(this, 'dk-sync-now');
  }

  private _discard(r: RejectedDoc): void {
    fire(this, 'dk-discard-rejected', { id: r.id, spaceDb: r.spaceDb });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-sync-panel': DkSyncPanel;
  }
}
