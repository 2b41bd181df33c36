import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { type Directory, emptyDirectory, loadDirectory, subscribeDirectory } from '../../data/directory.ts';
import { type DocumentRow, getDocument, listDocuments } from '../../data/documents.ts';
import { type TaskRow, createTask, getTaskRow } from '../../data/tasks.ts';
import { LocaleController, formatDay, getLocale, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import type { FieldError } from '../../model/doc.ts';
import { headedUnitsOf, unitsOf } from '../../model/roles.ts';
import { type Recurrence, type TaskLink, type TaskPriority } from '../../model/tasks/types.ts';
import { type TaskInput, validateTaskInput } from '../../model/tasks/validation.ts';
import { wardDay } from '../../model/time.ts';
import { errorLine, fieldAria, inputField, textAreaField } from '../../ui/forms/fields.ts';
import { focusErrorField, formErrorText, withDays } from '../../ui/forms/form-errors.ts';
import { saveForm } from '../../ui/forms/save-form.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { setUnsaved } from '../../ui/unsaved.ts';
import type { DkFilePicker } from '../documents/dk-file-picker.ts';
import '../documents/dk-file-picker.ts';
import { errorText } from '../documents/form-errors.ts';
import '../documents/messages-actions.ts';
import { documentFormStyles } from '../documents/form-styles.ts';
import { kindLabel } from '../documents/labels.ts';
import type { DkTaskChecklistEditor } from './dk-task-checklist-editor.ts';
import './dk-task-checklist-editor.ts';
import { type PickerLink, documentLinkLabel, documentNumberOf } from './dk-task-link-picker.ts';
import './dk-task-link-picker.ts';
import './dk-task-people-picker.ts';
import { prioritySelect, taskFilesPicker } from './task-step-form.ts';
import './messages-form.ts';
import './messages-rules.ts';

type Freq = 'none' | Recurrence['freq'];
/** The unit select's value for a personal task. */
const PERSONAL = '-';

const FIELD_ORDER = [
  'title',
  'description',
  'lead',
  'coordinators',
  'followers',
  'unitId',
  'startOn',
  'deadline',
  'deadlineTime',
  'priority',
  'checklist',
  'links',
  'recurrence',
  'attachments',
] as const;
type Field = (typeof FIELD_ORDER)[number];

const fieldOf = (e: FieldError): string => e.field.split('.')[0]!;

/** Weekday names (1 = Monday … 7 = Sunday) in the current language. */
export function weekdayNames(): string[] {
  const fmt = new Intl.DateTimeFormat(getLocale() === 'vi' ? 'vi-VN' : getLocale() === 'ar' ? 'ar' : 'en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  });
  // 2024-01-01 was a Monday.
  return [1, 2, 3, 4, 5, 6, 7].map((d) => fmt.format(new Date(Date.UTC(2024, 0, d))));
}

/**
 * A new task (`/tasks/new`): title, description, the lead (one person), coordinators and followers from the
 * directory, the unit (the lead's by default; "my own" for a personal task), start day, deadline with an optional
 * time, priority, checklist, links to documents and meetings, files (with "Take photo"), recurrence.
 * `?document=<id>` fills it from an official document (title, description, deadline, link); `?parent=<id>` makes a
 * subtask (its lead chosen among the parent's lead and coordinators, its deadline not after the parent's).
 * Only what the rules allow is offered: staff lead their own tasks, unit heads pick people of their unit.
 * Validation is the model's (`validateTaskInput`); saved on this device (works offline), then the task opens.
 *
 * @fires dk-task-saved - `{ id }` after the task was saved on this device.
 */
@customElement('dk-task-form')
export class DkTaskForm extends LitElement {
  static override styles = [
    sharedStyles,
    documentFormStyles,
    css`
      dk-file-picker,
      dk-task-people-picker,
      dk-task-link-picker,
      dk-task-checklist-editor {
        display: block;
        min-inline-size: 0;
      }
      .source {
        display: grid;
        gap: var(--dk-space-1);
      }
      .source a {
        color: var(--dk-color-primary);
        overflow-wrap: anywhere;
      }
      input[type='number'] {
        max-inline-size: 8rem;
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @property({ attribute: false })
  me: MeResponse | null = null;
  /** The route's query (`document=<id>&parent=<id>`). */
  @property({ attribute: false }) search = '';
  /** Saves the task; the data layer's by default (tests inject failures). */
  @property({ attribute: false }) create: typeof createTask = createTask;
  /** Today in the ward (`YYYY-MM-DD`); pinned by tests. */
  @property() today?: string;

  @state() private _title = '';
  @state() private _description = '';
  @state() private _lead: string[] = [];
  @state() private _coordinators: string[] = [];
  @state() private _followers: string[] = [];
  @state() private _unitId = '';
  @state() private _startOn = '';
  @state() private _deadline = '';
  @state() private _deadlineTime = '';
  @state() private _priority: TaskPriority = 'normal';
  @state() private _checklist: string[] = [];
  @state() private _links: TaskLink[] = [];
  @state() private _files: File[] = [];
  @state() private _freq: Freq = 'none';
  @state() private _interval = '1';
  @state() private _weekday = '5';
  @state() private _monthDay = '';
  @state() private _until = '';

  @state() private _errors: FieldError[] = [];
  @state() private _formError = '';
  @state() private _busy = false;
  @state() private _directory: Directory = emptyDirectory();
  @state() private _documents: DocumentRow[] = [];
  /** The document it is made from: undefined while loading (or none asked), null when not on this device. */
  @state() private _source?: DocumentRow | null;
  @state() private _parent?: TaskRow | null;

  @query('dk-file-picker') private _filePicker?: DkFilePicker;
  @query('dk-task-checklist-editor') private _checklistEditor?: DkTaskChecklistEditor;

  protected readonly _locale = new LocaleController(this);
  private readonly _unsavedKey = `task-form-${Math.random().toString(36).slice(2)}`;
  private _submitted = false;
  private _stopDirectory?: () => void;
  private _prefilledFor = '';

  override disconnectedCallback(): void {
    this._stopDirectory?.();
    this._stopDirectory = undefined;
    setUnsaved(this._unsavedKey, false);
    super.disconnectedCallback();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.me) this._watch(this.me);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const me = this.me;
    if (changed.has('me') && me) {
      if (this.isConnected) this._watch(me);
      if (!this._lead.length && !this._isManager(me)) this._lead = [me.name];
      if (!this._unitId) this._unitId = me.units[0] ?? PERSONAL;
    }
    if ((changed.has('search') || changed.has('me')) && me && this._prefilledFor !== `${me.name}?${this.search}`) {
      this._prefilledFor = `${me.name}?${this.search}`;
      void this._loadSources(me);
    }
  }

  private get _today(): string {
    return this.today ?? wardDay();
  }

  private get _params(): URLSearchParams {
    return new URLSearchParams(this.search);
  }

  private _isManager(me: MeResponse): boolean {
    return me.roles.includes('leader') || headedUnitsOf(me).length > 0;
  }

  private _watch(me: MeResponse): void {
    this._stopDirectory?.();
    this._stopDirectory = subscribeDirectory(me, () => void this._loadDirectory(me));
    void this._loadDirectory(me);
    void listDocuments(me)
      .then((rows) => {
        if (me === this.me) this._documents = rows;
      })
      .catch(() => undefined);
  }

  private async _loadDirectory(me: MeResponse): Promise<void> {
    try {
      const directory = await loadDirectory(me);
      if (me === this.me) this._directory = directory;
    } catch (err) {
      if (this.isConnected) console.warn('Could not load the directory for the task form', err);
    }
  }

  /** Fills the form from `?document=` and `?parent=`, once per query. */
  private async _loadSources(me: MeResponse): Promise<void> {
    const docId = this._params.get('document');
    const parentId = this._params.get('parent');
    if (parentId) {
      const parent = await getTaskRow(me, parentId).catch(() => null);
      if (me !== this.me) return;
      this._parent = parent;
      if (parent) {
        this._unitId = parent.task.unitId ?? PERSONAL;
        this._lead = parent.state.lead === me.name || !parent.state.coordinators.length ? [parent.state.lead] : [];
        if (parent.state.deadline) this._deadline = parent.state.deadline;
        this._links = [...parent.state.links];
      }
    } else this._parent = undefined;
    if (docId) {
      const row = await getDocument(me, docId).catch(() => null);
      if (me !== this.me) return;
      this._source = row;
      if (row) {
        const number = documentNumberOf(row);
        const kind = kindLabel(row.doc.kind);
        this._title ||= number ? t('taskForm.fromDocument.title', { kind, number }) : t('taskForm.fromDocument.titleNoNumber', { kind });
        this._description ||= row.doc.summary;
        const deadline = row.doc.direction === 'incoming' ? row.doc.deadline : undefined;
        if (deadline && !this._deadline) this._deadline = deadline;
        if (!this._links.some((l) => l.id === row.id))
          this._links = [...this._links, { kind: 'document', id: row.id, label: documentLinkLabel(row) }];
      }
    } else this._source = undefined;
  }

  // ——————————————————————————————————————————— what the rules allow

  /** People who may lead (and coordinate): null = anyone (leaders). */
  private _assignable(): string[] | null {
    const me = this.me!;
    const parent = this._parent;
    if (parent) return [parent.state.lead, ...parent.state.coordinators];
    if (me.roles.includes('leader')) return null;
    const headed = headedUnitsOf(me);
    if (headed.length) {
      const names = new Set([me.name]);
      for (const p of this._directory.people) if (p.unitId && headed.includes(p.unitId)) names.add(p.name);
      return [...names];
    }
    return [me.name];
  }

  /** Staff lead their own tasks only, without coordinators. */
  private get _canAssignOthers(): boolean {
    const allowed = this._assignable();
    return allowed === null || allowed.some((n) => n !== this.me!.name);
  }

  /** The units this task may belong to, and whether "my own task" (personal) is offered. */
  private _units(): { ids: string[]; personal: boolean } {
    const me = this.me!;
    const lead = this._lead[0];
    const alone = lead === me.name && !this._coordinators.length && !this._followers.length;
    if (this._parent) {
      const unit = this._parent.task.unitId;
      return { ids: unit ? [unit] : [], personal: !unit };
    }
    const ids = me.roles.includes('leader')
      ? this._directory.units.map((u) => u.unitId)
      : [...new Set([...headedUnitsOf(me), ...unitsOf(me)])];
    // Only units whose space this device holds: the task is written there (leaders replicate every unit).
    const held = new Set(me.spaces.filter((s) => s.kind === 'unit').map((s) => s.id));
    const writable = ids.filter((id) => held.has(id));
    return { ids: writable.length ? writable : me.units, personal: alone };
  }

  /** The unit the task will have: the one chosen when still offered, else the first offered. */
  private _unit(): string {
    const { ids, personal } = this._units();
    if (this._unitId === PERSONAL && personal) return PERSONAL;
    if (ids.includes(this._unitId)) return this._unitId;
    return ids[0] ?? (personal ? PERSONAL : '');
  }

  private _onLeadChange(value: string[]): void {
    this._lead = value;
    this._coordinators = this._coordinators.filter((n) => !value.includes(n));
    // The task belongs to the lead's unit by default.
    const unit = value[0] ? this._directory.personByName.get(value[0])?.unitId : undefined;
    if (!this._parent && unit && this._units().ids.includes(unit)) this._unitId = unit;
    this._fixUnit();
    this._changed();
  }

  /** A personal task has no one else on it: once someone is added it becomes a task of a unit. */
  private _fixUnit(): void {
    const { ids, personal } = this._units();
    if (this._unitId === PERSONAL && !personal) this._unitId = ids[0] ?? PERSONAL;
  }

  // ——————————————————————————————————————————— input and errors

  get dirty(): boolean {
    return !!(
      this._title ||
      this._description ||
      this._coordinators.length ||
      this._followers.length ||
      this._checklist.length ||
      this._files.length ||
      this._deadline
    );
  }

  private _recurrence(): Recurrence | undefined {
    if (this._freq === 'none') return undefined;
    const interval = Number(this._interval) || 1;
    return {
      freq: this._freq,
      interval,
      ...(this._freq === 'weekly' ? { weekday: Number(this._weekday) } : {}),
      ...(this._freq === 'monthly' ? { monthDay: Number(this._monthDay || this._deadline.slice(8, 10)) } : {}),
      ...(this._until ? { until: this._until } : {}),
    };
  }

  private _input(): TaskInput {
    const recurrence = this._recurrence();
    return {
      title: this._title,
      description: this._description,
      lead: this._lead[0] ?? '',
      coordinators: this._coordinators,
      followers: this._followers,
      ...(this._unit() && this._unit() !== PERSONAL ? { unitId: this._unit() } : {}),
      ...(this._startOn ? { startOn: this._startOn } : {}),
      ...(this._deadline ? { deadline: this._deadline } : {}),
      ...(this._deadline && this._deadlineTime ? { deadlineTime: this._deadlineTime } : {}),
      priority: this._priority,
      checklist: this._checklist,
      links: this._links,
      ...(this._parent ? { parentId: this._parent.id } : {}),
      ...(recurrence ? { recurrence } : {}),
    };
  }

  private _validate(): FieldError[] {
    const errors = validateTaskInput(this._input(), { today: this._today, parent: this._parent?.state ?? null });
    return [...errors, ...(this._filePicker?.errors ?? [])];
  }

  private _first(field: Field): FieldError | undefined {
    return this._errors.find((e) => fieldOf(e) === field);
  }

  private _showErrors(errors: FieldError[]): void {
    this._errors = errors;
    this._formError = formErrorText(errors, FIELD_ORDER, (e) => this._message(e), 'taskForm.fixErrors');
  }

  private _message(e: FieldError): string {
    // The documents' catalog words this code with the latest day allowed (the parent's deadline).
    if (e.code === 'error.deadlineAfterParent' && !e.params && this._parent?.state.deadline)
      return errorText({ ...e, params: { max: formatDay(this._parent.state.deadline) } });
    return withDays(e, errorText);
  }

  private _changed(): void {
    setUnsaved(this._unsavedKey, this.dirty);
    if (this._submitted) this._showErrors(this._validate());
  }

  private async _focusFirstError(): Promise<void> {
    await this.updateComplete;
    await focusErrorField(
      this.renderRoot,
      FIELD_ORDER.find((f) => this._first(f)),
    );
  }

  private async _submit(e?: Event): Promise<void> {
    e?.preventDefault();
    if (this._busy || !this.me) return;
    // An item typed but not yet added counts as added: people press Save without pressing Enter first.
    if (this._checklistEditor?.pendingText) this._checklistEditor.add();
    this._submitted = true;
    const me = this.me;
    await saveForm({
      errors: this._validate(),
      showErrors: (errors) => this._showErrors(errors),
      focusFirstError: () => this._focusFirstError(),
      showMessage: (text) => (this._formError = text),
      setBusy: (busy) => (this._busy = busy),
      storageFull: 'taskForm.storageFull',
      what: 'Saving a task',
      write: async () => {
        const id = await this.create(me, this._input(), this._files);
        setUnsaved(this._unsavedKey, false);
        this.dispatchEvent(new CustomEvent('dk-task-saved', { bubbles: true, composed: true, detail: { id } }));
        navigate(`/tasks/${encodeURIComponent(id)}`);
      },
    });
  }

  // ——————————————————————————————————————————— rendering

  /** The message of the error shown under `field`, if any. */
  private _errorText(field: Field): string | undefined {
    const err = this._first(field);
    return err && this._message(err);
  }

  private _error(field: Field) {
    return errorLine(field, this._errorText(field));
  }

  private _aria(field: Field, hint?: string) {
    return fieldAria(field, !!this._first(field), hint);
  }

  private _text(
    field: 'title' | 'startOn' | 'deadline' | 'deadlineTime' | 'until',
    type: string,
    label: string,
    value: string,
    set: (v: string) => void,
    opts: { min?: string; max?: string; optional?: boolean; hint?: string; disabled?: boolean } = {},
  ) {
    const input = (v: string): void => {
      set(v);
      this._changed();
    };
    return inputField(field, label, value, this._errorText(field as Field), input, { ...opts, type, typed: true });
  }

  private _renderSource() {
    const docId = this._params.get('document');
    const parentId = this._params.get('parent');
    const parts = [];
    if (docId) {
      const row = this._source;
      parts.push(
        html`<div class="banner info source" data-source="document">
          ${icons.info}
          <div>
            <strong>${t('taskForm.fromDocument')}</strong>
            ${
              row === undefined
                ? html`<p>${t('common.loading')}</p>`
                : row
                  ? html`<p><a href="/documents/${encodeURIComponent(row.id)}" dir="auto">${documentLinkLabel(row)}</a></p>`
                  : html`<p>${t('taskForm.sourceNotHere')}</p>`
            }
          </div>
        </div>`,
      );
    }
    if (parentId) {
      const row = this._parent;
      parts.push(
        html`<div class="banner info source" data-source="parent">
          ${icons.info}
          <div>
            <strong>${t('taskForm.subtaskOf')}</strong>
            ${
              row === undefined
                ? html`<p>${t('common.loading')}</p>`
                : row
                  ? html`<p>
                      <a href="/tasks/${encodeURIComponent(row.id)}" dir="auto">${row.state.title}</a>
                      ${row.state.deadline ? html` · ${t('taskForm.parentDeadline', { day: formatDay(row.state.deadline) })}` : nothing}
                    </p>`
                  : html`<p>${t('taskForm.sourceNotHere')}</p>`
            }
          </div>
        </div>`,
      );
    }
    return parts;
  }

  private _renderRecurrence() {
    const a = this._aria('recurrence');
    const days = weekdayNames();
    return html`<fieldset>
      <legend>${t('taskForm.recurrence')}</legend>
      <div class="row">
        <div class="field">
          <label for="freq">${t('taskForm.recurrence.freq')}</label>
          <select
            id="freq"
            name="recurrence"
            aria-invalid=${a.invalid}
            aria-describedby=${a.describedBy}
            @change=${(e: Event) => {
              this._freq = (e.target as HTMLSelectElement).value as Freq;
              this._changed();
            }}
          >
            ${(['none', 'daily', 'weekly', 'monthly'] as const).map(
              (f) => html`<option value=${f} ?selected=${this._freq === f}>${t(`taskForm.recurrence.${f}`)}</option>`,
            )}
          </select>
        </div>
        ${
          this._freq === 'weekly'
            ? html`<div class="field">
                <label for="weekday">${t('taskForm.recurrence.weekday')}</label>
                <select
                  id="weekday"
                  @change=${(e: Event) => {
                    this._weekday = (e.target as HTMLSelectElement).value;
                    this._changed();
                  }}
                >
                  ${days.map((d, i) => html`<option value=${i + 1} ?selected=${this._weekday === String(i + 1)}>${d}</option>`)}
                </select>
              </div>`
            : nothing
        }
        ${
          this._freq === 'monthly'
            ? html`<div class="field">
                <label for="monthDay">${t('taskForm.recurrence.monthDay')}</label>
                <input
                  id="monthDay"
                  type="number"
                  min="1"
                  max="31"
                  inputmode="numeric"
                  .value=${this._monthDay || this._deadline.slice(8, 10).replace(/^0/, '')}
                  @input=${(e: Event) => {
                    this._monthDay = (e.target as HTMLInputElement).value;
                    this._changed();
                  }}
                />
              </div>`
            : nothing
        }
        ${
          this._freq !== 'none'
            ? html`<div class="field">
                  <label for="interval">${t(`taskForm.recurrence.every.${this._freq}`)}</label>
                  <input
                    id="interval"
                    type="number"
                    min="1"
                    max="12"
                    inputmode="numeric"
                    .value=${this._interval}
                    @input=${(e: Event) => {
                      this._interval = (e.target as HTMLInputElement).value;
                      this._changed();
                    }}
                  />
                </div>
                ${this._text('until', 'date', t('taskForm.recurrence.until'), this._until, (v) => (this._until = v), { optional: true, min: this._deadline || this._today })}`
            : nothing
        }
      </div>
      ${this._freq !== 'none' ? html`<p class="note">${t('taskForm.recurrence.hint')}</p>` : nothing} ${this._error('recurrence')}
    </fieldset>`;
  }

  override render() {
    const head = html`<div class="head">
      <a href="/tasks">${icons.back}${t('taskForm.back')}</a>
      <h1>${this._params.get('parent') ? t('taskForm.titleSubtask') : t('taskForm.heading')}</h1>
    </div>`;
    const me = this.me;
    if (!me)
      return html`${head}
        <p class="note">${t('common.loading')}</p>`;
    const assignable = this._assignable();
    const others = this._canAssignOthers;
    const units = this._units();
    const unit = this._unit();
    const dir = this._directory;
    const unitA = this._aria('unitId');
    const maxDeadline = this._parent?.state.deadline;
    return html`${head}
      <p class="sub">${others ? t('taskForm.intro') : t('taskForm.introSelf')}</p>
      <form novalidate @submit=${this._submit} aria-busy=${this._busy ? 'true' : 'false'}>
        <div class="form-error" role="alert" tabindex="-1">
          ${this._formError ? html`<p class="banner danger">${icons.warning} ${this._formError}</p>` : nothing}
        </div>
        ${this._renderSource()}
        <fieldset>
          <legend>${t('taskForm.what')}</legend>
          ${this._text('title', 'text', t('taskForm.title'), this._title, (v) => (this._title = v))}
          ${textAreaField(
            'description',
            t('taskForm.description'),
            this._description,
            this._errorText('description'),
            (v) => {
              this._description = v;
              this._changed();
            },
            { optional: true, rows: 4 },
          )}
          <div class="row">
            ${prioritySelect(this._priority, (p) => {
              this._priority = p;
              this._changed();
            })}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('taskForm.who')}</legend>
          ${
            others
              ? html`<dk-task-people-picker
                  name="lead"
                  field="lead"
                  single
                  .label=${t('task.people.lead')}
                  .hint=${this._parent ? t('taskForm.leadHintSubtask') : t('taskForm.leadHint')}
                  .directory=${dir}
                  .value=${this._lead}
                  .allowed=${assignable ?? undefined}
                  .errors=${this._errors}
                  @dk-people-change=${(e: CustomEvent<{ value: string[] }>) => this._onLeadChange(e.detail.value)}
                ></dk-task-people-picker>`
              : html`<p class="note" data-self-lead>${t('taskForm.selfLead', { name: me.displayName })}</p>`
          }
          ${
            others
              ? html`<dk-task-people-picker
                  name="coordinators"
                  field="coordinators"
                  .label=${t('task.people.coordinators')}
                  .hint=${t('taskForm.coordinatorsHint')}
                  .directory=${dir}
                  .value=${this._coordinators}
                  .allowed=${assignable ?? undefined}
                  .exclude=${this._lead}
                  .errors=${this._errors}
                  @dk-people-change=${(e: CustomEvent<{ value: string[] }>) => {
                    this._coordinators = e.detail.value;
                    this._fixUnit();
                    this._changed();
                  }}
                ></dk-task-people-picker>`
              : nothing
          }
          <dk-task-people-picker
            name="followers"
            field="followers"
            .label=${t('task.people.followers')}
            .hint=${t('taskForm.followersHint')}
            .directory=${dir}
            .value=${this._followers}
            .exclude=${this._lead}
            .errors=${this._errors}
            @dk-people-change=${(e: CustomEvent<{ value: string[] }>) => {
              this._followers = e.detail.value;
              this._fixUnit();
              this._changed();
            }}
          ></dk-task-people-picker>
          <div class="field">
            <label for="unitId">${t('taskForm.unit')}</label>
            <select
              id="unitId"
              name="unitId"
              ?disabled=${!!this._parent}
              aria-invalid=${unitA.invalid}
              aria-describedby="unitId-hint${this._first('unitId') ? ' unitId-error' : ''}"
              @change=${(e: Event) => {
                this._unitId = (e.target as HTMLSelectElement).value;
                this._changed();
              }}
            >
              ${units.ids.map((id) => html`<option value=${id} ?selected=${unit === id}>${dir.unitById.get(id)?.name ?? id}</option>`)}
              ${units.personal ? html`<option value=${PERSONAL} ?selected=${unit === PERSONAL}>${t('taskForm.personal')}</option>` : nothing}
            </select>
            <span id="unitId-hint" class="hint">${unit === PERSONAL ? t('taskForm.personalHint') : t('taskForm.unitHint')}</span>
            ${this._error('unitId')}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('taskForm.when')}</legend>
          <div class="row">
            ${this._text('startOn', 'date', t('taskForm.startOn'), this._startOn, (v) => (this._startOn = v), { optional: true })}
            ${this._text('deadline', 'date', t('task.deadline'), this._deadline, (v) => (this._deadline = v), {
              optional: true,
              min: this._today,
              ...(maxDeadline ? { max: maxDeadline, hint: t('taskForm.parentDeadline', { day: formatDay(maxDeadline) }) } : {}),
            })}
            ${this._text('deadlineTime', 'time', t('taskForm.deadlineTime'), this._deadlineTime, (v) => (this._deadlineTime = v), {
              optional: true,
              disabled: !this._deadline,
              hint: t('taskForm.deadlineTimeHint'),
            })}
          </div>
        </fieldset>
        ${this._parent ? nothing : this._renderRecurrence()}
        <fieldset>
          <legend>${t('taskForm.checklist')}</legend>
          <dk-task-checklist-editor
            name="checklist"
            field="checklist"
            .value=${this._checklist}
            .errors=${this._errors}
            @dk-checklist-change=${(e: CustomEvent<{ value: string[] }>) => {
              this._checklist = e.detail.value;
              this._changed();
            }}
          ></dk-task-checklist-editor>
        </fieldset>
        <fieldset>
          <legend>${t('taskForm.links')}</legend>
          <dk-task-link-picker
            name="links"
            field="links"
            .documents=${this._documents}
            .value=${this._links}
            .errors=${this._errors}
            @dk-links-change=${(e: CustomEvent<{ value: PickerLink[] }>) => {
              // Without tasks to offer, the picker gives documents and meetings only: the kinds of a task link.
              this._links = e.detail.value as TaskLink[];
              this._changed();
            }}
          ></dk-task-link-picker>
        </fieldset>
        <fieldset>
          <legend>${t('taskForm.files')}</legend>
          ${taskFilesPicker(t('taskForm.filesLabel'), this._files, (files) => {
            this._files = files;
            this._changed();
          })}
        </fieldset>
        <p class="note">${t('taskForm.offlineNote')}</p>
        <div class="actions">
          <a class="btn" href=${this._parent ? `/tasks/${encodeURIComponent(this._parent.id)}` : '/tasks'}>${t('common.cancel')}</a>
          <button type="submit" class="btn primary" ?disabled=${this._busy}>
            ${this._busy ? t('taskForm.saving') : t('taskForm.save')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-form': DkTaskForm;
  }
}
