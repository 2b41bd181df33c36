import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { deviceKeysAvailable, registerDeviceKey } from '../../data/device-keys.ts';
import { t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { DOCUMENT_LIMITS } from '../../model/documents/validation.ts';
import type { EventInput } from '../../model/documents/workflow.ts';
import { icons } from '../../ui/icons.ts';
import { makeApprovalRecord } from './approval.ts';
import { StepForm } from './step-form.ts';

/**
 * Approval by the signing leader, with the tamper-evidence record (approval.ts): the record is made just before
 * saving, with this device's key; the key's registration follows (queued while offline). The form says plainly
 * that the record is not a legal digital signature.
 */
@customElement('dk-approve-form')
export class DkApproveForm extends StepForm {
  static override styles = [
    ...StepForm.styles,
    css`
      .disclaimer {
        display: flex;
        gap: var(--dk-space-2);
        align-items: flex-start;
        margin: 0;
      }
    `,
  ];

  @state() private _note = '';

  protected readonly fieldOrder = ['note'];

  protected validate(): FieldError[] {
    return this._note.trim().length > DOCUMENT_LIMITS.noteMax
      ? [{ field: 'note', code: 'error.tooLong', params: { max: DOCUMENT_LIMITS.noteMax } }]
      : [];
  }

  override render() {
    const version = this.row.state.direction === 'outgoing' ? this.row.state.version : 1;
    const fields = html`
      <p class="note">${t('actions.approve.hint', { version })}</p>
      <p class="banner info disclaimer">${icons.info} <span>${t('actions.approval.disclaimer')}</span></p>
      ${deviceKeysAvailable() ? nothing : html`<p class="banner warning">${t('actions.approval.noCrypto')}</p>`}
      ${this.textArea('note', t('actions.note'), this._note, (v) => (this._note = v), { optional: true })}
    `;
    return this.frame(fields, t('actions.btn.approved'), () => {
      const input: EventInput = { kind: 'approved', ...(this._note.trim() ? { note: this._note.trim() } : {}) };
      void this.save(input, [], async () => {
        const approval = await makeApprovalRecord(this.me, this.row);
        return approval ? { ...input, approval } : input;
      }).then((saved) => {
        if (saved && deviceKeysAvailable()) void registerDeviceKey(this.me);
      });
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-approve-form': DkApproveForm;
  }
}
