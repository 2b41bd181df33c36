import { css } from 'lit';

/** The chips a notice carries in the list and the detail view: pinned, audience, pending sync. */
export const noticeChipStyles = css`
  .chip svg {
    inline-size: 14px;
    block-size: 14px;
  }
  .chip.pin {
    background: var(--dk-color-accent-soft);
    color: var(--dk-color-accent);
    border-color: #f1a9a0;
  }
  .chip.org {
    background: var(--dk-color-primary-soft);
    color: var(--dk-color-primary);
    border-color: #a9c1e0;
  }
  .chip.pending {
    background: var(--dk-color-warning-soft);
    color: var(--dk-color-warning);
    border-color: #e7b968;
  }
`;
