import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { PersonDoc, UnitDoc } from '../../model/directory.ts';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../model/tasks/types.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { taskPriorityLabel, taskStatusLabel } from './labels.ts';
import { STATUS_FLAGS, type TaskFilters, activeFilterCount } from './task-query.ts';
import './messages-lists.ts';

/** A linked document the document filter offers (from the rows on this device). */
export interface DocumentOption {
  id: string;
  label: string;
}

/**
 * Search and filters of the task list. Holds nothing but the open panel and the search being typed: every change
 * goes out as `dk-filters-change` (detail: the filters); the page puts it in the URL and passes it back.
 */
@customElement('dk-task-filters')
export class DkTaskFilters extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .bar {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        grid-template-areas: 'search toggle' 'hint hint';
        align-items: end;
        gap: var(--dk-space-1) var(--dk-space-3);
      }
      .search {
        grid-area: search;
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
          grid-template-columns: minmax(0, 1fr);
          grid-template-areas: 'search' 'hint' 'toggle';
        }
        .toggle {
          justify-self: start;
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
      select {
        max-inline-size: 100%;
      }
    `,
  ];

  @property({ attribute: false }) filters: TaskFilters = {};
  @property({ attribute: false }) units: UnitDoc[] = [];
  @property({ attribute: false }) people: PersonDoc[] = [];
  @property({ attribute: false }) documents: DocumentOption[] = [];

  @state() private _open = false;
  private _typing?: ReturnType<typeof setTimeout>;
  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // A link with filters (statistics, digest) opens with the panel shown, so the person sees why the list is short.
    if (activeFilterCount(this.filters) > 0) this._open = true;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A link that brings filters (statistics, digest, calendar) while the list is already shown opens the panel too.
    const before = changed.get('filters') as TaskFilters | undefined;
    if (before && activeFilterCount(before) === 0 && activeFilterCount(this.filters) > 0) this._open = true;
  }

  override disconnectedCallback(): void {
    if (this._typing) clearTimeout(this._typing);
    super.disconnectedCallback();
  }

  private _emit(filters: TaskFilters): void {
    this.dispatchEvent(new CustomEvent<TaskFilters>('dk-filters-change', { detail: filters, bubbles: true, composed: true }));
  }

  private _set(key: keyof TaskFilters, value: string): void {
    const next: TaskFilters = { ...this.filters };
    if (value.trim()) (next as Record<string, string>)[key] = value;
    else delete next[key];
    this._emit(next);
  }

  private _onSearch(e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (this._typing) clearTimeout(this._typing);
    this._typing = setTimeout(() => this._set('q', value), 200);
  }

  override render() {
    const active = activeFilterCount(this.filters);
    return html`<div class="bar">
        <div class="field search">
          <label for="q">${t('lists.filter.search')}</label>
          <input
            id="q"
            type="text"
            inputmode="search"
            enterkeyhint="search"
            autocomplete="off"
            .value=${this.filters.q ?? ''}
            @input=${this._onSearch}
            aria-describedby="q-hint"
          />
        </div>
        <button
          class="btn toggle"
          aria-expanded=${this._open ? 'true' : 'false'}
          aria-controls="panel"
          @click=${() => (this._open = !this._open)}
        >
          ${icons.settings}${active ? t('lists.filter.toggleActive', { count: active }) : t('lists.filter.toggle')}
        </button>
        <p class="hint" id="q-hint">${t('lists.filter.searchHint')}</p>
      </div>
      ${this._open ? this._renderPanel(active) : nothing}`;
  }

  private _select(key: keyof TaskFilters, label: string, options: TemplateResult) {
    return html`<div class="field">
      <label for=${`f-${key}`}>${label}</label>
      <select id=${`f-${key}`} @change=${(e: Event) => this._set(key, (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!this.filters[key]}>${t('lists.filter.any')}</option>
        ${options}
      </select>
    </div>`;
  }

  private _date(key: 'from' | 'to' | 'createdFrom' | 'createdTo', min?: string, max?: string) {
    return html`<div class="field">
      <label for=${`f-${key}`}>${t(`lists.filter.${key}`)}</label>
      <input
        id=${`f-${key}`}
        type="date"
        .value=${this.filters[key] ?? ''}
        min=${min ?? ''}
        max=${max ?? ''}
        @change=${(e: Event) => this._set(key, (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private _renderPanel(active: number) {
    const f = this.filters;
    const opt = (value: string, label: string, current: string | undefined) =>
      html`<option value=${value} ?selected=${value === current}>${label}</option>`;
    const people = this.people.filter((p) => !p.disabled || p.name === f.person || p.name === f.lead);
    // A document named in the URL but not among the rows (another device's link) still shows as chosen.
    const documents =
      f.document && !this.documents.some((d) => d.id === f.document)
        ? [...this.documents, { id: f.document, label: f.document }]
        : this.documents;
    return html`<div class="panel" id="panel" role="group" aria-label=${t('lists.filter.toggle')}>
      ${this._select(
        'status',
        t('lists.filter.status'),
        html`<optgroup label=${t('lists.filter.statuses')}>${TASK_STATUSES.map((s) => opt(s, taskStatusLabel(s), f.status))}</optgroup>
          <optgroup label=${t('lists.filter.flags')}>${STATUS_FLAGS.map((s) => opt(s, t(`lists.status.${s}`), f.status))}</optgroup>`,
      )}
      ${this._select('priority', t('lists.filter.priority'), html`${TASK_PRIORITIES.map((p) => opt(p, taskPriorityLabel(p), f.priority))}`)}
      ${this._select('person', t('lists.filter.person'), html`${people.map((p) => opt(p.name, p.displayName, f.person))}`)}
      ${this._select('lead', t('lists.filter.lead'), html`${people.map((p) => opt(p.name, p.displayName, f.lead))}`)}
      ${this._select(
        'unit',
        t('lists.filter.unit'),
        html`${this.units.map((u) => opt(u.unitId, u.name, f.unit))}${opt('-', t('task.personal'), f.unit)}`,
      )}
      ${documents.length ? this._select('document', t('lists.filter.document'), html`${documents.map((d) => opt(d.id, d.label, f.document))}`) : nothing}
      ${this._date('from', undefined, f.to)} ${this._date('to', f.from)} ${this._date('createdFrom', undefined, f.createdTo)}
      ${this._date('createdTo', f.createdFrom)}
      ${
        active
          ? html`<div class="actions">
              <button class="btn" @click=${() => this._emit(f.q ? { q: f.q } : {})}>${t('lists.filter.clear')}</button>
            </div>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-filters': DkTaskFilters;
  }
}
