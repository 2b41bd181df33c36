import { css, html, nothing, svg } from 'lit';
import { formatDay, formatNumber, t } from '../../i18n/i18n.ts';
import type { TaskState } from '../../model/tasks/types.ts';
import { icons } from '../../ui/icons.ts';
import { deadlineStyles } from '../../ui/list-styles.ts';
import { taskPriorityLabel, taskStatusLabel, taskStatusTone } from './labels.ts';
import type { TaskListRow } from './task-query.ts';
import './messages-lists.ts';

/** Pieces of a task shown the same way in the list, on board cards and in the calendar. */

/** A chevron pointing down (open) — ui/icons.ts has none; decorative. */
export const chevronDown = html`<svg
  viewBox="0 0 24 24"
  width="24"
  height="24"
  fill="none"
  stroke="currentColor"
  stroke-width="1.8"
  stroke-linecap="round"
  stroke-linejoin="round"
  aria-hidden="true"
  focusable="false"
>
  ${svg`<path d="m6 9 6 6 6-6"/>`}
</svg>`;

/** The deadline as read: the day, and the time when one was set. */
export const deadlineText = (st: Pick<TaskState, 'deadline' | 'deadlineTime'>): string =>
  st.deadline ? (st.deadlineTime ? `${formatDay(st.deadline)} ${st.deadlineTime}` : formatDay(st.deadline)) : t('task.flag.noDeadline');

/** Status chip, then the flags that matter (overdue, due soon, done on time / late), then priority when not normal. */
export function statusChips(r: TaskListRow) {
  const st = r.state;
  return html`<span class="chip ${taskStatusTone(st.status)}">${taskStatusLabel(st.status)}</span>
    ${r.flags.overdue ? html`<span class="chip bad">${icons.warning}${t('task.flag.overdue')}</span>` : nothing}
    ${r.flags.dueSoon ? html`<span class="chip warn">${icons.clock}${t('task.flag.dueSoon')}</span>` : nothing}
    ${
      st.status === 'done' && r.flags.timeliness
        ? html`<span class="chip ${r.flags.timeliness === 'onTime' ? 'ok' : 'warn'}"
            >${t(r.flags.timeliness === 'onTime' ? 'task.flag.doneOnTime' : 'task.flag.doneLate')}</span
          >`
        : nothing
    }
    ${st.priority === 'high' || st.priority === 'urgent' ? html`<span class="chip urgent">${taskPriorityLabel(st.priority)}</span>` : nothing}
    ${r.pending ? html`<span class="chip pending">${t('task.pending')}</span>` : nothing}`;
}

/** A small progress bar with its percent, read out as "Tiến độ 40%". */
export const progressBar = (percent: number) =>
  html`<span class="progress" role="img" aria-label=${t('lists.progress', { percent })}>
    <span class="bar" aria-hidden="true"><span style="inline-size:${Math.max(0, Math.min(100, percent))}%"></span></span>
    <span aria-hidden="true">${formatNumber(percent)}%</span>
  </span>`;

export const taskPartStyles = css`
  .chip svg {
    inline-size: 14px;
    block-size: 14px;
  }
  .progress {
    display: inline-flex;
    align-items: center;
    gap: var(--dk-space-2);
    font-variant-numeric: tabular-nums;
    font-size: var(--dk-font-size-sm);
    color: var(--dk-color-text-muted);
  }
  .progress .bar {
    display: block;
    inline-size: 4.5rem;
    block-size: 6px;
    border-radius: 3px;
    background: var(--dk-color-surface-muted);
    overflow: hidden;
  }
  .progress .bar span {
    display: block;
    block-size: 100%;
    background: var(--dk-color-primary);
  }
  ${deadlineStyles}
  .deadline.none {
    font-weight: 400;
    color: var(--dk-color-text-muted);
  }
`;
