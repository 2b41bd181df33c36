import { addDays } from '../../src/model/documents/dates.ts';
import { type SpaceRef, dbNameOf } from '../../src/model/spaces.ts';
import { RECURRENCE_HORIZON_DAYS, makeOccurrence, occurrenceDeadlines } from '../../src/model/tasks/recurrence.ts';
import { deriveTaskState } from '../../src/model/tasks/state.ts';
import type { Task } from '../../src/model/tasks/types.ts';
import { wardDay } from '../../src/model/time.ts';
import type { Logger } from '../logger.ts';
import { listUnits, listUserRecords } from '../services/directory.ts';
import type { Store } from '../store/types.ts';
import { putOnce } from './documents.ts';
import type { Worker, WorkerChange } from './host.ts';
import { homeOfTask, taskEventsOf } from './tasks.ts';

const SERIES_VIEW = 'docket/taskSeries';

export interface RecurrenceOptions {
  /** How often every series is looked at (default hourly): days pass without any change to a series. */
  intervalMs?: number;
  /** The clock (tests). */
  now?: () => Date;
}

export interface RecurrenceWorker extends Worker {
  /** Every series in every space: creates the occurrences now due within the horizon; returns how many. */
  sweep(): Promise<number>;
}

const isSeries = (doc: { type?: unknown; recurrence?: unknown; seriesId?: unknown; _deleted?: unknown }): boolean =>
  doc.type === 'task' && !!doc.recurrence && !doc.seriesId && !doc._deleted;
const sameSpace = (a: SpaceRef, b: SpaceRef): boolean => a.kind === b.kind && a.id === b.id;

/**
 * Recurring tasks (docs/decisions/0003 "Recurrence"): the first task of a series carries the rule; each next
 * occurrence is created in the series' home space when its deadline comes within `RECURRENCE_HORIZON_DAYS`, as
 * `task:<series ULID>.<YYYY-MM-DD>` (deterministic: a second server, a restart or a sweep racing a change
 * create it once; the loser gets a 409). Runs when a series is written, at start and then every hour.
 * Only deadlines from today on are created (an occurrence that fell due while the server was off for more than
 * the horizon is not created after the fact), after the latest one that exists; a cancelled series stops.
 */
export function recurrenceWorker(ctx: { store: Store; log: Logger }, opts: RecurrenceOptions = {}): RecurrenceWorker {
  const { store, log } = ctx;
  const now = opts.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function extend(space: SpaceRef, series: Task): Promise<number> {
    if (!series.recurrence || !series.deadline || series.seriesId || !sameSpace(homeOfTask(series), space)) return 0;
    const state = deriveTaskState(series, await taskEventsOf(store, space, series._id));
    if (state.status === 'cancelled') return 0;
    const at = now();
    const today = wardDay(at);
    const db = await store.db(dbNameOf(space));
    const prefix = `${series._id}.`;
    const existing = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0` });
    let after = series.deadline;
    for (const row of existing.rows) {
      const day = row.id.slice(prefix.length);
      if (day > after) after = day;
    }
    const yesterday = addDays(today, -1);
    if (yesterday > after) after = yesterday;
    let created = 0;
    for (const deadline of occurrenceDeadlines(series.recurrence, series.deadline, after, addDays(today, RECURRENCE_HORIZON_DAYS))) {
      // The series as it is now (edits, reassignments), not as it was created.
      if (await putOnce(store, space, makeOccurrence(series, deadline, at, state))) created++;
    }
    if (created) log.info({ seriesId: series._id, space: dbNameOf(space), created }, 'task occurrences created');
    return created;
  }

  async function sweepAll(): Promise<number> {
    const [units, users] = await Promise.all([listUnits(store), listUserRecords(store)]);
    const spaces: SpaceRef[] = [
      ...units.map((u): SpaceRef => ({ kind: 'unit', id: u.unitId })),
      ...users.map((u): SpaceRef => ({ kind: 'personal', id: u.name })),
    ];
    let created = 0;
    for (const space of spaces) {
      if (stopped) break;
      if (!(await store.exists(dbNameOf(space)))) continue;
      const res = await (await store.db(dbNameOf(space))).query(SERIES_VIEW, { include_docs: true });
      for (const row of res.rows) {
        const doc = row.doc as unknown as Task | undefined;
        if (doc && isSeries(doc)) created += await extend(space, doc);
      }
    }
    return created;
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

  const quietSweep = () => void sweep().catch((err: unknown) => log.warn({ err }, 'recurrence sweep failed; the next one tries again'));

  return {
    name: 'recurrence',
    follows: (space) => space.kind === 'unit' || space.kind === 'personal',
    keyOf: (doc) => (isSeries(doc) ? doc._id : null),
    async handle({ space, doc }: WorkerChange): Promise<void> {
      if (isSeries(doc)) await extend(space, doc as unknown as Task);
    },
    start() {
      stopped = false;
      quietSweep();
      timer = setInterval(quietSweep, opts.intervalMs ?? 60 * 60 * 1000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
    sweep,
  };
}
