import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController, t } from '../i18n/i18n.ts';
import { icons } from '../ui/icons.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { OutsideClickController, topBarTriggerStyles } from '../ui/top-bar-popup.ts';

/**
 * The account button in the top bar and its menu (account and settings, sign out).
 * Keyboard: Enter/Space/ArrowDown opens, arrows move, Escape closes and returns focus.
 *
 * @fires dk-request-sign-out - The user chose "Sign out".
 */
@customElement('dk-user-menu')
export class DkUserMenu extends LitElement {
  static override styles = [
    sharedStyles,
    topBarTriggerStyles,
    css`
      .avatar {
        display: grid;
        place-items: center;
        inline-size: 32px;
        block-size: 32px;
        border-radius: 50%;
        background: var(--dk-color-on-primary);
        color: var(--dk-color-primary);
        font-weight: 700;
        font-size: var(--dk-font-size-sm);
      }
      .name {
        max-inline-size: 12rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font-weight: 600;
      }
      @media (max-width: 719px) {
        .name {
          display: none;
        }
      }
      [role='menu'] {
        position: absolute;
        inset-inline-end: 0;
        inset-block-start: calc(100% + 4px);
        z-index: 20;
        min-inline-size: 15rem;
        padding: var(--dk-space-1);
        background: var(--dk-color-surface);
        color: var(--dk-color-text);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        box-shadow: var(--dk-shadow-2);
      }
      .who {
        padding: var(--dk-space-2) var(--dk-space-3);
        border-block-end: 1px solid var(--dk-color-border);
        margin-block-end: var(--dk-space-1);
      }
      .who strong {
        display: block;
      }
      .who span {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      [role='menuitem'] {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        inline-size: 100%;
        min-block-size: var(--dk-touch-target);
        padding-inline: var(--dk-space-3);
        border: none;
        border-radius: var(--dk-radius-sm);
        background: none;
        color: inherit;
        font: inherit;
        text-align: start;
        text-decoration: none;
        cursor: pointer;
      }
      [role='menuitem']:hover,
      [role='menuitem']:focus-visible {
        background: var(--dk-color-surface-muted);
      }
    `,
  ];

  /** Display name shown on the button. */
  @property() displayName = '';
  /** Account name, shown in the menu. */
  @property() accountName = '';
  /** Offer "Administration" (administrators; leaders read the audit log there). */
  @property({ type: Boolean }) admin = false;
  /** The browser offers to install the app: the menu has the item (on phones the top bar has no room for it). */
  @property({ type: Boolean }) canInstall = false;

  @state() private _open = false;
  @query('.trigger') private _trigger!: HTMLButtonElement;

  protected readonly _locale = new LocaleController(this);

  protected readonly _outside = new OutsideClickController(this, () => {
    if (this._open) this._open = false;
  });

  private get _items(): HTMLElement[] {
    return [...(this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  }

  private async _openMenu(focusIndex = 0): Promise<void> {
    this._open = true;
    await this.updateComplete;
    const items = this._items;
    items[(focusIndex + items.length) % items.length]?.focus();
  }

  private _close(returnFocus: boolean): void {
    this._open = false;
    if (returnFocus) this._trigger.focus();
  }

  private _onTriggerKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      void this._openMenu(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      void this._openMenu(-1);
    }
  }

  private _onMenuKey(e: KeyboardEvent): void {
    const items = this._items;
    const index = items.indexOf(this.renderRoot.querySelector(':focus') as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      this._close(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (index + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    } else if (e.key === 'Tab') {
      this._open = false;
    }
  }

  private _install(): void {
    this._close(true);
    this.dispatchEvent(new CustomEvent('dk-request-install', { bubbles: true, composed: true }));
  }

  private _signOut(): void {
    this._close(true);
    this.dispatchEvent(new CustomEvent('dk-request-sign-out', { bubbles: true, composed: true }));
  }

  override render() {
    const initials =
      this.displayName
        .split(/\s+/)
        .filter(Boolean)
        .slice(-1)
        .map((w) => w[0]?.toUpperCase())
        .join('') || '?';
    return html`<button
        class="btn trigger"
        aria-haspopup="menu"
        aria-expanded=${this._open ? 'true' : 'false'}
        aria-label=${t('shell.userMenu', { name: this.displayName })}
        @click=${() => (this._open ? this._close(false) : void this._openMenu())}
        @keydown=${this._onTriggerKey}
      >
        <span class="avatar" aria-hidden="true">${initials}</span>
        <span class="name" aria-hidden="true">${this.displayName}</span>
      </button>
      ${
        this._open
          ? html`<div role="menu" aria-label=${t('shell.userMenu', { name: this.displayName })} @keydown=${this._onMenuKey}>
              <div class="who" role="presentation">
                <strong>${this.displayName}</strong>
                <span dir="ltr">${this.accountName}</span>
              </div>
              <a role="menuitem" href="/settings" tabindex="-1" @click=${() => this._close(false)}
                >${icons.settings} ${t('shell.account')}</a
              >
              ${
                this.admin
                  ? html`<a role="menuitem" href="/admin" tabindex="-1" @click=${() => this._close(false)}
                      >${icons.admin} ${t('nav.admin')}</a
                    >`
                  : nothing
              }
              ${
                this.canInstall
                  ? html`<button role="menuitem" tabindex="-1" data-install @click=${this._install}>
                      ${icons.install} ${t('shell.install')}
                    </button>`
                  : nothing
              }
              <button role="menuitem" tabindex="-1" @click=${this._signOut}>${icons.signOut} ${t('shell.signOut')}</button>
            </div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-user-menu': DkUserMenu;
  }
  interface GlobalEventHandlersEventMap {
    'dk-request-sign-out': CustomEvent<void>;
    'dk-request-install': CustomEvent<void>;
  }
}
