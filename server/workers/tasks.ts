import type { Task, TaskEvent } from '../../src/model/tasks/types.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { getOrNull } from '../services/directory.ts';
import type { Store } from '../store/types.ts';

/** What the task workers share: where a task lives and its events (docs/decisions/0003 "Spaces"). */

const EVENTS_VIEW = 'docket/eventsByTask';

/** The task a change is about (the task itself or one of its events), for `Worker.keyOf`. */
export const taskKeyOf = (doc: { _id: string; type?: unknown; taskId?: unknown }): string | null =>
  doc.type === 'task' ? doc._id : doc.type === 'taskEvent' && typeof doc.taskId === 'string' ? doc.taskId : null;

/** A unit task lives in its unit's space; a personal one in its assigner's (= creator's) personal space. */
export const homeOfTask = (task: Pick<Task, 'unitId' | 'assigner'>): SpaceRef =>
  task.unitId ? { kind: 'unit', id: task.unitId } : { kind: 'personal', id: task.assigner };

export async function getTask(store: Store, space: SpaceRef, id: string): Promise<Task | null> {
  const doc = await getOrNull<Task & { _deleted?: boolean }>(await store.db(dbNameOf(space)), id);
  return doc && !doc._deleted && doc.type === 'task' ? doc : null;
}

/** The events of a task held in one space (any order: `deriveTaskState` sorts). */
export async function taskEventsOf(store: Store, space: SpaceRef, taskId: string): Promise<TaskEvent[]> {
  const db = await store.db(dbNameOf(space));
  const res = await db.query(EVENTS_VIEW, { key: taskId, include_docs: true });
  return res.rows.map((r) => r.doc as unknown as TaskEvent).filter((e) => e && e.type === 'taskEvent' && e.taskId === taskId);
}

/** Everyone who is or was on the task: assigner, lead, coordinators, followers (every reassignment counts). */
export function participantsOf(task: Task, events: readonly TaskEvent[]): Set<string> {
  const names = new Set<string>([task.assigner, task.lead, ...task.coordinators, ...task.followers]);
  for (const e of events) {
    if (e.kind !== 'reassigned') continue;
    if (typeof e.lead === 'string') names.add(e.lead);
    for (const n of [...(e.coordinators ?? []), ...(e.followers ?? [])]) if (typeof n === 'string') names.add(n);
  }
  return names;
}

/** The files of a task and its events: they follow the task wherever it is copied. */
export const taskFileIdsOf = (task: Task, events: readonly TaskEvent[]): string[] => [
  ...(task.files ?? []).map((f) => f.fileId),
  ...events.flatMap((e) => (e.files ?? []).map((f) => f.fileId)),
];
