import { LitElement, css, html, type SVGTemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController, t } from '../i18n/i18n.ts';
import { sharedStyles } from './shared-styles.ts';
import './dk-empty-state.ts';

/**
 * The honest placeholder for a part of the app filed in a later issue: a page title, a "coming in a
 * later release" notice and what the part will do. No fake data.
 */
@customElement('dk-coming-soon')
export class DkComingSoon extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      h1 {
        font-size: var(--dk-font-size-xl);
        margin-block-end: var(--dk-space-4);
      }
      .soon {
        display: inline-block;
        margin-block-end: var(--dk-space-3);
      }
      ul {
        margin: 0;
        padding-inline-start: var(--dk-space-5);
        display: grid;
        gap: var(--dk-space-2);
        color: var(--dk-color-text);
      }
    `,
  ];

  /** Page title (already translated). */
  @property() heading = '';
  /** One sentence about the part (already translated). */
  @property() intro = '';
  /** What it will do, one line each (already translated). */
  @property({ attribute: false }) items: string[] = [];
  @property({ attribute: false }) icon?: SVGTemplateResult;

  protected readonly _locale = new LocaleController(this);

  override render() {
    return html`<h1>${this.heading}</h1>
      <dk-empty-state .heading=${t('common.comingSoon')} .icon=${this.icon}>
        <p>${this.intro}</p>
        <ul>
          ${this.items.map((item) => html`<li>${item}</li>`)}
        </ul>
      </dk-empty-state>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-coming-soon': DkComingSoon;
  }
}
