import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { importEvents, importSpaces, isAlreadyThere } from '../../data/calendar-interchange.ts';
import type { EventRow } from '../../data/schedule.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { type IcsError, type ImportedEvent, parseIcs } from '../../model/schedule/ical.ts';
import { saveFailure } from '../../ui/forms/form-errors.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { whenText } from './labels.ts';
import './messages.ts';

interface Candidate {
  event: ImportedEvent;
  chosen: boolean;
  already: boolean;
}

/**
 * Import of an `.ics` file (from another calendar app, a partner agency's invitation) into the personal calendar or
 * one of the person's unit calendars: the file is read on the device (ical.js), every event is previewed with its
 * time and place, events already there or cancelled are left unticked, problems are listed with their line, and
 * nothing is written until the person confirms. Works offline.
 *
 * @fires dk-imported - `{ count }` after the chosen events were written.
 */
@customElement('dk-ics-import')
export class DkIcsImport extends LitElement {
  static override styles = [
    sharedStyles,
    formStyles,
    css`
      table {
        inline-size: 100%;
        border-collapse: collapse;
        font-size: var(--dk-font-size-sm);
      }
      th,
      td {
        border-block-end: 1px solid var(--dk-color-border);
        padding: var(--dk-space-2);
        text-align: start;
        vertical-align: top;
      }
      .scroll {
        max-block-size: 50vh;
        overflow: auto;
      }
      .muted {
        color: var(--dk-color-text-muted);
      }
      ul.errors {
        margin: 0;
        padding-inline-start: var(--dk-space-5);
      }
    `,
  ];

  @property({ attribute: false }) me?: MeResponse;
  /** What the device already holds (to leave duplicates unticked). */
  @property({ attribute: false }) rows: EventRow[] = [];

  @state() private _candidates: Candidate[] = [];
  @state() private _errors: IcsError[] = [];
  @state() private _fileName = '';
  @state() private _spaceDb = '';
  @state() private _busy = false;
  @state() private _done = 0;
  @state() private _message = '';

  protected readonly _locale = new LocaleController(this);

  /** Back to the empty form (when the dialog closes). */
  reset(): void {
    this._candidates = [];
    this._errors = [];
    this._fileName = '';
    this._done = 0;
    this._message = '';
  }

  private async _onFile(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    this.reset();
    if (!file) return;
    this._fileName = file.name;
    const parsed = parseIcs(await file.text());
    this._errors = parsed.errors;
    this._candidates = parsed.events.map((event) => {
      const already = isAlreadyThere(event, this.rows);
      return { event, already, chosen: !already && !event.cancelled };
    });
  }

  private async _import(e: Event): Promise<void> {
    e.preventDefault();
    const me = this.me;
    if (!me || this._busy) return;
    const spaces = importSpaces(me);
    const space = spaces.find((s) => s.db === this._spaceDb) ?? spaces[0];
    const chosen = this._candidates.filter((c) => c.chosen).map((c) => c.event);
    if (!space || chosen.length === 0) return;
    this._busy = true;
    this._message = '';
    try {
      const count = await importEvents(me, space, chosen, { untitled: t('schedule.import.untitled'), onProgress: (n) => (this._done = n) });
      this._message = t('schedule.import.done', { count: formatNumber(count) });
      this._candidates = [];
      this.dispatchEvent(new CustomEvent('dk-imported', { bubbles: true, composed: true, detail: { count } }));
    } catch (err) {
      const f = saveFailure(err, 'schedule.error.storageFull', 'Importing an .ics file');
      this._message = 'fields' in f ? f.fields.map((x) => t(x.code)).join(' ') : f.message;
    } finally {
      this._busy = false;
    }
  }

  private _toggle(i: number, chosen: boolean): void {
    this._candidates = this._candidates.map((c, j) => (j === i ? { ...c, chosen } : c));
  }

  override render() {
    const me = this.me;
    if (!me) return nothing;
    const spaces = importSpaces(me);
    const chosen = this._candidates.filter((c) => c.chosen).length;
    return html`<form @submit=${this._import}>
      <div class="field">
        <label for="ics-file">${t('schedule.import.file')}</label>
        <input id="ics-file" name="file" type="file" accept=".ics,text/calendar" @change=${this._onFile} />
        <span class="hint">${t('schedule.import.hint')}</span>
      </div>
      ${
        this._errors.length
          ? html`<div class="banner warning" role="alert">
              <div>
                <strong>${t('schedule.import.problems', { count: formatNumber(this._errors.length) })}</strong>
                <ul class="errors">
                  ${this._errors.map(
                    (x) =>
                      html`<li>
                        ${x.line ? t('schedule.import.line', { line: formatNumber(x.line) }) : ''}${t(`schedule.ical.${x.code}`)}
                      </li>`,
                  )}
                </ul>
              </div>
            </div>`
          : nothing
      }
      ${
        this._candidates.length
          ? html`<div class="field">
                <label for="ics-target">${t('schedule.import.target')}</label>
                <select id="ics-target" name="target" @change=${(e: Event) => (this._spaceDb = (e.target as HTMLSelectElement).value)}>
                  ${spaces.map(
                    (s) =>
                      html`<option value=${s.db} ?selected=${s.db === this._spaceDb}>
                        ${s.kind === 'personal' ? t('schedule.target.personal') : t('schedule.target.unit', { unit: s.title })}
                      </option>`,
                  )}
                </select>
              </div>
              <p class="muted" role="status">
                ${t('schedule.import.preview', { count: formatNumber(this._candidates.length), file: this._fileName })}
              </p>
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col"><span class="visually-hidden">${t('schedule.import.choose')}</span></th>
                      <th scope="col">${t('schedule.col.content')}</th>
                      <th scope="col">${t('schedule.field.when')}</th>
                      <th scope="col">${t('schedule.col.location')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this._candidates.map(
                      (c, i) =>
                        html`<tr>
                          <td>
                            <input
                              type="checkbox"
                              aria-label=${t('schedule.import.chooseOne', { title: c.event.title || t('schedule.import.untitled') })}
                              .checked=${c.chosen}
                              @change=${(e: Event) => this._toggle(i, (e.target as HTMLInputElement).checked)}
                            />
                          </td>
                          <td dir="auto">
                            ${c.event.title || html`<em>${t('schedule.import.untitled')}</em>`}
                            ${c.already ? html`<div class="muted">${t('schedule.import.already')}</div>` : nothing}
                            ${c.event.cancelled ? html`<div class="muted">${t('schedule.import.cancelled')}</div>` : nothing}
                          </td>
                          <td>${whenText(c.event.when)}</td>
                          <td dir="auto">${c.event.locationText ?? ''}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
          : nothing
      }
      ${this._busy ? html`<progress max=${chosen} value=${this._done}></progress>` : nothing}
      <div class="banner info" role="status" ?hidden=${!this._message}>${this._message}</div>
      <div class="actions">
        <button class="btn primary" ?disabled=${this._busy || chosen === 0}>
          ${t('schedule.import.submit', { count: formatNumber(chosen) })}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-ics-import': DkIcsImport;
  }
}
