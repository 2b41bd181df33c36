import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { UnitDoc } from '../../model/directory.ts';
import { CONFIDENTIALITIES, DOCUMENT_KINDS, type DocumentKind, URGENCIES } from '../../model/documents/types.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { confidentialityLabel, kindLabel, phaseLabel, statusLabel, urgencyLabel } from './labels.ts';
import {
  type DocumentFilters,
  type DocumentSort,
  INCOMING_STATUSES,
  OUTGOING_PHASES,
  REGISTRY_BOOKS,
  SORTS,
  activeFilterCount,
} from './list-query.ts';
import './messages.ts';

export interface FiltersChange {
  filters: DocumentFilters;
  sort: DocumentSort;
}

/**
 * Search, sort and filters of the documents list. Holds no state of its own beyond the open panel and the
 * search being typed: every change goes out as `dk-filters-change` ({ filters, sort }); the page puts it in
 * the URL and passes it back.
 */
@customElement('dk-document-filters')
export class DkDocumentFilters extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .bar {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(9rem, 12rem) auto;
        grid-template-areas: 'search sort toggle' 'hint hint hint';
        align-items: end;
        gap: var(--dk-space-1) var(--dk-space-3);
      }
      .search {
        grid-area: search;
      }
      .sort {
        grid-area: sort;
      }
      .toggle {
        grid-area: toggle;
      }
      .bar .hint {
        grid-area: hint;
        margin: 0;
      }
      @media (max-width: 599px) {
        .bar {
          grid-template-columns: minmax(0, 1fr) auto;
          grid-template-areas: 'search search' 'hint hint' 'sort toggle';
        }
      }
      .toggle[aria-expanded='true'] {
        background: var(--dk-color-primary-soft);
        border-color: var(--dk-color-primary);
        color: var(--dk-color-primary);
      }
      .panel {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
        gap: var(--dk-space-3);
        margin-block-start: var(--dk-space-3);
        padding: var(--dk-space-3);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
      }
      .panel .actions {
        display: flex;
        align-items: flex-end;
      }
    `,
  ];

  @property({ attribute: false }) filters: DocumentFilters = {};
  @property() sort: DocumentSort = 'newest';
  /** Units for the unit filter. */
  @property({ attribute: false }) units: UnitDoc[] = [];
  /** Offer the confidential registry books (only people who hold confidential documents). */
  @property({ type: Boolean, attribute: 'confidential-books' }) confidentialBooks = false;

  @state() private _open = false;
  private _typing?: ReturnType<typeof setTimeout>;
  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // A link with filters opens with the panel shown, so the person sees why the list is short.
    if (activeFilterCount(this.filters) > 0) this._open = true;
  }

  override disconnectedCallback(): void {
    if (this._typing) clearTimeout(this._typing);
    super.disconnectedCallback();
  }

  private _emit(filters: DocumentFilters, sort: DocumentSort = this.sort): void {
    this.dispatchEvent(new CustomEvent<FiltersChange>('dk-filters-change', { detail: { filters, sort }, bubbles: true, composed: true }));
  }

  private _set(key: keyof DocumentFilters, value: string): void {
    const next: DocumentFilters = { ...this.filters };
    if (value.trim()) (next as Record<string, string>)[key] = value;
    else delete next[key];
    this._emit(next);
  }

  private _onSearch(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (this._typing) clearTimeout(this._typing);
    // The list re-filters per keystroke pause, not per key (20,000 rows).
    this._typing = setTimeout(() => this._set('q', value), 200);
  }

  private _clear(): void {
    this._emit(this.filters.q ? { q: this.filters.q } : {});
  }

  override render() {
    const f = this.filters;
    const active = activeFilterCount(f);
    return html`<div class="bar">
        <div class="field search">
          <label for="q">${t('documents.filter.search')}</label>
          <input
            id="q"
            type="text"
            inputmode="search"
            enterkeyhint="search"
            .value=${f.q ?? ''}
            @input=${this._onSearch}
            aria-describedby="q-hint"
            autocomplete="off"
          />
        </div>
        <div class="field sort">
          <label for="sort">${t('documents.filter.sort')}</label>
          <select id="sort" @change=${(e: Event) => this._emit(this.filters, (e.target as HTMLSelectElement).value as DocumentSort)}>
            ${SORTS.map((s) => html`<option value=${s} ?selected=${s === this.sort}>${t(`documents.sort.${s}`)}</option>`)}
          </select>
        </div>
        <button
          class="btn toggle"
          aria-expanded=${this._open ? 'true' : 'false'}
          aria-controls="panel"
          @click=${() => (this._open = !this._open)}
        >
          ${icons.settings}${active ? t('documents.filter.toggleActive', { count: active }) : t('documents.filter.toggle')}
        </button>
        <p class="hint" id="q-hint">${t('documents.filter.searchHint')}</p>
      </div>
      ${this._open ? this._renderPanel(active) : nothing}`;
  }

  private _select(key: keyof DocumentFilters, label: string, options: ReturnType<typeof html>) {
    return html`<div class="field">
      <label for=${`f-${key}`}>${label}</label>
      <select id=${`f-${key}`} @change=${(e: Event) => this._set(key, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.filters[key]}>${t('documents.filter.any')}</option>
        ${options}
      </select>
    </div>`;
  }

  private _renderPanel(active: number) {
    const f = this.filters;
    const opt = (value: string, label: string, current: string | undefined) =>
      html`<option value=${value} ?selected=${value === current}>${label}</option>`;
    const books = REGISTRY_BOOKS.filter((b) => this.confidentialBooks || !b.endsWith('Confidential'));
    return html`<div class="panel" id="panel" role="group" aria-label=${t('documents.filter.toggle')}>
      ${this._select('kind', t('documents.filter.kind'), html`${(Object.keys(DOCUMENT_KINDS) as DocumentKind[]).map((k) => opt(k, kindLabel(k), f.kind))}`)}
      ${this._select('urgency', t('documents.filter.urgency'), html`${URGENCIES.map((u) => opt(u, urgencyLabel(u), f.urgency))}`)}
      ${this._select('confidentiality', t('documents.filter.confidentiality'), html`${CONFIDENTIALITIES.map((c) => opt(c, confidentialityLabel(c), f.confidentiality))}`)}
      ${this._select(
        'status',
        t('documents.filter.status'),
        html`<optgroup label=${t('documents.filter.incoming')}>${INCOMING_STATUSES.map((s) => opt(s, statusLabel(s), f.status))}</optgroup>
          <optgroup label=${t('documents.filter.outgoing')}>${OUTGOING_PHASES.map((p) => opt(p, phaseLabel(p), f.status))}</optgroup>`,
      )}
      ${this._select('unit', t('documents.filter.unit'), html`${this.units.map((u) => opt(u.unitId, u.name, f.unit))}`)}
      ${this._select('book', t('documents.filter.book'), html`${books.map((b) => opt(b, t(`documents.book.${b}`), f.book))}`)}
      <div class="field">
        <label for="f-body">${t('documents.filter.body')}</label>
        <input
          id="f-body"
          type="text"
          .value=${f.body ?? ''}
          @change=${(e: Event) => this._set('body', (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="f-from">${t('documents.filter.from')}</label>
        <input
          id="f-from"
          type="date"
          .value=${f.from ?? ''}
          max=${f.to ?? ''}
          @change=${(e: Event) => this._set('from', (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for="f-to">${t('documents.filter.to')}</label>
        <input
          id="f-to"
          type="date"
          .value=${f.to ?? ''}
          min=${f.from ?? ''}
          @change=${(e: Event) => this._set('to', (e.target as HTMLInputElement).value)}
        />
      </div>
      ${active ? html`<div class="actions"><button class="btn" @click=${this._clear}>${t('documents.filter.clear')}</button></div>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-filters': DkDocumentFilters;
  }
}
