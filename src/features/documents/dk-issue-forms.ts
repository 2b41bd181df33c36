import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { isValidDay } from '../../model/documents/dates.ts';
import { DISPATCH_METHODS, type DispatchMethod } from '../../model/documents/types.ts';
import { DOCUMENT_LIMITS } from '../../model/documents/validation.ts';
import { dispatchLabel } from './labels.ts';
import { StepForm } from './step-form.ts';

/**
 * Dispatch record of an issued document to its external recipients (clerk): how, when, to whom (from the
 * draft's external recipients, all ticked to begin with). Internal recipients get it from the server.
 */
@customElement('dk-dispatch-form')
export class DkDispatchForm extends StepForm {
  @state() private _method: DispatchMethod | '' = '';
  @state() private _date = '';
  @state() private _recipients: string[] | null = null;
  @state() private _note = '';

  protected readonly fieldOrder = ['dispatchMethod', 'dispatchedOn', 'recipients', 'note'];

  private get _external(): string[] {
    return this.row.doc.direction === 'outgoing' ? this.row.doc.externalRecipients : [];
  }

  private get _chosen(): string[] {
    return this._recipients ?? this._external;
  }

  protected validate(): FieldError[] {
    const errors: FieldError[] = [];
    if (!this._method) errors.push({ field: 'dispatchMethod', code: 'error.required' });
    const day = this._date || this._today;
    if (!isValidDay(day)) errors.push({ field: 'dispatchedOn', code: 'error.date' });
    else if (day > this._today) errors.push({ field: 'dispatchedOn', code: 'error.dateInFuture' });
    if (this._external.length > 0 && this._chosen.length === 0) errors.push({ field: 'recipients', code: 'error.required' });
    if (this._note.trim().length > DOCUMENT_LIMITS.noteMax)
      errors.push({ field: 'note', code: 'error.tooLong', params: { max: DOCUMENT_LIMITS.noteMax } });
    return errors;
  }

  override render() {
    const external = this._external;
    const fields = html`
      <div class="row">
        <div class="field">
          <label for="dispatchMethod">${t('actions.dispatch.method')}</label>
          <select
            id="dispatchMethod"
            name="dispatchMethod"
            aria-invalid=${this.invalid('dispatchMethod')}
            aria-describedby=${this.describedBy('dispatchMethod')}
            @change=${(e: Event) => {
              this._method = (e.target as HTMLSelectElement).value as DispatchMethod | '';
              this.changed();
            }}
          >
            <option value="" ?selected=${!this._method}></option>
            ${DISPATCH_METHODS.map((m) => html`<option value=${m} ?selected=${this._method === m}>${dispatchLabel(m)}</option>`)}
          </select>
          ${this.fieldError('dispatchMethod')}
        </div>
        ${this.dateInput('dispatchedOn', t('actions.dispatch.date'), this._date || this._today, (v) => (this._date = v), { max: this._today })}
      </div>
      ${
        external.length
          ? html`<fieldset
              name="recipients"
              tabindex="-1"
              aria-invalid=${this.invalid('recipients')}
              aria-describedby=${this.describedBy('recipients')}
            >
              <legend>${t('actions.dispatch.recipients')}</legend>
              ${external.map(
                (r, i) =>
                  html`<div class="check">
                    <input
                      id="recipient-${i}"
                      type="checkbox"
                      .checked=${this._chosen.includes(r)}
                      @change=${(e: Event) => {
                        const on = (e.target as HTMLInputElement).checked;
                        const rest = this._chosen.filter((x) => x !== r);
                        this._recipients = on ? external.filter((x) => x === r || rest.includes(x)) : rest;
                        this.changed();
                      }}
                    />
                    <label for="recipient-${i}" class="label" dir="auto">${r}</label>
                  </div>`,
              )}
              ${this.fieldError('recipients')}
            </fieldset>`
          : html`<p class="note">${t('actions.dispatch.noExternal')}</p>`
      }
      ${this.textArea('note', t('actions.note'), this._note, (v) => (this._note = v), { optional: true })}
    `;
    return this.frame(fields, t('actions.btn.dispatched'), () => {
      void this.save({
        kind: 'dispatched',
        ...(this._method ? { dispatchMethod: this._method } : {}),
        dispatchedOn: this._date || this._today,
        recipients: this._chosen,
        ...(this._note.trim() ? { note: this._note.trim() } : {}),
      });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-dispatch-form': DkDispatchForm;
  }
}
