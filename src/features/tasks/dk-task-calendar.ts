import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { type TaskRow, listTasks, subscribeTasks } from '../../data/tasks.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { LocaleController, formatNumber, getLocale, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { navigate, taskPath } from '../../app/router.ts';
import { wardDay } from '../../model/time.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { pageColumnStyles, pageHeadStyles, smallBackLinkStyles } from '../../ui/page-styles.ts';
import { taskStatusLabel } from './labels.ts';
import { addMonths, monthOf, monthWeeks, tasksByDay } from './calendar-month.ts';
import { type TaskViewName, TASK_VIEWS, inView, parseTaskQuery, rowFilter, taskQueryString } from './task-query.ts';
import './messages-lists.ts';

/** Tasks listed in a day's cell before "+n"; the rest are one click away in the list. */
const PER_CELL = 3;

const intlTag = (): string => ({ vi: 'vi-VN', en: 'en-GB', ar: 'ar' })[getLocale()];
const utc = (day: string): Date => new Date(`${day}T00:00:00Z`);
const fmt = (day: string, options: Intl.DateTimeFormatOptions): string =>
  new Intl.DateTimeFormat(intlTag(), { timeZone: 'UTC', ...options }).format(utc(day));

/**
 * The deadline calendar (`/tasks/calendar?month=YYYY-MM&view=…`): a month of task deadlines, Monday first, today
 * marked, overdue in red, done and cancelled muted; each task links to itself. Phones get the month as an agenda
 * (days with deadlines, in order) instead of a grid too narrow to read. The view (mine, all, …) and any list
 * filter in the URL apply as in the list.
 */
@customElement('dk-task-calendar')
export class DkTaskCalendar extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    smallBackLinkStyles,
    pageHeadStyles,
    css`
      :host(:dir(rtl)) .nav .arrow svg {
        transform: scaleX(-1);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        justify-content: space-between;
        gap: var(--dk-space-3);
      }
      .nav {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
      }
      .nav h2 {
        min-inline-size: 10rem;
        font-size: var(--dk-font-size-lg);
        text-align: center;
      }
      .nav .arrow svg {
        inline-size: 18px;
        block-size: 18px;
      }
      .nav .next svg {
        transform: scaleX(-1);
      }
      :host(:dir(rtl)) .nav .next svg {
        transform: none;
      }
      .view {
        min-inline-size: min(100%, 14rem);
      }
      table {
        inline-size: 100%;
        border-collapse: collapse;
        table-layout: fixed;
        background: var(--dk-color-surface);
      }
      th {
        padding: var(--dk-space-2);
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
        text-align: start;
      }
      td {
        vertical-align: top;
        block-size: 7.5rem;
        padding: var(--dk-space-1);
        border: 1px solid var(--dk-color-border);
      }
      td.out {
        background: var(--dk-color-surface-muted);
        color: var(--dk-color-text-muted);
      }
      .num {
        display: inline-grid;
        place-items: center;
        min-inline-size: 1.75rem;
        block-size: 1.75rem;
        border-radius: 999px;
        font-size: var(--dk-font-size-sm);
        font-weight: 600;
      }
      td[aria-current='date'] .num,
      .agenda [aria-current='date'] .num {
        background: var(--dk-color-primary);
        color: var(--dk-color-on-primary);
      }
      td ul,
      .agenda ul {
        display: grid;
        /* A shrinkable track: long titles end in an ellipsis instead of spilling into the next day. */
        grid-template-columns: minmax(0, 1fr);
        gap: 2px;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .task {
        display: block;
        padding: 2px var(--dk-space-1);
        border-inline-start: 3px solid var(--dk-color-primary);
        border-radius: var(--dk-radius-sm);
        background: var(--dk-color-primary-soft);
        color: var(--dk-color-text);
        font-size: var(--dk-font-size-xs);
        text-decoration: none;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .task:hover {
        text-decoration: underline;
      }
      .task.overdue {
        border-inline-start-color: var(--dk-color-danger);
        background: var(--dk-color-danger-soft);
        color: var(--dk-color-danger);
        font-weight: 600;
      }
      .task.closed {
        border-inline-start-color: var(--dk-color-border-strong);
        background: var(--dk-color-surface-muted);
        color: var(--dk-color-text-muted);
        text-decoration: line-through;
      }
      .more {
        font-size: var(--dk-font-size-xs);
      }
      .agenda {
        display: none;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .agenda > li {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: var(--dk-space-3);
        padding-block: var(--dk-space-2);
        border-block-end: 1px solid var(--dk-color-border);
      }
      .agenda h3 {
        display: grid;
        justify-items: center;
        min-inline-size: 3rem;
        font-size: var(--dk-font-size-xs);
        color: var(--dk-color-text-muted);
        font-weight: 500;
      }
      .agenda .task {
        white-space: normal;
        overflow-wrap: anywhere;
        font-size: var(--dk-font-size-sm);
        padding: var(--dk-space-2);
      }
      .agenda .status {
        display: block;
        font-size: var(--dk-font-size-xs);
        color: var(--dk-color-text-muted);
      }
      @media (max-width: 699px) {
        table {
          display: none;
        }
        .agenda {
          display: block;
        }
      }
      .hint {
        margin: 0;
      }
    `,
  ];

  /** The URL's query string (`month`, `view`, list filters). */
  @property() search = '';
  /** The clock (tests set it). */
  @property({ attribute: false }) now?: Date;

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  protected readonly _locale = new LocaleController(this);

  private readonly _rows = new LiveQueryController<TaskRow[]>(
    this,
    async () => (this._me ? listTasks(this._me, this.now ?? new Date()) : []),
    (cb) => (this._me ? subscribeTasks(this._me, cb) : () => {}),
  );

  private _lastMe?: string;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('_me') && this._me?.name !== this._lastMe) {
      const first = this._lastMe === undefined;
      this._lastMe = this._me?.name;
      if (!first) this._rows.refresh();
    }
  }

  private _href(month: string, view: TaskViewName): string {
    const q = parseTaskQuery(this.search);
    const rest = taskQueryString({ ...q, view });
    return `/tasks/calendar?month=${month}${rest ? `&${rest}` : ''}`;
  }

  override render() {
    if (!this._me) return nothing;
    const now = this.now ?? new Date();
    const today = wardDay(now);
    const month = monthOf(this.search, now);
    const query = parseTaskQuery(this.search);
    const view = query.view ?? 'mine';
    const matches = rowFilter(query.filters);
    const rows = this._rows.value;
    const byDay = rows
      ? tasksByDay(
          rows.filter((r) => inView(r, view) && matches(r)),
          month,
        )
      : new Map<string, TaskRow[]>();
    const title = fmt(`${month}-01`, { month: 'long', year: 'numeric' });
    return html`<div>
        <a class="back" href="/tasks">${icons.back}${t('lists.title')}</a>
        <h1>${t('lists.cal.title')}</h1>
      </div>
      <div class="bar">
        <div class="nav">
          <a class="btn arrow prev" href=${this._href(addMonths(month, -1), view)} aria-label=${t('lists.cal.prev')}>${icons.back}</a>
          <h2 aria-live="polite">${title}</h2>
          <a class="btn arrow next" href=${this._href(addMonths(month, 1), view)} aria-label=${t('lists.cal.next')}>${icons.back}</a>
          <a class="btn" href=${this._href(today.slice(0, 7), view)}>${t('lists.cal.today')}</a>
        </div>
        <div class="field view">
          <label for="view">${t('lists.cal.view')}</label>
          <select
            id="view"
            @change=${(e: Event) => navigate(this._href(month, (e.target as HTMLSelectElement).value as TaskViewName), { replace: true })}
          >
            ${TASK_VIEWS.map((v) => html`<option value=${v} ?selected=${v === view}>${t(`lists.view.${v}`)}</option>`)}
          </select>
        </div>
      </div>
      ${
        !rows
          ? html`<div role="status" aria-label=${t('common.loading')}>
              <span class="skeleton" style="display:block;block-size:20rem"></span>
            </div>`
          : html`${this._renderGrid(month, today, byDay, view)} ${this._renderAgenda(month, today, byDay)}
              <p class="hint">${byDay.size === 0 ? `${t('lists.cal.noTasks')} ` : ''}${t('lists.cal.noDeadlineHint')}</p>`
      }`;
  }

  private _taskLink(r: TaskRow, withStatus = false) {
    const closed = r.state.status === 'done' || r.state.status === 'cancelled';
    const tone = closed ? 'closed' : r.flags.overdue ? 'overdue' : '';
    const label = `${r.state.title}${r.state.deadlineTime ? ` (${r.state.deadlineTime})` : ''}`;
    return html`<li>
      <a class="task ${tone}" href=${taskPath(r.id)} title=${label} data-id=${r.id} dir="auto">
        ${r.state.deadlineTime ? html`<span dir="ltr">${r.state.deadlineTime}</span> ` : nothing}${r.state.title}
        ${
          withStatus || closed || r.flags.overdue
            ? html`<span class=${withStatus ? 'status' : 'visually-hidden'}
                >${r.flags.overdue ? t('task.flag.overdue') : taskStatusLabel(r.state.status)}</span
              >`
            : nothing
        }
      </a>
    </li>`;
  }

  private _renderGrid(month: string, today: string, byDay: Map<string, TaskRow[]>, view: TaskViewName) {
    const weeks = monthWeeks(month);
    return html`<table aria-label=${fmt(`${month}-01`, { month: 'long', year: 'numeric' })}>
      <thead>
        <tr>
          ${weeks[0]!.map((d) => html`<th scope="col"><abbr title=${fmt(d, { weekday: 'long' })}>${fmt(d, { weekday: 'short' })}</abbr></th>`)}
        </tr>
      </thead>
      <tbody>
        ${weeks.map(
          (week) =>
            html`<tr>
              ${week.map((day) => {
                const list = byDay.get(day) ?? [];
                const inMonth = day.slice(0, 7) === month;
                const more = list.length - PER_CELL;
                return html`<td class=${inMonth ? '' : 'out'} data-day=${day} aria-current=${day === today ? 'date' : 'false'}>
                  <span class="num" aria-label=${fmt(day, { dateStyle: 'full' })}>${formatNumber(Number(day.slice(8)))}</span>
                  ${
                    list.length
                      ? html`<ul aria-label=${t('lists.cal.dayTasks', { count: list.length })}>
                          ${list.slice(0, PER_CELL).map((r) => this._taskLink(r))}
                        </ul>`
                      : nothing
                  }
                  ${
                    more > 0
                      ? html`<a
                          class="more"
                          href=${`/tasks?${taskQueryString({ view, filters: { ...parseTaskQuery(this.search).filters, from: day, to: day } })}`}
                          >${t('lists.cal.more', { count: more })}</a
                        >`
                      : nothing
                  }
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private _renderAgenda(month: string, today: string, byDay: Map<string, TaskRow[]>) {
    const days = [...byDay.keys()].sort();
    if (days.length === 0) return nothing;
    return html`<ol class="agenda" aria-label=${fmt(`${month}-01`, { month: 'long', year: 'numeric' })}>
      ${days.map(
        (day) =>
          html`<li data-day=${day} aria-current=${day === today ? 'date' : 'false'}>
            <h3>
              <span>${fmt(day, { weekday: 'short' })}</span>
              <span class="num">${formatNumber(Number(day.slice(8)))}</span>
              <span class="visually-hidden">${fmt(day, { dateStyle: 'full' })}</span>
            </h3>
            <ul>
              ${byDay.get(day)!.map((r) => this._taskLink(r, true))}
            </ul>
          </li>`,
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-calendar': DkTaskCalendar;
  }
}
