import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
// Given explicitly, the layout is in this chunk: by default the virtualiser imports it once it has rows, one more
// module to fetch and run between the rows arriving and the first of them painted (issue 7, cold start).
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import type { DocumentRow } from '../../data/documents.ts';
import { LocaleController, formatDay, t } from '../../i18n/i18n.ts';
import { documentPath } from '../../app/router.ts';
import type { DocumentViewName } from '../../model/documents/inbox.ts';
import type { OutgoingPhase } from '../../model/documents/workflow.ts';
import type { UserCtx } from '../../model/roles.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { deadlineStyles, rowListStyles } from '../../ui/list-styles.ts';
import '../../ui/dk-empty-state.ts';
import { documentChipStyles } from './chip-styles.ts';
import { confidentialityLabel, kindLabel, phaseLabel, statusLabel, statusTone, urgencyLabel } from './labels.ts';
import { myDeadline } from './list-query.ts';
import './messages.ts';

const phaseTone = (p: OutgoingPhase): string =>
  p === 'issued' ? 'ok' : p === 'changesRequested' ? 'warn' : p === 'recalled' || p === 'replaced' ? 'muted' : 'info';

/**
 * A list of documents, virtualised (only the rows near the viewport are in the DOM, so 20,000 rows scroll
 * smoothly on a phone). Rows come filtered and sorted; each links to the document. Shows skeleton rows while
 * `rows` is undefined and an empty state that says what the view is for and what to do.
 */
@customElement('dk-document-list')
export class DkDocumentList extends LitElement {
  static override styles = [
    sharedStyles,
    documentChipStyles,
    rowListStyles,
    deadlineStyles,
    css`
      a {
        display: block;
      }
      .urgent a {
        border-inline-start-color: var(--dk-color-accent);
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-2);
      }
      .chip svg {
        inline-size: 14px;
        block-size: 14px;
      }
      .num {
        font-weight: 700;
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
      .kind {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .summary {
        margin: var(--dk-space-1) 0 0;
        font-weight: 500;
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-3);
        margin-block-start: var(--dk-space-2);
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .meta .from {
        overflow-wrap: anywhere;
      }
      .skeleton-row {
        block-size: 112px;
      }
      .skeleton-row .skeleton:nth-child(1) {
        inline-size: 35%;
        block-size: 14px;
      }
      .skeleton-row .skeleton:nth-child(2) {
        inline-size: 85%;
        block-size: 18px;
      }
      .skeleton-row .skeleton:nth-child(3) {
        inline-size: 55%;
        block-size: 14px;
      }
    `,
  ];

  /** Filtered, sorted rows; `undefined` while loading. */
  @property({ attribute: false }) rows?: DocumentRow[];
  /** The view shown (for the empty state). */
  @property() view: DocumentViewName = 'all';
  /** Filters or a search are active (an empty list then means "no match", not "nothing here"). */
  @property({ type: Boolean }) filtered = false;
  /** The viewer, for "my deadline". */
  @property({ attribute: false }) user?: UserCtx;
  /** Unit names (drafting unit of outgoing documents). */
  @property({ attribute: false }) unitName: (unitId: string) => string = (id) => id;

  protected readonly _locale = new LocaleController(this);

  override render() {
    const rows = this.rows;
    if (!rows) {
      return html`<div role="status" aria-label=${t('common.loading')}>
        <div aria-hidden="true">
          ${[0, 1, 2, 3].map(() => html`<div class="skeleton-row"><span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span></div>`)}
        </div>
      </div>`;
    }
    if (rows.length === 0) {
      if (this.filtered) {
        return html`<p class="no-match">
          <span>${t('documents.filter.noMatch')}</span>
          <button class="btn" @click=${() => this.dispatchEvent(new CustomEvent('dk-clear-filters', { bubbles: true, composed: true }))}>
            ${t('documents.filter.clear')}
          </button>
        </p>`;
      }
      return html`<dk-empty-state .heading=${t(`documents.empty.${this.view}.title`)} .icon=${icons.documents}>
        <p>${t(`documents.empty.${this.view}.what`)}</p>
      </dk-empty-state>`;
    }
    return html`<div class="list" role="list" aria-label=${t('documents.list.label')}>
      ${virtualize({
        items: rows,
        layout: flow(),
        keyFunction: (r: DocumentRow) => r.id,
        renderItem: (r: DocumentRow) => this._renderRow(r),
      })}
    </div>`;
  }

  private _renderRow(r: DocumentRow) {
    const doc = r.doc;
    const state = r.state;
    const deadline = this.user ? myDeadline(r, this.user) : undefined;
    const from = doc.direction === 'incoming' ? doc.issuingBody : this.unitName(doc.unitId);
    return html`<div class="item ${r.urgent ? 'urgent' : ''}" role="listitem" data-id=${r.id}>
      <a href=${documentPath(r.id)}>
        <div class="chips">
          ${r.urgent ? html`<span class="chip urgent">${icons.warning}${urgencyLabel(doc.urgency)}</span>` : nothing}
          ${r.confidential ? html`<span class="chip secret">${confidentialityLabel(doc.confidentiality)}</span>` : nothing}
          ${
            r.numberText
              ? html`<span class="num" dir="ltr"
                  >${doc.direction === 'incoming' ? `${t('doc.arrivalNumber')} ${r.numberText}` : r.numberText}</span
                >`
              : r.awaitingNumber
                ? html`<span class="chip awaiting">${t('doc.awaitingNumber')}</span>`
                : nothing
          }
          ${r.pending ? html`<span class="chip pending">${t('documents.list.pending')}</span>` : nothing}
          <span class="kind">${t(doc.direction === 'incoming' ? 'doc.incoming' : 'doc.outgoing')} · ${kindLabel(doc.kind)}</span>
        </div>
        <p class="summary" dir="auto">${doc.summary}</p>
        <div class="meta">
          ${from ? html`<span class="from" dir="auto">${doc.direction === 'incoming' ? `${doc.numberSymbol} · ` : ''}${from}</span>` : nothing}
          <span>${formatDay(r.day)}</span>
          ${
            r.status
              ? html`<span class="chip ${statusTone(r.status)}">${statusLabel(r.status)}</span>`
              : state.direction === 'outgoing'
                ? html`<span class="chip ${phaseTone(state.phase)}">${phaseLabel(state.phase)}</span>`
                : nothing
          }
          ${deadline ? html`<span class="deadline ${r.status ?? ''}">${icons.clock}${t('documents.list.deadline', { date: formatDay(deadline) })}</span>` : nothing}
        </div>
      </a>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-list': DkDocumentList;
  }
}
