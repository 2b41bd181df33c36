import { LitElement, type TemplateResult, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AdminUnit } from '../../model/admin.ts';
import { UNIT_ID_PATTERN } from '../../model/roles.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { AdminApiError, createAdminUnit, listAdminUnits } from '../../data/admin.ts';
import { errorLine, fieldAria } from '../../ui/forms/fields.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import { codeSample } from './code-sample.ts';
import './messages.ts';

type Field = 'id' | 'name';

/**
 * The units (phòng ban) in their order, with the number of active people in each, and the form to
 * add one (its space, `_security` and validation are set up by the server at once).
 */
@customElement('dk-admin-units')
export class DkAdminUnits extends LitElement {
  static override styles = [sharedStyles, formStyles, adminSectionStyles];

  @state() private _units?: AdminUnit[];
  @state() private _error = '';
  @state() private _errors: Partial<Record<Field, string>> = {};
  @state() private _busy = false;
  @state() private _done = '';

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      this._units = await listAdminUnits();
      this._error = '';
    } catch (err) {
      this._error = adminErrorMessage(err);
    }
  }

  private _v(id: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement>(`#unit-${id}`)?.value ?? '').trim();
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    const unitId = this._v('id').toLowerCase();
    const name = this._v('name');
    const errors: Partial<Record<Field, string>> = {};
    if (!UNIT_ID_PATTERN.test(unitId)) errors.id = t('admin.units.err.id');
    if (!name || name.length > 200) errors.name = t('admin.units.err.name');
    this._errors = errors;
    this._done = '';
    if (errors.id || errors.name) {
      this.renderRoot.querySelector<HTMLElement>(`#unit-${errors.id ? 'id' : 'name'}`)?.focus();
      return;
    }
    this._busy = true;
    try {
      await createAdminUnit({ unitId, name, shortName: this._v('short') });
      this.renderRoot.querySelector('form')?.reset();
      this._done = t('admin.units.created', { name });
      await this._load();
    } catch (err) {
      if (err instanceof AdminApiError && err.status === 409) this._errors = { id: t('admin.units.err.exists') };
      else this._error = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private _input(field: 'id' | 'name' | 'short', label: string, hint?: string | TemplateResult) {
    const error = field === 'short' ? undefined : this._errors[field];
    const aria = fieldAria(`unit-${field}`, !!error, hint ? `unit-${field}-hint` : undefined);
    return html`<div class="field">
      <label for="unit-${field}">${label}</label>
      <input
        id="unit-${field}"
        type="text"
        autocomplete="off"
        dir=${field === 'name' ? 'auto' : 'ltr'}
        aria-invalid=${aria.invalid}
        aria-describedby=${aria.describedBy}
      />
      ${hint ? html`<span id="unit-${field}-hint" class="hint">${hint}</span>` : nothing} ${errorLine(`unit-${field}`, error)}
    </div>`;
  }

  override render() {
    const units = this._units;
    return html`${this._error ? html`<p class="banner danger" role="alert">${this._error}</p>` : nothing}
      ${this._done ? html`<p class="banner info" role="status">${this._done}</p>` : nothing}
      ${
        !units
          ? this._error
            ? nothing
            : html`<div class="skeleton" style="block-size: 8rem" role="status" aria-label=${t('admin.loading')}></div>`
          : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('admin.tab.units')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('admin.units.short')}</th>
                    <th scope="col">${t('admin.units.name')}</th>
                    <th scope="col">${t('admin.units.id')}</th>
                    <th scope="col">${t('admin.units.members')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${units.map(
                    (u) =>
                      html`<tr>
                        <th scope="row">${u.shortName}</th>
                        <td>${u.name}</td>
                        <td class="mono" dir="ltr">${u.unitId}</td>
                        <td class="num">${formatNumber(u.members)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <form class="card" novalidate @submit=${this._submit} aria-labelledby="unit-h">
        <h2 id="unit-h">${t('admin.units.new')}</h2>
        <div class="grid2">
          ${this._input('id', t('admin.units.id'), html`${t('admin.units.idHint')} ${codeSample('tp')}`)}
          ${this._input('name', t('admin.units.name'))} ${this._input('short', t('admin.units.short'))}
        </div>
        <div class="actions">
          <button class="btn primary" type="submit" ?disabled=${this._busy}>${t('admin.units.new')}</button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-units': DkAdminUnits;
  }
}
