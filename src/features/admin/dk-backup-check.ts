import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RestoreCheckResponse } from '../../model/backups.ts';
import { LocaleController, formatBytes, formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { fileNameInText } from './backup-name.ts';
import './messages-backups.ts';

/** An example empty folder for the restore: on a new machine, next to where Docket is installed. */
const TARGET = './data-restored';

/**
 * What a checked backup file holds, and how to restore it: the CLI command that restores it into an
 * empty DATA_DIR, with a copy button. The web never restores (the live store cannot be restored under
 * the running server), so this panel explains the steps instead.
 */
@customElement('dk-backup-check')
export class DkBackupCheck extends LitElement {
  static override styles = [
    sharedStyles,
    adminSectionStyles,
    css`
      :host {
        display: block;
      }
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
        gap: var(--dk-space-2) var(--dk-space-4);
        margin: 0;
      }
      dt {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      dd {
        margin: 0;
        font-weight: 600;
      }
      ol {
        margin: 0;
        padding-inline-start: var(--dk-space-5, 1.5rem);
        display: grid;
        gap: var(--dk-space-2);
      }
      pre {
        margin: var(--dk-space-2) 0 0;
        padding: var(--dk-space-3);
        background: var(--dk-color-surface-muted);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        text-align: left;
      }
      /* Stays a list item so it keeps its disclosure triangle; padding makes the touch target. */
      details summary {
        cursor: pointer;
        padding-block: var(--dk-space-2);
      }
      p {
        margin: 0;
      }
    `,
  ];

  /** The server's answer for one file. */
  @property({ attribute: false }) result: RestoreCheckResponse | null = null;
  @state() private _copied = false;

  protected readonly _locale = new LocaleController(this);

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('result')) this._copied = false;
  }

  private _command(name: string): string {
    return `DATA_DIR=${TARGET} npm run admin -- restore ./${name}`;
  }

  private async _copy(): Promise<void> {
    const name = this.result?.name;
    if (!name) return;
    try {
      await navigator.clipboard.writeText(this._command(name));
      this._copied = true;
    } catch {
      // No clipboard (plain HTTP on the LAN): select the command so Ctrl+C works.
      const el = this.renderRoot.querySelector('#restore-command');
      if (el) {
        const range = document.createRange();
        range.selectNodeContents(el);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }
  }

  override render() {
    const r = this.result;
    if (!r) return nothing;
    if (!r.ok)
      return html`<p class="banner danger" role="alert">
        ${t('admin.backups.check.bad', { name: fileNameInText(r.name), reason: r.reason })}
      </p>`;
    const store = r.store === 'couchdb' || r.store === 'embedded' ? t(`admin.backups.store.${r.store}`) : r.store;
    return html`<section class="card" aria-labelledby="check-h">
      <h2 id="check-h" class="ok">${t('admin.backups.check.ok', { name: fileNameInText(r.name) })}</h2>
      <dl>
        <div>
          <dt>${t('admin.backups.check.takenAt')}</dt>
          <dd>${formatDateTime(r.createdAt)}</dd>
        </div>
        <div>
          <dt>${t('admin.backups.check.version')}</dt>
          <dd><bdi dir="ltr">${r.serverVersion}</bdi></dd>
        </div>
        <div>
          <dt>${t('admin.backups.check.store')}</dt>
          <dd>${store}</dd>
        </div>
        <div>
          <dt>${t('admin.backups.check.databases')}</dt>
          <dd>${formatNumber(r.databases.length)}</dd>
        </div>
        <div>
          <dt>${t('admin.backups.check.documents')}</dt>
          <dd>${formatNumber(r.documents)}</dd>
        </div>
        <div>
          <dt>${t('admin.backups.check.attachments')}</dt>
          <dd>
            ${t('admin.backups.check.attachmentsValue', { count: formatNumber(r.attachments), size: formatBytes(r.attachmentBytes) })}
          </dd>
        </div>
      </dl>
      <details>
        <summary>${t('admin.backups.check.perDatabase')}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${t('admin.backups.check.perDatabase')}>
          <table>
            <thead>
              <tr>
                <th scope="col">${t('admin.backups.check.col.db')}</th>
                <th scope="col">${t('admin.backups.check.col.docs')}</th>
                <th scope="col">${t('admin.backups.check.col.deleted')}</th>
                <th scope="col">${t('admin.backups.check.col.attachments')}</th>
              </tr>
            </thead>
            <tbody>
              ${r.databases.map(
                (d) =>
                  html`<tr>
                    <th scope="row" class="mono" dir="ltr">${d.name}</th>
                    <td class="num">${formatNumber(d.docs)}</td>
                    <td class="num">${formatNumber(d.deleted)}</td>
                    <td class="num">${formatNumber(d.attachments)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
      <h3>${t('admin.backups.restore.title')}</h3>
      <p>${t('admin.backups.restore.why')}</p>
      <ol>
        <li>${t('admin.backups.restore.step1')}</li>
        <li>
          ${t('admin.backups.restore.step2')}
          <pre id="restore-command" class="mono" dir="ltr" translate="no">${this._command(r.name)}</pre>
          <div class="row-actions">
            <button class="btn" type="button" aria-describedby="restore-command" @click=${this._copy}>
              ${this._copied ? t('admin.backups.copied') : t('admin.backups.copy')}
            </button>
          </div>
        </li>
        <li>
          ${t('admin.backups.restore.step3')}
          <pre class="mono" dir="ltr" translate="no">DATA_DIR=${TARGET} npm start</pre>
        </li>
      </ol>
      <p class="hint">${t('admin.backups.restore.after')}</p>
      <p class="hint">${t('admin.backups.restore.couchdb')}</p>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-backup-check': DkBackupCheck;
  }
}
