import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type Directory, emptyDirectory } from '../../data/directory.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { PersonDoc } from '../../model/directory.ts';
import type { FieldError } from '../../model/doc.ts';
import { icons } from '../../ui/icons.ts';
import { errorLine } from '../../ui/forms/fields.ts';
import { pickerStyles } from '../../ui/forms/picker-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { errorText } from '../documents/form-errors.ts';
import './messages-form.ts';

/** Lower case without diacritics (đ → d), so "hoa do" finds "Đỗ Thị Hoa". */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/**
 * Picks people of the ward for a task: one (the lead) or several (coordinators, followers). The directory's active
 * people are grouped by unit (leaders first, as the directory orders units), narrowed by a search box that ignores
 * diacritics; a select with the matches and an Add button (Enter in either adds). Chosen people are listed with a
 * remove button each. Everything works with the keyboard alone.
 *
 * Properties: `directory`, `value: string[]` (account names), `single` (one person: choosing replaces),
 * `allowed?: string[]` (only these may be chosen; undefined: everyone active), `exclude: string[]` (not offered),
 * `label`, `hint`, `field` + `errors` (the model's errors for `<field>` and `<field>.<i>`).
 *
 * @fires dk-people-change - `{ value }` after a person was added or removed.
 */
@customElement('dk-task-people-picker')
export class DkTaskPeoplePicker extends LitElement {
  static override styles = [
    sharedStyles,
    pickerStyles,
    css`
      :host {
        display: block;
        min-inline-size: 0;
      }
      .add input,
      .add select {
        flex: 1 1 12rem;
        inline-size: auto;
        min-inline-size: 0;
      }
      ul {
        display: flex;
        flex-wrap: wrap;
      }
      li {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-1);
        max-inline-size: 100%;
        padding-inline: var(--dk-space-3) 0;
        border: 1px solid var(--dk-color-border-strong);
        border-radius: 999px;
        background: var(--dk-color-surface-muted);
      }
      li span {
        overflow-wrap: anywhere;
      }
      li .sub {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      li button {
        min-block-size: 36px;
        min-inline-size: 36px;
        padding: 0;
        border-radius: 999px;
      }
    `,
  ];

  @property({ attribute: false }) directory: Directory = emptyDirectory();
  @property({ attribute: false }) value: string[] = [];
  @property({ type: Boolean }) single = false;
  @property({ attribute: false }) allowed?: string[];
  @property({ attribute: false }) exclude: string[] = [];
  @property() label = '';
  @property() hint = '';
  @property() field = 'people';
  @property({ attribute: false }) errors: FieldError[] = [];

  @state() private _query = '';
  @state() private _announce = '';

  @query('#pick') private _select!: HTMLSelectElement;
  @query('#search') private _search!: HTMLInputElement;

  protected readonly _locale = new LocaleController(this);

  override focus(): void {
    (this._search ?? this._select)?.focus();
  }

  async focusFirstError(): Promise<void> {
    await this.updateComplete;
    const invalid = this.renderRoot.querySelector<HTMLElement>('li.invalid button');
    (invalid ?? this._search)?.focus();
  }

  private _nameOf(name: string): { name: string; sub: string } {
    const p = this.directory.personByName.get(name);
    const unit = p?.unitId ? this.directory.unitById.get(p.unitId)?.shortName : undefined;
    return { name: p?.displayName ?? name, sub: [p?.title, unit].filter(Boolean).join(' · ') };
  }

  /** The people offered now, grouped by unit (in directory order), leaders without a unit first. */
  private _groups(): Array<{ label: string; people: PersonDoc[] }> {
    const taken = new Set([...(this.single ? [] : this.value), ...this.exclude]);
    const allowed = this.allowed ? new Set(this.allowed) : null;
    const q = fold(this._query.trim());
    const people = this.directory.people.filter(
      (p) =>
        !p.disabled &&
        !taken.has(p.name) &&
        (!allowed || allowed.has(p.name)) &&
        (!q || fold(`${p.displayName} ${p.title} ${p.name}`).includes(q)),
    );
    const byUnit = new Map<string, PersonDoc[]>();
    for (const p of people) {
      const key = p.unitId ?? '';
      let list = byUnit.get(key);
      if (!list) byUnit.set(key, (list = []));
      list.push(p);
    }
    const groups: Array<{ label: string; people: PersonDoc[] }> = [];
    const noUnit = byUnit.get('');
    if (noUnit) groups.push({ label: t('taskForm.picker.noUnit'), people: noUnit });
    for (const u of this.directory.units) {
      const list = byUnit.get(u.unitId);
      if (list) groups.push({ label: u.name, people: list });
    }
    for (const [key, list] of byUnit) if (key && !this.directory.unitById.has(key)) groups.push({ label: key, people: list });
    return groups;
  }

  private _emit(value: string[], announce: string): void {
    this.value = value;
    this._announce = announce;
    this.dispatchEvent(new CustomEvent('dk-people-change', { bubbles: true, composed: true, detail: { value } }));
  }

  private _add(name?: string): void {
    const chosen = name ?? this._select?.value;
    if (!chosen) {
      this._announce = t('taskForm.picker.chooseFirst');
      this._select?.focus();
      return;
    }
    const next = this.single ? [chosen] : [...this.value.filter((n) => n !== chosen), chosen];
    this._query = '';
    if (this._search) this._search.value = '';
    if (this._select) this._select.value = '';
    this._emit(next, t('taskForm.picker.added', { name: this._nameOf(chosen).name }));
    this._search?.focus();
  }

  private async _remove(i: number): Promise<void> {
    const name = this.value[i]!;
    const next = this.value.filter((_, n) => n !== i);
    this._emit(next, t('taskForm.picker.removed', { name: this._nameOf(name).name }));
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>(`#remove-${Math.min(i, next.length - 1)}`) ?? this._search)?.focus();
  }

  override render() {
    const listErr = this.errors.find((e) => e.field === this.field);
    const groups = this._groups();
    const count = groups.reduce((n, g) => n + g.people.length, 0);
    const first = groups[0]?.people[0]?.name;
    const described = [this.hint ? 'hint' : '', listErr ? 'list-error' : ''].filter(Boolean).join(' ');
    return html`<div class="group" role="group" aria-labelledby="label">
      <span id="label" class="label">${this.label}</span>
      ${this.hint ? html`<span id="hint" class="hint">${this.hint}</span>` : nothing}
      ${
        this.value.length
          ? html`<ul aria-label=${t('taskForm.picker.chosen', { label: this.label })}>
              ${this.value.map((name, i) => {
                const who = this._nameOf(name);
                const err = this.errors.find((e) => e.field === `${this.field}.${i}`);
                return html`<li class=${err ? 'invalid' : ''} data-person=${name}>
                  <span dir="auto">${who.name}${who.sub ? html` <span class="sub">· ${who.sub}</span>` : nothing}</span>
                  <button
                    id="remove-${i}"
                    type="button"
                    class="btn ghost"
                    aria-label=${t('taskForm.picker.remove', { name: who.name })}
                    aria-describedby=${err ? `err-${i}` : nothing}
                    @click=${() => this._remove(i)}
                  >
                    ${icons.close}
                  </button>
                  ${err ? html`<span id="err-${i}" class="error">${errorText(err)}</span>` : nothing}
                </li>`;
              })}
            </ul>`
          : nothing
      }
      <div class="add">
        <input
          id="search"
          type="text"
          inputmode="search"
          autocomplete="off"
          dir="auto"
          aria-label=${t('taskForm.picker.search', { label: this.label })}
          placeholder=${t('taskForm.picker.searchPlaceholder')}
          aria-invalid=${listErr ? 'true' : 'false'}
          aria-describedby=${described || nothing}
          aria-controls="pick"
          @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (count === 1 && first) this._add(first);
              else this._select?.focus();
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              this._select?.focus();
            }
          }}
        />
        <select
          id="pick"
          aria-label=${t('taskForm.picker.pick', { label: this.label })}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              this._add();
            }
          }}
        >
          <option value="">${count ? t('taskForm.picker.placeholder', { count }) : t('taskForm.picker.none')}</option>
          ${groups.map(
            (g) =>
              html`<optgroup label=${g.label}>
                ${g.people.map((p) => html`<option value=${p.name}>${p.displayName}${p.title ? ` — ${p.title}` : ''}</option>`)}
              </optgroup>`,
          )}
        </select>
        <button id="add-button" type="button" class="btn" @click=${() => this._add()}>
          ${icons.plus}${this.single && this.value.length ? t('taskForm.picker.replace') : t('taskForm.picker.add')}
        </button>
      </div>
      ${errorLine('list', listErr && errorText(listErr))}
      <span class="visually-hidden" role="status">${this._announce}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-people-picker': DkTaskPeoplePicker;
  }
  interface GlobalEventHandlersEventMap {
    'dk-people-change': CustomEvent<{ value: string[] }>;
  }
}
