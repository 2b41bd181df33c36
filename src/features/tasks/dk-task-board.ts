import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { type TaskRow, listTasks, recordTaskEvent, subscribeTasks, taskActorOf } from '../../data/tasks.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory, subscribeDirectory } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import type { TaskEventInput } from '../../model/tasks/rules.ts';
import type { TaskStatus } from '../../model/tasks/types.ts';
import { hasRole } from '../../model/roles.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { pageColumnStyles, pageHeadStyles, smallBackLinkStyles } from '../../ui/page-styles.ts';
import { documentChipStyles } from '../documents/chip-styles.ts';
import { fieldErrorsOf } from '../documents/form-errors.ts';
import { taskStatusLabel } from './labels.ts';
import { BOARD_COLUMNS, NEEDS_REASON, allowedTargets, checkMove, moveInput } from './board-moves.ts';
import { canAssign } from './dk-task-list-page.ts';
import { taskCard, taskCardStyles } from './task-card.ts';
import { compareOpen, taskQueryString } from './task-query.ts';
import { taskPartStyles } from './task-row-parts.ts';
import './messages-lists.ts';

/** Closed columns show the most recently closed cards only; the list shows them all. */
const CLOSED_SHOWN = 20;

/** A refusal's reason: the board's own wording for the common rule codes, else the rules' message, else generic. */
function reasonText(key: string): string {
  if (key.startsWith('task.rule.')) {
    const own = `lists.board.reason.${key.slice('task.rule.'.length)}`;
    if (t(own) !== own) return t(own);
    return t(key) !== key ? t(key) : t('lists.board.reason.generic');
  }
  return t(key);
}

/** Writes a step; tests replace it to watch what the board writes. */
export type RecordStep = (me: MeResponse, taskId: string, input: TaskEventInput) => Promise<unknown>;

/**
 * The unit board (`/tasks/board?unit=<id>`): the unit's tasks in columns by status. A card moves to another column
 * by dragging it there or with its "Move to" select (which offers only the columns the rules allow); each move
 * writes the column's event (start = a progress note, awaiting review = submitted, done = accepted, returned =
 * returned with a reason asked in a dialog). A refused drop leaves the card where it was and says why. Arrow keys
 * move focus between cards; a live region announces every move.
 */
@customElement('dk-task-board')
export class DkTaskBoard extends LitElement {
  static override styles = [
    sharedStyles,
    documentChipStyles,
    taskPartStyles,
    taskCardStyles,
    pageColumnStyles,
    pageHeadStyles,
    smallBackLinkStyles,
    css`
      .controls {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--dk-space-3);
      }
      .controls .field {
        min-inline-size: min(100%, 16rem);
      }
      .help {
        margin: 0;
      }
      .columns {
        /* The board scrolls sideways inside the page (phones, many columns), never widening it. */
        display: grid;
        grid-auto-flow: column;
        grid-auto-columns: minmax(11.5rem, 1fr);
        gap: var(--dk-space-2);
        overflow-x: auto;
        scroll-snap-type: x proximity;
        padding-block-end: var(--dk-space-2);
        scrollbar-width: thin;
        /* Keeps the visually hidden texts (absolutely positioned) inside the scroller, not past the page's edge. */
        position: relative;
      }
      @media (max-width: 599px) {
        .columns {
          grid-auto-columns: 82%;
        }
      }
      .col {
        display: flex;
        flex-direction: column;
        gap: var(--dk-space-2);
        min-inline-size: 0;
        padding: var(--dk-space-2);
        background: var(--dk-color-surface-muted);
        border: 2px solid transparent;
        border-radius: var(--dk-radius-lg);
        scroll-snap-align: start;
      }
      .col.drop-ok {
        border-color: var(--dk-color-primary);
        border-style: dashed;
      }
      .col.drop-no {
        border-color: var(--dk-color-danger);
        border-style: dashed;
      }
      .col h2 {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-2);
        margin: 0;
        padding: var(--dk-space-1) var(--dk-space-2);
        font-size: var(--dk-font-size-md);
      }
      .col h2 .n {
        padding-inline: 6px;
        border-radius: 999px;
        background: var(--dk-color-surface);
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-xs);
        line-height: 1.5rem;
        min-inline-size: 1.5rem;
        text-align: center;
      }
      .col ul {
        display: grid;
        gap: var(--dk-space-2);
        margin: 0;
        padding: 0;
      }
      .col .empty {
        margin: 0;
        padding: var(--dk-space-3);
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        text-align: center;
      }
      .col .all {
        font-size: var(--dk-font-size-sm);
        padding-inline: var(--dk-space-2);
      }
      .message {
        margin: 0;
      }
      dialog form {
        display: grid;
        gap: var(--dk-space-3);
        padding: var(--dk-space-4);
      }
      dialog h2 {
        font-size: var(--dk-font-size-lg);
      }
      dialog .buttons {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: var(--dk-space-2);
      }
    `,
  ];

  /** The URL's query string (`unit=<id>`). */
  @property() search = '';
  /** Writes the move's event (the data layer's, unless a test replaces it). */
  @property({ attribute: false }) record: RecordStep = recordTaskEvent;

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _showCancelled = false;
  @state() private _dragId?: string;
  @state() private _over?: TaskStatus;
  /** The last move's outcome: polite for moves, assertive for refusals. */
  @state() private _message?: { text: string; tone: 'ok' | 'bad' };
  /** The card waiting for a reason before it is returned. */
  @state() private _returning?: TaskRow;
  @state() private _reasonError = false;

  @query('dialog') private _dialog?: HTMLDialogElement;
  @query('#reason') private _reason?: HTMLTextAreaElement;

  protected readonly _locale = new LocaleController(this);
  /** A card to focus once it shows in its new column. */
  private _focusAfter?: { id: string; column: TaskStatus };

  private readonly _rows = new LiveQueryController<TaskRow[]>(
    this,
    async () => (this._me ? listTasks(this._me) : []),
    (cb) => (this._me ? subscribeTasks(this._me, cb) : () => {}),
  );

  private readonly _dir = new LiveQueryController<Directory>(
    this,
    async () => (this._me ? loadDirectory(this._me) : emptyDirectory()),
    (cb) => (this._me ? subscribeDirectory(this._me, cb) : () => {}),
  );

  private _lastMe?: string;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('_me') && this._me?.name !== this._lastMe) {
      const first = this._lastMe === undefined;
      this._lastMe = this._me?.name;
      if (!first) {
        this._rows.refresh();
        this._dir.refresh();
      }
    }
  }

  override updated(): void {
    // After a move, focus follows the card into its new column once the refreshed rows put it there.
    const after = this._focusAfter;
    if (!after) return;
    const link = this.renderRoot.querySelector<HTMLElement>(
      `.col[data-col="${after.column}"] .card[data-id="${CSS.escape(after.id)}"] .title`,
    );
    if (link) {
      this._focusAfter = undefined;
      link.focus();
    }
  }

  /** Units whose board this person may open: every unit for leaders and clerks, else their own. */
  private _units(dir: Directory): { unitId: string; name: string }[] {
    const me = this._me!;
    const all = hasRole(me, 'leader') || hasRole(me, 'clerk');
    const units = all ? dir.units : dir.units.filter((u) => me.units.includes(u.unitId));
    // The directory may not be on the device yet: the person's own units still have a board.
    if (units.length === 0) {
      return me.units.map((id) => ({ unitId: id, name: me.spaces.find((s) => s.kind === 'unit' && s.id === id)?.title ?? id }));
    }
    return units;
  }

  private _unit(dir: Directory): string | undefined {
    const wanted = new URLSearchParams(this.search).get('unit') ?? undefined;
    const units = this._units(dir);
    return (
      units.find((u) => u.unitId === wanted)?.unitId ?? (this._me!.units.find((u) => units.some((x) => x.unitId === u)) || units[0]?.unitId)
    );
  }

  private _say(text: string, tone: 'ok' | 'bad'): void {
    this._message = { text, tone };
  }

  /** Moves a card (drop or select). Refusals say why; a return asks its reason first. */
  async move(row: TaskRow, target: TaskStatus, note?: string): Promise<void> {
    const me = this._me;
    if (!me || target === row.state.status) return;
    const column = taskStatusLabel(target);
    const check = checkMove(row.state, target, taskActorOf(me));
    if (!check.ok) {
      this._say(t('lists.board.refused', { title: row.state.title, column, reason: reasonText(check.reason) }), 'bad');
      return;
    }
    if (NEEDS_REASON.has(target) && note === undefined) {
      this._returning = row;
      this._reasonError = false;
      await this.updateComplete;
      if (this._reason) this._reason.value = '';
      this._dialog?.showModal();
      return;
    }
    try {
      await this.record(me, row.id, moveInput(target, note ?? t('lists.board.startNote')));
      this._say(t('lists.board.moved', { title: row.state.title, column }), 'ok');
      this._focusAfter = { id: row.id, column: target };
      this._rows.refresh();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      const reason = fields?.[0] ? reasonText(fields[0].code) : err instanceof Error ? err.message : String(err);
      this._say(t('lists.board.failed', { reason }), 'bad');
    }
  }

  private _submitReturn(e: Event): void {
    e.preventDefault();
    const row = this._returning;
    const reason = this._reason?.value.trim() ?? '';
    if (!reason) {
      this._reasonError = true;
      this._reason?.focus();
      return;
    }
    this._dialog?.close();
    this._returning = undefined;
    void this.move(row!, 'returned', reason);
  }

  private _cancelReturn(): void {
    const id = this._returning?.id;
    this._dialog?.close();
    this._returning = undefined;
    if (id) this.renderRoot.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(id)}"] .title`)?.focus();
  }

  /** Arrow keys on a card's title: up/down within the column, left/right (mirrored in RTL) to the next column. */
  private _onKey(e: KeyboardEvent): void {
    const link = e.composedPath()[0] as HTMLElement;
    if (!link.classList?.contains('title')) return;
    const card = link.closest<HTMLElement>('.card');
    const col = card?.closest<HTMLElement>('.col');
    if (!card || !col) return;
    const cards = (c: Element) => [...c.querySelectorAll<HTMLElement>('.card .title')];
    const cols = [...this.renderRoot.querySelectorAll<HTMLElement>('.col')];
    const inCol = cards(col);
    const i = inCol.indexOf(link);
    const rtl = getComputedStyle(this).direction === 'rtl';
    let target: HTMLElement | undefined;
    if (e.key === 'ArrowDown') target = inCol[i + 1];
    else if (e.key === 'ArrowUp') target = inCol[i - 1];
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const step = (e.key === 'ArrowRight') !== rtl ? 1 : -1;
      for (let c = cols.indexOf(col) + step; c >= 0 && c < cols.length && !target; c += step) {
        const list = cards(cols[c]!);
        target = list[Math.min(i, list.length - 1)];
      }
    } else if (e.key === 'Home') target = inCol[0];
    else if (e.key === 'End') target = inCol.at(-1);
    else return;
    e.preventDefault();
    target?.focus();
  }

  private _dragRow(): TaskRow | undefined {
    return this._dragId ? this._rows.value?.find((r) => r.id === this._dragId) : undefined;
  }

  private _onDragOver(e: DragEvent, column: TaskStatus): void {
    const row = this._dragRow();
    if (!row || column === row.state.status) return;
    // Every other column takes the drop, so a refused one can say why; the outline tells them apart beforehand.
    e.preventDefault();
    const ok = checkMove(row.state, column, taskActorOf(this._me!)).ok;
    if (e.dataTransfer) e.dataTransfer.dropEffect = ok ? 'move' : 'none';
    this._over = column;
  }

  private _onDrop(e: DragEvent, column: TaskStatus): void {
    e.preventDefault();
    const row = this._dragRow();
    this._dragId = undefined;
    this._over = undefined;
    if (row) void this.move(row, column);
  }

  override render() {
    const me = this._me;
    if (!me) return nothing;
    const dir = this._dir.value ?? emptyDirectory();
    const units = this._units(dir);
    const unit = this._unit(dir);
    return html`<div class="head">
        <div>
          <a class="back" href="/tasks">${icons.back}${t('lists.title')}</a>
          <h1>${t('lists.board.title')}</h1>
        </div>
        ${canAssign(me) ? html`<a class="btn primary" href="/tasks/new">${icons.plus}${t('lists.action.assign')}</a>` : nothing}
      </div>
      ${
        units.length === 0 || !unit
          ? html`<div class="banner info">${icons.info}<span>${t('lists.board.noUnit')}</span></div>`
          : html`<div class="controls">
                <div class="field">
                  <label for="unit">${t('lists.board.unit')}</label>
                  <select
                    id="unit"
                    @change=${(e: Event) => navigate(`/tasks/board?unit=${encodeURIComponent((e.target as HTMLSelectElement).value)}`, { replace: true })}
                  >
                    ${units.map((u) => html`<option value=${u.unitId} ?selected=${u.unitId === unit}>${u.name}</option>`)}
                  </select>
                </div>
                <div class="check">
                  <input
                    id="cancelled"
                    type="checkbox"
                    .checked=${this._showCancelled}
                    @change=${(e: Event) => (this._showCancelled = (e.target as HTMLInputElement).checked)}
                  />
                  <label for="cancelled">${t('lists.board.showCancelled')}</label>
                </div>
              </div>
              <p class="hint help">${t('lists.board.help')}</p>
              ${this._renderMessage()} ${this._renderColumns(unit, dir)}`
      }
      ${this._renderDialog()}`;
  }

  private _renderMessage() {
    // Always in the DOM, so screen readers hear every change; refusals are also visible in red.
    const m = this._message;
    return html`<div class="message" role="status" aria-live="polite">
      ${m ? html`<div class="banner ${m.tone === 'bad' ? 'danger' : 'info'}">${m.tone === 'bad' ? icons.warning : icons.info}<span>${m.text}</span></div>` : nothing}
    </div>`;
  }

  private _renderColumns(unit: string, dir: Directory) {
    const rows = this._rows.value;
    if (!rows)
      return html`<div role="status" aria-label=${t('common.loading')}>
        <span class="skeleton" style="display:block;block-size:12rem"></span>
      </div>`;
    const mine = rows.filter((r) => r.task.unitId === unit);
    const actor = taskActorOf(this._me!);
    const columns = BOARD_COLUMNS.filter((c) => c !== 'cancelled' || this._showCancelled);
    const byStatus = new Map<TaskStatus, TaskRow[]>(columns.map((c) => [c, []]));
    for (const r of mine) byStatus.get(r.state.status)?.push(r);
    const dragging = this._dragRow();
    const personName = (n: string) => displayNameOf(dir, n);
    return html`${mine.length === 0 ? html`<p class="banner info">${icons.info}<span>${t('lists.board.emptyUnit')}</span></p>` : nothing}
      <div class="columns" role="region" tabindex="0" aria-label=${t('lists.board.columns')} @keydown=${this._onKey}>
        ${columns.map((c) => {
          const closed = c === 'done' || c === 'cancelled';
          const all = byStatus.get(c)!;
          const list = closed
            ? all
                .sort((a, b) => ((a.state.doneAt ?? a.state.cancelledAt ?? '') < (b.state.doneAt ?? b.state.cancelledAt ?? '') ? 1 : -1))
                .slice(0, CLOSED_SHOWN)
            : all.sort(compareOpen);
          const drop =
            dragging && this._over === c && c !== dragging.state.status
              ? checkMove(dragging.state, c, actor).ok
                ? 'drop-ok'
                : 'drop-no'
              : '';
          return html`<section
            class="col ${drop}"
            data-col=${c}
            aria-labelledby=${`h-${c}`}
            @dragover=${(e: DragEvent) => this._onDragOver(e, c)}
            @dragleave=${() => this._over === c && (this._over = undefined)}
            @drop=${(e: DragEvent) => this._onDrop(e, c)}
          >
            <h2 id=${`h-${c}`}>
              <span>${taskStatusLabel(c)}</span>
              <span class="n"
                ><span aria-hidden="true">${formatNumber(all.length)}</span
                ><span class="visually-hidden">${t('lists.board.count', { count: all.length })}</span></span
              >
            </h2>
            ${
              list.length
                ? html`<ul>
                    ${repeat(
                      list,
                      (r) => r.id,
                      (r) =>
                        taskCard(r, {
                          targets: allowedTargets(r.state, actor),
                          personName,
                          onMove: (row, target) => void this.move(row as TaskRow, target),
                          onDragStart: (row, e) => {
                            this._dragId = row.id;
                            e.dataTransfer?.setData('text/plain', row.id);
                            if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
                          },
                          onDragEnd: () => {
                            this._dragId = undefined;
                            this._over = undefined;
                          },
                        }),
                    )}
                  </ul>`
                : html`<p class="empty">${t('lists.board.emptyColumn')}</p>`
            }
            ${
              all.length > list.length
                ? html`<a class="all" href=${`/tasks?${taskQueryString({ view: 'all', filters: { unit, status: c } })}`}
                    >${t('lists.shown', { shown: list.length, total: all.length })}</a
                  >`
                : nothing
            }
          </section>`;
        })}
      </div>`;
  }

  private _renderDialog() {
    const row = this._returning;
    return html`<dialog aria-labelledby="return-title" @cancel=${(e: Event) => (e.preventDefault(), this._cancelReturn())}>
      <form @submit=${this._submitReturn} novalidate>
        <h2 id="return-title">${t('lists.board.return.title')}</h2>
        ${row ? html`<p dir="auto">${row.state.title}</p>` : nothing}
        <div class="field">
          <label for="reason">${t('lists.board.return.reason')}</label>
          <textarea
            id="reason"
            aria-describedby="reason-hint ${this._reasonError ? 'reason-error' : ''}"
            aria-invalid=${this._reasonError ? 'true' : 'false'}
          ></textarea>
          <span class="hint" id="reason-hint">${t('lists.board.return.hint')}</span>
          ${this._reasonError ? html`<p class="error" id="reason-error">${t('error.required')}</p>` : nothing}
        </div>
        <div class="buttons">
          <button type="button" class="btn" @click=${this._cancelReturn}>${t('common.cancel')}</button>
          <button type="submit" class="btn primary">${t('lists.board.return.submit')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-board': DkTaskBoard;
  }
}
