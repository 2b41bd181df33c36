import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LOCALES, type Locale, LocaleController, getLocale, setLocale, t } from '../i18n/i18n.ts';
import { sharedStyles } from './shared-styles.ts';

/** Each language named in itself, so anyone can find their own. */
export const LOCALE_NAMES: Record<Locale, string> = { vi: 'Tiếng Việt', en: 'English', ar: 'العربية' };

/**
 * Language picker: switching sets `<html lang dir>` (Arabic is right-to-left) and is remembered on
 * this device.
 */
@customElement('dk-locale-select')
export class DkLocaleSelect extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      select {
        inline-size: auto;
        min-inline-size: 12rem;
      }
    `,
  ];

  /** Shows the label visually (otherwise it is only announced). */
  @property({ type: Boolean, attribute: 'show-label' }) showLabel = false;

  protected readonly _locale = new LocaleController(this);

  override render() {
    const current = getLocale();
    return html`<div class="field">
      <label for="locale" class=${this.showLabel ? '' : 'visually-hidden'}>${t('common.language')}</label>
      <select id="locale" @change=${(e: Event) => setLocale((e.target as HTMLSelectElement).value as Locale)}>
        ${LOCALES.map((l) => html`<option value=${l} lang=${l} ?selected=${l === current}>${LOCALE_NAMES[l]}</option>`)}
      </select>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-locale-select': DkLocaleSelect;
  }
}
