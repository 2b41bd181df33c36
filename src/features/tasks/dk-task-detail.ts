import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { meContext } from '../../app/context.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory, subscribeDirectory, unitNameOf } from '../../data/directory.ts';
import { type DocumentRow, listDocuments } from '../../data/documents.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { type TaskRow, listTasks, recordTaskEvent, subscribeTasks, taskActorOf } from '../../data/tasks.ts';
import { LocaleController, formatDateTime, formatDay, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { availableTaskActions } from '../../model/tasks/rules.ts';
import { rollup } from '../../model/tasks/rollup.ts';
import type { DeadlineEntry, TaskLink } from '../../model/tasks/types.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { backLinkStyles } from '../../ui/page-styles.ts';
import { detailLayoutStyles } from '../../ui/detail-styles.ts';
import '../../ui/dk-empty-state.ts';
import { documentChipStyles } from '../documents/chip-styles.ts';
import { saveFailure } from '../documents/form-errors.ts';
import './dk-task-actions.ts';
import './dk-task-files.ts';
import './dk-task-step-forms.ts';
import './dk-task-timeline.ts';
import { taskPriorityLabel, taskStatusLabel, taskStatusTone } from './labels.ts';
import './messages-detail.ts';
import './messages-form.ts';

/** What the detail view reads: the task, its subtasks and parent, and the documents this device has. */
interface DetailData {
  forId: string;
  row: TaskRow | null;
  children: TaskRow[];
  parent: TaskRow | null;
  /** Ids of official documents on this device (links to them open; others show their label only). */
  documentIds: Set<string>;
  documents: DocumentRow[];
}

const deadlineText = (d?: string, time?: string): string => (d ? `${formatDay(d)}${time ? ` ${time}` : ''}` : t('task.flag.noDeadline'));

/**
 * One task (`/tasks/<id>`): header (title, status, overdue / due soon / on time / late, priority, not yet synced),
 * the deadline with its history (the original stays visible), progress (the lead's percent, each coordinator's
 * part) and the roll-up of subtasks, people, checklist (ticked by those allowed), links, files, the timeline of
 * every event with the discussion's comment box, and the steps the person may take now (`<dk-task-actions>`).
 * Live: events arriving by replication or written on this device appear without a reload; works offline.
 */
@customElement('dk-task-detail')
export class DkTaskDetail extends LitElement {
  static override styles = [
    sharedStyles,
    documentChipStyles,
    backLinkStyles,
    detailLayoutStyles,
    css`
      .back {
        margin-block-end: var(--dk-space-2);
      }
      @container (min-width: 820px) {
        .layout {
          grid-template-columns: minmax(0, 1fr) minmax(16rem, 20rem);
        }
      }
      .card.overdue {
        border-inline-start: 5px solid var(--dk-color-accent);
      }
      p {
        margin: 0;
      }
      .muted {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .description {
        white-space: pre-line;
        overflow-wrap: anywhere;
      }
      dd {
        overflow-wrap: anywhere;
      }
      dd ul,
      .list {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: var(--dk-space-1);
      }
      .deadlines li.old {
        color: var(--dk-color-text-muted);
      }
      .deadlines li.old .d {
        text-decoration: line-through;
      }
      .bar {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--dk-space-2);
      }
      .bar .track {
        block-size: 12px;
        border-radius: 999px;
        background: var(--dk-color-surface-muted);
        border: 1px solid var(--dk-color-border);
        overflow: hidden;
      }
      .bar .fill {
        block-size: 100%;
        background: var(--dk-color-primary);
      }
      .bar .fill.done {
        background: var(--dk-color-success);
      }
      .sub li,
      .links li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-2);
        padding-block: var(--dk-space-1);
        border-block-end: 1px solid var(--dk-color-border);
      }
      .sub li:last-child,
      .links li:last-child {
        border-block-end: 0;
      }
      .sub a,
      .links a,
      .parent a {
        color: var(--dk-color-primary);
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .checklist label {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        overflow-wrap: anywhere;
      }
      .checklist input {
        inline-size: 20px;
        block-size: 20px;
        flex: none;
      }
      .checklist .done {
        text-decoration: line-through;
        color: var(--dk-color-text-muted);
      }
    `,
  ];

  /** The task to show (from `/tasks/<id>`). */
  @property({ attribute: false }) taskId = '';
  /** The signed-in person (from the app's context; tests set it directly). */
  @consume({ context: meContext, subscribe: true })
  @property({ attribute: false })
  me: MeResponse | null = null;
  /** Today in the ward; pinned by tests. */
  @property() today?: string;

  @state() private _checkError = '';
  @state() private _checkBusy = '';

  protected readonly _locale = new LocaleController(this);

  private readonly _query = new LiveQueryController<DetailData | undefined>(
    this,
    async () => {
      const me = this.me;
      const id = this.taskId;
      if (!me || !id) return undefined;
      const rows = await listTasks(me);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const row = byId.get(id) ?? null;
      const children = row ? row.childIds.map((c) => byId.get(c)!).filter(Boolean) : [];
      const parent = row?.task.parentId ? (byId.get(row.task.parentId) ?? null) : null;
      const documents = await listDocuments(me).catch(() => [] as DocumentRow[]);
      return { forId: id, row, children, parent, documentIds: new Set(documents.map((d) => d.id)), documents };
    },
    (cb) => (this.me ? subscribeTasks(this.me, cb) : () => undefined),
  );

  private readonly _directory = new LiveQueryController<Directory>(
    this,
    () => (this.me ? loadDirectory(this.me) : Promise.resolve(emptyDirectory())),
    (cb) => (this.me ? subscribeDirectory(this.me, cb) : () => undefined),
  );

  private _lastMe?: string | null;

  override willUpdate(changed: Map<string, unknown>): void {
    const meChanged = changed.has('me') && (this.me?.name ?? null) !== this._lastMe;
    if (meChanged && this._lastMe !== undefined && this.isConnected) {
      this._query.hostDisconnected();
      this._query.hostConnected();
      this._directory.hostDisconnected();
      this._directory.hostConnected();
    } else if (changed.has('taskId') && changed.get('taskId') !== undefined) this._query.refresh();
    if (changed.has('me')) this._lastMe = this.me?.name ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._lastMe = this.me?.name ?? null;
  }

  private async _toggle(row: TaskRow, itemId: string, done: boolean): Promise<void> {
    if (!this.me || this._checkBusy) return;
    this._checkBusy = itemId;
    this._checkError = '';
    try {
      await recordTaskEvent(this.me, row.id, { kind: 'checklistToggled', itemId, done });
    } catch (err) {
      const failure = saveFailure(err, 'taskAction.storageFull', 'Ticking a checklist item');
      this._checkError = 'fields' in failure ? failure.fields.map((f) => t(f.code)).join(' ') : failure.message;
    } finally {
      this._checkBusy = '';
    }
  }

  override render() {
    const back = html`<a class="back" href="/tasks">${icons.back}${t('taskDetail.back')}</a>`;
    const value = this._query.value;
    const data = value && value.forId === this.taskId ? value : undefined;
    if (!data) {
      if (this._query.error)
        return html`${back}
          <div class="banner danger" role="alert">
            ${icons.warning}<span>${t('taskDetail.loadError')}</span>
            <button class="btn" @click=${() => this._query.refresh()}>${t('common.retry')}</button>
          </div>`;
      return html`${back}
        <div class="card" role="status" aria-label=${t('common.loading')}>
          <div class="skeleton h"></div>
          <div class="skeleton l"></div>
        </div>`;
    }
    if (!data.row)
      return html`${back}<dk-empty-state .heading=${t('taskDetail.notFound.title')} .icon=${icons.info}>
          <p>${t('taskDetail.notFound.body')}</p>
          <a slot="actions" class="btn" href="/tasks">${t('taskDetail.back')}</a>
        </dk-empty-state>`;
    const row = data.row;
    const dir = this._directory.value ?? emptyDirectory();
    return html`${back}
      <div class="layout">
        <div class="head">${this._renderHeader(row, dir, data)}</div>
        <aside class="side card" aria-labelledby="actions-title">
          <h2 id="actions-title">${t('taskDetail.actions')}</h2>
          <dk-task-actions .me=${this.me} .row=${row} .directory=${dir} .documents=${data.documents} .today=${this.today}></dk-task-actions>
        </aside>
        <div class="main">
          ${this._renderProgress(row, dir, data)} ${this._renderPeople(row, dir)} ${this._renderChecklist(row)}
          ${this._renderLinks(row, data)}
          <section class="card" aria-labelledby="files-title">
            <h2 id="files-title">${t('taskDetail.files')}</h2>
            <dk-task-files .me=${this.me} .row=${row} .directory=${dir}></dk-task-files>
          </section>
          <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">${t('taskDetail.timeline')}</h2>
            <dk-task-timeline .row=${row} .directory=${dir}></dk-task-timeline>
            <dk-task-comment-form .me=${this.me} .row=${row} .directory=${dir}></dk-task-comment-form>
          </section>
        </div>
      </div>`;
  }

  private _renderHeader(row: TaskRow, dir: Directory, data: DetailData) {
    const s = row.state;
    const f = row.flags;
    const task = row.task;
    return html`<article class="card ${f.overdue ? 'overdue' : ''}" aria-labelledby="task-title">
      <div class="chips">
        <span class="chip status ${taskStatusTone(s.status)}" data-status=${s.status}>${taskStatusLabel(s.status)}</span>
        ${f.overdue ? html`<span class="chip bad" data-flag="overdue">${icons.warning}${t('task.flag.overdue')}</span>` : nothing}
        ${f.dueSoon ? html`<span class="chip warn" data-flag="dueSoon">${icons.clock}${t('task.flag.dueSoon')}</span>` : nothing}
        ${f.timeliness === 'onTime' ? html`<span class="chip ok" data-flag="onTime">${t('task.flag.doneOnTime')}</span>` : nothing}
        ${f.timeliness === 'late' ? html`<span class="chip bad" data-flag="late">${t('task.flag.doneLate')}</span>` : nothing}
        ${
          s.priority !== 'normal'
            ? html`<span class="chip ${s.priority === 'urgent' || s.priority === 'high' ? 'bad' : 'muted'}" data-priority=${s.priority}
                >${t('taskDetail.priority', { priority: taskPriorityLabel(s.priority) })}</span
              >`
            : nothing
        }
        ${task.recurrence || task.seriesId ? html`<span class="chip info">${t('task.recurring')}</span>` : nothing}
        ${task.unitId ? nothing : html`<span class="chip info">${t('task.personal')}</span>`}
        ${row.pending ? html`<span class="chip pending" data-pending>${icons.clock}${t('task.pending')}</span>` : nothing}
      </div>
      <h1 id="task-title" dir="auto">${s.title}</h1>
      ${
        data.parent || task.parentId
          ? html`<p class="parent muted">
              ${t('taskDetail.subtaskOf')}
              ${
                data.parent
                  ? html`<a href="/tasks/${encodeURIComponent(data.parent.id)}" dir="auto">${data.parent.state.title}</a>`
                  : t('taskDetail.parentNotHere')
              }
            </p>`
          : nothing
      }
      ${s.description ? html`<p class="description" dir="auto">${s.description}</p>` : nothing}
      <dl>
        <dt>${t('task.deadline')}</dt>
        <dd data-field="deadline">${this._renderDeadlines(s.deadlines, s.deadline, s.deadlineTime, row)}</dd>
        ${
          s.startOn
            ? html`<dt>${t('taskForm.startOn')}</dt>
                <dd>${formatDay(s.startOn)}</dd>`
            : nothing
        }
        <dt>${t('taskForm.unit')}</dt>
        <dd>${task.unitId ? unitNameOf(dir, task.unitId) : t('task.personal')}</dd>
        ${
          s.pendingExtension
            ? html`<dt>${t('taskDetail.pendingExtension')}</dt>
                <dd data-field="pendingExtension">
                  ${t('taskDetail.pendingExtensionText', {
                    name: s.pendingExtension.byName || displayNameOf(dir, s.pendingExtension.by),
                    deadline: deadlineText(s.pendingExtension.deadline, s.pendingExtension.deadlineTime),
                  })}
                </dd>`
            : nothing
        }
        ${
          s.doneAt
            ? html`<dt>${t('taskDetail.doneAt')}</dt>
                <dd>${formatDateTime(s.doneAt)}</dd>`
            : nothing
        }
        ${
          s.cancelledAt
            ? html`<dt>${t('taskDetail.cancelledAt')}</dt>
                <dd>${formatDateTime(s.cancelledAt)}</dd>`
            : nothing
        }
      </dl>
    </article>`;
  }

  /** The current deadline, and when it moved, every earlier one (the original first) with who moved it. */
  private _renderDeadlines(history: DeadlineEntry[], deadline: string | undefined, time: string | undefined, row: TaskRow) {
    const f = row.flags;
    const left =
      f.daysLeft !== undefined && !f.overdue
        ? html` <span class="muted">(${t('taskDetail.daysLeft', { days: f.daysLeft })})</span>`
        : nothing;
    if (history.length <= 1) return html`<strong>${deadlineText(deadline, time)}</strong>${left}`;
    return html`<ul class="deadlines">
      ${history.map((h, i) => {
        const last = i === history.length - 1;
        return html`<li class=${last ? '' : 'old'} data-deadline=${h.deadline ?? ''}>
          <span class="d">${deadlineText(h.deadline, h.deadlineTime)}</span>
          <span class="muted">· ${t(`taskDetail.deadlineCause.${h.cause}`)} · ${h.byName} · ${formatDateTime(h.at)}</span
          >${last ? left : nothing}
        </li>`;
      })}
    </ul>`;
  }

  private _renderProgress(row: TaskRow, dir: Directory, data: DetailData) {
    const s = row.state;
    const children = data.children;
    const roll = children.length ? rollup(children.map((c) => c.state)) : null;
    const bar = (percent: number, label: string, done = false) =>
      html`<div class="bar">
        <div class="track" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}>
          <div class="fill ${done ? 'done' : ''}" style="inline-size: ${percent}%"></div>
        </div>
        <span>${percent} %</span>
      </div>`;
    const canSplit =
      s.status !== 'done' &&
      s.status !== 'cancelled' &&
      !!this.me &&
      (s.lead === this.me.name || s.task.assigner === this.me.name || this.me.roles.includes('leader'));
    return html`<section class="card" aria-labelledby="progress-title">
      <h2 id="progress-title">${t('task.progress')}</h2>
      <p class="muted">${t('taskDetail.leadProgress', { name: displayNameOf(dir, s.lead) })}</p>
      <div data-progress=${s.percent}>${bar(s.percent, t('task.progress'), s.status === 'done')}</div>
      ${
        roll
          ? html`<h3 class="muted">${t('task.subtasks')}</h3>
              <p data-rollup>${t('taskDetail.rollup', { done: roll.done, total: roll.total - roll.cancelled, percent: roll.percent })}</p>
              ${bar(roll.percent, t('taskDetail.rollupLabel'))}
              <ul class="list sub">
                ${children.map(
                  (c) =>
                    html`<li data-child=${c.id}>
                      <a href="/tasks/${encodeURIComponent(c.id)}" dir="auto">${c.state.title}</a>
                      <span class="chip ${taskStatusTone(c.state.status)}">${taskStatusLabel(c.state.status)}</span>
                      ${c.flags.overdue ? html`<span class="chip bad">${t('task.flag.overdue')}</span>` : nothing}
                      <span class="muted"
                        >${displayNameOf(dir, c.state.lead)} · ${c.state.percent} % ·
                        ${deadlineText(c.state.deadline, c.state.deadlineTime)}</span
                      >
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${
        canSplit
          ? html`<p>
              <a class="btn" data-action="add-subtask" href="/tasks/new?parent=${encodeURIComponent(row.id)}"
                >${icons.plus}${t('taskAction.btn.subtask')}</a
              >
            </p>`
          : nothing
      }
    </section>`;
  }

  private _renderPeople(row: TaskRow, dir: Directory) {
    const s = row.state;
    const person = (name: string) => {
      const p = dir.personByName.get(name);
      return html`<span dir="auto">${p?.displayName ?? name}</span>${p?.title ? html` <span class="muted">· ${p.title}</span>` : nothing}`;
    };
    return html`<section class="card" aria-labelledby="people-title">
      <h2 id="people-title">${t('taskDetail.people')}</h2>
      <dl>
        <dt>${t('task.people.assigner')}</dt>
        <dd data-field="assigner">${person(s.task.assigner)}</dd>
        <dt>${t('task.people.lead')}</dt>
        <dd data-field="lead">${person(s.lead)}</dd>
        <dt>${t('task.people.coordinators')}</dt>
        <dd data-field="coordinators">
          ${
            s.coordinators.length
              ? html`<ul>
                  ${s.coordinators.map((c) => {
                    const part = s.parts.get(c);
                    return html`<li data-part=${c}>
                      ${person(c)}
                      <span class="muted">
                        ·
                        ${
                          part
                            ? html`${part.percent !== undefined ? `${part.percent} % · ` : ''}${formatDateTime(part.at)}${
                                part.note ? html` — <span dir="auto">${part.note}</span>` : nothing
                              }`
                            : t('taskDetail.noReport')
                        }
                      </span>
                    </li>`;
                  })}
                </ul>`
              : t('taskDetail.none')
          }
        </dd>
        <dt>${t('task.people.followers')}</dt>
        <dd data-field="followers">
          ${
            s.followers.length
              ? html`<ul>
                  ${s.followers.map((f) => html`<li>${person(f)}</li>`)}
                </ul>`
              : t('taskDetail.none')
          }
        </dd>
      </dl>
    </section>`;
  }

  private _renderChecklist(row: TaskRow) {
    const s = row.state;
    if (!s.checklist.length) return nothing;
    const canTick = !!this.me && availableTaskActions(s, taskActorOf(this.me)).includes('checklistToggled');
    const done = s.checklist.filter((i) => s.checked.has(i.id)).length;
    return html`<section class="card checklist" aria-labelledby="check-title">
      <h2 id="check-title">${t('taskForm.checklist')} <span class="muted">(${done}/${s.checklist.length})</span></h2>
      ${this._checkError ? html`<p class="banner danger" role="alert">${icons.warning} ${this._checkError}</p>` : nothing}
      <ul class="list">
        ${s.checklist.map((item) => {
          const checked = s.checked.has(item.id);
          return html`<li>
            <label>
              <input
                type="checkbox"
                data-item=${item.id}
                .checked=${checked}
                ?disabled=${!canTick || this._checkBusy === item.id}
                @change=${(e: Event) => this._toggle(row, item.id, (e.target as HTMLInputElement).checked)}
              />
              <span class=${checked ? 'done' : ''} dir="auto">${item.text}</span>
            </label>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private _renderLinks(row: TaskRow, data: DetailData) {
    const links = row.state.links;
    if (!links.length) return nothing;
    const link = (l: TaskLink) => {
      if (l.kind === 'document' && l.id && data.documentIds.has(l.id))
        return html`<a href="/documents/${encodeURIComponent(l.id)}" dir="auto">${l.label}</a>`;
      return html`<span dir="auto">${l.label}</span>`;
    };
    return html`<section class="card links" aria-labelledby="links-title">
      <h2 id="links-title">${t('taskForm.links')}</h2>
      <ul class="list">
        ${links.map(
          (l) =>
            html`<li data-link=${l.id ?? l.label}>
              <span class="chip info">${l.kind === 'document' ? t('taskForm.link.document') : t('taskForm.link.meeting')}</span>
              ${link(l)}
            </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-detail': DkTaskDetail;
  }
}
