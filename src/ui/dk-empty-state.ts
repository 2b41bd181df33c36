import { LitElement, css, html, nothing, type SVGTemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sharedStyles } from './shared-styles.ts';

/**
 * A calm empty state: an icon, a heading, an explanation and optional actions.
 *
 * @slot - Explanation (paragraphs, lists).
 * @slot actions - Buttons or links.
 */
@customElement('dk-empty-state')
export class DkEmptyState extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .box {
        display: grid;
        justify-items: center;
        text-align: center;
        gap: var(--dk-space-3);
        padding-block: var(--dk-space-6);
        padding-inline: var(--dk-space-4);
        border: 1px dashed var(--dk-color-border-strong);
        border-radius: var(--dk-radius-lg);
        background: var(--dk-color-surface);
      }
      .icon {
        display: grid;
        place-items: center;
        inline-size: 56px;
        block-size: 56px;
        border-radius: 50%;
        background: var(--dk-color-primary-soft);
        color: var(--dk-color-primary);
      }
      .icon svg {
        inline-size: 28px;
        block-size: 28px;
      }
      h2 {
        font-size: var(--dk-font-size-lg);
      }
      .body {
        max-inline-size: 36rem;
        color: var(--dk-color-text-muted);
      }
      ::slotted(ul) {
        text-align: start;
      }
    `,
  ];

  /** Heading text. */
  @property() heading = '';
  /** Heading level for the outline (2 by default). */
  @property({ type: Number }) level: 2 | 3 = 2;
  /** Optional icon from `ui/icons.ts`. */
  @property({ attribute: false }) icon?: SVGTemplateResult;

  override render() {
    return html`<div class="box">
      ${this.icon ? html`<div class="icon">${this.icon}</div>` : nothing}
      ${this.level === 3 ? html`<h3>${this.heading}</h3>` : html`<h2>${this.heading}</h2>`}
      <div class="body"><slot></slot></div>
      <slot name="actions"></slot>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-empty-state': DkEmptyState;
  }
}
