import { deriveTaskState, rolesOf } from '../../src/model/tasks/state.ts';
import type { Task, TaskEvent, TaskEventKind } from '../../src/model/tasks/types.ts';
import type { TaskListRow } from '../../src/features/tasks/task-query.ts';

/** Tasks and events as the model sees them, for the list, board and calendar tests. */

let seq = 0;
const pad = (n: number): string => String(n).padStart(6, '0');

export function makeTask(over: Partial<Task> = {}): Task {
  const id = over._id ?? `task:01TEST${pad(seq++)}`;
  return {
    _id: id,
    type: 'task',
    schema: 1,
    createdAt: '2026-11-02T02:00:00.000Z',
    createdBy: 'hung.tran',
    title: 'Rà soát hộ nghèo quý IV',
    assigner: 'hung.tran',
    assignerName: 'Trần Văn Hùng',
    actorRoles: ['leader'],
    lead: 'an.nguyen',
    coordinators: [],
    followers: [],
    unitId: 'vp',
    priority: 'normal',
    checklist: [],
    links: [],
    ...over,
  } as Task;
}

export function makeEvent(task: Task, kind: TaskEventKind, by: string, at: string, over: Partial<TaskEvent> = {}): TaskEvent {
  return {
    _id: `taskEvent:01TEST${pad(seq++)}`,
    type: 'taskEvent',
    schema: 1,
    createdAt: at,
    createdBy: by,
    taskId: task._id,
    kind,
    actorName: by,
    actorRoles: by === 'hung.tran' ? ['leader'] : ['staff', 'unit:vp'],
    ...over,
  } as TaskEvent;
}

/** A row as `listTasks` gives it, seen by `me`; flags and group are given (the lists only read them). */
export function makeRow(
  task: Task,
  events: TaskEvent[] = [],
  me = 'an.nguyen',
  extra: Partial<Pick<TaskListRow, 'flags' | 'group' | 'pending'>> = {},
): TaskListRow {
  const state = deriveTaskState(task, events);
  return {
    id: task._id,
    task,
    state,
    pending: false,
    roles: rolesOf(state, me),
    flags: { overdue: false, dueSoon: false },
    group: state.status === 'done' || state.status === 'cancelled' ? 'closed' : task.deadline ? 'later' : 'noDeadline',
    ...extra,
  };
}
