import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { type Directory, displayNameOf, emptyDirectory } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { type TaskRow, subscribeTasks, tasksOfDocument } from '../../data/tasks.ts';
import { LocaleController, formatDay, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { headedUnitsOf } from '../../model/roles.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { documentChipStyles } from '../documents/chip-styles.ts';
import { taskStatusLabel, taskStatusTone } from './labels.ts';
import './messages-detail.ts';

/**
 * On an official document's detail: the tasks that carry out this document (linked to it) on this device, and for
 * leaders and unit heads "Assign a task" (the new-task form filled from the document).
 */
@customElement('dk-document-tasks')
export class DkDocumentTasks extends LitElement {
  static override styles = [
    sharedStyles,
    documentChipStyles,
    css`
      :host {
        display: grid;
        gap: var(--dk-space-3);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-2);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-2);
        padding-block-end: var(--dk-space-2);
        border-block-end: 1px solid var(--dk-color-border);
      }
      li:last-child {
        border-block-end: 0;
      }
      a.title {
        color: var(--dk-color-primary);
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .muted {
        margin: 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
      }
    `,
  ];

  @property({ attribute: false }) me: MeResponse | null = null;
  @property({ attribute: false }) documentId = '';
  @property({ attribute: false }) directory: Directory = emptyDirectory();

  protected readonly _locale = new LocaleController(this);

  private readonly _tasks = new LiveQueryController<{ forId: string; rows: TaskRow[] } | undefined>(
    this,
    async () => {
      const me = this.me;
      const id = this.documentId;
      if (!me || !id) return undefined;
      return { forId: id, rows: await tasksOfDocument(me, id) };
    },
    (cb) => (this.me ? subscribeTasks(this.me, cb) : () => undefined),
  );

  override willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('documentId') && changed.get('documentId') !== undefined) || (changed.has('me') && changed.get('me') !== undefined))
      this._tasks.refresh();
  }

  /** Leaders and unit heads assign work from documents. */
  get canAssign(): boolean {
    const me = this.me;
    return !!me && (me.roles.includes('leader') || headedUnitsOf(me).length > 0);
  }

  override render() {
    const value = this._tasks.value;
    const rows = value && value.forId === this.documentId ? value.rows : [];
    const id = encodeURIComponent(this.documentId);
    return html`${
        rows.length
          ? html`<ul>
              ${rows.map(
                (r) =>
                  html`<li data-task=${r.id}>
                    <a class="title" href="/tasks/${encodeURIComponent(r.id)}" dir="auto">${r.state.title}</a>
                    <span class="chip ${taskStatusTone(r.state.status)}">${taskStatusLabel(r.state.status)}</span>
                    ${r.flags.overdue ? html`<span class="chip bad">${t('task.flag.overdue')}</span>` : nothing}
                    <span class="muted"
                      >${displayNameOf(this.directory, r.state.lead)}${r.state.deadline ? ` · ${formatDay(r.state.deadline)}` : ''} ·
                      ${r.state.percent} %</span
                    >
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t('taskDetail.docTasks.none')}</p>`
      }
      <div class="buttons">
        ${this.canAssign ? html`<a class="btn primary" data-action="assign" href="/tasks/new?document=${id}">${icons.plus}${t('taskDetail.docTasks.assign')}</a>` : nothing}
        ${rows.length ? html`<a class="btn" href=${`/tasks?view=all&document=${id}`}>${t('taskDetail.docTasks.all')}</a>` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-tasks': DkDocumentTasks;
  }
}
