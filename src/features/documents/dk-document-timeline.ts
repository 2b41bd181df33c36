import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DocumentRow } from '../../data/documents.ts';
import { type Directory, emptyDirectory } from '../../data/directory.ts';
import { LocaleController, formatDateTime, formatDay, formatNumber, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { formatArrivalNumber } from '../../model/documents/numbering.ts';
import type { OfficialDocumentEvent } from '../../model/documents/types.ts';
import { compareEvents } from '../../model/documents/workflow.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { documentChipStyles } from './chip-styles.ts';
import { actorLabel, assigneeName, ti } from './detail-names.ts';
import { dispatchLabel, returnReasonLabel, roleLabel, stepLabel } from './labels.ts';
import './messages-detail.ts';
import './messages-workflow.ts';

type Verification = 'checking' | 'valid' | 'invalid' | 'unknownKey' | 'unavailable';

/**
 * Every step of a document in order, with who and when (server steps as "System"), and apart from them, quietly,
 * the steps recorded but not counted by the workflow (with the reason). An approval shows its tamper-evidence
 * record and whether it still verifies against the document as it is now.
 */
@customElement('dk-document-timeline')
export class DkDocumentTimeline extends LitElement {
  static override styles = [
    sharedStyles,
    documentChipStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0;
      }
      ol > li {
        position: relative;
        display: grid;
        gap: var(--dk-space-1);
        padding-block: var(--dk-space-2) var(--dk-space-3);
        padding-inline-start: var(--dk-space-5);
        border-inline-start: 2px solid var(--dk-color-border);
        margin-inline-start: var(--dk-space-2);
        font-size: var(--dk-font-size-sm);
        min-inline-size: 0;
      }
      ol > li::before {
        content: '';
        position: absolute;
        inset-inline-start: -7px;
        inset-block-start: calc(var(--dk-space-2) + 4px);
        inline-size: 12px;
        block-size: 12px;
        border-radius: 50%;
        background: var(--dk-color-primary);
        border: 2px solid var(--dk-color-surface);
      }
      ol > li.system::before {
        background: var(--dk-color-border-strong);
      }
      .line {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--dk-space-1) var(--dk-space-2);
      }
      .step {
        font-weight: 700;
        font-size: var(--dk-font-size-md);
      }
      .who {
        font-weight: 600;
      }
      time {
        color: var(--dk-color-text-muted);
      }
      p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .note {
        white-space: pre-wrap;
      }
      ul.plain {
        margin: 0;
        padding-inline-start: var(--dk-space-4);
      }
      .files {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-1) var(--dk-space-3);
        color: var(--dk-color-text-muted);
      }
      .files span {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-1);
      }
      .files svg {
        inline-size: 14px;
        block-size: 14px;
      }
      .record {
        display: grid;
        gap: var(--dk-space-1);
        padding: var(--dk-space-2) var(--dk-space-3);
        border: 1px dashed var(--dk-color-border-strong);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface-muted);
      }
      .record .explain {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-xs);
      }
      details.ignored {
        margin-block-start: var(--dk-space-4);
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      details.ignored summary {
        cursor: pointer;
        min-block-size: var(--dk-touch-target);
        display: flex;
        align-items: center;
      }
      details.ignored ul {
        margin: 0;
        padding-inline-start: var(--dk-space-4);
        display: grid;
        gap: var(--dk-space-2);
      }
      .none {
        color: var(--dk-color-text-muted);
      }
    `,
  ];

  @property({ attribute: false }) row?: DocumentRow;
  @property({ attribute: false }) directory: Directory = emptyDirectory();
  /** Needed to look up the signer's public key when verifying an approval record. */
  @property({ attribute: false }) me: MeResponse | null = null;

  @state() private _verified = new Map<string, Verification>();
  /** What each verification was made against (the document and its events change: verify again). */
  private _verifiedFor = new Map<string, string>();

  protected readonly _locale = new LocaleController(this);

  override updated(): void {
    const row = this.row;
    if (!row || !this.me) return;
    const version = `${row.doc._rev ?? ''}|${row.events.length}`;
    for (const e of row.state.applied) {
      if (e.kind !== 'approved' || !e.approval) continue;
      if (this._verifiedFor.get(e._id) === version) continue;
      this._verifiedFor.set(e._id, version);
      void this._verify(row, e, version);
    }
  }

  private async _verify(row: DocumentRow, e: OfficialDocumentEvent, version: string): Promise<void> {
    // Until it settles the record shows "checking" (an earlier result stays while the document changes).
    await Promise.resolve();
    let result: Verification = 'unavailable';
    try {
      // Loaded on demand: WebCrypto and the key lookup are only needed for approved outgoing documents.
      const { verifyApproval } = await import('./approval.ts');
      result = await verifyApproval(row, e, this.me!);
    } catch (err) {
      console.warn('Could not verify the approval record', err);
    }
    if (this._verifiedFor.get(e._id) === version) this._setVerified(e._id, result);
  }

  private _setVerified(id: string, v: Verification): void {
    const next = new Map(this._verified);
    next.set(id, v);
    this._verified = next;
  }

  override render() {
    const row = this.row;
    if (!row) return nothing;
    // By time; at the same instant in the order the workflow applied them (a server delivery carries the time of
    // the direction it delivers, and must still come after it).
    const order = new Map(row.state.applied.map((e, i) => [e._id, i]));
    const applied = [...row.state.applied].sort((a, b) =>
      a.createdAt !== b.createdAt ? compareEvents(a, b) : order.get(a._id)! - order.get(b._id)!,
    );
    const ignored = row.state.ignored;
    return html`${
      applied.length
        ? html`<ol aria-label=${t('docdetail.timeline.label')}>
            ${applied.map((e) => this._renderEvent(row, e))}
          </ol>`
        : html`<p class="none">${t('docdetail.timeline.none')}</p>`
    }
    ${
      ignored.length
        ? html`<details class="ignored">
            <summary>${t('docdetail.timeline.ignored', { count: formatNumber(ignored.length) })}</summary>
            <p>${t('docdetail.timeline.ignoredHint')}</p>
            <ul>
              ${ignored.map(
                ({ event, reason }) =>
                  html`<li data-ignored=${event._id}>
                    <strong>${stepLabel(event.kind)}</strong> ·
                    <span dir="auto">${actorLabel({ by: event.createdBy, name: event.actorName })}</span> ·
                    <time datetime=${event.createdAt}>${formatDateTime(event.createdAt)}</time>
                    <br /><span data-reason=${reason}>${t(`workflow.${reason}`)}</span>
                  </li>`,
              )}
            </ul>
          </details>`
        : nothing
    }`;
  }

  private _renderEvent(row: DocumentRow, e: OfficialDocumentEvent) {
    const system = e.createdBy === 'system';
    const files = (e.files ?? []).map((f) => f.name);
    return html`<li class=${system ? 'system' : ''} data-event=${e._id} data-kind=${e.kind}>
      <div class="line">
        <span class="step">${stepLabel(e.kind)}</span>
        <span class="who" dir="auto">${actorLabel({ by: e.createdBy, name: e.actorName })}</span>
        <time datetime=${e.createdAt}>${formatDateTime(e.createdAt)}</time>
      </div>
      ${this._details(row, e)} ${e.note ? html`<p class="note" dir="auto">${e.note}</p>` : nothing}
      ${files.length ? html`<p class="files">${files.map((f) => html`<span>${icons.paperclip}<bdi>${f}</bdi></span>`)}</p>` : nothing}
      ${e.kind === 'approved' ? this._renderRecord(e) : nothing}
    </li>`;
  }

  /** The facts of a step beyond who, when and the note. */
  private _details(row: DocumentRow, e: OfficialDocumentEvent) {
    const dir = this.directory;
    const bits: unknown[] = [];
    if (e.kind === 'numbered' && e.number !== undefined) {
      const incoming = row.doc.direction === 'incoming';
      bits.push(
        incoming
          ? t('docdetail.timeline.arrivalNumber', { number: formatArrivalNumber(e.number) })
          : html`${t('docdetail.timeline.numberSymbol')} <bdi dir="ltr">${e.numberSymbol ?? e.number}</bdi>${
                e.issuedOn ? html` · ${ti('docdetail.issuedOnShort', { day: formatDay(e.issuedOn) })}` : nothing
              }`,
      );
    }
    if (e.assignments?.length) {
      bits.push(
        html`<ul class="plain">
          ${e.assignments.map(
            (a) =>
              html`<li>
                ${roleLabel(a.role)}: <span dir="auto">${assigneeName(dir, a.assignee)}</span>${
                  a.deadline ? html` · ${ti('docdetail.tree.deadline', { day: formatDay(a.deadline) })}` : nothing
                }
              </li>`,
          )}
        </ul>`,
      );
    } else if (e.assignee && e.kind !== 'registered') {
      const key = e.kind === 'delivered' ? 'docdetail.timeline.to' : 'docdetail.timeline.for';
      bits.push(html`${ti(key, { name: assigneeName(dir, e.assignee) })}`);
    }
    if (e.percent !== undefined) bits.push(t('docdetail.timeline.percent', { percent: formatNumber(e.percent) }));
    if (e.kind === 'extensionRequested' && e.requestedDeadline)
      bits.push(ti('docdetail.timeline.requested', { day: formatDay(e.requestedDeadline) }));
    if (e.kind === 'extensionAnswered')
      bits.push(
        e.accepted
          ? e.requestedDeadline
            ? ti('docdetail.timeline.acceptedTo', { day: formatDay(e.requestedDeadline) })
            : t('docdetail.timeline.accepted')
          : t('docdetail.timeline.refused'),
      );
    if (e.returnReason) bits.push(returnReasonLabel(e.returnReason));
    if (e.version !== undefined) bits.push(t('docdetail.versionN', { version: e.version }));
    if (e.kind === 'dispatched') {
      bits.push(
        html`${e.dispatchMethod ? dispatchLabel(e.dispatchMethod) : nothing}${e.dispatchedOn ? html` · ${formatDay(e.dispatchedOn)}` : nothing}${
          e.recipients?.length ? html`: <span dir="auto">${e.recipients.join(', ')}</span>` : nothing
        }`,
      );
    }
    if (e.kind === 'replaced' && e.replacementId)
      bits.push(html`<a href=${`/documents/${encodeURIComponent(e.replacementId)}`}>${t('docdetail.replacementLink')}</a>`);
    return bits.map((b) => html`<p>${b}</p>`);
  }

  private _renderRecord(e: OfficialDocumentEvent) {
    if (!e.approval) return html`<p class="none">${t('docdetail.record.none')}</p>`;
    const v = this._verified.get(e._id) ?? 'checking';
    const tone = v === 'valid' ? 'ok' : v === 'invalid' ? 'bad' : v === 'checking' ? 'info' : 'warn';
    return html`<div class="record" data-record>
      <div class="line">
        <strong>${t('docdetail.record.title')}</strong>
        <span class="chip ${tone}" data-verification=${v} role="status">${t(`docdetail.record.${v}`)}</span>
      </div>
      <p class="explain">${t('docdetail.record.explain')}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-timeline': DkDocumentTimeline;
  }
}
