import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { taskFlags } from '../../src/model/tasks/due.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task } from '../../src/model/tasks/types.ts';
import type { Logger } from '../logger.ts';
import { listUnits, listUserRecords } from '../services/directory.ts';
import type { Store } from '../store/types.ts';
import type { NotificationWriter } from './notification-worker.ts';
import { taskSubject } from './notification-rules.ts';
import { homeOfTask, taskEventsOf } from './tasks.ts';

export interface DeadlineSweepOptions {
  /** How often open tasks are looked at (default hourly): deadlines come without any change to a task. */
  intervalMs?: number;
  /** The clock (tests). */
  now?: () => Date;
}

/**
 * Due soon (the deadline is today or tomorrow) and overdue, for the lead and coordinators of every open task
 * with a deadline. Nothing happens to a task when its deadline comes, so a timer looks (at start, then every
 * `intervalMs`). Once per task, kind and deadline: the source id is `task:<ULID>@<deadline>`, so every later
 * sweep, a restart or a second server writes the same ids; a new deadline (extension) is told again.
 * Only at the task's home, where every event is held (copies may lag).
 */
export function deadlineSweep(ctx: { store: Store; log: Logger; writer: NotificationWriter }, opts: DeadlineSweepOptions = {}) {
  const { store, log, writer } = ctx;
  const now = opts.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function sweepTask(space: SpaceRef, t: Task, at: Date): Promise<number> {
    if (!t.deadline || dbNameOf(homeOfTask(t)) !== dbNameOf(space)) return 0;
    const state = deriveTaskState(t, await taskEventsOf(store, space, t._id));
    const flags = taskFlags(state, at, 1);
    const kind = flags.overdue ? 'overdue' : flags.dueSoon ? 'dueSoon' : null;
    if (!kind || !state.deadline) return 0;
    const due = state.deadlineTime ? `${state.deadline} ${state.deadlineTime}` : state.deadline;
    return writer.deliver(
      {
        kind,
        to: [state.lead, ...state.coordinators],
        sourceId: `${t._id}@${state.deadline}`,
        at: at.toISOString(),
        actor: '',
        subject: taskSubject(t, state.title),
        detail: due,
      },
      space,
      at.toISOString(),
    );
  }

  async function sweepAll(): Promise<number> {
    const [units, users] = await Promise.all([listUnits(store), listUserRecords(store)]);
    const spaces: SpaceRef[] = [
      ...units.map((u): SpaceRef => ({ kind: 'unit', id: u.unitId })),
      ...users.map((u): SpaceRef => ({ kind: 'personal', id: u.name })),
    ];
    const at = now();
    let written = 0;
    for (const space of spaces) {
      if (stopped) break;
      if (!(await store.exists(dbNameOf(space)))) continue;
      const res = await (await store.db(dbNameOf(space))).allDocs({ startkey: 'task:', endkey: 'task:\ufff0', include_docs: true });
      for (const row of res.rows) {
        const t = row.doc as unknown as Task | undefined;
        if (t && t.type === 'task') written += await sweepTask(space, t, at);
      }
    }
    if (written) log.info({ written }, 'deadline notifications written');
    return written;
  }

  async function sweep(): Promise<number> {
    // One sweep at a time: a call during a sweep waits for it, then looks again.
    while (running) await running.catch(() => undefined);
    const run = sweepAll().finally(() => {
      if (running === run) running = undefined;
    });
    running = run;
    return run;
  }

  const quietSweep = () => void sweep().catch((err: unknown) => log.warn({ err }, 'deadline sweep failed; the next one tries again'));

  return {
    sweep,
    /** One task now (when it or one of its events changes): a deadline that is near or past is told at once. */
    async checkTask(space: SpaceRef, t: Task): Promise<number> {
      return sweepTask(space, t, now());
    },
    start(): void {
      stopped = false;
      quietSweep();
      timer = setInterval(quietSweep, opts.intervalMs ?? 60 * 60 * 1000);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
