import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../../i18n/i18n.ts';
import type { FieldError } from '../../model/doc.ts';
import { validateProgress } from '../../model/documents/validation.ts';
import './dk-file-picker.ts';
import { StepForm } from './step-form.ts';

const fileInputs = (files: readonly File[]) => files.map((f) => ({ name: f.name, type: f.type, size: f.size }));

/** Progress report (báo cáo tiến độ) on one assignment: a note and/or files, and how far along it is (0–100 %). */
@customElement('dk-progress-form')
export class DkProgressForm extends StepForm {
  @state() private _note = '';
  @state() private _percent = '';
  @state() private _files: File[] = [];

  protected readonly fieldOrder = ['note', 'percent', 'attachments'];

  protected validate(): FieldError[] {
    return validateProgress({ note: this._note, percent: this._percent.trim(), attachments: fileInputs(this._files) });
  }

  override render() {
    const fields = html`
      ${this.textArea('note', t('actions.progress.note'), this._note, (v) => (this._note = v))}
      <div class="field">
        <label for="percent">${t('actions.progress.percent')} <span class="hint">${t('common.optional')}</span></label>
        <input
          id="percent"
          name="percent"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          style="max-inline-size: 10rem"
          .value=${this._percent}
          aria-invalid=${this.invalid('percent')}
          aria-describedby=${this.describedBy('percent', 'percent-hint')}
          @input=${(e: Event) => {
            this._percent = (e.target as HTMLInputElement).value;
            this.changed();
          }}
        />
        <span id="percent-hint" class="hint">${t('actions.progress.percentHint')}</span>
        ${this.fieldError('percent')}
      </div>
      <dk-file-picker
        name="attachments"
        field="attachments"
        optional
        camera
        .label=${t('actions.progress.files')}
        .files=${this._files}
        @dk-files-change=${(e: CustomEvent<{ files: File[] }>) => {
          this._files = e.detail.files;
          this.changed();
        }}
      ></dk-file-picker>
      ${this.fieldError('attachments')}
    `;
    return this.frame(fields, t('actions.progress.submit'), () => {
      const p = this._percent.trim();
      void this.save(
        {
          kind: 'progress',
          ...this.onNode,
          ...(this._note.trim() ? { note: this._note.trim() } : {}),
          ...(p ? { percent: Number(p) } : {}),
        },
        this._files,
      );
    });
  }

  /** Clears what was typed (after saving). */
  reset(): void {
    this._note = '';
    this._percent = '';
    this._files = [];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-progress-form': DkProgressForm;
  }
}
