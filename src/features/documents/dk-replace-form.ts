import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type DocumentRow, listDocuments } from '../../data/documents.ts';
import { formatDay, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { DOCUMENT_LIMITS } from '../../model/documents/validation.ts';
import { StepForm } from './step-form.ts';

/**
 * Replacement (thay thế) of an issued document by another issued document (leader or clerk): the replacing
 * document is chosen from the issued outgoing documents on this device; the server records the replacement on
 * every internal recipient's copy, like a recall.
 */
@customElement('dk-replace-form')
export class DkReplaceForm extends StepForm {
  @state() private _candidates: DocumentRow[] = [];
  @state() private _replacementId = '';
  @state() private _note = '';

  protected readonly fieldOrder = ['replacementId', 'note'];

  override connectedCallback(): void {
    super.connectedCallback();
    void listDocuments(this.me).then((rows) => {
      this._candidates = rows.filter(
        (r) => r.id !== this.row.id && r.doc.direction === 'outgoing' && r.state.phase === 'issued' && !!r.numberText,
      );
    });
  }

  protected validate(): FieldError[] {
    const errors: FieldError[] = [];
    if (!this._replacementId) errors.push({ field: 'replacementId', code: 'error.required' });
    if (this._note.trim().length > DOCUMENT_LIMITS.noteMax)
      errors.push({ field: 'note', code: 'error.tooLong', params: { max: DOCUMENT_LIMITS.noteMax } });
    return errors;
  }

  override render() {
    const fields = html`
      <div class="field">
        <label for="replacementId">${t('actions.replace.by')}</label>
        <select
          id="replacementId"
          name="replacementId"
          aria-invalid=${this.invalid('replacementId')}
          aria-describedby=${this.describedBy('replacementId', 'replacementId-hint')}
          @change=${(e: Event) => {
            this._replacementId = (e.target as HTMLSelectElement).value;
            this.changed();
          }}
        >
          <option value="" ?selected=${!this._replacementId}></option>
          ${this._candidates.map(
            (r) =>
              html`<option value=${r.id} ?selected=${this._replacementId === r.id}>
                ${r.numberText} (${formatDay(r.day)}) — ${r.doc.summary.slice(0, 80)}
              </option>`,
          )}
        </select>
        <span id="replacementId-hint" class="hint">${t('actions.replace.hint')}</span>
        ${this.fieldError('replacementId')}
      </div>
      ${this.textArea('note', t('actions.note'), this._note, (v) => (this._note = v), { optional: true })}
    `;
    return this.frame(fields, t('actions.btn.replaced'), () => {
      void this.save({
        kind: 'replaced',
        replacementId: this._replacementId,
        ...(this._note.trim() ? { note: this._note.trim() } : {}),
      });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-replace-form': DkReplaceForm;
  }
}
