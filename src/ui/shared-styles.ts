import { css } from 'lit';

/**
 * Styles shared by many elements: buttons, form fields, focus rings, visually hidden text,
 * skeleton rows. Compose into `static styles = [sharedStyles, css`…`]`.
 */
export const sharedStyles = css`
  :host {
    display: block;
    font-family: var(--dk-font-family);
    color: var(--dk-color-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible,
  /* Chromium focuses the day/month/year fields inside a date input: on some of them the input itself matches
     neither :focus nor :focus-visible, only :focus-within (seen on the report's date range). */
  input[type='date']:focus-within {
    outline: 3px solid var(--dk-color-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.3;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--dk-space-2);
    min-block-size: var(--dk-touch-target);
    min-inline-size: var(--dk-touch-target);
    padding-block: var(--dk-space-2);
    padding-inline: var(--dk-space-4);
    border: 1px solid var(--dk-color-border-strong);
    border-radius: var(--dk-radius-md);
    background: var(--dk-color-surface);
    color: var(--dk-color-text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    text-decoration: none;
  }
  .btn:hover {
    background: var(--dk-color-surface-muted);
  }
  .btn[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .btn.primary {
    background: var(--dk-color-primary);
    border-color: var(--dk-color-primary);
    color: var(--dk-color-on-primary);
  }
  .btn.primary:hover:not([disabled]) {
    background: var(--dk-color-primary-hover);
  }
  .btn.danger {
    background: var(--dk-color-danger);
    border-color: var(--dk-color-danger);
    color: #fff;
  }
  .btn.ghost {
    border-color: transparent;
    background: transparent;
  }
  .btn.ghost:hover {
    background: var(--dk-color-surface-muted);
  }
  .field {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--dk-space-1);
    min-inline-size: 0;
  }
  .field label,
  .label {
    font-weight: 600;
    font-size: var(--dk-font-size-sm);
  }
  .hint {
    color: var(--dk-color-text-muted);
    font-size: var(--dk-font-size-sm);
  }
  input[type='text'],
  input[type='password'],
  input[type='date'],
  input[type='time'],
  input[type='number'],
  input[type='search'],
  input:not([type]),
  select,
  textarea {
    inline-size: 100%;
    max-inline-size: 100%;
    min-block-size: var(--dk-touch-target);
    padding-block: var(--dk-space-2);
    padding-inline: var(--dk-space-3);
    border: 1px solid var(--dk-color-border-strong);
    border-radius: var(--dk-radius-md);
    background: var(--dk-color-surface);
    color: var(--dk-color-text);
    font: inherit;
  }
  textarea {
    resize: vertical;
    min-block-size: 8rem;
  }
  [aria-invalid='true'] {
    border-color: var(--dk-color-danger);
    box-shadow: 0 0 0 1px var(--dk-color-danger);
  }
  .error {
    color: var(--dk-color-danger);
    font-size: var(--dk-font-size-sm);
    font-weight: 600;
    margin: 0;
  }
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--dk-space-3);
    padding-block: var(--dk-space-2);
    padding-inline: var(--dk-space-4);
    border-radius: var(--dk-radius-md);
    border: 1px solid;
  }
  .banner.warning {
    background: var(--dk-color-warning-soft);
    border-color: #e7b968;
    color: var(--dk-color-text);
  }
  .banner.danger {
    background: var(--dk-color-danger-soft);
    border-color: #f1a9a0;
  }
  .banner.info {
    background: var(--dk-color-primary-soft);
    border-color: #a9c1e0;
  }
  .skeleton {
    background: var(--dk-color-skeleton);
    border-radius: var(--dk-radius-sm);
    animation: dk-pulse 1.4s ease-in-out infinite;
  }
  @keyframes dk-pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: var(--dk-space-1);
    padding-block: 2px;
    padding-inline: var(--dk-space-2);
    border-radius: 999px;
    font-size: var(--dk-font-size-xs);
    font-weight: 600;
    background: var(--dk-color-surface-muted);
    color: var(--dk-color-text-muted);
    border: 1px solid var(--dk-color-border);
    /* A long unit name wraps inside its chip instead of pushing the page sideways (large text, 360 px). */
    max-inline-size: 100%;
    overflow-wrap: anywhere;
  }
  dialog {
    border: none;
    border-radius: var(--dk-radius-lg);
    padding: 0;
    box-shadow: var(--dk-shadow-2);
    color: var(--dk-color-text);
    background: var(--dk-color-surface);
    inline-size: min(40rem, calc(100vw - 1rem));
    max-block-size: calc(100dvh - 1rem);
  }
  dialog::backdrop {
    background: rgb(16 24 40 / 45%);
  }

  /* A checkbox with its label as a 44 px touch target and an optional hint below the label. */
  .check {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 var(--dk-space-3);
    align-items: start;
  }
  .check input {
    inline-size: 22px;
    block-size: 22px;
    margin: 11px 0;
  }
  .check label {
    display: flex;
    align-items: center;
    min-block-size: var(--dk-touch-target);
  }
  .check .hint {
    grid-column: 2;
  }
`;
