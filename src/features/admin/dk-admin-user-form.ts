import { LitElement, type TemplateResult, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AdminUnit, AdminUser } from '../../model/admin.ts';
import { BASE_ROLES, type BaseRole, USER_NAME_PATTERN } from '../../model/roles.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { AdminApiError, createAdminUser, updateAdminUser } from '../../data/admin.ts';
import { errorLine, fieldAria } from '../../ui/forms/fields.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import { codeSample } from './code-sample.ts';
import './messages.ts';

type Field = 'name' | 'displayName' | 'unit';

/**
 * A new account: name, full name, position, role, unit, head of the unit. Checked inline as the server
 * will check it; the server answers with a one-time password.
 *
 * @fires dk-user-created - `{ name, password }`: the account exists; `password` is its one-time password.
 * @fires dk-form-cancel - The administrator gave up.
 */
@customElement('dk-admin-user-form')
export class DkAdminUserForm extends LitElement {
  static override styles = [sharedStyles, formStyles, adminSectionStyles];

  @property({ attribute: false }) units: AdminUnit[] = [];
  /** Position titles offered while typing (those in use, then the common ones); the field stays free text. */
  @property({ attribute: false }) titles: readonly string[] = [];
  /** Edit this account instead of creating one (its name and unit stay; the unit changes with a move). */
  @property({ attribute: false }) existing?: AdminUser;

  @state() private _role: BaseRole = 'staff';
  @state() private _errors: Partial<Record<Field, string>> = {};
  @state() private _formError = '';
  @state() private _busy = false;

  protected readonly _locale = new LocaleController(this);

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('existing') && this.existing && this.existing.role !== '-') this._role = this.existing.role;
  }

  override firstUpdated(): void {
    const e = this.existing;
    if (e) {
      const set = (id: string, v: string) => {
        const el = this.renderRoot.querySelector<HTMLInputElement>(`#nu-${id}`);
        if (el) el.value = v;
      };
      set('name', e.name);
      set('displayName', e.displayName);
      set('title', e.title);
      set('unit', e.unitId ?? '');
      const head = this.renderRoot.querySelector<HTMLInputElement>('#nu-head');
      if (head) head.checked = e.isHead;
    }
    this.renderRoot.querySelector<HTMLInputElement>(e ? '#nu-displayName' : '#nu-name')?.focus();
  }

  private _v(id: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#nu-${id}`)?.value ?? '').trim();
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    const name = this._v('name').toLowerCase();
    const displayName = this._v('displayName');
    const unitId = this._v('unit');
    const head = this.renderRoot.querySelector<HTMLInputElement>('#nu-head')?.checked ?? false;
    const errors: Partial<Record<Field, string>> = {};
    if (!USER_NAME_PATTERN.test(name)) errors.name = t('admin.form.err.name');
    if (!displayName || displayName.length > 100) errors.displayName = t('admin.form.err.displayName');
    if (!unitId && (this._role === 'staff' || this._role === 'clerk')) errors.unit = t('admin.form.err.unit');
    else if (!unitId && head) errors.unit = t('admin.form.err.head');
    this._errors = errors;
    this._formError = '';
    const first = (['name', 'displayName', 'unit'] as Field[]).find((f) => errors[f]);
    if (first) {
      this.renderRoot.querySelector<HTMLElement>(`#nu-${first}`)?.focus();
      return;
    }
    this._busy = true;
    try {
      if (this.existing) {
        await updateAdminUser(this.existing.name, { displayName, title: this._v('title'), role: this._role, head });
        this.dispatchEvent(
          new CustomEvent('dk-user-updated', { detail: { name: this.existing.name, displayName }, bubbles: true, composed: true }),
        );
        return;
      }
      const r = await createAdminUser({
        name,
        displayName,
        title: this._v('title'),
        role: this._role,
        ...(unitId ? { unitId } : {}),
        head,
      });
      this.dispatchEvent(
        new CustomEvent('dk-user-created', { detail: { name: r.name, password: r.oneTimePassword }, bubbles: true, composed: true }),
      );
    } catch (err) {
      if (err instanceof AdminApiError && err.status === 409) {
        this._errors = { name: t('admin.form.err.exists') };
        this.renderRoot.querySelector<HTMLElement>('#nu-name')?.focus();
      } else this._formError = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private _input(field: 'name' | 'displayName' | 'title', label: string, hint?: string | TemplateResult) {
    const error = field === 'title' ? undefined : this._errors[field];
    const aria = fieldAria(`nu-${field}`, !!error, hint ? `nu-${field}-hint` : undefined);
    return html`<div class="field">
      <label for="nu-${field}">${label}</label>
      <input
        id="nu-${field}"
        type="text"
        autocomplete="off"
        dir=${field === 'name' ? 'ltr' : 'auto'}
        list=${field === 'title' ? 'nu-title-list' : nothing}
        ?disabled=${field === 'name' && !!this.existing}
        aria-invalid=${aria.invalid}
        aria-describedby=${aria.describedBy}
      />
      ${hint ? html`<span id="nu-${field}-hint" class="hint">${hint}</span>` : nothing} ${errorLine(`nu-${field}`, error)}
      ${
        field === 'title'
          ? html`<datalist id="nu-title-list">${this.titles.map((title) => html`<option value=${title}></option>`)}</datalist>`
          : nothing
      }
    </div>`;
  }

  override render() {
    const unitAria = fieldAria('nu-unit', !!this._errors.unit);
    return html`<form class="card" novalidate @submit=${this._submit} aria-labelledby="nu-h">
      <h2 id="nu-h">${this.existing ? t('admin.form.editHeading', { name: this.existing.displayName }) : t('admin.form.heading')}</h2>
      <div class="grid2">
        ${this._input('name', t('admin.form.name'), html`${t('admin.form.nameHint')} ${codeSample('lan.tran')}`)}
        ${this._input('displayName', t('admin.form.displayName'))}
        ${this._input('title', t('admin.form.position'), t('admin.form.positionHint'))}
        <div class="field">
          <label for="nu-role">${t('admin.form.role')}</label>
          <select id="nu-role" @change=${(e: Event) => (this._role = (e.target as HTMLSelectElement).value as BaseRole)}>
            ${BASE_ROLES.map((r) => html`<option value=${r} ?selected=${r === this._role}>${t(`settings.role.${r}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="nu-unit">${t('admin.form.unit')}</label>
          <select id="nu-unit" ?disabled=${!!this.existing} aria-invalid=${unitAria.invalid} aria-describedby=${unitAria.describedBy}>
            <option value="">${t('admin.noUnit')}</option>
            ${this.units.map((u) => html`<option value=${u.unitId}>${u.shortName} – ${u.name}</option>`)}
          </select>
          ${errorLine('nu-unit', this._errors.unit)}
        </div>
        <div class="check">
          <input id="nu-head" type="checkbox" />
          <label for="nu-head">${t('admin.form.head')}</label>
        </div>
      </div>
      <p class="error form-error" role="alert">${this._formError}</p>
      <div class="actions">
        <button
          class="btn"
          type="button"
          @click=${() => this.dispatchEvent(new CustomEvent('dk-form-cancel', { bubbles: true, composed: true }))}
        >
          ${t('common.cancel')}
        </button>
        <button class="btn primary" type="submit" ?disabled=${this._busy}>
          ${this.existing ? t('admin.form.save') : t('admin.form.submit')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-user-form': DkAdminUserForm;
  }
  interface HTMLElementEventMap {
    'dk-user-created': CustomEvent<{ name: string; password: string }>;
    'dk-form-cancel': CustomEvent<void>;
    'dk-user-updated': CustomEvent<{ name: string; displayName: string }>;
  }
}
