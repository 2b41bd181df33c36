import { css } from 'lit';

/**
 * A table of figures (statistics, the processing report) in a framed box that scrolls sideways on a phone
 * (`.scroll` around the table): names at the start, numbers at the end in tabular digits, a muted header row,
 * and a muted `0` (`.zero`) as wide as the touch target of the figures that open a list. Compose after
 * `sharedStyles`; the page sets the table's minimum width and its first column.
 */
export const figureTableStyles = css`
  .scroll {
    overflow-x: auto;
    background: var(--dk-color-surface);
    border: 1px solid var(--dk-color-border);
    border-radius: var(--dk-radius-md);
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: var(--dk-font-size-sm);
  }
  th,
  td {
    padding: var(--dk-space-1) var(--dk-space-2);
    border-block-end: 1px solid var(--dk-color-border);
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  th:first-child {
    text-align: start;
  }
  thead th {
    background: var(--dk-color-surface-muted);
    font-weight: 600;
    vertical-align: bottom;
  }
  tbody th {
    font-weight: 500;
  }
  .zero {
    display: inline-block;
    min-inline-size: var(--dk-touch-target);
    text-align: center;
    color: var(--dk-color-text-muted);
  }
`;
