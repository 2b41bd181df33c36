import { LitElement, type TemplateResult, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ExternalBody } from '../../model/bodies.ts';
import { BODY_SLUG_PATTERN, ROOM_ID_PATTERN, type RoomDoc } from '../../model/rooms.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import type { WardSettings } from '../../model/api.ts';
import {
  AdminApiError,
  getWardSettings,
  listAdminBodies,
  listAdminRooms,
  saveAdminBody,
  saveAdminRoom,
  saveWardSettings,
} from '../../data/admin.ts';
import { errorLine, fieldAria } from '../../ui/forms/fields.ts';
import { formStyles } from '../../ui/forms/form-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { adminSectionStyles } from './admin-styles.ts';
import { adminErrorMessage } from './errors.ts';
import { codeSample } from './code-sample.ts';
import './messages.ts';

type Errors = Record<string, string | undefined>;

/**
 * The org directory an administrator keeps: meeting rooms (seats, equipment, where) and the external
 * bodies that send and receive documents (with the abbreviation used in their number/symbols). Each
 * list has one form that adds an entry, or changes the one chosen with "Edit". Above them, the ward's settings
 * (`/api/admin/settings`): whether the published leadership schedule has a public page.
 */
@customElement('dk-admin-directory')
export class DkAdminDirectory extends LitElement {
  static override styles = [sharedStyles, formStyles, adminSectionStyles];

  @state() private _rooms?: RoomDoc[];
  @state() private _bodies?: ExternalBody[];
  @state() private _settings?: WardSettings;
  @state() private _error = '';
  @state() private _done = '';
  @state() private _editRoom?: RoomDoc;
  @state() private _editBody?: ExternalBody;
  @state() private _roomErrors: Errors = {};
  @state() private _bodyErrors: Errors = {};
  @state() private _busy = false;

  protected readonly _locale = new LocaleController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      [this._rooms, this._bodies, this._settings] = await Promise.all([listAdminRooms(), listAdminBodies(), getWardSettings()]);
      this._error = '';
    } catch (err) {
      this._error = adminErrorMessage(err);
    }
  }

  private async _togglePublicSchedule(e: Event): Promise<void> {
    const box = e.target as HTMLInputElement;
    this._busy = true;
    this._done = '';
    this._error = '';
    try {
      this._settings = await saveWardSettings({ publicSchedule: box.checked });
      this._done = t('admin.settings.saved');
    } catch (err) {
      box.checked = this._settings?.publicSchedule === true;
      this._error = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private _renderSettings() {
    const url = `${location.origin}/public/schedule`;
    return html`<section class="card" aria-labelledby="settings-h">
      <h2 id="settings-h">${t('admin.settings.heading')}</h2>
      <div class="check">
        <input
          id="public-schedule"
          type="checkbox"
          .checked=${this._settings?.publicSchedule === true}
          ?disabled=${this._busy}
          aria-describedby="public-schedule-hint"
          @change=${this._togglePublicSchedule}
        />
        <label for="public-schedule">${t('admin.settings.publicSchedule')}</label>
        <span id="public-schedule-hint" class="hint">${t('admin.settings.publicScheduleHint', { url })}</span>
      </div>
      ${this._settings?.publicSchedule ? html`<p><a href="/public/schedule" target="_blank" rel="noopener" dir="ltr">${url}</a></p>` : nothing}
    </section>`;
  }

  private _v(id: string): string {
    return (this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`)?.value ?? '').trim();
  }

  private _focusFirst(errors: Errors, order: string[]): boolean {
    const first = order.find((f) => errors[f]);
    if (first) this.renderRoot.querySelector<HTMLElement>(`#${first}`)?.focus();
    return !!first;
  }

  private async _save<T>(work: () => Promise<T>, name: string, onConflict: () => void, reset: () => void): Promise<void> {
    this._busy = true;
    this._done = '';
    this._error = '';
    try {
      await work();
      reset();
      this._done = t('admin.dir.saved', { name });
      await this._load();
    } catch (err) {
      if (err instanceof AdminApiError && err.status === 409) onConflict();
      else this._error = adminErrorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private async _submitRoom(e: Event): Promise<void> {
    e.preventDefault();
    const create = !this._editRoom;
    const roomId = create ? this._v('room-id').toLowerCase() : this._editRoom!.roomId;
    const name = this._v('room-name');
    const capacity = Number(this._v('room-capacity'));
    const errors: Errors = {};
    if (!ROOM_ID_PATTERN.test(roomId)) errors['room-id'] = t('admin.room.err.id');
    if (!name) errors['room-name'] = t('admin.room.err.name');
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10_000) errors['room-capacity'] = t('admin.room.err.capacity');
    this._roomErrors = errors;
    if (this._focusFirst(errors, ['room-id', 'room-name', 'room-capacity'])) return;
    const equipment = this._v('room-equipment').split('\n');
    await this._save(
      () => saveAdminRoom({ roomId, name, capacity, equipment, location: this._v('room-location') }, create),
      name,
      () => (this._roomErrors = { 'room-id': t('admin.room.err.exists') }),
      () => {
        this._editRoom = undefined;
        this.renderRoot.querySelector<HTMLFormElement>('#room-form')?.reset();
      },
    );
  }

  private async _submitBody(e: Event): Promise<void> {
    e.preventDefault();
    const create = !this._editBody;
    const slug = create ? this._v('body-slug').toLowerCase() : this._editBody!._id.slice(5);
    const name = this._v('body-name');
    const abbreviation = this._v('body-abbreviation');
    const errors: Errors = {};
    if (!BODY_SLUG_PATTERN.test(slug)) errors['body-slug'] = t('admin.body.err.slug');
    if (!name) errors['body-name'] = t('admin.body.err.name');
    if (abbreviation.length > 30 || /\s/.test(abbreviation)) errors['body-abbreviation'] = t('admin.body.err.abbreviation');
    this._bodyErrors = errors;
    if (this._focusFirst(errors, ['body-slug', 'body-name', 'body-abbreviation'])) return;
    await this._save(
      () => saveAdminBody({ slug, name, abbreviation }, create),
      name,
      () => (this._bodyErrors = { 'body-slug': t('admin.body.err.exists') }),
      () => {
        this._editBody = undefined;
        this.renderRoot.querySelector<HTMLFormElement>('#body-form')?.reset();
      },
    );
  }

  private _field(
    id: string,
    label: string,
    errors: Errors,
    opts: { value?: string; hint?: string | TemplateResult; type?: string; ltr?: boolean; disabled?: boolean; area?: boolean } = {},
  ) {
    const error = errors[id];
    const aria = fieldAria(id, !!error, opts.hint ? `${id}-hint` : undefined);
    const control = opts.area
      ? html`<textarea id=${id} .value=${opts.value ?? ''} aria-describedby=${aria.describedBy} rows="3"></textarea>`
      : html`<input
          id=${id}
          type=${opts.type ?? 'text'}
          autocomplete="off"
          dir=${opts.ltr ? 'ltr' : 'auto'}
          .value=${opts.value ?? ''}
          ?disabled=${opts.disabled}
          aria-invalid=${aria.invalid}
          aria-describedby=${aria.describedBy}
        />`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${control} ${opts.hint ? html`<span id="${id}-hint" class="hint">${opts.hint}</span>` : nothing} ${errorLine(id, error)}
    </div>`;
  }

  private _startEdit(kind: 'room' | 'body', entry: RoomDoc | ExternalBody): void {
    if (kind === 'room') this._editRoom = entry as RoomDoc;
    else this._editBody = entry as ExternalBody;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${kind}-name`)?.focus());
  }

  private _renderRooms() {
    const rooms = this._rooms ?? [];
    const r = this._editRoom;
    return html`<section class="card" aria-labelledby="rooms-h">
      <h2 id="rooms-h">${t('admin.dir.rooms')}</h2>
      ${
        rooms.length === 0
          ? html`<p class="hint">${t('admin.dir.none')}</p>`
          : html`<div class="scroll" tabindex="0" role="region" aria-labelledby="rooms-h">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('admin.room.name')}</th>
                    <th scope="col">${t('admin.room.capacity')}</th>
                    <th scope="col">${t('admin.room.equipment')}</th>
                    <th scope="col">${t('admin.room.location')}</th>
                    <th scope="col"><span class="visually-hidden">${t('admin.dir.edit')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${rooms.map(
                    (x) =>
                      html`<tr>
                        <th scope="row">${x.name}</th>
                        <td class="num">${formatNumber(x.capacity)}</td>
                        <td>${x.equipment.join(', ')}</td>
                        <td>${x.location}</td>
                        <td>
                          <button
                            class="btn ghost"
                            aria-label="${t('admin.dir.edit')}: ${x.name}"
                            @click=${() => this._startEdit('room', x)}
                          >
                            ${t('admin.dir.edit')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <form
        id="room-form"
        novalidate
        @submit=${this._submitRoom}
        aria-label=${r ? t('admin.dir.editing', { name: r.name }) : `${t('admin.dir.add')}: ${t('admin.dir.rooms')}`}
      >
        ${r ? html`<p class="banner info">${t('admin.dir.editing', { name: r.name })}</p>` : nothing}
        <div class="grid2">
          ${this._field('room-id', t('admin.room.id'), this._roomErrors, { value: r?.roomId ?? '', ltr: true, disabled: !!r, hint: html`${t('admin.units.idHint')} ${codeSample('hop-tang-2')}` })}
          ${this._field('room-name', t('admin.room.name'), this._roomErrors, { value: r?.name ?? '' })}
          ${this._field('room-capacity', t('admin.room.capacity'), this._roomErrors, { value: r ? String(r.capacity) : '', type: 'number' })}
          ${this._field('room-location', t('admin.room.location'), this._roomErrors, { value: r?.location ?? '' })}
          ${this._field('room-equipment', t('admin.room.equipment'), this._roomErrors, { value: r?.equipment.join('\n') ?? '', hint: t('admin.room.equipmentHint'), area: true })}
        </div>
        <div class="actions">
          ${r ? html`<button class="btn" type="button" @click=${() => (this._editRoom = undefined)}>${t('common.cancel')}</button>` : nothing}
          <button class="btn primary" type="submit" ?disabled=${this._busy}>${r ? t('admin.dir.save') : t('admin.dir.add')}</button>
        </div>
      </form>
    </section>`;
  }

  private _renderBodies() {
    const bodies = this._bodies ?? [];
    const b = this._editBody;
    return html`<section class="card" aria-labelledby="bodies-h">
      <h2 id="bodies-h">${t('admin.dir.bodies')}</h2>
      ${
        bodies.length === 0
          ? html`<p class="hint">${t('admin.dir.none')}</p>`
          : html`<div class="scroll" tabindex="0" role="region" aria-labelledby="bodies-h">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('admin.body.name')}</th>
                    <th scope="col">${t('admin.body.abbreviation')}</th>
                    <th scope="col"><span class="visually-hidden">${t('admin.dir.edit')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${bodies.map(
                    (x) =>
                      html`<tr>
                        <th scope="row">${x.name}</th>
                        <td class="mono" dir="ltr">${x.abbreviation}</td>
                        <td>
                          <button
                            class="btn ghost"
                            aria-label="${t('admin.dir.edit')}: ${x.name}"
                            @click=${() => this._startEdit('body', x)}
                          >
                            ${t('admin.dir.edit')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <form
        id="body-form"
        novalidate
        @submit=${this._submitBody}
        aria-label=${b ? t('admin.dir.editing', { name: b.name }) : `${t('admin.dir.add')}: ${t('admin.dir.bodies')}`}
      >
        ${b ? html`<p class="banner info">${t('admin.dir.editing', { name: b.name })}</p>` : nothing}
        <div class="grid2">
          ${this._field('body-slug', t('admin.body.slug'), this._bodyErrors, { value: b ? b._id.slice(5) : '', ltr: true, disabled: !!b })}
          ${this._field('body-name', t('admin.body.name'), this._bodyErrors, { value: b?.name ?? '' })}
          ${this._field('body-abbreviation', t('admin.body.abbreviation'), this._bodyErrors, { value: b?.abbreviation ?? '', ltr: true, hint: t('admin.body.abbreviationHint') })}
        </div>
        <div class="actions">
          ${b ? html`<button class="btn" type="button" @click=${() => (this._editBody = undefined)}>${t('common.cancel')}</button>` : nothing}
          <button class="btn primary" type="submit" ?disabled=${this._busy}>${b ? t('admin.dir.save') : t('admin.dir.add')}</button>
        </div>
      </form>
    </section>`;
  }

  override render() {
    const loading = !this._rooms && !this._error;
    return html`<p class="hint">${t('admin.dir.hint')}</p>
      ${this._error ? html`<p class="banner danger" role="alert">${this._error}</p>` : nothing}
      ${this._done ? html`<p class="banner info" role="status">${this._done}</p>` : nothing}
      ${loading ? html`<div class="skeleton" style="block-size: 12rem" role="status" aria-label=${t('admin.loading')}></div>` : html`${this._renderSettings()} ${this._renderRooms()} ${this._renderBodies()}`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-admin-directory': DkAdminDirectory;
  }
}
