import { css } from 'lit';

/** Time and number inputs look like the shared text and date inputs (shared-styles styles those only). */
export const taskInputStyles = css`
  input[type='time'],
  input[type='number'] {
    inline-size: 100%;
    max-inline-size: 100%;
    min-block-size: var(--dk-touch-target);
    padding-block: var(--dk-space-2);
    padding-inline: var(--dk-space-3);
    border: 1px solid var(--dk-color-border-strong);
    border-radius: var(--dk-radius-md);
    background: var(--dk-color-surface);
    color: inherit;
    font: inherit;
  }
  input[type='time']:focus-visible,
  input[type='number']:focus-visible {
    outline: 3px solid var(--dk-color-focus);
    outline-offset: 2px;
  }
`;
