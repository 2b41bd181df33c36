import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import { type Directory, displayNameOf, loadDirectory, unitNameOf } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import {
  type EventRow,
  type EventStepInput,
  filesOfEvent,
  historyOf,
  loadSchedule,
  recordEventStep,
  subscribeSchedule,
} from '../../data/schedule.ts';
import { LocaleController, formatDateTime, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { type OfflineClash } from '../../model/schedule/clash.ts';
import { attendeesOf, refusal } from '../../model/schedule/state.ts';
import type { CalendarEventEvent, CalendarEventEventKind } from '../../model/schedule/types.ts';
import { saveFailure } from '../../ui/forms/form-errors.ts';
import { icons } from '../../ui/icons.ts';
import { pageColumnStyles } from '../../ui/page-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { fieldValueText, locationText, roomNameOf, whenText } from './labels.ts';
import '../messages/dk-thread.ts';
import '../tasks/dk-task-files.ts';
import './messages.ts';

interface DetailData {
  row: EventRow | null;
  dir: Directory;
  clashes: OfflineClash[];
  titles: Map<string, string>;
}

/** The form a step asks for before it is recorded. */
type Asking = 'cancelled' | 'declined' | 'delegated' | null;

/**
 * One schedule entry (`/schedule/events/<id>`): when, where, who; what changed after publication (each field
 * with its value as published); the invitation answers; its history. The organiser edits or cancels it (with a
 * reason; it stays, struck through), invitees accept, decline with a reason or send someone in their place, a
 * leader approves an entry added after the week's lock time.
 */
@customElement('dk-event-detail')
export class DkEventDetail extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--dk-space-2) var(--dk-space-4);
      }
      dt {
        color: var(--dk-color-text-muted);
      }
      dd {
        margin: 0;
      }
      .cancelled h1 {
        text-decoration: line-through;
      }
      .was {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
        margin-block: var(--dk-space-4);
      }
      .ask {
        display: grid;
        gap: var(--dk-space-2);
        max-inline-size: 32rem;
      }
      ul.links {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-1);
      }
      ul.links a,
      ul.links span[dir] {
        overflow-wrap: anywhere;
      }
      ol.history {
        padding-inline-start: var(--dk-space-5);
      }
      @media (max-width: 599px) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
        dd {
          margin-block-end: var(--dk-space-2);
        }
      }
    `,
  ];

  @property() eventId = '';

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _asking: Asking = null;
  @state() private _note = '';
  @state() private _delegate = '';
  /** Answering for an invited unit (its members answer who goes). */
  @state() private _forUnit?: string;
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _announce = '';

  protected readonly _locale = new LocaleController(this);

  private readonly _query = new LiveQueryController<DetailData>(
    this,
    async () => {
      const me = this._me;
      if (!me) throw new Error('Not signed in');
      const [schedule, dir] = await Promise.all([loadSchedule(me), loadDirectory(me)]);
      return {
        row: schedule.rows.find((r) => r.id === this.eventId) ?? null,
        dir,
        clashes: schedule.clashes.filter((c) => c.eventIds.includes(this.eventId)),
        titles: new Map(schedule.rows.map((r) => [r.id, r.state.title])),
      };
    },
    (cb) => (this._me ? subscribeSchedule(this._me, cb) : () => {}),
  );

  private _last?: string;
  override willUpdate(): void {
    const key = `${this._me?.name}|${this.eventId}`;
    if (this._last !== undefined && key !== this._last) this._query.refresh();
    this._last = key;
  }

  /** Whether `me` may take step `kind` now (the same rule the server applies). */
  private _may(row: EventRow, kind: CalendarEventEventKind, extra: Partial<CalendarEventEvent> = {}): boolean {
    const me = this._me!;
    const probe = {
      _id: 'calendarEventEvent:probe',
      type: 'calendarEventEvent',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: me.name,
      calendarEventId: row.id,
      kind,
      actorName: me.displayName,
      actorRoles: me.roles,
      note: 'x',
      delegate: '\u0000',
      ...extra,
    } as CalendarEventEvent;
    return refusal(row.state, probe) === null;
  }

  private async _step(row: EventRow, input: EventStepInput): Promise<void> {
    const me = this._me;
    if (!me || this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      await recordEventStep(me, row, input);
      this._asking = null;
      this._note = '';
      this._delegate = '';
      this._forUnit = undefined;
      this._announce = t(`schedule.step.done.${input.kind}`);
      this._query.refresh();
    } catch (err) {
      const f = saveFailure(err, 'schedule.error.storageFull', 'A schedule step');
      this._error = 'fields' in f ? f.fields.map((e) => t(e.code)).join(' ') : f.message;
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const data = this._query.value;
    const me = this._me;
    if (!data || !me) return html`<p role="status">${t('schedule.loading')}</p>`;
    const { row, dir } = data;
    if (!row) {
      return html`<div class="column">
        <a class="back" href="/schedule">${icons.back}${t('schedule.back')}</a>
        <p role="alert">${t('schedule.notFound')}</p>
      </div>`;
    }
    const s = row.state;
    const mark = (field: 'when' | 'location' | 'chair' | 'title' | 'participants' | 'content' | 'notes') => {
      const m = s.marks[field];
      return m
        ? html`<div class="was" data-mark=${field}>
            ${t('schedule.mark.changedFrom', { value: fieldValueText(dir, field, m.previous), by: m.byName, at: formatDateTime(m.at) })}
          </div>`
        : nothing;
    };
    const answers = [...s.answers.entries()];
    return html`<div class="column ${s.cancelled ? 'cancelled' : ''}">
      <div class="visually-hidden" role="status" aria-live="polite">${this._announce}</div>
      <a class="back" href=${row.week ? `/schedule?week=${row.week}&cal=leadership` : '/schedule?cal=mine'}
        >${icons.back}${t('schedule.back')}</a
      >
      <h1>${s.title}</h1>
      ${mark('title')}
      ${
        s.cancelled
          ? html`<div class="banner danger" role="status">${t('schedule.cancelledBanner', { reason: s.cancelReason ?? '' })}</div>`
          : nothing
      }
      ${Object.keys(s.marks).length && !s.cancelled ? html`<div class="banner warning" role="status">${t('schedule.changedBanner')}</div>` : nothing}
      ${
        data.clashes.length
          ? html`<div class="banner warning" role="alert">
              ${icons.warning}
              <span
                >${data.clashes.map((c) =>
                  t('schedule.detail.clash', {
                    room: roomNameOf(dir, c.roomId),
                    other: data.titles.get(c.eventIds.find((id) => id !== row.id) ?? '') ?? '',
                  }),
                )}</span
              >
            </div>`
          : nothing
      }
      ${s.approval === 'pending' ? html`<div class="banner warning" role="status">${t('schedule.needsApprovalBanner')}</div>` : nothing}
      ${row.pending ? html`<p class="note">${t('schedule.notSyncedNote')}</p>` : nothing}
      <dl>
        <dt>${t('schedule.field.when')}</dt>
        <dd>${whenText(s.when)}${mark('when')}</dd>
        <dt>${t('schedule.col.location')}</dt>
        <dd>${locationText(dir, s.location) || '—'}${mark('location')}</dd>
        <dt>${t('schedule.col.chair')}</dt>
        <dd>${s.chair ? displayNameOf(dir, s.chair) : '—'}${mark('chair')}</dd>
        <dt>${t('schedule.col.participants')}</dt>
        <dd>
          ${[...s.participantUnits.map((u) => unitNameOf(dir, u)), ...s.participants.map((p) => displayNameOf(dir, p))].join(', ') || '—'}${mark('participants')}
        </dd>
        ${
          s.preparingUnit
            ? html`<dt>${t('schedule.field.preparingUnit')}</dt>
                <dd>${unitNameOf(dir, s.preparingUnit)}</dd>`
            : nothing
        }
        ${
          s.content
            ? html`<dt>${t('schedule.field.content')}</dt>
                <dd dir="auto">${s.content}${mark('content')}</dd>`
            : nothing
        }
        ${
          s.notes
            ? html`<dt>${t('schedule.field.notes')}</dt>
                <dd dir="auto">${s.notes}${mark('notes')}</dd>`
            : nothing
        }
        ${
          s.links.length
            ? html`<dt>${t('schedule.field.links')}</dt>
                <dd>
                  <ul class="links">
                    ${s.links.map((l) => {
                      const href = l.id ? `/${l.kind === 'document' ? 'documents' : 'tasks'}/${encodeURIComponent(l.id)}` : '';
                      return html`<li data-link=${l.id ?? l.label}>
                        <span class="chip info">${t(`schedule.link.${l.kind}`)}</span>
                        ${href ? html`<a href=${href} dir="auto">${l.label}</a>` : html`<span dir="auto">${l.label}</span>`}
                      </li>`;
                    })}
                  </ul>
                </dd>`
            : nothing
        }
        <dt>${t('schedule.field.calendar')}</dt>
        <dd>${s.event.leadership ? t('schedule.cal.leadership') : t(`schedule.visibility.${s.visibility}`)}</dd>
        <dt>${t('schedule.field.createdBy')}</dt>
        <dd>${s.event.actorName} · ${formatDateTime(s.event.createdAt)}</dd>
      </dl>
      ${
        s.files?.length
          ? html`<h2>${t('schedule.field.files')}</h2>
              <dk-task-files .me=${me} .row=${{ heldIn: row.heldIn }} .files=${filesOfEvent(row)} .directory=${dir}></dk-task-files>`
          : nothing
      }
      ${this._renderActions(row)} ${this._error ? html`<div class="banner danger" role="alert">${this._error}</div>` : nothing}
      ${
        answers.length
          ? html`<h2>${t('schedule.answers')}</h2>
              <ul>
                ${answers.map(
                  ([who, a]) =>
                    html`<li>
                      ${displayNameOf(dir, who)}:
                      ${t(`schedule.answer.${a.answer}`)}${a.delegate ? ` → ${displayNameOf(dir, a.delegate)}` : ''}${
                        a.reason ? ` (${a.reason})` : ''
                      }
                    </li>`,
                )}
              </ul>
              <p class="note">
                ${t('schedule.attendees', {
                  names:
                    attendeesOf(s)
                      .map((n) => displayNameOf(dir, n))
                      .join(', ') || '—',
                })}
              </p>`
          : nothing
      }
      ${
        s.events.length
          ? html`<h2>${t('schedule.history')}</h2>
              <ol class="history">
                ${historyOf(row).map(
                  (e) =>
                    html`<li>
                      ${formatDateTime(e.createdAt)} · ${e.actorName}: ${t(`schedule.step.${e.kind}`)}${e.note ? ` — ${e.note}` : ''}
                      ${s.ignored.some((i) => i.eventId === e._id) ? html`<em>(${t('schedule.step.ignored')})</em>` : nothing}
                    </li>`,
                )}
              </ol>`
          : nothing
      }
      <dk-thread
        .space=${row.heldIn[0]}
        .parentId=${row.id}
        .people=${[...new Set([s.event.createdBy, ...(s.chair ? [s.chair] : []), ...s.participants])]}
      ></dk-thread>
    </div>`;
  }

  private _renderActions(row: EventRow) {
    const s = row.state;
    const me = this._me!;
    const canEdit = this._may(row, 'edited');
    const canCancel = this._may(row, 'cancelled');
    const canAnswer = this._may(row, 'accepted');
    const canApprove = this._may(row, 'approved');
    const mine = s.answers.get(me.name);
    const dir = this._query.value!.dir;
    // Units invited as a whole that I belong to: I may answer for my unit (I go, or I name who goes).
    const unitInvites = s.cancelled || canAnswer ? [] : s.participantUnits.filter((u) => me.units.includes(u));
    if (this._asking) return this._renderAsk(row);
    return html`<div class="actions">
      ${canEdit ? html`<a class="btn" href=${`/schedule/events/${encodeURIComponent(row.id)}/edit`}>${t('schedule.action.edit')}</a>` : nothing}
      ${canCancel ? html`<button class="btn" @click=${() => (this._asking = 'cancelled')}>${t('schedule.action.cancel')}</button>` : nothing}
      ${canApprove ? html`<button class="btn primary" ?disabled=${this._busy} @click=${() => this._step(row, { kind: 'approved' })}>${t('schedule.action.approve')}</button>` : nothing}
      ${
        canAnswer
          ? html`${mine ? html`<span class="note">${t('schedule.yourAnswer', { answer: t(`schedule.answer.${mine.answer}`) })}</span>` : nothing}
              <button class="btn" ?disabled=${this._busy} @click=${() => this._step(row, { kind: 'accepted' })}>
                ${t('schedule.action.accept')}
              </button>
              <button class="btn" @click=${() => (this._asking = 'declined')}>${t('schedule.action.decline')}</button>
              <button class="btn" @click=${() => (this._asking = 'delegated')}>${t('schedule.action.delegate')}</button>`
          : nothing
      }
      ${unitInvites.map((u) => {
        const answered = [...s.answers.values()].find((a) => a.forUnit === u);
        return html`<span class="note"
            >${t('schedule.unitInvited', { unit: unitNameOf(dir, u) })}${answered ? ` (${t(`schedule.answer.${answered.answer}`)})` : ''}</span
          >
          <button class="btn" ?disabled=${this._busy} @click=${() => this._step(row, { kind: 'accepted', forUnit: u })}>
            ${t('schedule.action.unitAttend')}
          </button>
          <button
            class="btn"
            @click=${() => {
              this._forUnit = u;
              this._asking = 'delegated';
            }}
          >
            ${t('schedule.action.unitDelegate')}
          </button>`;
      })}
    </div>`;
  }

  private _renderAsk(row: EventRow) {
    const kind = this._asking!;
    const dir = this._query.value!.dir;
    const submit = (e: Event) => {
      e.preventDefault();
      if (kind !== 'delegated' && !this._note.trim()) {
        this._error = t('schedule.rule.reasonRequired');
        return;
      }
      if (kind === 'delegated' && !this._delegate) {
        this._error = t('schedule.rule.delegateRequired');
        return;
      }
      void this._step(row, {
        kind,
        ...(this._note.trim() ? { note: this._note } : {}),
        ...(kind === 'delegated' ? { delegate: this._delegate } : {}),
        ...(this._forUnit ? { forUnit: this._forUnit } : {}),
      });
    };
    return html`<form class="ask" @submit=${submit}>
      ${
        kind === 'delegated'
          ? html`<label for="delegate">${t('schedule.ask.delegate')}</label>
              <select id="delegate" name="delegate" @change=${(e: Event) => (this._delegate = (e.target as HTMLSelectElement).value)}>
                <option value="">—</option>
                ${dir.people
                  .filter((p) => !p.disabled && p.name !== this._me?.name)
                  .map((p) => html`<option value=${p.name} ?selected=${p.name === this._delegate}>${p.displayName}</option>`)}
              </select>`
          : nothing
      }
      <label for="note">${kind === 'delegated' ? t('schedule.ask.noteOptional') : t(`schedule.ask.reason.${kind}`)}</label>
      <textarea
        id="note"
        name="note"
        dir="auto"
        rows="2"
        .value=${this._note}
        @input=${(e: Event) => (this._note = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <div class="actions">
        <button type="button" class="btn" @click=${() => ((this._asking = null), (this._error = ''), (this._forUnit = undefined))}>
          ${t('common.cancel')}
        </button>
        <button class="btn primary" ?disabled=${this._busy}>${t(`schedule.action.confirm.${kind}`)}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-event-detail': DkEventDetail;
  }
}
