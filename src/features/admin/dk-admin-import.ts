import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ImportMode, ImportResponse, OneTimePasswordResponse } from '../../model/admin.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { importAdminUsers } from '../../data/admin.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import { codeSample } from './code-sample.ts';
import './messages.ts';

/** The created accounts and their one-time passwords as CSV, to print or hand over (UTF-8 with BOM for Excel). */
function passwordsCsv(created: readonly OneTimePasswordResponse[]): string {
  return '\uFEFFname,oneTimePassword\r\n' + created.map((c) => `${c.name},${c.oneTimePassword}`).join('\r\n') + '\r\n';
}

/**
 * Accounts from a CSV file: choose or paste the file, check it (the server validates every row against
 * the accounts and units that exist and against the other rows, and creates nothing), see each row's
 * errors, then import all-or-nothing or only the valid rows. Each new account gets a one-time password,
 * shown once (and downloadable as CSV).
 */
@customElement('dk-admin-import')
export class DkAdminImport extends LitElement {
  static override styles = [sharedStyles, formStyles, adminSectionStyles];

  @state() private _csv = '';
  @state() private _mode: ImportMode = 'allOrNothing';
  @state() private _preview?: ImportResponse;
  @state() private _result?: ImportResponse;
  @state() private _busy = false;
  @state() private _error = '';

  protected readonly _locale = new LocaleController(this);

  private async _readFile(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this._csv = await file.text();
    this._preview = undefined;
    this._result = undefined;
  }

  private async _run(dryRun: boolean): Promise<void> {
    this._error = '';
    if (!this._csv.trim()) {
      this._error = t('admin.import.empty');
      return;
    }
    this._busy = true;
    try {
      const res = await importAdminUsers(this._csv, this._mode, dryRun);
      if (dryRun) {
        this._preview = res;
        this._result = undefined;
      } else {
        this._result = res;
        this._preview = res;
      }
    } catch (err) {
      this._error = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private _renderRows(res: ImportResponse) {
    const valid = res.rows.filter((r) => r.errors.length === 0).length;
    const invalid = res.rows.length - valid;
    return html`<p role="status">${t('admin.import.summary', { valid: formatNumber(valid), invalid: formatNumber(invalid) })}</p>
      <div class="scroll" tabindex="0" role="region" aria-label=${t('admin.import.problems')}>
        <table>
          <thead>
            <tr>
              <th scope="col">${t('admin.import.line')}</th>
              <th scope="col">${t('admin.col.account')}</th>
              <th scope="col">${t('admin.col.name')}</th>
              <th scope="col">${t('admin.col.unit')}</th>
              <th scope="col">${t('admin.col.role')}</th>
              <th scope="col">${t('admin.import.problems')}</th>
            </tr>
          </thead>
          <tbody>
            ${res.rows.map(
              (r) =>
                html`<tr>
                  <td class="num">${formatNumber(r.line)}</td>
                  <td class="mono" dir="ltr">${r.name}</td>
                  <td>${r.displayName}${r.title ? html`<br /><span class="muted">${r.title}</span>` : nothing}</td>
                  <td>${r.unitId}${r.head ? html` (${t('admin.head')})` : nothing}</td>
                  <td>${r.role}</td>
                  <td>
                    ${
                      r.errors.length
                        ? html`<ul class="errors">
                            ${r.errors.map((e) => html`<li>${e}</li>`)}
                          </ul>`
                        : html`<span class="ok">${t('admin.import.ok')}</span>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private _renderResult(res: ImportResponse) {
    if (!res.created.length) return html`<p class="banner warning" role="status">${t('admin.import.none')}</p>`;
    const href = URL.createObjectURL(new Blob([passwordsCsv(res.created)], { type: 'text/csv' }));
    return html`<div class="otp" role="status">
      <strong>${t('admin.import.created', { n: formatNumber(res.created.length) })}</strong>
      <div class="scroll">
        <table>
          <tbody>
            ${res.created.map(
              (c) =>
                html`<tr>
                  <th scope="row" class="mono" dir="ltr">${c.name}</th>
                  <td class="mono secret" dir="ltr" translate="no">${c.oneTimePassword}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <a class="btn" href=${href} download="docket-one-time-passwords.csv">${t('admin.import.download')}</a>
    </div>`;
  }

  override render() {
    const preview = this._preview;
    const invalid = preview ? preview.rows.some((r) => r.errors.length) : false;
    const importable = preview ? preview.rows.filter((r) => !r.errors.length).length : 0;
    const canImport = !!preview && !preview.fileError && importable > 0 && !(invalid && this._mode === 'allOrNothing') && !this._result;
    return html`<div class="card">
        <div class="hint" id="import-hint">
          <p>${t('admin.import.hint')}</p>
          <p>${t('admin.import.columns')} ${codeSample('name, displayName, unit, role, title, head')}</p>
          <p>${t('admin.import.roles')} ${codeSample('admin, leader, clerk, staff')}</p>
        </div>
        <div class="field">
          <label for="import-file">${t('admin.import.file')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" aria-describedby="import-hint" @change=${this._readFile} />
        </div>
        <div class="field">
          <label for="import-text">${t('admin.import.paste')}</label>
          <textarea
            id="import-text"
            dir="ltr"
            spellcheck="false"
            .value=${this._csv}
            @input=${(e: Event) => {
              this._csv = (e.target as HTMLTextAreaElement).value;
              this._preview = undefined;
              this._result = undefined;
            }}
          ></textarea>
        </div>
        <fieldset>
          <legend class="label">${t('admin.import.mode')}</legend>
          ${(['allOrNothing', 'validOnly'] as const).map(
            (m) =>
              html`<div class="check">
                <input
                  type="radio"
                  name="mode"
                  id="mode-${m}"
                  .checked=${this._mode === m}
                  @change=${() => {
                    this._mode = m;
                    this._result = undefined;
                  }}
                />
                <label for="mode-${m}">${t(`admin.import.${m}`)}</label>
              </div>`,
          )}
        </fieldset>
        <p class="error form-error" role="alert">${this._error}</p>
        <div class="actions">
          <button class="btn" ?disabled=${this._busy} @click=${() => void this._run(true)}>
            ${this._busy ? t('admin.import.checking') : t('admin.import.check')}
          </button>
          <button class="btn primary" ?disabled=${this._busy || !canImport} @click=${() => void this._run(false)}>
            ${t('admin.import.run', { n: formatNumber(importable) })}
          </button>
        </div>
      </div>
      ${preview?.fileError ? html`<p class="banner danger" role="alert">${preview.fileError}</p>` : nothing}
      ${preview && !preview.fileError && invalid && this._mode === 'allOrNothing' && !this._result ? html`<p class="banner warning">${t('admin.import.blocked')}</p>` : nothing}
      ${this._result ? this._renderResult(this._result) : nothing} ${preview && !preview.fileError ? this._renderRows(preview) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-import': DkAdminImport;
  }
}
