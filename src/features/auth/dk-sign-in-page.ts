import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MeResponse } from '../../model/api.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import '../../ui/dk-locale-select.ts';
import './messages.ts';

export type SignInFn = (name: string, password: string) => Promise<MeResponse>;

type FormError = 'badCredentials' | 'offline' | 'rateLimited' | 'server';

/** Reads the data layer's `SignInError.code` without depending on the class identity. */
function signInErrorCode(err: unknown): FormError {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'badCredentials' || code === 'offline' || code === 'rateLimited' ? code : 'server';
}

/**
 * The sign-in page: account name and password, inline errors per field, a busy state; Enter submits.
 *
 * @fires dk-signed-in - `{ me, next }` after a successful sign-in.
 */
@customElement('dk-sign-in-page')
export class DkSignInPage extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        justify-items: center;
        align-content: start;
        min-block-size: 100vh;
        min-block-size: 100dvh;
        padding: max(var(--dk-space-6), 8vh) var(--dk-space-3) var(--dk-space-4);
        background: linear-gradient(180deg, var(--dk-color-primary) 0 220px, var(--dk-color-bg) 220px);
      }
      .card {
        inline-size: min(26rem, 100%);
        display: grid;
        gap: var(--dk-space-4);
        padding: var(--dk-space-5);
        background: var(--dk-color-surface);
        border-radius: var(--dk-radius-lg);
        box-shadow: var(--dk-shadow-2);
      }
      .brand {
        display: flex;
        align-items: center;
        gap: var(--dk-space-3);
      }
      .brand img {
        inline-size: 48px;
        block-size: 48px;
        border-radius: 12px;
      }
      .brand p {
        margin: 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      h1 {
        font-size: var(--dk-font-size-xl);
      }
      .intro {
        margin: 0;
        color: var(--dk-color-text-muted);
      }
      form {
        display: grid;
        gap: var(--dk-space-4);
      }
      .submit {
        inline-size: 100%;
      }
      .footer {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: var(--dk-space-3);
      }
      .spinner {
        inline-size: 1em;
        block-size: 1em;
        border: 2px solid currentColor;
        border-inline-end-color: transparent;
        border-radius: 50%;
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(360deg);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation: none;
        }
      }
    `,
  ];

  /** Where to go after signing in (an app path), passed back in `dk-signed-in`. */
  @property() next = '';
  /** True when a session expired and the user signs in again (the app has local data). */
  @property({ type: Boolean }) returning = false;
  /** The sign-in call; defaults to the data layer's `signIn` (tests inject their own). */
  @property({ attribute: false }) signIn?: SignInFn;

  @state() private _name = '';
  @state() private _password = '';
  @state() private _busy = false;
  @state() private _nameError = '';
  @state() private _passwordError = '';
  @state() private _formError: FormError | null = null;

  @query('#name') private _nameInput!: HTMLInputElement;
  @query('#password') private _passwordInput!: HTMLInputElement;

  protected readonly _locale = new LocaleController(this);

  override firstUpdated(): void {
    this._nameInput.focus();
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const name = this._name.trim().toLowerCase();
    this._nameError = name ? '' : 'error.required';
    this._passwordError = this._password ? '' : 'error.required';
    this._formError = null;
    if (this._nameError || this._passwordError) {
      await this.updateComplete;
      (this._nameError ? this._nameInput : this._passwordInput).focus();
      return;
    }
    this._busy = true;
    try {
      const signIn = this.signIn ?? (await import('../../data/session.ts')).signIn;
      const me = await signIn(name, this._password);
      this._password = '';
      this.dispatchEvent(new CustomEvent('dk-signed-in', { bubbles: true, composed: true, detail: { me, next: this.next } }));
    } catch (err) {
      const code = signInErrorCode(err);
      if (code === 'badCredentials') {
        this._passwordError = 'auth.error.badCredentials';
        this._password = '';
        await this.updateComplete;
        this._passwordInput.focus();
      } else {
        this._formError = code;
      }
    } finally {
      this._busy = false;
    }
  }

  override render() {
    return html`<main class="card" aria-labelledby="heading">
      <div class="brand">
        <img src="/favicon.svg" alt="" width="48" height="48" />
        <div>
          <strong>${t('app.name')}</strong>
          <p>${t('app.tagline')}</p>
        </div>
      </div>
      <h1 id="heading">${t('auth.heading')}</h1>
      <p class="intro">${this.returning ? t('auth.returningIntro') : t('auth.intro')}</p>
      <form novalidate @submit=${this._submit} aria-busy=${this._busy ? 'true' : 'false'}>
        <div class="field">
          <label for="name">${t('auth.name')}</label>
          <input
            id="name"
            name="username"
            type="text"
            dir="ltr"
            autocomplete="username"
            autocapitalize="none"
            spellcheck="false"
            .value=${this._name}
            aria-invalid=${this._nameError ? 'true' : 'false'}
            aria-describedby=${this._nameError ? 'name-error' : nothing}
            @input=${(e: Event) => {
              this._name = (e.target as HTMLInputElement).value;
              this._nameError = '';
            }}
          />
          ${this._nameError ? html`<p id="name-error" class="error">${t(this._nameError)}</p>` : nothing}
        </div>
        <div class="field">
          <label for="password">${t('auth.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            dir="ltr"
            autocomplete="current-password"
            .value=${this._password}
            aria-invalid=${this._passwordError ? 'true' : 'false'}
            aria-describedby=${this._passwordError ? 'password-error' : nothing}
            @input=${(e: Event) => {
              this._password = (e.target as HTMLInputElement).value;
              this._passwordError = '';
            }}
          />
          ${this._passwordError ? html`<p id="password-error" class="error">${t(this._passwordError)}</p>` : nothing}
        </div>
        <div role="alert">${this._formError ? html`<p class="banner danger">${t(`auth.error.${this._formError}`)}</p>` : nothing}</div>
        <button class="btn primary submit" type="submit" ?disabled=${this._busy}>
          ${this._busy ? html`<span class="spinner" aria-hidden="true"></span>${t('auth.signingIn')}` : t('auth.signIn')}
        </button>
      </form>
      <div class="footer">
        <dk-locale-select></dk-locale-select>
        ${this.returning ? html`<a href=${this.next || '/notices'}>${t('auth.backToApp')}</a>` : nothing}
      </div>
    </main>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-sign-in-page': DkSignInPage;
  }
  interface GlobalEventHandlersEventMap {
    'dk-signed-in': CustomEvent<{ me: MeResponse; next: string }>;
  }
}
