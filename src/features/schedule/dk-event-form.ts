import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { type Directory, displayNameOf, emptyDirectory, leadersOf, loadDirectory } from '../../data/directory.ts';
import { type EventRow, createEvent, loadSchedule, recordEventStep } from '../../data/schedule.ts';
import { type DocumentRow, listDocuments } from '../../data/documents.ts';
import { listTasks } from '../../data/tasks.ts';
import { LocaleController, formatBytes, t } from '../../i18n/i18n.ts';
import type { FileMeta } from '../../model/files.ts';
import type { MeResponse } from '../../model/api.ts';
import type { FieldError } from '../../model/doc.ts';
import { type Clashes, findClashes, subjectOfInput } from '../../model/schedule/clash.ts';
import { intervalOf, wardDayOf, wardTimeOf } from '../../model/schedule/interval.ts';
import { isLeader, isOffice } from '../../model/schedule/state.ts';
import { type CalendarEventEdit, EVENT_EDIT_FIELDS, type ScheduleLink, type Slot } from '../../model/schedule/types.ts';
import { type EventInput, validateEventInput, whenOfInput } from '../../model/schedule/validation.ts';
import { wardDay } from '../../model/time.ts';
import { errorLine, fieldAria, inputField, textAreaField } from '../../ui/forms/fields.ts';
import { formErrorText, focusErrorField, saveFailure } from '../../ui/forms/form-errors.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { icons } from '../../ui/icons.ts';
import { pageColumnStyles } from '../../ui/page-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { setUnsaved } from '../../ui/unsaved.ts';
import { whenText } from './labels.ts';
import { queryOf } from './schedule-query.ts';
import '../tasks/dk-task-people-picker.ts';
import { type LinkCandidate, type PickerLink } from '../tasks/dk-task-link-picker.ts';
import '../tasks/dk-task-link-picker.ts';
import type { DkFilePicker } from '../documents/dk-file-picker.ts';
import '../documents/dk-file-picker.ts';
import '../documents/messages-forms.ts';
import './messages.ts';

/** Which calendar the entry goes to; decides its space and visibility (docs/decisions/0004-schedule.md). */
type Target = 'leadership' | 'ward' | `unit:${string}` | 'personal';
type TimeMode = Slot | 'times';

const FIELDS = [
  'target',
  'title',
  'day',
  'slot',
  'startTime',
  'endTime',
  'location',
  'chair',
  'participants',
  'participantUnits',
  'content',
  'notes',
  'links',
  'attachments',
];

/**
 * A new schedule entry (`/schedule/new`) or an edit of one (`/schedule/events/<id>/edit`): which calendar, what,
 * when (morning / afternoon / all day, or times), where (a meeting room or a place), the chair, the people and
 * units invited, notes. Rooms and people already booked at that time are shown before saving (a warning, not a
 * refusal: the office decides). Saving an edit records only the fields that changed, as one step; after the week
 * is published everyone sees them marked as changed.
 */
@customElement('dk-event-form')
export class DkEventForm extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    pageColumnStyles,
    css`
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
        gap: var(--dk-space-3);
      }
      fieldset {
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        padding: var(--dk-space-3);
        margin: 0;
      }
      fieldset label {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        margin-inline-end: var(--dk-space-3);
      }
      .units {
        display: flex;
        flex-wrap: wrap;
      }
      .kept {
        list-style: none;
        margin: 0 0 var(--dk-space-2);
        padding: 0;
        display: grid;
        gap: var(--dk-space-1);
      }
      .kept li {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-inline-size: 0;
      }
      .kept .name {
        flex: 1 1 auto;
        overflow-wrap: anywhere;
      }
      .clashes ul {
        margin: var(--dk-space-1) 0 0;
        padding-inline-start: var(--dk-space-5);
      }
    `,
  ];

  @property() search = '';
  /** Set to edit an existing entry. */
  @property() eventId?: string;

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _dir: Directory = emptyDirectory();
  @state() private _rows: EventRow[] = [];
  @state() private _editing?: EventRow | null;
  @state() private _target: Target = 'personal';
  @state() private _title = '';
  @state() private _day = wardDay();
  @state() private _mode: TimeMode = 'morning';
  @state() private _start = '08:00';
  @state() private _end = '09:30';
  @state() private _roomId = '';
  @state() private _place = '';
  @state() private _chair = '';
  @state() private _participants: string[] = [];
  @state() private _units: string[] = [];
  @state() private _preparing = '';
  @state() private _content = '';
  @state() private _notes = '';
  @state() private _high = false;
  @state() private _links: ScheduleLink[] = [];
  /** New files chosen in this form. */
  @state() private _files: File[] = [];
  /** Files the entry has and keeps (an edit may drop some). */
  @state() private _keptFiles: FileMeta[] = [];
  @state() private _documents: DocumentRow[] = [];
  @state() private _tasks: LinkCandidate[] = [];
  @state() private _errors: FieldError[] = [];
  @state() private _submitted = false;
  @state() private _busy = false;
  @state() private _formError = '';

  protected readonly _locale = new LocaleController(this);
  private readonly _unsavedKey = `event-form-${Math.random().toString(36).slice(2)}`;
  private _loadedFor?: string;

  override disconnectedCallback(): void {
    setUnsaved(this._unsavedKey, false);
    super.disconnectedCallback();
  }

  override willUpdate(): void {
    const me = this._me;
    const key = `${me?.name}|${this.eventId}`;
    if (me && key !== this._loadedFor) {
      this._loadedFor = key;
      void this._load(me);
    }
  }

  private async _load(me: MeResponse): Promise<void> {
    // What may be linked comes after the form is usable: 10,000 documents take a moment to read.
    void Promise.all([listDocuments(me), listTasks(me)])
      .then(([docs, tasks]) => {
        if (me.name !== this._me?.name) return; // signed out or another person meanwhile
        this._documents = docs;
        this._tasks = tasks.map((r) => ({ id: r.id, label: r.state.title, search: r.state.title }));
      })
      .catch(() => undefined);
    const [dir, schedule] = await Promise.all([loadDirectory(me), loadSchedule(me)]);
    this._dir = dir;
    this._rows = schedule.rows;
    const targets = this._targets(me);
    if (this.eventId) {
      const row = schedule.rows.find((r) => r.id === this.eventId) ?? null;
      this._editing = row;
      if (row) this._fill(row);
      return;
    }
    const q = queryOf(this.search);
    const day = new URLSearchParams(this.search).get('day');
    if (day && /^\d{4}-\d{2}-\d{2}$/.test(day)) this._day = day;
    const wanted: Target =
      q.cal === 'leadership'
        ? 'leadership'
        : q.cal.startsWith('unit:')
          ? (q.cal as Target)
          : q.cal.startsWith('room:')
            ? 'ward'
            : 'personal';
    this._target = targets.includes(wanted) ? wanted : targets.includes('personal') ? 'personal' : targets[0]!;
    if (q.cal.startsWith('room:')) this._roomId = q.cal.slice(5);
  }

  private _fill(row: EventRow): void {
    const s = row.state;
    const e = s.event;
    this._target = e.leadership
      ? 'leadership'
      : e.visibility === 'org'
        ? 'ward'
        : e.visibility === 'unit' && e.unitId
          ? `unit:${e.unitId}`
          : 'personal';
    this._title = s.title;
    if ('slot' in s.when) {
      this._day = s.when.day;
      this._mode = s.when.slot;
    } else {
      const i = intervalOf(s.when);
      this._day = wardDayOf(i.start);
      this._mode = 'times';
      this._start = wardTimeOf(i.start);
      this._end = wardTimeOf(i.end);
    }
    this._roomId = s.location && 'roomId' in s.location ? s.location.roomId : '';
    this._place = s.location && 'text' in s.location ? s.location.text : '';
    this._chair = s.chair ?? '';
    this._participants = [...s.participants];
    this._units = [...s.participantUnits];
    this._preparing = s.preparingUnit ?? '';
    this._content = s.content ?? '';
    this._notes = s.notes ?? '';
    this._high = s.priority === 'high';
    this._links = [...s.links];
    this._keptFiles = [...(s.files ?? [])];
  }

  /** The calendars this person may write to. */
  private _targets(me: MeResponse): Target[] {
    const out: Target[] = [];
    if (isOffice(me) || isLeader(me)) out.push('leadership');
    if (me.spaces.some((s) => s.kind === 'org')) out.push('ward');
    for (const s of me.spaces) if (s.kind === 'unit') out.push(`unit:${s.id}`);
    if (me.spaces.some((s) => s.kind === 'personal')) out.push('personal');
    return out;
  }

  private _input(): EventInput {
    const target = this._target;
    const room = this._roomId;
    const place = this._place.trim();
    const leadership = target === 'leadership';
    // A room booking is on the ward's room board whatever the calendar: it lives in the org space.
    const visibility = leadership || target === 'ward' || room ? 'org' : target.startsWith('unit:') ? 'unit' : 'personal';
    return {
      title: this._title,
      ...(this._content.trim() ? { content: this._content } : {}),
      day: this._day,
      ...(this._mode === 'times' ? { startTime: this._start, endTime: this._end } : { slot: this._mode }),
      ...(room ? { location: { roomId: room } } : place ? { location: { text: place } } : {}),
      ...(this._chair ? { chair: this._chair } : {}),
      participants: this._participants,
      participantUnits: this._units,
      ...(this._preparing ? { preparingUnit: this._preparing } : {}),
      ...(this._notes.trim() ? { notes: this._notes } : {}),
      links: this._links,
      visibility,
      ...(visibility === 'unit' ? { unitId: target.slice(5) } : {}),
      leadership,
      priority: leadership && this._high ? 'high' : 'normal',
    };
  }

  private _clashes(input: EventInput): Clashes | null {
    if (validateEventInput(input).some((e) => ['day', 'slot', 'startTime', 'endTime'].includes(e.field))) return null;
    const subject = subjectOfInput(
      { ...input, when: whenOfInput(input), ...(this.eventId ? { id: this.eventId } : {}) },
      this._me?.name ?? '',
    );
    return findClashes(
      subject,
      this._rows.map((r) => r.state),
    );
  }

  private _changed(): void {
    setUnsaved(this._unsavedKey, true);
    if (this._submitted) this._errors = validateEventInput(this._input());
  }

  /** Applies a change of a field, then re-checks the form. */
  private _ch(apply: () => unknown): void {
    apply();
    this._changed();
  }

  private _err(field: string): string | undefined {
    const e = this._errors.find((x) => x.field === field || x.field.startsWith(`${field}.`));
    return e ? t(e.code, e.params) : undefined;
  }

  /** The fields an edit changes, as the `edited` step carries them. */
  private _changes(row: EventRow, input: EventInput): CalendarEventEdit {
    const s = row.state;
    const next: CalendarEventEdit = {
      title: input.title.trim(),
      content: input.content?.trim() || null,
      when: whenOfInput(input),
      location: input.location ?? null,
      chair: input.chair || null,
      participants: input.participants,
      participantUnits: input.participantUnits,
      preparingUnit: input.preparingUnit ?? null,
      notes: input.notes?.trim() || null,
      links: input.links ?? [],
      files: this._keptFiles.length ? this._keptFiles : null,
      priority: input.priority,
    };
    const out: CalendarEventEdit = {};
    const current = s as unknown as Record<string, unknown>;
    for (const f of EVENT_EDIT_FIELDS) {
      if (!(f in next)) continue;
      const value = next[f];
      if (JSON.stringify(current[f] ?? null) !== JSON.stringify(value ?? null)) (out as Record<string, unknown>)[f] = value;
    }
    return out;
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    const me = this._me;
    if (!me || this._busy) return;
    this._submitted = true;
    const input = this._input();
    this._errors = [...validateEventInput(input), ...(this.renderRoot.querySelector<DkFilePicker>('dk-file-picker')?.errors ?? [])];
    this._formError = formErrorText(this._errors, FIELDS, (x) => t(x.code, x.params), 'schedule.form.fixErrors');
    if (this._errors.length) {
      await this.updateComplete;
      await focusErrorField(this.renderRoot, this._errors[0]?.field);
      return;
    }
    this._busy = true;
    try {
      let id: string;
      if (this._editing) {
        const changes = this._changes(this._editing, input);
        if (Object.keys(changes).length === 0 && !this._files.length) {
          this._formError = t('schedule.form.nothingChanged');
          return;
        }
        await recordEventStep(me, this._editing, { kind: 'edited', changes, newFiles: this._files });
        id = this._editing.id;
      } else id = await createEvent(me, input, this._files);
      setUnsaved(this._unsavedKey, false);
      navigate(`/schedule/events/${encodeURIComponent(id)}`);
    } catch (err) {
      const f = saveFailure(err, 'schedule.error.storageFull', 'Saving a schedule entry');
      if ('fields' in f) {
        this._errors = f.fields;
        this._formError = formErrorText(f.fields, FIELDS, (x) => t(x.code, x.params), 'schedule.form.fixErrors');
      } else this._formError = f.message;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const me = this._me;
    if (!me) return nothing;
    if (this.eventId && this._editing === null) return html`<p role="alert">${t('schedule.notFound')}</p>`;
    const input = this._input();
    const clashes = this._clashes(input);
    const targets = this._targets(me);
    const dir = this._dir;
    const a = fieldAria('target', false);
    return html`<div class="column">
      <a class="back" href="/schedule">${icons.back}${t('schedule.back')}</a>
      <h1>${this.eventId ? t('schedule.form.editTitle') : t('schedule.form.newTitle')}</h1>
      <form novalidate @submit=${this._submit}>
        <div class="field">
          <label for="target">${t('schedule.form.target')}</label>
          <select
            id="target"
            name="target"
            ?disabled=${!!this.eventId}
            aria-describedby=${a.describedBy}
            @change=${(e: Event) => this._ch(() => (this._target = (e.target as HTMLSelectElement).value as Target))}
          >
            ${targets.map(
              (tg) =>
                html`<option value=${tg} ?selected=${tg === this._target}>
                  ${tg.startsWith('unit:') ? t('schedule.target.unit', { unit: dir.unitById.get(tg.slice(5))?.name ?? tg.slice(5) }) : t(`schedule.target.${tg}`)}
                </option>`,
            )}
          </select>
        </div>
        ${inputField('title', t('schedule.field.title'), this._title, this._err('title'), (v) => this._ch(() => (this._title = v)))}
        <div class="row">
          ${inputField('day', t('schedule.field.day'), this._day, this._err('day'), (v) => this._ch(() => (this._day = v)), { type: 'date' })}
          <div class="field">
            <label for="slot">${t('schedule.field.slot')}</label>
            <select
              id="slot"
              name="slot"
              @change=${(e: Event) => this._ch(() => (this._mode = (e.target as HTMLSelectElement).value as TimeMode))}
            >
              ${(['morning', 'afternoon', 'allDay', 'times'] as const).map(
                (m) => html`<option value=${m} ?selected=${m === this._mode}>${t(`schedule.mode.${m}`)}</option>`,
              )}
            </select>
            ${errorLine('slot', this._err('slot'))}
          </div>
          ${
            this._mode === 'times'
              ? html`${inputField(
                  'startTime',
                  t('schedule.field.startTime'),
                  this._start,
                  this._err('startTime'),
                  (v) => this._ch(() => (this._start = v)),
                  {
                    type: 'time',
                  },
                )}
                ${inputField('endTime', t('schedule.field.endTime'), this._end, this._err('endTime'), (v) => this._ch(() => (this._end = v)), { type: 'time' })}`
              : nothing
          }
        </div>
        <div class="row">
          <div class="field">
            <label for="room">${t('schedule.field.room')}</label>
            <select
              id="room"
              name="location"
              @change=${(e: Event) => this._ch(() => (this._roomId = (e.target as HTMLSelectElement).value))}
            >
              <option value="" ?selected=${!this._roomId}>${t('schedule.field.noRoom')}</option>
              ${dir.rooms.map(
                (r) =>
                  html`<option value=${r.roomId} ?selected=${r.roomId === this._roomId}>
                    ${r.name} (${t('schedule.room.seats', { n: r.capacity })})
                  </option>`,
              )}
            </select>
            ${errorLine('location', this._err('location'))}
          </div>
          ${
            this._roomId
              ? nothing
              : inputField('place', t('schedule.field.place'), this._place, undefined, (v) => this._ch(() => (this._place = v)), {
                  optional: true,
                })
          }
        </div>
        ${
          this._roomId && !this._target.startsWith('leadership') && this._target !== 'ward'
            ? html`<p class="note">${t('schedule.form.roomIsWardWide')}</p>`
            : nothing
        }
        <div class="field">
          <label for="chair">${t('schedule.field.chair')}</label>
          <select id="chair" name="chair" @change=${(e: Event) => this._ch(() => (this._chair = (e.target as HTMLSelectElement).value))}>
            <option value="" ?selected=${!this._chair}>${t('schedule.field.noChair')}</option>
            ${(this._target === 'leadership' ? leadersOf(dir) : dir.people.filter((p) => !p.disabled)).map(
              (p) => html`<option value=${p.name} ?selected=${p.name === this._chair}>${p.displayName}</option>`,
            )}
          </select>
          ${errorLine('chair', this._err('chair'))}
        </div>
        <dk-task-people-picker
          field="participants"
          .label=${t('schedule.field.participants')}
          .directory=${dir}
          .value=${this._participants}
          .errors=${this._errors}
          @dk-people-change=${(e: CustomEvent<{ value: string[] }>) => this._ch(() => (this._participants = e.detail.value))}
        ></dk-task-people-picker>
        <fieldset>
          <legend>${t('schedule.field.participantUnits')}</legend>
          <div class="units">
            ${dir.units.map(
              (u) =>
                html`<label
                  ><input
                    type="checkbox"
                    name="participantUnits"
                    .checked=${this._units.includes(u.unitId)}
                    @change=${(e: Event) =>
                      this._ch(
                        () =>
                          (this._units = (e.target as HTMLInputElement).checked
                            ? [...this._units, u.unitId]
                            : this._units.filter((x) => x !== u.unitId)),
                      )}
                  />${u.name}</label
                >`,
            )}
          </div>
        </fieldset>
        <div class="field">
          <label for="preparingUnit">${t('schedule.field.preparingUnit')} <span class="hint">${t('common.optional')}</span></label>
          <select
            id="preparingUnit"
            name="preparingUnit"
            @change=${(e: Event) => this._ch(() => (this._preparing = (e.target as HTMLSelectElement).value))}
          >
            <option value="" ?selected=${!this._preparing}>${t('schedule.field.noChair')}</option>
            ${dir.units.map((u) => html`<option value=${u.unitId} ?selected=${u.unitId === this._preparing}>${u.name}</option>`)}
          </select>
        </div>
        ${
          this._target === 'leadership'
            ? html`<label class="check"
                ><input
                  type="checkbox"
                  .checked=${this._high}
                  @change=${(e: Event) => this._ch(() => (this._high = (e.target as HTMLInputElement).checked))}
                />
                ${t('schedule.field.high')}</label
              >`
            : nothing
        }
        ${textAreaField('content', t('schedule.field.content'), this._content, this._err('content'), (v) => this._ch(() => (this._content = v)), { optional: true })}
        ${textAreaField('notes', t('schedule.field.notes'), this._notes, this._err('notes'), (v) => this._ch(() => (this._notes = v)), { optional: true, rows: 2 })}
        <fieldset>
          <legend>${t('schedule.field.links')}</legend>
          <dk-task-link-picker
            field="links"
            .documents=${this._documents}
            .tasks=${this._tasks}
            .value=${this._links}
            .errors=${this._errors}
            @dk-links-change=${(e: CustomEvent<{ value: PickerLink[] }>) =>
              // With tasks to offer, the picker gives documents and tasks: the kinds of a schedule link.
              this._ch(() => (this._links = e.detail.value as ScheduleLink[]))}
          ></dk-task-link-picker>
        </fieldset>
        <fieldset class="files">
          <legend>${t('schedule.field.files')}</legend>
          ${
            this._keptFiles.length
              ? html`<ul class="kept" aria-label=${t('schedule.form.keptFiles')}>
                  ${this._keptFiles.map(
                    (f) =>
                      html`<li data-file=${f.fileId}>
                        ${icons.paperclip}<span class="name" dir="auto">${f.name}</span>
                        <span class="hint">${formatBytes(f.size)}</span>
                        <button
                          type="button"
                          class="btn ghost"
                          aria-label=${t('schedule.form.dropFile', { name: f.name })}
                          @click=${() => this._ch(() => (this._keptFiles = this._keptFiles.filter((x) => x.fileId !== f.fileId)))}
                        >
                          ${icons.close}
                        </button>
                      </li>`,
                  )}
                </ul>`
              : nothing
          }
          <dk-file-picker
            name="attachments"
            optional
            .label=${t('schedule.form.addFiles')}
            .files=${this._files}
            @dk-files-change=${(e: CustomEvent<{ files: File[] }>) => this._ch(() => (this._files = e.detail.files))}
          ></dk-file-picker>
        </fieldset>
        ${clashes && (clashes.rooms.length || clashes.people.length) ? this._renderClashes(clashes) : nothing}
        <p class="note">${t('schedule.form.offlineNote')}</p>
        <div class="banner danger form-error" role="alert" tabindex="-1">${this._formError}</div>
        <div class="actions">
          <a class="btn" href=${this.eventId ? `/schedule/events/${encodeURIComponent(this.eventId)}` : '/schedule'}
            >${t('common.cancel')}</a
          >
          <button class="btn primary" ?disabled=${this._busy}>
            ${this.eventId ? t('schedule.form.saveEdit') : t('schedule.form.save')}
          </button>
        </div>
      </form>
    </div>`;
  }

  private _renderClashes(c: Clashes) {
    const dir = this._dir;
    return html`<div class="banner warning clashes" role="status" data-clashes=${c.rooms.length + c.people.length}>
      ${icons.warning}
      <div>
        <strong>${t('schedule.form.clashTitle')}</strong>
        <ul>
          ${c.rooms.map(
            (r) =>
              html`<li>
                ${r.bumped ? t('schedule.form.clashBump', { title: r.title }) : t('schedule.form.clashRoom', { title: r.title })}
                (${whenText({ start: new Date(r.interval.start).toISOString(), end: new Date(r.interval.end).toISOString() })})
              </li>`,
          )}
          ${c.people.map((p) => html`<li>${t('schedule.form.clashPerson', { person: displayNameOf(dir, p.person), title: p.title })}</li>`)}
        </ul>
        <span class="hint">${t('schedule.form.clashHint')}</span>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-event-form': DkEventForm;
  }
}
