/** Shared fixtures for the task model tests: people, a task and an event builder. */
import type { TaskActor } from '../../src/model/tasks/rules.ts';
import type { Task, TaskEvent, TaskEventKind } from '../../src/model/tasks/types.ts';

export const people = {
  leader: { name: 'lan.nguyen', roles: ['leader'] },
  leader2: { name: 'minh.le', roles: ['leader'] },
  headVp: { name: 'hoa.do', roles: ['staff', 'unit:vp', 'head:vp'] },
  headKt: { name: 'khanh.le', roles: ['staff', 'unit:kt', 'head:kt'] },
  staffVp: { name: 'an.nguyen', roles: ['staff', 'unit:vp'] },
  staffVp2: { name: 'dung.ngo', roles: ['staff', 'unit:vp'] },
  staffKt: { name: 'tuan.pham', roles: ['staff', 'unit:kt'] },
  clerk: { name: 'mai.hoang', roles: ['clerk', 'unit:vp'] },
  system: { name: 'system', roles: ['_admin'] },
} satisfies Record<string, TaskActor>;

/** Units of each person, as the directory would answer. */
export const unitsOf = (name: string): string[] =>
  Object.values(people)
    .find((p) => p.name === name)
    ?.roles.filter((r) => r.startsWith('unit:'))
    .map((r) => r.slice(5)) ?? [];

export const TASK_ID = 'task:01JTASK000000000000000000';

/** A VP task assigned by the head of VP to an.nguyen with dung.ngo coordinating, due 2026-12-10. */
export const task = (over: Partial<Task> = {}): Task => ({
  _id: TASK_ID,
  type: 'task',
  schema: 1,
  createdAt: '2026-12-01T01:00:00.000Z',
  createdBy: people.headVp.name,
  title: 'Rà soát hộ nghèo năm 2027',
  assigner: people.headVp.name,
  assignerName: 'Đỗ Thị Hoa',
  actorRoles: people.headVp.roles,
  lead: people.staffVp.name,
  coordinators: [people.staffVp2.name],
  followers: [],
  unitId: 'vp',
  deadline: '2026-12-10',
  priority: 'normal',
  checklist: [
    { id: 'c1', text: 'Lập danh sách' },
    { id: 'c2', text: 'Họp tổ dân phố' },
  ],
  links: [],
  ...over,
});

let seq = 0;
/**
 * An event by `actor` at `at` (ISO UTC, or a minute offset from 2026-12-02T00:00Z). Ids increase with each call
 * unless given, so ties on `createdAt` sort by creation.
 */
export function ev(kind: TaskEventKind, actor: TaskActor, at: string | number, over: Partial<TaskEvent> = {}): TaskEvent {
  seq += 1;
  const createdAt = typeof at === 'number' ? new Date(Date.parse('2026-12-02T00:00:00.000Z') + at * 60_000).toISOString() : at;
  return {
    _id: `taskEvent:01JEV${String(seq).padStart(21, '0')}`,
    type: 'taskEvent',
    schema: 1,
    createdAt,
    createdBy: actor.name,
    taskId: TASK_ID,
    kind,
    actorName: actor.name,
    actorRoles: actor.roles,
    ...over,
  };
}
