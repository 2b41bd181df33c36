/**
 * The task list's view and filters: read from and written to the URL (the parameters are a contract: statistics,
 * the digest, reminders, the calendar and the document detail link to `/tasks?…`), applied in memory to the rows
 * of `listTasks`, counted per view and grouped by due date. Pure; no Lit, no i18n.
 */
import { foldVietnamese } from '../../model/documents/numbering.ts';
import { words } from '../../search/normalize.ts';
import { wardDay } from '../../model/time.ts';
import {
  TASK_PRIORITIES,
  TASK_STATUSES,
  type Task,
  type TaskPriority,
  type TaskRole,
  type TaskState,
  type TaskStatus,
} from '../../model/tasks/types.ts';
import type { DueGroup } from './labels.ts';

/** What the list needs of a `TaskRow` (src/data/tasks.ts); a `TaskRow` is one. */
export interface TaskListRow {
  id: string;
  task: Task;
  state: TaskState;
  pending: boolean;
  roles: Set<TaskRole>;
  flags: { overdue: boolean; dueSoon: boolean; timeliness?: 'onTime' | 'late'; daysLeft?: number };
  group: DueGroup;
}

export const TASK_VIEWS = ['mine', 'lead', 'coordinating', 'assignedByMe', 'following', 'all'] as const;
export type TaskViewName = (typeof TASK_VIEWS)[number];

/** Flags and shortcuts the status filter offers besides the statuses themselves. */
export const STATUS_FLAGS = ['open', 'onTrack', 'overdue', 'dueSoon', 'doneOnTime', 'doneLate'] as const;
export type TaskStatusFilter = TaskStatus | (typeof STATUS_FLAGS)[number];

export const DUE_GROUPS: readonly DueGroup[] = ['overdue', 'today', 'thisWeek', 'later', 'noDeadline', 'closed'];

export interface TaskFilters {
  /** Free text over title, description and linked documents' labels (diacritics-insensitive). */
  q?: string;
  /** Anyone on the task: assigner, lead, coordinators, followers. */
  person?: string;
  lead?: string;
  /** Unit id; `-` = personal tasks. */
  unit?: string;
  status?: TaskStatusFilter;
  priority?: TaskPriority;
  /** Deadline range, inclusive. */
  from?: string;
  to?: string;
  /** Assigned (created) in, inclusive, days in the ward's zone. */
  createdFrom?: string;
  createdTo?: string;
  /** A linked official document's id. */
  document?: string;
}

export interface TaskQuery {
  /** Unset: `mine`. */
  view?: TaskViewName;
  filters: TaskFilters;
}

export const FILTER_KEYS = [
  'q',
  'person',
  'lead',
  'unit',
  'status',
  'priority',
  'from',
  'to',
  'createdFrom',
  'createdTo',
  'document',
] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

/** Reads `?view=…&q=…&status=…`; unknown or malformed values are dropped, not trusted. */
export function parseTaskQuery(search: string): TaskQuery {
  const p = new URLSearchParams(search);
  const filters: TaskFilters = {};
  const status = oneOf<TaskStatusFilter>([...TASK_STATUSES, ...STATUS_FLAGS], p.get('status'));
  if (status) filters.status = status;
  const priority = oneOf(TASK_PRIORITIES, p.get('priority'));
  if (priority) filters.priority = priority;
  for (const key of ['from', 'to', 'createdFrom', 'createdTo'] as const) {
    const v = p.get(key);
    if (v && DAY.test(v)) filters[key] = v;
  }
  for (const key of ['q', 'person', 'lead', 'unit', 'document'] as const) {
    const v = p.get(key)?.trim();
    if (v) filters[key] = v.slice(0, 200);
  }
  const view = oneOf(TASK_VIEWS, p.get('view'));
  return { ...(view ? { view } : {}), filters };
}

/** The query string (without `?`); the default view and empty filters are left out so links stay short. */
export function taskQueryString(q: TaskQuery): string {
  const p = new URLSearchParams();
  if (q.view && q.view !== 'mine') p.set('view', q.view);
  for (const key of FILTER_KEYS) {
    const v = q.filters[key];
    if (v) p.set(key, v);
  }
  return p.toString();
}

export const activeFilterCount = (f: TaskFilters): number => FILTER_KEYS.filter((k) => k !== 'q' && f[k]).length;

/** Whether a row belongs to a view. */
export function inView(row: TaskListRow, view: TaskViewName): boolean {
  switch (view) {
    case 'all':
      return true;
    case 'mine':
      return row.roles.has('lead') || row.roles.has('coordinating');
    default:
      return row.roles.has(view);
  }
}

/** How many rows each view holds (before filters). */
export function countViews(rows: readonly TaskListRow[]): Map<TaskViewName, number> {
  const counts = new Map<TaskViewName, number>(TASK_VIEWS.map((v) => [v, 0]));
  for (const row of rows) for (const v of TASK_VIEWS) if (inView(row, v)) counts.set(v, counts.get(v)! + 1);
  return counts;
}

const searchText = new WeakMap<TaskListRow, string>();
function textOf(row: TaskListRow): string {
  let s = searchText.get(row);
  if (s === undefined) {
    const st = row.state;
    s = foldVietnamese([st.title, st.description ?? '', ...st.links.map((l) => l.label)].join(' \u0001 '));
    searchText.set(row, s);
  }
  return s;
}

const CLOSED = new Set<TaskStatus>(['done', 'cancelled']);

function statusMatches(row: TaskListRow, status: TaskStatusFilter): boolean {
  switch (status) {
    case 'open':
      return !CLOSED.has(row.state.status);
    case 'onTrack':
      // Not finished and not overdue: the statistics' "in progress" column.
      return !CLOSED.has(row.state.status) && !row.flags.overdue;
    case 'overdue':
      return row.flags.overdue;
    case 'dueSoon':
      return row.flags.dueSoon;
    case 'doneOnTime':
      return row.state.status === 'done' && row.flags.timeliness === 'onTime';
    case 'doneLate':
      return row.state.status === 'done' && row.flags.timeliness === 'late';
    default:
      return row.state.status === status;
  }
}

/** A filter with its text folded once, for applying to many rows. */
export function rowFilter(f: TaskFilters): (row: TaskListRow) => boolean {
  // Every word of the text, anywhere (as the search box does).
  const qWords = f.q ? words(f.q) : [];
  return (row) => {
    const st = row.state;
    if (f.status && !statusMatches(row, f.status)) return false;
    if (f.priority && st.priority !== f.priority) return false;
    if (f.lead && st.lead !== f.lead) return false;
    if (
      f.person &&
      st.task.assigner !== f.person &&
      st.lead !== f.person &&
      !st.coordinators.includes(f.person) &&
      !st.followers.includes(f.person)
    )
      return false;
    if (f.unit && (st.task.unitId ?? '-') !== f.unit) return false;
    if ((f.from || f.to) && !st.deadline) return false;
    if (f.from && st.deadline! < f.from) return false;
    if (f.to && st.deadline! > f.to) return false;
    if (f.createdFrom || f.createdTo) {
      const day = wardDay(new Date(st.task.createdAt));
      if (f.createdFrom && day < f.createdFrom) return false;
      if (f.createdTo && day > f.createdTo) return false;
    }
    if (f.document && !st.links.some((l) => l.kind === 'document' && l.id === f.document)) return false;
    if (qWords.length && !qWords.every((w) => textOf(row).includes(w))) return false;
    return true;
  };
}

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
/** `YYYY-MM-DDTHH:mm` for comparing deadlines (no time: the end of the day). */
const dueKey = (st: TaskState): string => (st.deadline ? `${st.deadline}T${st.deadlineTime ?? '24:00'}` : '');

/** Open work: earliest deadline first, then priority, then the oldest assignment. */
export function compareOpen(a: TaskListRow, b: TaskListRow): number {
  const x = dueKey(a.state);
  const y = dueKey(b.state);
  if (x !== y) {
    if (!x) return 1;
    if (!y) return -1;
    return x < y ? -1 : 1;
  }
  const p = PRIORITY_RANK[a.state.priority] - PRIORITY_RANK[b.state.priority];
  if (p) return p;
  return a.task.createdAt < b.task.createdAt ? -1 : a.task.createdAt > b.task.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

const closedAt = (r: TaskListRow): string => r.state.doneAt ?? r.state.cancelledAt ?? r.state.lastActivityAt;
/** Closed work: the most recently finished first. */
const compareClosed = (a: TaskListRow, b: TaskListRow): number => (closedAt(a) < closedAt(b) ? 1 : closedAt(a) > closedAt(b) ? -1 : 0);

export interface TaskGroup {
  group: DueGroup;
  rows: TaskListRow[];
}

/** Rows by due group in the order the list shows them (empty groups left out), each group sorted. */
export function groupRows(rows: readonly TaskListRow[]): TaskGroup[] {
  const by = new Map<DueGroup, TaskListRow[]>(DUE_GROUPS.map((g) => [g, []]));
  for (const row of rows) by.get(row.group)?.push(row);
  return DUE_GROUPS.flatMap((group) => {
    const list = by.get(group)!;
    if (list.length === 0) return [];
    return [{ group, rows: list.sort(group === 'closed' ? compareClosed : compareOpen) }];
  });
}
