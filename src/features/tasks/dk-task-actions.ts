import { LitElement, type TemplateResult, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type Directory, emptyDirectory } from '../../data/directory.ts';
import type { DocumentRow } from '../../data/documents.ts';
import { type TaskRow, taskActorOf } from '../../data/tasks.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { availableTaskActions } from '../../model/tasks/rules.ts';
import type { TaskEventKind } from '../../model/tasks/types.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import './dk-task-step-forms.ts';
import { taskStepLabel } from './labels.ts';
import './messages-detail.ts';
import type { TaskStepDoneDetail } from './task-step-form.ts';

/** Steps offered as buttons, in the order people look for them. Comments and ticks live in their own sections. */
const ORDER: readonly TaskEventKind[] = [
  'progress',
  'submitted',
  'extensionRequested',
  'extensionAnswered',
  'accepted',
  'returned',
  'deadlineChanged',
  'reassigned',
  'edited',
  'cancelled',
  'reopened',
];

/**
 * The steps a person may take on a task now (`availableTaskActions`) as buttons; each opens its small form
 * below the buttons (one at a time). After a step the form closes, focus returns to its button and a polite live
 * region confirms it. The lead (and the assigner or a leader) may also add a subtask.
 */
@customElement('dk-task-actions')
export class DkTaskActions extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      section {
        display: grid;
        gap: var(--dk-space-3);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
      }
      .buttons:focus {
        outline: none;
      }
      .buttons .btn[aria-expanded='true'] {
        background: var(--dk-color-surface-muted);
        border-color: var(--dk-color-primary);
      }
      @media (max-width: 599px) {
        .buttons .btn {
          flex: 1 1 100%;
          justify-content: flex-start;
        }
      }
      .panel {
        padding: var(--dk-space-4);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-lg);
        background: var(--dk-color-surface);
      }
      .panel h3 {
        margin: 0 0 var(--dk-space-3);
        font-size: var(--dk-font-size-md, 1rem);
      }
      .none {
        margin: 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
    `,
  ];

  @property({ attribute: false }) me: MeResponse | null = null;
  @property({ attribute: false }) row?: TaskRow;
  @property({ attribute: false }) directory: Directory = emptyDirectory();
  @property({ attribute: false }) documents: DocumentRow[] = [];
  /** Today in the ward; pinned by tests. */
  @property() today?: string;

  @state() private _open: TaskEventKind | null = null;
  @state() private _announce = '';

  protected readonly _locale = new LocaleController(this);

  /** The steps offered now, in button order. */
  get offers(): TaskEventKind[] {
    if (!this.row || !this.me) return [];
    const allowed = new Set(availableTaskActions(this.row.state, taskActorOf(this.me)));
    return ORDER.filter((k) => allowed.has(k));
  }

  protected override updated(changed: Map<string, unknown>): void {
    // A step taken meanwhile (another device, a sync) may have closed the open form's step.
    if (changed.has('row') && this._open && !this.offers.includes(this._open)) this._open = null;
  }

  private async _toggle(kind: TaskEventKind): Promise<void> {
    this._open = this._open === kind ? null : kind;
    this._announce = '';
    if (!this._open) return;
    await this.updateComplete;
    const form = this.renderRoot.querySelector('.panel > *:last-child') as (LitElement & { focusFirst?: () => void }) | null;
    await form?.updateComplete;
    form?.focusFirst?.();
  }

  private async _done(e: CustomEvent<TaskStepDoneDetail>): Promise<void> {
    const opened = this._open;
    this._open = null;
    this._announce = t('taskAction.done', { step: taskStepLabel(e.detail.kind) });
    await this.updateComplete;
    const again = opened ? this.renderRoot.querySelector<HTMLElement>(`.buttons button[data-kind="${opened}"]`) : null;
    (again ?? this.renderRoot.querySelector<HTMLElement>('.buttons'))?.focus();
  }

  private async _cancel(e: Event): Promise<void> {
    e.stopPropagation();
    const opened = this._open;
    this._open = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`.buttons button[data-kind="${opened ?? ''}"]`)?.focus();
  }

  private _form(kind: TaskEventKind): TemplateResult {
    const me = this.me!;
    const row = this.row!;
    const dir = this.directory;
    switch (kind) {
      case 'progress':
        return html`<dk-task-progress-form .me=${me} .row=${row} .directory=${dir} .today=${this.today}></dk-task-progress-form>`;
      case 'extensionRequested':
        return html`<dk-task-extension-request-form
          .me=${me}
          .row=${row}
          .directory=${dir}
          .today=${this.today}
        ></dk-task-extension-request-form>`;
      case 'extensionAnswered':
        return html`<dk-task-extension-answer-form
          .me=${me}
          .row=${row}
          .directory=${dir}
          .today=${this.today}
        ></dk-task-extension-answer-form>`;
      case 'deadlineChanged':
        return html`<dk-task-deadline-form .me=${me} .row=${row} .directory=${dir} .today=${this.today}></dk-task-deadline-form>`;
      case 'reassigned':
        return html`<dk-task-reassign-form .me=${me} .row=${row} .directory=${dir} .today=${this.today}></dk-task-reassign-form>`;
      case 'edited':
        return html`<dk-task-edit-form
          .me=${me}
          .row=${row}
          .directory=${dir}
          .documents=${this.documents}
          .today=${this.today}
        ></dk-task-edit-form>`;
      default:
        return html`<dk-task-note-form .me=${me} .row=${row} .directory=${dir} .kind=${kind} .today=${this.today}></dk-task-note-form>`;
    }
  }

  private get _canSplit(): boolean {
    const row = this.row;
    const me = this.me;
    if (!row || !me) return false;
    const s = row.state;
    if (s.status === 'done' || s.status === 'cancelled') return false;
    return s.lead === me.name || s.task.assigner === me.name || me.roles.includes('leader');
  }

  override render() {
    const offers = this.offers;
    const live = html`<p class="visually-hidden" role="status" aria-live="polite">${this._announce}</p>`;
    const split = this._canSplit;
    if (offers.length === 0 && !split)
      return html`${live}
        <p class="none">${t('taskAction.nothing')}</p>`;
    return html`${live}
      <section aria-label=${t('taskAction.heading')}>
        <div class="buttons" role="group" aria-label=${t('taskAction.heading')} tabindex="-1">
          ${offers.map(
            (k) =>
              html`<button
                type="button"
                class="btn ${k === 'accepted' || k === 'submitted' || k === 'progress' ? 'primary' : ''}"
                data-kind=${k}
                aria-expanded=${this._open === k ? 'true' : 'false'}
                aria-controls="step-panel"
                @click=${() => this._toggle(k)}
              >
                ${t(`taskAction.btn.${k}`)}
              </button>`,
          )}
          ${split ? html`<a class="btn" data-action="subtask" href="/tasks/new?parent=${encodeURIComponent(this.row!.id)}">${t('taskAction.btn.subtask')}</a>` : nothing}
        </div>
        ${
          this._open
            ? html`<div
                id="step-panel"
                class="panel"
                role="region"
                aria-label=${t(`taskAction.btn.${this._open}`)}
                @dk-task-step-done=${this._done}
                @dk-cancel=${this._cancel}
              >
                <h3>${t(`taskAction.btn.${this._open}`)}</h3>
                ${this._form(this._open)}
              </div>`
            : nothing
        }
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-actions': DkTaskActions;
  }
}
