import { css } from 'lit';

/**
 * Pieces of page chrome that the routed pages (documents, tasks, notices) share. Compose them after
 * `sharedStyles` and before the page's own rules, which may add to them (`.back { justify-self: start; }`):
 * `static styles = [sharedStyles, pageColumnStyles, backLinkStyles, css`…`]`.
 */

/** The page as one shrinkable column: wide tables and tab strips scroll inside it instead of widening the page. */
export const pageColumnStyles = css`
  :host {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--dk-space-4);
  }
`;

/** The link back to the list a page belongs to: an arrow (mirrored in right-to-left pages), 44 px tall. */
export const backLinkStyles = css`
  .back {
    display: inline-flex;
    align-items: center;
    gap: var(--dk-space-1);
    min-block-size: var(--dk-touch-target);
    color: var(--dk-color-primary);
    font-weight: 600;
    text-decoration: none;
  }
  :host(:dir(rtl)) .back svg {
    transform: scaleX(-1);
  }
`;

/** The quieter back link above the task board and calendar: small text, a small arrow, the link's own colour. */
export const smallBackLinkStyles = css`
  .back {
    display: inline-flex;
    align-items: center;
    gap: var(--dk-space-1);
    min-block-size: var(--dk-touch-target);
    font-size: var(--dk-font-size-sm);
  }
  .back svg {
    inline-size: 16px;
    block-size: 16px;
  }
  :host(:dir(rtl)) .back svg {
    transform: scaleX(-1);
  }
`;

/**
 * The page header: the title and its one-line introduction (`.sub` under a list's title, `.intro` on a
 * report) at the start, the page's buttons (`.actions`) at the end, wrapping under the title on a phone.
 */
export const pageHeadStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--dk-space-3);
  }
  h1 {
    font-size: var(--dk-font-size-xl);
  }
  .sub,
  .intro {
    margin: var(--dk-space-1) 0 0;
    color: var(--dk-color-text-muted);
    font-size: var(--dk-font-size-sm);
  }
`;

/** A report's row of fields (period, unit) and its buttons, ending on the same line. */
export const reportControlsStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dk-space-3);
    align-items: flex-end;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dk-space-2);
  }
`;

/** Printing a report: the page flows as blocks and leaves out its controls (`.no-print`). */
export const printStyles = css`
  @media print {
    :host {
      display: block;
    }
    .no-print {
      display: none !important;
    }
  }
`;

/**
 * A list page's views as a strip of pill tabs with counts (`.views` around a `ul` of links, the current one
 * `aria-current="page"`), and the status line under them (`.summary`). Phones scroll the strip sideways
 * instead of wrapping it into a wall of buttons.
 */
export const viewTabsStyles = css`
  .views {
    overflow-x: auto;
    scrollbar-width: thin;
    /* Keeps the visually hidden counts (absolutely positioned) inside the scroller, not past the page's edge. */
    position: relative;
    margin-inline: calc(-1 * var(--dk-space-1));
    padding: var(--dk-space-1);
  }
  .views ul {
    display: flex;
    gap: var(--dk-space-2);
    margin: 0;
    padding: 0;
    list-style: none;
    inline-size: max-content;
  }
  @media (min-width: 840px) {
    .views {
      overflow: visible;
    }
    .views ul {
      flex-wrap: wrap;
      inline-size: auto;
    }
  }
  .views a {
    display: inline-flex;
    align-items: center;
    gap: var(--dk-space-2);
    min-block-size: var(--dk-touch-target);
    padding-inline: var(--dk-space-3);
    border: 1px solid var(--dk-color-border);
    border-radius: 999px;
    background: var(--dk-color-surface);
    color: var(--dk-color-text);
    text-decoration: none;
    font-weight: 500;
    white-space: nowrap;
  }
  .views a:hover {
    border-color: var(--dk-color-border-strong);
  }
  .views a[aria-current='page'] {
    background: var(--dk-color-primary);
    border-color: var(--dk-color-primary);
    color: var(--dk-color-on-primary);
    font-weight: 700;
  }
  .count {
    min-inline-size: 1.5rem;
    padding-inline: 6px;
    border-radius: 999px;
    background: var(--dk-color-surface-muted);
    color: var(--dk-color-text-muted);
    font-size: var(--dk-font-size-xs);
    font-weight: 700;
    text-align: center;
    line-height: 1.5rem;
  }
  .summary {
    margin: 0;
    color: var(--dk-color-text-muted);
    font-size: var(--dk-font-size-sm);
  }
`;
