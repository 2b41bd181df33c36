import { type TemplateResult, html } from 'lit';

/**
 * Something typed exactly as shown (column names, role keywords, an example id): in every language the
 * same characters, so it is marked as no language (`lang="zxx"`) and kept left to right.
 */
export const codeSample = (text: string): TemplateResult => html`<code lang="zxx" dir="ltr">${text}</code>`;
