/**
 * Roll-up of subtasks into their parent: how many, how many done or cancelled, and the average progress of
 * those not cancelled (a done subtask counts 100). The parent's own percent stays the lead's report; the
 * roll-up is shown beside it.
 */
import type { TaskState } from './types.ts';

export interface Rollup {
  total: number;
  done: number;
  cancelled: number;
  /** 0–100, rounded; 0 when there is nothing left to count. */
  percent: number;
}

export function rollup(children: readonly TaskState[]): Rollup {
  let done = 0;
  let cancelled = 0;
  let sum = 0;
  for (const c of children) {
    if (c.status === 'cancelled') cancelled += 1;
    else {
      if (c.status === 'done') done += 1;
      sum += c.status === 'done' ? 100 : c.percent;
    }
  }
  const counted = children.length - cancelled;
  return { total: children.length, done, cancelled, percent: counted ? Math.round(sum / counted) : 0 };
}
