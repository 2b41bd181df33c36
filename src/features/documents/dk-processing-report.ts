import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { type DocumentRow, listDocuments, subscribeDocuments, userCtxOf } from '../../data/documents.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory, subscribeDirectory, unitNameOf } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { compareVi } from '../../model/collate.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { type ProcessingRow, REPORT_BUCKETS, type ReportBucket, processingReport } from '../../model/documents/status.ts';
import type { IncomingState } from '../../model/documents/workflow.ts';
import { type UserCtx, hasRole, headedUnitsOf } from '../../model/roles.ts';
import { wardDay } from '../../model/time.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { figureTableStyles } from '../../ui/figure-table-styles.ts';
import { backLinkStyles, pageColumnStyles, pageHeadStyles } from '../../ui/page-styles.ts';
import '../../ui/dk-empty-state.ts';
import { statusLabel } from './labels.ts';
import './dk-document-list.ts';
import './messages.ts';

type Column = 'received' | ReportBucket;
const COLUMNS: readonly Column[] = ['received', ...REPORT_BUCKETS];

interface Selection {
  key: string;
  column: Column;
}

const idsOf = (row: ProcessingRow, column: Column): string[] =>
  column === 'received' ? REPORT_BUCKETS.flatMap((b) => row.documents[b]) : row.documents[column];

/**
 * The processing report (báo cáo tình hình xử lý văn bản): per unit and per person, documents received, done on
 * time, done late, in progress, overdue and returned in a date range. Every non-zero count opens the list of its
 * documents below the tables. Leaders and clerks see everyone; a unit head sees their unit and its people.
 */
@customElement('dk-processing-report')
export class DkProcessingReport extends LitElement {
  static override styles = [
    sharedStyles,
    pageColumnStyles,
    backLinkStyles,
    pageHeadStyles,
    figureTableStyles,
    css`
      .back {
        justify-self: start;
      }
      h2 {
        font-size: var(--dk-font-size-lg);
        margin-block-end: var(--dk-space-2);
      }
      .controls {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-3);
      }
      .controls .field {
        flex: 0 1 12rem;
      }
      table {
        min-inline-size: 40rem;
        /* Both tables share their column widths. */
        table-layout: fixed;
      }
      td:first-child {
        text-align: start;
      }
      thead th:first-child {
        inline-size: 30%;
      }
      tbody th {
        overflow-wrap: break-word;
      }
      td button {
        min-inline-size: var(--dk-touch-target);
        min-block-size: var(--dk-touch-target);
        padding-inline: var(--dk-space-2);
        border: 1px solid transparent;
        border-radius: var(--dk-radius-sm);
        background: none;
        color: var(--dk-color-primary);
        font: inherit;
        font-weight: 700;
        text-decoration: underline;
        cursor: pointer;
      }
      td button:hover,
      td button[aria-pressed='true'] {
        background: var(--dk-color-primary-soft);
        border-color: var(--dk-color-primary);
      }
      td.overdue button {
        color: var(--dk-color-danger);
      }
      .selection {
        display: grid;
        gap: var(--dk-space-3);
      }
      .selection .title {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-2);
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _from = `${wardDay().slice(0, 4)}-01-01`;
  @state() private _to = wardDay();
  @state() private _selected?: Selection;

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

  /** Leaders and clerks see every unit and person; a unit head their units and the people in them. */
  private _scope(user: UserCtx, dir: Directory): ((row: ProcessingRow) => boolean) | null {
    if (hasRole(user, 'leader') || hasRole(user, 'clerk')) return () => true;
    const headed = headedUnitsOf(user);
    if (headed.length === 0) return null;
    return (row) => (row.kind === 'unit' ? headed.includes(row.id) : headed.includes(dir.personByName.get(row.id)?.unitId ?? ''));
  }

  override render() {
    const me = this._me;
    if (!me) return nothing;
    const user = userCtxOf(me);
    const dir = this._dir.value ?? emptyDirectory();
    const scope = this._scope(user, dir);
    const back = html`<a class="back" href="/documents">${icons.back}${t('documents.back')}</a>`;
    if (!scope) {
      return html`${back}<dk-empty-state .heading=${t('documents.report.title')} .icon=${icons.info}>
          <p>${t('documents.report.notAllowed')}</p>
        </dk-empty-state>`;
    }
    const rows = this._rows.value;
    const states = (rows ?? []).map((r) => r.state).filter((s): s is IncomingState => s.direction === 'incoming');
    const report = processingReport(states, wardDay(), { from: this._from || undefined, to: this._to || undefined });
    const nameOf = (r: ProcessingRow) => (r.kind === 'unit' ? unitNameOf(dir, r.id) : displayNameOf(dir, r.id));
    // Units in the ward's order, people by name (the model sorts by key).
    const order = (id: string) => dir.unitById.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
    const units = report.units.filter(scope).sort((a, b) => order(a.id) - order(b.id) || compareVi(nameOf(a), nameOf(b)));
    const persons = report.persons.filter(scope).sort((a, b) => compareVi(nameOf(a), nameOf(b)));
    return html`${back}
      <div>
        <h1>${t('documents.report.title')}</h1>
        <p class="intro">${t('documents.report.intro')}</p>
      </div>
      <div class="controls">
        <div class="field">
          <label for="from">${t('documents.filter.from')}</label>
          <input id="from" type="date" .value=${this._from} max=${this._to} @change=${(e: Event) => this._setRange('from', e)} />
        </div>
        <div class="field">
          <label for="to">${t('documents.filter.to')}</label>
          <input id="to" type="date" .value=${this._to} min=${this._from} @change=${(e: Event) => this._setRange('to', e)} />
        </div>
      </div>
      ${
        !rows
          ? html`<div class="skeleton" style="block-size: 200px"></div>`
          : units.length + persons.length === 0
            ? html`<dk-empty-state .heading=${t('documents.report.title')} .icon=${icons.documents}>
                <p>${t('documents.report.empty')}</p>
              </dk-empty-state>`
            : html`${units.length ? this._renderTable('units', t('documents.report.units'), units, nameOf) : nothing}
              ${persons.length ? this._renderTable('persons', t('documents.report.persons'), persons, nameOf) : nothing}
              ${this._renderSelection([...units, ...persons], rows, user, dir, nameOf)}`
      }`;
  }

  private _setRange(which: 'from' | 'to', e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (which === 'from') this._from = value;
    else this._to = value;
    this._selected = undefined;
  }

  /** Shows a cell's documents and takes the reader there (keyboard and screen-reader users land on its heading). */
  private async _select(sel: Selection | undefined): Promise<void> {
    this._selected = sel;
    if (!sel) return;
    await this.updateComplete;
    const heading = this.renderRoot.querySelector<HTMLElement>('#selection-title');
    heading?.focus({ preventScroll: true });
    heading?.scrollIntoView({ block: 'start' });
  }

  private _label(c: Column): string {
    return c === 'received' ? t('documents.report.received') : statusLabel(c);
  }

  private _renderTable(id: string, caption: string, rows: ProcessingRow[], nameOf: (r: ProcessingRow) => string) {
    return html`<section aria-labelledby=${`${id}-title`}>
      <h2 id=${`${id}-title`}>${caption}</h2>
      <div class="scroll" role="region" tabindex="0" aria-labelledby=${`${id}-title`}>
        <table>
          <thead>
            <tr>
              <th scope="col">${caption}</th>
              ${COLUMNS.map((c) => html`<th scope="col">${this._label(c)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) =>
                html`<tr data-key=${r.key}>
                  <th scope="row" dir="auto">${nameOf(r)}</th>
                  ${COLUMNS.map((c) => {
                    const n = r[c];
                    if (!n) return html`<td><span class="zero">0</span></td>`;
                    const pressed = this._selected?.key === r.key && this._selected.column === c;
                    return html`<td class=${c}>
                      <button
                        data-column=${c}
                        aria-pressed=${pressed ? 'true' : 'false'}
                        aria-label=${t('documents.report.cell', { name: nameOf(r), bucket: this._label(c), count: n })}
                        @click=${() => this._select(pressed ? undefined : { key: r.key, column: c })}
                      >
                        ${formatNumber(n)}
                      </button>
                    </td>`;
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  private _renderSelection(
    rows: ProcessingRow[],
    docs: DocumentRow[],
    user: UserCtx,
    dir: Directory,
    nameOf: (r: ProcessingRow) => string,
  ) {
    const sel = this._selected;
    const row = sel && rows.find((r) => r.key === sel.key);
    if (!sel || !row) return nothing;
    const ids = new Set(idsOf(row, sel.column));
    const list = docs.filter((d) => ids.has(d.id));
    return html`<section class="selection" aria-labelledby="selection-title">
      <div class="title">
        <h2 id="selection-title" dir="auto" tabindex="-1">
          ${t('documents.report.selection', { name: nameOf(row), bucket: this._label(sel.column), count: list.length })}
        </h2>
        <button class="btn ghost" @click=${() => (this._selected = undefined)}>${icons.close}${t('documents.report.close')}</button>
      </div>
      <dk-document-list .rows=${list} view="all" .user=${user} .unitName=${(id: string) => unitNameOf(dir, id)}></dk-document-list>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-processing-report': DkProcessingReport;
  }
}
