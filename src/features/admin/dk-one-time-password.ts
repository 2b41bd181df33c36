import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import './messages.ts';

/**
 * A one-time password shown once to the administrator, with a copy button. The server keeps only its
 * hash; closing this box is the last chance to read it.
 *
 * @fires dk-otp-closed - The administrator has handed the password over.
 */
@customElement('dk-one-time-password')
export class DkOneTimePassword extends LitElement {
  static override styles = [sharedStyles, adminSectionStyles];

  @property() name = '';
  @property() password = '';
  @state() private _copied = false;

  protected readonly _locale = new LocaleController(this);

  private async _copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.password);
      this._copied = true;
    } catch {
      // No clipboard (plain HTTP on the LAN): select the text so Ctrl+C works.
      const range = document.createRange();
      const el = this.renderRoot.querySelector('.secret');
      if (el) {
        range.selectNodeContents(el);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }
  }

  override render() {
    return html`<div class="otp" role="status">
      <strong>${t('admin.otp.title', { name: this.name })}</strong>
      <span class="secret mono" dir="ltr" translate="no">${this.password}</span>
      <span class="hint">${t('admin.otp.hint')}</span>
      <div class="row-actions">
        <button class="btn" type="button" @click=${this._copy}>${this._copied ? t('admin.otp.copied') : t('admin.otp.copy')}</button>
        <button
          class="btn primary"
          type="button"
          @click=${() => this.dispatchEvent(new CustomEvent('dk-otp-closed', { bubbles: true, composed: true }))}
        >
          ${t('admin.otp.close')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-one-time-password': DkOneTimePassword;
  }
  interface HTMLElementEventMap {
    'dk-otp-closed': CustomEvent<void>;
  }
}
