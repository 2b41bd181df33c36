import { css } from 'lit';

/** The administration page's section links: a row of tabs that scrolls sideways on a phone. */
export const adminTabStyles = css`
  .tabs {
    display: flex;
    gap: var(--dk-space-1);
    overflow-x: auto;
    border-block-end: 1px solid var(--dk-color-border);
  }
  .tabs a {
    display: inline-flex;
    align-items: center;
    min-block-size: var(--dk-touch-target);
    padding-inline: var(--dk-space-3);
    color: var(--dk-color-text-muted);
    font-weight: 600;
    text-decoration: none;
    white-space: nowrap;
    border-block-end: 3px solid transparent;
  }
  .tabs a[aria-current='page'] {
    color: var(--dk-color-primary);
    border-block-end-color: var(--dk-color-primary);
  }
`;

/**
 * What the administration sections share: a framed table that scrolls sideways on a phone, a toolbar
 * of controls above it, the card of a form, and the box that shows a one-time password once.
 */
export const adminSectionStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--dk-space-4);
  }
  input[type='file'] {
    min-block-size: var(--dk-touch-target);
    padding-block: var(--dk-space-2);
    font: inherit;
  }
  code {
    font-family: ui-monospace, 'Cascadia Mono', Menlo, monospace;
  }
  .hint p {
    margin: 0 0 var(--dk-space-1);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--dk-space-3);
  }
  .toolbar .field {
    flex: 1 1 14rem;
  }
  .card {
    display: grid;
    gap: var(--dk-space-3);
    padding: var(--dk-space-4);
    background: var(--dk-color-surface);
    border: 1px solid var(--dk-color-border);
    border-radius: var(--dk-radius-lg);
  }
  .card h2,
  .card h3 {
    margin: 0;
    font-size: var(--dk-font-size-lg);
  }
  .grid2 {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: var(--dk-space-3);
  }
  .scroll {
    /* positioned: a visually hidden header inside must not widen the page */
    position: relative;
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
    padding: var(--dk-space-2);
    border-block-end: 1px solid var(--dk-color-border);
    text-align: start;
    vertical-align: top;
  }
  thead th {
    background: var(--dk-color-surface-muted);
    font-weight: 600;
    white-space: nowrap;
  }
  td.num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .muted {
    color: var(--dk-color-text-muted);
    font-weight: 400;
  }
  .mono {
    font-family: ui-monospace, 'Cascadia Mono', Menlo, monospace;
    overflow-wrap: anywhere;
  }
  .otp {
    display: grid;
    gap: var(--dk-space-2);
    padding: var(--dk-space-4);
    border: 2px solid var(--dk-color-primary);
    border-radius: var(--dk-radius-lg);
    background: var(--dk-color-surface);
  }
  .otp .secret {
    font-size: var(--dk-font-size-xl);
    font-weight: 700;
    letter-spacing: 0.05em;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--dk-space-1);
  }
  .row-actions .btn {
    white-space: nowrap;
  }
  .ok {
    color: var(--dk-color-success);
  }
  .bad {
    color: var(--dk-color-danger);
  }
  ul.errors {
    margin: 0;
    padding-inline-start: var(--dk-space-4);
    color: var(--dk-color-danger);
  }
`;
