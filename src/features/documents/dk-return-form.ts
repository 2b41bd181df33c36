import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { RETURN_REASONS, type ReturnReason } from '../../model/documents/types.ts';
import { validateReturn } from '../../model/documents/validation.ts';
import { returnReasonLabel } from './labels.ts';
import { StepForm } from './step-form.ts';

/** Return (trả lại) of an assignment: why (wrong recipient, needs direction, other) and, for "other", in words. */
@customElement('dk-return-form')
export class DkReturnForm extends StepForm {
  @state() private _reason: ReturnReason | '' = '';
  @state() private _note = '';

  protected readonly fieldOrder = ['reason', 'note'];

  protected validate(): FieldError[] {
    return validateReturn({ reason: this._reason, note: this._note });
  }

  override render() {
    const fields = html`
      <fieldset name="reason" tabindex="-1" aria-invalid=${this.invalid('reason')} aria-describedby=${this.describedBy('reason')}>
        <legend>${t('actions.return.reason')}</legend>
        ${RETURN_REASONS.map(
          (r) =>
            html`<div class="check">
              <input
                id="reason-${r}"
                type="radio"
                name="reason-choice"
                value=${r}
                .checked=${this._reason === r}
                @change=${() => {
                  this._reason = r;
                  this.changed();
                }}
              />
              <label for="reason-${r}" class="label">${returnReasonLabel(r)}</label>
            </div>`,
        )}
        ${this.fieldError('reason')}
      </fieldset>
      ${this.textArea('note', t('actions.return.note'), this._note, (v) => (this._note = v), {
        optional: this._reason !== 'other',
        hint: t('actions.return.noteHint'),
      })}
    `;
    return this.frame(fields, t('actions.return.submit'), () => {
      void this.save({
        kind: 'returned',
        ...this.onNode,
        ...(this._reason ? { returnReason: this._reason } : {}),
        ...(this._note.trim() ? { note: this._note.trim() } : {}),
      });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-return-form': DkReturnForm;
  }
}
