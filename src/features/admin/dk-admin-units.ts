import { LitElement, type TemplateResult, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AdminUnit, AdminUser } from '../../model/admin.ts';
import { UNIT_ID_PATTERN } from '../../model/roles.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { AdminApiError, createAdminUnit, listAdminUnits, listAdminUsers, updateAdminUnit } from '../../data/admin.ts';
import { errorLine, fieldAria } from '../../ui/forms/fields.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import { codeSample } from './code-sample.ts';
import './messages.ts';
import './dk-org-chart.ts';

type Field = 'id' | 'name' | 'short' | 'order';

/**
 * The units (phòng ban) in their order, with the number of active people in each; the form to add one
 * (its space, `_security` and validation are set up by the server at once) or to rename and reorder one
 * (its id stays: spaces and roles are named after it); and the org chart the accounts make.
 */
@customElement('dk-admin-units')
export class DkAdminUnits extends LitElement {
  static override styles = [sharedStyles, formStyles, adminSectionStyles];

  @state() private _units?: AdminUnit[];
  @state() private _users: AdminUser[] = [];
  /** The unit being edited (the form edits instead of adding). */
  @state() private _editing?: AdminUnit;
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
      [this._units, this._users] = await Promise.all([listAdminUnits(), listAdminUsers()]);
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
    const editing = this._editing;
    const unitId = editing ? editing.unitId : this._v('id').toLowerCase();
    const name = this._v('name');
    const shortName = this._v('short');
    const orderText = this._v('order');
    const order = Number(orderText);
    const errors: Partial<Record<Field, string>> = {};
    if (!editing && !UNIT_ID_PATTERN.test(unitId)) errors.id = t('admin.units.err.id');
    if (!name || name.length > 200) errors.name = t('admin.units.err.name');
    if (editing && (!shortName || shortName.length > 20)) errors.short = t('admin.units.err.short');
    if (editing && (!/^\d+$/.test(orderText) || order > 10000)) errors.order = t('admin.units.err.order');
    this._errors = errors;
    this._done = '';
    const first = (['id', 'name', 'short', 'order'] as const).find((f) => errors[f]);
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`#unit-${first}`)?.focus();
      return;
    }
    this._busy = true;
    try {
      if (editing) {
        await updateAdminUnit(unitId, { name, shortName, order });
        this._editing = undefined;
        this._done = t('admin.units.saved', { name });
      } else {
        await createAdminUnit({ unitId, name, shortName });
        this._done = t('admin.units.created', { name });
      }
      this.renderRoot.querySelector('form')?.reset();
      await this._load();
    } catch (err) {
      if (err instanceof AdminApiError && err.status === 409) this._errors = { id: t('admin.units.err.exists') };
      else this._error = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private async _edit(unit: AdminUnit): Promise<void> {
    this._editing = unit;
    this._errors = {};
    this._done = '';
    await this.updateComplete;
    const set = (id: string, v: string) => {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#unit-${id}`);
      if (input) input.value = v;
    };
    set('id', unit.unitId);
    set('name', unit.name);
    set('short', unit.shortName);
    set('order', String(unit.order));
    this.renderRoot.querySelector<HTMLElement>('#unit-name')?.focus();
  }

  private _cancelEdit(): void {
    this._editing = undefined;
    this._errors = {};
    this.renderRoot.querySelector('form')?.reset();
  }

  private _input(field: Field, label: string, hint?: string | TemplateResult) {
    const error = this._errors[field];
    const aria = fieldAria(`unit-${field}`, !!error, hint ? `unit-${field}-hint` : undefined);
    return html`<div class="field">
      <label for="unit-${field}">${label}</label>
      <input
        id="unit-${field}"
        type="text"
        autocomplete="off"
        inputmode=${field === 'order' ? 'numeric' : nothing}
        dir=${field === 'name' ? 'auto' : 'ltr'}
        ?disabled=${field === 'id' && !!this._editing}
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
                    <th scope="col"><span class="visually-hidden">${t('admin.units.edit')}</span></th>
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
                        <td>
                          <button
                            class="btn"
                            type="button"
                            aria-label=${`${t('admin.units.edit')}: ${u.name}`}
                            @click=${() => void this._edit(u)}
                          >
                            ${t('admin.units.edit')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <form class="card" novalidate @submit=${this._submit} aria-labelledby="unit-h">
        <h2 id="unit-h">${this._editing ? t('admin.units.editHeading', { name: this._editing.name }) : t('admin.units.new')}</h2>
        <div class="grid2">
          ${this._input('id', t('admin.units.id'), html`${t('admin.units.idHint')} ${codeSample('tp')}`)}
          ${this._input('name', t('admin.units.name'))} ${this._input('short', t('admin.units.short'))}
          ${this._editing ? this._input('order', t('admin.units.order'), t('admin.units.orderHint')) : nothing}
        </div>
        <div class="actions">
          ${this._editing ? html`<button class="btn" type="button" @click=${this._cancelEdit}>${t('common.cancel')}</button>` : nothing}
          <button class="btn primary" type="submit" ?disabled=${this._busy}>
            ${this._editing ? t('admin.units.save') : t('admin.units.new')}
          </button>
        </div>
      </form>
      ${units ? html`<dk-org-chart .units=${units} .users=${this._users}></dk-org-chart>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-units': DkAdminUnits;
  }
}
