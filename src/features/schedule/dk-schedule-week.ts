import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { type Directory, displayNameOf, leadersOf, loadDirectory } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { type EventRow, type ScheduleData, loadSchedule, recordWeekStep, subscribeSchedule, weekState } from '../../data/schedule.ts';
import { type TaskRow, listTasks, subscribeTasks } from '../../data/tasks.ts';
import {
  LocaleController,
  formatDateTime,
  formatDay,
  formatDayMonth,
  formatMonth,
  formatWeekdayShort,
  formatNumber,
  t,
} from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { daysOfIsoWeek, isoWeekOf } from '../../model/schedule/interval.ts';
import { availableWeekActions } from '../../model/schedule/publication.ts';
import { isChanged, isLeader, isOffice } from '../../model/schedule/state.ts';
import type { ScheduleWeekEventKind } from '../../model/schedule/types.ts';
import { wardDay } from '../../model/time.ts';
import { icsOf } from '../../data/calendar-interchange.ts';
import { deepActiveElement, trapTab } from '../../ui/focus.ts';
import { saveFailure } from '../../ui/forms/form-errors.ts';
import { icons } from '../../ui/icons.ts';
import { pageHeadStyles, printStyles } from '../../ui/page-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { fieldValueText, locationText, participantsText, roomNameOf } from './labels.ts';
import {
  type CalendarKey,
  type ScheduleQuery,
  type ScheduleView,
  SCHEDULE_VIEWS,
  daysOf,
  inCalendar,
  monthGrid,
  queryOf,
  rowsOfDays,
  searchOf,
  step,
  timeRangeOf,
  weekTable,
  withLeader,
} from './schedule-query.ts';
import '../../ui/dk-empty-state.ts';
import './dk-ics-import.ts';
import './messages.ts';

interface WeekData {
  schedule: ScheduleData;
  dir: Directory;
  /** My open tasks with a deadline (my calendar shows them, read-only). */
  tasks: TaskRow[];
}

/**
 * The schedule's week (`/schedule?week=…&cal=…`): the ward's familiar table (day, morning/afternoon, time,
 * content, participants, location, chair) or the agenda, for the leadership schedule, my calendar, a unit or a
 * room. The leadership schedule shows its publication state and the office's and leaders' actions (submit,
 * return, publish); entries changed after publication are marked with what they were; cancelled ones stay,
 * struck through; room bookings that clash (two devices booked offline) are flagged for the office.
 */
@customElement('dk-schedule-week')
export class DkScheduleWeek extends LitElement {
  static override styles = [
    sharedStyles,
    pageHeadStyles,
    printStyles,
    css`
      :host {
        display: block;
      }
      .head {
        margin-block-end: var(--dk-space-3);
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2) var(--dk-space-3);
        margin-block-end: var(--dk-space-3);
      }
      .toolbar > div {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
      }
      .toolbar select {
        inline-size: auto;
        min-block-size: var(--dk-touch-target);
        max-inline-size: 100%;
      }
      .nav {
        flex-wrap: nowrap !important;
      }
      :host(:dir(rtl)) .flip {
        display: inline-block;
        transform: scaleX(-1);
      }
      .tools-menu {
        display: none;
        position: relative;
      }
      .tools-menu summary {
        list-style: none;
      }
      .tools-menu .menu {
        position: absolute;
        inset-inline-end: 0;
        z-index: 2;
        display: grid;
        gap: var(--dk-space-2);
        padding: var(--dk-space-2);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        box-shadow: var(--dk-shadow-md, 0 4px 12px rgb(0 0 0 / 15%));
      }
      @media (max-width: 599px) {
        .pickers {
          display: grid !important;
          grid-template-columns: minmax(0, 1fr) auto;
          inline-size: 100%;
        }
        .pickers #leader {
          grid-column: 1 / -1;
        }
        .pickers select {
          inline-size: 100%;
        }
        .tools {
          display: none !important;
        }
        .tools-menu {
          display: block;
        }
        .week-label {
          font-size: var(--dk-font-size-sm);
          /* Prev, the period and next stay on one line; "Today" goes below when they fill it (large text, Arabic). */
          flex: 1 1 6rem;
          min-inline-size: 0;
          text-align: center;
        }
        .nav {
          flex-wrap: wrap !important;
        }
      }
      .week-label {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .pub {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2) var(--dk-space-3);
        margin-block-end: var(--dk-space-3);
      }
      .pub form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
        align-items: center;
      }
      .chip {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-1);
        padding: 0 var(--dk-space-2);
        border-radius: 999px;
        font-size: var(--dk-font-size-xs);
        font-weight: 700;
        background: var(--dk-color-surface-muted);
        border: 1px solid var(--dk-color-border);
        white-space: nowrap;
      }
      .chip.published {
        background: var(--dk-color-success-bg, #e6f4ea);
        color: var(--dk-color-success, #1e6b34);
      }
      .chip.changed,
      .chip.clash,
      .chip.pending-approval {
        background: var(--dk-color-warning-bg, #fff4e0);
        color: var(--dk-color-warning, #8a4b00);
        border-color: currentColor;
      }
      .chip.cancelled {
        color: var(--dk-color-danger);
        border-color: currentColor;
      }
      table {
        inline-size: 100%;
        border-collapse: collapse;
        font-size: var(--dk-font-size-sm);
      }
      th,
      td {
        border: 1px solid var(--dk-color-border);
        padding: var(--dk-space-2);
        text-align: start;
        vertical-align: top;
      }
      thead th {
        background: var(--dk-color-surface-muted);
      }
      th.day {
        inline-size: 8rem;
      }
      td.time {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      tr.today th.day {
        color: var(--dk-color-primary);
      }
      .cancelled .title,
      .cancelled .what {
        text-decoration: line-through;
        color: var(--dk-color-text-muted);
      }
      .title {
        font-weight: 600;
      }
      .was {
        display: block;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-xs);
      }
      .empty-day {
        color: var(--dk-color-text-muted);
      }
      .cards {
        display: none;
      }
      .card-day h2 {
        font-size: var(--dk-font-size-md);
        margin: var(--dk-space-4) 0 var(--dk-space-2);
      }
      .card {
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        padding: var(--dk-space-3);
        margin-block-end: var(--dk-space-2);
        background: var(--dk-color-surface);
      }
      .card .meta {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-1);
        margin-block: var(--dk-space-1);
      }
      .print-head {
        display: none;
      }
      table.month {
        table-layout: fixed;
        display: table;
      }
      table.month td {
        block-size: 6.5rem;
        overflow: hidden;
      }
      table.month td.other-month {
        background: var(--dk-color-surface-muted);
        color: var(--dk-color-text-muted);
      }
      table.month td.today .day-number {
        background: var(--dk-color-primary);
        color: var(--dk-color-on-primary, #fff);
        border-radius: 999px;
        padding-inline: var(--dk-space-1);
      }
      .month-entry {
        display: block;
        font-size: var(--dk-font-size-xs);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .month-entry.cancelled {
        text-decoration: line-through;
      }
      .more {
        font-size: var(--dk-font-size-xs);
        color: var(--dk-color-text-muted);
      }
      .deadlines {
        margin-block-start: var(--dk-space-4);
      }
      .deadlines h2 {
        font-size: var(--dk-font-size-md);
      }
      dialog {
        inline-size: min(48rem, 96vw);
        padding: 0;
      }
      dialog header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-2);
        padding: var(--dk-space-3) var(--dk-space-4);
        border-block-end: 1px solid var(--dk-color-border);
      }
      dialog h2 {
        font-size: var(--dk-font-size-lg);
      }
      dialog .content {
        padding: var(--dk-space-4);
      }
      @media (max-width: 799px) {
        table:not(.month) {
          display: none;
        }
        table.month td {
          block-size: 4rem;
          padding: var(--dk-space-1);
        }
        table.month .month-entry .title {
          display: none;
        }
        .cards {
          display: block;
        }
      }
      @media print {
        .toolbar,
        .pub,
        .no-print {
          display: none !important;
        }
        .print-head {
          display: block;
          text-align: center;
        }
        table {
          display: table !important;
          font-size: 11pt;
        }
        .cards {
          display: none !important;
        }
        @page {
          size: A4 landscape;
          margin: 12mm;
        }
      }
    `,
  ];

  @property() search = '';

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _busy = false;
  @state() private _error = '';
  @state() private _returning = false;
  @state() private _returnReason = '';
  @state() private _announce = '';

  protected readonly _locale = new LocaleController(this);
  private _returnFocus: HTMLElement | null = null;

  private readonly _query = new LiveQueryController<WeekData>(
    this,
    async () => {
      const me = this._me;
      if (!me) throw new Error('Not signed in');
      const [schedule, dir, tasks] = await Promise.all([loadSchedule(me), loadDirectory(me), listTasks(me)]);
      const mine = tasks.filter((r) => r.state.deadline && r.roles.size > 0 && r.state.status !== 'done' && r.state.status !== 'cancelled');
      return { schedule, dir, tasks: mine };
    },
    (cb) => {
      const me = this._me;
      if (!me) return () => {};
      const stops = [subscribeSchedule(me, cb), subscribeTasks(me, cb)];
      return () => stops.forEach((stop) => stop());
    },
  );

  private _lastMe?: string;
  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('_me') && this._me?.name !== this._lastMe) {
      const first = this._lastMe === undefined;
      this._lastMe = this._me?.name;
      if (!first) this._query.refresh();
    }
  }

  private get _q(): ScheduleQuery {
    return queryOf(this.search);
  }

  private _go(q: Partial<ScheduleQuery>): void {
    navigate(`/schedule?${searchOf({ ...this._q, ...q })}`);
  }

  private async _weekStep(kind: ScheduleWeekEventKind, note?: string): Promise<void> {
    const me = this._me;
    const data = this._query.value;
    if (!me || !data || this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      await recordWeekStep(me, weekState(data.schedule, this._q.week), kind, note);
      this._returning = false;
      this._returnReason = '';
      this._announce = t(`schedule.week.done.${kind}`);
      this._query.refresh();
    } catch (err) {
      const f = saveFailure(err, 'schedule.error.storageFull', 'A schedule week step');
      this._error = 'fields' in f ? f.fields.map((e) => t(e.code)).join(' ') : f.message;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const me = this._me;
    const data = this._query.value;
    const q = this._q;
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this._announce}</div>
      <div class="head">
        <div>
          <h1>${t('schedule.title')}</h1>
          <p class="sub">${t('schedule.subtitle')}</p>
        </div>
        <div class="no-print">
          <a class="btn primary" href=${`/schedule/new?${new URLSearchParams({ day: this._newDay(q.week), cal: q.cal }).toString()}`}
            >${icons.plus}${t('schedule.new')}</a
          >
        </div>
      </div>
      ${this._renderToolbar(q, data?.dir)} ${data && me ? this._renderWeek(me, data, q) : this._renderLoading()}
      ${this._renderImportDialog(me, data)}`;
  }

  private _newDay(week: string): string {
    const today = wardDay();
    return isoWeekOf(today) === week ? today : daysOfIsoWeek(week)[0]!;
  }

  private _renderLoading() {
    if (this._query.error)
      return html`<div class="banner danger" role="alert">
        ${icons.warning}<span>${t('schedule.loadError')}</span>
        <button class="btn" @click=${() => this._query.refresh()}>${t('common.retry')}</button>
      </div>`;
    return html`<p class="sub" role="status">${t('schedule.loading')}</p>`;
  }

  private _renderToolbar(q: ScheduleQuery, dir: Directory | undefined) {
    const days = daysOfIsoWeek(q.week);
    const units = dir?.units ?? [];
    const rooms = dir?.rooms ?? [];
    const today = wardDay();
    const thisWeek = isoWeekOf(today);
    const tools = html`<button class="btn" @click=${() => window.print()}>${t('schedule.print')}</button>
      <button class="btn" ?disabled=${!this._query.value} @click=${this._export}>${t('schedule.export')}</button>
      <button class="btn" @click=${this._openImport}>${t('schedule.import.open')}</button>`;
    return html`<div class="toolbar">
      <div class="pickers">
        <label class="visually-hidden" for="cal">${t('schedule.calendar')}</label>
        <select id="cal" name="cal" @change=${(e: Event) => this._go({ cal: (e.target as HTMLSelectElement).value as CalendarKey })}>
          <option value="leadership" ?selected=${q.cal === 'leadership'}>${t('schedule.cal.leadership')}</option>
          <option value="mine" ?selected=${q.cal === 'mine'}>${t('schedule.cal.mine')}</option>
          ${
            units.length
              ? html`<optgroup label=${t('schedule.cal.units')}>
                  ${units.map((u) => html`<option value=${`unit:${u.unitId}`} ?selected=${q.cal === `unit:${u.unitId}`}>${u.name}</option>`)}
                </optgroup>`
              : nothing
          }
          ${
            rooms.length
              ? html`<optgroup label=${t('schedule.cal.rooms')}>
                  ${rooms.map((r) => html`<option value=${`room:${r.roomId}`} ?selected=${q.cal === `room:${r.roomId}`}>${r.name}</option>`)}
                </optgroup>`
              : nothing
          }
        </select>
        <label class="visually-hidden" for="view">${t('schedule.view')}</label>
        <select id="view" name="view" @change=${(e: Event) => this._go({ view: (e.target as HTMLSelectElement).value as ScheduleView })}>
          ${SCHEDULE_VIEWS.map((v) => html`<option value=${v} ?selected=${q.view === v}>${t(`schedule.view.${v}`)}</option>`)}
        </select>
        ${
          q.cal === 'leadership' && dir
            ? html`<label class="visually-hidden" for="leader">${t('schedule.leaderFilter')}</label>
                <select
                  id="leader"
                  name="leader"
                  @change=${(e: Event) => this._go({ leader: (e.target as HTMLSelectElement).value || undefined })}
                >
                  <option value="" ?selected=${!q.leader}>${t('schedule.leaderAll')}</option>
                  ${leadersOf(dir).map((p) => html`<option value=${p.name} ?selected=${q.leader === p.name}>${p.displayName}</option>`)}
                </select>`
            : nothing
        }
      </div>
      <div class="nav">
        <button class="btn" @click=${() => this._go(step(q, -1))} aria-label=${t(`schedule.prev.${q.view === 'agenda' ? 'week' : q.view}`)}>
          <span aria-hidden="true" class="flip">‹</span>
        </button>
        <span class="week-label" aria-live="polite">${this._periodLabel(q, days)}</span>
        <button class="btn" @click=${() => this._go(step(q, 1))} aria-label=${t(`schedule.next.${q.view === 'agenda' ? 'week' : q.view}`)}>
          <span aria-hidden="true" class="flip">›</span>
        </button>
        <button
          class="btn"
          ?disabled=${this._days(q).includes(today) && (q.view !== 'day' || q.day === today)}
          @click=${() => this._go({ week: thisWeek, day: today })}
        >
          ${t('schedule.today')}
        </button>
      </div>
      <div class="tools">${tools}</div>
      <details class="tools-menu">
        <summary class="btn">${t('schedule.tools')}</summary>
        <div class="menu">${tools}</div>
      </details>
    </div>`;
  }

  private _periodLabel(q: ScheduleQuery, days: string[]): string {
    if (q.view === 'day') return `${t(`schedule.weekday.${new Date(`${q.day}T00:00:00Z`).getUTCDay()}`)} ${formatDay(q.day)}`;
    if (q.view === 'month') return formatMonth(q.day.slice(0, 7));
    return t('schedule.weekLabel', { n: formatNumber(Number(q.week.slice(6))), from: formatDayMonth(days[0]!), to: formatDay(days[6]!) });
  }

  /** The rows the view shows now (the week of the chosen calendar). */
  private _shownRows(me: MeResponse, data: WeekData, q: ScheduleQuery): EventRow[] {
    const rows = data.schedule.rows.filter((r) => inCalendar(r, q.cal, me) && (q.cal !== 'leadership' || withLeader(r, q.leader)));
    return rowsOfDays(rows, this._days(q));
  }

  /** The days the view shows. */
  private _days(q: ScheduleQuery): string[] {
    if (q.view === 'day') return [q.day];
    if (q.view === 'month') return monthGrid(q.day).flat();
    return daysOfIsoWeek(q.week);
  }

  private _calName(q: ScheduleQuery, dir: Directory): string {
    if (q.cal === 'leadership' || q.cal === 'mine') return t(`schedule.cal.${q.cal}`);
    const id = q.cal.slice(5);
    return q.cal.startsWith('unit:') ? (dir.unitById.get(id)?.name ?? id) : roomNameOf(dir, id);
  }

  private readonly _export = (): void => {
    const me = this._me;
    const data = this._query.value;
    if (!me || !data) return;
    const q = this._q;
    const blob = icsOf(
      this._shownRows(me, data, q).map((r) => r.state),
      data.dir,
      `${this._calName(q, data.dir)} — ${q.week}`,
    );
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `lich-${q.cal.replace(':', '-')}-${q.week}.ics`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    this._announce = t('schedule.exported');
  };

  private readonly _openImport = (): void => {
    this._returnFocus = deepActiveElement();
    this.renderRoot.querySelector<HTMLDialogElement>('dialog.import')?.showModal();
  };

  private _renderImportDialog(me: MeResponse | null, data: WeekData | undefined) {
    return html`<dialog
      class="import"
      aria-labelledby="import-h"
      @keydown=${trapTab}
      @close=${() => {
        this.renderRoot.querySelector('dk-ics-import')?.reset();
        this._returnFocus?.focus();
      }}
    >
      <header>
        <h2 id="import-h">${t('schedule.import.title')}</h2>
        <button
          class="btn"
          aria-label=${t('common.close')}
          @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.import')?.close()}
        >
          ${icons.close}
        </button>
      </header>
      <div class="content">
        <dk-ics-import
          .me=${me ?? undefined}
          .rows=${data?.schedule.rows ?? []}
          @dk-imported=${() => this._query.refresh()}
        ></dk-ics-import>
      </div>
    </dialog>`;
  }

  private _renderWeek(me: MeResponse, data: WeekData, q: ScheduleQuery) {
    const { schedule, dir } = data;
    const ws = weekState(schedule, q.week);
    const rows = this._shownRows(me, data, q);
    const clashIds = new Set(schedule.clashes.flatMap((c) => c.eventIds));
    const ids = new Set(rows.map((r) => r.id));
    const clashes = schedule.clashes.filter((c) => c.eventIds.some((id) => ids.has(id)));
    const byId = new Map(schedule.rows.map((r) => [r.id, r]));
    const draftHidden = q.cal === 'leadership' && ws.publishedAt === undefined && !isOffice(me) && !isLeader(me);
    return html`${q.cal === 'leadership' && q.view !== 'month' ? this._renderPublication(me, ws) : nothing}
      ${
        clashes.length
          ? html`<div class="banner warning" role="alert">
              ${icons.warning}
              <div>
                <strong>${t('schedule.clashes.title', { count: clashes.length })}</strong>
                <ul>
                  ${clashes.map(
                    (c) =>
                      html`<li>
                        ${roomNameOf(dir, c.roomId)}:
                        ${c.eventIds.map((id, i) => html`${i ? ' ↔ ' : ''}<a href=${`/schedule/events/${encodeURIComponent(id)}`}>${byId.get(id)?.state.title ?? id}</a>`)}
                        ${c.bumped ? html` — ${t('schedule.clashes.bumped', { title: byId.get(c.bumped)?.state.title ?? '' })}` : nothing}
                      </li>`,
                  )}
                </ul>
                <span class="hint">${t('schedule.clashes.hint')}</span>
              </div>
            </div>`
          : nothing
      }
      ${this._error ? html`<div class="banner danger" role="alert">${icons.warning}<span>${this._error}</span></div>` : nothing}
      <div class="print-head">
        <strong>${t('schedule.print.heading')}</strong>
        <div>${this._periodLabel(q, daysOfIsoWeek(q.week))}</div>
      </div>
      ${
        draftHidden
          ? html`<dk-empty-state .heading=${t('schedule.empty.unpublished')} .icon=${icons.schedule}
              >${t('schedule.empty.unpublishedHint')}</dk-empty-state
            >`
          : this._renderView(q, rows, dir, clashIds)
      }
      ${q.cal === 'mine' ? this._renderDeadlines(data.tasks, q) : nothing}`;
  }

  private _renderView(q: ScheduleQuery, rows: EventRow[], dir: Directory, clashIds: Set<string>) {
    if (q.view === 'month') return this._renderMonth(q, rows);
    if (rows.length === 0)
      return html`<p class="empty-day" role="status">${t(q.view === 'day' ? 'schedule.empty.day' : 'schedule.empty.week')}</p>`;
    if (q.view === 'agenda') return this._renderAgenda(rows, dir, clashIds);
    if (q.view === 'day') return html`<div class="agenda">${this._renderCardDay(q.day, rows, dir, clashIds, wardDay())}</div>`;
    return this._renderTable(rows, dir, q.week, clashIds);
  }

  /** The month: one cell per day with its entries' times and titles (three at most, then how many more). */
  private _renderMonth(q: ScheduleQuery, rows: EventRow[]) {
    const today = wardDay();
    const month = q.day.slice(0, 7);
    const byDay = new Map<string, EventRow[]>();
    for (const r of rows) for (const d of daysOf(r)) byDay.set(d, [...(byDay.get(d) ?? []), r]);
    const weeks = monthGrid(q.day);
    return html`<table class="month">
      <thead>
        <tr>
          ${weeks[0]!.map((d) => html`<th scope="col">${formatWeekdayShort(d)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${weeks.map(
          (week) =>
            html`<tr>
              ${week.map((day) => {
                const list = byDay.get(day) ?? [];
                return html`<td class="${day.slice(0, 7) === month ? '' : 'other-month'} ${day === today ? 'today' : ''}">
                  <a class="day-number" href=${`/schedule?${searchOf({ ...q, view: 'day', day, week: isoWeekOf(day) })}`}
                    >${formatNumber(Number(day.slice(8)))}</a
                  >
                  ${list
                    .slice(0, 3)
                    .map(
                      (r) =>
                        html`<a
                          class="month-entry ${r.state.cancelled ? 'cancelled' : ''}"
                          href=${`/schedule/events/${encodeURIComponent(r.id)}`}
                          >${timeRangeOf(r)?.start ?? t(`schedule.slot.${'slot' in r.state.when ? r.state.when.slot : 'allDay'}`)}
                          <span class="title">${r.state.title}</span></a
                        >`,
                    )}
                  ${list.length > 3 ? html`<span class="more">${t('schedule.more', { count: formatNumber(list.length - 3) })}</span>` : nothing}
                </td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  /** My task deadlines in the period (read-only here; they open the task). */
  private _renderDeadlines(tasks: TaskRow[], q: ScheduleQuery) {
    const days = new Set(this._days(q));
    const due = tasks.filter((r) => days.has(r.state.deadline!)).sort((a, b) => (a.state.deadline! < b.state.deadline! ? -1 : 1));
    if (!due.length) return nothing;
    return html`<section class="deadlines" aria-labelledby="deadlines-h">
      <h2 id="deadlines-h">${t('schedule.deadlines')}</h2>
      <ul>
        ${due.map(
          (r) =>
            html`<li>
              <span class="time">${formatDay(r.state.deadline!)}${r.state.deadlineTime ? ` ${r.state.deadlineTime}` : ''}</span> —
              <a href=${`/tasks/${encodeURIComponent(r.id)}`}>${r.state.title}</a>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private _renderPublication(me: MeResponse, ws: ReturnType<typeof weekState>) {
    const actions = availableWeekActions(ws, me);
    const status =
      ws.status === 'published'
        ? t('schedule.week.status.published', { at: formatDateTime(ws.lastPublishedAt ?? ws.publishedAt ?? '') })
        : t(`schedule.week.status.${ws.status}`);
    return html`<div class="pub" data-week-status=${ws.status}>
      <span class="chip ${ws.status}">${status}</span>
      ${ws.returnedReason && ws.status !== 'published' ? html`<span>${t('schedule.week.returnedReason', { reason: ws.returnedReason })}</span>` : nothing}
      ${
        actions.includes('submitted')
          ? html`<button class="btn" ?disabled=${this._busy} @click=${() => this._weekStep('submitted')}>
              ${ws.publishedAt ? t('schedule.week.resubmit') : t('schedule.week.submit')}
            </button>`
          : nothing
      }
      ${
        actions.includes('published')
          ? html`<button class="btn primary" ?disabled=${this._busy} @click=${() => this._weekStep('published')}>
              ${ws.publishedAt ? t('schedule.week.republish') : t('schedule.week.publish')}
            </button>`
          : nothing
      }
      ${
        actions.includes('returned') && !this._returning
          ? html`<button class="btn" ?disabled=${this._busy} @click=${() => (this._returning = true)}>${t('schedule.week.return')}</button>`
          : nothing
      }
      ${
        this._returning
          ? html`<form
              @submit=${(e: Event) => {
                e.preventDefault();
                void this._weekStep('returned', this._returnReason);
              }}
            >
              <label for="return-reason">${t('schedule.week.returnReason')}</label>
              <input
                id="return-reason"
                name="note"
                dir="auto"
                required
                .value=${this._returnReason}
                @input=${(e: Event) => (this._returnReason = (e.target as HTMLInputElement).value)}
              />
              <button class="btn primary" ?disabled=${this._busy}>${t('schedule.week.return')}</button>
              <button type="button" class="btn" @click=${() => (this._returning = false)}>${t('common.cancel')}</button>
            </form>`
          : nothing
      }
    </div>`;
  }

  private _chips(r: EventRow, dir: Directory, clashIds: Set<string>) {
    const s = r.state;
    return html`${s.cancelled ? html`<span class="chip cancelled">${t('schedule.chip.cancelled')}</span>` : nothing}
    ${isChanged(s) && !s.cancelled ? html`<span class="chip changed" title=${this._changeSummary(r, dir)}>${t('schedule.chip.changed')}</span>` : nothing}
    ${clashIds.has(r.id) && !s.cancelled ? html`<span class="chip clash">${t('schedule.chip.clash')}</span>` : nothing}
    ${s.approval === 'pending' ? html`<span class="chip pending-approval">${t('schedule.chip.needsApproval')}</span>` : nothing}
    ${r.pending ? html`<span class="chip">${t('schedule.chip.notSynced')}</span>` : nothing}`;
  }

  /** "Before: …" lines of the changed fields. */
  private _changeSummary(r: EventRow, dir: Directory): string {
    return Object.values(r.state.marks)
      .map((m) => `${t(`schedule.field.${m!.field}`)}: ${fieldValueText(dir, m!.field, m!.previous)}`)
      .join('; ');
  }

  private _was(r: EventRow, dir: Directory, field: 'when' | 'location' | 'chair' | 'title' | 'participants') {
    const m = r.state.marks[field];
    if (!m || r.state.cancelled) return nothing;
    return html`<span class="was">${t('schedule.mark.before', { value: fieldValueText(dir, field, m.previous) })}</span>`;
  }

  private _timeText(r: EventRow): string {
    const range = timeRangeOf(r);
    return range ? `${range.start}–${range.end}` : '';
  }

  private _renderTable(rows: EventRow[], dir: Directory, week: string, clashIds: Set<string>) {
    const today = wardDay();
    const groups = weekTable(rows, week);
    const cells = (r: EventRow) =>
      html`<td class="time">${this._timeText(r)}${this._was(r, dir, 'when')}</td>
        <td>
          <a class="title" href=${`/schedule/events/${encodeURIComponent(r.id)}`}>${r.state.title}</a>${this._was(r, dir, 'title')}
          <div class="chips">${this._chips(r, dir, clashIds)}</div>
        </td>
        <td class="what">${participantsText(dir, r.state)}${this._was(r, dir, 'participants')}</td>
        <td class="what">${locationText(dir, r.state.location)}${this._was(r, dir, 'location')}</td>
        <td class="what">${r.state.chair ? displayNameOf(dir, r.state.chair) : ''}${this._was(r, dir, 'chair')}</td>`;
    const dayRows = (g: (typeof groups)[number]) => {
      const n = g.slots.reduce((sum, s) => sum + s.rows.length, 0);
      const dayCell = html`<th class="day" scope="rowgroup" rowspan=${Math.max(n, 1)}>
        ${t(`schedule.weekday.${new Date(`${g.day}T00:00:00Z`).getUTCDay()}`)}<br />${formatDay(g.day)}
      </th>`;
      if (n === 0)
        return html`<tr class=${g.day === today ? 'today' : ''}>
          ${dayCell}
          <td colspan="6" class="empty-day">${t('schedule.empty.day')}</td>
        </tr>`;
      let first = true;
      return g.slots.map((slot) =>
        slot.rows.map((r, i) => {
          const head = first ? dayCell : nothing;
          first = false;
          return html`<tr class="${g.day === today ? 'today' : ''} ${r.state.cancelled ? 'cancelled' : ''}" data-event-id=${r.id}>
            ${head}${i === 0 ? html`<td rowspan=${slot.rows.length}>${t(`schedule.slot.${slot.slot}`)}</td>` : nothing}${cells(r)}
          </tr>`;
        }),
      );
    };
    return html`<table>
        <thead>
          <tr>
            <th scope="col">${t('schedule.col.day')}</th>
            <th scope="col">${t('schedule.col.slot')}</th>
            <th scope="col">${t('schedule.col.time')}</th>
            <th scope="col">${t('schedule.col.content')}</th>
            <th scope="col">${t('schedule.col.participants')}</th>
            <th scope="col">${t('schedule.col.location')}</th>
            <th scope="col">${t('schedule.col.chair')}</th>
          </tr>
        </thead>
        <tbody>
          ${groups.map(dayRows)}
        </tbody>
      </table>
      <div class="cards">
        ${groups.map((g) =>
          this._renderCardDay(
            g.day,
            g.slots.flatMap((s) => s.rows),
            dir,
            clashIds,
            today,
          ),
        )}
      </div>`;
  }

  private _renderCardDay(day: string, rows: EventRow[], dir: Directory, clashIds: Set<string>, today: string) {
    return html`<section class="card-day">
      <h2>
        ${t(`schedule.weekday.${new Date(`${day}T00:00:00Z`).getUTCDay()}`)}
        ${formatDay(day)}${day === today ? html` · ${t('schedule.today')}` : nothing}
      </h2>
      ${rows.length === 0 ? html`<p class="empty-day">${t('schedule.empty.day')}</p>` : rows.map((r) => this._renderCard(r, dir, clashIds))}
    </section>`;
  }

  private _renderCard(r: EventRow, dir: Directory, clashIds: Set<string>) {
    const s = r.state;
    const time = this._timeText(r) || t(`schedule.slot.${'slot' in s.when ? s.when.slot : 'allDay'}`);
    return html`<article class="card ${s.cancelled ? 'cancelled' : ''}" data-event-id=${r.id}>
      <div class="meta">${time}${this._was(r, dir, 'when')}</div>
      <a class="title" href=${`/schedule/events/${encodeURIComponent(r.id)}`}>${s.title}</a>${this._was(r, dir, 'title')}
      <div class="chips">${this._chips(r, dir, clashIds)}</div>
      ${s.location ? html`<div class="meta what">${locationText(dir, s.location)}${this._was(r, dir, 'location')}</div>` : nothing}
      ${s.chair ? html`<div class="meta what">${t('schedule.col.chair')}: ${displayNameOf(dir, s.chair)}${this._was(r, dir, 'chair')}</div>` : nothing}
      ${s.participants.length || s.participantUnits.length ? html`<div class="meta what">${participantsText(dir, s)}</div>` : nothing}
    </article>`;
  }

  private _renderAgenda(rows: EventRow[], dir: Directory, clashIds: Set<string>) {
    const today = wardDay();
    const byDay = new Map<string, EventRow[]>();
    for (const r of rows) {
      const d = daysOf(r)[0]!;
      byDay.set(d, [...(byDay.get(d) ?? []), r]);
    }
    return html`<div class="agenda">
      ${[...byDay.keys()].sort().map((d) => this._renderCardDay(d, byDay.get(d)!, dir, clashIds, today))}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-schedule-week': DkScheduleWeek;
  }
}
