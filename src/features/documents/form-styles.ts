import { css } from 'lit';
import { formStyles } from '../../ui/forms/form-styles.ts';

/** Layout of the document forms (registration, draft): page head, sections, two-column rows, actions. */
export const documentFormStyles = css`
  ${formStyles}
  :host {
    display: block;
    max-inline-size: 56rem;
  }
  .head {
    display: grid;
    gap: var(--dk-space-1);
    margin-block-end: var(--dk-space-4);
  }
  .head a {
    justify-self: start;
    color: var(--dk-color-primary);
    font-size: var(--dk-font-size-sm);
    display: inline-flex;
    align-items: center;
    gap: var(--dk-space-1);
    min-block-size: var(--dk-touch-target);
  }
  .head a svg {
    inline-size: 18px;
    block-size: 18px;
  }
  :host(:dir(rtl)) .head a svg {
    transform: scaleX(-1);
  }
  h1 {
    font-size: var(--dk-font-size-xl);
  }
  .sub {
    margin: 0;
    color: var(--dk-color-text-muted);
    font-size: var(--dk-font-size-sm);
  }
  fieldset {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--dk-space-4);
    margin: 0;
    padding: var(--dk-space-4);
    border: 1px solid var(--dk-color-border);
    border-radius: var(--dk-radius-lg);
    background: var(--dk-color-surface);
    min-inline-size: 0;
  }
  legend {
    padding-inline: var(--dk-space-2);
    font-weight: 700;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    gap: var(--dk-space-4);
  }
  .banner p {
    margin: 0;
  }
  /* Icon beside the text, also when the text wraps on a phone. */
  .banner {
    flex-wrap: nowrap;
    align-items: flex-start;
  }
  .banner svg {
    flex: none;
  }
  .panel {
    display: grid;
    gap: var(--dk-space-3);
    padding: var(--dk-space-4);
    border: 2px solid var(--dk-color-warning);
    border-radius: var(--dk-radius-lg);
    background: var(--dk-color-warning-soft);
  }
  .panel h2 {
    font-size: var(--dk-font-size-lg);
    display: flex;
    align-items: center;
    gap: var(--dk-space-2);
  }
  .panel ul {
    margin: 0;
    padding-inline-start: var(--dk-space-5);
    display: grid;
    gap: var(--dk-space-2);
  }
  .panel a {
    color: var(--dk-color-primary);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .success {
    background: var(--dk-color-success-soft);
    border-color: #9fd3ae;
  }
`;
