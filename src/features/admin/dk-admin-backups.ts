import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { BackupFileInfo, BackupsResponse, RestoreCheckResponse, RunningBackup } from '../../model/backups.ts';
import { LocaleController, formatBytes, formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { AdminApiError } from '../../data/admin.ts';
import { backupDownloadUrl, checkBackup, listBackups, startBackup } from '../../data/admin-backups.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import { fileNameInText } from './backup-name.ts';
import './dk-backup-check.ts';
import './messages-backups.ts';

/** How often the list is asked again while a backup runs (its progress). */
const POLL_MS = 1000;

/**
 * The Backups tab: "back up now" (one at a time, on the server, with its progress polled every second),
 * the files in DATA_DIR/backups with download links, and a check per file that says what it holds and
 * shows the CLI command restoring it into an empty DATA_DIR (the web never restores).
 */
@customElement('dk-admin-backups')
export class DkAdminBackups extends LitElement {
  static override styles = [
    sharedStyles,
    adminSectionStyles,
    css`
      .now {
        display: grid;
        gap: var(--dk-space-2);
      }
      .now p {
        margin: 0;
      }
      progress {
        inline-size: 100%;
      }
      th .when {
        display: block;
        white-space: nowrap;
      }
      /* The name breaks only at its hyphens and dots (not letter by letter in a narrow phone column). */
      th .file {
        display: block;
        overflow-wrap: normal;
        font-weight: 400;
        color: var(--dk-color-text-muted);
      }
    `,
  ];

  @state() private _data?: BackupsResponse;
  @state() private _error = '';
  @state() private _starting = false;
  @state() private _checking = '';
  @state() private _check: RestoreCheckResponse | null = null;

  private _timer?: ReturnType<typeof setTimeout>;
  /** The backup this page started or saw running: its ending is announced once. */
  private _watching = '';

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  private async _load(): Promise<void> {
    clearTimeout(this._timer);
    try {
      this._data = await listBackups();
      this._error = '';
      if (this._data.running) this._watching = this._data.running.name;
    } catch (err) {
      this._error = adminErrorMessage(err);
    }
    // Poll only while a backup runs, and only while the tab is shown.
    if (this._data?.running && this.isConnected) this._timer = setTimeout(() => void this._load(), POLL_MS);
  }

  private async _start(): Promise<void> {
    this._starting = true;
    try {
      this._watching = (await startBackup()).name;
    } catch (err) {
      this._error = err instanceof AdminApiError && err.status === 409 ? t('admin.backups.busy') : adminErrorMessage(err);
    } finally {
      this._starting = false;
    }
    await this._load();
  }

  private async _verify(name: string): Promise<void> {
    this._checking = name;
    this._check = null;
    try {
      this._check = await checkBackup(name);
      await this._load();
      await this.updateComplete;
      this.renderRoot.querySelector('dk-backup-check')?.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      this._error = adminErrorMessage(err);
    } finally {
      this._checking = '';
    }
  }

  private _renderProgress(r: RunningBackup) {
    const label =
      r.phase === 'verifying'
        ? t('admin.backups.verifying', { documents: formatNumber(r.documents) })
        : r.databasesTotal
          ? t('admin.backups.running', {
              done: formatNumber(r.databasesDone),
              total: formatNumber(r.databasesTotal),
              documents: formatNumber(r.documents),
            })
          : t('admin.backups.starting');
    return html`<p role="status">${label}</p>
      ${
        r.phase === 'verifying' || !r.databasesTotal
          ? html`<progress aria-label=${t('admin.backups.progress')}></progress>`
          : html`<progress max=${r.databasesTotal} .value=${r.databasesDone} aria-label=${t('admin.backups.progress')}></progress>`
      }`;
  }

  private _renderLast() {
    const last = this._data?.last;
    // Announced only for the backup this page watched, so an old result does not read as news.
    if (!last || this._data?.running || last.name !== this._watching) return nothing;
    return last.ok
      ? html`<p class="banner info" role="status">
          ${t('admin.backups.done', { name: fileNameInText(last.name), documents: formatNumber(last.documents), size: formatBytes(last.size) })}
        </p>`
      : html`<p class="banner danger" role="alert">
          ${t('admin.backups.failed', { name: fileNameInText(last.name), reason: last.reason })}
        </p>`;
  }

  private _renderRow(f: BackupFileInfo) {
    const status = f.verification;
    return html`<tr>
      <th scope="row">
        <span class="when">${formatDateTime(f.createdAt)}</span>
        <span class="file mono" dir="ltr" translate="no">${f.name}</span>
      </th>
      <td class="num">${formatBytes(f.size)}</td>
      <td class=${status === 'ok' ? 'ok' : status === 'damaged' ? 'bad' : 'muted'}>${t(`admin.backups.status.${status}`)}</td>
      <td>
        <div class="row-actions">
          <a
            class="btn"
            href=${backupDownloadUrl(f.name)}
            download=${f.name}
            aria-label=${t('admin.backups.downloadOf', { name: fileNameInText(f.name) })}
            >${t('admin.backups.download')}</a
          >
          <button
            class="btn"
            type="button"
            ?disabled=${!!this._checking}
            aria-label=${t('admin.backups.checkOf', { name: fileNameInText(f.name) })}
            @click=${() => void this._verify(f.name)}
          >
            ${t('admin.backups.check')}
          </button>
        </div>
      </td>
    </tr>`;
  }

  override render() {
    const data = this._data;
    const running = data?.running ?? null;
    return html`${this._error ? html`<p class="banner danger" role="alert">${this._error}</p>` : nothing}
      <section class="card now" aria-labelledby="now-h">
        <h2 id="now-h">${t('admin.tab.backups')}</h2>
        <p>${t('admin.backups.intro')}</p>
        <p class="banner warning">${t('admin.backups.sensitive')}</p>
        <div class="row-actions">
          <button class="btn primary" type="button" ?disabled=${!data || !!running || this._starting} @click=${this._start}>
            ${t('admin.backups.now')}
          </button>
        </div>
        ${running ? this._renderProgress(running) : nothing} ${this._renderLast()}
      </section>
      ${
        !data
          ? this._error
            ? nothing
            : html`<div class="skeleton" style="block-size: 8rem" role="status" aria-label=${t('admin.loading')}></div>`
          : !data.files.length
            ? html`<p class="muted">${t('admin.backups.none')}</p>`
            : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('admin.backups.files')}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t('admin.backups.col.backup')}</th>
                      <th scope="col">${t('admin.backups.col.size')}</th>
                      <th scope="col">${t('admin.backups.col.status')}</th>
                      <th scope="col">${t('admin.backups.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${data.files.map((f) => this._renderRow(f))}
                  </tbody>
                </table>
              </div>`
      }
      ${this._checking ? html`<p role="status">${t('admin.backups.checking', { name: fileNameInText(this._checking) })}</p>` : nothing}
      <dk-backup-check .result=${this._check}></dk-backup-check>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-backups': DkAdminBackups;
  }
}
