/**
 * Who may do what with a task (docs/decisions/0003-tasks.md "Who may do what"). Pure: the UI offers actions
 * with `availableTaskActions`, the data layer checks `canApplyTaskEvent` before writing, the gateway checks
 * both against the stored state before a write reaches the store, and `deriveTaskState` checks every stored
 * event at its place with the roles its author had when writing it.
 *
 * - Leaders (role `leader`) assign anyone, in any unit. A unit head (`head:<unitId>`) assigns members of the
 *   unit (lead and coordinators; followers may be anyone). A member (`unit:<unitId>`) creates unit tasks for
 *   themselves (lead = self, no coordinators). Anyone creates personal tasks (no unit, no one else on it).
 * - Subtasks: the parent's lead, its assigner or a leader splits it; the subtask's lead and coordinators are
 *   the parent's lead or coordinators; same unit.
 * - Occurrences of a series are written by the recurrence worker (`createdBy: 'system'`) with a `seriesId`.
 * - The assigner or a leader ("managers") change deadline, people, title/priority/links, answer extensions,
 *   accept, return, cancel, reopen. The lead may edit description and checklist. Assignees (lead or coordinators,
 *   now or earlier) report progress and ask for extensions; only the current lead submits. Anyone who reads the
 *   task comments.
 */
import { isValidDay } from '../documents/dates.ts';
import {
  type Task,
  type TaskEdit,
  type TaskEvent,
  type TaskEventKind,
  type TaskState,
  TASK_EVENT_KINDS,
  TASK_LIMITS,
  TASK_PRIORITIES,
} from './types.ts';

export interface TaskActor {
  name: string;
  roles: string[];
}

export type RuleResult = { ok: true } | { ok: false; code: string; message: string };

/** What a person writes; the data layer adds ids, author, time and task id. */
export type TaskEventInput = Omit<
  TaskEvent,
  '_id' | '_rev' | 'type' | 'schema' | 'createdAt' | 'createdBy' | 'actorName' | 'actorRoles' | 'taskId'
>;

/** The account the recurrence worker writes occurrences as. */
export const TASK_SYSTEM_ACTOR = 'system';

/** Every `code` a rule may answer with; the UI has a message `task.rule.<code>` for each. */
export const TASK_RULE_CODES = [
  // creating
  'assignerMismatch',
  'notAllowed',
  'notUnitHead',
  'notUnitMember',
  'selfOnly',
  'personalSelfOnly',
  'parentMissing',
  'parentClosed',
  'parentUnit',
  'notParentManager',
  'notParentAssignee',
  'seriesBySystem',
  'leadRequired',
  'leadIsCoordinator',
  'tooManyPeople',
  // events
  'unknownKind',
  'closed',
  'notClosed',
  'notManager',
  'notAssignee',
  'notLead',
  'notEditor',
  'personalTask',
  'notAwaitingReview',
  'alreadySubmitted',
  'noteRequired',
  'noteTooLong',
  'percentInvalid',
  'reportEmpty',
  'deadlineInvalid',
  'deadlineRequired',
  'timeInvalid',
  'answerRequired',
  'noPendingExtension',
  'itemUnknown',
  'doneRequired',
  'noChanges',
  'editInvalid',
  'noPeople',
] as const;
export type TaskRuleCode = (typeof TASK_RULE_CODES)[number];

const MESSAGES: Record<TaskRuleCode, string> = {
  assignerMismatch: 'The assigner must be the author of the task.',
  notAllowed: 'Only leaders, unit heads and members of the unit may create tasks in this unit.',
  notUnitHead: 'A unit head assigns only members of their own unit.',
  notUnitMember: 'Only members of the unit may create tasks in it.',
  selfOnly: 'Staff create tasks only for themselves, without coordinators.',
  personalSelfOnly: 'A personal task has its creator as lead and no one else on it.',
  parentMissing: 'The parent task is not known.',
  parentClosed: 'The parent task is done or cancelled.',
  parentUnit: 'A subtask belongs to the unit of its parent.',
  notParentManager: "Only the parent task's lead, its assigner or a leader splits it into subtasks.",
  notParentAssignee: "A subtask's lead and coordinators are the parent's lead or coordinators.",
  seriesBySystem: 'Only the recurrence worker creates occurrences of a series.',
  leadRequired: 'A task has exactly one lead.',
  leadIsCoordinator: 'The lead cannot also be a coordinator.',
  tooManyPeople: 'Too many people on the task.',
  unknownKind: 'Unknown kind of task event.',
  closed: 'The task is done or cancelled.',
  notClosed: 'Only a done or cancelled task can be reopened.',
  notManager: 'Only the assigner or a leader may do this.',
  notAssignee: 'Only the lead or coordinators of the task may do this.',
  notLead: 'Only the current lead may submit the task.',
  notEditor: 'The lead may change only the description and the checklist.',
  personalTask: 'A personal task has no one else on it.',
  notAwaitingReview: 'The task is not awaiting review.',
  alreadySubmitted: 'The task is already awaiting review.',
  noteRequired: 'A note is required.',
  noteTooLong: 'The note is too long.',
  percentInvalid: 'Progress is a whole number from 0 to 100.',
  reportEmpty: 'A progress report needs a percent, a note or a file.',
  deadlineInvalid: 'The deadline is not a valid day.',
  deadlineRequired: 'A new deadline is required.',
  timeInvalid: 'The deadline time is not a valid HH:mm time.',
  answerRequired: 'Say whether the extension is accepted.',
  noPendingExtension: 'No extension request is waiting for an answer.',
  itemUnknown: 'The checklist item does not exist.',
  doneRequired: 'Say whether the item is done.',
  noChanges: 'Nothing to change.',
  editInvalid: 'The changes are not valid.',
  noPeople: 'Nothing to reassign.',
};

const OK: RuleResult = { ok: true };
const no = (code: TaskRuleCode): RuleResult => ({ ok: false, code, message: MESSAGES[code] });

const isLeader = (a: TaskActor): boolean => a.roles.includes('leader');
const isHeadOf = (a: TaskActor, unitId: string): boolean => a.roles.includes(`head:${unitId}`);
const isMemberOf = (a: TaskActor, unitId: string): boolean => a.roles.includes(`unit:${unitId}`);
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const isClosedStatus = (s: TaskState): boolean => s.status === 'done' || s.status === 'cancelled';

/** The assigner of this task or a leader. */
export const isTaskManager = (s: TaskState, a: TaskActor): boolean => s.task.assigner === a.name || isLeader(a);
/** Lead or coordinator, now or earlier. */
export const isTaskAssignee = (s: TaskState, a: TaskActor): boolean => s.everAssigned.has(a.name) || s.lead === a.name;

function checkPeople(lead: string, coordinators: readonly string[], followers: readonly string[]): RuleResult {
  if (!lead) return no('leadRequired');
  if (coordinators.includes(lead)) return no('leadIsCoordinator');
  if (coordinators.length + followers.length + 1 > TASK_LIMITS.peopleMax) return no('tooManyPeople');
  return OK;
}

/**
 * Whether `actor` may create `task`. `ctx.unitsOf(name)` gives another person's units (the directory);
 * `ctx.parent` is the parent's state for a subtask (null/absent: not known here).
 */
export function canCreateTask(
  task: Task,
  actor: TaskActor,
  ctx: { unitsOf(name: string): string[]; parent?: TaskState | null },
): RuleResult {
  const people = checkPeople(task.lead, task.coordinators, task.followers);
  if (!people.ok) return people;
  const others = [...task.coordinators, ...task.followers];
  if (task.seriesId) {
    // The worker copies the series' people and assigner; the series itself passed these rules.
    return actor.name === TASK_SYSTEM_ACTOR && task.createdBy === TASK_SYSTEM_ACTOR ? OK : no('seriesBySystem');
  }
  if (task.assigner !== actor.name || task.createdBy !== actor.name) return no('assignerMismatch');
  if (!task.unitId) {
    if (task.lead !== actor.name || others.length > 0) return no('personalSelfOnly');
    if (task.parentId) return subtaskRule(task, actor, ctx.parent);
    return OK;
  }
  if (task.parentId) return subtaskRule(task, actor, ctx.parent);
  const unitId = task.unitId;
  if (isLeader(actor)) return OK;
  if (isHeadOf(actor, unitId)) {
    const inUnit = (n: string): boolean => n === actor.name || ctx.unitsOf(n).includes(unitId);
    return [task.lead, ...task.coordinators].every(inUnit) ? OK : no('notUnitHead');
  }
  if (isMemberOf(actor, unitId)) return task.lead === actor.name && task.coordinators.length === 0 ? OK : no('selfOnly');
  return no('notAllowed');
}

function subtaskRule(task: Task, actor: TaskActor, parent: TaskState | null | undefined): RuleResult {
  if (!parent || parent.task._id !== task.parentId) return no('parentMissing');
  if (isClosedStatus(parent)) return no('parentClosed');
  if ((parent.task.unitId ?? '') !== (task.unitId ?? '')) return no('parentUnit');
  if (parent.lead !== actor.name && !isTaskManager(parent, actor)) return no('notParentManager');
  const team = new Set([parent.lead, ...parent.coordinators]);
  return [task.lead, ...task.coordinators].every((n) => team.has(n)) ? OK : no('notParentAssignee');
}

/** Who may write an event of this kind on this task now (the state's status aside from fields). */
function permission(s: TaskState, kind: TaskEventKind, a: TaskActor): RuleResult {
  const manager = isTaskManager(s, a);
  switch (kind) {
    case 'comment':
      return OK;
    case 'progress':
    case 'extensionRequested':
      if (isClosedStatus(s)) return no('closed');
      return isTaskAssignee(s, a) ? OK : no('notAssignee');
    case 'checklistToggled':
      if (isClosedStatus(s)) return no('closed');
      return isTaskAssignee(s, a) || manager ? OK : no('notAssignee');
    case 'edited':
      if (isClosedStatus(s)) return no('closed');
      return manager || s.lead === a.name ? OK : no('notManager');
    case 'deadlineChanged':
      if (isClosedStatus(s)) return no('closed');
      return manager ? OK : no('notManager');
    case 'reassigned':
      if (isClosedStatus(s)) return no('closed');
      if (!manager) return no('notManager');
      return s.task.unitId ? OK : no('personalTask');
    case 'extensionAnswered':
      if (isClosedStatus(s)) return no('closed');
      if (!manager) return no('notManager');
      return s.pendingExtension ? OK : no('noPendingExtension');
    case 'submitted':
      if (isClosedStatus(s)) return no('closed');
      if (s.lead !== a.name) return no('notLead');
      return s.status === 'awaitingReview' ? no('alreadySubmitted') : OK;
    case 'accepted':
    case 'returned':
      if (!manager) return no('notManager');
      return s.status === 'awaitingReview' ? OK : no('notAwaitingReview');
    case 'cancelled':
      if (isClosedStatus(s)) return no('closed');
      return manager ? OK : no('notManager');
    case 'reopened':
      if (!manager) return no('notManager');
      return isClosedStatus(s) ? OK : no('notClosed');
    default:
      return no('unknownKind');
  }
}

function checkNote(note: string | undefined, required: boolean): RuleResult {
  if (note !== undefined && typeof note !== 'string') return no('noteRequired');
  if (required && !note?.trim()) return no('noteRequired');
  if ((note?.length ?? 0) > TASK_LIMITS.noteMax) return no('noteTooLong');
  return OK;
}

function checkDeadline(deadline: string | undefined, time: string | undefined, required: boolean): RuleResult {
  if (deadline === undefined || deadline === '') {
    if (required) return no('deadlineRequired');
    return time ? no('deadlineRequired') : OK;
  }
  if (!isValidDay(deadline)) return no('deadlineInvalid');
  if (time !== undefined && !TIME.test(time)) return no('timeInvalid');
  return OK;
}

function checkEdit(s: TaskState, c: TaskEdit | undefined, a: TaskActor): RuleResult {
  if (!c || typeof c !== 'object') return no('noChanges');
  const keys = Object.keys(c).filter((k) => c[k as keyof TaskEdit] !== undefined);
  if (keys.length === 0) return no('noChanges');
  if (!isTaskManager(s, a) && keys.some((k) => k !== 'description' && k !== 'checklist')) return no('notEditor');
  if (c.title !== undefined && (typeof c.title !== 'string' || !c.title.trim() || c.title.length > TASK_LIMITS.titleMax))
    return no('editInvalid');
  if (c.description !== undefined && (typeof c.description !== 'string' || c.description.length > TASK_LIMITS.descriptionMax))
    return no('editInvalid');
  if (c.priority !== undefined && !(TASK_PRIORITIES as readonly string[]).includes(c.priority)) return no('editInvalid');
  if (c.startOn !== undefined && c.startOn !== '' && !isValidDay(c.startOn)) return no('editInvalid');
  if (c.checklist !== undefined) {
    if (!Array.isArray(c.checklist) || c.checklist.length > TASK_LIMITS.checklistMax) return no('editInvalid');
    const ids = new Set<string>();
    for (const item of c.checklist) {
      if (!item || typeof item.id !== 'string' || !item.id || ids.has(item.id)) return no('editInvalid');
      if (typeof item.text !== 'string' || !item.text.trim() || item.text.length > TASK_LIMITS.checklistTextMax) return no('editInvalid');
      ids.add(item.id);
    }
  }
  if (c.links !== undefined) {
    if (!Array.isArray(c.links) || c.links.length > TASK_LIMITS.linksMax) return no('editInvalid');
    for (const l of c.links)
      if (
        !l ||
        (l.kind !== 'document' && l.kind !== 'meeting') ||
        typeof l.label !== 'string' ||
        !l.label.trim() ||
        l.label.length > TASK_LIMITS.linkLabelMax
      )
        return no('editInvalid');
  }
  return OK;
}

/** The fields an event of its kind needs, and what they may hold. */
function fields(s: TaskState, e: TaskEventInput, a: TaskActor): RuleResult {
  switch (e.kind) {
    case 'comment':
      return checkNote(e.note, true);
    case 'progress': {
      if (e.percent !== undefined && !(Number.isInteger(e.percent) && e.percent >= 0 && e.percent <= 100)) return no('percentInvalid');
      const note = checkNote(e.note, false);
      if (!note.ok) return note;
      return e.percent !== undefined || e.note?.trim() || (e.files?.length ?? 0) > 0 ? OK : no('reportEmpty');
    }
    case 'checklistToggled':
      if (typeof e.done !== 'boolean') return no('doneRequired');
      return s.checklist.some((i) => i.id === e.itemId) ? OK : no('itemUnknown');
    case 'edited':
      return checkEdit(s, e.changes, a);
    case 'deadlineChanged': {
      const d = checkDeadline(e.deadline, e.deadlineTime, false);
      return d.ok ? checkNote(e.note, false) : d;
    }
    case 'reassigned': {
      if (e.lead === undefined && e.coordinators === undefined && e.followers === undefined) return no('noPeople');
      const lead = e.lead ?? s.lead;
      const coordinators = e.coordinators ?? s.coordinators.filter((c) => c !== lead);
      if (typeof lead !== 'string' || !Array.isArray(coordinators) || !Array.isArray(e.followers ?? s.followers)) return no('noPeople');
      return checkPeople(lead, coordinators, e.followers ?? s.followers);
    }
    case 'extensionRequested': {
      const d = checkDeadline(e.deadline, e.deadlineTime, true);
      return d.ok ? checkNote(e.note, true) : d;
    }
    case 'extensionAnswered':
      if (typeof e.accepted !== 'boolean') return no('answerRequired');
      return checkNote(e.note, false);
    case 'returned':
    case 'cancelled':
      return checkNote(e.note, true);
    case 'submitted':
    case 'accepted':
    case 'reopened':
      return checkNote(e.note, false);
    default:
      return no('unknownKind');
  }
}

/** Whether `actor` may write `event` on the task in `state` (permission, status and fields). */
export function canApplyTaskEvent(state: TaskState, event: TaskEventInput, actor: TaskActor): RuleResult {
  if (!(TASK_EVENT_KINDS as readonly string[]).includes(event.kind)) return no('unknownKind');
  const allowed = permission(state, event.kind, actor);
  return allowed.ok ? fields(state, event, actor) : allowed;
}

/** The kinds of event `actor` may write on the task now (fields aside), in `TASK_EVENT_KINDS` order. */
export function availableTaskActions(state: TaskState, actor: TaskActor): TaskEventKind[] {
  return TASK_EVENT_KINDS.filter((kind) => {
    if (!permission(state, kind, actor).ok) return false;
    if (kind === 'checklistToggled') return state.checklist.length > 0;
    return true;
  });
}
