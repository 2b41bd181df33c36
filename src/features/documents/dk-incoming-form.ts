import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import '../hub/messages.ts';
import { navigate } from '../../app/router.ts';
import { type Directory, emptyDirectory, leadersOf, loadDirectory, subscribeDirectory } from '../../data/directory.ts';
import { type DocumentRow, findLikelyDuplicates, listDocuments, registerIncoming } from '../../data/documents.ts';
import type { MeResponse } from '../../model/api.ts';
import { compareVi } from '../../model/collate.ts';
import type { FieldError } from '../../model/doc.ts';
import { parseNumberSymbol } from '../../model/documents/numbering.ts';
import { CONFIDENTIALITIES, DOCUMENT_KINDS, type DocumentKind, RECEIVED_VIA, URGENCIES } from '../../model/documents/types.ts';
import { type RegistrationInput, validateRegistration } from '../../model/documents/validation.ts';
import { wardDay } from '../../model/time.ts';
import { LocaleController, formatDay, t } from '../../i18n/i18n.ts';
import { errorLine, fieldAria, fieldLabel, inputField } from '../../ui/forms/fields.ts';
import { formErrorText } from '../../ui/forms/form-errors.ts';
import { saveForm } from '../../ui/forms/save-form.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { setUnsaved } from '../../ui/unsaved.ts';
import '../../ui/dk-empty-state.ts';
import type { DkFilePicker } from './dk-file-picker.ts';
import './dk-file-picker.ts';
import { errorText } from './form-errors.ts';
import { documentFormStyles } from './form-styles.ts';
import { offeredKinds } from '../../model/document-types.ts';
import { confidentialityLabel, kindLabel, receivedViaLabel, urgencyLabel } from './labels.ts';
import './messages-forms.ts';

type TextField = Exclude<keyof RegistrationInput, 'attachments'>;
type Field = TextField | 'attachments';
type Values = Record<TextField, string>;

const FIELD_ORDER: Field[] = [
  'issuingBody',
  'numberSymbol',
  'issuedOn',
  'kind',
  'summary',
  'signer',
  'pageCount',
  'urgency',
  'confidentiality',
  'routeTo',
  'arrivedOn',
  'receivedVia',
  'deadline',
  'attachments',
];

/** What "Save and register another" keeps: the next document of a pile usually shares these. */
const KEPT: TextField[] = ['issuingBody', 'receivedVia', 'arrivedOn'];

const blank = (today: string): Values => ({
  issuingBody: '',
  numberSymbol: '',
  issuedOn: '',
  kind: '',
  summary: '',
  signer: '',
  pageCount: '',
  urgency: 'normal',
  confidentiality: 'normal',
  routeTo: '',
  arrivedOn: today,
  receivedVia: 'paper',
  deadline: '',
});

/**
 * Registration of an incoming document (vào sổ văn bản đến), `/documents/new/incoming`, for clerks. The
 * issuing body is typed or picked from the directory and the bodies already on this device; a recognised
 * number/symbol (`15/QĐ-UBND`) preselects the type. Validation is the model's (`validateRegistration`), shown
 * next to each field. A likely duplicate (same body, number/symbol and issue date on this device) must be
 * confirmed before saving. Saving works offline; the arrival number comes from the server later.
 * "Save and register another" keeps the issuing body, arrival date and channel for the next one of the pile.
 *
 * @fires dk-document-saved - `{ id }` after the document was saved on this device.
 */
@customElement('dk-incoming-form')
export class DkIncomingForm extends LitElement {
  static override styles = [
    sharedStyles,
    documentFormStyles,
    css`
      .kind-hint {
        color: var(--dk-color-success);
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @property({ attribute: false })
  me: MeResponse | null = null;
  /** Saves the registration; the data layer's by default (tests inject failures). */
  @property({ attribute: false }) register: typeof registerIncoming = registerIncoming;
  /** Today in Asia/Ho_Chi_Minh (`YYYY-MM-DD`); computed at each check unless pinned (tests). */
  @property() today?: string;

  @state() private _v: Values = blank('');
  @state() private _files: File[] = [];
  /** The type was set from the number/symbol, not chosen by hand. */
  @state() private _kindAuto = false;
  @state() private _errors: Partial<Record<Field, FieldError>> = {};
  @state() private _formError = '';
  @state() private _submitted = false;
  @state() private _busy = false;
  @state() private _directory: Directory = emptyDirectory();
  @state() private _knownBodies: string[] = [];
  /** Likely duplicates found before saving; the clerk must confirm or cancel. */
  @state() private _duplicates: DocumentRow[] | null = null;
  @state() private _duplicatesConfirmed = false;
  /** The last document saved with "Save and register another". */
  @state() private _saved: { id: string; label: string } | null = null;

  @query('dk-file-picker') private _picker?: DkFilePicker;

  protected readonly _locale = new LocaleController(this);
  private readonly _unsavedKey = `incoming-form-${Math.random().toString(36).slice(2)}`;
  private _stopDirectory?: () => void;
  private _anotherAfterConfirm = false;

  private get _today(): string {
    return this.today ?? wardDay();
  }

  private get _isClerk(): boolean {
    return !!this.me?.roles.includes('clerk');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.me) this._watch(this.me);
  }

  override disconnectedCallback(): void {
    this._stopDirectory?.();
    this._stopDirectory = undefined;
    setUnsaved(this._unsavedKey, false);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!this.hasUpdated) this._v = { ...this._v, arrivedOn: this._today };
    if (changed.has('me') && this.me && this.isConnected) this._watch(this.me);
  }

  private _watch(me: MeResponse): void {
    this._stopDirectory?.();
    this._stopDirectory = subscribeDirectory(me, () => void this._load(me));
    void this._load(me);
  }

  private async _load(me: MeResponse): Promise<void> {
    try {
      const [directory, rows] = await Promise.all([loadDirectory(me), listDocuments(me)]);
      if (me !== this.me) return;
      this._directory = directory;
      const names = new Set(directory.bodies.map((b) => b.name));
      for (const r of rows) if (r.doc.direction === 'incoming' && r.doc.issuingBody) names.add(r.doc.issuingBody);
      this._knownBodies = [...names].sort(compareVi);
    } catch (err) {
      // The suggestions are a convenience: the form works with free text without them.
      if (this.isConnected) console.warn('Could not load the directory for the registration form', err);
    }
  }

  /** True when something has been typed or chosen beyond the defaults. */
  get dirty(): boolean {
    const start = blank(this._today);
    return this._files.length > 0 || (Object.keys(start) as TextField[]).some((k) => this._v[k] !== start[k]);
  }

  private _input(): RegistrationInput {
    const v = this._v;
    return {
      ...v,
      ...(v.confidentiality === 'normal' ? { routeTo: '' } : {}),
      attachments: this._files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
    };
  }

  private _showErrors(errors: FieldError[]): void {
    const byField: Partial<Record<Field, FieldError>> = {};
    for (const e of errors) {
      const field = e.field.split('.')[0] as Field;
      if (FIELD_ORDER.includes(field)) byField[field] ??= e;
    }
    this._errors = byField;
    this._formError = formErrorText(errors, FIELD_ORDER, errorText, 'forms.fixErrors');
  }

  private _set(field: TextField, value: string): void {
    const next = { ...this._v, [field]: value };
    if (field === 'numberSymbol') {
      const kind = parseNumberSymbol(value)?.kind;
      if (kind && (this._kindAuto || !next.kind)) {
        next.kind = kind;
        this._kindAuto = true;
      }
    }
    if (field === 'kind') this._kindAuto = false;
    this._v = next;
    if (field === 'issuingBody' || field === 'numberSymbol' || field === 'issuedOn') {
      // A confirmation was for that exact document.
      this._duplicates = null;
      this._duplicatesConfirmed = false;
    }
    this._changed();
  }

  private _changed(): void {
    setUnsaved(this._unsavedKey, this.dirty);
    // After a first attempt, errors follow the input as the user corrects it.
    if (this._submitted) this._showErrors(validateRegistration(this._input(), this._today));
  }

  private async _focusFirstError(): Promise<void> {
    await this.updateComplete;
    const first = FIELD_ORDER.find((f) => this._errors[f]);
    if (first === 'attachments') await this._picker?.focusFirstError();
    else if (first) this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  private async _submit(e?: Event, another = false): Promise<void> {
    e?.preventDefault();
    if (this._busy || !this.me) return;
    this._submitted = true;
    const me = this.me;
    const input = this._input();
    await saveForm({
      errors: validateRegistration(input, this._today),
      showErrors: (errors) => this._showErrors(errors),
      focusFirstError: () => this._focusFirstError(),
      showMessage: (text) => (this._formError = text),
      setBusy: (busy) => (this._busy = busy),
      storageFull: 'forms.error.storageFull',
      what: 'Registering an incoming document',
      write: async () => {
        if (!this._duplicatesConfirmed) {
          const duplicates = await findLikelyDuplicates(me, input);
          if (duplicates.length) {
            this._duplicates = duplicates;
            this._anotherAfterConfirm = another;
            this._busy = false;
            await this.updateComplete;
            this.renderRoot.querySelector<HTMLElement>('#duplicates-title')?.focus();
            return;
          }
        }
        const id = await this.register(me, input, this._files);
        const label = `${input.numberSymbol.trim()} — ${input.issuingBody.trim()}`;
        this.dispatchEvent(new CustomEvent('dk-document-saved', { bubbles: true, composed: true, detail: { id } }));
        if (another) {
          this._startAnother({ id, label });
        } else {
          setUnsaved(this._unsavedKey, false);
          navigate(`/documents/${encodeURIComponent(id)}`);
        }
      },
    });
  }

  /** After "Save and register another": keep body, channel and arrival day; clear the rest; back to the top. */
  private _startAnother(saved: { id: string; label: string }): void {
    const next = blank(this._today);
    for (const k of KEPT) next[k] = this._v[k];
    this._v = next;
    this._files = [];
    this._kindAuto = false;
    this._errors = {};
    this._formError = '';
    this._submitted = false;
    this._duplicates = null;
    this._duplicatesConfirmed = false;
    this._saved = saved;
    setUnsaved(this._unsavedKey, this.dirty);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[name="issuingBody"]')?.focus());
  }

  private _confirmDuplicate(): void {
    this._duplicatesConfirmed = true;
    void this._submit(undefined, this._anotherAfterConfirm);
  }

  private async _cancelDuplicate(): Promise<void> {
    this._duplicates = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[name="numberSymbol"]')?.focus();
  }

  // ——————————————————————————————————————————— rendering

  private _errorText(field: Field): string | undefined {
    const err = this._errors[field];
    return err && errorText(err);
  }

  private _error(field: Field) {
    return errorLine(field, this._errorText(field));
  }

  private _aria(field: Field, hint?: string) {
    return fieldAria(field, !!this._errors[field], hint);
  }

  private _label(field: Field, key: string, optional = false) {
    return fieldLabel(field, t(key), optional);
  }

  private _text(field: TextField, key: string, opts: { optional?: boolean; hint?: string; list?: string; numeric?: boolean } = {}) {
    const { numeric, ...rest } = opts;
    return inputField(field, t(key), this._v[field], this._errorText(field), (v) => this._set(field, v), {
      ...rest,
      ...(numeric ? { inputmode: 'numeric' } : {}),
    });
  }

  private _date(field: TextField, key: string, opts: { optional?: boolean; min?: string; max?: string } = {}) {
    return inputField(field, t(key), this._v[field], this._errorText(field), (v) => this._set(field, v), { ...opts, type: 'date' });
  }

  private _select(field: TextField, key: string, options: Array<[string, string]>, opts: { placeholder?: string; hint?: string } = {}) {
    const a = this._aria(field, opts.hint ? `${field}-hint` : undefined);
    return html`<div class="field">
      ${this._label(field, key)}
      <select
        id=${field}
        name=${field}
        aria-invalid=${a.invalid}
        aria-describedby=${a.describedBy}
        @change=${(e: Event) => this._set(field, (e.target as HTMLSelectElement).value)}
      >
        ${opts.placeholder !== undefined ? html`<option value="" ?selected=${!this._v[field]}>${opts.placeholder}</option>` : nothing}
        ${options.map(([value, label]) => html`<option value=${value} ?selected=${this._v[field] === value}>${label}</option>`)}
      </select>
      ${opts.hint ? html`<span id="${field}-hint" class="hint ${field}-hint">${opts.hint}</span>` : nothing} ${this._error(field)}
    </div>`;
  }

  private _renderDuplicates(rows: DocumentRow[]) {
    return html`<section class="panel" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title" tabindex="-1">${icons.warning}${t('forms.duplicates.title', { count: rows.length })}</h2>
      <p class="note">${t('forms.duplicates.explain')}</p>
      <ul>
        ${rows.map((r) => {
          const d = r.doc.direction === 'incoming' ? r.doc : null;
          return html`<li>
            <a href="/documents/${encodeURIComponent(r.id)}" target="_blank" rel="noopener" dir="auto"
              >${d?.numberSymbol} — ${d?.issuingBody}</a
            >
            · ${t('forms.duplicates.issuedOn', { day: d ? formatDay(d.issuedOn) : '' })}
            ${r.numberText ? html`· ${t('doc.arrivalNumber')} ${r.numberText}` : html`· ${t('doc.awaitingNumber')}`}
            <div class="note" dir="auto">${r.doc.summary}</div>
          </li>`;
        })}
      </ul>
      <div class="actions">
        <button type="button" class="btn" @click=${this._cancelDuplicate}>${t('common.cancel')}</button>
        <button type="button" class="btn primary" ?disabled=${this._busy} @click=${this._confirmDuplicate}>
          ${t('forms.duplicates.saveAnyway')}
        </button>
      </div>
    </section>`;
  }

  override render() {
    const head = html`<div class="head">
      <a href="/documents">${icons.back}${t('forms.backToDocuments')}</a>
      <h1>${t('forms.incoming.title')}</h1>
    </div>`;
    if (!this.me)
      return html`${head}
        <p class="note">${t('common.loading')}</p>`;
    if (!this._isClerk)
      return html`${head}<dk-empty-state .heading=${t('forms.incoming.clerksOnly')} .icon=${icons.documents}>
          <p>${t('forms.incoming.clerksOnlyExplain')}</p>
          <a slot="actions" class="btn" href="/documents">${t('forms.backToDocuments')}</a>
        </dk-empty-state>`;
    const v = this._v;
    const confidential = v.confidentiality !== 'normal';
    // The types the office registers (administration), keeping one already chosen or read from the symbol.
    const kinds = offeredKinds(this._directory.documentTypes, 'incoming', (v.kind || undefined) as DocumentKind | undefined).map(
      (k): [string, string] => [k, DOCUMENT_KINDS[k].abbr ? `${kindLabel(k)} (${DOCUMENT_KINDS[k].abbr})` : kindLabel(k)],
    );
    return html`${head}
      <p class="sub">${t('forms.incoming.intro')}</p>
      <div role="status" class="saved">
        ${
          this._saved
            ? html`<div class="banner success">
                ${icons.info}
                <p>
                  ${t('forms.incoming.savedAnother', { label: this._saved.label })}
                  <a href="/documents/${encodeURIComponent(this._saved.id)}">${t('forms.incoming.viewSaved')}</a>
                </p>
              </div>`
            : nothing
        }
      </div>
      <form novalidate @submit=${(e: Event) => this._submit(e, false)} aria-busy=${this._busy ? 'true' : 'false'}>
        <div class="form-error" role="alert">
          ${this._formError ? html`<p class="banner danger">${icons.warning} ${this._formError}</p>` : nothing}
        </div>
        <fieldset>
          <legend>${t('forms.incoming.document')}</legend>
          ${this._text('issuingBody', 'forms.issuingBody', { list: 'bodies', hint: t('forms.issuingBodyHint') })}
          <datalist id="bodies">${this._knownBodies.map((b) => html`<option value=${b}></option>`)}</datalist>
          <div class="row">
            ${this._text('numberSymbol', 'forms.numberSymbol', { hint: t('forms.numberSymbolHint') })}
            ${this._date('issuedOn', 'forms.issuedOn', { max: this._today })}
          </div>
          ${this._select('kind', 'forms.kind', kinds, {
            placeholder: t('forms.choose'),
            ...(this._kindAuto ? { hint: t('forms.kindFromSymbol') } : {}),
          })}
          <div class="field">
            ${this._label('summary', 'forms.summary')}
            <textarea
              id="summary"
              name="summary"
              dir="auto"
              rows="4"
              .value=${v.summary}
              aria-invalid=${this._aria('summary').invalid}
              aria-describedby=${this._aria('summary').describedBy}
              @input=${(e: Event) => this._set('summary', (e.target as HTMLTextAreaElement).value)}
            ></textarea>
            ${this._error('summary')}
          </div>
          <div class="row">
            ${this._text('signer', 'forms.signer', { optional: true })}
            ${this._text('pageCount', 'forms.pageCount', { optional: true, numeric: true })}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('forms.handling')}</legend>
          <div class="row">
            ${this._select(
              'urgency',
              'forms.urgency',
              URGENCIES.map((u): [string, string] => [u, urgencyLabel(u)]),
            )}
            ${this._select(
              'confidentiality',
              'forms.confidentiality',
              CONFIDENTIALITIES.map((c): [string, string] => [c, confidentialityLabel(c)]),
            )}
          </div>
          ${
            confidential
              ? html`<p class="banner warning">${icons.warning}<span>${t('forms.incoming.confidentialNote')}</span></p>
                  ${this._select(
                    'routeTo',
                    'forms.routeTo',
                    leadersOf(this._directory).map((p): [string, string] => [
                      p.name,
                      p.title ? `${p.displayName} — ${p.title}` : p.displayName,
                    ]),
                    { placeholder: t('forms.choose') },
                  )}`
              : nothing
          }
        </fieldset>
        <fieldset>
          <legend>${t('forms.incoming.arrival')}</legend>
          <div class="row">
            ${this._date('arrivedOn', 'forms.arrivedOn', { max: this._today })}
            ${this._select(
              'receivedVia',
              'forms.receivedVia',
              RECEIVED_VIA.filter((r) => r !== 'internal').map((r): [string, string] => [r, receivedViaLabel(r)]),
            )}
            ${this._date('deadline', 'forms.deadline', { optional: true, min: this._today })}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('forms.attachments')}</legend>
          <dk-file-picker
            camera
            optional
            .label=${t('forms.attachmentsLabel')}
            .files=${this._files}
            @dk-files-change=${(e: CustomEvent<{ files: File[] }>) => {
              this._files = e.detail.files;
              this._changed();
            }}
          ></dk-file-picker>
        </fieldset>
        ${this._duplicates ? this._renderDuplicates(this._duplicates) : nothing}
        <p class="note">${t('forms.incoming.offlineNote')}</p>
        ${this.me?.settings?.hub ? html`<p class="note" data-hub-numbering>${t('hub.numberingNote')}</p>` : nothing}
        <div class="actions">
          <a class="btn" href="/documents">${t('common.cancel')}</a>
          <button type="button" class="btn" id="save-another" ?disabled=${this._busy} @click=${() => this._submit(undefined, true)}>
            ${t('forms.incoming.saveAnother')}
          </button>
          <button type="submit" class="btn primary" ?disabled=${this._busy}>
            ${this._busy ? t('forms.saving') : t('forms.incoming.save')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-incoming-form': DkIncomingForm;
  }
  interface GlobalEventHandlersEventMap {
    'dk-document-saved': CustomEvent<{ id: string }>;
  }
}
