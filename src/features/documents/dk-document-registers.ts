import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { type DocumentRow, listDocuments, subscribeDocuments, userCtxOf } from '../../data/documents.ts';
import {
  type Directory,
  displayNameOf,
  emptyDirectory,
  loadDirectory,
  registryBookNameOf,
  subscribeDirectory,
  unitNameOf,
} from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { bookFor } from '../../model/documents/numbering.ts';
import {
  type DayRange,
  INCOMING_REGISTER_HEADERS,
  type IncomingRegisterRow,
  OUTGOING_REGISTER_HEADERS,
  type OutgoingRegisterRow,
  directionOfBook,
  incomingCells,
  incomingRegister,
  outgoingCells,
  outgoingRegister,
  registerCsv,
  registerFileName,
  registerTitle,
  viDate,
} from '../../model/documents/registers.ts';
import type { RegistryBook } from '../../model/documents/types.ts';
import { hasRole } from '../../model/roles.ts';
import { wardDay } from '../../model/time.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { backLinkStyles, pageColumnStyles, pageHeadStyles, printStyles, reportControlsStyles } from '../../ui/page-styles.ts';
import '../../ui/dk-empty-state.ts';
import { REGISTRY_BOOKS } from './list-query.ts';
import './messages.ts';

/** `@page` only works in the document's own style sheet, not in a shadow root: added while the register is shown. */
const PAGE_STYLE_ID = 'dk-register-page-style';
function addPageStyle(): void {
  if (document.getElementById(PAGE_STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = PAGE_STYLE_ID;
  style.textContent = '@page { size: A4 landscape; margin: 12mm 10mm; }';
  document.head.append(style);
}

/**
 * The registers (sổ đăng ký văn bản đến / đi) for a date range, as the Decree's tables: on screen, printed on
 * A4 landscape (`window.print()`, the shell hides its bars when printing), and as CSV for Excel. Clerks and
 * leaders; the confidential books only for those who hold confidential documents.
 */
@customElement('dk-document-registers')
export class DkDocumentRegisters extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    backLinkStyles,
    pageHeadStyles,
    reportControlsStyles,
    printStyles,
    css`
      .controls .field {
        flex: 1 1 11rem;
      }
      .note {
        margin: 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .sheet {
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        padding: var(--dk-space-4);
        direction: ltr;
        text-align: start;
      }
      .sheet header {
        text-align: center;
        margin-block-end: var(--dk-space-3);
      }
      .sheet h2 {
        font-size: var(--dk-font-size-lg);
        letter-spacing: 0.02em;
      }
      .period {
        margin: var(--dk-space-1) 0 0;
        font-style: italic;
      }
      .issuer {
        margin: 0 0 var(--dk-space-2);
        font-weight: 700;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        inline-size: 100%;
        min-inline-size: 56rem;
        border-collapse: collapse;
        font-size: var(--dk-font-size-sm);
      }
      th,
      td {
        border: 1px solid var(--dk-color-border-strong);
        padding: 4px 6px;
        vertical-align: top;
        text-align: start;
        /* Wrap long words only when nothing else fits (never shrink a column to one letter). */
        overflow-wrap: break-word;
      }
      th {
        background: var(--dk-color-surface-muted);
        text-align: center;
      }
      td.c {
        text-align: center;
        white-space: nowrap;
      }
      thead tr.idx th {
        font-weight: 400;
        font-style: italic;
      }
      @media print {
        .sheet {
          border: none;
          padding: 0;
        }
        .scroll {
          overflow: visible;
        }
        table {
          min-inline-size: 0;
          font-size: 10pt;
          color: #000;
        }
        th,
        td {
          border-color: #000;
        }
        th {
          background: none;
        }
        thead {
          display: table-header-group;
        }
        tr {
          break-inside: avoid;
        }
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _book: RegistryBook = 'incoming';
  @state() private _from = `${wardDay().slice(0, 4)}-01-01`;
  @state() private _to = wardDay();

  protected readonly _locale = new LocaleController(this);

  private readonly _rows = new LiveQueryController<DocumentRow[]>(
    this,
    async () => (this._me ? listDocuments(this._me) : []),
    (cb) => (this._me ? subscribeDocuments(this._me, cb) : () => {}),
  );
  private readonly _dir = new LiveQueryController<Directory>(
    this,
    async () => (this._me ? loadDirectory(this._me) : emptyDirectory()),
    (cb) => (this._me ? subscribeDirectory(this._me, cb) : () => {}),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    addPageStyle();
  }

  override disconnectedCallback(): void {
    document.getElementById(PAGE_STYLE_ID)?.remove();
    super.disconnectedCallback();
  }

  private _books(rows: DocumentRow[]): RegistryBook[] {
    const held = new Set(rows.filter((r) => r.confidential).map((r) => bookFor(r.doc.direction, r.doc.confidentiality)));
    return REGISTRY_BOOKS.filter((b) => !b.endsWith('Confidential') || held.has(b));
  }

  private get _range(): DayRange {
    return { from: this._from || undefined, to: this._to || undefined };
  }

  /** The register's lines for the chosen book and range. */
  registerRows(): IncomingRegisterRow[] | OutgoingRegisterRow[] {
    const rows = this._rows.value ?? [];
    const dir = this._dir.value ?? emptyDirectory();
    const names = { person: (n: string) => displayNameOf(dir, n), unit: (u: string) => unitNameOf(dir, u) };
    const states = rows.map((r) => r.state);
    const book = this._book;
    return book === 'incoming' || book === 'incomingConfidential'
      ? incomingRegister(states, book, this._range, names)
      : outgoingRegister(states, book, this._range, names);
  }

  private _awaiting(rows: DocumentRow[]): number {
    const r = this._range;
    return rows.filter(
      (row) =>
        row.awaitingNumber &&
        bookFor(row.doc.direction, row.doc.confidentiality) === this._book &&
        (!r.from || row.day >= r.from) &&
        (!r.to || row.day <= r.to),
    ).length;
  }

  private _download(): void {
    const csv = registerCsv(this._book, this.registerRows());
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = registerFileName(this._book, this._range);
    a.hidden = true;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  override render() {
    const me = this._me;
    if (!me) return nothing;
    const user = userCtxOf(me);
    const back = html`<a class="back no-print" href="/documents">${icons.back}${t('documents.back')}</a>`;
    if (!hasRole(user, 'clerk') && !hasRole(user, 'leader')) {
      return html`${back}<dk-empty-state .heading=${t('documents.registers.title')} .icon=${icons.info}>
          <p>${t('documents.registers.notAllowed')}</p>
        </dk-empty-state>`;
    }
    const rows = this._rows.value;
    const badRange = !!this._from && !!this._to && this._from > this._to;
    const lines = rows && !badRange ? this.registerRows() : [];
    const books = this._books(rows ?? []);
    const awaiting = rows ? this._awaiting(rows) : 0;
    return html`${back}
      <div class="no-print">
        <h1>${t('documents.registers.title')}</h1>
      </div>
      <div class="controls no-print">
        <div class="field">
          <label for="book">${t('documents.registers.book')}</label>
          <select id="book" @change=${(e: Event) => (this._book = (e.target as HTMLSelectElement).value as RegistryBook)}>
            ${books.map((b) => html`<option value=${b} ?selected=${b === this._book}>${t(`documents.book.${b}`)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="from">${t('documents.filter.from')}</label>
          <input
            id="from"
            type="date"
            .value=${this._from}
            aria-invalid=${badRange ? 'true' : 'false'}
            aria-describedby=${badRange ? 'range-error' : nothing}
            @change=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="to">${t('documents.filter.to')}</label>
          <input id="to" type="date" .value=${this._to} @change=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="buttons">
          <button class="btn primary" ?disabled=${lines.length === 0} @click=${() => window.print()}>
            ${t('documents.registers.print')}
          </button>
          <button class="btn" ?disabled=${lines.length === 0} @click=${this._download}>
            ${icons.install}${t('documents.registers.csv')}
          </button>
        </div>
      </div>
      ${badRange ? html`<p class="error no-print" id="range-error" role="alert">${t('documents.registers.badRange')}</p>` : nothing}
      <p class="note no-print" role="status">
        ${rows ? t('documents.registers.count', { count: lines.length }) : t('common.loading')}
        ${awaiting ? html` · ${t('documents.registers.awaiting', { count: awaiting })}` : nothing}
      </p>
      ${
        !rows
          ? html`<div class="skeleton" style="block-size: 240px"></div>`
          : lines.length === 0 && !badRange
            ? html`<dk-empty-state class="no-print" .heading=${t(`documents.book.${this._book}`)} .icon=${icons.documents}>
                <p>${t('documents.registers.empty')}</p>
              </dk-empty-state>`
            : lines.length
              ? this._renderSheet(lines)
              : nothing
      }
      <p class="note no-print">${t('documents.registers.formNote')}</p>`;
  }

  /**
   * The printed title: the name the administrator gave this book for the year (e.g. "Sổ đăng ký văn bản đến
   * năm 2026 (tiếp theo sổ giấy)") when the range lies within one year, else the book's standard title.
   */
  private _sheetTitle(): string {
    const from = (this._from || this._to || wardDay()).slice(0, 4);
    const to = (this._to || wardDay()).slice(0, 4);
    const named = from === to ? registryBookNameOf(this._dir.value ?? emptyDirectory(), this._book, Number(from)) : '';
    return named ? named.toLocaleUpperCase('vi') : registerTitle(this._book);
  }

  private _renderSheet(lines: IncomingRegisterRow[] | OutgoingRegisterRow[]) {
    const incoming = directionOfBook(this._book) === 'incoming';
    const headers: readonly string[] = incoming ? INCOMING_REGISTER_HEADERS : OUTGOING_REGISTER_HEADERS;
    const cells = incoming ? (lines as IncomingRegisterRow[]).map(incomingCells) : (lines as OutgoingRegisterRow[]).map(outgoingCells);
    // Narrow columns (dates, numbers) stay on one line; text columns wrap.
    const centred = incoming ? new Set([0, 1, 4, 7]) : new Set([0, 1, 6]);
    const period = `Từ ngày ${viDate(this._from) || '…'} đến ngày ${viDate(this._to) || '…'}`;
    return html`<section class="sheet" lang="vi" aria-labelledby="sheet-title">
      <header>
        ${this._me?.settings?.issuer ? html`<p class="issuer">${this._me.settings.issuer.name.toUpperCase()}</p>` : nothing}
        <h2 id="sheet-title">${this._sheetTitle()}</h2>
        <p class="period">${period}</p>
      </header>
      <div class="scroll" tabindex="0" role="region" aria-labelledby="sheet-title">
        <table>
          <thead>
            <tr>
              ${headers.map((h) => html`<th scope="col">${h}</th>`)}
            </tr>
            <tr class="idx" aria-hidden="true">
              ${headers.map((_, i) => html`<th>(${i + 1})</th>`)}
            </tr>
          </thead>
          <tbody>
            ${cells.map(
              (row, i) =>
                html`<tr data-id=${lines[i]!.documentId}>
                  ${row.map((c, j) => html`<td class=${centred.has(j) ? 'c' : ''}>${c}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-registers': DkDocumentRegisters;
  }
}
