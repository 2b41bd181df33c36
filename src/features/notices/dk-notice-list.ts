import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { NoticeView } from '../../data/notices.ts';
import { LocaleController, formatDateTime, formatRelative, t } from '../../i18n/i18n.ts';
import { noticePath } from '../../app/router.ts';
import { compareNotices } from '../../model/notice.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { noticeChipStyles } from './chip-styles.ts';
import '../../ui/dk-empty-state.ts';
import { audienceLabel } from './audience.ts';
import './messages.ts';

/**
 * The list of notices, rendered from data given to it (already sorted: pinned first, newest first).
 * Shows skeleton rows while `notices` is undefined, unread markers, the pinned badge, the audience,
 * the author, a relative time, "waiting to sync" for local-only notices; expired notices are hidden
 * unless `showExpired`, and then muted.
 */
@customElement('dk-notice-list')
export class DkNoticeList extends LitElement {
  static override styles = [
    sharedStyles,
    noticeChipStyles,
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
        grid-template-columns: 12px minmax(0, 1fr);
        gap: var(--dk-space-2);
        padding: var(--dk-space-3) var(--dk-space-4);
        padding-inline-start: var(--dk-space-3);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        color: inherit;
        text-decoration: none;
        min-block-size: var(--dk-touch-target);
      }
      li a:hover {
        border-color: var(--dk-color-border-strong);
        box-shadow: var(--dk-shadow-1);
      }
      li.pinned a {
        border-inline-start: 4px solid var(--dk-color-accent);
      }
      .dot {
        inline-size: 10px;
        block-size: 10px;
        margin-block-start: 0.45rem;
        border-radius: 50%;
      }
      li.unread .dot {
        background: var(--dk-color-primary);
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-1);
        margin-block-end: var(--dk-space-1);
      }
      h2 {
        font-size: var(--dk-font-size-md);
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      li.unread h2 {
        font-weight: 700;
      }
      .excerpt {
        margin: var(--dk-space-1) 0 0;
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-1) var(--dk-space-3);
        margin-block-start: var(--dk-space-2);
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
      }
      .meta svg {
        inline-size: 16px;
        block-size: 16px;
        vertical-align: -3px;
      }
      li.expired a {
        background: var(--dk-color-surface-muted);
      }
      li.expired h2,
      li.expired .excerpt {
        color: var(--dk-color-text-muted);
      }
      .skeleton-row {
        display: grid;
        gap: var(--dk-space-2);
        padding: var(--dk-space-3) var(--dk-space-4);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        block-size: 116px;
      }
      .skeleton-row .skeleton:nth-child(1) {
        inline-size: 30%;
        block-size: 14px;
      }
      .skeleton-row .skeleton:nth-child(2) {
        inline-size: 70%;
        block-size: 18px;
      }
      .skeleton-row .skeleton:nth-child(3) {
        inline-size: 90%;
        block-size: 14px;
      }
      .all-expired {
        margin: 0;
        padding: var(--dk-space-4);
        color: var(--dk-color-text-muted);
        background: var(--dk-color-surface);
        border: 1px dashed var(--dk-color-border-strong);
        border-radius: var(--dk-radius-md);
      }
    `,
  ];

  /** The notices to show; `undefined` while loading (skeleton rows). */
  @property({ attribute: false }) notices?: NoticeView[];
  /** Show expired notices (muted) instead of hiding them. */
  @property({ type: Boolean, attribute: 'show-expired' }) showExpired = false;
  /** Whether the viewer may post somewhere (changes the empty-state hint). */
  @property({ type: Boolean, attribute: 'can-post' }) canPost = false;
  /** "Now" for relative times (tests pin it). */
  @property({ type: Number }) now?: number;

  protected readonly _locale = new LocaleController(this);

  override render() {
    const notices = this.notices;
    if (!notices) {
      return html`<div role="status" aria-label=${t('common.loading')}>
        <ul aria-hidden="true">
          ${[0, 1, 2, 3].map(
            () =>
              html`<li class="skeleton-row">
                <span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span>
              </li>`,
          )}
        </ul>
      </div>`;
    }
    if (notices.length === 0) {
      return html`<dk-empty-state .heading=${t('notices.empty.title')} .icon=${icons.notices}>
        <p>${t('notices.empty.what')}</p>
        <p>${t('notices.empty.who')}</p>
        ${this.canPost ? html`<p>${t('notices.empty.canPost')}</p>` : nothing}
      </dk-empty-state>`;
    }
    // The data layer sorts already; sorting again keeps the rule (pinned first, newest first) local.
    const sorted = [...notices].sort(compareNotices);
    const shown = this.showExpired ? sorted : sorted.filter((n) => !n.expired);
    if (shown.length === 0) {
      return html`<p class="all-expired">${t('notices.allExpired', { count: notices.length })}</p>`;
    }
    return html`<ul aria-label=${t('notices.listLabel')}>
      ${repeat(
        shown,
        (n) => n._id,
        (n) => this._renderItem(n),
      )}
    </ul>`;
  }

  private _renderItem(n: NoticeView) {
    const classes = [n.read ? '' : 'unread', n.pinned ? 'pinned' : '', n.expired ? 'expired' : ''].filter(Boolean).join(' ');
    const excerpt = n.body.length > 240 ? `${n.body.slice(0, 240)}…` : n.body;
    return html`<li class=${classes} data-id=${n._id}>
      <a href=${noticePath(n._id)}>
        <span class="dot" aria-hidden="true"></span>
        <div>
          <div class="chips">
            ${n.read ? nothing : html`<span class="visually-hidden">${t('notices.unread')}.</span>`}
            ${n.pinned ? html`<span class="chip pin">${icons.pin}${t('notices.pinned')}</span>` : nothing}
            <span class="chip ${n.space.kind === 'org' ? 'org' : ''}" dir="auto">${audienceLabel(n.space)}</span>
            ${n.pending ? html`<span class="chip pending">${t('notices.pending')}</span>` : nothing}
            ${n.expired ? html`<span class="chip">${t('notices.expired')}</span>` : nothing}
          </div>
          <h2 dir="auto">${n.title}</h2>
          <p class="excerpt" dir="auto">${excerpt}</p>
          <div class="meta">
            <span dir="auto">${n.authorName}</span>
            <time datetime=${n.createdAt} title=${formatDateTime(n.createdAt)}>${formatRelative(n.createdAt, this.now)}</time>
            ${n.attachment ? html`<span>${icons.paperclip}<span class="visually-hidden">${t('notices.hasAttachment')}</span></span>` : nothing}
          </div>
        </div>
      </a>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-notice-list': DkNoticeList;
  }
}
