import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { AdminUnit, AdminUser } from '../../model/admin.ts';
import type { MeResponse } from '../../model/api.ts';
import { foldVietnamese } from '../../model/documents/numbering.ts';
import { LocaleController, formatDateTime, formatNumber, formatRelative, t } from '../../i18n/i18n.ts';
import { disableAdminUser, enableAdminUser, listAdminUnits, listAdminUsers, moveAdminUser, resetUserPassword } from '../../data/admin.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import { positionSuggestions } from '../../model/org-chart.ts';
import './dk-admin-user-form.ts';
import './dk-one-time-password.ts';
import './messages.ts';

type Pending =
  { kind: 'disable'; user: AdminUser } | { kind: 'reset'; user: AdminUser } | { kind: 'move'; user: AdminUser; unitId: string };

/**
 * The accounts: a searchable table (name and position, account, unit, role, status, last sign-in and
 * sync) with the actions an administrator takes on one account (reset password, disable or enable,
 * move to another unit), each confirmed first; and the form for a new account. One-time passwords
 * are shown once, right here.
 */
@customElement('dk-admin-users')
export class DkAdminUsers extends LitElement {
  static override styles = [
    sharedStyles,
    adminSectionStyles,
    css`
      table.users {
        min-inline-size: 56rem;
      }
      table.users th[scope='row'] {
        min-inline-size: 12rem;
      }
      table.users td {
        white-space: nowrap;
      }
      .actions-menu {
        inline-size: 11rem;
      }
      /* Phones: each account is a card of labelled lines instead of a table row. */
      @media (max-width: 699px) {
        table.users {
          min-inline-size: 0;
        }
        table.users thead {
          display: none;
        }
        table.users tr,
        table.users th,
        table.users td {
          display: block;
        }
        table.users tr {
          padding-block: var(--dk-space-2);
          border-block-end: 1px solid var(--dk-color-border-strong);
        }
        table.users th,
        table.users td {
          border: 0;
          padding-block: var(--dk-space-1);
        }
        table.users td[data-label]::before {
          content: attr(data-label) ': ';
          color: var(--dk-color-text-muted);
        }
      }
    `,
  ];

  /** The signed-in administrator (their own row has no actions). */
  @property({ attribute: false }) me: MeResponse | null = null;

  @state() private _users?: AdminUser[];
  @state() private _units: AdminUnit[] = [];
  @state() private _error = '';
  @state() private _query = '';
  @state() private _creating = false;
  @state() private _editing?: AdminUser;
  @state() private _pending?: Pending;
  @state() private _busy = false;
  @state() private _otp?: { name: string; password: string };
  @state() private _done = '';

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    this._error = '';
    try {
      const [users, units] = await Promise.all([listAdminUsers(), listAdminUnits()]);
      this._users = users;
      this._units = units;
    } catch (err) {
      this._error = adminErrorMessage(err);
    }
  }

  private _unitName(id: string | undefined): string {
    if (!id) return t('admin.noUnit');
    return this._units.find((u) => u.unitId === id)?.shortName ?? id;
  }

  private _filtered(users: AdminUser[]): AdminUser[] {
    const words = foldVietnamese(this._query).split(/\s+/).filter(Boolean);
    if (!words.length) return users;
    return users.filter((u) => {
      const text = foldVietnamese(`${u.displayName} ${u.name} ${u.title} ${u.unitId ?? ''} ${this._unitName(u.unitId)}`);
      return words.every((w) => text.includes(w));
    });
  }

  private async _confirm(): Promise<void> {
    const p = this._pending;
    if (!p) return;
    this._busy = true;
    this._error = '';
    try {
      if (p.kind === 'reset') {
        const r = await resetUserPassword(p.user.name);
        this._otp = { name: r.name, password: r.oneTimePassword };
        this._done = '';
      } else if (p.kind === 'disable') {
        await disableAdminUser(p.user.name);
        this._done = t('admin.done.disabled', { name: p.user.displayName });
      } else {
        await moveAdminUser(p.user.name, p.unitId);
        this._done = t('admin.done.moved', { name: p.user.displayName, unit: this._unitName(p.unitId) });
      }
      this._pending = undefined;
      await this._load();
    } catch (err) {
      this._error = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private async _enable(user: AdminUser): Promise<void> {
    this._busy = true;
    try {
      await enableAdminUser(user.name);
      this._done = t('admin.done.enabled', { name: user.displayName });
      await this._load();
    } catch (err) {
      this._error = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private _ask(p: Pending): void {
    this._pending = p;
    this._done = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.confirm')?.focus());
  }

  private _when(iso: string | undefined) {
    return iso
      ? html`<time datetime=${iso} title=${formatDateTime(iso)}>${formatRelative(iso)}</time>`
      : html`<span class="muted">${t('admin.never')}</span>`;
  }

  private _status(u: AdminUser) {
    if (u.disabled) return html`<span class="bad">${t('admin.status.disabled')}</span>`;
    if (u.mustChangePassword) return html`<span>${t('admin.status.mustChange')}</span>`;
    return html`<span class="ok">${t('admin.status.active')}</span>`;
  }

  private _actions(u: AdminUser) {
    if (u.name === this.me?.name) return html`<span class="muted">${t('admin.you')}</span>`;
    if (u.disabled)
      return html`<button class="btn" ?disabled=${this._busy} @click=${() => void this._enable(u)}>${t('admin.action.enable')}</button>`;
    // One compact menu per row; every choice is confirmed before anything happens.
    const choose = (e: Event): void => {
      const select = e.target as HTMLSelectElement;
      const v = select.value;
      select.value = '';
      if (v === 'edit') {
        this._editing = u;
        this._creating = false;
      } else if (v === 'reset' || v === 'disable') this._ask({ kind: v, user: u });
      else if (v.startsWith('move:')) this._ask({ kind: 'move', user: u, unitId: v.slice(5) });
    };
    return html`<select class="actions-menu" aria-label=${t('admin.actionsFor', { name: u.displayName })} @change=${choose}>
      <option value="">${t('admin.col.actions')}…</option>
      <option value="edit">${t('admin.action.edit')}</option>
      <option value="reset">${t('admin.action.reset')}</option>
      <option value="disable">${t('admin.action.disable')}</option>
      <optgroup label=${t('admin.action.move')}>
        ${this._units.filter((x) => x.unitId !== u.unitId).map((x) => html`<option value="move:${x.unitId}">${x.shortName} – ${x.name}</option>`)}
      </optgroup>
    </select>`;
  }

  private _renderPending() {
    const p = this._pending;
    if (!p) return nothing;
    const name = p.user.displayName;
    const text =
      p.kind === 'reset'
        ? t('admin.confirm.reset', { name })
        : p.kind === 'disable'
          ? t('admin.confirm.disable', { name })
          : `${t('admin.move.title', { name })}: ${this._unitName(p.unitId)}. ${t('admin.move.hint')}`;
    return html`<div class="banner warning confirm" role="alertdialog" aria-label=${text} tabindex="-1">
      <p class="grow">${text}</p>
      <button class="btn ${p.kind === 'disable' ? 'danger' : 'primary'}" ?disabled=${this._busy} @click=${() => void this._confirm()}>
        ${t('admin.confirm.ok')}
      </button>
      <button class="btn" ?disabled=${this._busy} @click=${() => (this._pending = undefined)}>${t('common.cancel')}</button>
    </div>`;
  }

  override render() {
    const users = this._users;
    const shown = users ? this._filtered(users) : [];
    return html`
      ${this._error ? html`<p class="banner danger" role="alert">${this._error} <button class="btn" @click=${() => void this._load()}>${t('common.retry')}</button></p>` : nothing}
      ${this._done ? html`<p class="banner info" role="status">${this._done}</p>` : nothing}
      ${this._otp ? html`<dk-one-time-password .name=${this._otp.name} .password=${this._otp.password} @dk-otp-closed=${() => (this._otp = undefined)}></dk-one-time-password>` : nothing}
      ${this._renderPending()}
      ${
        this._editing
          ? html`<dk-admin-user-form
              .units=${this._units}
              .titles=${positionSuggestions(this._users ?? [])}
              .existing=${this._editing}
              @dk-user-updated=${(e: CustomEvent<{ name: string; displayName: string }>) => {
                this._editing = undefined;
                this._done = t('admin.done.changed', { name: e.detail.displayName });
                void this._load();
              }}
              @dk-form-cancel=${() => (this._editing = undefined)}
            ></dk-admin-user-form>`
          : nothing
      }
      ${
        this._creating
          ? html`<dk-admin-user-form
              .units=${this._units}
              .titles=${positionSuggestions(this._users ?? [])}
              @dk-user-created=${(e: CustomEvent<{ name: string; password: string }>) => {
                this._creating = false;
                this._otp = e.detail;
                void this._load();
              }}
              @dk-form-cancel=${() => (this._creating = false)}
            ></dk-admin-user-form>`
          : nothing
      }
      <div class="toolbar">
        <div class="field">
          <label for="user-search">${t('admin.users.search')}</label>
          <input
            id="user-search"
            type="search"
            .value=${this._query}
            @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}
          />
        </div>
        ${this._creating ? nothing : html`<button class="btn primary" @click=${() => (this._creating = true)}>${t('admin.users.new')}</button>`}
      </div>
      ${
        !users
          ? this._error
            ? nothing
            : html`<div class="skeleton" style="block-size: 12rem" role="status" aria-label=${t('admin.loading')}></div>`
          : html`<p class="hint" aria-live="polite">
                ${t('admin.users.count', { shown: formatNumber(shown.length), total: formatNumber(users.length) })}
              </p>
              ${
                shown.length === 0
                  ? html`<p>${t('admin.users.none')}</p>`
                  : html`<div class="scroll" tabindex="0" role="region" aria-label=${t('admin.tab.users')}>
                      <table class="users">
                        <thead>
                          <tr>
                            <th scope="col">${t('admin.col.name')}</th>
                            <th scope="col">${t('admin.col.account')}</th>
                            <th scope="col">${t('admin.col.unit')}</th>
                            <th scope="col">${t('admin.col.role')}</th>
                            <th scope="col">${t('admin.col.status')}</th>
                            <th scope="col">${t('admin.col.lastSignIn')}</th>
                            <th scope="col">${t('admin.col.lastSync')}</th>
                            <th scope="col">${t('admin.col.actions')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          ${shown.map(
                            (u) =>
                              html`<tr data-account=${u.name}>
                                <th scope="row">
                                  ${u.displayName}${u.title ? html`<br /><span class="muted">${u.title}</span>` : nothing}
                                </th>
                                <td class="mono" translate="no" data-label=${t('admin.col.account')}><bdi dir="ltr">${u.name}</bdi></td>
                                <td data-label=${t('admin.col.unit')}>
                                  ${this._unitName(u.unitId)}${u.isHead ? html`<br /><span class="muted">${t('admin.head')}</span>` : nothing}
                                </td>
                                <td data-label=${t('admin.col.role')}>${u.role === '-' ? '–' : t(`settings.role.${u.role}`)}</td>
                                <td data-label=${t('admin.col.status')}>${this._status(u)}</td>
                                <td data-label=${t('admin.col.lastSignIn')}>${this._when(u.lastSignInAt)}</td>
                                <td data-label=${t('admin.col.lastSync')}>${this._when(u.lastSyncAt)}</td>
                                <td>${this._actions(u)}</td>
                              </tr>`,
                          )}
                        </tbody>
                      </table>
                    </div>`
              }`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-users': DkAdminUsers;
  }
}
