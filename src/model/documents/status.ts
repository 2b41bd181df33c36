/**
 * Status and deadlines of incoming documents, per assignee and overall, and the processing report.
 *
 * Due soon: the deadline is today or tomorrow (`DUE_SOON_DAYS` = 2 calendar days including today, in
 * Asia/Ho_Chi_Minh). Overdue: the deadline has passed (deadline < today). A deadline is the last day allowed, so
 * work completed on the deadline day is on time. Completion day = the ward day of the `completed` event. An
 * accepted extension moves the deadline: `originalDeadline` and `deadline` both stay on the assignment.
 * `today` is always a parameter (`wardDay()` from `../time.ts` in the app).
 */
import { daysBetween, wardDayOfInstant } from './dates.ts';
import type { AssigneeStatus } from './types.ts';
import { type AssignmentState, type IncomingState, currentLead, pendingExtension, topAssignments } from './workflow.ts';

/** Calendar days, today included, in which an open assignment counts as due soon. */
export const DUE_SOON_DAYS = 2;

/** Status of open work against a deadline. */
export function deadlineStatus(deadline: string | undefined, today: string): 'inProgress' | 'dueSoon' | 'overdue' {
  if (!deadline) return 'inProgress';
  const left = daysBetween(today, deadline);
  if (left < 0) return 'overdue';
  return left < DUE_SOON_DAYS ? 'dueSoon' : 'inProgress';
}

/** On time when completed on or before the (current) deadline, or when there was none. */
export function completedOnTime(completedAt: string, deadline: string | undefined): boolean {
  return !deadline || wardDayOfInstant(completedAt) <= deadline;
}

/** Status of one node of the direction tree. */
export function assignmentStatus(a: AssignmentState, today: string): AssigneeStatus {
  if (a.state === 'withdrawn') return 'withdrawn';
  if (a.role === 'forInformation') return a.state === 'returned' ? 'returned' : 'forInformation';
  if (a.state === 'returned') return 'returned';
  if (a.state === 'completed') return completedOnTime(a.completed!.at, a.deadline) ? 'doneOnTime' : 'doneLate';
  return deadlineStatus(a.deadline, today);
}

/**
 * Status of the document as a whole: awaiting direction (or `returned` when the lead handed it back), then the
 * status of the top-level lead; `forInformation` when the direction named no lead; `withdrawn` once recalled or
 * replaced by its sender.
 */
export function overallStatus(state: IncomingState, today: string): AssigneeStatus {
  if (state.recalled || state.replaced) return 'withdrawn';
  const top = topAssignments(state);
  const lead = currentLead(state);
  if (state.completed) return completedOnTime(state.completed.at, lead?.deadline) ? 'doneOnTime' : 'doneLate';
  if (state.phase === 'awaitingDirection') return top.some((a) => a.state === 'returned') ? 'returned' : 'awaitingDirection';
  if (lead) return assignmentStatus(lead, today);
  return top.some((a) => a.role === 'coordinating' && a.state === 'open') ? 'inProgress' : 'forInformation';
}

/** What the deadline line of an assignee shows: original and current deadline, a waiting request, days left. */
export interface DeadlineInfo {
  original?: string;
  current?: string;
  /** True when an accepted extension moved the deadline. */
  extended: boolean;
  /** The date asked for in an unanswered extension request. */
  requested?: string;
  /** Calendar days from today to the current deadline (negative when overdue); open work only. */
  daysLeft?: number;
}

export function deadlineInfo(a: AssignmentState, today: string): DeadlineInfo {
  const info: DeadlineInfo = { extended: !!a.deadline && a.deadline !== a.originalDeadline };
  if (a.originalDeadline) info.original = a.originalDeadline;
  if (a.deadline) info.current = a.deadline;
  const pending = pendingExtension(a);
  if (pending) info.requested = pending.requested.requestedDeadline;
  if (a.deadline && a.state === 'open') info.daysLeft = daysBetween(today, a.deadline);
  return info;
}

/** Buckets of the processing report (báo cáo tình hình xử lý văn bản). */
export const REPORT_BUCKETS = ['doneOnTime', 'doneLate', 'inProgress', 'overdue', 'returned'] as const;
export type ReportBucket = (typeof REPORT_BUCKETS)[number];

export interface ProcessingRow {
  /** `unit:<id>` or `person:<name>`. */
  key: string;
  kind: 'unit' | 'person';
  id: string;
  received: number;
  doneOnTime: number;
  doneLate: number;
  /** In progress, due soon included. */
  inProgress: number;
  overdue: number;
  returned: number;
  /** Document ids per bucket, for the click-through (a document appears once per row). */
  documents: Record<ReportBucket, string[]>;
}

export interface ProcessingReport {
  units: ProcessingRow[];
  persons: ProcessingRow[];
}

const bucketOf = (s: AssigneeStatus): ReportBucket | null =>
  s === 'dueSoon' ? 'inProgress' : (REPORT_BUCKETS as readonly string[]).includes(s) ? (s as ReportBucket) : null;

/**
 * Per unit and per person: documents received (assigned as lead or coordinating; for-information and
 * withdrawn assignments do not count), done on time, done late, in progress, overdue, returned. Units count
 * the leader's assignments to the unit; persons count assignments to them, direct or forwarded by a unit head.
 * With a range, only assignments made in it (ward days, inclusive) count. Rows sort by key.
 */
export function processingReport(
  states: readonly IncomingState[],
  today: string,
  range: { from?: string; to?: string } = {},
): ProcessingReport {
  const rows = new Map<string, ProcessingRow>();
  const counted = new Set<string>(); // `<row key>|<document id>`: a document counts once per row
  for (const state of states) {
    if (state.recalled || state.replaced) continue;
    for (const a of state.assignments) {
      if (a.state === 'withdrawn' || a.role === 'forInformation') continue;
      const day = wardDayOfInstant(a.assigned.at);
      if ((range.from && day < range.from) || (range.to && day > range.to)) continue;
      const bucket = bucketOf(assignmentStatus(a, today));
      if (!bucket) continue;
      const id = a.assignee.kind === 'unit' ? a.assignee.unitId : a.assignee.name;
      const key = `${a.assignee.kind}:${id}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          key,
          kind: a.assignee.kind,
          id,
          received: 0,
          doneOnTime: 0,
          doneLate: 0,
          inProgress: 0,
          overdue: 0,
          returned: 0,
          documents: { doneOnTime: [], doneLate: [], inProgress: [], overdue: [], returned: [] },
        };
        rows.set(key, row);
      }
      const once = `${key}|${state.doc._id}`;
      if (counted.has(once)) continue;
      counted.add(once);
      row.received++;
      row[bucket]++;
      row.documents[bucket].push(state.doc._id);
    }
  }
  const sorted = [...rows.values()].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { units: sorted.filter((r) => r.kind === 'unit'), persons: sorted.filter((r) => r.kind === 'person') };
}
