import { css } from 'lit';

/**
 * What the app's pickers share (documents' assignees and files, tasks' people, links and checklist): the labelled
 * group, the add row (its search, select or text box grows and shrinks with it), the list of chosen items and the
 * danger border of an item with an error. Kept in ui/ because both features' pickers use it. Compose after
 * `sharedStyles`; a picker's own rules follow and may change these (a row of chips instead of a list).
 */
export const pickerStyles = css`
  .group {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--dk-space-2);
  }
  .add {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dk-space-2);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--dk-space-2);
  }
  li.invalid {
    border-color: var(--dk-color-danger);
  }
`;
