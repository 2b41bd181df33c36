import { FILE_ATTACHMENT, filesDbNameOf } from '../../src/model/files.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import type { Task, TaskEvent } from '../../src/model/tasks/types.ts';
import type { Logger } from '../logger.ts';
import { getOrNull } from '../services/directory.ts';
import type { MemberDirectory, Members } from '../services/members.ts';
import type { Store } from '../store/types.ts';
import { copyBetween } from './documents.ts';
import type { Worker, WorkerChange } from './host.ts';
import { getTask, homeOfTask, participantsOf, taskEventsOf, taskFileIdsOf, taskKeyOf } from './tasks.ts';

export interface TaskWorkersContext {
  store: Store;
  log: Logger;
  members: MemberDirectory;
}

const holdsTasks = (space: SpaceRef): boolean => space.kind === 'unit' || space.kind === 'personal';

/**
 * The spaces a unit task must be copied to (docs/decisions/0003 "Spaces"): its home, and for everyone who is or
 * was on it the spaces of their units; someone in no unit gets it in their personal space. Leaders and clerks
 * read every unit space: no copy for them. A personal task stays home (no one else is on it).
 */
export function taskSpaces(task: Task, events: readonly TaskEvent[], members: Members): SpaceRef[] {
  const home = homeOfTask(task);
  if (!task.unitId) return [home];
  const spaces = new Map<string, SpaceRef>([[dbNameOf(home), home]]);
  const add = (space: SpaceRef) => spaces.set(dbNameOf(space), space);
  for (const name of participantsOf(task, events)) {
    const roles = members.rolesOf(name);
    if (!roles || !members.isActive(name) || roles.includes('leader') || roles.includes('clerk')) continue;
    const units = members.unitsOf(name);
    if (units.length === 0) add({ kind: 'personal', id: name });
    for (const unitId of units) add({ kind: 'unit', id: unitId });
  }
  return [...spaces.values()];
}

/**
 * The task mirror: whenever a task or one of its events changes in a space, the task, all its events held there
 * and their files are copied to every other space that must hold it. Tasks and events are immutable with the
 * same ids everywhere, so copying only adds what a target lacks (revsDiff), in any order, idempotently; an event
 * written in any copy reaches every other one (that space's feed copies it on). Copies are never removed.
 * A second worker follows the files databases: a file uploaded after its event is copied when it arrives.
 */
export function taskMirrorWorkers(ctx: TaskWorkersContext): Worker[] {
  const { store, log } = ctx;

  async function mirror(space: SpaceRef, taskId: string): Promise<void> {
    const task = await getTask(store, space, taskId);
    if (!task) return;
    const events = await taskEventsOf(store, space, taskId);
    const targets = taskSpaces(task, events, await ctx.members.snapshot()).filter((t) => dbNameOf(t) !== dbNameOf(space));
    if (targets.length === 0) return;
    const ids = [taskId, ...events.map((e) => e._id)];
    const fileIds = taskFileIdsOf(task, events);
    for (const target of targets) {
      if (!(await store.exists(dbNameOf(target)))) continue;
      // Files first: when the events land, the files they name are there (or follow when uploaded).
      if (fileIds.length && (await store.exists(filesDbNameOf(space))) && (await store.exists(filesDbNameOf(target)))) {
        await copyBetween(
          store,
          filesDbNameOf(space),
          filesDbNameOf(target),
          fileIds,
          (d) => !!(d as { _attachments?: Record<string, unknown> })._attachments?.[FILE_ATTACHMENT],
        );
      }
      const n = await copyBetween(store, dbNameOf(space), dbNameOf(target), ids);
      if (n) log.debug({ taskId, from: dbNameOf(space), to: dbNameOf(target), docs: n }, 'task mirrored');
    }
  }

  const mirrorWorker: Worker = {
    name: 'task-mirror',
    follows: holdsTasks,
    keyOf: taskKeyOf,
    async handle({ space, doc }: WorkerChange): Promise<void> {
      if (doc._deleted) return;
      const taskId = taskKeyOf(doc);
      if (taskId) await mirror(space, taskId);
    },
  };

  const filesWorker: Worker = {
    name: 'task-files',
    follows: holdsTasks,
    database: filesDbNameOf,
    keyOf: (doc) =>
      typeof doc.ownerId === 'string' && (doc.ownerId.startsWith('task:') || doc.ownerId.startsWith('taskEvent:')) ? doc.ownerId : null,
    async handle({ space, doc }: WorkerChange): Promise<void> {
      if (doc._deleted || doc.type !== 'file' || typeof doc.ownerId !== 'string') return;
      // The metadata arrives first, without bytes: nothing to copy until the bytes come.
      if (!(doc._attachments as Record<string, unknown> | undefined)?.[FILE_ATTACHMENT]) return;
      const owner = doc.ownerId;
      let taskId: string | null = owner.startsWith('task:') ? owner : null;
      if (owner.startsWith('taskEvent:')) {
        const event = await getOrNull<TaskEvent & { _deleted?: boolean }>(await store.db(dbNameOf(space)), owner);
        taskId = event && !event._deleted ? event.taskId : null; // not here yet: its event brings the file
      }
      if (taskId) await mirror(space, taskId);
    },
  };

  return [mirrorWorker, filesWorker];
}
