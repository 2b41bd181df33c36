import { LitElement, type TemplateResult, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { type Directory, displayNameOf, emptyDirectory } from '../../data/directory.ts';
import type { TaskRow } from '../../data/tasks.ts';
import { LocaleController, formatDateTime, formatDay, t } from '../../i18n/i18n.ts';
import type { ChecklistItem, TaskEvent, TaskLink, TaskPriority } from '../../model/tasks/types.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { taskPriorityLabel, taskStepLabel } from './labels.ts';
import './messages-detail.ts';
import './messages-form.ts';
import './messages-rules.ts';

/** What the task looked like just before an event: edits and changes show "before → after". */
interface Tracked {
  title: string;
  description: string;
  priority: TaskPriority;
  startOn: string;
  checklist: ChecklistItem[];
  links: TaskLink[];
  deadline: string;
  deadlineTime: string;
  lead: string;
  coordinators: string[];
  followers: string[];
}

/** One line of a change: a field, its value before and after. */
interface Change {
  label: string;
  before: string;
  after: string;
}

const deadlineText = (day: string, time: string): string =>
  day ? `${formatDay(day)}${time ? ` ${time}` : ''}` : t('task.flag.noDeadline');

/**
 * Everything that happened to a task, oldest first: its assignment, then every report (the lead's and each
 * coordinator's), comment, tick, edit, deadline change, reassignment, extension, submission and answer. Edits
 * and changes show their values before and after. An event that had no effect where it fell (e.g. two people
 * accepted offline; the second came later) is shown all the same, marked "no effect" with the reason.
 */
@customElement('dk-task-timeline')
export class DkTaskTimeline extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-3);
      }
      li {
        display: grid;
        gap: var(--dk-space-1);
        padding-block: var(--dk-space-2);
        padding-inline: var(--dk-space-3);
        border-inline-start: 3px solid var(--dk-color-border-strong);
        min-inline-size: 0;
      }
      li.comment {
        border-inline-start-color: var(--dk-color-primary);
        background: var(--dk-color-surface-muted);
        border-radius: var(--dk-radius-md);
      }
      li.ignored {
        border-inline-start-color: var(--dk-color-warning);
        opacity: 0.9;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--dk-space-1) var(--dk-space-2);
      }
      .head strong {
        overflow-wrap: anywhere;
      }
      time,
      .muted {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      /* People's own words keep their line breaks. */
      p.words {
        white-space: pre-line;
      }
      .changes {
        margin: 0;
        padding-inline-start: var(--dk-space-4);
        font-size: var(--dk-font-size-sm);
      }
      .changes del {
        color: var(--dk-color-text-muted);
      }
      .changes ins {
        text-decoration: none;
        font-weight: 600;
      }
      .files {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      .files span {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-1);
        overflow-wrap: anywhere;
      }
      .files svg {
        inline-size: 14px;
        block-size: 14px;
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-1);
        padding-inline: var(--dk-space-2);
        border-radius: 999px;
        background: var(--dk-color-warning-soft);
        font-size: var(--dk-font-size-sm);
        font-weight: 600;
      }
      .badge svg {
        inline-size: 14px;
        block-size: 14px;
      }
    `,
  ];

  @property({ attribute: false }) row?: TaskRow;
  @property({ attribute: false }) directory: Directory = emptyDirectory();

  protected readonly _locale = new LocaleController(this);

  private _name(name: string): string {
    return displayNameOf(this.directory, name);
  }

  private _names(names: readonly string[]): string {
    return names.length ? names.map((n) => this._name(n)).join(', ') : t('taskDetail.none');
  }

  private _initial(row: TaskRow): Tracked {
    const task = row.task;
    return {
      title: task.title,
      description: task.description ?? '',
      priority: task.priority,
      startOn: task.startOn ?? '',
      checklist: task.checklist,
      links: task.links,
      deadline: task.deadline ?? '',
      deadlineTime: task.deadlineTime ?? '',
      lead: task.lead,
      coordinators: task.coordinators,
      followers: task.followers,
    };
  }

  /** The changes an event makes to `cur` (and applies them when it took effect). */
  private _changes(e: TaskEvent, cur: Tracked, applies: boolean): Change[] {
    const out: Change[] = [];
    const push = (label: string, before: string, after: string) => {
      if (before !== after) out.push({ label, before, after });
    };
    const next = { ...cur };
    switch (e.kind) {
      case 'edited': {
        const c = e.changes ?? {};
        if (c.title !== undefined) push(t('taskForm.title'), cur.title, (next.title = c.title));
        if (c.description !== undefined) push(t('taskForm.description'), cur.description, (next.description = c.description));
        if (c.priority !== undefined)
          push(t('taskForm.priority'), taskPriorityLabel(cur.priority), taskPriorityLabel((next.priority = c.priority)));
        if (c.startOn !== undefined)
          push(t('taskForm.startOn'), cur.startOn ? formatDay(cur.startOn) : '—', (next.startOn = c.startOn) ? formatDay(c.startOn) : '—');
        if (c.checklist !== undefined) {
          push(
            t('taskForm.checklist'),
            cur.checklist.map((i) => i.text).join('; ') || '—',
            c.checklist.map((i) => i.text).join('; ') || '—',
          );
          next.checklist = c.checklist;
        }
        if (c.links !== undefined) {
          push(t('taskForm.links'), cur.links.map((l) => l.label).join('; ') || '—', c.links.map((l) => l.label).join('; ') || '—');
          next.links = c.links;
        }
        break;
      }
      case 'deadlineChanged':
        push(
          t('task.deadline'),
          deadlineText(cur.deadline, cur.deadlineTime),
          deadlineText((next.deadline = e.deadline ?? ''), (next.deadlineTime = e.deadlineTime ?? '')),
        );
        break;
      case 'reassigned': {
        const lead = e.lead ?? cur.lead;
        const coordinators = (e.coordinators ?? cur.coordinators).filter((c) => c !== lead);
        const followers = e.followers ?? cur.followers;
        push(t('task.people.lead'), this._name(cur.lead), this._name(lead));
        push(t('task.people.coordinators'), this._names(cur.coordinators), this._names(coordinators));
        push(t('task.people.followers'), this._names(cur.followers), this._names(followers));
        Object.assign(next, { lead, coordinators, followers });
        break;
      }
      default:
        break;
    }
    if (applies) Object.assign(cur, next);
    return out;
  }

  /** Extensions granted move the deadline too: tracked so a later change shows the right "before". */
  private _track(e: TaskEvent, cur: Tracked, applies: boolean, asked: Map<string, TaskEvent>, lastAsk: { e?: TaskEvent }): void {
    if (!applies) return;
    if (e.kind === 'extensionRequested') {
      asked.set(e._id, e);
      lastAsk.e = e;
    }
    if (e.kind === 'extensionAnswered' && e.accepted && lastAsk.e) {
      cur.deadline = lastAsk.e.deadline ?? '';
      cur.deadlineTime = lastAsk.e.deadlineTime ?? '';
    }
    if (e.kind === 'extensionAnswered') lastAsk.e = undefined;
  }

  private _body(e: TaskEvent, row: TaskRow, cur: Tracked, changes: Change[], lastAsk?: TaskEvent): TemplateResult | typeof nothing {
    const note = e.note ? html`<p class="words" dir="auto">${e.note}</p>` : nothing;
    switch (e.kind) {
      case 'progress': {
        const part = e.createdBy !== cur.lead;
        return html`${
          e.percent !== undefined
            ? html`<p data-percent>
                ${part ? t('taskDetail.tl.partPercent', { percent: e.percent }) : t('taskDetail.tl.percent', { percent: e.percent })}
              </p>`
            : nothing
        }${note}`;
      }
      case 'checklistToggled': {
        const item = row.state.checklist.find((i) => i.id === e.itemId) ?? cur.checklist.find((i) => i.id === e.itemId);
        return html`<p>
          ${e.done ? t('taskDetail.tl.ticked', { item: item?.text ?? '—' }) : t('taskDetail.tl.unticked', { item: item?.text ?? '—' })}
        </p>`;
      }
      case 'extensionRequested':
        return html`<p>${t('taskDetail.tl.asked', { deadline: deadlineText(e.deadline ?? '', e.deadlineTime ?? '') })}</p>
          ${note}`;
      case 'extensionAnswered':
        return html`<p>
            ${
              e.accepted
                ? t('taskDetail.tl.extensionAccepted', { deadline: deadlineText(lastAsk?.deadline ?? '', lastAsk?.deadlineTime ?? '') })
                : t('taskDetail.tl.extensionRefused')
            }
          </p>
          ${note}`;
      default:
        return html`${
          changes.length
            ? html`<ul class="changes">
                ${changes.map(
                  (c) => html`<li>${c.label}: <del dir="auto">${c.before || '—'}</del> → <ins dir="auto">${c.after || '—'}</ins></li>`,
                )}
              </ul>`
            : nothing
        }${note}`;
    }
  }

  override render() {
    const row = this.row;
    if (!row) return nothing;
    const ignored = new Map(row.state.ignored.map((i) => [i.eventId, i.reason]));
    const cur = this._initial(row);
    const asked = new Map<string, TaskEvent>();
    const lastAsk: { e?: TaskEvent } = {};
    const task = row.task;
    const items: TemplateResult[] = [
      html`<li data-kind="created">
        <div class="head">
          <strong dir="auto">${task.assignerName || this._name(task.assigner)}</strong>
          <span>${taskStepLabel('created')}</span>
          <time datetime=${task.createdAt}>${formatDateTime(task.createdAt)}</time>
        </div>
        <p>
          ${t('taskDetail.tl.created', {
            lead: this._name(task.lead),
            deadline: deadlineText(task.deadline ?? '', task.deadlineTime ?? ''),
          })}
        </p>
      </li>`,
    ];
    for (const e of row.state.events) {
      const reason = ignored.get(e._id);
      const applies = reason === undefined;
      const askBefore = lastAsk.e;
      const changes = this._changes(e, cur, applies);
      const body = this._body(e, row, cur, changes, askBefore);
      this._track(e, cur, applies, asked, lastAsk);
      items.push(
        html`<li
          class="${e.kind === 'comment' ? 'comment' : ''} ${applies ? '' : 'ignored'}"
          data-kind=${e.kind}
          data-event=${e._id}
          data-by=${e.createdBy}
        >
          <div class="head">
            <strong dir="auto">${e.actorName || this._name(e.createdBy)}</strong>
            <span>${taskStepLabel(e.kind)}</span>
            <time datetime=${e.createdAt}>${formatDateTime(e.createdAt)}</time>
            ${
              applies
                ? nothing
                : html`<span class="badge" data-ignored>${icons.warning}${t('taskDetail.tl.ignored')}</span>
                    <span class="muted">${t(`task.rule.${reason}`)}</span>`
            }
          </div>
          ${body}
          ${
            e.files?.length
              ? html`<div class="files">${e.files.map((f) => html`<span dir="auto">${icons.paperclip}${f.name}</span>`)}</div>`
              : nothing
          }
        </li>`,
      );
    }
    return html`<ol aria-label=${t('taskDetail.timeline')}>
      ${items}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-timeline': DkTaskTimeline;
  }
}
