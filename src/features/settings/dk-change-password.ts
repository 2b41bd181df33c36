import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { AdminApiError, changeOwnPassword } from '../../data/admin.ts';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../model/password-policy.ts';
import { errorLine, fieldAria } from '../../ui/forms/fields.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import '../admin/messages.ts';

type Field = 'current' | 'next' | 'again';

declare global {
  interface HTMLElementEventMap {
    'dk-password-changed': CustomEvent<{ password: string }>;
  }
}

/** The server's refusal as the message of a field (or of the form). */
function messageOf(err: unknown): { field?: Field; message: string } {
  if (!(err instanceof AdminApiError)) return { message: t('password.err.server', { reason: String(err) }) };
  if (err.status === 0) return { message: t('password.err.offline') };
  if (err.status === 429) return { message: t('password.err.tooMany') };
  if (err.error === 'wrong_password') return { field: 'current', message: t('password.err.wrong') };
  if (err.error === 'password_same') return { field: 'next', message: t('password.err.same') };
  const problem = /^password_(tooShort|tooLong|common|containsName)$/.exec(err.error)?.[1];
  if (problem) return { field: 'next', message: t(`password.err.${problem}`, { min: MIN_PASSWORD_LENGTH }) };
  return { message: t('password.err.server', { reason: err.reason }) };
}

/**
 * Changes the signed-in user's password (online): current password, new one twice, the policy checked
 * inline before the server checks it again. On success the server has ended every session of the
 * account, so the shell signs in again with the new password.
 *
 * @fires dk-password-changed - `{ password }` once the server accepted the new password.
 */
@customElement('dk-change-password')
export class DkChangePassword extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
      form {
        max-inline-size: 28rem;
      }
    `,
  ];

  /** The account name (the policy refuses passwords containing it). */
  @property() account = '';
  /** The button's label (the forced first change says "choose your own"). */
  @property() submitLabel = '';

  @state() private _errors: Partial<Record<Field, string>> = {};
  @state() private _formError = '';
  @state() private _busy = false;
  @state() private _saved = false;

  protected readonly _locale = new LocaleController(this);

  private _value(field: Field): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#pw-${field}`)?.value ?? '';
  }

  private _check(): boolean {
    const errors: Partial<Record<Field, string>> = {};
    const current = this._value('current');
    const next = this._value('next');
    if (!current) errors.current = t('password.err.required');
    const problem = passwordProblem(next, this.account);
    if (problem) errors.next = t(`password.err.${problem}`, { min: MIN_PASSWORD_LENGTH });
    else if (next !== this._value('again')) errors.again = t('password.err.mismatch');
    this._errors = errors;
    return Object.keys(errors).length === 0;
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    this._saved = false;
    this._formError = '';
    if (!this._check()) {
      const first = (['current', 'next', 'again'] as Field[]).find((f) => this._errors[f]);
      this.renderRoot.querySelector<HTMLInputElement>(`#pw-${first}`)?.focus();
      return;
    }
    this._busy = true;
    const password = this._value('next');
    try {
      await changeOwnPassword({ currentPassword: this._value('current'), newPassword: password });
      this.renderRoot.querySelector('form')?.reset();
      this._saved = true;
      this.dispatchEvent(new CustomEvent('dk-password-changed', { detail: { password }, bubbles: true, composed: true }));
    } catch (err) {
      const m = messageOf(err);
      if (m.field) this._errors = { [m.field]: m.message };
      else this._formError = m.message;
    } finally {
      this._busy = false;
    }
  }

  private _field(field: Field, label: string, autocomplete: string, hint?: string) {
    const error = this._errors[field];
    const aria = fieldAria(`pw-${field}`, !!error, hint ? `pw-${field}-hint` : undefined);
    return html`<div class="field">
      <label for="pw-${field}">${label}</label>
      <input
        id="pw-${field}"
        name=${field}
        type="password"
        autocomplete=${autocomplete}
        dir="ltr"
        aria-invalid=${aria.invalid}
        aria-describedby=${aria.describedBy}
        @input=${() => this._errors[field] && (this._errors = { ...this._errors, [field]: undefined })}
      />
      ${hint ? html`<span id="pw-${field}-hint" class="hint">${hint}</span>` : nothing} ${errorLine(`pw-${field}`, error)}
    </div>`;
  }

  override render() {
    return html`<form novalidate @submit=${this._submit}>
      <input type="text" name="username" autocomplete="username" .value=${this.account} hidden />
      ${this._field('current', t('password.current'), 'current-password')}
      ${this._field('next', t('password.new'), 'new-password', t('password.hint', { min: MIN_PASSWORD_LENGTH }))}
      ${this._field('again', t('password.confirm'), 'new-password')}
      <p class="error form-error" role="alert">${this._formError}</p>
      ${this._saved ? html`<p class="banner info" role="status">${t('password.saved')}</p>` : nothing}
      <div class="actions">
        <button class="btn primary" type="submit" ?disabled=${this._busy}>
          ${this._busy ? t('password.saving') : this.submitLabel || t('password.submit')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-change-password': DkChangePassword;
  }
}
