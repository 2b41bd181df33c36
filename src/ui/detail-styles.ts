import { css } from 'lit';

/**
 * The layout of a record's page (a document, a task): the header, a side column of actions that stays in
 * view on a wide screen (under the header on a phone), the main column of cards, and the label/value lists
 * inside them, which stack on a narrow container. Compose after `sharedStyles` and the chip styles:
 * `static styles = [sharedStyles, documentChipStyles, detailLayoutStyles, css`…`]`.
 */
export const detailLayoutStyles = css`
  :host {
    container-type: inline-size;
  }
  .layout {
    display: grid;
    gap: var(--dk-space-4);
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'head' 'side' 'main';
  }
  @container (min-width: 820px) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(16rem, 19rem);
      grid-template-areas: 'head side' 'main side';
      align-items: start;
    }
    .side {
      position: sticky;
      inset-block-start: var(--dk-space-4);
    }
  }
  .head {
    grid-area: head;
  }
  .side {
    grid-area: side;
  }
  .main {
    grid-area: main;
    display: grid;
    gap: var(--dk-space-4);
    min-inline-size: 0;
  }
  .card {
    display: grid;
    gap: var(--dk-space-3);
    padding: var(--dk-space-4) var(--dk-space-5);
    background: var(--dk-color-surface);
    border: 1px solid var(--dk-color-border);
    border-radius: var(--dk-radius-lg);
    min-inline-size: 0;
  }
  @container (max-width: 480px) {
    .card {
      padding: var(--dk-space-3);
    }
  }
  .card > h2 {
    font-size: var(--dk-font-size-lg);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--dk-space-1);
  }
  .chip svg {
    inline-size: 14px;
    block-size: 14px;
  }
  h1 {
    font-size: var(--dk-font-size-xl);
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: fit-content(40%) minmax(0, 1fr);
    gap: var(--dk-space-2) var(--dk-space-4);
    margin: 0;
  }
  @container (max-width: 480px) {
    dl {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
    dd {
      margin-block-end: var(--dk-space-2) !important;
    }
  }
  dt {
    color: var(--dk-color-text-muted);
  }
  dd {
    margin: 0;
  }
  .skeleton.h {
    block-size: 32px;
    inline-size: 60%;
  }
  .skeleton.l {
    block-size: 16px;
  }
`;
