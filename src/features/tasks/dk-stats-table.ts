import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { figureTableStyles } from '../../ui/figure-table-styles.ts';
import { type StatCounts, sumCounts } from './stats-csv.ts';
import { type Period, STAT_COLUMNS, type StatColumn, type StatsBy, statCellHref } from './stats-period.ts';
import './messages-stats.ts';

export interface StatsTableRow {
  key: string;
  name: string;
  counts: StatCounts;
}

/**
 * The statistics table: one line per unit or person, a totals line, every non-zero count a link to the task list
 * showing exactly those tasks (assigned in the period, of that unit or lead, with that outcome).
 */
@customElement('dk-stats-table')
export class DkStatsTable extends LitElement {
  static override styles = [
    sharedStyles,
    figureTableStyles,
    css`
      :host {
        display: block;
      }
      table {
        min-inline-size: 36rem;
      }
      th:first-child {
        inline-size: 32%;
        overflow-wrap: break-word;
      }
      tfoot th,
      tfoot td {
        font-weight: 700;
        border-block-start: 2px solid var(--dk-color-border-strong);
        border-block-end: none;
      }
      td a {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-inline-size: var(--dk-touch-target);
        min-block-size: var(--dk-touch-target);
        padding-inline: var(--dk-space-2);
        border-radius: var(--dk-radius-sm);
        color: var(--dk-color-primary);
        font-weight: 700;
      }
      td a:hover {
        background: var(--dk-color-primary-soft);
      }
      td.overdue a {
        color: var(--dk-color-danger);
      }
      td.doneLate a {
        color: var(--dk-color-warning);
      }
      @media print {
        .scroll {
          overflow: visible;
          border: none;
        }
        table {
          min-inline-size: 0;
          color: #000;
        }
        th,
        td {
          border: 1px solid #000;
        }
        td a {
          min-block-size: 0;
          color: #000 !important;
          text-decoration: none;
          font-weight: 400;
        }
      }
    `,
  ];

  @property({ attribute: false }) rows: StatsTableRow[] = [];
  @property() by: StatsBy = 'unit';
  @property({ attribute: false }) period: Period = { from: '', to: '' };
  /** The unit filter of the page, kept on the totals line's links. */
  @property() unit = '';
  @property() caption = '';

  protected readonly _locale = new LocaleController(this);

  private _cell(key: string | null, name: string, c: StatColumn, n: number) {
    if (!n) return html`<td class=${c}><span class="zero">0</span></td>`;
    return html`<td class=${c}>
      <a
        href=${statCellHref(this.by, key, c, this.period, this.unit)}
        aria-label=${t('tasks.stats.cell', { name, column: t(`tasks.stats.col.${c}`), count: n })}
        >${formatNumber(n)}</a
      >
    </td>`;
  }

  override render() {
    const total = sumCounts(this.rows);
    const totalName = t('tasks.stats.total');
    return html`<div class="scroll" role="region" tabindex="0" aria-label=${this.caption}>
      <table>
        <caption class="visually-hidden">
          ${this.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t(`tasks.stats.by.${this.by}`)}</th>
            ${STAT_COLUMNS.map((c) => html`<th scope="col">${t(`tasks.stats.col.${c}`)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.rows.map(
            (r) =>
              html`<tr data-key=${r.key}>
                <th scope="row" dir="auto">${r.name}</th>
                ${STAT_COLUMNS.map((c) => this._cell(r.key, r.name, c, r.counts[c]))}
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr data-key="total">
            <th scope="row">${totalName}</th>
            ${STAT_COLUMNS.map((c) => this._cell(null, totalName, c, total[c]))}
          </tr>
        </tfoot>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-stats-table': DkStatsTable;
  }
}
