import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { type TaskRow, listTasks, subscribeTasks } from '../../data/tasks.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory, subscribeDirectory, unitNameOf } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { type UserCtx, hasRole, headedUnitsOf } from '../../model/roles.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { pageColumnStyles, pageHeadStyles, viewTabsStyles } from '../../ui/page-styles.ts';
import type { DocumentOption } from './dk-task-filters.ts';
import {
  type TaskFilters,
  type TaskQuery,
  type TaskViewName,
  TASK_VIEWS,
  activeFilterCount,
  countViews,
  inView,
  parseTaskQuery,
  rowFilter,
  taskQueryString,
} from './task-query.ts';
import './dk-task-filters.ts';
import './dk-task-list.ts';
import './messages-lists.ts';

/** Leaders assign anyone, unit heads their unit's members; everyone else adds tasks for themselves (decision 0003). */
export const canAssign = (user: UserCtx): boolean => hasRole(user, 'leader') || headedUnitsOf(user).length > 0;
/** Statistics: leaders, unit heads and clerks (see `statsScope`); the daily digest: leaders and unit heads. */
export const canSeeStats = (user: UserCtx): boolean => canAssign(user) || hasRole(user, 'clerk');

interface Shown {
  counts: Map<TaskViewName, number>;
  visible: TaskRow[];
  documents: DocumentOption[];
}

/**
 * "My tasks" (`/tasks?view=…&…`): the person's views as tabs with their counts, search and filters (all in the
 * URL, see the parameters in task-query.ts), and the tasks of the view grouped by due date. Live: tasks arriving
 * by replication or written on this device appear without a reload.
 */
@customElement('dk-task-list-page')
export class DkTaskListPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    pageHeadStyles,
    viewTabsStyles,
    css`
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
      }
      /* The other task screens: quiet links, so a phone does not open on three rows of buttons. */
      .actions a:not(.primary) {
        display: inline-flex;
        align-items: center;
        min-block-size: var(--dk-touch-target);
        padding-inline: var(--dk-space-2);
        font-weight: 600;
      }
      a[aria-current='page'] .count {
        background: rgb(255 255 255 / 20%);
        color: inherit;
      }
    `,
  ];

  /** The URL's query string, from the route. */
  @property() search = '';

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  protected readonly _locale = new LocaleController(this);

  private readonly _rows = new LiveQueryController<TaskRow[]>(
    this,
    async () => (this._me ? listTasks(this._me) : []),
    (cb) => (this._me ? subscribeTasks(this._me, cb) : () => {}),
  );

  private readonly _dir = new LiveQueryController<Directory>(
    this,
    async () => (this._me ? loadDirectory(this._me) : emptyDirectory()),
    (cb) => (this._me ? subscribeDirectory(this._me, cb) : () => {}),
  );

  private _lastMe?: string;
  private _shown?: { key: unknown[]; value: Shown };
  private _shownTab?: string;

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

  override updated(): void {
    // On a phone the tab strip scrolls: keep the current view's tab in sight.
    const current = this.renderRoot.querySelector<HTMLElement>('.views a[aria-current="page"]');
    const key = `${current?.dataset['view']}|${this._rows.value ? 'counted' : ''}`;
    if (current && key !== this._shownTab) {
      this._shownTab = key;
      current.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  /** Counts, the linked documents offered by the filter and the visible rows, recomputed only when an input changed. */
  private _compute(rows: TaskRow[], query: TaskQuery & { view: TaskViewName }): Shown {
    const key = [rows, this.search];
    if (this._shown && this._shown.key.every((k, i) => k === key[i])) return this._shown.value;
    const matches = rowFilter(query.filters);
    const docs = new Map<string, string>();
    for (const r of rows)
      for (const l of r.state.links) if (l.kind === 'document' && l.id && !docs.has(l.id)) docs.set(l.id, l.label.slice(0, 90));
    const value: Shown = {
      counts: countViews(rows),
      visible: rows.filter((r) => inView(r, query.view) && matches(r)),
      documents: [...docs].map(([id, label]) => ({ id, label })),
    };
    this._shown = { key, value };
    return value;
  }

  private _go(query: TaskQuery, replace: boolean): void {
    const search = taskQueryString(query);
    navigate(search ? `/tasks?${search}` : '/tasks', { replace });
  }

  override render() {
    const me = this._me;
    if (!me) return nothing;
    const parsed = parseTaskQuery(this.search);
    const query = { ...parsed, view: parsed.view ?? 'mine' };
    const rows = this._rows.value;
    const dir = this._dir.value ?? emptyDirectory();
    const shown = rows ? this._compute(rows, query) : undefined;
    const filtered = activeFilterCount(query.filters) > 0 || !!query.filters.q;
    return html`${this._renderHead(me)} ${this._renderViews(query, shown)}
      <dk-task-filters
        .filters=${query.filters}
        .units=${dir.units}
        .people=${dir.people}
        .documents=${shown?.documents ?? []}
        @dk-filters-change=${(e: CustomEvent<TaskFilters>) => this._go({ view: query.view, filters: e.detail }, true)}
      ></dk-task-filters>
      ${
        this._rows.error && !rows
          ? html`<div class="banner danger" role="alert">
              ${icons.warning}<span>${t('lists.loadError')}</span>
              <button class="btn" @click=${() => this._rows.refresh()}>${t('common.retry')}</button>
            </div>`
          : nothing
      }
      ${
        shown && filtered
          ? html`<p class="summary" role="status">
              ${t('lists.shown', { shown: shown.visible.length, total: shown.counts.get(query.view) ?? 0 })}
            </p>`
          : nothing
      }
      <dk-task-list
        .rows=${shown?.visible}
        .view=${query.view}
        ?filtered=${filtered}
        create-label=${t(canAssign({ name: me.name, roles: me.roles }) ? 'lists.action.assign' : 'lists.action.newOwn')}
        .personName=${(name: string) => displayNameOf(dir, name)}
        .unitName=${(id: string) => unitNameOf(dir, id)}
        @dk-clear-filters=${() => this._go({ view: query.view, filters: {} }, true)}
      ></dk-task-list>`;
  }

  private _renderHead(me: MeResponse) {
    const user: UserCtx = { name: me.name, roles: me.roles };
    const assign = canAssign(user);
    return html`<div class="head">
      <div>
        <h1>${t('lists.title')}</h1>
        <p class="sub">${t('lists.subtitle')}</p>
      </div>
      <div class="actions">
        <a class="btn primary" href="/tasks/new">${icons.plus}${t(assign ? 'lists.action.assign' : 'lists.action.newOwn')}</a>
        <a href="/tasks/board">${t('lists.action.board')}</a>
        <a href="/tasks/calendar">${t('lists.action.calendar')}</a>
        ${canSeeStats(user) ? html`<a href="/tasks/stats">${t('lists.action.stats')}</a>` : nothing}
        ${canAssign(user) ? html`<a href="/tasks/digest">${t('lists.action.digest')}</a>` : nothing}
      </div>
    </div>`;
  }

  private _renderViews(query: TaskQuery & { view: TaskViewName }, shown: Shown | undefined) {
    return html`<nav class="views" aria-label=${t('lists.views.label')}>
      <ul>
        ${TASK_VIEWS.map((v) => {
          const count = shown?.counts.get(v);
          const search = taskQueryString({ ...query, view: v });
          return html`<li>
            <a href=${search ? `/tasks?${search}` : '/tasks'} aria-current=${v === query.view ? 'page' : 'false'} data-view=${v}>
              ${t(`lists.view.${v}`)}
              ${
                count === undefined
                  ? nothing
                  : html`<span class="count"
                      ><span aria-hidden="true">${formatNumber(count)}</span
                      ><span class="visually-hidden">${t('lists.views.count', { count })}</span></span
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
    'dk-task-list-page': DkTaskListPage;
  }
}
