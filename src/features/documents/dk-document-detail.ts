import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import { type DocumentRow, listDocuments, subscribeDocuments } from '../../data/documents.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory, subscribeDirectory, unitNameOf } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { LocaleController, formatDateTime, formatDay, formatNumber, t } from '../../i18n/i18n.ts';
import type { Space } from '../../model/spaces.ts';
import type { MeResponse } from '../../model/api.ts';
import type { IncomingDocument, OutgoingDocument } from '../../model/documents/types.ts';
import type { IncomingState, OutgoingState, Stamp } from '../../model/documents/workflow.ts';
import { wardDay } from '../../model/time.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { backLinkStyles } from '../../ui/page-styles.ts';
import { detailLayoutStyles } from '../../ui/detail-styles.ts';
import '../../ui/dk-empty-state.ts';
import { documentChipStyles } from './chip-styles.ts';
import { actorLabel, assigneeName, ti } from './detail-names.ts';
import {
  confidentialityLabel,
  dispatchLabel,
  kindLabel,
  phaseLabel,
  receivedViaLabel,
  statusLabel,
  statusTone,
  urgencyLabel,
} from './labels.ts';
import './dk-document-actions.ts';
import './dk-document-files.ts';
import './dk-direction-tree.ts';
import './dk-document-timeline.ts';
import '../tasks/dk-document-tasks.ts';
import '../messages/dk-thread.ts';
import './messages-detail.ts';
import './messages-workflow.ts';

/** What the detail view reads: the document, and the few others it links to or reports on. */
interface DetailData {
  forId: string;
  row: DocumentRow | null;
  /** Recipients' incoming copies of this (outgoing) document that are on this device. */
  copies: DocumentRow[];
  /** Other documents named by this one (replies-to, replacement, source), by id, when on this device. */
  linked: Map<string, DocumentRow>;
}

/**
 * One official document (`/documents/<id>`): header (direction, urgency, confidentiality, number or "awaiting
 * number", status), metadata, files, the direction tree or review path, the timeline, and the actions the
 * person may take now (`<dk-document-actions>`, written by its own component). Live: steps arriving by
 * replication or taken on this device appear without a reload.
 */
@customElement('dk-document-detail')
export class DkDocumentDetail extends LitElement {
  static override styles = [
    sharedStyles,
    documentChipStyles,
    backLinkStyles,
    detailLayoutStyles,
    css`
      .back {
        margin-block-end: var(--dk-space-2);
      }
      .back:hover {
        text-decoration: underline;
      }
      .card.urgent {
        border-inline-start: 5px solid var(--dk-color-accent);
      }
      .chip.urgent.immediate {
        background: var(--dk-color-accent);
        color: #fff;
        font-size: var(--dk-font-size-sm);
      }
      .kind {
        margin: 0;
        color: var(--dk-color-text-muted);
        font-weight: 600;
        font-size: var(--dk-font-size-sm);
      }
      .number {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--dk-space-2);
        margin: 0;
        font-size: var(--dk-font-size-md);
      }
      .number strong {
        font-size: var(--dk-font-size-lg);
      }
      .hint {
        margin: 0;
      }
      dl {
        font-size: var(--dk-font-size-sm);
      }
      dt,
      dd {
        overflow-wrap: anywhere;
      }
      dd ul {
        margin: 0;
        padding-inline-start: var(--dk-space-4);
      }
      .banner p {
        margin: 0;
      }
      .banner .text {
        display: grid;
        gap: var(--dk-space-1);
        flex: 1 1 16rem;
      }
      a {
        color: var(--dk-color-primary);
      }
    `,
  ];

  /** The document to show (from `/documents/<id>`). */
  @property() documentId?: string;

  /** The signed-in person (from the app's context; tests set it directly). */
  @consume({ context: meContext, subscribe: true })
  @property({ attribute: false })
  me: MeResponse | null = null;

  /** Today in the ward (tests pin it). */
  @property({ attribute: false }) today = wardDay();

  protected readonly _locale = new LocaleController(this);

  private readonly _query = new LiveQueryController<DetailData | undefined>(
    this,
    async () => {
      const me = this.me;
      const id = this.documentId;
      if (!me || !id) return undefined;
      const rows = await listDocuments(me);
      const row = rows.find((r) => r.id === id) ?? null;
      const copies = rows.filter((r) => r.doc.direction === 'incoming' && r.doc.sourceDocumentId === id);
      const wanted = new Set<string>();
      if (row?.doc.direction === 'outgoing' && row.doc.repliesTo) wanted.add(row.doc.repliesTo);
      if (row?.doc.direction === 'incoming' && row.doc.sourceDocumentId) wanted.add(row.doc.sourceDocumentId);
      if (row?.state.replaced?.replacementId) wanted.add(row.state.replaced.replacementId);
      const linked = new Map(rows.filter((r) => wanted.has(r.id)).map((r) => [r.id, r]));
      return { forId: id, row, copies, linked };
    },
    // Subscribed when the element connects; a later sign-in re-subscribes (see willUpdate).
    (cb) => (this.me ? subscribeDocuments(this.me, cb) : () => undefined),
  );

  private readonly _directory = new LiveQueryController<Directory>(
    this,
    () => (this.me ? loadDirectory(this.me) : Promise.resolve(emptyDirectory())),
    (cb) => (this.me ? subscribeDirectory(this.me, cb) : () => undefined),
  );

  private _lastMe?: string | null;

  override willUpdate(changed: Map<string, unknown>): void {
    const meChanged = changed.has('me') && (this.me?.name ?? null) !== this._lastMe;
    if (meChanged && this._lastMe !== undefined && this.isConnected) {
      // A different person (or sign-in after connecting): subscribe to their spaces.
      this._query.hostDisconnected();
      this._query.hostConnected();
      this._directory.hostDisconnected();
      this._directory.hostConnected();
    } else if (changed.has('documentId') && changed.get('documentId') !== undefined) this._query.refresh();
    if (changed.has('me')) this._lastMe = this.me?.name ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._lastMe = this.me?.name ?? null;
  }

  override render() {
    const back = html`<a class="back" href="/documents">${icons.back}${t('docdetail.back')}</a>`;
    const value = this._query.value;
    const data = value && value.forId === this.documentId ? value : undefined;
    if (!data) {
      if (this._query.error) return html`${back}${this._renderLoadError()}`;
      return html`${back}
        <div class="card" role="status" aria-label=${t('common.loading')}>
          <div class="skeleton h"></div>
          <div class="skeleton l"></div>
          <div class="skeleton l"></div>
        </div>`;
    }
    if (!data.row) {
      return html`${back}<dk-empty-state .heading=${t('docdetail.notFound.title')} .icon=${icons.info}>
          <p>${t('docdetail.notFound.body')}</p>
          <a slot="actions" class="btn" href="/documents">${t('docdetail.back')}</a>
        </dk-empty-state>`;
    }
    const row = data.row;
    const dir = this._directory.value ?? emptyDirectory();
    return html`${back}
      <div class="layout">
        <div class="head">${this._renderHeader(row, dir, data)}</div>
        <aside class="side card" aria-labelledby="actions-title">
          <h2 id="actions-title">${t('docdetail.actions')}</h2>
          <dk-document-actions .row=${row} .directory=${dir}></dk-document-actions>
        </aside>
        <div class="main">
          <section class="card" aria-labelledby="meta-title">
            <h2 id="meta-title">${t('docdetail.metadata')}</h2>
            ${row.doc.direction === 'incoming' ? this._renderIncomingMeta(row, dir, data) : this._renderOutgoingMeta(row, dir, data)}
          </section>
          <section class="card" aria-labelledby="files-title">
            <h2 id="files-title">${t('docdetail.files')}</h2>
            <dk-document-files .row=${row} .me=${this.me} .directory=${dir}></dk-document-files>
          </section>
          <section class="card" aria-labelledby="tasks-title">
            <h2 id="tasks-title">${t('taskDetail.docTasks.title')}</h2>
            <dk-document-tasks .me=${this.me} .documentId=${row.id} .directory=${dir}></dk-document-tasks>
          </section>
          <section class="card" aria-labelledby="tree-title">
            <h2 id="tree-title">${row.doc.direction === 'incoming' ? t('docdetail.tree') : t('docdetail.review')}</h2>
            <dk-direction-tree .row=${row} .directory=${dir} .copies=${data.copies} .today=${this.today}></dk-direction-tree>
          </section>
          <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">${t('docdetail.timeline')}</h2>
            <dk-document-timeline .row=${row} .directory=${dir} .me=${this.me}></dk-document-timeline>
          </section>
          ${
            this._threadSpace(row)
              ? html`<section class="card">
                  <dk-thread .space=${this._threadSpace(row)} .parentId=${row.id} .people=${[]}></dk-thread>
                </section>`
              : nothing
          }
        </div>
      </div>`;
  }

  /**
   * Where the discussion of the document is held: the copy in one of my units' spaces when I hold one, else the
   * first unit copy here (leaders and clerks hold every unit's). Each copy's readers discuss in that copy; a
   * document only in the registry (not delivered yet) has no discussion.
   */
  private _threadSpace(row: { heldIn: Space[] }): Space | undefined {
    const units = this.me?.units ?? [];
    return row.heldIn.find((s) => s.kind === 'unit' && units.includes(s.id)) ?? row.heldIn.find((s) => s.kind === 'unit');
  }

  private _renderLoadError() {
    return html`<div class="banner danger" role="alert">
      ${icons.warning}<span>${t('docdetail.loadError')}</span>
      <button class="btn" @click=${() => this._query.refresh()}>${t('common.retry')}</button>
    </div>`;
  }

  private _renderHeader(row: DocumentRow, dir: Directory, data: DetailData) {
    const doc = row.doc;
    const s = row.state;
    const incoming = doc.direction === 'incoming';
    const status = row.status;
    return html`<article class="card ${row.urgent ? 'urgent' : ''}" aria-labelledby="doc-title">
      <div class="chips">
        <span class="chip info">${incoming ? t('doc.incoming') : t('doc.outgoing')}</span>
        ${
          row.urgent
            ? html`<span class="chip urgent ${doc.urgency}" data-urgency=${doc.urgency}>${icons.warning}${urgencyLabel(doc.urgency)}</span>`
            : nothing
        }
        ${row.confidential ? html`<span class="chip secret">${confidentialityLabel(doc.confidentiality)}</span>` : nothing}
        ${status ? html`<span class="chip status ${statusTone(status)}">${statusLabel(status)}</span>` : nothing}
        ${!incoming || s.phase === 'completed' ? html`<span class="chip phase">${phaseLabel(s.phase)}</span>` : nothing}
        ${row.pending ? html`<span class="chip pending">${icons.clock}${t('docdetail.pending')}</span>` : nothing}
      </div>
      <p class="kind">${kindLabel(doc.kind)}</p>
      <h1 id="doc-title" dir="auto">${doc.summary}</h1>
      ${this._renderNumber(row)} ${row.pending ? html`<p class="hint">${t('docdetail.pendingHint')}</p>` : nothing}
      ${this._renderRecall(row, dir, data)}
    </article>`;
  }

  private _renderNumber(row: DocumentRow) {
    const incoming = row.doc.direction === 'incoming';
    if (row.numberText) {
      return html`<p class="number" data-number>
        <span>${incoming ? t('doc.arrivalNumber') : t('doc.numberSymbol')}:</span>
        <strong dir="ltr">${row.numberText}</strong>
        ${
          row.state.number?.issuedOn && !incoming
            ? html`<span class="hint">${ti('docdetail.issuedOnShort', { day: formatDay(row.state.number.issuedOn) })}</span>`
            : nothing
        }
      </p>`;
    }
    if (row.awaitingNumber) {
      return html`<div class="number" data-awaiting>
        <span class="chip awaiting">${icons.clock}${t('doc.awaitingNumber')}</span>
        <p class="hint">${incoming ? t('docdetail.awaitingHint.incoming') : t('docdetail.awaitingHint.outgoing')}</p>
      </div>`;
    }
    return nothing;
  }

  private _renderRecall(row: DocumentRow, _dir: Directory, data: DetailData) {
    const s = row.state;
    const stamp = s.replaced ?? s.recalled;
    if (!stamp) return nothing;
    const replaced = !!s.replaced;
    const replacementId = s.replaced?.replacementId;
    const replacement = replacementId ? data.linked.get(replacementId) : undefined;
    return html`<div class="banner danger" role="note" data-recall>
      ${icons.warning}
      <div class="text">
        <p>
          <strong>${replaced ? t('docdetail.replacedBanner') : t('docdetail.recalledBanner')}</strong>
          ${ti('docdetail.byAt', { name: actorLabel(stamp), time: formatDateTime(stamp.at) })}
        </p>
        ${stamp.note ? html`<p dir="auto">${ti('docdetail.reason', { note: stamp.note })}</p>` : nothing}
        ${
          replacementId
            ? html`<p>
                <a href=${`/documents/${encodeURIComponent(replacementId)}`}
                  >${replacement ? replacement.doc.summary : t('docdetail.replacementLink')}</a
                >
              </p>`
            : nothing
        }
      </div>
    </div>`;
  }

  private _stamp(s: Stamp | undefined): TemplateResult | typeof nothing {
    if (!s) return nothing;
    return html`<span dir="auto">${actorLabel(s)}</span>, <time datetime=${s.at}>${formatDateTime(s.at)}</time>`;
  }

  private _item(label: string, value: unknown, key?: string) {
    if (value === undefined || value === null || value === '' || value === nothing) return nothing;
    return html`<dt>${label}</dt>
      <dd data-field=${key ?? nothing}>${value}</dd>`;
  }

  private _link(id: string, linked: Map<string, DocumentRow>) {
    const other = linked.get(id);
    return html`<a href=${`/documents/${encodeURIComponent(id)}`} dir="auto">${other ? other.doc.summary : t('docdetail.openLinked')}</a>`;
  }

  private _renderIncomingMeta(row: DocumentRow, dir: Directory, data: DetailData) {
    const doc = row.doc as IncomingDocument;
    const s = row.state as IncomingState;
    return html`<dl>
      ${this._item(t('docdetail.f.issuingBody'), html`<span dir="auto">${doc.issuingBody}</span>`, 'issuingBody')}
      ${this._item(t('docdetail.f.numberSymbol'), html`<span dir="ltr">${doc.numberSymbol}</span>`, 'numberSymbol')}
      ${this._item(t('docdetail.f.issuedOn'), formatDay(doc.issuedOn), 'issuedOn')}
      ${this._item(t('docdetail.f.kind'), kindLabel(doc.kind))}
      ${this._item(t('docdetail.f.signer'), doc.signer ? html`<span dir="auto">${doc.signer}</span>` : undefined, 'signer')}
      ${this._item(t('docdetail.f.pageCount'), doc.pageCount ? formatNumber(doc.pageCount) : undefined, 'pageCount')}
      ${this._item(t('docdetail.f.arrivedOn'), formatDay(doc.arrivedOn), 'arrivedOn')}
      ${this._item(t('docdetail.f.receivedVia'), receivedViaLabel(doc.receivedVia), 'receivedVia')}
      ${this._item(t('docdetail.f.deadline'), doc.deadline ? formatDay(doc.deadline) : undefined, 'deadline')}
      ${this._item(t('docdetail.f.urgency'), urgencyLabel(doc.urgency))}
      ${this._item(t('docdetail.f.confidentiality'), confidentialityLabel(doc.confidentiality))}
      ${this._item(t('docdetail.f.routeTo'), doc.routeTo ? displayNameOf(dir, doc.routeTo) : undefined, 'routeTo')}
      ${this._item(t('docdetail.f.registered'), s.registered ? this._stamp(s.registered) : undefined, 'registered')}
      ${this._item(t('docdetail.f.sourceDocument'), doc.sourceDocumentId ? this._link(doc.sourceDocumentId, data.linked) : undefined)}
    </dl>`;
  }

  private _renderOutgoingMeta(row: DocumentRow, dir: Directory, data: DetailData) {
    const doc = row.doc as OutgoingDocument;
    const s = row.state as OutgoingState;
    const list = (items: string[]) =>
      items.length
        ? html`<ul>
            ${items.map((i) => html`<li dir="auto">${i}</li>`)}
          </ul>`
        : undefined;
    return html`<dl>
      ${this._item(t('docdetail.f.kind'), kindLabel(doc.kind))}
      ${this._item(t('docdetail.f.draftingUnit'), unitNameOf(dir, doc.unitId), 'unit')}
      ${this._item(t('docdetail.f.author'), displayNameOf(dir, doc.createdBy), 'author')}
      ${this._item(t('docdetail.f.signer'), displayNameOf(dir, doc.signer), 'signer')}
      ${this._item(t('docdetail.f.internalRecipients'), list(doc.internalRecipients.map((a) => assigneeName(dir, a))), 'internalRecipients')}
      ${this._item(t('docdetail.f.externalRecipients'), list(doc.externalRecipients), 'externalRecipients')}
      ${this._item(t('docdetail.f.repliesTo'), doc.repliesTo ? this._link(doc.repliesTo, data.linked) : undefined, 'repliesTo')}
      ${this._item(t('docdetail.f.urgency'), urgencyLabel(doc.urgency))}
      ${this._item(t('docdetail.f.confidentiality'), confidentialityLabel(doc.confidentiality))}
      ${this._item(t('docdetail.f.pageCount'), doc.pageCount ? formatNumber(doc.pageCount) : undefined)}
      ${this._item(t('docdetail.f.version'), t('docdetail.versionN', { version: s.version }), 'version')}
      ${this._item(
        t('docdetail.f.approved'),
        s.approved ? html`${this._stamp(s.approved)} · ${t('docdetail.versionN', { version: s.approved.version })}` : undefined,
        'approved',
      )}
      ${this._item(t('docdetail.f.numberSymbol'), s.number?.numberSymbol ? html`<span dir="ltr">${s.number.numberSymbol}</span>` : undefined)}
      ${this._item(t('docdetail.f.issuedOn'), s.number?.issuedOn ? formatDay(s.number.issuedOn) : undefined)}
      ${this._item(t('docdetail.f.issued'), s.issued ? this._stamp(s.issued) : undefined, 'issued')}
      ${this._item(
        t('docdetail.f.dispatches'),
        s.dispatches.length
          ? html`<ul>
              ${s.dispatches.map(
                (d) =>
                  html`<li>
                    ${d.method ? dispatchLabel(d.method) : nothing}${d.on ? html` · ${formatDay(d.on)}` : nothing}:
                    <span dir="auto">${d.recipients.join(', ')}</span>
                    (${this._stamp(d)})${d.note ? html` — <span dir="auto">${d.note}</span>` : nothing}
                  </li>`,
              )}
            </ul>`
          : undefined,
        'dispatches',
      )}
    </dl>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-detail': DkDocumentDetail;
  }
}
