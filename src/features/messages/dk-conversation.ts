import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { type Directory, displayNameOf, loadDirectory } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import {
  type ConversationView,
  conversationSpaces,
  editMessage,
  leaveConversation,
  loadConversation,
  markRead,
  removeMessage,
  sendMessage,
  subscribeMessages,
} from '../../data/messages.ts';
import { refreshMe } from '../../data/session.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import type { DkMessageComposer } from './dk-message-composer.ts';
import './dk-message-composer.ts';
import './dk-message-list.ts';
import './messages.ts';

/** Groups up to this size show who read what (larger ones would be a wall of names). */
const RECEIPTS_MAX_MEMBERS = 8;

interface Data {
  conversation: ConversationView | null;
  dir: Directory;
}

/**
 * One conversation (`/messages/<id>`): its messages, oldest first, and the composer. Opening it marks what is
 * shown read; replies, edits (the earlier text stays) and removals of one's own messages; read receipts in small
 * groups. Everything works offline; messages written then show "sending" until the server has them.
 */
@customElement('dk-conversation')
export class DkConversation extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--dk-space-3);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-2);
      }
      h1 {
        font-size: var(--dk-font-size-xl);
      }
      .members {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      dk-message-composer {
        position: sticky;
        inset-block-end: 0;
        z-index: 1;
        background: var(--dk-color-bg, #f5f7fa);
        padding-block: var(--dk-space-2);
      }
      @media (max-width: 599px) {
        /* Above the phone's bottom bar. */
        dk-message-composer {
          inset-block-end: calc(var(--dk-bottombar-height) + env(safe-area-inset-bottom));
        }
      }
    `,
  ];

  @property() conversationId = '';

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _replyTo?: string;
  @state() private _editing?: string;
  @state() private _announce = '';

  @query('dk-message-composer') private _composer?: DkMessageComposer;

  protected readonly _locale = new LocaleController(this);

  private _space() {
    return this._me ? conversationSpaces(this._me).find((s) => s.id === this.conversationId) : undefined;
  }

  private readonly _query = new LiveQueryController<Data>(
    this,
    async () => {
      const me = this._me;
      if (!me) throw new Error('Not signed in');
      const dir = await loadDirectory(me);
      const space = this._space();
      return { conversation: space ? await loadConversation(me, space, (n) => displayNameOf(dir, n)) : null, dir };
    },
    (cb) => {
      const me = this._me;
      const space = this._space();
      return me && space ? subscribeMessages(me, cb, [space]) : () => {};
    },
  );

  private _last?: string;
  override willUpdate(): void {
    const key = `${this._me?.name}|${this.conversationId}|${this._space()?.db}`;
    if (this._last !== undefined && key !== this._last) {
      this._query.hostDisconnected();
      this._query.hostConnected();
    }
    this._last = key;
  }

  override updated(): void {
    // What is on screen is read.
    const c = this._query.value?.conversation;
    const me = this._me;
    const last = c?.messages[c.messages.length - 1];
    if (me && c && last && last.id > (c.reads.get(me.name) ?? '')) {
      markRead(me, c.space, last.id).catch((err: unknown) => console.warn('Could not mark messages read', err));
    }
  }

  private readonly _send = async (text: string, files: File[] = []): Promise<void> => {
    const me = this._me;
    const c = this._query.value?.conversation;
    if (!me || !c) return;
    if (this._editing) {
      await editMessage(me, c.space, this._editing, text);
      this._editing = undefined;
      this._announce = t('messages.editedDone');
    } else {
      await sendMessage(me, c.space, { text, files, ...(this._replyTo ? { replyTo: this._replyTo } : {}), members: c.members });
      this._replyTo = undefined;
      this._announce = t('messages.sent');
    }
    this._query.refresh();
  };

  private async _remove(id: string): Promise<void> {
    const me = this._me;
    const c = this._query.value?.conversation;
    if (!me || !c || !confirm(t('messages.removeConfirm'))) return;
    await removeMessage(me, c.space, id);
    this._announce = t('messages.removedDone');
    this._query.refresh();
  }

  private async _leave(): Promise<void> {
    if (!confirm(t('messages.leaveConfirm'))) return;
    try {
      await leaveConversation(this.conversationId);
      await refreshMe();
      navigate('/messages');
    } catch {
      this._announce = t('messages.leaveFailed');
    }
  }

  override render() {
    const data = this._query.value;
    const me = this._me;
    if (!data || !me) return html`<p role="status">${t('messages.loading')}</p>`;
    const c = data.conversation;
    if (!c) {
      return html`<a class="back" href="/messages">${icons.back}${t('messages.back')}</a>
        <p role="alert">${t('messages.notHere')}</p>`;
    }
    const names = (n: string): string => displayNameOf(data.dir, n);
    const others = c.members.filter((m) => m !== me.name);
    const context = this._editing
      ? t('messages.editing')
      : this._replyTo
        ? t('messages.replyingTo', { text: c.messages.find((m) => m.id === this._replyTo)?.text.slice(0, 80) ?? '' })
        : '';
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this._announce}</div>
      <a class="back" href="/messages">${icons.back}${t('messages.back')}</a>
      <header>
        <div>
          <h1>${c.title}</h1>
          <p class="members">
            ${
              c.kind === 'group'
                ? t('messages.membersList', { count: formatNumber(c.members.length), names: c.members.map(names).join(', ') })
                : t('messages.direct')
            }
          </p>
        </div>
        ${c.kind === 'group' ? html`<button class="btn" @click=${this._leave}>${t('messages.leave')}</button>` : nothing}
      </header>
      <dk-message-list
        .messages=${c.messages}
        .me=${me.name}
        .account=${me}
        .space=${c.space}
        .names=${names}
        .reads=${c.members.length <= RECEIPTS_MAX_MEMBERS ? c.reads : undefined}
        @dk-message-reply=${(e: CustomEvent<{ id: string }>) => {
          this._editing = undefined;
          this._replyTo = e.detail.id;
          this._composer?.focusText();
        }}
        @dk-message-edit=${(e: CustomEvent<{ id: string; text: string }>) => {
          this._replyTo = undefined;
          this._editing = e.detail.id;
          this._composer?.setText(e.detail.text);
        }}
        @dk-message-remove=${(e: CustomEvent<{ id: string }>) => void this._remove(e.detail.id)}
      ></dk-message-list>
      <dk-message-composer
        .send=${this._send}
        .filesAllowed=${!this._editing}
        .contextText=${context}
        .members=${c.kind === 'group' ? others.map((n) => ({ name: n, displayName: names(n) })) : []}
        @dk-composer-clear=${() => {
          if (this._editing) this._composer?.setText('');
          this._editing = undefined;
          this._replyTo = undefined;
        }}
      ></dk-message-composer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-conversation': DkConversation;
  }
}
