import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { displayNameOf } from '../../data/directory.ts';
import { newChecklistItemId } from '../../data/tasks.ts';
import { formatDay, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import type { TaskEventInput } from '../../model/tasks/rules.ts';
import { type ChecklistItem, type TaskEdit, type TaskLink, type TaskPriority } from '../../model/tasks/types.ts';
import { icons } from '../../ui/icons.ts';
import type { DocumentRow } from '../../data/documents.ts';
import './dk-task-link-picker.ts';
import './dk-task-people-picker.ts';
import { TaskStepForm, prioritySelect, taskFilesPicker } from './task-step-form.ts';

const deadlineText = (day?: string, time?: string): string =>
  day ? `${formatDay(day)}${time ? ` ${time}` : ''}` : t('task.flag.noDeadline');

/** Progress report: percent (slider and number), a note, files and photos. The lead's sets the task's progress. */
@customElement('dk-task-progress-form')
export class DkTaskProgressForm extends TaskStepForm {
  @state() private _percent?: number;
  @state() private _note = '';
  @state() private _files: File[] = [];
  protected readonly fieldOrder = ['percent', 'note', 'attachments'];

  private get _current(): number {
    const s = this.row.state;
    return s.lead === this.me.name ? s.percent : (s.parts.get(this.me.name)?.percent ?? 0);
  }

  protected input(): TaskEventInput {
    return {
      kind: 'progress',
      percent: this._percent ?? this._current,
      ...(this._note.trim() ? { note: this._note.trim() } : {}),
    };
  }

  protected override files(): File[] {
    return this._files;
  }

  override render() {
    const percent = this._percent ?? this._current;
    const set = (e: Event) => {
      const v = (e.target as HTMLInputElement).valueAsNumber;
      this._percent = Number.isFinite(v) ? Math.round(v) : 0;
      this.changed();
    };
    const lead = this.row.state.lead === this.me.name;
    return this.frame(
      html`<div class="field">
          <label for="percent">${t('taskAction.progress.percent')}</label>
          <div class="row">
            <input
              id="percent-range"
              type="range"
              min="0"
              max="100"
              step="5"
              .value=${String(percent)}
              aria-label=${t('taskAction.progress.percent')}
              aria-valuetext=${`${percent} %`}
              @input=${set}
            />
            <input
              id="percent"
              name="percent"
              type="number"
              min="0"
              max="100"
              inputmode="numeric"
              style="max-inline-size: 7rem"
              .value=${String(percent)}
              aria-invalid=${this.invalid('percent')}
              aria-describedby=${this.describedBy('percent', 'percent-hint')}
              @input=${set}
            />
          </div>
          <span id="percent-hint" class="hint">${lead ? t('taskAction.progress.leadHint') : t('taskAction.progress.partHint')}</span>
          ${this.fieldError('percent')}
        </div>
        ${this.textArea('note', t('taskAction.progress.note'), this._note, (v) => (this._note = v), { optional: true })}
        ${taskFilesPicker(t('taskAction.files'), this._files, (files) => {
          this._files = files;
          this.changed();
        })}`,
      t('taskAction.progress.submit'),
    );
  }
}

/** An assignee asks for a later deadline, with a reason. */
@customElement('dk-task-extension-request-form')
export class DkTaskExtensionRequestForm extends TaskStepForm {
  @state() private _deadline = '';
  @state() private _time = '';
  @state() private _note = '';
  protected readonly fieldOrder = ['deadline', 'deadlineTime', 'note'];

  protected override extraErrors(): FieldError[] {
    const current = this.row.state.deadline;
    if (this._deadline && current && this._deadline <= current) return [{ field: 'deadline', code: 'taskAction.extension.notLater' }];
    return [];
  }

  protected input(): TaskEventInput {
    return {
      kind: 'extensionRequested',
      deadline: this._deadline,
      ...(this._deadline && this._time ? { deadlineTime: this._time } : {}),
      note: this._note.trim(),
    };
  }

  override render() {
    const s = this.row.state;
    return this.frame(
      html`<p class="note">${t('taskAction.currentDeadline', { deadline: deadlineText(s.deadline, s.deadlineTime) })}</p>
        <div class="row">
          ${this.dateInput('deadline', t('taskAction.extension.newDeadline'), this._deadline, (v) => (this._deadline = v), {
            min: s.deadline ?? this._today,
          })}
          ${this.dateInput('deadlineTime', t('taskAction.deadlineTime'), this._time, (v) => (this._time = v), {
            type: 'time',
            optional: true,
            disabled: !this._deadline,
          })}
        </div>
        ${this.textArea('note', t('taskAction.extension.reason'), this._note, (v) => (this._note = v))}`,
      t('taskAction.extension.submit'),
    );
  }
}

/** The assigner (or a leader) accepts or refuses the extension asked for. */
@customElement('dk-task-extension-answer-form')
export class DkTaskExtensionAnswerForm extends TaskStepForm {
  @state() private _accepted?: boolean;
  @state() private _note = '';
  protected readonly fieldOrder = ['accepted', 'note'];

  protected input(): TaskEventInput {
    return {
      kind: 'extensionAnswered',
      ...(this._accepted !== undefined ? { accepted: this._accepted } : {}),
      ...(this._note.trim() ? { note: this._note.trim() } : {}),
    } as TaskEventInput;
  }

  override render() {
    const p = this.row.state.pendingExtension;
    const s = this.row.state;
    const choice = (value: boolean, label: string) =>
      html`<label class="radio"
        ><input
          type="radio"
          name="accepted"
          .checked=${this._accepted === value}
          aria-invalid=${this.invalid('accepted')}
          @change=${() => {
            this._accepted = value;
            this.changed();
          }}
        />${label}</label
      >`;
    return this.frame(
      html`${
          p
            ? html`<div class="banner info">
                ${icons.clock}
                <div>
                  <p>
                    ${t('taskAction.answer.asked', {
                      name: p.byName || displayNameOf(this.directory, p.by),
                      from: deadlineText(s.deadline, s.deadlineTime),
                      to: deadlineText(p.deadline, p.deadlineTime),
                    })}
                  </p>
                  ${p.note ? html`<p dir="auto">${p.note}</p>` : nothing}
                </div>
              </div>`
            : nothing
        }
        <fieldset aria-describedby=${this.describedBy('accepted')}>
          <legend>${t('taskAction.answer.legend')}</legend>
          ${choice(true, t('taskAction.answer.accept'))} ${choice(false, t('taskAction.answer.refuse'))} ${this.fieldError('accepted')}
        </fieldset>
        ${this.textArea('note', t('taskAction.answer.note'), this._note, (v) => (this._note = v), { optional: true })}`,
      t('taskAction.answer.submit'),
    );
  }
}

/** The assigner (or a leader) moves the deadline. */
@customElement('dk-task-deadline-form')
export class DkTaskDeadlineForm extends TaskStepForm {
  @state() private _deadline?: string;
  @state() private _time?: string;
  @state() private _note = '';
  protected readonly fieldOrder = ['deadline', 'deadlineTime', 'note'];

  protected override extraErrors(): FieldError[] {
    const s = this.row.state;
    const d = this._deadline ?? s.deadline ?? '';
    const time = this._time ?? s.deadlineTime ?? '';
    if (d === (s.deadline ?? '') && time === (s.deadlineTime ?? '')) return [{ field: 'deadline', code: 'taskAction.deadline.unchanged' }];
    return [];
  }

  protected input(): TaskEventInput {
    const s = this.row.state;
    const d = this._deadline ?? s.deadline ?? '';
    const time = this._time ?? s.deadlineTime ?? '';
    return {
      kind: 'deadlineChanged',
      ...(d ? { deadline: d } : {}),
      ...(d && time ? { deadlineTime: time } : {}),
      ...(this._note.trim() ? { note: this._note.trim() } : {}),
    };
  }

  override render() {
    const s = this.row.state;
    const d = this._deadline ?? s.deadline ?? '';
    return this.frame(
      html`<p class="note">${t('taskAction.currentDeadline', { deadline: deadlineText(s.deadline, s.deadlineTime) })}</p>
        <div class="row">
          ${this.dateInput('deadline', t('taskAction.deadline.new'), d, (v) => (this._deadline = v), { optional: true })}
          ${this.dateInput('deadlineTime', t('taskAction.deadlineTime'), this._time ?? s.deadlineTime ?? '', (v) => (this._time = v), {
            type: 'time',
            optional: true,
            disabled: !d,
          })}
        </div>
        ${this.textArea('note', t('taskAction.deadline.note'), this._note, (v) => (this._note = v), { optional: true })}`,
      t('taskAction.deadline.submit'),
    );
  }
}

/** The assigner (or a leader) changes the lead, coordinators and followers; only the lists that changed are sent. */
@customElement('dk-task-reassign-form')
export class DkTaskReassignForm extends TaskStepForm {
  @state() private _lead?: string[];
  @state() private _coordinators?: string[];
  @state() private _followers?: string[];
  @state() private _note = '';
  protected readonly fieldOrder = ['lead', 'coordinators', 'followers', 'note'];

  private get _values() {
    const s = this.row.state;
    return {
      lead: this._lead ?? [s.lead],
      coordinators: this._coordinators ?? s.coordinators,
      followers: this._followers ?? s.followers,
    };
  }

  protected input(): TaskEventInput {
    const s = this.row.state;
    const v = this._values;
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    const lead = v.lead[0] ?? '';
    const coordinators = v.coordinators.filter((n) => n !== lead);
    return {
      kind: 'reassigned',
      ...(lead !== s.lead ? { lead } : {}),
      ...(!same(coordinators, s.coordinators) || lead !== s.lead ? { coordinators } : {}),
      ...(!same(v.followers, s.followers) ? { followers: v.followers } : {}),
      ...(this._note.trim() ? { note: this._note.trim() } : {}),
    };
  }

  override render() {
    const v = this._values;
    const pick = (field: 'lead' | 'coordinators' | 'followers', label: string, value: string[], exclude: string[], single = false) =>
      html`<dk-task-people-picker
        name=${field}
        field=${field}
        ?single=${single}
        .label=${label}
        .directory=${this.directory}
        .value=${value}
        .exclude=${exclude}
        .errors=${this._errors}
        @dk-people-change=${(e: CustomEvent<{ value: string[] }>) => {
          if (field === 'lead') this._lead = e.detail.value;
          else if (field === 'coordinators') this._coordinators = e.detail.value;
          else this._followers = e.detail.value;
          this.changed();
        }}
      ></dk-task-people-picker>`;
    return this.frame(
      html`${pick('lead', t('task.people.lead'), v.lead, [], true)}
        ${pick('coordinators', t('task.people.coordinators'), v.coordinators, v.lead)}
        ${pick('followers', t('task.people.followers'), v.followers, v.lead)}
        <p class="note">${t('taskAction.reassign.hint')}</p>
        ${this.textArea('note', t('taskAction.reassign.note'), this._note, (v) => (this._note = v), { optional: true })}`,
      t('taskAction.reassign.submit'),
    );
  }
}

/**
 * Edit: title, priority, start, links (the assigner or a leader), description and checklist (also the lead).
 * Checklist items keep their ids, so ticks stay on them; only what changed is sent.
 */
@customElement('dk-task-edit-form')
export class DkTaskEditForm extends TaskStepForm {
  /** Documents on this device, to link. */
  @property({ attribute: false }) documents: DocumentRow[] = [];
  @state() private _title?: string;
  @state() private _description?: string;
  @state() private _priority?: TaskPriority;
  @state() private _checklist?: ChecklistItem[];
  @state() private _links?: TaskLink[];
  @state() private _newItem = '';
  protected readonly fieldOrder = ['title', 'description', 'priority', 'checklist', 'links'];

  private get _manager(): boolean {
    return this.row.state.task.assigner === this.me.name || this.me.roles.includes('leader');
  }

  protected input(): TaskEventInput {
    const s = this.row.state;
    const changes: TaskEdit = {};
    if (this._title !== undefined && this._title.trim() !== s.title) changes.title = this._title.trim();
    if (this._description !== undefined && this._description.trim() !== (s.description ?? ''))
      changes.description = this._description.trim();
    if (this._priority !== undefined && this._priority !== s.priority) changes.priority = this._priority;
    if (this._checklist !== undefined && JSON.stringify(this._checklist) !== JSON.stringify(s.checklist))
      changes.checklist = this._checklist;
    if (this._links !== undefined && JSON.stringify(this._links) !== JSON.stringify(s.links)) changes.links = this._links;
    return { kind: 'edited', changes };
  }

  private _setItem(i: number, text: string): void {
    const list = [...(this._checklist ?? this.row.state.checklist)];
    list[i] = { ...list[i]!, text };
    this._checklist = list;
    this.changed();
  }

  private async _removeItem(i: number): Promise<void> {
    const list = (this._checklist ?? this.row.state.checklist).filter((_, n) => n !== i);
    this._checklist = list;
    this.changed();
    await this.updateComplete;
    (
      this.renderRoot.querySelector<HTMLElement>(`#item-remove-${Math.min(i, list.length - 1)}`) ??
      this.renderRoot.querySelector<HTMLElement>('#new-item')
    )?.focus();
  }

  private _addItem(): void {
    const text = this._newItem.trim();
    if (!text) return;
    this._checklist = [...(this._checklist ?? this.row.state.checklist), { id: newChecklistItemId(), text }];
    this._newItem = '';
    const input = this.renderRoot.querySelector<HTMLInputElement>('#new-item');
    if (input) input.value = '';
    this.changed();
  }

  override render() {
    const s = this.row.state;
    const manager = this._manager;
    const items = this._checklist ?? s.checklist;
    return this.frame(
      html`${
          manager
            ? html`<div class="field">
                  <label for="title">${t('taskForm.title')}</label>
                  <input
                    id="title"
                    name="title"
                    type="text"
                    dir="auto"
                    .value=${this._title ?? s.title}
                    aria-invalid=${this.invalid('title')}
                    @input=${(e: Event) => {
                      this._title = (e.target as HTMLInputElement).value;
                      this.changed();
                    }}
                  />
                </div>
                ${prioritySelect(this._priority ?? s.priority, (p) => {
                  this._priority = p;
                  this.changed();
                })}`
            : html`<p class="note">${t('taskAction.edit.leadOnly')}</p>`
        }
        ${this.textArea(
          'description',
          t('taskForm.description'),
          this._description ?? s.description ?? '',
          (v) => (this._description = v),
          {
            optional: true,
          },
        )}
        <fieldset>
          <legend>${t('taskForm.checklist')}</legend>
          ${items.map(
            (item, i) =>
              html`<div class="row" style="grid-template-columns: minmax(0, 1fr) auto">
                <input
                  id="item-${i}"
                  name=${i === 0 ? 'checklist' : nothing}
                  type="text"
                  dir="auto"
                  aria-label=${t('taskAction.edit.item', { n: i + 1 })}
                  .value=${item.text}
                  @input=${(e: Event) => this._setItem(i, (e.target as HTMLInputElement).value)}
                />
                <button
                  id="item-remove-${i}"
                  type="button"
                  class="btn ghost"
                  aria-label=${t('taskForm.checklist.remove', { text: item.text })}
                  @click=${() => this._removeItem(i)}
                >
                  ${icons.close}
                </button>
              </div>`,
          )}
          <div class="row" style="grid-template-columns: minmax(0, 1fr) auto">
            <input
              id="new-item"
              type="text"
              dir="auto"
              aria-label=${t('taskForm.checklist.new')}
              placeholder=${t('taskForm.checklist.new')}
              @input=${(e: Event) => (this._newItem = (e.target as HTMLInputElement).value)}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  this._addItem();
                }
              }}
            />
            <button type="button" class="btn" @click=${this._addItem}>${icons.plus}${t('taskForm.picker.add')}</button>
          </div>
        </fieldset>
        ${
          manager
            ? html`<fieldset>
                <legend>${t('taskForm.links')}</legend>
                <dk-task-link-picker
                  name="links"
                  .documents=${this.documents}
                  .value=${this._links ?? s.links}
                  .errors=${this._errors}
                  @dk-links-change=${(e: CustomEvent<{ value: TaskLink[] }>) => {
                    this._links = e.detail.value;
                    this.changed();
                  }}
                ></dk-task-link-picker>
              </fieldset>`
            : nothing
        }`,
      t('taskAction.edit.submit'),
    );
  }
}

/** Kinds saved with a note only (a reason where the rules want one) and, for a submission, files. */
export type NoteKind = 'submitted' | 'accepted' | 'returned' | 'cancelled' | 'reopened';

/** Submit as done, accept, return for rework, cancel, reopen: a note (required for return and cancel). */
@customElement('dk-task-note-form')
export class DkTaskNoteForm extends TaskStepForm {
  @property() kind: NoteKind = 'submitted';
  @state() private _note = '';
  @state() private _files: File[] = [];
  protected readonly fieldOrder = ['note', 'attachments'];

  private get _required(): boolean {
    return this.kind === 'returned' || this.kind === 'cancelled';
  }

  protected input(): TaskEventInput {
    return { kind: this.kind, ...(this._note.trim() ? { note: this._note.trim() } : {}) };
  }

  protected override files(): File[] {
    return this.kind === 'submitted' ? this._files : [];
  }

  override render() {
    const danger = this.kind === 'cancelled' || this.kind === 'returned';
    return this.frame(
      html`${this.kind === 'submitted' ? html`<p class="note">${t('taskAction.submit.hint')}</p>` : nothing}
      ${this.textArea('note', t(`taskAction.note.${this.kind}`), this._note, (v) => (this._note = v), { optional: !this._required })}
      ${
        this.kind === 'submitted'
          ? taskFilesPicker(t('taskAction.files'), this._files, (files) => {
              this._files = files;
              this.changed();
            })
          : nothing
      }`,
      t(`taskAction.submit.${this.kind}`),
      { danger },
    );
  }
}

/** The discussion's box: a comment anyone who reads the task may add (append-only). */
@customElement('dk-task-comment-form')
export class DkTaskCommentForm extends TaskStepForm {
  @state() private _note = '';
  protected readonly fieldOrder = ['note'];

  protected input(): TaskEventInput {
    return { kind: 'comment', note: this._note.trim() };
  }

  protected override cancel(): void {
    this._note = '';
    this._errors = [];
    this._formError = '';
    this._submitted = false;
  }

  override async save(): Promise<boolean> {
    const saved = await super.save();
    if (saved) {
      this._note = '';
      this._submitted = false;
    }
    return saved;
  }

  /** The people on the task other than me, whom a comment can mention (`@name`: they get a notification). */
  private _mentionable(): string[] {
    const s = this.row.state;
    const names = [this.row.task.assigner, s.lead, ...s.coordinators, ...s.followers];
    return [...new Set(names)].filter((n) => n && n !== this.me.name);
  }

  private _mention(name: string): void {
    const tag = `@${name} `;
    if (!this._note.includes(`@${name}`))
      this._note = this._note && !/\s$/.test(this._note) ? `${this._note} ${tag}` : `${this._note}${tag}`;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus());
  }

  override render() {
    const people = this._mentionable();
    return this.frame(
      html`${this.textArea('note', t('taskDetail.comment.label'), this._note, (v) => (this._note = v), { hint: t('taskDetail.comment.hint') })}
      ${
        people.length
          ? html`<div class="mentions" role="group" aria-label=${t('taskDetail.comment.mention')}>
              <span class="hint">${t('taskDetail.comment.mention')}</span>
              ${people.map(
                (name) =>
                  html`<button type="button" class="btn" data-mention=${name} @click=${() => this._mention(name)}>
                    @<bdi>${displayNameOf(this.directory, name)}</bdi>
                  </button>`,
              )}
            </div>`
          : nothing
      }`,
      t('taskDetail.comment.submit'),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-progress-form': DkTaskProgressForm;
    'dk-task-extension-request-form': DkTaskExtensionRequestForm;
    'dk-task-extension-answer-form': DkTaskExtensionAnswerForm;
    'dk-task-deadline-form': DkTaskDeadlineForm;
    'dk-task-reassign-form': DkTaskReassignForm;
    'dk-task-edit-form': DkTaskEditForm;
    'dk-task-note-form': DkTaskNoteForm;
    'dk-task-comment-form': DkTaskCommentForm;
  }
}
