import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { NoticeView } from '../../data/notices.ts';
import { LocaleController, formatBytes, formatDateTime, formatDay, t } from '../../i18n/i18n.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { backLinkStyles } from '../../ui/page-styles.ts';
import { noticeChipStyles } from './chip-styles.ts';
import '../../ui/dk-empty-state.ts';
import { audienceLabel } from './audience.ts';
import './messages.ts';

/** Fetches an attachment's bytes; `null` when offline and not stored on the device. */
export type LoadAttachmentFn = (noticeId: string) => Promise<Blob | null>;

type AttachmentState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'offline' } | { kind: 'failed' };

/**
 * One notice: title, audience, author, times, the body as plain text with its line breaks (never
 * interpreted as HTML), and the attachment, fetched on demand.
 */
@customElement('dk-notice-detail')
export class DkNoticeDetail extends LitElement {
  static override styles = [
    sharedStyles,
    noticeChipStyles,
    backLinkStyles,
    css`
      .back {
        margin-block-end: var(--dk-space-2);
      }
      .back:hover {
        text-decoration: underline;
      }
      article {
        display: grid;
        gap: var(--dk-space-4);
        padding: var(--dk-space-5);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-lg);
      }
      article p {
        margin: 0;
      }
      article.pinned {
        border-block-start: 4px solid var(--dk-color-accent);
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-1);
      }
      h1 {
        font-size: var(--dk-font-size-xl);
        overflow-wrap: anywhere;
      }
      dl {
        display: grid;
        grid-template-columns: fit-content(45%) minmax(0, 1fr);
        gap: var(--dk-space-1) var(--dk-space-4);
        margin: 0;
        font-size: var(--dk-font-size-sm);
      }
      dt,
      dd {
        overflow-wrap: anywhere;
      }
      dt {
        color: var(--dk-color-text-muted);
      }
      dd {
        margin: 0;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: var(--dk-font-size-md);
        line-height: 1.65;
        border-block-start: 1px solid var(--dk-color-border);
        padding-block-start: var(--dk-space-4);
      }
      .attachment {
        display: grid;
        gap: var(--dk-space-3);
        padding: var(--dk-space-3) var(--dk-space-4);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface-muted);
      }
      .attachment .file {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        overflow-wrap: anywhere;
      }
      .attachment .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
      }
      .attachment img {
        max-inline-size: 100%;
        max-block-size: 60vh;
        border-radius: var(--dk-radius-sm);
        justify-self: start;
      }
      .expired-note {
        color: var(--dk-color-warning);
        font-weight: 600;
      }
      .skeleton.h {
        block-size: 32px;
        inline-size: 60%;
      }
      .skeleton.l {
        block-size: 16px;
      }
    `,
  ];

  /** The notice; `undefined` while loading, `null` when not found. */
  @property({ attribute: false }) notice?: NoticeView | null;
  /** Loads the attachment (injected by the page). */
  @property({ attribute: false }) loadAttachment?: LoadAttachmentFn;

  @state() private _attachment: AttachmentState = { kind: 'idle' };
  private _attachmentFor?: string;

  protected readonly _locale = new LocaleController(this);

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('notice') && this.notice?._id !== this._attachmentFor) this._releaseAttachment();
  }

  override disconnectedCallback(): void {
    this._releaseAttachment();
    super.disconnectedCallback();
  }

  private _releaseAttachment(): void {
    if (this._attachment.kind === 'ready') URL.revokeObjectURL(this._attachment.url);
    this._attachment = { kind: 'idle' };
    this._attachmentFor = this.notice?._id;
  }

  private async _load(): Promise<void> {
    const notice = this.notice;
    if (!notice || !this.loadAttachment) return;
    this._attachment = { kind: 'loading' };
    try {
      const blob = await this.loadAttachment(notice._id);
      if (this.notice?._id !== notice._id) return;
      this._attachment = blob ? { kind: 'ready', url: URL.createObjectURL(blob) } : { kind: 'offline' };
    } catch (err) {
      console.error('Loading the attachment failed', err);
      this._attachment = { kind: 'failed' };
    }
  }

  override render() {
    const back = html`<a class="back" href="/notices">${icons.back}${t('notices.back')}</a>`;
    const n = this.notice;
    if (n === undefined) {
      return html`${back}
        <article role="status" aria-label=${t('common.loading')}>
          <div class="skeleton h"></div>
          <div class="skeleton l"></div>
          <div class="skeleton l"></div>
          <div class="skeleton l"></div>
        </article>`;
    }
    if (n === null) {
      return html`${back}<dk-empty-state .heading=${t('notices.notFound')} .icon=${icons.info}></dk-empty-state>`;
    }
    return html`${back}
      <article class=${n.pinned ? 'pinned' : ''} aria-labelledby="title">
        <div class="chips">
          ${n.pinned ? html`<span class="chip pin">${icons.pin}${t('notices.pinned')}</span>` : nothing}
          <span class="chip ${n.space.kind === 'org' ? 'org' : ''}" dir="auto">${audienceLabel(n.space)}</span>
          ${n.expired ? html`<span class="chip">${t('notices.expired')}</span>` : nothing}
        </div>
        <h1 id="title" dir="auto">${n.title}</h1>
        ${n.pending ? html`<p class="banner warning">${icons.clock} ${t('notices.pendingDetail')}</p>` : nothing}
        <dl>
          <dt>${t('notices.postedBy')}</dt>
          <dd dir="auto">${n.authorName}</dd>
          <dt>${t('notices.postedAt')}</dt>
          <dd><time datetime=${n.createdAt}>${formatDateTime(n.createdAt)}</time></dd>
          <dt>${t('notices.audience')}</dt>
          <dd dir="auto">${audienceLabel(n.space)}</dd>
          ${
            n.expiresOn
              ? html`<dt>${t('notices.form.expiresOn')}</dt>
                  <dd class=${n.expired ? 'expired-note' : ''}>
                    ${n.expired ? t('notices.expiredOn', { day: formatDay(n.expiresOn) }) : formatDay(n.expiresOn)}
                  </dd>`
              : nothing
          }
        </dl>
        <div class="body" dir="auto">${n.body}</div>
        ${n.attachment ? this._renderAttachment(n.attachment) : nothing}
      </article>`;
  }

  private _renderAttachment(a: NonNullable<NoticeView['attachment']>) {
    const s = this._attachment;
    return html`<section class="attachment" aria-labelledby="att-title">
      <h2 id="att-title" class="visually-hidden">${t('notices.attachment.title')}</h2>
      <div class="file">
        ${icons.paperclip}<span><bdi>${a.name}</bdi> · ${formatBytes(a.size)}</span>
      </div>
      <div class="actions" aria-live="polite">
        ${
          s.kind === 'ready'
            ? html`<a class="btn primary" href=${s.url} target="_blank" rel="noopener">${t('notices.attachment.open')}</a>
                <a class="btn" href=${s.url} download=${a.name}>${icons.install}${t('notices.attachment.download')}</a>`
            : html`<button class="btn" ?disabled=${s.kind === 'loading'} @click=${this._load}>
                ${s.kind === 'loading' ? t('notices.attachment.loading') : t('notices.attachment.load')}
              </button>`
        }
      </div>
      ${s.kind === 'offline' ? html`<p class="banner warning" role="alert">${t('notices.attachment.offline')}</p>` : nothing}
      ${s.kind === 'failed' ? html`<p class="banner danger" role="alert">${t('notices.attachment.failed')}</p>` : nothing}
      ${
        s.kind === 'ready' && a.type.startsWith('image/')
          ? html`<img src=${s.url} alt=${t('notices.attachment.preview', { name: a.name })} />`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-notice-detail': DkNoticeDetail;
  }
}
