import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { deepActiveElement, trapTab } from '../../ui/focus.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import './messages.ts';

/**
 * Confirms sign-out. Warns when changes have not reached the server yet, and offers to erase this
 * account's data from the device (shared computers). A modal `<dialog>`: focus is trapped inside and
 * returns to where it was when the dialog closes.
 *
 * @fires dk-confirm-sign-out - `{ eraseLocalData }` when the user confirms.
 * @fires dk-dialog-closed - The dialog closed (cancel, Escape, or after sign-out).
 */
@customElement('dk-sign-out-dialog')
export class DkSignOutDialog extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      dialog {
        inline-size: min(32rem, calc(100vw - 1rem));
      }
      .body {
        display: grid;
        gap: var(--dk-space-4);
        padding: var(--dk-space-5);
      }
      .check {
        row-gap: var(--dk-space-1);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: var(--dk-space-2);
      }
      .banner p {
        margin: 0;
        flex: 1 1 12rem;
      }
    `,
  ];

  /** Opens the dialog (modal) while true. */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Local changes not yet sent (from the sync snapshot). */
  @property({ type: Number }) pendingLocal = 0;
  /** Set by the shell while signing out. */
  @property({ type: Boolean }) busy = false;
  /** Set by the shell when sign-out failed. */
  @property({ type: Boolean }) failed = false;

  @state() private _erase = false;
  @query('dialog') private _dialog!: HTMLDialogElement;

  private _returnFocus: HTMLElement | null = null;
  protected readonly _locale = new LocaleController(this);

  override updated(changed: Map<string, unknown>): void {
    if (!changed.has('open')) return;
    if (this.open && !this._dialog.open) {
      this._returnFocus = deepActiveElement();
      this._dialog.showModal();
    } else if (!this.open && this._dialog.open) {
      this._dialog.close();
    }
  }

  override disconnectedCallback(): void {
    this._returnFocus?.focus();
    super.disconnectedCallback();
  }

  private _onClose(): void {
    this.open = false;
    this._returnFocus?.focus();
    this.dispatchEvent(new CustomEvent('dk-dialog-closed', { bubbles: true, composed: true }));
  }

  private _confirm(e: Event): void {
    e.preventDefault();
    this.failed = false;
    this.dispatchEvent(new CustomEvent('dk-confirm-sign-out', { bubbles: true, composed: true, detail: { eraseLocalData: this._erase } }));
  }

  override render() {
    const pending = this.pendingLocal;
    return html`<dialog aria-labelledby="title" aria-describedby="state" @close=${this._onClose} @keydown=${trapTab}>
      <form class="body" @submit=${this._confirm}>
        <h2 id="title">${t('auth.signOut.title')}</h2>
        ${
          pending > 0
            ? html`<div id="state" class="banner warning">
                ${icons.warning}
                <p>${t('auth.signOut.pending', { count: pending })}</p>
              </div>`
            : html`<p id="state">${t('auth.signOut.allSent')}</p>`
        }
        <div class="check">
          <input
            id="erase"
            type="checkbox"
            .checked=${this._erase}
            @change=${(e: Event) => (this._erase = (e.target as HTMLInputElement).checked)}
          />
          <label for="erase">${t('auth.signOut.erase')}</label>
          <span class="hint">${t('auth.signOut.eraseHint')}</span>
        </div>
        ${
          this._erase && pending > 0 ? html`<p class="error" role="alert">${t('auth.signOut.eraseLoses', { count: pending })}</p>` : nothing
        }
        ${this.failed ? html`<p class="error" role="alert">${t('auth.signOut.failed')}</p>` : nothing}
        <div class="actions">
          <button type="button" class="btn" autofocus @click=${() => this._dialog.close()}>${t('common.cancel')}</button>
          <button type="submit" class="btn danger" ?disabled=${this.busy}>
            ${icons.signOut} ${this.busy ? t('auth.signOut.busy') : t('auth.signOut.confirm')}
          </button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-sign-out-dialog': DkSignOutDialog;
  }
  interface GlobalEventHandlersEventMap {
    'dk-confirm-sign-out': CustomEvent<{ eraseLocalData: boolean }>;
    'dk-dialog-closed': CustomEvent<void>;
  }
}
