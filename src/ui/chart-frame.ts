import { css, html, type TemplateResult } from 'lit';

/** The chart's element and its SVG: a column (chart, then legend) and a drawing as wide as the column. */
export const chartFrameStyles = css`
  :host {
    display: grid;
    gap: var(--dk-space-2);
  }
  svg.chart {
    display: block;
    inline-size: 100%;
    overflow: visible;
  }
`;

export interface ChartFrame {
  /** Prefix of the title's and description's ids (`<id>-title`, `<id>-desc`), unique in the element. */
  id: string;
  title: string;
  /** The figures in words, for assistive technology (the SVG is one image). */
  desc: string;
  /** Height in px; widths inside are percentages, so text keeps its size at any width. */
  height: number;
  /** Draw right to left (Arabic). */
  rtl: boolean;
  /** SVG definitions the shapes refer to (patterns). */
  defs: unknown;
  /** The shapes. */
  body: unknown;
  /** The legend's items (`<li>`). */
  legend: unknown;
  /** Anything after the legend (e.g. a visually hidden table of the figures). */
  after?: unknown;
}

/** An SVG chart as one image with a title and a description, followed by its legend. */
export const chartFrame = (c: ChartFrame): TemplateResult =>
  html`<svg
      class="chart"
      role="img"
      aria-labelledby=${`${c.id}-title ${c.id}-desc`}
      height=${c.height}
      style=${`direction: ${c.rtl ? 'rtl' : 'ltr'}`}
    >
      <title id=${`${c.id}-title`}>${c.title}</title>
      <desc id=${`${c.id}-desc`}>${c.desc}</desc>
      <defs>${c.defs}</defs>
      ${c.body}
    </svg>
    <ul class="legend">
      ${c.legend}
    </ul>
    ${c.after}`;
