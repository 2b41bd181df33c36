import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { DocumentRow } from '../../data/documents.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import type { TaskLink } from '../../model/tasks/types.ts';
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

/**
 * Links of a task: official documents picked from those on this device (searchable by number or summary) and
 * meetings by name (until the schedule gives them ids). Listed with a remove button each.
 *
 * Properties: `documents: DocumentRow[]`, `value: TaskLink[]`, `field` + `errors`.
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
  @property({ attribute: false }) value: TaskLink[] = [];
  @property() field = 'links';
  @property({ attribute: false }) errors: FieldError[] = [];

  @state() private _query = '';
  @state() private _meeting = '';
  @state() private _announce = '';

  @query('#doc-search') private _search!: HTMLInputElement;
  @query('#doc-pick') private _select!: HTMLSelectElement;

  protected readonly _locale = new LocaleController(this);

  override focus(): void {
    this._search?.focus();
  }

  async focusFirstError(): Promise<void> {
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>('li.invalid button') ?? this._search)?.focus();
  }

  private _matches(): DocumentRow[] {
    const taken = new Set(this.value.map((l) => l.id).filter(Boolean));
    const q = fold(this._query.trim());
    const out: DocumentRow[] = [];
    for (const row of this.documents) {
      if (taken.has(row.id)) continue;
      if (q && !fold(`${documentNumberOf(row) ?? ''} ${row.doc.summary}`).includes(q)) continue;
      out.push(row);
      if (out.length >= MAX_MATCHES) break;
    }
    return out;
  }

  private _emit(value: TaskLink[], announce: string): void {
    this.value = value;
    this._announce = announce;
    this.dispatchEvent(new CustomEvent('dk-links-change', { bubbles: true, composed: true, detail: { value } }));
  }

  private _addDocument(id?: string): void {
    const chosen = id ?? this._select?.value;
    const row = this.documents.find((r) => r.id === chosen);
    if (!row) {
      this._announce = t('taskForm.link.chooseFirst');
      this._select?.focus();
      return;
    }
    const label = documentLinkLabel(row);
    this._query = '';
    if (this._search) this._search.value = '';
    this._emit([...this.value, { kind: 'document', id: row.id, label }], t('taskForm.link.added', { label }));
    this._search?.focus();
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

  override render() {
    const matches = this._matches();
    const listErr = this.errors.find((e) => e.field === this.field);
    return html`
      ${
        this.value.length
          ? html`<ul aria-label=${t('taskForm.link.list')}>
              ${this.value.map((l, i) => {
                const err = this.errors.find((e) => e.field === `${this.field}.${i}` || e.field.startsWith(`${this.field}.${i}.`));
                return html`<li class=${err ? 'invalid' : ''} data-link=${l.id ?? l.label}>
                  <span class="chip info">${l.kind === 'document' ? t('taskForm.link.document') : t('taskForm.link.meeting')}</span>
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
      <div class="field">
        <label for="doc-search">${t('taskForm.link.documents')}</label>
        <div class="add">
          <input
            id="doc-search"
            type="text"
            inputmode="search"
            autocomplete="off"
            dir="auto"
            placeholder=${t('taskForm.link.searchPlaceholder')}
            aria-controls="doc-pick"
            @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (matches.length === 1) this._addDocument(matches[0]!.id);
                else this._select?.focus();
              }
            }}
          />
          <select
            id="doc-pick"
            aria-label=${t('taskForm.link.pick')}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                this._addDocument();
              }
            }}
          >
            <option value="">${this.documents.length ? t('taskForm.link.placeholder') : t('taskForm.link.noDocuments')}</option>
            ${matches.map((r) => html`<option value=${r.id}>${documentLinkLabel(r)}</option>`)}
          </select>
          <button type="button" class="btn" @click=${() => this._addDocument()}>${icons.plus}${t('taskForm.picker.add')}</button>
        </div>
      </div>
      <div class="field">
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
      </div>
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
    'dk-links-change': CustomEvent<{ value: TaskLink[] }>;
  }
}
