import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { type Directory, emptyDirectory, leadersOf, loadDirectory, subscribeDirectory } from '../../data/directory.ts';
import { type DocumentRow, createDraft, getDocument } from '../../data/documents.ts';
import type { MeResponse } from '../../model/api.ts';
import type { FieldError } from '../../model/doc.ts';
import { CONFIDENTIALITIES, type DocumentKind, URGENCIES } from '../../model/documents/types.ts';
import { type DraftInput, validateDraft } from '../../model/documents/validation.ts';
import { LocaleController, formatDay, t } from '../../i18n/i18n.ts';
import { errorLine, fieldAria, textAreaField } from '../../ui/forms/fields.ts';
import { formErrorText, isUnder } from '../../ui/forms/form-errors.ts';
import { saveForm } from '../../ui/forms/save-form.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { setUnsaved } from '../../ui/unsaved.ts';
import type { AssigneePick, DkAssigneePicker } from './dk-assignee-picker.ts';
import './dk-assignee-picker.ts';
import type { DkFilePicker } from './dk-file-picker.ts';
import './dk-file-picker.ts';
import { errorText } from './form-errors.ts';
import { documentFormStyles } from './form-styles.ts';
import { offeredKinds } from '../../model/document-types.ts';
import { confidentialityLabel, kindLabel, urgencyLabel } from './labels.ts';
import './messages-forms.ts';

type TextField = 'kind' | 'summary' | 'unitId' | 'signer' | 'urgency' | 'confidentiality' | 'pageCount';
type Field = TextField | 'internalRecipients' | 'externalRecipients' | 'recipients' | 'attachments' | 'repliesTo';
const FIELD_ORDER: Field[] = [
  'kind',
  'summary',
  'unitId',
  'signer',
  'urgency',
  'confidentiality',
  'recipients',
  'internalRecipients',
  'externalRecipients',
  'pageCount',
  'attachments',
  'repliesTo',
];

/**
 * A new outgoing draft (dự thảo), `/documents/new/draft[?replyTo=<incoming id>]`: type, summary, drafting unit
 * (the author's units; leaders may pick any), the leader who signs, urgency, confidentiality, internal
 * recipients (units and persons; persons only when confidential), external recipients (bodies from the
 * directory or typed), page count and the first version of its files. Validation is the model's
 * (`validateDraft`); the draft is saved in the drafting unit's space (confidential: the author's own) and
 * works offline.
 *
 * @fires dk-document-saved - `{ id }` after the draft was saved on this device.
 */
@customElement('dk-draft-form')
export class DkDraftForm extends LitElement {
  static override styles = [
    sharedStyles,
    documentFormStyles,
    css`
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .chips li {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-1);
        max-inline-size: 100%;
        padding-inline: var(--dk-space-3) 0;
        border: 1px solid var(--dk-color-border-strong);
        border-radius: 999px;
        background: var(--dk-color-surface-muted);
      }
      .chips li.invalid {
        border-color: var(--dk-color-danger);
      }
      .chips span {
        overflow-wrap: anywhere;
      }
      .chips button {
        min-block-size: 36px;
        min-inline-size: 36px;
        padding: 0;
        border-radius: 999px;
      }
      .adder {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
      }
      .adder input {
        flex: 1 1 14rem;
        inline-size: auto;
        min-inline-size: 0;
      }
      .reply {
        display: grid;
        gap: var(--dk-space-1);
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @property({ attribute: false })
  me: MeResponse | null = null;
  /** Saves the draft; the data layer's by default (tests inject failures). */
  @property({ attribute: false }) create: typeof createDraft = createDraft;
  /** The incoming document this draft answers (`?replyTo=`). */
  @property({ attribute: false }) replyTo?: string;

  @state() private _v: Record<TextField, string> = {
    kind: '',
    summary: '',
    unitId: '',
    signer: '',
    urgency: 'normal',
    confidentiality: 'normal',
    pageCount: '',
  };
  @state() private _internal: AssigneePick[] = [];
  @state() private _external: string[] = [];
  @state() private _externalText = '';
  @state() private _files: File[] = [];
  @state() private _allErrors: FieldError[] = [];
  @state() private _formError = '';
  @state() private _submitted = false;
  @state() private _busy = false;
  @state() private _directory: Directory = emptyDirectory();
  /** The document answered: `undefined` while loading, `null` when not on this device. */
  @state() private _reply?: DocumentRow | null;

  @query('dk-assignee-picker') private _picker?: DkAssigneePicker;
  @query('dk-file-picker') private _filePicker?: DkFilePicker;

  protected readonly _locale = new LocaleController(this);
  private readonly _unsavedKey = `draft-form-${Math.random().toString(36).slice(2)}`;
  private _stopDirectory?: () => void;

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
    if (changed.has('me') && this.me) {
      if (this.isConnected) this._watch(this.me);
      if (!this._v.unitId && this.me.units[0]) this._v = { ...this._v, unitId: this.me.units[0] };
    }
    if ((changed.has('replyTo') || changed.has('me')) && this.me) void this._loadReply(this.me, this.replyTo);
  }

  private _watch(me: MeResponse): void {
    this._stopDirectory?.();
    this._stopDirectory = subscribeDirectory(me, () => void this._load(me));
    void this._load(me);
  }

  private async _load(me: MeResponse): Promise<void> {
    try {
      const directory = await loadDirectory(me);
      if (me === this.me) this._directory = directory;
    } catch (err) {
      if (this.isConnected) console.warn('Could not load the directory for the draft form', err);
    }
  }

  private async _loadReply(me: MeResponse, id: string | undefined): Promise<void> {
    if (!id) {
      this._reply = undefined;
      return;
    }
    const row = await getDocument(me, id).catch(() => null);
    if (me === this.me && id === this.replyTo) this._reply = row;
  }

  private get _isLeader(): boolean {
    return !!this.me?.roles.includes('leader');
  }

  private get _confidential(): boolean {
    return this._v.confidentiality !== 'normal';
  }

  /** The units the author may draft for: their own; leaders any unit of the ward. */
  private _units(): Array<[string, string]> {
    const me = this.me;
    if (!me) return [];
    const ids = this._isLeader && this._directory.units.length ? this._directory.units.map((u) => u.unitId) : me.units;
    return ids.map((id) => [id, this._directory.unitById.get(id)?.name ?? id]);
  }

  get dirty(): boolean {
    const v = this._v;
    return !!(v.kind || v.summary || v.signer || v.pageCount || this._internal.length || this._external.length || this._files.length);
  }

  private _input(): DraftInput {
    return {
      ...this._v,
      internalRecipients: this._internal.map((p) => p.assignee),
      externalRecipients: this._external,
      ...(this.replyTo ? { repliesTo: this.replyTo } : {}),
      attachments: this._files.map((f) => ({ name: f.name, type: f.type, size: f.size })),
    };
  }

  private _first(field: Field): FieldError | undefined {
    return this._allErrors.find((e) => isUnder(e, field));
  }

  private _showErrors(errors: FieldError[]): void {
    this._allErrors = errors;
    this._formError = formErrorText(errors, FIELD_ORDER, errorText, 'forms.fixErrors');
  }

  private _changed(): void {
    setUnsaved(this._unsavedKey, this.dirty);
    if (this._submitted) this._showErrors(validateDraft(this._input()));
  }

  private _set(field: TextField, value: string): void {
    this._v = { ...this._v, [field]: value };
    this._changed();
  }

  private _addExternal(): void {
    const name = this._externalText.trim();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#external');
    if (name && !this._external.some((x) => x.toLowerCase() === name.toLowerCase())) this._external = [...this._external, name];
    this._externalText = '';
    if (input) input.value = '';
    this._changed();
    input?.focus();
  }

  private async _removeExternal(i: number): Promise<void> {
    this._external = this._external.filter((_, n) => n !== i);
    this._changed();
    await this.updateComplete;
    const next = this.renderRoot.querySelector<HTMLElement>(`#external-remove-${Math.min(i, this._external.length - 1)}`);
    (next ?? this.renderRoot.querySelector<HTMLElement>('#external'))?.focus();
  }

  private async _focusFirstError(): Promise<void> {
    await this.updateComplete;
    const first = FIELD_ORDER.find((f) => this._first(f));
    if (first === 'attachments') await this._filePicker?.focusFirstError();
    else if (first === 'internalRecipients') await this._picker?.focusFirstError();
    else if (first === 'recipients') this._picker?.focus();
    else if (first === 'externalRecipients') this.renderRoot.querySelector<HTMLElement>('#external')?.focus();
    else if (first) this.renderRoot.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  private async _submit(e?: Event): Promise<void> {
    e?.preventDefault();
    if (this._busy || !this.me) return;
    // A name typed but not yet added counts as added: people press Save without pressing Enter first.
    if (this._externalText.trim()) this._addExternal();
    this._submitted = true;
    const me = this.me;
    const input = this._input();
    await saveForm({
      errors: validateDraft(input),
      showErrors: (errors) => this._showErrors(errors),
      focusFirstError: () => this._focusFirstError(),
      showMessage: (text) => (this._formError = text),
      setBusy: (busy) => (this._busy = busy),
      storageFull: 'forms.error.storageFull',
      what: 'Saving a draft',
      write: async () => {
        const id = await this.create(me, input, this._files);
        setUnsaved(this._unsavedKey, false);
        this.dispatchEvent(new CustomEvent('dk-document-saved', { bubbles: true, composed: true, detail: { id } }));
        navigate(`/documents/${encodeURIComponent(id)}`);
      },
    });
  }

  // ——————————————————————————————————————————— rendering

  private _error(field: Field) {
    return errorLine(field, this._errorText(field));
  }

  private _errorText(field: Field): string | undefined {
    const err = this._first(field);
    return err && errorText(err);
  }

  private _select(field: TextField, key: string, options: Array<[string, string]>, placeholder?: string) {
    const a = fieldAria(field, !!this._first(field));
    return html`<div class="field">
      <label for=${field}>${t(key)}</label>
      <select
        id=${field}
        name=${field}
        aria-invalid=${a.invalid}
        aria-describedby=${a.describedBy}
        @change=${(e: Event) => this._set(field, (e.target as HTMLSelectElement).value)}
      >
        ${placeholder !== undefined ? html`<option value="" ?selected=${!this._v[field]}>${placeholder}</option>` : nothing}
        ${options.map(([value, label]) => html`<option value=${value} ?selected=${this._v[field] === value}>${label}</option>`)}
      </select>
      ${this._error(field)}
    </div>`;
  }

  private _renderReply() {
    if (!this.replyTo) return nothing;
    const row = this._reply;
    const doc = row?.doc;
    return html`<div class="banner info reply" id="repliesTo" tabindex="-1">
      ${icons.info}
      <div>
        <strong>${t('forms.draft.inReplyTo')}</strong>
        ${
          row === undefined
            ? html`<p>${t('common.loading')}</p>`
            : doc && doc.direction === 'incoming'
              ? html`<p>
                    <a href="/documents/${encodeURIComponent(row!.id)}">${doc.numberSymbol} — ${doc.issuingBody}</a>
                    · ${formatDay(doc.issuedOn)}
                  </p>
                  <p dir="auto">${doc.summary}</p>`
              : html`<p>${t('forms.draft.replyNotHere')}</p>`
        }
      </div>
    </div>`;
  }

  override render() {
    const head = html`<div class="head">
      <a href="/documents">${icons.back}${t('forms.backToDocuments')}</a>
      <h1>${t('forms.draft.title')}</h1>
    </div>`;
    if (!this.me)
      return html`${head}
        <p class="note">${t('common.loading')}</p>`;
    // The types the ward issues (administration), keeping the one already chosen.
    const chosen = (this._v.kind || undefined) as DocumentKind | undefined;
    const kinds = offeredKinds(this._directory.documentTypes, 'outgoing', chosen).map((k): [string, string] => [k, kindLabel(k)]);
    const leaders = leadersOf(this._directory).map((p): [string, string] => [
      p.name,
      p.title ? `${p.displayName} — ${p.title}` : p.displayName,
    ]);
    const recipientsErr = this._first('recipients');
    const externalErr = this._first('externalRecipients');
    return html`${head}
      <p class="sub">${t('forms.draft.intro')}</p>
      <form novalidate @submit=${this._submit} aria-busy=${this._busy ? 'true' : 'false'}>
        <div class="form-error" role="alert">
          ${this._formError ? html`<p class="banner danger">${icons.warning} ${this._formError}</p>` : nothing}
        </div>
        ${this._renderReply()}
        <fieldset>
          <legend>${t('forms.draft.document')}</legend>
          ${this._select('kind', 'forms.kind', kinds, t('forms.choose'))}
          ${textAreaField('summary', t('forms.summary'), this._v.summary, this._errorText('summary'), (v) => this._set('summary', v), { rows: 4 })}
          <div class="row">
            ${this._select('unitId', 'forms.draft.unit', this._units(), this._units().length === 1 ? undefined : t('forms.choose'))}
            ${this._select('signer', 'forms.draft.signer', leaders, t('forms.choose'))}
          </div>
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
            this._confidential
              ? html`<p class="banner warning">${icons.warning}<span>${t('forms.draft.confidentialNote')}</span></p>`
              : nothing
          }
        </fieldset>
        <fieldset aria-describedby=${recipientsErr ? 'recipients-error' : nothing}>
          <legend>${t('forms.draft.recipients')}</legend>
          ${this._error('recipients')}
          <dk-assignee-picker
            field="internalRecipients"
            .label=${t('forms.draft.internal')}
            .hint=${this._confidential ? t('forms.draft.internalHintConfidential') : t('forms.draft.internalHint')}
            .directory=${this._directory}
            .value=${this._internal}
            .errors=${this._allErrors}
            ?persons-only=${this._confidential}
            .exclude=${[`person:${this.me.name}`]}
            @dk-assignees-change=${(e: CustomEvent<{ value: AssigneePick[] }>) => {
              this._internal = e.detail.value;
              this._changed();
            }}
          ></dk-assignee-picker>
          <div class="field">
            <label for="external">${t('forms.draft.external')}</label>
            ${
              this._external.length
                ? html`<ul class="chips" aria-label=${t('forms.draft.externalList')}>
                    ${this._external.map((name, i) => {
                      const err = this._allErrors.find((x) => x.field === `externalRecipients.${i}`);
                      return html`<li class=${err ? 'invalid' : ''}>
                        <span dir="auto">${name}</span>
                        <button
                          id="external-remove-${i}"
                          type="button"
                          class="btn ghost"
                          aria-label=${t('forms.picker.remove', { name })}
                          @click=${() => this._removeExternal(i)}
                        >
                          ${icons.close}
                        </button>
                      </li>`;
                    })}
                  </ul>`
                : nothing
            }
            <div class="adder">
              <input
                id="external"
                name="externalRecipients"
                type="text"
                dir="auto"
                autocomplete="off"
                list="bodies"
                aria-invalid=${externalErr ? 'true' : 'false'}
                aria-describedby="external-hint${externalErr ? ' externalRecipients-error' : ''}"
                @input=${(e: Event) => (this._externalText = (e.target as HTMLInputElement).value)}
                @keydown=${(e: KeyboardEvent) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    this._addExternal();
                  }
                }}
              />
              <button type="button" class="btn" @click=${this._addExternal}>${icons.plus}${t('forms.picker.add')}</button>
            </div>
            <datalist id="bodies">${this._directory.bodies.map((b) => html`<option value=${b.name}></option>`)}</datalist>
            <span id="external-hint" class="hint">${t('forms.draft.externalHint')}</span>
            ${this._error('externalRecipients')}
          </div>
        </fieldset>
        <fieldset>
          <legend>${t('forms.attachments')}</legend>
          <div class="field">
            <label for="pageCount">${t('forms.pageCount')} <span class="hint">${t('common.optional')}</span></label>
            <input
              id="pageCount"
              name="pageCount"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              .value=${this._v.pageCount}
              aria-invalid=${fieldAria('pageCount', !!this._first('pageCount')).invalid}
              aria-describedby=${fieldAria('pageCount', !!this._first('pageCount')).describedBy}
              @input=${(e: Event) => this._set('pageCount', (e.target as HTMLInputElement).value)}
            />
            ${this._error('pageCount')}
          </div>
          <dk-file-picker
            optional
            .label=${t('forms.draft.files')}
            .files=${this._files}
            @dk-files-change=${(e: CustomEvent<{ files: File[] }>) => {
              this._files = e.detail.files;
              this._changed();
            }}
          ></dk-file-picker>
        </fieldset>
        <p class="note">${t('forms.draft.offlineNote')}</p>
        <div class="actions">
          <a class="btn" href="/documents">${t('common.cancel')}</a>
          <button type="submit" class="btn primary" ?disabled=${this._busy}>
            ${this._busy ? t('forms.saving') : t('forms.draft.save')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-draft-form': DkDraftForm;
  }
}
