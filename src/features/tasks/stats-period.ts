import { addDays } from '../../model/documents/dates.ts';

/**
 * The statistics' period and grouping as URL parameters (`/tasks/stats?from=&to=&by=unit|person&unit=`), the
 * period presets in the ward's calendar, and the click-through to the task list (view=all + unit|lead +
 * createdFrom/createdTo + status, common brief of issue 4). Pure: `today` is a ward day (`wardDay()`).
 */
export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const STAT_COLUMNS = ['assigned', 'doneOnTime', 'doneLate', 'inProgress', 'overdue'] as const;
export type StatColumn = (typeof STAT_COLUMNS)[number];

export type StatsBy = 'unit' | 'person';

export interface Period {
  from: string;
  to: string;
}

export interface StatsQuery extends Period {
  by: StatsBy;
  /** Only the tasks of this unit (`-`: personal tasks); '' = every unit the reader may see. */
  unit: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number): string => addDays(`${m === 12 ? y + 1 : y}-${pad(m === 12 ? 1 : m + 1)}-01`, -1);

/** The days of a preset around `today` (the whole period, also the part still to come). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  switch (preset) {
    case 'thisMonth':
      return { from: `${y}-${pad(m)}-01`, to: lastDayOfMonth(y, m) };
    case 'lastMonth': {
      const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: `${ly}-${pad(lm)}-01`, to: lastDayOfMonth(ly, lm) };
    }
    case 'thisQuarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${y}-${pad(first)}-01`, to: lastDayOfMonth(y, first + 2) };
    }
    case 'thisYear':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** Which preset a period is (or `custom`). */
export function presetOf(period: Period, today: string): PeriodPreset {
  for (const p of PERIOD_PRESETS) {
    if (p === 'custom') continue;
    const q = presetPeriod(p, today);
    if (q.from === period.from && q.to === period.to) return p;
  }
  return 'custom';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the URL parameters; missing or malformed ones fall back to this month, by unit. */
export function parseStatsQuery(search: string, today: string): StatsQuery {
  const p = new URLSearchParams(search);
  const month = presetPeriod('thisMonth', today);
  const from = p.get('from') ?? '';
  const to = p.get('to') ?? '';
  return {
    from: DAY.test(from) ? from : month.from,
    to: DAY.test(to) ? to : month.to,
    by: p.get('by') === 'person' ? 'person' : 'unit',
    unit: p.get('unit') ?? '',
  };
}

export function statsSearch(q: StatsQuery): string {
  const p = new URLSearchParams({ from: q.from, to: q.to, by: q.by });
  if (q.unit) p.set('unit', q.unit);
  return p.toString();
}

/**
 * The task list showing the tasks counted in one cell. `key` is a unit id ('' = personal tasks) or a person's
 * account. "In progress" (open, not overdue) has no status of its own in the list: it opens the open tasks.
 */
export function statCellHref(by: StatsBy, key: string | null, column: StatColumn, period: Period, unit = ''): string {
  const p = new URLSearchParams({ view: 'all' });
  if (by === 'unit' && key !== null) p.set('unit', key === '' ? '-' : key);
  else if (unit) p.set('unit', unit);
  if (by === 'person' && key !== null) p.set('lead', key);
  p.set('createdFrom', period.from);
  p.set('createdTo', period.to);
  if (column !== 'assigned') p.set('status', column === 'inProgress' ? 'onTrack' : column);
  return `/tasks?${p.toString()}`;
}
