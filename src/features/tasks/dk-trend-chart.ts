import { LitElement, css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController, formatDay, formatNumber, getLocale, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { chartFrame, chartFrameStyles } from '../../ui/chart-frame.ts';
import { chartPatterns, legendStyles, niceMax, seriesFill, shortDay, swatch } from './chart-series.ts';
import './messages-stats.ts';

export interface TrendWeek {
  /** Monday of the week (YYYY-MM-DD). */
  weekStart: string;
  assigned: number;
  doneOnTime: number;
  doneLate: number;
}

const PLOT = 160;
const TOP = 8;
const AXIS = 22;
/** Left (right in Arabic) gutter for the scale, in % of the width. */
const GUTTER = 9;

/**
 * Tasks assigned and done per week: done on time and late as stacked columns, assigned as a line with points.
 * X positions are percentages (no viewBox: text keeps its size on a phone; lines use `<line>` segments, which
 * take percentages where a polyline does not); mirrored in Arabic. Screen readers get the SVG as one image with
 * a description and the figures in a visually hidden table (wrapped in a div: a table never shrinks to 1 px
 * and would widen the page).
 */
@customElement('dk-trend-chart')
export class DkTrendChart extends LitElement {
  static override styles = [
    sharedStyles,
    legendStyles,
    chartFrameStyles,
    css`
      svg.chart {
        font-size: 12px;
      }
      .grid {
        stroke: var(--dk-color-border);
      }
      .axis text {
        fill: var(--dk-color-text-muted);
        font-variant-numeric: tabular-nums;
      }
      .assigned {
        stroke: var(--dk-color-text);
        stroke-width: 2;
      }
      circle.assigned {
        fill: var(--dk-color-text);
        stroke: var(--dk-color-surface);
        stroke-width: 1;
      }
      table {
        border-collapse: collapse;
        font-size: var(--dk-font-size-sm);
      }
      th,
      td {
        padding: 2px 8px;
        text-align: end;
      }
      th:first-child {
        text-align: start;
      }
    `,
  ];

  @property({ attribute: false }) weeks: TrendWeek[] = [];
  @property() from = '';
  @property() to = '';

  protected readonly _locale = new LocaleController(this);

  override render() {
    const weeks = this.weeks;
    if (weeks.length === 0) return nothing;
    const rtl = getLocale() === 'ar';
    const max = niceMax(Math.max(1, ...weeks.map((w) => Math.max(w.assigned, w.doneOnTime + w.doneLate))));
    const slot = (100 - GUTTER) / weeks.length;
    // The centre of week i, in % of the width; mirrored in Arabic.
    const cx = (i: number): number => (rtl ? 100 - GUTTER - (i + 0.5) * slot : GUTTER + (i + 0.5) * slot);
    const y = (v: number): number => TOP + PLOT - (v / max) * PLOT;
    const colW = Math.min(slot * 0.6, 6);
    const col = (i: number, from: number, to: number, fill: string, cls: string) =>
      to > from
        ? svg`<rect class=${cls} x=${`${cx(i) - colW / 2}%`} width=${`${colW}%`} y=${y(to)} height=${y(from) - y(to)} fill=${fill}></rect>`
        : '';
    // Label a few weeks only: first, last and some between, so that they never overlap on a phone.
    const every = Math.max(1, Math.ceil(weeks.length / 6));
    const ticks = [0, max / 2, max];
    const scaleX = rtl ? '100%' : '0';
    return chartFrame({
      id: 'trend',
      title: t('tasks.stats.trend'),
      desc: t('tasks.stats.trendDesc', { from: formatDay(this.from), to: formatDay(this.to) }),
      height: TOP + PLOT + AXIS,
      rtl,
      defs: chartPatterns,
      body: svg`<g class="axis">
          ${ticks.map(
            (v) =>
              svg`<line class="grid" x1=${rtl ? '0' : `${GUTTER}%`} x2=${rtl ? `${100 - GUTTER}%` : '100%'} y1=${y(v)} y2=${y(v)}></line>
                <text x=${scaleX} y=${y(v) + 4} text-anchor="start">${formatNumber(Math.round(v * 10) / 10)}</text>`,
          )}
          ${weeks.map((w, i) =>
            i % every === 0 || i === weeks.length - 1
              ? svg`<text x=${`${cx(i)}%`} y=${TOP + PLOT + 16} text-anchor="middle">${shortDay(w.weekStart)}</text>`
              : '',
          )}
        </g>
        ${weeks.map(
          (w, i) =>
            svg`${col(i, 0, w.doneOnTime, seriesFill('doneOnTime'), 'doneOnTime')}${col(i, w.doneOnTime, w.doneOnTime + w.doneLate, seriesFill('doneLate'), 'doneLate')}`,
        )}
        ${weeks.map((w, i) =>
          i > 0
            ? svg`<line class="assigned" x1=${`${cx(i - 1)}%`} y1=${y(weeks[i - 1]!.assigned)} x2=${`${cx(i)}%`} y2=${y(w.assigned)}></line>`
            : '',
        )}
        ${weeks.map((w, i) => svg`<circle class="assigned" cx=${`${cx(i)}%`} cy=${y(w.assigned)} r="3.5"></circle>`)}`,
      legend: (['assigned', 'doneOnTime', 'doneLate'] as const).map((s) => html`<li>${swatch(s)}${t(`tasks.stats.trend.${s}`)}</li>`),
      after: html`<div class="visually-hidden">
        <table>
          <caption>
            ${t('tasks.stats.trend')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('tasks.stats.week')}</th>
              <th scope="col">${t('tasks.stats.trend.assigned')}</th>
              <th scope="col">${t('tasks.stats.trend.doneOnTime')}</th>
              <th scope="col">${t('tasks.stats.trend.doneLate')}</th>
            </tr>
          </thead>
          <tbody>
            ${weeks.map(
              (w) =>
                html`<tr>
                  <th scope="row">${formatDay(w.weekStart)}</th>
                  <td>${formatNumber(w.assigned)}</td>
                  <td>${formatNumber(w.doneOnTime)}</td>
                  <td>${formatNumber(w.doneLate)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-trend-chart': DkTrendChart;
  }
}
