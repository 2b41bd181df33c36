import { css } from 'lit';

/** Chips of documents (list, detail, registers): status tones, urgency, confidentiality, awaiting number, pending. */
export const documentChipStyles = css`
  .chip.ok {
    background: var(--dk-color-success-soft);
    color: var(--dk-color-success);
    border-color: #9fd3ae;
  }
  .chip.warn,
  .chip.pending,
  .chip.awaiting {
    background: var(--dk-color-warning-soft);
    color: var(--dk-color-warning);
    border-color: #e7b968;
  }
  .chip.bad,
  .chip.urgent {
    background: var(--dk-color-accent-soft);
    color: var(--dk-color-accent);
    border-color: #f1a9a0;
  }
  .chip.info {
    background: var(--dk-color-primary-soft);
    color: var(--dk-color-primary);
    border-color: #a9c1e0;
  }
  .chip.muted {
    opacity: 0.75;
  }
  .chip.secret {
    background: #3b1f1f;
    color: #fff;
    border-color: #3b1f1f;
  }
`;
