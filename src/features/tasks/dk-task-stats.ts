import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { type TaskRow, listTasks, subscribeTasks } from '../../data/tasks.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory, subscribeDirectory, unitNameOf } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { compareVi } from '../../model/collate.ts';
import { headedUnitsOf, hasRole } from '../../model/roles.ts';
import { taskStatistics, weeklyTrend } from '../../model/tasks/stats.ts';
import type { TaskState } from '../../model/tasks/types.ts';
import { wardDay } from '../../model/time.ts';
import { LocaleController, formatDay, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { backLinkStyles, pageColumnStyles, pageHeadStyles, printStyles, reportControlsStyles } from '../../ui/page-styles.ts';
import '../../ui/dk-empty-state.ts';
import { legendStyles } from './chart-series.ts';
import { statsCsv, statsFileName } from './stats-csv.ts';
import {
  PERIOD_PRESETS,
  type PeriodPreset,
  STAT_COLUMNS,
  type StatsQuery,
  parseStatsQuery,
  presetOf,
  presetPeriod,
  statsSearch,
} from './stats-period.ts';
import './dk-bar-chart.ts';
import './dk-stats-table.ts';
import type { StatsTableRow } from './dk-stats-table.ts';
import './dk-trend-chart.ts';
import './messages-stats.ts';

/**
 * Who sees what: a leader every unit and person, and so does a clerk (the office compiles the ward's reports, as it
 * does the documents' processing report); a unit head their units and their people; others nothing.
 */
interface Scope {
  all: boolean;
  units: string[];
}

export function statsScope(me: Pick<MeResponse, 'name' | 'roles'>): Scope | null {
  if (hasRole(me, 'leader') || hasRole(me, 'clerk')) return { all: true, units: [] };
  const units = headedUnitsOf(me);
  return units.length ? { all: false, units } : null;
}

/**
 * Task statistics (thống kê công việc), `/tasks/stats?from=&to=&by=unit|person&unit=`: for a period (presets or
 * custom days), per unit or per lead, the tasks assigned, done on time, done late, in progress and overdue, each
 * count a link to those tasks; a bar chart, the weekly trend, CSV and print. Population and outcomes come from
 * the model (`taskStatistics`, `weeklyTrend`); this screen only scopes, names and draws them.
 */
@customElement('dk-task-stats')
export class DkTaskStats extends LitElement {
  static override styles = [
    sharedStyles,
    legendStyles,
    pageColumnStyles,
    backLinkStyles,
    pageHeadStyles,
    reportControlsStyles,
    printStyles,
    css`
      .back {
        justify-self: start;
      }
      h2 {
        font-size: var(--dk-font-size-lg);
        margin-block-end: var(--dk-space-2);
      }
      .controls .field {
        flex: 1 1 10rem;
        max-inline-size: 16rem;
      }
      .card {
        padding: var(--dk-space-3) var(--dk-space-4);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
      }
      .print-head {
        display: none;
        text-align: center;
      }
      .print-head p {
        margin: 0;
      }
      .charts {
        display: grid;
        gap: var(--dk-space-4);
        grid-template-columns: minmax(0, 1fr);
      }
      @media (min-width: 1000px) {
        .charts {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        }
      }
      @media print {
        .print-head {
          display: block;
          margin-block-end: 12px;
        }
        .card {
          border: none;
          padding: 0;
          break-inside: avoid;
          margin-block-start: 16px;
        }
        .charts {
          display: block;
        }
      }
    `,
  ];

  @property({ attribute: false }) search = '';

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _custom = false;

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

  get query(): StatsQuery {
    return parseStatsQuery(this.search, wardDay());
  }

  private _go(next: Partial<StatsQuery>): void {
    navigate(`/tasks/stats?${statsSearch({ ...this.query, ...next })}`, { replace: true });
  }

  /** The states this reader may count, narrowed to the chosen unit. */
  private _states(scope: Scope, dir: Directory, q: StatsQuery): TaskState[] {
    const inScope = (s: TaskState): boolean =>
      scope.all || scope.units.includes(s.task.unitId ?? '') || scope.units.includes(dir.personByName.get(s.lead)?.unitId ?? '\u0000');
    const inUnit = (s: TaskState): boolean => !q.unit || (q.unit === '-' ? !s.task.unitId : s.task.unitId === q.unit);
    return (this._rows.value ?? []).map((r) => r.state).filter((s) => inScope(s) && inUnit(s));
  }

  /** Named, scoped, ordered lines (units in the ward's order, people by name). */
  lines(): StatsTableRow[] {
    const me = this._me;
    const scope = me && statsScope(me);
    if (!scope) return [];
    const dir = this._dir.value ?? emptyDirectory();
    const q = this.query;
    if (q.from > q.to) return [];
    const stats = taskStatistics(this._states(scope, dir, q), q, new Date(), q.by);
    const keep = (key: string): boolean =>
      scope.all || (q.by === 'unit' ? scope.units.includes(key) : scope.units.includes(dir.personByName.get(key)?.unitId ?? '\u0000'));
    const name = (key: string): string =>
      q.by === 'unit' ? (key ? unitNameOf(dir, key) : t('tasks.stats.personal')) : displayNameOf(dir, key);
    const order = (key: string): number => (key ? (dir.unitById.get(key)?.order ?? Number.MAX_SAFE_INTEGER - 1) : Number.MAX_SAFE_INTEGER);
    return stats
      .filter((l) => keep(l.key))
      .map((l) => ({
        key: l.key,
        name: name(l.key),
        counts: Object.fromEntries(STAT_COLUMNS.map((c) => [c, l[c]])) as StatsTableRow['counts'],
      }))
      .sort((a, b) => (q.by === 'unit' ? order(a.key) - order(b.key) : 0) || compareVi(a.name, b.name));
  }

  private _download(): void {
    const q = this.query;
    const issuer = this._me?.settings?.issuer?.name;
    const unit = q.unit ? (q.unit === '-' ? t('tasks.stats.personal') : unitNameOf(this._dir.value ?? emptyDirectory(), q.unit)) : '';
    const csv = statsCsv({
      titleLines: [
        ...(issuer ? [issuer.toUpperCase()] : []),
        t('tasks.stats.csvTitle', { from: formatDay(q.from), to: formatDay(q.to) }) + (unit ? ` — ${unit}` : ''),
      ],
      groupHeader: t(`tasks.stats.by.${q.by}`),
      columnHeaders: Object.fromEntries(STAT_COLUMNS.map((c) => [c, t(`tasks.stats.col.${c}`)])) as Record<
        (typeof STAT_COLUMNS)[number],
        string
      >,
      totalLabel: t('tasks.stats.total'),
      rows: this.lines(),
    });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = statsFileName(q, q.by);
    a.hidden = true;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  override render() {
    const me = this._me;
    if (!me) return nothing;
    const back = html`<a class="back no-print" href="/tasks">${icons.back}${t('tasks.stats.back')}</a>`;
    const scope = statsScope(me);
    if (!scope) {
      return html`${back}<dk-empty-state .heading=${t('tasks.stats.title')} .icon=${icons.info}>
          <p>${t('tasks.stats.notAllowed')}</p>
        </dk-empty-state>`;
    }
    const dir = this._dir.value ?? emptyDirectory();
    const q = this.query;
    const badRange = q.from > q.to;
    const rows = this._rows.value;
    const lines = rows && !badRange ? this.lines() : [];
    const trend = rows && !badRange ? weeklyTrend(this._states(scope, dir, q), q, new Date()) : [];
    const period = t('tasks.stats.csvTitle', { from: formatDay(q.from), to: formatDay(q.to) });
    return html`${back}
      <header class="print-head">
        ${me.settings?.issuer ? html`<p lang="vi"><strong>${me.settings.issuer.name.toUpperCase()}</strong></p>` : nothing}
        <p>${period}</p>
      </header>
      <div class="no-print">
        <h1>${t('tasks.stats.title')}</h1>
        <p class="intro">${t('tasks.stats.intro')}</p>
        ${scope.all ? nothing : html`<p class="intro">${t('tasks.stats.scopeUnits', { units: scope.units.map((u) => unitNameOf(dir, u)).join(', ') })}</p>`}
      </div>
      ${this._renderControls(scope, dir, q, badRange, lines.length > 0)}
      ${
        !rows
          ? html`<div class="skeleton" style="block-size: 240px"></div>`
          : badRange
            ? nothing
            : lines.length === 0
              ? html`<dk-empty-state .heading=${t('tasks.stats.title')} .icon=${icons.tasks}
                  ><p>${t('tasks.stats.empty')}</p></dk-empty-state
                >`
              : html`<section class="card" aria-labelledby="table-title">
                    <h2 id="table-title">${t('tasks.stats.table')}</h2>
                    <dk-stats-table
                      .rows=${lines}
                      by=${q.by}
                      .period=${{ from: q.from, to: q.to }}
                      unit=${q.unit}
                      caption=${period}
                    ></dk-stats-table>
                  </section>
                  <div class="charts">
                    <section class="card" aria-labelledby="chart-title">
                      <h2 id="chart-title">${t('tasks.stats.chart')}</h2>
                      <dk-bar-chart .rows=${lines} group=${t(`tasks.stats.by.${q.by}`).toLowerCase()}></dk-bar-chart>
                    </section>
                    <section class="card" aria-labelledby="trend-title">
                      <h2 id="trend-title">${t('tasks.stats.trend')}</h2>
                      <dk-trend-chart .weeks=${trend} from=${q.from} to=${q.to}></dk-trend-chart>
                    </section>
                  </div>`
      }`;
  }

  private _renderControls(scope: Scope, dir: Directory, q: StatsQuery, badRange: boolean, hasLines: boolean) {
    const preset: PeriodPreset = this._custom ? 'custom' : presetOf(q, wardDay());
    const units = scope.all ? dir.units.map((u) => u.unitId) : scope.units;
    const onPreset = (e: Event): void => {
      const p = (e.target as HTMLSelectElement).value as PeriodPreset;
      this._custom = p === 'custom';
      if (p !== 'custom') this._go(presetPeriod(p, wardDay()));
    };
    const onDay = (which: 'from' | 'to') => (e: Event) => {
      const v = (e.target as HTMLInputElement).value;
      if (!v) return;
      this._custom = true;
      this._go({ [which]: v });
    };
    return html`<div class="controls no-print">
        <div class="field">
          <label for="preset">${t('tasks.stats.period')}</label>
          <select id="preset" @change=${onPreset}>
            ${PERIOD_PRESETS.map((p) => html`<option value=${p} ?selected=${p === preset}>${t(`tasks.stats.preset.${p}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${t('tasks.stats.from')}</label>
          <input
            id="from"
            type="date"
            .value=${q.from}
            aria-invalid=${badRange ? 'true' : 'false'}
            aria-describedby=${badRange ? 'range-error' : nothing}
            @change=${onDay('from')}
          />
        </div>
        <div class="field">
          <label for="to">${t('tasks.stats.to')}</label>
          <input id="to" type="date" .value=${q.to} @change=${onDay('to')} />
        </div>
        <div class="field">
          <label for="by">${t('tasks.stats.by')}</label>
          <select id="by" @change=${(e: Event) => this._go({ by: (e.target as HTMLSelectElement).value as StatsQuery['by'] })}>
            <option value="unit" ?selected=${q.by === 'unit'}>${t('tasks.stats.by.unit')}</option>
            <option value="person" ?selected=${q.by === 'person'}>${t('tasks.stats.by.person')}</option>
          </select>
        </div>
        <div class="field">
          <label for="unit">${t('tasks.stats.unit')}</label>
          <select id="unit" @change=${(e: Event) => this._go({ unit: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!q.unit}>${t('tasks.stats.allUnits')}</option>
            ${units.map((u) => html`<option value=${u} ?selected=${q.unit === u}>${unitNameOf(dir, u)}</option>`)}
            ${scope.all ? html`<option value="-" ?selected=${q.unit === '-'}>${t('tasks.stats.personal')}</option>` : nothing}
          </select>
        </div>
        <div class="buttons">
          <button class="btn" ?disabled=${!hasLines} @click=${() => window.print()}>${t('tasks.stats.print')}</button>
          <button class="btn" ?disabled=${!hasLines} @click=${this._download}>${icons.install}${t('tasks.stats.csv')}</button>
        </div>
      </div>
      ${badRange ? html`<p class="error no-print" id="range-error" role="alert">${t('tasks.stats.badRange')}</p>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-stats': DkTaskStats;
  }
}
