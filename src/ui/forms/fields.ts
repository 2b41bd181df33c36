import { type TemplateResult, html, nothing } from 'lit';
import { t } from '../../i18n/i18n.ts';

/*
 * The labelled fields of the app's forms (documents, tasks, notices), each with its hint and inline error, in
 * the markup the forms have always had: `<label for=ID>`, the control `id=ID name=ID`, an optional
 * `<span id="ID-hint" class="hint">` and `<p id="ID-error" class="error">`, tied by `aria-describedby`.
 * They sit in ui/ so the document, task and notice forms stop each keeping a copy. Each form keeps its own
 * error state and passes the message of a field's error (or undefined) in.
 */

/** `aria-invalid` and `aria-describedby` of a field: its error line (when it has an error), then its hint. */
export function fieldAria(
  field: string,
  hasError: boolean,
  hintId?: string,
): { invalid: 'true' | 'false'; describedBy: string | typeof nothing } {
  const ids = [hasError ? `${field}-error` : '', hintId ?? ''].filter(Boolean).join(' ');
  return { invalid: hasError ? 'true' : 'false', describedBy: ids || nothing };
}

/** The error line under a field (`#ID-error`), or nothing without a message. */
export function errorLine(field: string, message: string | undefined): TemplateResult | typeof nothing {
  return message !== undefined ? html`<p id="${field}-error" class="error">${message}</p>` : nothing;
}

/** `<label for=ID>` with "(optional)" after the text for optional fields. */
export function fieldLabel(field: string, label: string, optional = false): TemplateResult {
  return html`<label for=${field}>${label}${optional ? html` <span class="hint">${t('common.optional')}</span>` : nothing}</label>`;
}

export interface InputFieldOptions {
  /** `text` by default (with `dir="auto"` and no autocomplete), or `date`, `time`, `number`… */
  type?: string;
  /** Free text in either direction, no browser suggestions: `dir="auto" autocomplete="off"` (default for `text`). */
  typed?: boolean;
  optional?: boolean;
  hint?: string;
  min?: string;
  max?: string;
  disabled?: boolean;
  list?: string;
  inputmode?: string;
  /** Whether the field is marked invalid (and pointed at its error line); by default when it has an error. */
  invalid?: boolean;
}

/** A labelled `<input>` showing `value`, calling `set` on each input, with its hint and error. */
export function inputField(
  field: string,
  label: string,
  value: string,
  error: string | undefined,
  set: (v: string) => void,
  opts: InputFieldOptions = {},
): TemplateResult {
  const type = opts.type ?? 'text';
  const typed = opts.typed ?? type === 'text';
  const hintId = opts.hint ? `${field}-hint` : undefined;
  const a = fieldAria(field, opts.invalid ?? error !== undefined, hintId);
  return html`<div class="field">
    ${fieldLabel(field, label, opts.optional)}
    <input
      id=${field}
      name=${field}
      type=${type}
      dir=${typed ? 'auto' : nothing}
      autocomplete=${typed ? 'off' : nothing}
      inputmode=${opts.inputmode ?? nothing}
      list=${opts.list ?? nothing}
      min=${opts.min ?? nothing}
      max=${opts.max ?? nothing}
      ?disabled=${opts.disabled}
      .value=${value}
      aria-invalid=${a.invalid}
      aria-describedby=${a.describedBy}
      @input=${(e: Event) => set((e.target as HTMLInputElement).value)}
    />
    ${opts.hint ? html`<span id=${hintId!} class="hint">${opts.hint}</span>` : nothing} ${errorLine(field, error)}
  </div>`;
}

/** A labelled `<textarea>` (three rows unless said, either direction) showing `value`, calling `set` on each input, with its hint and error. */
export function textAreaField(
  field: string,
  label: string,
  value: string,
  error: string | undefined,
  set: (v: string) => void,
  opts: { optional?: boolean; hint?: string; invalid?: boolean; rows?: number } = {},
): TemplateResult {
  const hintId = opts.hint ? `${field}-hint` : undefined;
  const a = fieldAria(field, opts.invalid ?? error !== undefined, hintId);
  return html`<div class="field">
    ${fieldLabel(field, label, opts.optional)}
    <textarea
      id=${field}
      name=${field}
      dir="auto"
      rows=${opts.rows ?? 3}
      .value=${value}
      aria-invalid=${a.invalid}
      aria-describedby=${a.describedBy}
      @input=${(e: Event) => set((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${opts.hint ? html`<span id=${hintId!} class="hint">${opts.hint}</span>` : nothing} ${errorLine(field, error)}
  </div>`;
}
