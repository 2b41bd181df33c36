import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { taskPath } from '../../app/router.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { rowListStyles } from '../../ui/list-styles.ts';
import '../../ui/dk-empty-state.ts';
import { documentChipStyles } from '../documents/chip-styles.ts';
import { type DueGroup, dueGroupLabel } from './labels.ts';
import { type TaskListRow, type TaskViewName, groupRows } from './task-query.ts';
import { chevronDown, deadlineText, progressBar, statusChips, taskPartStyles } from './task-row-parts.ts';
import './messages-lists.ts';

type Item = { kind: 'head'; group: DueGroup; count: number; collapsed: boolean } | { kind: 'row'; row: TaskListRow };

/**
 * The tasks of a view grouped by due date (overdue, today, this week, later, no deadline; done and cancelled
 * collapsed at the end), virtualised as one flat list of group headings and rows so that 500+ tasks scroll
 * smoothly on a phone. Rows come filtered; each links to its task.
 */
@customElement('dk-task-list')
export class DkTaskList extends LitElement {
  static override styles = [
    sharedStyles,
    documentChipStyles,
    taskPartStyles,
    rowListStyles,
    css`
      .head {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        margin: var(--dk-space-3) 0 0;
        padding-block: var(--dk-space-1);
        font-size: var(--dk-font-size-md);
        font-weight: 700;
      }
      .head.overdue {
        color: var(--dk-color-danger);
      }
      .head .n {
        padding-inline: 6px;
        border-radius: 999px;
        background: var(--dk-color-surface-muted);
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-xs);
        line-height: 1.5rem;
        min-inline-size: 1.5rem;
        text-align: center;
      }
      .head button {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        padding-inline: var(--dk-space-2);
        margin-inline-start: calc(-1 * var(--dk-space-2));
        border: none;
        background: none;
        font: inherit;
        color: inherit;
        cursor: pointer;
        border-radius: var(--dk-radius-sm);
      }
      .head button svg {
        inline-size: 16px;
        block-size: 16px;
        transition: transform 0.15s;
      }
      .head button[aria-expanded='false'] svg {
        transform: rotate(-90deg);
      }
      :host(:dir(rtl)) .head button[aria-expanded='false'] svg {
        transform: rotate(90deg);
      }
      a {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 11rem 12rem 8rem;
        grid-template-areas: 'title due people progress' 'chips due people progress';
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-4);
      }
      .overdue a {
        border-inline-start-color: var(--dk-color-danger);
      }
      .dueSoon a {
        border-inline-start-color: var(--dk-color-warning);
      }
      .closed a {
        opacity: 0.8;
      }
      .title {
        grid-area: title;
        margin: 0;
        font-weight: 600;
        overflow-wrap: anywhere;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .chips {
        grid-area: chips;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-2);
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      .doc {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-1);
        min-inline-size: 0;
        max-inline-size: 100%;
      }
      .doc span {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .doc svg {
        inline-size: 14px;
        block-size: 14px;
        flex: none;
      }
      .due {
        grid-area: due;
      }
      .people {
        grid-area: people;
        display: grid;
        font-size: var(--dk-font-size-sm);
        min-inline-size: 0;
      }
      .people span {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .people .unit {
        color: var(--dk-color-text-muted);
      }
      .progress {
        grid-area: progress;
      }
      @media (max-width: 839px) {
        /* Phones and narrow windows: the row's parts stack. */
        a {
          grid-template-columns: minmax(0, 1fr) auto;
          grid-template-areas: 'title title' 'chips chips' 'due progress' 'people people';
          gap: var(--dk-space-2);
        }
        .people {
          display: flex;
          flex-wrap: wrap;
          gap: 0 var(--dk-space-2);
        }
        .people span {
          white-space: normal;
          overflow-wrap: anywhere;
        }
      }
      .skeleton-row {
        block-size: 88px;
      }
      .skeleton-row .skeleton:nth-child(1) {
        inline-size: 70%;
        block-size: 18px;
      }
      .skeleton-row .skeleton:nth-child(2) {
        inline-size: 40%;
        block-size: 14px;
      }
    `,
  ];

  /** Filtered rows of the view; `undefined` while loading. */
  @property({ attribute: false }) rows?: TaskListRow[];
  @property() view: TaskViewName = 'mine';
  /** Filters or a search are active (an empty list then means "no match"). */
  @property({ type: Boolean }) filtered = false;
  /** The label of the create link the empty state offers ("Giao việc" or "Thêm việc của tôi"); none when empty. */
  @property({ attribute: 'create-label' }) createLabel = '';
  @property({ attribute: false }) personName: (name: string) => string = (n) => n;
  @property({ attribute: false }) unitName: (unitId: string) => string = (id) => id;

  /** Done and cancelled tasks are folded away until asked for. */
  @state() private _closedOpen = false;
  protected readonly _locale = new LocaleController(this);

  private _items(rows: TaskListRow[]): Item[] {
    const items: Item[] = [];
    for (const g of groupRows(rows)) {
      const collapsed = g.group === 'closed' && !this._closedOpen;
      items.push({ kind: 'head', group: g.group, count: g.rows.length, collapsed });
      if (!collapsed) for (const row of g.rows) items.push({ kind: 'row', row });
    }
    return items;
  }

  override render() {
    const rows = this.rows;
    if (!rows) {
      return html`<div role="status" aria-label=${t('common.loading')}>
        <div aria-hidden="true">
          ${[0, 1, 2, 3].map(() => html`<div class="skeleton-row"><span class="skeleton"></span><span class="skeleton"></span></div>`)}
        </div>
      </div>`;
    }
    if (rows.length === 0) {
      if (this.filtered) {
        return html`<p class="no-match">
          <span>${t('lists.filter.noMatch')}</span>
          <button class="btn" @click=${() => this.dispatchEvent(new CustomEvent('dk-clear-filters', { bubbles: true, composed: true }))}>
            ${t('lists.filter.clear')}
          </button>
        </p>`;
      }
      return html`<dk-empty-state .heading=${t(`lists.empty.${this.view}.title`)} .icon=${icons.tasks}>
        <p>${t(`lists.empty.${this.view}.what`)}</p>
        ${this.createLabel ? html`<a slot="actions" class="btn primary" href="/tasks/new">${icons.plus}${this.createLabel}</a>` : nothing}
      </dk-empty-state>`;
    }
    return html`<div class="list">
      ${virtualize({
        items: this._items(rows),
        keyFunction: (i: Item) => (i.kind === 'head' ? `head:${i.group}` : i.row.id),
        renderItem: (i: Item) => (i.kind === 'head' ? this._renderHead(i) : this._renderRow(i.row)),
      })}
    </div>`;
  }

  private _renderHead(i: Extract<Item, { kind: 'head' }>) {
    const count = html`<span class="n"
      ><span aria-hidden="true">${formatNumber(i.count)}</span
      ><span class="visually-hidden">${t('lists.group.count', { count: i.count })}</span></span
    >`;
    return html`<div class="item">
      <h2 class="head ${i.group}" data-group=${i.group}>
        ${
          i.group === 'closed'
            ? html`<button aria-expanded=${i.collapsed ? 'false' : 'true'} @click=${() => (this._closedOpen = !this._closedOpen)}>
                ${chevronDown}${dueGroupLabel(i.group)} ${count}
              </button>`
            : html`${dueGroupLabel(i.group)} ${count}`
        }
      </h2>
    </div>`;
  }

  private _renderRow(r: TaskListRow) {
    const st = r.state;
    const unitId = st.task.unitId;
    const doc = st.links.find((l) => l.kind === 'document');
    const dueClass = !st.deadline ? 'none' : r.flags.overdue ? 'overdue' : r.flags.dueSoon ? 'dueSoon' : '';
    const tone = r.flags.overdue ? 'overdue' : r.flags.dueSoon ? 'dueSoon' : r.group === 'closed' ? 'closed' : '';
    return html`<div class="item ${tone}" data-id=${r.id}>
      <a href=${taskPath(r.id)}>
        <p class="title" dir="auto">${st.title}</p>
        <div class="chips">
          ${statusChips(r)}
          ${doc ? html`<span class="doc" title=${doc.label}>${icons.documents}<span dir="auto">${doc.label}</span></span>` : nothing}
        </div>
        <span class="due deadline ${dueClass}">${icons.clock}<span>${deadlineText(st)}</span></span>
        <span class="people">
          <span dir="auto"><span class="visually-hidden">${t('task.people.lead')}: </span>${this.personName(st.lead)}</span>
          <span class="unit" dir="auto">${unitId ? this.unitName(unitId) : t('task.personal')}</span>
        </span>
        ${progressBar(st.percent)}
      </a>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-list': DkTaskList;
  }
}
