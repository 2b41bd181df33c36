import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type HubDbStatus, type HubStatus, worseLinkState } from '../../model/hub.ts';
import { HubStatusError, fetchHubStatus } from '../../data/hub.ts';
import { LocaleController, formatDateTime, formatNumber, formatRelative, t } from '../../i18n/i18n.ts';
import { figureTableStyles } from '../../ui/figure-table-styles.ts';
import { pageColumnStyles } from '../../ui/page-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import './messages.ts';
import '../settings/messages.ts';

/** Refresh while the page is open: the link changes state by itself (cut off, back, catching up). */
const REFRESH_MS = 5000;

/** A name or address inside a sentence of any direction: Unicode first-strong isolate (FSI … PDI). */
const isolate = (text: string): string => `\u2068${text}\u2069`;

/** One row per space: the space's database and its files database together (the worse state, the sums). */
type SpaceRow = Pick<HubDbStatus, 'files' | 'state' | 'lastSyncAt' | 'pendingUp' | 'pendingDown' | 'conflicts'> & {
  key: string;
  label: string;
};

const sum = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a + b);
const older = (a?: string, b?: string): string | undefined => (!a || !b ? undefined : a < b ? a : b);

function spaceLabel(d: HubDbStatus): string {
  if (d.space.kind === 'org') return t('settings.space.org');
  if (d.space.kind === 'registry') return t('settings.space.registry');
  if (d.space.kind === 'personal') return `${t('settings.space.personal')} · ${d.name ?? d.space.id}`;
  return d.name ?? d.space.id;
}

function rowsOf(dbs: HubDbStatus[]): SpaceRow[] {
  const rows = new Map<string, SpaceRow>();
  for (const d of dbs) {
    const key = `${d.space.kind}:${d.space.id}`;
    const row = rows.get(key);
    if (!row) {
      rows.set(key, {
        key,
        label: spaceLabel(d),
        files: d.files,
        state: d.state,
        ...(d.lastSyncAt ? { lastSyncAt: d.lastSyncAt } : {}),
        pendingUp: d.pendingUp,
        pendingDown: d.pendingDown,
        conflicts: d.conflicts,
      });
      continue;
    }
    row.files ||= d.files;
    row.state = worseLinkState(row.state, d.state);
    const last = older(row.lastSyncAt, d.lastSyncAt);
    if (last) row.lastSyncAt = last;
    else delete row.lastSyncAt;
    row.pendingUp = sum(row.pendingUp, d.pendingUp);
    row.pendingDown = sum(row.pendingDown, d.pendingDown);
    row.conflicts += d.conflicts;
  }
  return [...rows.values()];
}

/**
 * The field hub's status page (`/hub`, docs/decisions/0006): whether the hub reaches the main server, how many
 * documents wait for their number from it, and per space the link's state, the last complete sync, what waits to go
 * up or come down, conflicts, and the records the main server refused. Online only (it asks the hub).
 */
@customElement('dk-hub-page')
export class DkHubPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    figureTableStyles,
    css`
      h1,
      h2 {
        margin: 0;
      }
      table {
        min-inline-size: 40rem;
      }
      .state {
        white-space: nowrap;
        font-weight: 600;
      }
      .state.upToDate {
        color: var(--dk-color-success);
      }
      .state.offline,
      .state.error {
        color: var(--dk-color-danger);
      }
      .muted {
        color: var(--dk-color-text-muted);
        font-weight: 400;
      }
      ul.rejected {
        margin: 0;
        padding-inline-start: var(--dk-space-4);
      }
      .mono {
        font-family: var(--dk-font-mono, monospace);
        overflow-wrap: anywhere;
      }
    `,
  ];

  @state() private _status?: HubStatus;
  @state() private _error?: HubStatusError;
  private _timer?: ReturnType<typeof setInterval>;

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
    this._timer = setInterval(() => void this._load(), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._timer);
  }

  private async _load(): Promise<void> {
    try {
      this._status = await fetchHubStatus();
      this._error = undefined;
    } catch (err) {
      this._error = err instanceof HubStatusError ? err : new HubStatusError(0, String(err));
    }
  }

  private _count(n: number | null) {
    return n === null ? html`<span class="muted">${t('hub.unknown')}</span>` : formatNumber(n);
  }

  override render() {
    const s = this._status;
    const err = this._error;
    if (err && (err.status === 404 || !s)) {
      const text = err.status === 404 ? t('hub.notHub') : err.status === 0 ? t('hub.offline') : t('hub.loadFailed', { reason: err.reason });
      return html`<h1>${t('hub.title')}</h1>
        <p class="banner ${err.status === 404 ? 'info' : 'danger'}" role="alert">${text}</p>`;
    }
    if (!s) return html`<div class="skeleton" style="block-size: 12rem" role="status" aria-label=${t('hub.loading')}></div>`;
    const rows = rowsOf(s.dbs);
    const rejected = s.dbs.flatMap((d) => d.rejected.map((r) => ({ ...r, space: spaceLabel(d) })));
    return html`<h1>${t('hub.title')}</h1>
      <p>${t('hub.intro', { hub: isolate(s.hub), upstream: isolate(s.upstream) })}</p>
      ${err ? html`<p class="banner danger" role="alert">${t('hub.offline')}</p>` : nothing}
      <div class="banner ${s.connected ? 'info' : 'warning'}" role="status" data-connected=${String(s.connected)}>
        <p>
          ${s.connected ? t('hub.connected') : t('hub.cutOff')}
          <br /><span class="muted"
            >${
              s.lastContactAt
                ? html`${t('hub.lastContact')}
                    <time datetime=${s.lastContactAt} title=${formatDateTime(s.lastContactAt)}>${formatRelative(s.lastContactAt)}</time>`
                : t('hub.neverContacted')
            }</span
          >
        </p>
      </div>
      <p data-awaiting=${s.awaitingNumbers}>
        ${s.awaitingNumbers > 0 ? t('hub.awaitingNumbers', { count: formatNumber(s.awaitingNumbers) }) : t('hub.noneAwaiting')}
      </p>
      <p class="muted">${t('hub.accounts', { count: formatNumber(s.accounts) })}</p>
      <h2 id="spaces-h">${t('hub.spaces')}</h2>
      <div class="scroll" tabindex="0" role="region" aria-labelledby="spaces-h">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('hub.col.space')}</th>
              <th scope="col">${t('hub.col.state')}</th>
              <th scope="col">${t('hub.col.lastSync')}</th>
              <th scope="col">${t('hub.col.up')}</th>
              <th scope="col">${t('hub.col.down')}</th>
              <th scope="col">${t('hub.col.conflicts')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) =>
                html`<tr data-space=${r.key} data-state=${r.state}>
                  <th scope="row">${r.label}${r.files ? html` <span class="muted">(${t('hub.withFiles')})</span>` : nothing}</th>
                  <td class="state ${r.state}">${t(`hub.state.${r.state}`)}</td>
                  <td>
                    ${
                      r.lastSyncAt
                        ? html`<time datetime=${r.lastSyncAt} title=${formatDateTime(r.lastSyncAt)}>${formatRelative(r.lastSyncAt)}</time>`
                        : html`<span class="muted">${t('hub.never')}</span>`
                    }
                  </td>
                  <td data-up=${String(r.pendingUp)}>${this._count(r.pendingUp)}</td>
                  <td>${this._count(r.pendingDown)}</td>
                  <td>${formatNumber(r.conflicts)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        s.retained.length
          ? html`<h2>${t('hub.retained')}</h2>
              <p class="hint">${t('hub.retainedHint')}</p>
              <ul class="rejected">
                ${s.retained.map(
                  (r) =>
                    html`<li data-retained=${r.db}>
                      <span class="mono" dir="ltr" lang="zxx">${r.db}</span> —
                      ${r.unsent === null ? t('hub.unknown') : t('hub.retainedUnsent', { count: formatNumber(r.unsent) })}
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${
        rejected.length
          ? html`<h2>${t('hub.rejected')}</h2>
              <p class="hint">${t('hub.rejectedHint')}</p>
              <ul class="rejected">
                ${rejected.map(
                  (r) =>
                    html`<li>
                      ${r.space}: <span class="mono" dir="ltr" lang="zxx">${r.id}</span> — <span lang="en">${r.reason}</span>
                      <span class="muted">(<time datetime=${r.at}>${formatRelative(r.at)}</time>)</span>
                    </li>`,
                )}
              </ul>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-hub-page': DkHubPage;
  }
}
