import { css } from 'lit';

/**
 * A list page's rows (documents, tasks): each row one link drawn as a card with a coloured start edge
 * (4 px; the list sets its colour, e.g. `.urgent a`), the skeleton rows shown while loading, and the box that
 * says no row matches the filters. The list is a flow of blocks (virtualised lists position the rows), so
 * the gap between rows is a margin. Compose after `sharedStyles`; the list sets the row's own layout
 * (`a { display: … }`) and the skeleton row's height.
 */
export const rowListStyles = css`
  .list {
    display: block;
  }
  .item {
    inline-size: 100%;
    margin-block-end: var(--dk-space-2);
  }
  a {
    padding: var(--dk-space-3) var(--dk-space-4);
    background: var(--dk-color-surface);
    border: 1px solid var(--dk-color-border);
    border-inline-start-width: 4px;
    border-radius: var(--dk-radius-md);
    color: inherit;
    text-decoration: none;
  }
  a:hover {
    border-color: var(--dk-color-border-strong);
    box-shadow: var(--dk-shadow-1);
  }
  .skeleton-row {
    display: grid;
    gap: var(--dk-space-2);
    padding: var(--dk-space-3) var(--dk-space-4);
    margin-block-end: var(--dk-space-2);
    background: var(--dk-color-surface);
    border: 1px solid var(--dk-color-border);
    border-radius: var(--dk-radius-md);
  }
  .no-match {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--dk-space-3);
    margin: 0;
    padding: var(--dk-space-4);
    color: var(--dk-color-text-muted);
    background: var(--dk-color-surface);
    border: 1px dashed var(--dk-color-border-strong);
    border-radius: var(--dk-radius-md);
  }
`;

/** A row's deadline: a calendar icon and the day, red when overdue, amber when due soon. */
export const deadlineStyles = css`
  .deadline {
    display: inline-flex;
    align-items: center;
    gap: var(--dk-space-1);
    font-weight: 600;
    color: var(--dk-color-text);
  }
  .deadline svg {
    inline-size: 16px;
    block-size: 16px;
  }
  .deadline.overdue {
    color: var(--dk-color-danger);
  }
  .deadline.dueSoon {
    color: var(--dk-color-warning);
  }
`;
