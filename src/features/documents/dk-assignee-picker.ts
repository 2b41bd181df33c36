import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type Directory, emptyDirectory, membersOf } from '../../data/directory.ts';
import type { FieldError } from '../../model/doc.ts';
import { type Assignee, assigneeKey } from '../../model/documents/types.ts';
import type { AssignmentRole } from '../../model/documents/workflow.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { icons } from '../../ui/icons.ts';
import { errorLine } from '../../ui/forms/fields.ts';
import { pickerStyles } from '../../ui/forms/picker-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { errorText } from './form-errors.ts';
import { roleLabel } from './labels.ts';
import './messages-forms.ts';

/** One pick: who, and (when the picker asks for them) their role and deadline. */
export interface AssigneePick {
  assignee: Assignee;
  role?: AssignmentRole;
  deadline?: string;
}

/**
 * Picks units and/or persons from the ward's directory: for a draft's internal recipients, a leader's direction
 * (role and deadline per pick) or a unit head passing a document on to people of the unit.
 *
 * Properties:
 * - `directory: Directory` — from `loadDirectory(me)`.
 * - `value: AssigneePick[]` — the picks, in order (the element updates it and fires `dk-assignees-change`).
 * - `label` — visible label of the group; `hint` — text under it.
 * - `personsOnly` — offer persons only (confidential documents, forwarding).
 * - `unitId` — members-of-unit mode: only the active members of that unit (implies persons only).
 * - `roles: AssignmentRole[]` — when not empty, each pick has a role select with these roles; a new pick gets
 *   `lead` when that is offered and nobody has it yet, else the next offered role.
 * - `deadlines` — each pick (except for-information ones) has an optional deadline; `today` is its minimum and
 *   `maxDeadline` its maximum (a unit head's own deadline).
 * - `exclude: string[]` — `assigneeKey`s not to offer (e.g. the person forwarding).
 * - `field` + `errors` — the model's errors (`validateDirection`, `validateDraft`) are shown where they belong:
 *   `<field>` under the list, `<field>.<i>` and `<field>.<i>.<role|deadline|assignee>` on pick i.
 *
 * Methods: `focusFirstError()` (first pick with an error, else the add control), `focus()`.
 *
 * @fires dk-assignees-change - `{ value }` after a pick was added, removed or changed.
 */
@customElement('dk-assignee-picker')
export class DkAssigneePicker extends LitElement {
  static override styles = [
    sharedStyles,
    pickerStyles,
    css`
      /* A select is as wide as its longest option unless allowed to shrink (360 px phones). */
      .add select {
        flex: 1 1 14rem;
        inline-size: auto;
        min-inline-size: 0;
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--dk-space-2);
        padding-block: var(--dk-space-2);
        padding-inline: var(--dk-space-3) var(--dk-space-1);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface);
      }
      .who {
        display: grid;
        min-inline-size: 0;
      }
      .who .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .who .sub {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        overflow-wrap: anywhere;
      }
      .controls {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2) var(--dk-space-3);
      }
      .controls:empty {
        display: none;
      }
      .controls .field {
        flex: 1 1 10rem;
      }
      li .error {
        grid-column: 1 / -1;
      }
      .remove {
        grid-row: 1;
        grid-column: 2;
      }
    `,
  ];

  @property({ attribute: false }) directory: Directory = emptyDirectory();
  @property({ attribute: false }) value: AssigneePick[] = [];
  @property() label = '';
  @property() hint = '';
  @property({ type: Boolean, attribute: 'persons-only' }) personsOnly = false;
  @property({ attribute: 'unit-id' }) unitId?: string;
  @property({ attribute: false }) roles: AssignmentRole[] = [];
  @property({ type: Boolean }) deadlines = false;
  @property() today?: string;
  @property({ attribute: 'max-deadline' }) maxDeadline?: string;
  @property({ attribute: false }) exclude: string[] = [];
  @property() field = 'assignees';
  @property({ attribute: false }) errors: FieldError[] = [];

  @state() private _choice = '';
  @state() private _announce = '';

  @query('#add') private _select!: HTMLSelectElement;

  protected readonly _locale = new LocaleController(this);

  override focus(): void {
    this._select?.focus();
  }

  async focusFirstError(): Promise<void> {
    await this.updateComplete;
    const row = this.renderRoot.querySelector('li.invalid');
    const target = row?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? row?.querySelector<HTMLElement>('select, input, button');
    (target ?? this._select)?.focus();
  }

  private get _offerUnits(): boolean {
    return !this.personsOnly && !this.unitId;
  }

  private _people() {
    const people = this.unitId ? membersOf(this.directory, this.unitId) : this.directory.people.filter((p) => !p.disabled);
    return people;
  }

  private _nameOf(a: Assignee): { name: string; sub: string } {
    if (a.kind === 'unit') return { name: this.directory.unitById.get(a.unitId)?.name ?? a.unitId, sub: t('forms.picker.unit') };
    const p = this.directory.personByName.get(a.name);
    const unit = p?.unitId ? this.directory.unitById.get(p.unitId)?.shortName : undefined;
    return { name: p?.displayName ?? a.name, sub: [p?.title, unit].filter(Boolean).join(' · ') || t('forms.picker.person') };
  }

  private _emit(value: AssigneePick[], announce: string): void {
    this.value = value;
    this._announce = announce;
    this.dispatchEvent(new CustomEvent('dk-assignees-change', { bubbles: true, composed: true, detail: { value } }));
  }

  private _newRole(): AssignmentRole | undefined {
    if (this.roles.length === 0) return undefined;
    if (this.roles.includes('lead') && !this.value.some((p) => p.role === 'lead')) return 'lead';
    return this.roles.find((r) => r !== 'lead') ?? this.roles[0];
  }

  private _add(): void {
    const key = this._choice || this._select.value;
    if (!key) {
      this._announce = t('forms.picker.chooseFirst');
      this._select.focus();
      return;
    }
    const assignee: Assignee = key.startsWith('unit:') ? { kind: 'unit', unitId: key.slice(5) } : { kind: 'person', name: key.slice(7) };
    const role = this._newRole();
    const pick: AssigneePick = { assignee, ...(role ? { role } : {}) };
    this._choice = '';
    this._select.value = '';
    this._emit([...this.value, pick], t('forms.picker.added', { name: this._nameOf(assignee).name }));
    // Focus stays on the select, ready for the next pick.
    this._select.focus();
  }

  private async _remove(i: number): Promise<void> {
    const { name } = this._nameOf(this.value[i]!.assignee);
    const next = this.value.filter((_, n) => n !== i);
    this._emit(next, t('forms.picker.removed', { name }));
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(`#remove-${Math.min(i, next.length - 1)}`) ?? this._select;
    target.focus();
  }

  private _update(i: number, change: Partial<AssigneePick>): void {
    const next = this.value.map((p, n) => {
      if (n !== i) return p;
      const merged: AssigneePick = { ...p, ...change };
      // For-information recipients have nothing to do, so no deadline.
      if (merged.role === 'forInformation' || !merged.deadline) delete merged.deadline;
      return merged;
    });
    this._emit(next, '');
  }

  private _rowErrors(i: number): FieldError[] {
    const at = `${this.field}.${i}`;
    return this.errors.filter((e) => e.field === at || e.field.startsWith(`${at}.`));
  }

  private _renderOptions() {
    const taken = new Set([...this.value.map((p) => assigneeKey(p.assignee)), ...this.exclude]);
    const units = this._offerUnits ? this.directory.units.filter((u) => !taken.has(`unit:${u.unitId}`)) : [];
    const people = this._people().filter((p) => !taken.has(`person:${p.name}`));
    const person = (p: (typeof people)[number]) =>
      html`<option value="person:${p.name}">${p.displayName}${p.title ? ` — ${p.title}` : ''}</option>`;
    return html`<option value="">${t('forms.picker.placeholder')}</option>
      ${
        units.length
          ? html`<optgroup label=${t('forms.picker.units')}>
              ${units.map((u) => html`<option value="unit:${u.unitId}">${u.name}</option>`)}
            </optgroup>`
          : nothing
      }
      ${
        people.length
          ? units.length
            ? html`<optgroup label=${t('forms.picker.people')}>${people.map(person)}</optgroup>`
            : people.map(person)
          : nothing
      }`;
  }

  private _renderPick(p: AssigneePick, i: number) {
    const errs = this._rowErrors(i);
    const who = this._nameOf(p.assignee);
    const errOf = (sub: string) => errs.find((e) => e.field === `${this.field}.${i}.${sub}`);
    const rowErr = errs.find((e) => e.field === `${this.field}.${i}` || e.field === `${this.field}.${i}.assignee`);
    const roleErr = errOf('role');
    const deadlineErr = errOf('deadline');
    const showDeadline = this.deadlines && p.role !== 'forInformation';
    return html`<li class=${errs.length ? 'invalid' : ''} aria-describedby=${errs.length ? `pick-${i}-errors` : nothing}>
      <span class="who">
        <span class="name" id="pick-${i}-name" dir="auto">${who.name}</span>
        <span class="sub">${who.sub}</span>
      </span>
      <button
        id="remove-${i}"
        type="button"
        class="btn ghost remove"
        aria-label=${t('forms.picker.remove', { name: who.name })}
        aria-invalid=${rowErr ? 'true' : 'false'}
        aria-describedby=${rowErr ? `pick-${i}-errors` : nothing}
        @click=${() => this._remove(i)}
      >
        ${icons.close}
      </button>
      <div class="controls">
        ${
          this.roles.length
            ? html`<div class="field">
                <label for="role-${i}">${t('forms.picker.role')}</label>
                <select
                  id="role-${i}"
                  aria-invalid=${roleErr ? 'true' : 'false'}
                  aria-describedby=${roleErr ? `pick-${i}-errors` : nothing}
                  @change=${(e: Event) => this._update(i, { role: (e.target as HTMLSelectElement).value as AssignmentRole })}
                >
                  ${this.roles.map((r) => html`<option value=${r} ?selected=${p.role === r}>${roleLabel(r)}</option>`)}
                </select>
              </div>`
            : nothing
        }${
          showDeadline
            ? html`<div class="field">
                <label for="deadline-${i}">${t('forms.picker.deadline')} <span class="hint">${t('common.optional')}</span></label>
                <input
                  id="deadline-${i}"
                  type="date"
                  min=${this.today ?? nothing}
                  max=${this.maxDeadline ?? nothing}
                  .value=${p.deadline ?? ''}
                  aria-invalid=${deadlineErr ? 'true' : 'false'}
                  aria-describedby=${deadlineErr ? `pick-${i}-errors` : nothing}
                  @change=${(e: Event) => this._update(i, { deadline: (e.target as HTMLInputElement).value })}
                />
              </div>`
            : nothing
        }
      </div>
      ${errs.length ? html`<p id="pick-${i}-errors" class="error">${errs.map((e) => errorText(e)).join(' ')}</p>` : nothing}
    </li>`;
  }

  override render() {
    const listErr = this.errors.find((e) => e.field === this.field);
    const ids = ['picker-hint', listErr ? 'list-error' : ''].filter((x) => x && (x !== 'picker-hint' || this.hint)).join(' ');
    return html`<div class="group" role="group" aria-labelledby="picker-label">
      <label id="picker-label" class="label" for="add">${this.label}</label>
      ${this.hint ? html`<span id="picker-hint" class="hint">${this.hint}</span>` : nothing}
      ${
        this.value.length
          ? html`<ul aria-label=${t('forms.picker.listLabel', { count: this.value.length })}>
              ${this.value.map((p, i) => this._renderPick(p, i))}
            </ul>`
          : nothing
      }
      <div class="add">
        <select
          id="add"
          aria-invalid=${listErr ? 'true' : 'false'}
          aria-describedby=${ids || nothing}
          @change=${(e: Event) => (this._choice = (e.target as HTMLSelectElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              this._add();
            }
          }}
        >
          ${this._renderOptions()}
        </select>
        <button id="add-button" type="button" class="btn" @click=${this._add}>${icons.plus}${t('forms.picker.add')}</button>
      </div>
      ${errorLine('list', listErr && errorText(listErr))}
      <span class="visually-hidden" role="status">${this._announce}</span>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-assignee-picker': DkAssigneePicker;
  }
  interface GlobalEventHandlersEventMap {
    'dk-assignees-change': CustomEvent<{ value: AssigneePick[] }>;
  }
}
