import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController, formatNumber, getLocale, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { chartFrame, chartFrameStyles } from '../../ui/chart-frame.ts';
import { CHART_SERIES, chartPatterns, legendStyles, seriesFill, swatch } from './chart-series.ts';
import type { StatCounts } from './stats-csv.ts';
import './messages-stats.ts';

export interface BarRow {
  key: string;
  name: string;
  counts: StatCounts;
}

const ROW = 46;
const BAR = 16;
/** Bars take this share of the width; the rest holds the total at the bar's end. */
const SCALE = 86;

/**
 * A stacked horizontal bar per unit or person (done on time, done late, in progress, overdue), drawn as SVG.
 * Horizontal, with the name above each bar, so that long Vietnamese unit names and 30 people fit a 360 px phone.
 * Widths are percentages (no viewBox), so text keeps its size at any width; in Arabic the bars grow from the
 * right. For assistive technology the SVG is one image whose description gives every line's figures (the
 * same figures are in the table above it).
 */
@customElement('dk-bar-chart')
export class DkBarChart extends LitElement {
  static override styles = [
    sharedStyles,
    legendStyles,
    chartFrameStyles,
    css`
      svg.chart {
        font-size: 13px;
      }
      .name {
        fill: var(--dk-color-text);
      }
      .value {
        fill: var(--dk-color-text);
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .track {
        fill: var(--dk-color-surface-muted);
      }
    `,
  ];

  @property({ attribute: false }) rows: BarRow[] = [];
  /** What one bar is ("đơn vị" / "người chủ trì"), for the description. */
  @property() group = '';

  protected readonly _locale = new LocaleController(this);

  override render() {
    const rtl = getLocale() === 'ar';
    const max = Math.max(1, ...this.rows.map((r) => r.counts.assigned));
    const x = (pct: number, w: number): string => `${rtl ? 100 - pct - w : pct}%`;
    const summary = this.rows
      .map((r) =>
        t('tasks.stats.chartLine', {
          name: r.name,
          assigned: r.counts.assigned,
          doneOnTime: r.counts.doneOnTime,
          doneLate: r.counts.doneLate,
          inProgress: r.counts.inProgress,
          overdue: r.counts.overdue,
        }),
      )
      .join(' ');
    const height = this.rows.length * ROW;
    return chartFrame({
      id: 'bar',
      title: t('tasks.stats.chart'),
      desc: t('tasks.stats.chartDesc', { group: this.group, summary }),
      height,
      rtl,
      defs: chartPatterns,
      body: this.rows.map((r, i) => {
        const y = i * ROW;
        let at = 0;
        const parts = CHART_SERIES.map((s) => {
          const w = (r.counts[s] / max) * SCALE;
          const part =
            w > 0 ? svg`<rect class=${s} x=${x(at, w)} y=${y + 22} width=${`${w}%`} height=${BAR} fill=${seriesFill(s)}></rect>` : '';
          at += w;
          return part;
        });
        const total = (r.counts.assigned / max) * SCALE;
        return svg`<g data-key=${r.key}>
          <text class="name" x=${rtl ? '100%' : '0'} y=${y + 15} text-anchor="start">${r.name}</text>
          <rect class="track" x=${x(0, SCALE)} y=${y + 22} width=${`${SCALE}%`} height=${BAR}></rect>
          ${parts}
          <text class="value" x=${x(total + 1, 0)} y=${y + 35} text-anchor="start">${formatNumber(r.counts.assigned)}</text>
        </g>`;
      }),
      legend: CHART_SERIES.map((s) => html`<li>${swatch(s)}${t(`tasks.stats.col.${s}`)}</li>`),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-bar-chart': DkBarChart;
  }
}
