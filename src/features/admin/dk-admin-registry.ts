import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DocumentTypeStatus } from '../../model/document-types.ts';
import { numberingYear } from '../../model/documents/numbering.ts';
import { REGISTRY_LIMITS, type RegistryBookStatus, nextNumberOf } from '../../model/registry-books.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { AdminApiError, listDocumentTypes, listRegistryBooks, saveDocumentType, saveRegistryBook } from '../../data/admin.ts';
import { errorLine, fieldAria } from '../../ui/forms/fields.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { kindLabel } from '../documents/labels.ts';
import '../documents/messages.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { codeSample } from './code-sample.ts';
import { adminErrorMessage } from './errors.ts';
import './messages-registry.ts';

type Errors = Record<string, string | undefined>;

/**
 * Registry books and document types (Registry tab): the four books of a year with the number each series
 * starts at and how far it has got, edited one at a time (e.g. to continue a paper book mid-year); and the
 * Decree's document types with a switch per form. Both reach every device through the org space.
 */
@customElement('dk-admin-registry')
export class DkAdminRegistry extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    adminSectionStyles,
    css`
      .year {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
      }
      .year select {
        inline-size: auto;
        min-inline-size: 8rem;
      }
      td input[type='checkbox'] {
        inline-size: 1.4rem;
        block-size: 1.4rem;
        margin: 0;
      }
      td label.switch {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-inline-size: var(--dk-touch-target);
        min-block-size: var(--dk-touch-target);
      }
    `,
  ];

  @state() private _year = numberingYear(new Date().toISOString());
  @state() private _books?: RegistryBookStatus[];
  @state() private _types?: DocumentTypeStatus[];
  @state() private _editing?: RegistryBookStatus;
  @state() private _errors: Errors = {};
  @state() private _error = '';
  @state() private _done = '';
  @state() private _busy = false;

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      [this._books, this._types] = await Promise.all([listRegistryBooks(this._year), listDocumentTypes()]);
      this._error = '';
    } catch (err) {
      this._error = adminErrorMessage(err);
    }
  }

  private _bookName = (b: RegistryBookStatus): string => t(`documents.book.${b.book}`);

  private _chooseYear(year: number): void {
    this._year = year;
    this._editing = undefined;
    this._books = undefined;
    void this._load();
  }

  private _edit(b: RegistryBookStatus): void {
    this._editing = b;
    this._errors = {};
    this._done = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#reg-first')?.focus());
  }

  private _value(id: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').trim();
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    const b = this._editing;
    if (!b) return;
    const name = this._value('reg-name');
    const firstNumber = Number(this._value('reg-first'));
    const errors: Errors = {};
    if (!Number.isInteger(firstNumber) || firstNumber < 1 || firstNumber > REGISTRY_LIMITS.firstNumberMax)
      errors['reg-first'] = t('admin.reg.err.first');
    else if (firstNumber !== b.firstNumber && b.lastNumber !== null && firstNumber <= b.lastNumber)
      errors['reg-first'] = t('admin.reg.err.used', { last: formatNumber(b.lastNumber), next: formatNumber(b.lastNumber + 1) });
    if (name.length > REGISTRY_LIMITS.nameMax) errors['reg-name'] = t('admin.reg.err.name');
    this._errors = errors;
    const first = ['reg-first', 'reg-name'].find((f) => errors[f]);
    if (first) return void this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
    this._busy = true;
    this._error = '';
    try {
      const saved = await saveRegistryBook(b.book, b.year, { name, firstNumber, note: this._value('reg-note') });
      this._editing = undefined;
      this._done = t('admin.reg.saved', { book: this._bookName(saved), year: String(saved.year), next: formatNumber(saved.nextNumber) });
      await this._load();
    } catch (err) {
      // Another administrator or the server got further meanwhile: say which number is the limit now.
      if (err instanceof AdminApiError && err.status === 409) {
        await this._load();
        const now = this._books?.find((x) => x.book === b.book);
        const last = now?.lastNumber ?? b.lastNumber ?? 0;
        this._errors = { 'reg-first': t('admin.reg.err.used', { last: formatNumber(last), next: formatNumber(last + 1) }) };
      } else this._error = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private async _toggle(type: DocumentTypeStatus, form: 'incoming' | 'outgoing', on: boolean): Promise<void> {
    this._done = '';
    this._error = '';
    try {
      const saved = await saveDocumentType(type.kind, { incoming: type.incoming, outgoing: type.outgoing, [form]: on });
      this._types = this._types?.map((x) => (x.kind === saved.kind ? saved : x));
      this._done = t('admin.types.saved', { type: kindLabel(type.kind) });
    } catch (err) {
      this._error = adminErrorMessage(err);
      await this._load();
    }
  }

  private _field(id: string, label: string, value: string, hint: string, type = 'text') {
    const error = this._errors[id];
    const aria = fieldAria(id, !!error, `${id}-hint`);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${type}
        inputmode=${type === 'number' ? 'numeric' : nothing}
        autocomplete="off"
        .value=${value}
        aria-invalid=${aria.invalid}
        aria-describedby=${aria.describedBy}
      />
      <span id="${id}-hint" class="hint">${hint}</span> ${errorLine(id, error)}
    </div>`;
  }

  private _renderForm(b: RegistryBookStatus) {
    const heading = t('admin.reg.editing', { book: this._bookName(b), year: String(b.year) });
    return html`<form id="reg-form" novalidate @submit=${this._submit} aria-label=${heading}>
      <p class="banner info">${heading}</p>
      <div class="grid2">
        ${this._field('reg-first', t('admin.reg.first'), String(b.firstNumber), t('admin.reg.firstHint'), 'number')}
        ${this._field('reg-name', t('admin.reg.name'), b.name, t('admin.reg.nameHint'))}
        ${this._field('reg-note', t('admin.reg.note'), b.note, t('admin.reg.noteHint'))}
      </div>
      <div class="actions">
        <button class="btn" type="button" @click=${() => (this._editing = undefined)}>${t('common.cancel')}</button>
        <button class="btn primary" type="submit" ?disabled=${this._busy}>${t('admin.dir.save')}</button>
      </div>
    </form>`;
  }

  private _renderBooks() {
    const thisYear = numberingYear(new Date().toISOString());
    const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2];
    return html`<section class="card" aria-labelledby="books-h">
      <h2 id="books-h">${t('admin.reg.books')}</h2>
      <p class="hint">${t('admin.reg.booksHint')}</p>
      <div class="year field">
        <label for="reg-year">${t('admin.reg.year')}</label>
        <select id="reg-year" @change=${(e: Event) => this._chooseYear(Number((e.target as HTMLSelectElement).value))}>
          ${years.map((y) => html`<option value=${y} ?selected=${y === this._year}>${y}</option>`)}
        </select>
      </div>
      ${
        !this._books
          ? html`<div class="skeleton" style="block-size: 8rem" role="status" aria-label=${t('admin.loading')}></div>`
          : html`<div class="scroll" tabindex="0" role="region" aria-labelledby="books-h">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('admin.reg.col.book')}</th>
                    <th scope="col">${t('admin.reg.col.name')}</th>
                    <th scope="col">${t('admin.reg.col.first')}</th>
                    <th scope="col">${t('admin.reg.col.given')}</th>
                    <th scope="col">${t('admin.reg.col.last')}</th>
                    <th scope="col">${t('admin.reg.col.next')}</th>
                    <th scope="col"><span class="visually-hidden">${t('admin.reg.edit')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this._books.map(
                    (b) =>
                      html`<tr>
                        <th scope="row">${this._bookName(b)}</th>
                        <td>${b.name || html`<span class="hint">${t('admin.reg.defaultName')}</span>`}</td>
                        <td class="num">${formatNumber(b.firstNumber)}</td>
                        <td class="num">${formatNumber(b.allocated)}</td>
                        <td class="num">${b.lastNumber === null ? t('admin.reg.none') : formatNumber(b.lastNumber)}</td>
                        <td class="num">${formatNumber(nextNumberOf(b.firstNumber, b.lastNumber))}</td>
                        <td>
                          <button
                            class="btn ghost"
                            aria-label="${t('admin.reg.edit')}: ${this._bookName(b)} ${b.year}"
                            @click=${() => this._edit(b)}
                          >
                            ${t('admin.dir.edit')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      ${this._editing ? this._renderForm(this._editing) : nothing}
    </section>`;
  }

  private _renderTypes() {
    const types = this._types ?? [];
    const formName = (form: 'incoming' | 'outgoing') => t(`admin.types.col.${form}`);
    const toggle = (x: DocumentTypeStatus, form: 'incoming' | 'outgoing') =>
      html`<label class="switch"
        ><input
          type="checkbox"
          .checked=${x[form]}
          aria-label=${t('admin.types.offeredIn', { type: kindLabel(x.kind), form: formName(form) })}
          @change=${(e: Event) => void this._toggle(x, form, (e.target as HTMLInputElement).checked)}
      /></label>`;
    return html`<section class="card" aria-labelledby="types-h">
      <h2 id="types-h">${t('admin.types')}</h2>
      <p class="hint">${t('admin.types.hint')}</p>
      <div class="scroll" tabindex="0" role="region" aria-labelledby="types-h">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('admin.types.col.type')}</th>
              <th scope="col">${t('admin.types.col.abbr')}</th>
              <th scope="col">${formName('incoming')}</th>
              <th scope="col">${formName('outgoing')}</th>
            </tr>
          </thead>
          <tbody>
            ${types.map(
              (x) =>
                html`<tr>
                  <th scope="row">${kindLabel(x.kind)}</th>
                  <td>${x.abbreviation ? codeSample(x.abbreviation) : html`<span class="hint">${t('admin.types.noAbbr')}</span>`}</td>
                  <td>${toggle(x, 'incoming')}</td>
                  <td>${toggle(x, 'outgoing')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  override render() {
    return html`${this._error ? html`<p class="banner danger" role="alert">${this._error}</p>` : nothing}
    ${this._done ? html`<p class="banner info" role="status">${this._done}</p>` : nothing} ${this._renderBooks()}
    ${this._types || !this._error ? this._renderTypes() : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-registry': DkAdminRegistry;
  }
}
