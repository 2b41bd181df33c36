import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { icons } from '../../ui/icons.ts';
import { pickerStyles } from '../../ui/forms/picker-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { errorText } from '../documents/form-errors.ts';
import './messages-form.ts';

/**
 * The checklist of a task as a list of texts: add one (button or Enter), remove any. Errors of the model
 * (`checklist`, `checklist.<i>`) show on the list or on their item.
 *
 * @fires dk-checklist-change - `{ value }` after an item was added or removed.
 */
@customElement('dk-task-checklist-editor')
export class DkTaskChecklistEditor extends LitElement {
  static override styles = [
    sharedStyles,
    pickerStyles,
    css`
      :host {
        display: grid;
        gap: var(--dk-space-2);
        min-inline-size: 0;
      }
      ol {
        margin: 0;
        padding-inline-start: var(--dk-space-5);
        display: grid;
        gap: var(--dk-space-1);
      }
      li > div {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
      }
      li span {
        flex: 1 1 auto;
        overflow-wrap: anywhere;
      }
      li.invalid span {
        color: var(--dk-color-danger);
      }
      .add input {
        flex: 1 1 14rem;
        inline-size: auto;
        min-inline-size: 0;
      }
    `,
  ];

  @property({ attribute: false }) value: string[] = [];
  @property() field = 'checklist';
  @property({ attribute: false }) errors: FieldError[] = [];

  @state() private _text = '';
  @state() private _announce = '';

  @query('#item') private _input!: HTMLInputElement;

  protected readonly _locale = new LocaleController(this);

  override focus(): void {
    this._input?.focus();
  }

  async focusFirstError(): Promise<void> {
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>('li.invalid button') ?? this._input)?.focus();
  }

  /** Text typed but not added yet (the form adds it on save, as people press Save without Enter). */
  get pendingText(): string {
    return this._text.trim();
  }

  private _emit(value: string[], announce: string): void {
    this.value = value;
    this._announce = announce;
    this.dispatchEvent(new CustomEvent('dk-checklist-change', { bubbles: true, composed: true, detail: { value } }));
  }

  add(): void {
    const text = this._text.trim();
    if (!text) {
      this._input?.focus();
      return;
    }
    this._text = '';
    if (this._input) this._input.value = '';
    this._emit([...this.value, text], t('taskForm.checklist.added', { text }));
    this._input?.focus();
  }

  private async _remove(i: number): Promise<void> {
    const text = this.value[i]!;
    const next = this.value.filter((_, n) => n !== i);
    this._emit(next, t('taskForm.checklist.removed', { text }));
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>(`#item-remove-${Math.min(i, next.length - 1)}`) ?? this._input)?.focus();
  }

  override render() {
    const listErr = this.errors.find((e) => e.field === this.field);
    return html`
      ${
        this.value.length
          ? html`<ol aria-label=${t('taskForm.checklist')}>
              ${this.value.map((text, i) => {
                const err = this.errors.find((e) => e.field === `${this.field}.${i}`);
                return html`<li class=${err ? 'invalid' : ''}>
                  <div>
                    <span dir="auto">${text}</span>
                    <button
                      id="item-remove-${i}"
                      type="button"
                      class="btn ghost"
                      aria-label=${t('taskForm.checklist.remove', { text })}
                      @click=${() => this._remove(i)}
                    >
                      ${icons.close}
                    </button>
                  </div>
                  ${err ? html`<p class="error">${errorText(err)}</p>` : nothing}
                </li>`;
              })}
            </ol>`
          : html`<p class="hint">${t('taskForm.checklist.empty')}</p>`
      }
      <div class="field">
        <label for="item">${t('taskForm.checklist.new')}</label>
        <div class="add">
          <input
            id="item"
            type="text"
            dir="auto"
            autocomplete="off"
            aria-invalid=${listErr ? 'true' : 'false'}
            @input=${(e: Event) => (this._text = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                this.add();
              }
            }}
          />
          <button type="button" class="btn" @click=${() => this.add()}>${icons.plus}${t('taskForm.picker.add')}</button>
        </div>
      </div>
      ${listErr ? html`<p class="error">${errorText(listErr)}</p>` : nothing}
      <span class="visually-hidden" role="status">${this._announce}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-checklist-editor': DkTaskChecklistEditor;
  }
  interface GlobalEventHandlersEventMap {
    'dk-checklist-change': CustomEvent<{ value: string[] }>;
  }
}
