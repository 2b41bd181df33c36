import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatDay, t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { validateExtensionAnswer, validateExtensionRequest } from '../../model/documents/validation.ts';
import { pendingExtension } from '../../model/documents/workflow.ts';
import { StepForm } from './step-form.ts';

/** Asking for more time on an assignment (xin gia hạn): a day after the current deadline, and why. */
@customElement('dk-extension-request-form')
export class DkExtensionRequestForm extends StepForm {
  @state() private _date = '';
  @state() private _note = '';

  protected readonly fieldOrder = ['requestedDeadline', 'note'];

  protected validate(): FieldError[] {
    return validateExtensionRequest({ requestedDeadline: this._date, note: this._note }, this.assignment?.deadline, this._today);
  }

  override render() {
    const deadline = this.assignment?.deadline;
    const fields = html`
      ${deadline ? html`<p class="note">${t('actions.extension.current', { deadline: formatDay(deadline) })}</p>` : nothing}
      ${this.dateInput('requestedDeadline', t('actions.extension.date'), this._date, (v) => (this._date = v), { min: this._today })}
      ${this.textArea('note', t('actions.extension.note'), this._note, (v) => (this._note = v))}
    `;
    return this.frame(fields, t('actions.extension.submit'), () => {
      void this.save({ kind: 'extensionRequested', ...this.onNode, requestedDeadline: this._date, note: this._note.trim() });
    });
  }
}

/**
 * The assigner's answer to an extension request (leader for a direction, unit head for a forwarding): grant it
 * (the day asked for, or another) or refuse it with a reason.
 */
@customElement('dk-extension-answer-form')
export class DkExtensionAnswerForm extends StepForm {
  @state() private _accepted: boolean | null = null;
  @state() private _date = '';
  @state() private _note = '';

  protected readonly fieldOrder = ['accepted', 'deadline', 'note'];

  private get _requested(): string | undefined {
    const node = this.assignment;
    return node ? pendingExtension(node)?.requested.requestedDeadline : undefined;
  }

  protected validate(): FieldError[] {
    const errors: FieldError[] = [];
    if (this._accepted === null) errors.push({ field: 'accepted', code: 'error.required' });
    errors.push(
      ...validateExtensionAnswer(
        { accepted: this._accepted === true, deadline: this._date || this._requested, note: this._note },
        this._today,
      ),
    );
    return errors;
  }

  override render() {
    const node = this.assignment;
    const pending = node ? pendingExtension(node) : undefined;
    if (!pending) return html``;
    const radio = (value: boolean, label: string) =>
      html`<div class="check">
        <input
          id="accepted-${value}"
          type="radio"
          name="accepted-choice"
          .checked=${this._accepted === value}
          @change=${() => {
            this._accepted = value;
            if (value && !this._date) this._date = pending.requested.requestedDeadline;
            this.changed();
          }}
        />
        <label for="accepted-${value}" class="label">${label}</label>
      </div>`;
    const fields = html`
      <div class="note">
        <p>${t('actions.answer.request', { who: pending.requested.name, deadline: formatDay(pending.requested.requestedDeadline) })}</p>
        ${pending.requested.note ? html`<p dir="auto">“${pending.requested.note}”</p>` : nothing}
      </div>
      <fieldset name="accepted" tabindex="-1" aria-invalid=${this.invalid('accepted')} aria-describedby=${this.describedBy('accepted')}>
        <legend>${t('actions.answer.decision')}</legend>
        ${radio(true, t('actions.answer.accept'))} ${radio(false, t('actions.answer.refuse'))} ${this.fieldError('accepted')}
      </fieldset>
      ${
        this._accepted
          ? this.dateInput('deadline', t('actions.answer.date'), this._date, (v) => (this._date = v), { min: this._today })
          : nothing
      }
      ${this.textArea('note', t('actions.answer.note'), this._note, (v) => (this._note = v), {
        optional: this._accepted !== false,
        hint: t('actions.answer.noteHint'),
      })}
    `;
    return this.frame(fields, t('actions.answer.submit'), () => {
      const accepted = this._accepted === true;
      void this.save({
        kind: 'extensionAnswered',
        ...this.onNode,
        accepted,
        ...(accepted ? { requestedDeadline: this._date || pending.requested.requestedDeadline } : {}),
        ...(this._note.trim() ? { note: this._note.trim() } : {}),
      });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-extension-request-form': DkExtensionRequestForm;
    'dk-extension-answer-form': DkExtensionAnswerForm;
  }
}
