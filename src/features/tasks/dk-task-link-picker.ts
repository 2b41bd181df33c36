import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { DocumentRow } from '../../data/documents.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { icons } from '../../ui/icons.ts';
import { pickerStyles } from '../../ui/forms/picker-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { kindLabel } from '../documents/labels.ts';
import { errorText } from '../documents/form-errors.ts';
import { fold } from './dk-task-people-picker.ts';
import './messages-form.ts';

/** The number people know a document by: its own number/symbol (incoming) or the ward's once issued (outgoing). */
export const documentNumberOf = (row: DocumentRow): string | undefined =>
  row.doc.direction === 'incoming' ? row.doc.numberSymbol : row.state.number?.numberSymbol;

/** The label a link to a document carries (copied, so people who cannot open the document still know it). */
export function documentLinkLabel(row: DocumentRow): string {
  const number = documentNumberOf(row);
  const head = number ? t('taskForm.link.docNumbered', { kind: kindLabel(row.doc.kind), number }) : kindLabel(row.doc.kind);
  return `${head} – ${row.doc.summary}`;
}

const MAX_MATCHES = 30;

/** Something that can be linked: its id, the label the link carries, the text searched. */
export interface LinkCandidate {
  id: string;
  label: string;
  search: string;
}

/** A link of a task (document, meeting) or of a schedule entry (document, task). */
export type PickerLink = { kind: 'document' | 'meeting' | 'task'; id?: string; label: string };

type PickKind = 'document' | 'task';
const PICK_IDS: Record<PickKind, { search: string; pick: string }> = {
  document: { search: 'doc-search', pick: 'doc-pick' },
  task: { search: 'task-search', pick: 'task-pick' },
};

/**
 * Links of a task or a schedule entry: official documents picked from those on this device (searchable by number or
 * summary), and either meetings by name (a task's) or tasks on this device (a schedule entry's, with `tasks`).
 * Listed with a remove button each.
 *
 * Properties: `documents: DocumentRow[]`, `tasks: LinkCandidate[] | null`, `value: PickerLink[]`, `field` + `errors`.
 *
 * @fires dk-links-change - `{ value }` after a link was added or removed.
 */
@customElement('dk-task-link-picker')
export class DkTaskLinkPicker extends LitElement {
  static override styles = [
    sharedStyles,
    pickerStyles,
    css`
      :host {
        display: grid;
        gap: var(--dk-space-3);
        min-inline-size: 0;
      }
      li {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--dk-space-2);
        padding-block: var(--dk-space-1);
        padding-inline: var(--dk-space-3) var(--dk-space-1);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface-muted);
      }
      li .label {
        overflow-wrap: anywhere;
      }
      li .error {
        grid-column: 1 / -1;
      }
      .add input,
      .add select {
        flex: 1 1 12rem;
        inline-size: auto;
        min-inline-size: 0;
      }
      .field {
        display: grid;
        gap: var(--dk-space-1);
      }
    `,
  ];

  @property({ attribute: false }) documents: DocumentRow[] = [];
  @property({ attribute: false }) value: PickerLink[] = [];
  @property() field = 'links';
  @property({ attribute: false }) errors: FieldError[] = [];

  /** Tasks that may be linked instead of meetings by name (an event's links: documents and tasks); null: meetings. */
  @property({ attribute: false }) tasks: LinkCandidate[] | null = null;

  @state() private _queries: Record<PickKind, string> = { document: '', task: '' };
  @state() private _meeting = '';
  @state() private _announce = '';

  @query('#doc-search') private _search!: HTMLInputElement;

  protected readonly _locale = new LocaleController(this);

  override focus(): void {
    this._search?.focus();
  }

  async focusFirstError(): Promise<void> {
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>('li.invalid button') ?? this._search)?.focus();
  }

  private _candidates(kind: PickKind): LinkCandidate[] {
    if (kind === 'task') return this.tasks ?? [];
    return this.documents.map((row) => ({
      id: row.id,
      label: documentLinkLabel(row),
      search: `${documentNumberOf(row) ?? ''} ${row.doc.summary}`,
    }));
  }

  private _matches(kind: PickKind): LinkCandidate[] {
    const taken = new Set(this.value.map((l) => l.id).filter(Boolean));
    const q = fold(this._queries[kind].trim());
    const out: LinkCandidate[] = [];
    for (const c of this._candidates(kind)) {
      if (taken.has(c.id)) continue;
      if (q && !fold(c.search).includes(q)) continue;
      out.push(c);
      if (out.length >= MAX_MATCHES) break;
    }
    return out;
  }

  private _emit(value: PickerLink[], announce: string): void {
    this.value = value;
    this._announce = announce;
    this.dispatchEvent(new CustomEvent('dk-links-change', { bubbles: true, composed: true, detail: { value } }));
  }

  private _add(kind: PickKind, id?: string): void {
    const ids = PICK_IDS[kind];
    const select = this.renderRoot.querySelector<HTMLSelectElement>(`#${ids.pick}`);
    const search = this.renderRoot.querySelector<HTMLInputElement>(`#${ids.search}`);
    const chosen = id ?? select?.value;
    const c = this._candidates(kind).find((x) => x.id === chosen);
    if (!c) {
      this._announce = t(kind === 'task' ? 'taskForm.link.chooseTaskFirst' : 'taskForm.link.chooseFirst');
      select?.focus();
      return;
    }
    this._queries = { ...this._queries, [kind]: '' };
    if (search) search.value = '';
    this._emit([...this.value, { kind, id: c.id, label: c.label }], t('taskForm.link.added', { label: c.label }));
    search?.focus();
  }

  private _addMeeting(): void {
    const label = this._meeting.trim();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#meeting');
    if (!label) {
      input?.focus();
      return;
    }
    this._meeting = '';
    if (input) input.value = '';
    this._emit([...this.value, { kind: 'meeting', label }], t('taskForm.link.added', { label }));
    input?.focus();
  }

  private async _remove(i: number): Promise<void> {
    const link = this.value[i]!;
    const next = this.value.filter((_, n) => n !== i);
    this._emit(next, t('taskForm.link.removed', { label: link.label }));
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>(`#link-remove-${Math.min(i, next.length - 1)}`) ?? this._search)?.focus();
  }

  /** Search box, list of matches and Add for documents or tasks. */
  private _renderPick(kind: PickKind) {
    const ids = PICK_IDS[kind];
    const matches = this._matches(kind);
    const any = this._candidates(kind).length > 0;
    const task = kind === 'task';
    return html`<div class="field">
      <label for=${ids.search}>${t(task ? 'taskForm.link.tasks' : 'taskForm.link.documents')}</label>
      <div class="add">
        <input
          id=${ids.search}
          type="text"
          inputmode="search"
          autocomplete="off"
          dir="auto"
          placeholder=${t(task ? 'taskForm.link.searchTaskPlaceholder' : 'taskForm.link.searchPlaceholder')}
          aria-controls=${ids.pick}
          @input=${(e: Event) => (this._queries = { ...this._queries, [kind]: (e.target as HTMLInputElement).value })}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (matches.length === 1) this._add(kind, matches[0]!.id);
              else this.renderRoot.querySelector<HTMLSelectElement>(`#${ids.pick}`)?.focus();
            }
          }}
        />
        <select
          id=${ids.pick}
          aria-label=${t(task ? 'taskForm.link.pickTask' : 'taskForm.link.pick')}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              this._add(kind);
            }
          }}
        >
          <option value="">
            ${any ? t(task ? 'taskForm.link.taskPlaceholder' : 'taskForm.link.placeholder') : t(task ? 'taskForm.link.noTasks' : 'taskForm.link.noDocuments')}
          </option>
          ${matches.map((c) => html`<option value=${c.id}>${c.label}</option>`)}
        </select>
        <button type="button" class="btn" data-add=${kind} @click=${() => this._add(kind)}>${icons.plus}${t('taskForm.picker.add')}</button>
      </div>
    </div>`;
  }

  override render() {
    const listErr = this.errors.find((e) => e.field === this.field);
    return html`
      ${
        this.value.length
          ? html`<ul aria-label=${t('taskForm.link.list')}>
              ${this.value.map((l, i) => {
                const err = this.errors.find((e) => e.field === `${this.field}.${i}` || e.field.startsWith(`${this.field}.${i}.`));
                return html`<li class=${err ? 'invalid' : ''} data-link=${l.id ?? l.label}>
                  <span class="chip info">${t(`taskForm.link.${l.kind}`)}</span>
                  <span class="label" dir="auto">${l.label}</span>
                  <button
                    id="link-remove-${i}"
                    type="button"
                    class="btn ghost"
                    aria-label=${t('taskForm.link.remove', { label: l.label })}
                    @click=${() => this._remove(i)}
                  >
                    ${icons.close}
                  </button>
                  ${err ? html`<p class="error">${errorText(err)}</p>` : nothing}
                </li>`;
              })}
            </ul>`
          : nothing
      }
      ${this._renderPick('document')}
      ${
        this.tasks
          ? this._renderPick('task')
          : html`<div class="field">
              <label for="meeting">${t('taskForm.link.meetingLabel')}</label>
              <div class="add">
                <input
                  id="meeting"
                  type="text"
                  dir="auto"
                  autocomplete="off"
                  aria-describedby="meeting-hint"
                  @input=${(e: Event) => (this._meeting = (e.target as HTMLInputElement).value)}
                  @keydown=${(e: KeyboardEvent) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      this._addMeeting();
                    }
                  }}
                />
                <button type="button" class="btn" @click=${this._addMeeting}>${icons.plus}${t('taskForm.picker.add')}</button>
              </div>
              <span id="meeting-hint" class="hint">${t('taskForm.link.meetingHint')}</span>
            </div>`
      }
      ${listErr ? html`<p class="error">${errorText(listErr)}</p>` : nothing}
      <span class="visually-hidden" role="status">${this._announce}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-link-picker': DkTaskLinkPicker;
  }
  interface GlobalEventHandlersEventMap {
    'dk-links-change': CustomEvent<{ value: PickerLink[] }>;
  }
}
