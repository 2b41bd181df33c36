import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { type ConversationView, ConversationError, createConversation, listConversations, subscribeMessages } from '../../data/messages.ts';
import { refreshMe } from '../../data/session.ts';
import { LocaleController, formatNumber, formatRelative, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { MESSAGE_LIMITS } from '../../model/messages.ts';
import { icons } from '../../ui/icons.ts';
import { pageHeadStyles } from '../../ui/page-styles.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import '../../ui/dk-empty-state.ts';
import '../tasks/dk-task-people-picker.ts';
import './messages.ts';

interface ListData {
  conversations: ConversationView[];
  dir: Directory;
}

/**
 * The conversations (`/messages`): direct and group, the most recently active first, each with its last message,
 * how many are unread and whether some of mine are still being sent. "New conversation" picks people (and a
 * title for a group); starting one needs the network (the server makes its space), writing in it does not.
 */
@customElement('dk-conversation-list')
export class DkConversationList extends LitElement {
  static override styles = [
    sharedStyles,
    pageHeadStyles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-2);
      }
      li a {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: var(--dk-space-1) var(--dk-space-3);
        padding: var(--dk-space-3) var(--dk-space-4);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface);
        color: inherit;
        text-decoration: none;
      }
      li a:hover {
        border-color: var(--dk-color-primary);
      }
      .title {
        font-weight: 700;
      }
      .unread .title {
        color: var(--dk-color-primary);
      }
      .last {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .count {
        align-self: center;
        min-inline-size: 1.5rem;
        padding: 0 var(--dk-space-2);
        border-radius: 999px;
        background: var(--dk-color-primary);
        color: var(--dk-color-on-primary, #fff);
        font-weight: 700;
        text-align: center;
        font-size: var(--dk-font-size-sm);
      }
      .when {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-xs);
        text-align: end;
      }
      .new {
        display: grid;
        gap: var(--dk-space-3);
        padding: var(--dk-space-4);
        margin-block-end: var(--dk-space-4);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-lg);
        background: var(--dk-color-surface);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
        justify-content: flex-end;
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _creating = false;
  @state() private _people: string[] = [];
  @state() private _title = '';
  @state() private _error = '';
  @state() private _busy = false;

  protected readonly _locale = new LocaleController(this);

  private readonly _query = new LiveQueryController<ListData>(
    this,
    async () => {
      const me = this._me;
      if (!me) throw new Error('Not signed in');
      const dir = await loadDirectory(me);
      return { conversations: await listConversations(me, (n) => displayNameOf(dir, n)), dir };
    },
    (cb) => (this._me ? subscribeMessages(this._me, cb) : () => {}),
  );

  private _lastSpaces?: string;
  override willUpdate(): void {
    // A conversation started here or elsewhere arrives as a new space in /api/me.
    const key = this._me?.spaces.map((s) => s.db).join(',');
    if (this._lastSpaces !== undefined && key !== this._lastSpaces) this._query.refresh();
    this._lastSpaces = key;
  }

  private async _create(e: Event): Promise<void> {
    e.preventDefault();
    const me = this._me;
    if (!me || this._busy) return;
    const others = this._people.filter((p) => p !== me.name);
    if (others.length === 0) {
      this._error = t('messages.new.pickSomeone');
      return;
    }
    const group = others.length > 1 || !!this._title.trim();
    if (group && !this._title.trim()) {
      this._error = t('messages.new.titleRequired');
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      const made = await createConversation([me.name, ...others], group ? this._title : undefined);
      await refreshMe();
      this._creating = false;
      this._people = [];
      this._title = '';
      navigate(`/messages/${encodeURIComponent(made.id)}`);
    } catch (err) {
      this._error =
        err instanceof ConversationError && err.reason === 'offline'
          ? t('messages.new.offline')
          : err instanceof ConversationError && err.reason === 'badRequest'
            ? t('messages.new.bad', { reason: err.message })
            : t('error.unknown');
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const data = this._query.value;
    const me = this._me;
    const unread = data?.conversations.reduce((n, c) => n + c.unread, 0) ?? 0;
    return html`<div class="head">
        <div>
          <h1>${t('messages.title')}</h1>
          <p class="sub">${unread ? t('messages.unreadTotal', { count: formatNumber(unread) }) : t('messages.subtitle')}</p>
        </div>
        ${this._creating ? nothing : html`<button class="btn primary" @click=${() => (this._creating = true)}>${icons.plus}${t('messages.new')}</button>`}
      </div>
      ${this._creating && me ? this._renderNew(me, data?.dir ?? emptyDirectory()) : nothing}
      ${
        !data
          ? html`<p class="sub" role="status">${t('messages.loading')}</p>`
          : data.conversations.length === 0
            ? html`<dk-empty-state .heading=${t('messages.none')} .icon=${icons.messages}>${t('messages.noneHint')}</dk-empty-state>`
            : html`<ul>
                ${data.conversations.map(
                  (c) =>
                    html`<li class=${c.unread ? 'unread' : ''}>
                      <a href=${`/messages/${encodeURIComponent(c.space.id)}`} data-conversation=${c.space.id}>
                        <span class="title">${c.title}</span>
                        <span class="when">${c.last ? formatRelative(c.last.message.createdAt) : ''}</span>
                        <span class="last"
                          >${
                            c.last
                              ? `${c.last.message.createdBy === me?.name ? t('messages.you') : displayNameOf(data.dir, c.last.message.createdBy)}: ${c.last.removed ? t('messages.removed') : c.last.text || (c.last.message.files ?? []).map((f) => f.name).join(', ')}`
                              : c.kind === 'group'
                                ? t('messages.members', { count: formatNumber(c.members.length) })
                                : t('messages.noMessagesYet')
                          }</span
                        >
                        ${
                          c.unread
                            ? html`<span class="count" aria-label=${t('messages.unreadCount', { count: formatNumber(c.unread) })}
                                >${formatNumber(c.unread)}</span
                              >`
                            : c.messages.some((m) => m.pending)
                              ? html`<span class="when">${t('messages.sending')}</span>`
                              : html`<span></span>`
                        }
                      </a>
                    </li>`,
                )}
              </ul>`
      }`;
  }

  private _renderNew(me: MeResponse, dir: Directory) {
    const others = this._people.filter((p) => p !== me.name);
    return html`<form class="new" @submit=${this._create} aria-labelledby="new-h">
      <h2 id="new-h">${t('messages.new')}</h2>
      <dk-task-people-picker
        field="members"
        .label=${t('messages.new.people')}
        .hint=${t('messages.new.peopleHint')}
        .directory=${dir}
        .exclude=${[me.name]}
        .value=${this._people}
        @dk-people-change=${(e: CustomEvent<{ value: string[] }>) => (this._people = e.detail.value)}
      ></dk-task-people-picker>
      ${
        others.length > 1
          ? html`<div class="field">
              <label for="title">${t('messages.new.title')}</label>
              <input
                id="title"
                name="title"
                dir="auto"
                maxlength=${MESSAGE_LIMITS.titleMax}
                .value=${this._title}
                @input=${(e: Event) => (this._title = (e.target as HTMLInputElement).value)}
              />
            </div>`
          : nothing
      }
      <p class="hint">${t('messages.new.needsNetwork')}</p>
      ${this._error ? html`<div class="banner danger" role="alert">${this._error}</div>` : nothing}
      <div class="buttons">
        <button type="button" class="btn" @click=${() => ((this._creating = false), (this._error = ''))}>${t('common.cancel')}</button>
        <button class="btn primary" ?disabled=${this._busy}>${t('messages.new.start')}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-conversation-list': DkConversationList;
  }
}
