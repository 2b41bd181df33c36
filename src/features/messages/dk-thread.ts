import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { meContext } from '../../app/context.ts';
import { type Directory, displayNameOf, emptyDirectory, loadDirectory } from '../../data/directory.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { type MessageView, editMessage, removeMessage, sendMessage, subscribeMessages, threadOf } from '../../data/messages.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import type { Space } from '../../model/spaces.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import type { DkMessageComposer } from './dk-message-composer.ts';
import './dk-message-composer.ts';
import './dk-message-list.ts';
import './messages.ts';

/**
 * The discussion of an item (an official document, a task, a schedule entry): its messages live next to it, in
 * `space`, so exactly the people who can read the item read them. `people` are who can be mentioned (those on
 * the item). Works offline like every conversation.
 */
@customElement('dk-thread')
export class DkThread extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: var(--dk-space-3);
      }
      h2 {
        font-size: var(--dk-font-size-lg);
      }
    `,
  ];

  @property({ attribute: false }) space?: Space;
  @property() parentId = '';
  @property({ attribute: false }) people: string[] = [];

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _replyTo?: string;
  @state() private _editing?: string;

  @query('dk-message-composer') private _composer?: DkMessageComposer;

  protected readonly _locale = new LocaleController(this);

  private readonly _query = new LiveQueryController<{ messages: MessageView[]; dir: Directory }>(
    this,
    async () => {
      const me = this._me;
      if (!me || !this.space) return { messages: [], dir: emptyDirectory() };
      const [messages, dir] = await Promise.all([threadOf(me, this.space, this.parentId), loadDirectory(me)]);
      return { messages, dir };
    },
    (cb) => (this._me && this.space ? subscribeMessages(this._me, cb, [this.space]) : () => {}),
  );

  private _last?: string;
  override willUpdate(): void {
    const key = `${this._me?.name}|${this.space?.db}|${this.parentId}`;
    if (this._last !== undefined && key !== this._last) {
      this._query.hostDisconnected();
      this._query.hostConnected();
    }
    this._last = key;
  }

  private readonly _send = async (text: string, files: File[] = []): Promise<void> => {
    const me = this._me;
    if (!me || !this.space) return;
    if (this._editing) await editMessage(me, this.space, this._editing, text);
    else
      await sendMessage(me, this.space, {
        text,
        files,
        parentId: this.parentId,
        members: this.people,
        ...(this._replyTo ? { replyTo: this._replyTo } : {}),
      });
    this._editing = undefined;
    this._replyTo = undefined;
    this._query.refresh();
  };

  override render() {
    const me = this._me;
    const data = this._query.value;
    if (!me || !this.space) return nothing;
    const dir = data?.dir ?? emptyDirectory();
    const names = (n: string): string => displayNameOf(dir, n);
    const context = this._editing
      ? t('messages.editing')
      : this._replyTo
        ? t('messages.replyingTo', { text: data?.messages.find((m) => m.id === this._replyTo)?.text.slice(0, 80) ?? '' })
        : '';
    return html`<h2>${t('messages.thread')}</h2>
      <p class="hint">${t('messages.threadHint')}</p>
      <dk-message-list
        .messages=${data?.messages ?? []}
        .me=${me.name}
        .account=${me}
        .space=${this.space}
        .names=${names}
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
        @dk-message-remove=${async (e: CustomEvent<{ id: string }>) => {
          if (!confirm(t('messages.removeConfirm'))) return;
          await removeMessage(me, this.space!, e.detail.id);
          this._query.refresh();
        }}
      ></dk-message-list>
      <dk-message-composer
        .send=${this._send}
        .filesAllowed=${!this._editing}
        .contextText=${context}
        .members=${this.people.filter((p) => p !== me.name).map((n) => ({ name: n, displayName: names(n) }))}
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
    'dk-thread': DkThread;
  }
}
