import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { hasRole } from '../../model/roles.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { pageColumnStyles } from '../../ui/page-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminTabStyles } from './admin-styles.ts';
import './messages.ts';
import '../settings/messages.ts';
import './dk-admin-users.ts';
import './dk-admin-import.ts';
import './dk-admin-units.ts';
import './dk-admin-audit.ts';
import './dk-admin-backups.ts';
import './messages-backups.ts';
import './dk-admin-directory.ts';
import './dk-admin-devices.ts';
import './dk-admin-registry.ts';

export type AdminTab = 'users' | 'import' | 'units' | 'directory' | 'registry' | 'devices' | 'backups' | 'audit';
const TABS: AdminTab[] = ['users', 'import', 'units', 'directory', 'registry', 'devices', 'backups', 'audit'];

/**
 * Administration (`/admin?tab=…`): accounts, CSV import, units and the audit log, for accounts with the
 * admin role; leaders see the audit log only. Everything here works on the server (online); the server
 * enforces who may do it, this page only leaves out what the user cannot use.
 */
@customElement('dk-admin-page')
export class DkAdminPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    adminTabStyles,
    css`
      h1 {
        font-size: var(--dk-font-size-xl);
        margin: 0;
      }
    `,
  ];

  /** The route's query string (`tab=audit&q=…`). */
  @property() search = '';

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  protected readonly _locale = new LocaleController(this);

  private _tabs(): AdminTab[] {
    if (!this._me) return [];
    if (hasRole(this._me, 'admin')) return TABS;
    return hasRole(this._me, 'leader') ? ['audit'] : [];
  }

  override render() {
    const tabs = this._tabs();
    if (!tabs.length)
      return html`<h1>${t('admin.title')}</h1>
        <p class="banner warning" role="alert">${t('admin.forbidden')}</p>`;
    const params = new URLSearchParams(this.search);
    const wanted = params.get('tab') as AdminTab | null;
    const tab = wanted && tabs.includes(wanted) ? wanted : tabs[0]!;
    return html`<h1>${t('admin.title')}</h1>
      <nav class="tabs" aria-label=${t('admin.tabs')}>
        ${tabs.map(
          (x) =>
            html`<a href=${x === 'users' ? '/admin' : `/admin?tab=${x}`} aria-current=${x === tab ? 'page' : nothing}
              >${t(`admin.tab.${x}`)}</a
            >`,
        )}
      </nav>
      <p class="hint">${t('admin.onlineOnly')}</p>
      ${
        tab === 'users'
          ? html`<dk-admin-users .me=${this._me}></dk-admin-users>`
          : tab === 'import'
            ? html`<dk-admin-import></dk-admin-import>`
            : tab === 'units'
              ? html`<dk-admin-units></dk-admin-units>`
              : tab === 'devices'
                ? html`<dk-admin-devices></dk-admin-devices>`
                : tab === 'directory'
                  ? html`<dk-admin-directory></dk-admin-directory>`
                  : tab === 'registry'
                    ? html`<dk-admin-registry></dk-admin-registry>`
                    : tab === 'backups'
                      ? html`<dk-admin-backups></dk-admin-backups>`
                      : html`<dk-admin-audit .search=${this.search}></dk-admin-audit>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-page': DkAdminPage;
  }
}
