import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import {
  type DocumentRow,
  FIRST_PAGE_ROWS,
  documentsComplete,
  firstDocuments,
  listDocuments,
  subscribeDocuments,
  userCtxOf,
} from '../../data/documents.ts';
import { type Directory, emptyDirectory, loadDirectory, subscribeDirectory, unitNameOf } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { ACTION_VIEWS, type DocumentViewName, viewsFor } from '../../model/documents/inbox.ts';
import { type UserCtx, hasRole, headedUnitsOf } from '../../model/roles.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { pageColumnStyles, pageHeadStyles, viewTabsStyles } from '../../ui/page-styles.ts';
import { viewLabel } from './labels.ts';
import { type ListQuery, activeFilterCount, countViews, listQueryString, parseListQuery, rowFilter, sortRows } from './list-query.ts';
import type { FiltersChange } from './dk-document-filters.ts';
import './dk-document-filters.ts';
import './dk-document-list.ts';
import './messages.ts';
// The documents feature is one chunk: the routes below the list load with it.
import './dk-document-detail.ts';
import './dk-incoming-form.ts';
import './dk-draft-form.ts';
import './dk-document-registers.ts';
import './dk-processing-report.ts';

/** Who may open the registers (clerks and leaders) and the processing report (also unit heads). */
export const canSeeRegisters = (user: UserCtx): boolean => hasRole(user, 'clerk') || hasRole(user, 'leader');
export const canSeeReport = (user: UserCtx): boolean => canSeeRegisters(user) || headedUnitsOf(user).length > 0;

interface Shown {
  rows: DocumentRow[];
  /** Undefined while the list is still completing. */
  counts?: Map<DocumentViewName, number>;
  visible: DocumentRow[];
}

/** The rows, and whether they are the whole list or only the stored first page of each view (a cold start). */
interface Listed {
  rows: DocumentRow[];
  complete: boolean;
}

/**
 * The documents page (`/documents?view=…&…`): the person's views as tabs with their counts, the actions their
 * role allows, search, filters and sort (all in the URL), and the virtualised list. Live: documents arriving by
 * replication or written on this device appear without a reload.
 */
@customElement('dk-documents-page')
export class DkDocumentsPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    pageHeadStyles,
    viewTabsStyles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
      }
      .count.action {
        background: var(--dk-color-accent);
        color: #fff;
      }
      a[aria-current='page'] .count:not(.action) {
        background: rgb(255 255 255 / 20%);
        color: inherit;
      }
    `,
  ];

  /** The URL's query string (view, filters, sort), from the route. */
  @property() search = '';

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  protected readonly _locale = new LocaleController(this);

  private readonly _rows = new LiveQueryController<Listed>(
    this,
    () => this._list(),
    (cb) => (this._me ? subscribeDocuments(this._me, cb) : () => {}),
  );

  private readonly _dir = new LiveQueryController<Directory>(
    this,
    async () => (this._me ? loadDirectory(this._me) : emptyDirectory()),
    (cb) => (this._me ? subscribeDirectory(this._me, cb) : () => {}),
  );

  /**
   * At a cold start the stored first page paints at once while the index reads every document, then the whole
   * list replaces it (issue 7). Only a plain view sorted newest is shown from it (see `_compute`).
   */
  private async _list(): Promise<Listed> {
    const me = this._me;
    if (!me) return { rows: [], complete: true };
    if (!documentsComplete(me)) {
      const first = await firstDocuments(me);
      if (first) {
        const again = (): void => this._rows.refresh();
        void listDocuments(me).then(again, again);
        return { rows: first, complete: false };
      }
    }
    return { rows: await listDocuments(me), complete: true };
  }

  private _lastMe?: string;
  private _shown?: { key: unknown[]; value: Shown };

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('_me') && this._me?.name !== this._lastMe) {
      const first = this._lastMe === undefined;
      this._lastMe = this._me?.name;
      if (!first) {
        this._rows.refresh();
        this._dir.refresh();
      }
    }
  }

  /** The view (and whether its counts were in) whose tab was last scrolled into sight. */
  private _shownTab?: string;

  override updated(): void {
    // On a phone the tab strip scrolls: bring the current view's tab into sight when the view changes, and again
    // once the counts have widened the tabs.
    const current = this.renderRoot.querySelector<HTMLElement>('.views a[aria-current="page"]');
    const key = `${current?.dataset['view']}|${this._rows.value?.complete ? 'counted' : ''}`;
    if (current && key !== this._shownTab) {
      this._shownTab = key;
      current.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  private get _user(): UserCtx | null {
    return this._me ? userCtxOf(this._me) : null;
  }

  private _query(user: UserCtx): ListQuery & { view: DocumentViewName } {
    const q = parseListQuery(this.search);
    const views = viewsFor(user);
    return { ...q, view: q.view && views.includes(q.view) ? q.view : (views[0] ?? 'all') };
  }

  /**
   * Counts and the visible rows, recomputed only when the rows, the query, the directory or the person change.
   * From an incomplete list only a plain view sorted newest: its first rows are exact, counts, filters, search and
   * other sorts are not (undefined: the list shows its skeleton until complete).
   */
  private _compute(listed: Listed, query: ListQuery & { view: DocumentViewName }, user: UserCtx, dir: Directory): Shown | undefined {
    const { rows } = listed;
    if (!listed.complete) {
      const plain = activeFilterCount(query.filters) === 0 && !query.filters.q && query.sort === 'newest';
      return plain ? { rows, visible: rows.filter((r) => r.views.has(query.view)).slice(0, FIRST_PAGE_ROWS) } : undefined;
    }
    const key = [rows, this.search, user.name, user.roles.join(','), dir];
    if (this._shown && this._shown.key.every((k, i) => k === key[i])) return this._shown.value;
    const matches = rowFilter(query.filters, (name) => dir.personByName.get(name)?.unitId);
    const inView = rows.filter((r) => r.views.has(query.view) && matches(r));
    const value = { rows, counts: countViews(rows), visible: sortRows(inView, query.sort, user) };
    this._shown = { key, value };
    return value;
  }

  private _go(query: ListQuery, replace: boolean): void {
    const search = listQueryString(query);
    navigate(search ? `/documents?${search}` : '/documents', { replace });
  }

  private _onFilters(e: CustomEvent<FiltersChange>, query: ListQuery): void {
    // Filters replace the history entry (typing a search is not a trail of pages); views push one.
    this._go({ ...query, filters: e.detail.filters, sort: e.detail.sort }, true);
  }

  override render() {
    const user = this._user;
    if (!user) return nothing;
    const query = this._query(user);
    const listed = this._rows.value;
    const rows = listed?.complete ? listed.rows : undefined;
    const dir = this._dir.value ?? emptyDirectory();
    const shown = listed ? this._compute(listed, query, user, dir) : undefined;
    const filtered = activeFilterCount(query.filters) > 0 || !!query.filters.q;
    return html`${this._renderHead(user)} ${this._renderViews(user, query, shown)}
      <dk-document-filters
        .filters=${query.filters}
        .sort=${query.sort}
        .units=${dir.units}
        ?confidential-books=${!!rows?.some((r) => r.confidential)}
        @dk-filters-change=${(e: CustomEvent<FiltersChange>) => this._onFilters(e, query)}
      ></dk-document-filters>
      ${
        this._rows.error && !listed
          ? html`<div class="banner danger" role="alert">
              ${icons.warning}<span>${t('documents.loadError')}</span>
              <button class="btn" @click=${() => this._rows.refresh()}>${t('common.retry')}</button>
            </div>`
          : nothing
      }
      ${
        listed && !listed.complete
          ? html`<p class="summary completing" role="status">${t('documents.completing')}</p>`
          : shown?.counts && filtered
            ? html`<p class="summary" role="status">
                ${t('documents.shown', { shown: shown.visible.length, total: shown.counts.get(query.view) ?? 0 })}
              </p>`
            : nothing
      }
      <dk-document-list
        .rows=${shown?.visible}
        .view=${query.view}
        ?filtered=${filtered}
        .user=${user}
        .unitName=${(id: string) => unitNameOf(dir, id)}
        @dk-clear-filters=${() => this._go({ view: query.view, filters: {}, sort: query.sort }, true)}
      ></dk-document-list>`;
  }

  private _renderHead(user: UserCtx) {
    const me = this._me!;
    return html`<div class="head">
      <div>
        <h1>${t('documents.title')}</h1>
        <p class="sub">${t('documents.subtitle')}</p>
      </div>
      <div class="actions">
        ${hasRole(user, 'clerk') ? html`<a class="btn primary" href="/documents/new/incoming">${icons.plus}${t('documents.action.register')}</a>` : nothing}
        ${me.units.length > 0 ? html`<a class="btn ${hasRole(user, 'clerk') ? '' : 'primary'}" href="/documents/new/draft">${icons.plus}${t('documents.action.draft')}</a>` : nothing}
        ${canSeeRegisters(user) ? html`<a class="btn" href="/documents/registers">${t('documents.action.registers')}</a>` : nothing}
        ${canSeeReport(user) ? html`<a class="btn" href="/documents/report">${t('documents.action.report')}</a>` : nothing}
      </div>
    </div>`;
  }

  private _renderViews(user: UserCtx, query: ListQuery & { view: DocumentViewName }, shown: Shown | undefined) {
    return html`<nav class="views" aria-label=${t('documents.views.label')}>
      <ul>
        ${viewsFor(user).map((v) => {
          const count = shown?.counts?.get(v);
          const action = ACTION_VIEWS.includes(v) && !!count;
          const search = listQueryString({ ...query, view: v });
          return html`<li>
            <a href=${`/documents?${search}`} aria-current=${v === query.view ? 'page' : 'false'} data-view=${v}>
              ${viewLabel(v)}
              ${
                count === undefined
                  ? nothing
                  : html`<span class="count ${action ? 'action' : ''}"
                      ><span aria-hidden="true">${formatNumber(count)}</span
                      ><span class="visually-hidden">${t('documents.views.count', { count })}</span></span
                    >`
              }
            </a>
          </li>`;
        })}
      </ul>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-documents-page': DkDocumentsPage;
  }
}
