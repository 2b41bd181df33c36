import { css, html, nothing } from 'lit';
import { t } from '../../i18n/i18n.ts';
import { taskPath } from '../../app/router.ts';
import type { TaskStatus } from '../../model/tasks/types.ts';
import { icons } from '../../ui/icons.ts';
import { taskPriorityLabel, taskStatusLabel } from './labels.ts';
import type { TaskListRow } from './task-query.ts';
import { deadlineText, progressBar } from './task-row-parts.ts';
import './messages-lists.ts';

export interface CardOptions {
  /** Columns this person may move the card to now. */
  targets: TaskStatus[];
  personName: (name: string) => string;
  onMove: (row: TaskListRow, target: TaskStatus) => void;
  onDragStart: (row: TaskListRow, e: DragEvent) => void;
  onDragEnd: () => void;
}

/**
 * A task on the unit board: its title (the link, and the card's keyboard stop for arrow keys), flags, deadline,
 * lead, progress, and a "Move to" select offering only the columns the rules allow — the keyboard and touch way
 * to do what dragging does.
 */
export function taskCard(r: TaskListRow, o: CardOptions) {
  const st = r.state;
  const moveId = `move-${r.id.replace(/[^A-Za-z0-9]/g, '')}`;
  const due = !st.deadline ? 'none' : r.flags.overdue ? 'overdue' : r.flags.dueSoon ? 'dueSoon' : '';
  return html`<li
    class="card ${r.flags.overdue ? 'overdue' : ''}"
    data-id=${r.id}
    draggable=${o.targets.length ? 'true' : 'false'}
    @dragstart=${(e: DragEvent) => o.onDragStart(r, e)}
    @dragend=${o.onDragEnd}
  >
    <a class="title" href=${taskPath(r.id)} dir="auto">${st.title}</a>
    <div class="chips">
      ${r.flags.overdue ? html`<span class="chip bad">${icons.warning}${t('task.flag.overdue')}</span>` : nothing}
      ${r.flags.dueSoon ? html`<span class="chip warn">${icons.clock}${t('task.flag.dueSoon')}</span>` : nothing}
      ${st.priority === 'high' || st.priority === 'urgent' ? html`<span class="chip urgent">${taskPriorityLabel(st.priority)}</span>` : nothing}
      ${r.pending ? html`<span class="chip pending">${t('task.pending')}</span>` : nothing}
    </div>
    <div class="meta">
      <span class="deadline ${due}">${icons.clock}<span>${deadlineText(st)}</span></span>
      <span class="lead" dir="auto"><span class="visually-hidden">${t('task.people.lead')}: </span>${o.personName(st.lead)}</span>
      ${progressBar(st.percent)}
    </div>
    ${
      o.targets.length
        ? html`<div class="move">
            <label for=${moveId}>${t('lists.board.moveTo')}</label>
            <select
              id=${moveId}
              @change=${(e: Event) => {
                const select = e.target as HTMLSelectElement;
                const target = select.value as TaskStatus;
                select.value = '';
                if (target) o.onMove(r, target);
              }}
            >
              <option value="" selected>${t('lists.board.moveHere')}</option>
              ${o.targets.map((c) => html`<option value=${c}>${taskStatusLabel(c)}</option>`)}
            </select>
          </div>`
        : nothing
    }
  </li>`;
}

export const taskCardStyles = css`
  .card {
    display: grid;
    gap: var(--dk-space-2);
    padding: var(--dk-space-3);
    background: var(--dk-color-surface);
    border: 1px solid var(--dk-color-border);
    border-inline-start: 4px solid var(--dk-color-border);
    border-radius: var(--dk-radius-md);
    list-style: none;
  }
  .card[draggable='true'] {
    cursor: grab;
  }
  .card.overdue {
    border-inline-start-color: var(--dk-color-danger);
  }
  .card.dragging {
    opacity: 0.5;
  }
  .card .title {
    font-weight: 600;
    color: inherit;
    text-decoration: none;
    overflow-wrap: anywhere;
  }
  .card .title:hover {
    text-decoration: underline;
  }
  .card .chips:empty {
    display: none;
  }
  .card .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dk-space-1);
  }
  .card .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--dk-space-1) var(--dk-space-3);
    font-size: var(--dk-font-size-sm);
  }
  .card .lead {
    color: var(--dk-color-text-muted);
    overflow-wrap: anywhere;
  }
  .card .move {
    display: grid;
    gap: 2px;
    font-size: var(--dk-font-size-sm);
    color: var(--dk-color-text-muted);
  }
  .card .move select {
    min-inline-size: 0;
    padding-inline: var(--dk-space-2);
  }
`;
