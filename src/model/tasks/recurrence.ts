/**
 * Repeating tasks (docs/decisions/0003-tasks.md "Recurrence"). The first task of a series carries the rule and
 * the first deadline; the recurrence worker creates each next occurrence once its deadline comes within
 * `RECURRENCE_HORIZON_DAYS`, with a deterministic id (`task:<series ULID>.<YYYY-MM-DD>`), so two servers or a
 * restart create it once.
 *
 * - daily: every `interval` days from the first deadline.
 * - weekly: every `interval` weeks, on `weekday` (ISO 1 = Monday … 7 = Sunday; default: the first deadline's).
 *   Weeks count from the first deadline's week; a weekday later in that week gives an occurrence in it.
 * - monthly: every `interval` months, on `monthDay` (default: the first deadline's day), clamped to the end of
 *   shorter months (31 → 30 April, 28/29 February).
 * - `until`: the last possible deadline, inclusive.
 */
import { addDays } from '../documents/dates.ts';
import { weekStartOf } from './due.ts';
import { TASK_SCHEMA, type Recurrence, type Task, type TaskState } from './types.ts';
import { TASK_SYSTEM_ACTOR } from './rules.ts';

/** Occurrences are created when their deadline is at most this many days ahead. */
export const RECURRENCE_HORIZON_DAYS = 14;

/** Longest run of deadlines one call returns (a daily rule over years is a mistake, not a plan). */
const MAX_OCCURRENCES = 1000;

const isoWeekday = (day: string): number => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** The k-th candidate deadline of the rule (k = 0 is in the first deadline's day/week/month). */
function candidate(rule: Recurrence, first: string, k: number): string {
  const step = Math.max(1, Math.floor(rule.interval || 1));
  switch (rule.freq) {
    case 'daily':
      return addDays(first, k * step);
    case 'weekly': {
      const weekday = rule.weekday ?? isoWeekday(first);
      return addDays(weekStartOf(first), k * step * 7 + (weekday - 1));
    }
    case 'monthly': {
      const monthDay = rule.monthDay ?? Number(first.slice(8, 10));
      const months = Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1 + k * step;
      const year = Math.floor(months / 12);
      const month0 = months % 12;
      const d = Math.min(monthDay, daysInMonth(year, month0));
      return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
  }
}

/**
 * Deadlines of the series strictly after `after` and up to `upTo` inclusive (and up to `until`), oldest first.
 * The first deadline (the series' own task) belongs to the series too.
 */
export function occurrenceDeadlines(rule: Recurrence, firstDeadline: string, after: string, upTo: string): string[] {
  const last = rule.until && rule.until < upTo ? rule.until : upTo;
  const out = new Set<string>();
  if (firstDeadline > after && firstDeadline <= last) out.add(firstDeadline);
  // Candidates grow strictly with k, so the loop ends at `last`.
  for (let k = 0; out.size < MAX_OCCURRENCES; k += 1) {
    const d = candidate(rule, firstDeadline, k);
    if (d > last) break;
    if (d > firstDeadline && d > after) out.add(d);
  }
  return [...out].sort();
}

/** `task:<series ULID>.<YYYY-MM-DD>`. */
export const occurrenceId = (seriesId: string, deadline: string): string => `${seriesId}.${deadline}`;

/** What a series is now, after its edits and reassignments (`TaskState` from `deriveTaskState`). */
export type SeriesNow = Pick<
  TaskState,
  'title' | 'description' | 'priority' | 'lead' | 'coordinators' | 'followers' | 'checklist' | 'links'
>;

/**
 * The occurrence of `series` due on `deadline`, written by the recurrence worker: the series' people, checklist,
 * links and assigner (with the roles the assigner had), no files, no rule of its own. Given `current` (the series'
 * derived state), title, description, priority, people, checklist and links are the series' current ones, so an
 * edit or a reassignment of the series reaches the occurrences created after it (those created before keep theirs).
 */
export function makeOccurrence(series: Task, deadline: string, now: Date, current?: SeriesNow): Task {
  const from: SeriesNow = current ?? series;
  return {
    _id: occurrenceId(series._id, deadline),
    type: 'task',
    schema: TASK_SCHEMA,
    createdAt: now.toISOString(),
    createdBy: TASK_SYSTEM_ACTOR,
    title: from.title,
    ...(from.description ? { description: from.description } : {}),
    assigner: series.assigner,
    assignerName: series.assignerName,
    actorRoles: [...series.actorRoles],
    lead: from.lead,
    coordinators: [...from.coordinators],
    followers: [...from.followers],
    ...(series.unitId ? { unitId: series.unitId } : {}),
    deadline,
    ...(series.deadlineTime ? { deadlineTime: series.deadlineTime } : {}),
    priority: from.priority,
    checklist: from.checklist.map((i) => ({ ...i })),
    links: from.links.map((l) => ({ ...l })),
    seriesId: series._id,
  };
}
