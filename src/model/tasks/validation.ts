/**
 * Validation of the new-task form → `FieldError[]` with message-catalog codes (like the document forms).
 * `today` is the ward's calendar day (`wardDay()`); dates are `YYYY-MM-DD`, times `HH:mm`. Who may assign whom is
 * not checked here but by `canCreateTask` (`./rules.ts`), which needs the directory.
 *
 * Codes beyond the shared ones (`error.required`, `error.tooLong`, `error.date`, `error.dateInPast`, `error.choice`,
 * `error.tooMany`, `error.duplicate`, `error.positiveInteger`) are listed in `TASK_FORM_ERROR_CODES`.
 */
import type { FieldError } from '../doc.ts';
import { isValidDay } from '../documents/dates.ts';
import { type Recurrence, type TaskLink, type TaskPriority, type TaskState, TASK_LIMITS, TASK_PRIORITIES } from './types.ts';

export interface TaskInput {
  title: string;
  description?: string;
  lead: string;
  coordinators: string[];
  followers: string[];
  /** Absent or empty: a personal task. */
  unitId?: string;
  startOn?: string;
  deadline?: string;
  deadlineTime?: string;
  priority: TaskPriority;
  /** Item texts; empty lines are dropped. */
  checklist: string[];
  links: TaskLink[];
  parentId?: string;
  recurrence?: Recurrence;
}

/** Codes this form answers with that the shared catalogs do not have. */
export const TASK_FORM_ERROR_CODES = [
  'error.time',
  'error.deadlineBeforeStart',
  'error.deadlineAfterParent',
  'error.untilBeforeDeadline',
  'error.recurrenceNeedsDeadline',
  'error.personalTaskAlone',
  'error.recurrenceSubtask',
] as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const FREQS: readonly string[] = ['daily', 'weekly', 'monthly'];

function text(errors: FieldError[], field: string, value: string | undefined, max: number, required: boolean): void {
  const v = (value ?? '').trim();
  if (!v) {
    if (required) errors.push({ field, code: 'error.required' });
  } else if (v.length > max) errors.push({ field, code: 'error.tooLong', params: { max } });
}

function day(errors: FieldError[], field: string, value: string | undefined): boolean {
  if (!value) return false;
  if (isValidDay(value)) return true;
  errors.push({ field, code: 'error.date' });
  return false;
}

function people(errors: FieldError[], input: TaskInput): void {
  const lead = input.lead?.trim() ?? '';
  if (!lead) errors.push({ field: 'lead', code: 'error.required' });
  const coordinators = input.coordinators.map((n) => n.trim()).filter(Boolean);
  const followers = input.followers.map((n) => n.trim()).filter(Boolean);
  if (coordinators.includes(lead) || new Set(coordinators).size < coordinators.length)
    errors.push({ field: 'coordinators', code: 'error.duplicate' });
  if (new Set(followers).size < followers.length) errors.push({ field: 'followers', code: 'error.duplicate' });
  if (1 + coordinators.length + followers.length > TASK_LIMITS.peopleMax)
    errors.push({ field: 'followers', code: 'error.tooMany', params: { max: TASK_LIMITS.peopleMax } });
  if (!input.unitId && (coordinators.length > 0 || followers.length > 0))
    errors.push({ field: coordinators.length ? 'coordinators' : 'followers', code: 'error.personalTaskAlone' });
}

function recurrence(errors: FieldError[], r: Recurrence, deadline: string | undefined): void {
  if (!FREQS.includes(r.freq)) errors.push({ field: 'recurrence.freq', code: 'error.choice' });
  if (!Number.isInteger(r.interval) || r.interval < 1 || r.interval > 365)
    errors.push({ field: 'recurrence.interval', code: 'error.positiveInteger' });
  if (r.freq === 'weekly' && r.weekday !== undefined && !(Number.isInteger(r.weekday) && r.weekday >= 1 && r.weekday <= 7))
    errors.push({ field: 'recurrence.weekday', code: 'error.choice' });
  if (r.freq === 'monthly' && r.monthDay !== undefined && !(Number.isInteger(r.monthDay) && r.monthDay >= 1 && r.monthDay <= 31))
    errors.push({ field: 'recurrence.monthDay', code: 'error.choice' });
  if (!deadline) errors.push({ field: 'deadline', code: 'error.recurrenceNeedsDeadline' });
  if (day(errors, 'recurrence.until', r.until) && deadline && r.until! < deadline)
    errors.push({ field: 'recurrence.until', code: 'error.untilBeforeDeadline' });
}

/** Field errors of a new task, empty when it may be written (the rules aside). */
export function validateTaskInput(input: TaskInput, ctx: { today: string; parent?: TaskState | null }): FieldError[] {
  const errors: FieldError[] = [];
  text(errors, 'title', input.title, TASK_LIMITS.titleMax, true);
  text(errors, 'description', input.description, TASK_LIMITS.descriptionMax, false);
  people(errors, input);
  if (!(TASK_PRIORITIES as readonly string[]).includes(input.priority)) errors.push({ field: 'priority', code: 'error.choice' });

  const start = day(errors, 'startOn', input.startOn) ? input.startOn : undefined;
  const deadline = day(errors, 'deadline', input.deadline) ? input.deadline : undefined;
  if (deadline) {
    if (deadline < ctx.today) errors.push({ field: 'deadline', code: 'error.dateInPast' });
    else if (start && deadline < start) errors.push({ field: 'deadline', code: 'error.deadlineBeforeStart' });
    else if (ctx.parent?.deadline && deadline > ctx.parent.deadline) errors.push({ field: 'deadline', code: 'error.deadlineAfterParent' });
  }
  if (input.deadlineTime) {
    if (!TIME.test(input.deadlineTime)) errors.push({ field: 'deadlineTime', code: 'error.time' });
    else if (!input.deadline) errors.push({ field: 'deadline', code: 'error.required' });
  }

  const items = input.checklist.map((t) => t.trim()).filter(Boolean);
  if (items.length > TASK_LIMITS.checklistMax)
    errors.push({ field: 'checklist', code: 'error.tooMany', params: { max: TASK_LIMITS.checklistMax } });
  input.checklist.forEach((t, i) => {
    if (t.trim().length > TASK_LIMITS.checklistTextMax)
      errors.push({ field: `checklist.${i}`, code: 'error.tooLong', params: { max: TASK_LIMITS.checklistTextMax } });
  });

  if (input.links.length > TASK_LIMITS.linksMax)
    errors.push({ field: 'links', code: 'error.tooMany', params: { max: TASK_LIMITS.linksMax } });
  const linkIds = new Set<string>();
  input.links.forEach((l, i) => {
    text(errors, `links.${i}`, l.label, TASK_LIMITS.linkLabelMax, true);
    if (l.id) {
      if (linkIds.has(l.id)) errors.push({ field: `links.${i}`, code: 'error.duplicate' });
      linkIds.add(l.id);
    }
  });

  if (input.parentId && input.recurrence) errors.push({ field: 'recurrence.freq', code: 'error.recurrenceSubtask' });
  if (input.recurrence) recurrence(errors, input.recurrence, deadline);
  return errors;
}
