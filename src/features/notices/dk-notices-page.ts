import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { type NoticeInput, canPostNotice } from '../../model/notice.ts';
import type { Space } from '../../model/spaces.ts';
import {
  getNotice,
  getNoticeAttachment,
  listNotices,
  markNoticeRead,
  postNotice,
  subscribeNotices,
  type NoticeView,
} from '../../data/notices.ts';
import { LiveQueryController } from '../../data/live-query.ts';
import { LocaleController, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { pageHeadStyles } from '../../ui/page-styles.ts';
import { deepActiveElement, trapTab } from '../../ui/focus.ts';
import { spacesInOrder } from '../../ui/spaces-order.ts';
import type { DkNoticeForm } from './dk-notice-form.ts';
import './dk-notice-list.ts';
import './dk-notice-detail.ts';
import './dk-notice-form.ts';
import './messages.ts';

interface PageData {
  list?: NoticeView[];
  notice?: NoticeView | null;
  /** The id `notice` was read for (the route may have moved on meanwhile). */
  forId?: string;
}

/**
 * The Notices page (`/notices` and `/notices/<id>`): the live list, one notice, and the "new notice"
 * dialog for people who may post somewhere. Data comes from `data/notices.ts` through live queries,
 * so notices arriving by replication (or just posted, before they sync) appear without a reload.
 */
@customElement('dk-notices-page')
export class DkNoticesPage extends LitElement {
  static override styles = [
    sharedStyles,
    pageHeadStyles,
    css`
      .head {
        margin-block-end: var(--dk-space-4);
      }
      .unread {
        color: var(--dk-color-primary);
        font-weight: 700;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-3);
      }
      .toggle {
        display: inline-flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        font-size: var(--dk-font-size-sm);
        cursor: pointer;
      }
      .toggle input {
        inline-size: 20px;
        block-size: 20px;
        margin: 0;
      }
      dialog header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-2);
        padding: var(--dk-space-3) var(--dk-space-4);
        padding-inline-start: var(--dk-space-5);
        border-block-end: 1px solid var(--dk-color-border);
        position: sticky;
        inset-block-start: 0;
        background: var(--dk-color-surface);
        z-index: 1;
      }
      dialog {
        /* Focusing a field with an error scrolls it into view below the sticky dialog header. */
        scroll-padding-block: 5rem var(--dk-space-4);
      }
      dialog h2 {
        font-size: var(--dk-font-size-lg);
      }
      dialog .content {
        padding: var(--dk-space-4) var(--dk-space-5) var(--dk-space-5);
      }
      @media (max-width: 599px) {
        dialog {
          inline-size: 100vw;
          max-inline-size: 100vw;
          block-size: 100dvh;
          max-block-size: 100dvh;
          margin: 0;
          border-radius: 0;
        }
        dialog .content {
          padding: var(--dk-space-4) var(--dk-space-3);
        }
      }
    `,
  ];

  /** Shows this notice instead of the list (from `/notices/<id>`). */
  @property() noticeId?: string;

  @consume({ context: meContext, subscribe: true })
  @state()
  private _me: MeResponse | null = null;

  @state() private _showExpired = false;
  @state() private _announcement = '';

  @query('dialog') private _dialog!: HTMLDialogElement;
  @query('dk-notice-form') private _form!: DkNoticeForm;

  private _returnFocus: HTMLElement | null = null;
  private readonly _markedRead = new Set<string>();
  protected readonly _locale = new LocaleController(this);

  /**
   * One live query (one change-feed subscription) for both views: the list at `/notices`, the
   * notice at `/notices/<id>`.
   */
  private readonly _query = new LiveQueryController<PageData>(
    this,
    async () => {
      const me = this._me;
      const id = this.noticeId;
      if (!me) return {};
      return id ? { notice: await getNotice(me, id), forId: id } : { list: await listNotices(me) };
    },
    (cb) => (this._me ? subscribeNotices(this._me, cb) : () => {}),
  );

  private _lastMe?: string;
  private _lastNoticeId?: string;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('noticeId') && this.noticeId !== this._lastNoticeId) {
      const first = this._lastNoticeId === undefined;
      this._lastNoticeId = this.noticeId;
      if (!first) this._query.refresh();
    }
    if (changed.has('_me') && this._me?.name !== this._lastMe) {
      const first = this._lastMe === undefined;
      this._lastMe = this._me?.name;
      if (!first) this._query.refresh();
    }
  }

  override updated(): void {
    const n = this.noticeId && this._query.value?.forId === this.noticeId ? this._query.value.notice : undefined;
    if (n && n._id === this.noticeId && !n.read && this._me && !this._markedRead.has(n._id)) {
      this._markedRead.add(n._id);
      markNoticeRead(this._me, n._id).catch((err: unknown) => console.warn('Could not mark the notice read', err));
    }
  }

  private get _postableSpaces(): Space[] {
    const me = this._me;
    return me ? spacesInOrder(me.spaces.filter((s) => canPostNotice(me, s))) : [];
  }

  private _openForm(): void {
    this._returnFocus = deepActiveElement();
    this._dialog.showModal();
    this._form.focusFirst();
  }

  private _closeForm(): void {
    this._dialog.close();
  }

  private _onDialogClose(): void {
    this._returnFocus?.focus();
  }

  private _onPosted(e: CustomEvent<{ title: string }>): void {
    this._announcement = t('notices.form.posted', { title: e.detail.title });
    this._query.refresh();
    this._closeForm();
  }

  private readonly _post = (space: Space, input: NoticeInput, file?: File): Promise<unknown> => {
    if (!this._me) return Promise.reject(new Error('Not signed in'));
    return postNotice(this._me, space, input, file);
  };

  private readonly _loadAttachment = (noticeId: string): Promise<Blob | null> =>
    this._me ? getNoticeAttachment(this._me, noticeId) : Promise.resolve(null);

  override render() {
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
      ${this.noticeId ? this._renderDetail() : this._renderList()} ${this._renderFormDialog()}`;
  }

  private _renderDetail() {
    const value = this._query.value;
    const notice = value && value.forId === this.noticeId ? value.notice : undefined;
    if (this._query.error && notice === undefined) return this._renderLoadError();
    return html`<dk-notice-detail .notice=${notice} .loadAttachment=${this._loadAttachment}></dk-notice-detail>`;
  }

  private _renderList() {
    const notices = this._query.value?.list;
    const unread = notices?.filter((n) => !n.read && !n.expired).length ?? 0;
    const expired = notices?.filter((n) => n.expired).length ?? 0;
    const spaces = this._postableSpaces;
    return html`<div class="head">
        <div>
          <h1>${t('notices.title')}</h1>
          <p class="sub">
            ${t('notices.subtitle')}${unread > 0 ? html` · <span class="unread">${t('notices.unreadCount', { count: unread })}</span>` : nothing}
          </p>
        </div>
        <div class="tools">
          ${
            expired > 0
              ? html`<label class="toggle">
                  <input
                    type="checkbox"
                    .checked=${this._showExpired}
                    @change=${(e: Event) => (this._showExpired = (e.target as HTMLInputElement).checked)}
                  />
                  ${t('notices.showExpired', { count: expired })}
                </label>`
              : nothing
          }
          ${spaces.length > 0 ? html`<button class="btn primary" @click=${this._openForm}>${icons.plus}${t('notices.new')}</button>` : nothing}
        </div>
      </div>
      ${
        this._query.error && !notices
          ? this._renderLoadError()
          : html`<dk-notice-list .notices=${notices} ?show-expired=${this._showExpired} ?can-post=${spaces.length > 0}></dk-notice-list>`
      }`;
  }

  private _renderLoadError() {
    return html`<div class="banner danger" role="alert">
      ${icons.warning}<span>${t('notices.loadError')}</span>
      <button class="btn" @click=${() => this._query.refresh()}>${t('common.retry')}</button>
    </div>`;
  }

  private _renderFormDialog() {
    const spaces = this._postableSpaces;
    if (spaces.length === 0) return nothing;
    return html`<dialog aria-labelledby="form-title" @close=${this._onDialogClose} @keydown=${trapTab}>
      <header>
        <h2 id="form-title">${t('notices.form.heading')}</h2>
        <button class="btn ghost" aria-label=${t('common.close')} @click=${this._closeForm}>${icons.close}</button>
      </header>
      <div class="content">
        <dk-notice-form
          .spaces=${spaces}
          .post=${this._post}
          @dk-notice-posted=${this._onPosted}
          @dk-cancel=${this._closeForm}
        ></dk-notice-form>
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-notices-page': DkNoticesPage;
  }
}
