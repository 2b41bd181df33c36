import { css, svg } from 'lit';
import { getLocale } from '../../i18n/i18n.ts';

/**
 * What the two statistics charts share: the colours of the outcomes (with a hatch on the late and overdue ones,
 * so they differ without colour too: printed in black and white, or for colour-blind readers), the legend, and
 * short day labels for axes.
 */
export const CHART_SERIES = ['doneOnTime', 'doneLate', 'inProgress', 'overdue'] as const;
export type ChartSeries = (typeof CHART_SERIES)[number];

/** Fill of a series: a colour, or a pattern defined by `chartPatterns`. */
export const seriesFill = (s: ChartSeries | 'assigned'): string =>
  s === 'doneOnTime'
    ? 'var(--dk-color-success)'
    : s === 'doneLate'
      ? 'url(#dk-hatch-late)'
      : s === 'overdue'
        ? 'url(#dk-hatch-overdue)'
        : 'var(--dk-color-primary)';

/** Pattern definitions; render inside each chart's `<defs>` (ids are per shadow root). */
export const chartPatterns = svg`<pattern id="dk-hatch-late" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
    <rect width="6" height="6" fill="var(--dk-color-warning)"></rect>
    <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2" stroke-opacity="0.5"></line>
  </pattern>
  <pattern id="dk-hatch-overdue" width="6" height="6" patternUnits="userSpaceOnUse">
    <rect width="6" height="6" fill="var(--dk-color-danger)"></rect>
    <path d="M0 0L6 6M6 0L0 6" stroke="#fff" stroke-width="1.2" stroke-opacity="0.55"></path>
  </pattern>`;

export const legendStyles = css`
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dk-space-1) var(--dk-space-4);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--dk-font-size-sm);
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: var(--dk-space-1);
  }
  .legend svg {
    flex: none;
  }
  @media print {
    .legend,
    svg {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  }
`;

/** A swatch for the legend (HTML side: the pattern must be defined in the same shadow root). */
export const swatch = (s: ChartSeries | 'assigned') =>
  s === 'assigned'
    ? svg`<svg width="18" height="12" aria-hidden="true"><line x1="0" y1="6" x2="18" y2="6" stroke="var(--dk-color-text)" stroke-width="2"></line><circle cx="9" cy="6" r="3" fill="var(--dk-color-text)"></circle></svg>`
    : svg`<svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="2" fill=${seriesFill(s)}></rect></svg>`;

const tag = (): string => (getLocale() === 'vi' ? 'vi-VN' : getLocale() === 'ar' ? 'ar' : 'en-GB');

/** `5/11` style label of a ward day for an axis. */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(tag(), { timeZone: 'UTC', day: 'numeric', month: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A round upper bound for an axis (1, 2, 5 × 10ⁿ). */
export function niceMax(n: number): number {
  if (n <= 4) return Math.max(1, n);
  const p = 10 ** Math.floor(Math.log10(n));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= n) return f * p;
  return 10 * p;
}
