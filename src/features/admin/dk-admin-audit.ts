import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AUDIT_ACTIONS, type AuditPage, type AuditQuery, isAuditAction } from '../../model/audit.ts';
import { LocaleController, formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import { auditCsvUrl, queryAudit } from '../../data/admin.ts';
import { navigate } from '../../app/router.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import './messages.ts';

const LIMIT = 200;

/** The audit log's filters from the page's query string (`q`, `action`, `from`, `to`). */
function queryOf(search: string): AuditQuery {
  const p = new URLSearchParams(search);
  const q: AuditQuery = { limit: LIMIT };
  if (p.get('q')) q.q = p.get('q')!;
  const action = p.get('action');
  if (isAuditAction(action)) q.action = action;
  if (p.get('from')) q.from = p.get('from')!;
  if (p.get('to')) q.to = p.get('to')!;
  return q;
}

/**
 * The audit log: newest first, searchable by words (without diacritics), action and date range; the
 * filters live in the URL, and the same filters export as CSV. Administrators and leaders read it.
 */
@customElement('dk-admin-audit')
export class DkAdminAudit extends LitElement {
  static override styles = [sharedStyles, adminSectionStyles];

  /** The page's query string. */
  @property() search = '';

  @state() private _page?: AuditPage;
  @state() private _error = '';
  private _loaded = '';

  protected readonly _locale = new LocaleController(this);

  override willUpdate(): void {
    const key = JSON.stringify(queryOf(this.search));
    if (key !== this._loaded) {
      this._loaded = key;
      void this._load();
    }
  }

  private async _load(): Promise<void> {
    const key = this._loaded;
    this._page = undefined;
    this._error = '';
    try {
      const page = await queryAudit(queryOf(this.search));
      if (key === this._loaded) this._page = page;
    } catch (err) {
      if (key === this._loaded) this._error = adminErrorMessage(err);
    }
  }

  private _apply(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const p = new URLSearchParams({ tab: 'audit' });
    for (const name of ['q', 'action', 'from', 'to']) {
      const v = (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim();
      if (v) p.set(name, v);
    }
    navigate(`/admin?${p.toString()}`);
  }

  override render() {
    const q = queryOf(this.search);
    const page = this._page;
    return html`<p class="hint">${t('admin.audit.hint')}</p>
      <form class="toolbar" role="search" @submit=${this._apply}>
        <div class="field">
          <label for="audit-q">${t('admin.audit.search')}</label>
          <input id="audit-q" name="q" type="search" .value=${q.q ?? ''} />
        </div>
        <div class="field">
          <label for="audit-action">${t('admin.audit.action')}</label>
          <select id="audit-action" name="action">
            <option value="">${t('admin.audit.allActions')}</option>
            ${AUDIT_ACTIONS.map((a) => html`<option value=${a} ?selected=${q.action === a}>${t(`admin.audit.a.${a}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="audit-from">${t('admin.audit.from')}</label>
          <input id="audit-from" name="from" type="date" .value=${q.from ?? ''} />
        </div>
        <div class="field">
          <label for="audit-to">${t('admin.audit.to')}</label>
          <input id="audit-to" name="to" type="date" .value=${q.to ?? ''} />
        </div>
        <button class="btn primary" type="submit">${t('admin.audit.apply')}</button>
        <a class="btn" href=${auditCsvUrl(q)} download="docket-audit.csv">${t('admin.audit.export')}</a>
      </form>
      ${this._error ? html`<p class="banner danger" role="alert">${this._error}</p>` : nothing}
      ${
        !page
          ? this._error
            ? nothing
            : html`<div class="skeleton" style="block-size: 12rem" role="status" aria-label=${t('admin.loading')}></div>`
          : page.entries.length === 0
            ? html`<p role="status">${t('admin.audit.empty')}</p>`
            : html`${page.more ? html`<p class="banner info" role="status">${t('admin.audit.more', { n: formatNumber(LIMIT) })}</p>` : nothing}
                <div class="scroll" tabindex="0" role="region" aria-label=${t('admin.tab.audit')}>
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">${t('admin.audit.col.at')}</th>
                        <th scope="col">${t('admin.audit.col.actor')}</th>
                        <th scope="col">${t('admin.audit.action')}</th>
                        <th scope="col">${t('admin.audit.col.target')}</th>
                        <th scope="col">${t('admin.audit.col.summary')}</th>
                        <th scope="col">${t('admin.audit.col.from')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${page.entries.map(
                        (e) =>
                          html`<tr data-action=${e.action}>
                            <td><time datetime=${e.at}>${formatDateTime(e.at)}</time></td>
                            <td class="mono" dir="ltr">${e.actor}</td>
                            <td>${t(`admin.audit.a.${e.action}`)}</td>
                            <td class="mono" dir="ltr">${e.target}</td>
                            <td dir="ltr" lang="en">${e.summary}</td>
                            <td class="mono muted" dir="ltr">${e.ip ?? ''}${e.device ? html`<br />${e.device}` : nothing}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-audit': DkAdminAudit;
  }
}
