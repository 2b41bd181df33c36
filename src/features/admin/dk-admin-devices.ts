import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DeviceHealth, DevicesResponse } from '../../model/device-health.ts';
import { LocaleController, formatDateTime, formatNumber, formatRelative, t } from '../../i18n/i18n.ts';
import { listAdminDevices, listAdminUnits, listAdminUsers } from '../../data/admin.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import './messages.ts';
import '../settings/messages.ts';

/** A space needs a look when it holds unsent or refused changes, conflicts, or more documents than the warning size. */
const troubled = (d: DeviceHealth, warn: number): boolean =>
  d.spaces.some((s) => s.pending > 0 || s.rejected > 0 || s.conflicts > 0 || s.docs > warn);

/**
 * Devices and sync health: per account, each device's latest report (when, which browser) with the
 * documents it holds per space, unsent and refused changes, conflicts, and a warning when a space has
 * grown past SPACE_WARN_DOCS on it. Devices that need a look come first.
 */
@customElement('dk-admin-devices')
export class DkAdminDevices extends LitElement {
  static override styles = [
    sharedStyles,
    adminSectionStyles,
    css`
      td.alert {
        color: var(--dk-color-danger);
        font-weight: 600;
      }
    `,
  ];

  @state() private _data?: DevicesResponse;
  @state() private _names = new Map<string, string>();
  @state() private _units = new Map<string, string>();
  @state() private _error = '';
  @state() private _onlyTrouble = false;

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      const [data, users, units] = await Promise.all([listAdminDevices(), listAdminUsers(), listAdminUnits()]);
      this._names = new Map(users.map((u) => [u.name, u.displayName]));
      this._units = new Map(units.map((u) => [u.unitId, u.name]));
      this._data = data;
    } catch (err) {
      this._error = adminErrorMessage(err);
    }
  }

  /** A space as people know it: the ward, a unit's name, the registry, someone's personal space. */
  private _spaceName(db: string): string {
    if (db === 'docket-org') return t('settings.space.org');
    if (db === 'docket-registry') return t('settings.space.registry');
    if (db.startsWith('docket-user-')) return t('settings.space.personal');
    const unit = this._units.get(db.slice('docket-unit-'.length));
    return unit ?? db;
  }

  private _cell(n: number, alert: boolean) {
    return html`<td class="num ${alert ? 'alert' : ''}">${formatNumber(n)}</td>`;
  }

  override render() {
    const data = this._data;
    if (this._error) return html`<p class="banner danger" role="alert">${this._error}</p>`;
    if (!data) return html`<div class="skeleton" style="block-size: 12rem" role="status" aria-label=${t('admin.loading')}></div>`;
    const warn = data.warnDocs;
    const devices = [...data.devices]
      .sort((a, b) => Number(troubled(b, warn)) - Number(troubled(a, warn)))
      .filter((d) => !this._onlyTrouble || troubled(d, warn));
    return html`<p class="hint">${t('admin.dev.hint')}</p>
      <div class="check">
        <input
          id="only-trouble"
          type="checkbox"
          .checked=${this._onlyTrouble}
          @change=${(e: Event) => (this._onlyTrouble = (e.target as HTMLInputElement).checked)}
        />
        <label for="only-trouble">${t('admin.dev.filterTrouble')}</label>
      </div>
      ${
        devices.length === 0
          ? html`<p role="status">${t('admin.dev.none')}</p>`
          : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('admin.tab.devices')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('admin.col.name')}</th>
                    <th scope="col">${t('admin.dev.device')}</th>
                    <th scope="col">${t('admin.dev.reported')}</th>
                    <th scope="col">${t('admin.dev.space')}</th>
                    <th scope="col">${t('admin.dev.docs')}</th>
                    <th scope="col">${t('admin.dev.pending')}</th>
                    <th scope="col">${t('admin.dev.rejected')}</th>
                    <th scope="col">${t('admin.dev.conflicts')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${devices.flatMap((d) =>
                    d.spaces.map(
                      (s, i) =>
                        html`<tr data-account=${d.name} data-space=${s.db}>
                          ${
                            i === 0
                              ? html`<th scope="row" rowspan=${d.spaces.length}>
                                    ${this._names.get(d.name) ?? d.name}<br /><span class="muted mono" dir="ltr" lang="zxx">${d.name}</span>
                                    ${troubled(d, warn) ? html`<br /><span class="chip">${t('admin.dev.trouble')}</span>` : nothing}
                                  </th>
                                  <td rowspan=${d.spaces.length} lang="en" translate="no">${d.label}</td>
                                  <td rowspan=${d.spaces.length}>
                                    <time datetime=${d.reportedAt} title=${formatDateTime(d.reportedAt)}
                                      >${formatRelative(d.reportedAt)}</time
                                    >
                                  </td>`
                              : nothing
                          }
                          <td>
                            ${this._spaceName(s.db)}${s.docs > warn ? html`<br /><span class="bad">${t('admin.dev.big', { n: formatNumber(warn) })}</span>` : nothing}
                          </td>
                          ${this._cell(s.docs, s.docs > warn)} ${this._cell(s.pending, s.pending > 0)}
                          ${this._cell(s.rejected, s.rejected > 0)} ${this._cell(s.conflicts, s.conflicts > 0)}
                        </tr>`,
                    ),
                  )}
                </tbody>
              </table>
            </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-devices': DkAdminDevices;
  }
}
