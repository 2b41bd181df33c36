/**
 * Tasks on this device (issue 4, docs/decisions/0003-tasks.md): one index over the unit spaces and the personal
 * space, kept up to date incrementally from each space's change feed, with each task's state derived from its
 * events (`model/tasks/state.ts`).
 *
 * The task mirror copies a task and all its events, with the same `_id`s, into every unit space of the people
 * involved, so the index merges copies by `_id`: a task seen through two spaces is one row, and an event written
 * into one copy counts the same as in another.
 */
import type { MeResponse } from '../model/api.ts';
import type { FieldError } from '../model/doc.ts';
import type { FileMeta } from '../model/files.ts';
import { newId } from '../model/ids.ts';
import type { Space, SpaceRef } from '../model/spaces.ts';
import { wardDay } from '../model/time.ts';
import { DEFAULT_REMINDER_DAYS, type DueGroup, type TaskFlags, dueGroup, taskFlags } from '../model/tasks/due.ts';
import { type TaskActor, type TaskEventInput, canApplyTaskEvent, canCreateTask } from '../model/tasks/rules.ts';
import { deriveTaskState, rolesOf } from '../model/tasks/state.ts';
import {
  type ChecklistItem,
  type Task,
  type TaskEvent,
  type TaskRole,
  type TaskState,
  TASK_EVENT_SCHEMA,
  TASK_SCHEMA,
} from '../model/tasks/types.ts';
import { type TaskInput, validateTaskInput } from '../model/tasks/validation.ts';
import { isSpaceDbErased } from './db.ts';
import { loadDirectory } from './directory.ts';
import { fileFromSpaces, storeNewFiles } from './files.ts';
import { type IndexedKind, SpaceIndex, perUser, putRecords, subscribeIndexed } from './space-index.ts';
import { ValidationError } from './validation.ts';

export { ValidationError } from './validation.ts';

/** One task as the lists, board, calendar and detail see it. */
export interface TaskRow {
  id: string;
  task: Task;
  state: TaskState;
  /** Spaces holding it on this device. */
  heldIn: Space[];
  /** Some of its records are on this device only (not yet confirmed by the server). */
  pending: boolean;
  /** Where the signed-in person stands on it. */
  roles: Set<TaskRole>;
  flags: TaskFlags;
  group: DueGroup;
  /** Its subtasks on this device, oldest first. */
  childIds: string[];
}

/** Spaces that can hold tasks: the unit spaces and the personal space (not org, not registry). */
export const taskSpaces = (me: MeResponse): Space[] =>
  me.spaces.filter((s) => (s.kind === 'unit' || s.kind === 'personal') && !isSpaceDbErased(me, s));

export const taskActorOf = (me: MeResponse): TaskActor => ({ name: me.name, roles: [...me.roles] });

// ————————————————————————————————————————————— reminder lead time (Settings)

const reminderKey = (me: Pick<MeResponse, 'name'>): string => `docket-task-reminder-days:${me.name}`;

/** Days before a deadline a task counts as due soon for this person (set in Settings; per account, per device). */
export function reminderDays(me: Pick<MeResponse, 'name'>): number {
  try {
    const raw = localStorage.getItem(reminderKey(me));
    const n = raw === null ? NaN : Number(raw);
    return Number.isInteger(n) && n >= 0 && n <= 60 ? n : DEFAULT_REMINDER_DAYS;
  } catch {
    return DEFAULT_REMINDER_DAYS;
  }
}

export function setReminderDays(me: Pick<MeResponse, 'name'>, days: number): void {
  const n = Math.max(0, Math.min(60, Math.round(days)));
  try {
    localStorage.setItem(reminderKey(me), String(n));
  } catch {
    // Private mode or storage full: the default stays in force.
  }
  reminderListeners.forEach((cb) => cb());
}

const reminderListeners = new Set<() => void>();

// ————————————————————————————————————————————— the index

const TASKS: IndexedKind<TaskEvent> = {
  parentPrefix: 'task:',
  eventPrefix: 'taskEvent:',
  parentOf: (e) => e.taskId,
  spaces: taskSpaces,
};

/** The part of a row that only changes with its records (flags and group move with the clock). */
interface StoredRow {
  id: string;
  task: Task;
  state: TaskState;
  heldIn: Space[];
  pending: boolean;
  roles: Set<TaskRole>;
}

interface UserIndex {
  records: SpaceIndex<Task, TaskEvent>;
  rows: Map<string, StoredRow>;
  /** Subtask ids by parent id (tasks are never edited, so a parent never changes). */
  children: Map<string, Set<string>>;
}

const indexFor = perUser((): UserIndex => ({ records: new SpaceIndex(TASKS), rows: new Map(), children: new Map() }));

function buildRow(idx: UserIndex, id: string, name: string): StoredRow | null {
  const found = idx.records.gather(id);
  if (!found) return null;
  const task = found.copies[0]!; // never edited: every copy is the same task
  const state = deriveTaskState(task, found.events);
  return { id, task, state, heldIn: found.heldIn, pending: found.pending, roles: rolesOf(state, name) };
}

function withClock(idx: UserIndex, row: StoredRow, now: Date, leadDays: number): TaskRow {
  const kids = idx.children.get(row.id);
  const childIds = kids ? [...kids].filter((k) => idx.rows.has(k)).sort() : [];
  return { ...row, flags: taskFlags(row.state, now, leadDays), group: dueGroup(row.state, now), childIds };
}

async function caughtUp(me: MeResponse): Promise<UserIndex> {
  const idx = indexFor(me);
  await idx.records.catchUp(me, (dirty) => {
    for (const id of dirty) {
      const old = idx.rows.get(id);
      const row = buildRow(idx, id, me.name);
      if (row) idx.rows.set(id, row);
      else idx.rows.delete(id);
      const parentId = (row ?? old)?.task.parentId;
      if (parentId) {
        let kids = idx.children.get(parentId);
        if (!kids) idx.children.set(parentId, (kids = new Set()));
        if (row) kids.add(id);
        else kids.delete(id);
      }
    }
  });
  return idx;
}

/**
 * Every task on this device, most recently active first. Incremental: only tasks whose records changed since the
 * last call are derived again; flags (overdue, due soon) and the due group are computed with `now` on each call.
 */
export async function listTasks(me: MeResponse, now: Date = new Date()): Promise<TaskRow[]> {
  const idx = await caughtUp(me);
  const leadDays = reminderDays(me);
  return [...idx.rows.values()].map((r) => withClock(idx, r, now, leadDays)).sort(compareTaskRows);
}

export function compareTaskRows(a: Pick<TaskRow, 'id' | 'state'>, b: Pick<TaskRow, 'id' | 'state'>): number {
  const x = a.state.lastActivityAt;
  const y = b.state.lastActivityAt;
  if (x !== y) return x < y ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export async function getTaskRow(me: MeResponse, id: string, now: Date = new Date()): Promise<TaskRow | null> {
  const idx = await caughtUp(me);
  const row = idx.rows.get(id);
  return row ? withClock(idx, row, now, reminderDays(me)) : null;
}

/** Tasks linked to an official document (shown on the document's detail). */
export async function tasksOfDocument(me: MeResponse, documentId: string): Promise<TaskRow[]> {
  return (await listTasks(me)).filter((r) => r.state.links.some((l) => l.kind === 'document' && l.id === documentId));
}

/** Calls `onChange` when tasks or their events change on this device (local writes or replication), or the lead time. */
export function subscribeTasks(me: MeResponse, onChange: () => void): () => void {
  const stop = subscribeIndexed(me, TASKS, onChange);
  reminderListeners.add(onChange);
  return () => {
    stop();
    reminderListeners.delete(onChange);
  };
}

// ————————————————————————————————————————————— writing

const spaceOf = (me: MeResponse, ref: SpaceRef): Space | undefined => taskSpaces(me).find((s) => s.kind === ref.kind && s.id === ref.id);

/** Where a task lives: its unit's space, or for a personal task its creator's personal space. */
export const homeSpaceRef = (task: Pick<Task, 'unitId' | 'createdBy'>): SpaceRef =>
  task.unitId ? { kind: 'unit', id: task.unitId } : { kind: 'personal', id: task.createdBy };

/** A short id for a checklist item, unique within its task. */
export const newChecklistItemId = (): string => crypto.randomUUID().slice(0, 8);

const trimmedList = (names: readonly string[]): string[] => [...new Set(names.map((n) => n.trim()).filter(Boolean))];

/** The units of each person, from the directory (the rules need them for a unit head assigning members). */
async function unitsLookup(me: MeResponse): Promise<(name: string) => string[]> {
  const dir = await loadDirectory(me);
  return (name: string) => {
    if (name === me.name) return [...me.units];
    const unit = dir.personByName.get(name)?.unitId;
    return unit ? [unit] : [];
  };
}

/**
 * Creates a task (with its files) in its home space after checking the input (`validateTaskInput`) and the rules
 * (`canCreateTask`). Works offline. Throws `ValidationError` (field errors; a refusal by the rules is
 * `{ field: 'form', code: 'task.rule.<code>' }`) or `StorageFullError`.
 */
export async function createTask(me: MeResponse, input: TaskInput, files: readonly File[] = []): Promise<string> {
  const parent = input.parentId ? ((await getTaskRow(me, input.parentId))?.state ?? null) : null;
  const errors: FieldError[] = validateTaskInput(input, { today: wardDay(), parent });
  if (errors.length) throw new ValidationError(errors);
  const now = Date.now();
  const id = newId('task', now);
  const checklist: ChecklistItem[] = input.checklist.map((text) => text.trim()).filter(Boolean).map((text) => ({ id: newChecklistItemId(), text }));
  const description = input.description?.trim();
  const task: Task = {
    _id: id,
    type: 'task',
    schema: TASK_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    title: input.title.trim(),
    ...(description ? { description } : {}),
    assigner: me.name,
    assignerName: me.displayName,
    actorRoles: [...me.roles],
    lead: input.lead,
    coordinators: trimmedList(input.coordinators).filter((n) => n !== input.lead),
    followers: trimmedList(input.followers),
    ...(input.unitId ? { unitId: input.unitId } : {}),
    ...(input.startOn ? { startOn: input.startOn } : {}),
    ...(input.deadline ? { deadline: input.deadline } : {}),
    ...(input.deadline && input.deadlineTime ? { deadlineTime: input.deadlineTime } : {}),
    priority: input.priority,
    checklist,
    links: input.links.map((l) => ({ ...l, label: l.label.trim() })),
    ...(input.parentId ? { parentId: input.parentId } : {}),
    ...(input.recurrence ? { recurrence: input.recurrence } : {}),
  };
  const check = canCreateTask(task, taskActorOf(me), { unitsOf: await unitsLookup(me), parent });
  if (!check.ok) throw new ValidationError([{ field: 'form', code: `task.rule.${check.code}` }]);
  const space = spaceOf(me, homeSpaceRef(task));
  if (!space) throw new ValidationError([{ field: input.unitId ? 'unitId' : 'form', code: 'error.notAllowed' }]);
  const metas = await storeNewFiles(me, space, id, files);
  if (metas.length) task.files = metas;
  await putRecords(me, space, [task]);
  return id;
}

/**
 * The space an event is written in: the task's home space when this device holds it (leaders and clerks hold every
 * unit space), else a copy the mirror made for this person (their unit's space or personal space), from which the
 * mirror carries it to every other copy. Null when this device holds no copy.
 */
export function spaceForTaskEvent(me: MeResponse, row: Pick<TaskRow, 'task' | 'heldIn'>): Space | null {
  const home = homeSpaceRef(row.task);
  const held = row.heldIn.find((s) => s.kind === home.kind && s.id === home.id);
  if (held) return held;
  const own = row.heldIn.find((s) => (s.kind === 'unit' && me.units.includes(s.id)) || (s.kind === 'personal' && s.id === me.name));
  return own ?? row.heldIn[0] ?? null;
}

function eventDoc(me: MeResponse, taskId: string, input: TaskEventInput, now = Date.now()): TaskEvent {
  return {
    ...input,
    _id: newId('taskEvent', now),
    type: 'taskEvent',
    schema: TASK_EVENT_SCHEMA,
    createdAt: new Date(now).toISOString(),
    createdBy: me.name,
    taskId,
    actorName: me.displayName,
    actorRoles: [...me.roles],
  };
}

/**
 * Records a step on a task (progress, comment, deadline change, acceptance, …) after checking it with the rules
 * (`canApplyTaskEvent`), so a refused step never leaves the device. Returns the event's id. Throws
 * `ValidationError` (`{ field: 'form', code: 'task.rule.<code>' }` when not allowed now) or `StorageFullError`.
 */
export async function recordTaskEvent(me: MeResponse, taskId: string, input: TaskEventInput, files: readonly File[] = []): Promise<string> {
  const row = await getTaskRow(me, taskId);
  if (!row) throw new ValidationError([{ field: 'form', code: 'error.notFound' }]);
  // Checked with the files it will carry (a report may be only a photo); their ids come once they are stored.
  const withFiles: TaskEventInput = files.length
    ? { ...input, files: files.map((f) => ({ fileId: '', name: f.name, contentType: f.type, size: f.size, sha256: '' })) }
    : input;
  const check = canApplyTaskEvent(row.state, withFiles, taskActorOf(me));
  if (!check.ok) throw new ValidationError([{ field: 'form', code: `task.rule.${check.code}` }]);
  const space = spaceForTaskEvent(me, row);
  if (!space) throw new ValidationError([{ field: 'form', code: 'error.notAllowed' }]);
  const event = eventDoc(me, taskId, input);
  const metas = await storeNewFiles(me, space, event._id, files);
  if (metas.length) event.files = metas;
  await putRecords(me, space, [event]);
  return event._id;
}

// ————————————————————————————————————————————— files

export interface TaskFileRef extends FileMeta {
  /** The task or event that carries the file. */
  ownerId: string;
  /** Who added it. */
  addedBy: string;
  /** When it was added (the task's or event's createdAt). */
  addedAt: string;
}

/** Files of a task: its own and those of its events (progress photos, reports, …), oldest first. */
export function filesOfTask(row: Pick<TaskRow, 'task' | 'state'>): TaskFileRef[] {
  const out: TaskFileRef[] = [];
  for (const f of row.task.files ?? []) out.push({ ...f, ownerId: row.task._id, addedBy: row.task.createdBy, addedAt: row.task.createdAt });
  for (const e of row.state.events) for (const f of e.files ?? []) out.push({ ...f, ownerId: e._id, addedBy: e.createdBy, addedAt: e.createdAt });
  return out;
}

/** The bytes of a task's file (\`fileFromSpaces\`: this device first, else downloaded from a space holding it). */
export const getTaskFile = (
  me: MeResponse,
  row: Pick<TaskRow, 'heldIn'>,
  file: FileMeta,
  onProgress?: (received: number, total: number) => void,
): Promise<Blob | null> => fileFromSpaces(me, row.heldIn, file, onProgress);
