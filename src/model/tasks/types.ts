import type { BaseDoc } from '../doc.ts';
import type { FileMeta } from '../files.ts';

/**
 * Work management (giao việc), issue 4. See docs/decisions/0003-tasks.md.
 *
 * A `task` holds what was assigned when it was created and never changes afterwards; everything that
 * happens to it later (progress, edits, new deadline, people changed, submission, acceptance, comments)
 * is an append-only `taskEvent`, and the task's current state is derived from its events in a fixed
 * order (`./state.ts`). Two people working offline on the same task therefore never conflict: both
 * events are kept and both show.
 */

export const TASK_SCHEMA = 1;
export const TASK_EVENT_SCHEMA = 1;

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Derived status (never stored). */
export const TASK_STATUSES = ['notStarted', 'inProgress', 'awaitingReview', 'returned', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A checklist item; `id` is stable so that ticks and edits refer to it. */
export interface ChecklistItem {
  id: string;
  text: string;
}

/**
 * What a task refers to. The `label` is copied when the link is made (`Kế hoạch số 45/KH-UBND – Triển khai…`),
 * so people who cannot open the document (another unit, confidential) still read what it is about.
 * `meeting`: a meeting by name until the schedule (issue 5) gives events an id; then `id` is `calendarEvent:…`.
 */
export interface TaskLink {
  kind: 'document' | 'meeting';
  /** `officialDocument:…` for documents; `calendarEvent:…` for meetings when known. */
  id?: string;
  label: string;
}

/** Repeats of a task: the worker creates each occurrence ahead of its deadline (`./recurrence.ts`). */
export interface Recurrence {
  freq: 'daily' | 'weekly' | 'monthly';
  /** Every `interval` days/weeks/months; 1 by default. */
  interval: number;
  /** weekly: ISO weekday of the deadline (1 = Monday … 7 = Sunday). */
  weekday?: number;
  /** monthly: day of the month of the deadline (31 = the last day of shorter months). */
  monthDay?: number;
  /** Last possible deadline (YYYY-MM-DD), inclusive. */
  until?: string;
}

export interface Task extends BaseDoc {
  type: 'task';
  title: string;
  description?: string;
  /** Account that assigned it (người giao): `createdBy`, or for an occurrence of a series the series' assigner. */
  assigner: string;
  /** Display name of the assigner when written. */
  assignerName: string;
  /**
   * The assigner's account roles when assigning (`validate_doc_update` refuses roles the session does not
   * have; occurrences copy the series'). Rules are checked with these, so later role changes do not rewrite history.
   */
  actorRoles: string[];
  /** Người chủ trì: exactly one. */
  lead: string;
  /** Người phối hợp. */
  coordinators: string[];
  /** Người theo dõi: read it, are told, do not report. */
  followers: string[];
  /**
   * The unit the task belongs to (its home space, `docket-unit-<unitId>`); absent for a personal task, which
   * lives in its creator's personal space and has no one else on it.
   */
  unitId?: string;
  /** YYYY-MM-DD. */
  startOn?: string;
  /** YYYY-MM-DD in Asia/Ho_Chi_Minh; absent: no deadline. */
  deadline?: string;
  /** `HH:mm` on the deadline day; absent: the end of that day. */
  deadlineTime?: string;
  priority: TaskPriority;
  checklist: ChecklistItem[];
  links: TaskLink[];
  files?: FileMeta[];
  /** Subtask: the task it was split from (same unit). */
  parentId?: string;
  /** The first task of a series carries its rule; occurrences carry `seriesId` (= that first task's id). */
  recurrence?: Recurrence;
  seriesId?: string;
}

/** Every step in a task's life. `createdBy` is the actor. */
export const TASK_EVENT_KINDS = [
  'progress', // assignee: percent (lead's sets the task's), note, files
  'comment', // anyone who reads the task
  'checklistToggled', // assignee or assigner: one item done / not done
  'edited', // assigner, leader (title, priority, links); also the lead (description, checklist)
  'deadlineChanged', // assigner or leader
  'reassigned', // assigner or leader: lead / coordinators / followers
  'extensionRequested', // assignee: a new deadline with a reason
  'extensionAnswered', // assigner or leader: accepted (deadline moves) or refused
  'submitted', // lead: done, please review
  'accepted', // assigner or leader: done
  'returned', // assigner or leader: back for rework, with a reason
  'cancelled', // assigner or leader
  'reopened', // assigner or leader: a done or cancelled task goes on
] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];

/** Fields an `edited` event may change (absent: unchanged). */
export interface TaskEdit {
  title?: string;
  description?: string;
  priority?: TaskPriority;
  startOn?: string;
  checklist?: ChecklistItem[];
  links?: TaskLink[];
}

export interface TaskEvent extends BaseDoc {
  type: 'taskEvent';
  taskId: string;
  kind: TaskEventKind;
  /** Display name of the actor when written. */
  actorName: string;
  /** The actor's account roles when writing (checked against the session like `Task.actorRoles`). */
  actorRoles: string[];
  /** Progress note, comment, reason (return, extension, cancel), answer. */
  note?: string;
  /** `progress`: 0–100. */
  percent?: number;
  /** `checklistToggled`. */
  itemId?: string;
  done?: boolean;
  /** `edited`. */
  changes?: TaskEdit;
  /** `deadlineChanged`: the new deadline; `extensionRequested`/`extensionAnswered`: the one asked for. */
  deadline?: string;
  deadlineTime?: string;
  /** `extensionAnswered`. */
  accepted?: boolean;
  /** `reassigned`: the new lists (absent: unchanged). */
  lead?: string;
  coordinators?: string[];
  followers?: string[];
  files?: FileMeta[];
}

export const TASK_LIMITS = {
  titleMax: 300,
  descriptionMax: 10_000,
  noteMax: 5_000,
  checklistMax: 100,
  checklistTextMax: 300,
  linksMax: 20,
  linkLabelMax: 500,
  peopleMax: 50,
} as const;

/** Where a task's people stand (derived, `./state.ts`). */
export type TaskRole = 'lead' | 'coordinating' | 'assignedByMe' | 'following';

/** One deadline in the task's history: the first one, every change and every accepted extension. */
export interface DeadlineEntry {
  deadline?: string;
  deadlineTime?: string;
  at: string;
  by: string;
  byName: string;
  cause: 'created' | 'changed' | 'extension';
  /** The event that set it (absent for `created`). */
  eventId?: string;
}

/** A coordinator's own part: their latest report. */
export interface PartProgress {
  name: string;
  percent?: number;
  note?: string;
  at: string;
}

/**
 * The current state of a task: the task as created with every event applied in (createdAt, _id) order.
 * An event that does not apply at its place in that order (a second acceptance, a submission by someone no
 * longer lead) changes nothing but stays in `events` and is listed in `ignored`, so no one's words are lost.
 */
export interface TaskState {
  task: Task;
  /** Sorted (createdAt, _id). */
  events: TaskEvent[];
  ignored: { eventId: string; reason: string }[];
  title: string;
  description?: string;
  priority: TaskPriority;
  startOn?: string;
  checklist: ChecklistItem[];
  /** Ids of the checklist items ticked. */
  checked: Set<string>;
  links: TaskLink[];
  lead: string;
  coordinators: string[];
  followers: string[];
  /** Everyone who was lead or coordinator at any time: their reports are never refused for a reassignment made meanwhile. */
  everAssigned: Set<string>;
  deadline?: string;
  deadlineTime?: string;
  /** Deadline history, oldest first; the original deadline is `deadlines[0]`. */
  deadlines: DeadlineEntry[];
  status: TaskStatus;
  /** The lead's latest reported percent (100 once accepted). */
  percent: number;
  /** Coordinators' latest reports, by account name. */
  parts: Map<string, PartProgress>;
  /** An extension asked for and not answered yet (the latest one). */
  pendingExtension?: { eventId: string; by: string; byName: string; deadline: string; deadlineTime?: string; note?: string; at: string };
  /** The submission that was accepted (status done), or the pending one (awaitingReview). */
  submittedAt?: string;
  /** When it was accepted as done. */
  doneAt?: string;
  cancelledAt?: string;
  /** Latest event time (or createdAt). */
  lastActivityAt: string;
}
