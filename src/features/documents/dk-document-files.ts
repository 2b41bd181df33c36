import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  type DocumentRow,
  type FileRef,
  filesOf,
  getDocumentFile,
  isKeptOffline,
  mayKeepOffline,
  setKeptOffline,
} from '../../data/documents.ts';
import { FileIntegrityError } from '../../data/files.ts';
import { LocaleController, formatBytes, formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { type OfficialDocumentEvent } from '../../model/documents/types.ts';
import { compareEvents } from '../../model/documents/workflow.ts';
import { trapTab } from '../../ui/focus.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { actorLabel, ti } from './detail-names.ts';
import { stepLabel } from './labels.ts';
import './messages-detail.ts';

/** Fetches a file's bytes with progress; `null` offline when the device does not have them. */
export type LoadFileFn = (file: FileRef, onProgress: (received: number, total: number) => void) => Promise<Blob | null>;

type FileState =
  | { kind: 'idle' }
  | { kind: 'loading'; received: number; total: number }
  | { kind: 'ready'; url: string }
  /** Not on this device, and offline (or online but not uploaded yet by its author's device). */
  | { kind: 'offline' }
  | { kind: 'notUploaded' }
  /** The bytes do not match the SHA-256 recorded with the file. */
  | { kind: 'damaged' }
  | { kind: 'failed' };

interface FileGroup {
  key: string;
  label: string;
  files: FileRef[];
}

const keyOf = (f: Pick<FileRef, 'fileId'>): string => f.fileId;
const isPdf = (f: FileRef): boolean => f.contentType === 'application/pdf' || /\.pdf$/i.test(f.name);
const isImage = (f: FileRef): boolean => f.contentType.startsWith('image/');
/** A short, language-neutral type: the extension (`PDF`, `DOCX`, `JPG`). */
const typeOf = (f: FileRef): string => (/\.([a-z0-9]{1,5})$/i.exec(f.name)?.[1] ?? f.contentType.split('/')[1] ?? '').toUpperCase();

/**
 * Whether this browser shows PDFs inside the page (desktop browsers; not Chrome on Android, which offers a
 * download instead): there the PDF opens in a new tab with the system viewer.
 */
const inlinePdf = (): boolean => (navigator as { pdfViewerEnabled?: boolean }).pdfViewerEnabled !== false;

const ZOOM_STEPS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

/**
 * The files of a document, grouped by where they came from: the document itself (version 1 of a draft), later
 * versions, progress reports and other steps. PDFs show inline, images open in a zoomable viewer, other files
 * download. Bytes come on demand (from the device when stored there, else downloaded with progress).
 */
@customElement('dk-document-files')
export class DkDocumentFiles extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      .keep {
        display: grid;
        gap: var(--dk-space-2);
        margin-block-end: var(--dk-space-3);
        padding-block-end: var(--dk-space-3);
        border-block-end: 1px solid var(--dk-color-border);
      }
      .groups {
        display: grid;
        gap: var(--dk-space-4);
      }
      h3 {
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
        margin-block-end: var(--dk-space-2);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-2);
      }
      li {
        display: grid;
        gap: var(--dk-space-2);
        padding: var(--dk-space-3);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        background: var(--dk-color-surface-muted);
        min-inline-size: 0;
      }
      .file {
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-inline-size: 0;
      }
      .file .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .file .meta {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        white-space: nowrap;
      }
      .file > span {
        display: grid;
        min-inline-size: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dk-space-2);
      }
      progress {
        inline-size: 100%;
        block-size: 8px;
      }
      .pdf {
        inline-size: 100%;
        block-size: min(75vh, 56rem);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-sm);
        background: #fff;
      }
      .thumb {
        padding: 0;
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-sm);
        background: #fff;
        cursor: zoom-in;
        justify-self: start;
        max-inline-size: 100%;
      }
      .thumb img {
        display: block;
        max-inline-size: 100%;
        max-block-size: 40vh;
      }
      .none {
        margin: 0;
        color: var(--dk-color-text-muted);
      }
      .banner {
        font-size: var(--dk-font-size-sm);
      }
      dialog.viewer {
        inline-size: 100vw;
        max-inline-size: 100vw;
        block-size: 100dvh;
        max-block-size: 100dvh;
        margin: 0;
        border-radius: 0;
        background: #1b1f24;
        color: #fff;
      }
      dialog.viewer[open] {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
      }
      .viewer header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
        padding: var(--dk-space-2) var(--dk-space-3);
        background: #101418;
      }
      .viewer header .title {
        flex: 1 1 10rem;
        min-inline-size: 0;
        overflow-wrap: anywhere;
        font-weight: 600;
      }
      .viewer .btn {
        background: transparent;
        color: #fff;
        border-color: #6b7684;
      }
      .viewer .btn:hover {
        background: #2a3139;
      }
      .viewer .zoom {
        min-inline-size: 4ch;
        text-align: center;
      }
      .stage {
        overflow: auto;
        display: grid;
      }
      /* Auto margins centre a small image yet keep all of a zoomed one reachable by scrolling
         (centring with place-items would push its start out of reach). */
      .stage img {
        margin: auto;
        display: block;
        max-inline-size: none;
        background: #fff;
      }
    `,
  ];

  @property({ attribute: false }) row?: DocumentRow;
  @property({ attribute: false }) me: MeResponse | null = null;
  /** Replaces the download (tests); by default `getDocumentFile`. */
  @property({ attribute: false }) loadFile?: LoadFileFn;

  @state() private _files = new Map<string, FileState>();
  @state() private _viewer?: { file: FileRef; url: string; zoom: number };
  /** Whether this document's files are kept on the device (undefined until known). */
  @state() private _kept?: boolean;
  /** Keeping: bytes done of total while the missing files download. */
  @state() private _keeping?: { done: number; total: number };
  @state() private _keepFailed = false;

  @query('dialog.viewer') private _dialog?: HTMLDialogElement;

  private _forDocument?: string;
  private _autoLoaded = false;
  private _returnFocus: HTMLElement | null = null;
  protected readonly _locale = new LocaleController(this);

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('row') && this.row?.id !== this._forDocument) {
      this._release();
      this._forDocument = this.row?.id;
      this._kept = undefined;
      this._keepFailed = false;
      const me = this.me;
      const id = this.row?.id;
      if (me && id) {
        isKeptOffline(me, id)
          .then((kept) => {
            if (this.row?.id === id) this._kept = kept;
          })
          .catch(() => undefined);
      }
    }
  }

  override updated(): void {
    // The main file of the document (first PDF or image of the current version) opens without a click.
    if (!this._autoLoaded && this.row && (this.me || this.loadFile)) {
      this._autoLoaded = true;
      const first = this._groups(this.row)[0]?.files.find((f) => isPdf(f) || isImage(f));
      // After this update: loading changes state, which must not happen inside the update itself.
      if (first) void Promise.resolve().then(() => this._load(first));
    }
  }

  override disconnectedCallback(): void {
    this._release();
    super.disconnectedCallback();
  }

  /** Revokes every object URL made for this document (they hold the bytes in memory). */
  private _release(): void {
    for (const s of this._files.values()) if (s.kind === 'ready') URL.revokeObjectURL(s.url);
    this._files = new Map();
    this._viewer = undefined;
    this._autoLoaded = false;
  }

  private _set(f: FileRef, s: FileState): void {
    const next = new Map(this._files);
    next.set(keyOf(f), s);
    this._files = next;
  }

  private async _load(f: FileRef): Promise<string | null> {
    const row = this.row;
    if (!row) return null;
    const current = this._files.get(keyOf(f));
    if (current?.kind === 'ready') return current.url;
    if (current?.kind === 'loading') return null;
    this._set(f, { kind: 'loading', received: 0, total: f.size });
    const progress = (received: number, total: number) => {
      if (this.row?.id === row.id) this._set(f, { kind: 'loading', received, total: total || f.size });
    };
    try {
      const blob = this.loadFile ? await this.loadFile(f, progress) : this.me ? await getDocumentFile(this.me, row, f, progress) : null;
      if (this.row?.id !== row.id) return null;
      if (!blob) {
        this._set(f, { kind: navigator.onLine === false ? 'offline' : 'notUploaded' });
        return null;
      }
      // The stored type wins: a download may come back as application/octet-stream, which no viewer opens.
      const typed = blob.type === f.contentType ? blob : new Blob([blob], { type: f.contentType });
      const url = URL.createObjectURL(typed);
      this._set(f, { kind: 'ready', url });
      return url;
    } catch (err) {
      console.error('Loading a document file failed', err);
      if (this.row?.id === row.id) this._set(f, { kind: err instanceof FileIntegrityError ? 'damaged' : 'failed' });
      return null;
    }
  }

  private async _toggleKeep(e: Event): Promise<void> {
    const keep = (e.target as HTMLInputElement).checked;
    const row = this.row;
    if (!row || !this.me) return;
    this._keepFailed = false;
    this._keeping = keep ? { done: 0, total: filesOf(row).reduce((n, f) => n + f.size, 0) } : undefined;
    try {
      await setKeptOffline(this.me, row, keep, (done, total) => {
        if (this.row?.id === row.id) this._keeping = { done, total };
      });
      if (this.row?.id === row.id) this._kept = keep;
    } catch (err) {
      console.error('Keeping the files on this device failed', err);
      if (this.row?.id === row.id) {
        this._keepFailed = true;
        this._kept = await isKeptOffline(this.me, row.id).catch(() => false);
      }
    }
    if (this.row?.id === row.id) this._keeping = undefined;
  }

  /** Other files: fetch, then hand them to the browser's download. */
  private async _download(f: FileRef): Promise<void> {
    const url = await this._load(f);
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = f.name;
    a.rel = 'noopener';
    a.click();
  }

  private async _openViewer(f: FileRef, e?: Event): Promise<void> {
    this._returnFocus = (e?.currentTarget as HTMLElement | null) ?? null;
    const url = await this._load(f);
    if (!url) return;
    this._viewer = { file: f, url, zoom: 1 };
    await this.updateComplete;
    this._dialog?.showModal();
  }

  private _zoom(dir: 1 | -1 | 0): void {
    if (!this._viewer) return;
    const at = ZOOM_STEPS.indexOf(this._viewer.zoom);
    const next = dir === 0 ? 1 : ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, Math.max(0, at + dir))]!;
    this._viewer = { ...this._viewer, zoom: next };
  }

  private _onViewerKey(e: KeyboardEvent): void {
    trapTab(e);
    if (e.key === '+' || e.key === '=') this._zoom(1);
    else if (e.key === '-') this._zoom(-1);
    else if (e.key === '0') this._zoom(0);
  }

  private _onViewerClose(): void {
    this._viewer = undefined;
    this._returnFocus?.focus();
  }

  /** Groups: the current version (or the document's own files) first, then older versions, then steps in order. */
  private _groups(row: DocumentRow): FileGroup[] {
    const files = filesOf(row);
    if (files.length === 0) return [];
    const events = new Map(row.events.map((e) => [e._id, e]));
    const owners = [...new Set(files.map((f) => f.ownerId))];
    const outgoing = row.state.direction === 'outgoing';
    const current = row.state.direction === 'outgoing' ? row.state.version : 1;
    const groups = owners.map((owner): FileGroup & { order: [number, OfficialDocumentEvent | undefined] } => {
      const list = files.filter((f) => f.ownerId === owner);
      const event = events.get(owner);
      if (!event) {
        const label = outgoing ? this._versionLabel(1, current) : t('docdetail.files.document');
        return { key: owner, label, files: list, order: [current === 1 ? 0 : 1, undefined] };
      }
      const who = ti('docdetail.byAt', {
        name: actorLabel({ by: event.createdBy, name: event.actorName }),
        time: formatDateTime(event.createdAt),
      });
      if (event.kind === 'newVersion' && event.version) {
        const label = `${this._versionLabel(event.version, current)} · ${who}`;
        return { key: owner, label, files: list, order: [event.version === current ? 0 : 1, event] };
      }
      return { key: owner, label: `${stepLabel(event.kind)} · ${who}`, files: list, order: [2, event] };
    });
    groups.sort((a, b) => {
      if (a.order[0] !== b.order[0]) return a.order[0] - b.order[0];
      const [x, y] = [a.order[1], b.order[1]];
      if (a.order[0] === 1) return (y?.version ?? 1) - (x?.version ?? 1); // older versions: newest first
      return x && y ? compareEvents(x, y) : x ? 1 : -1;
    });
    return groups;
  }

  private _versionLabel(version: number, current: number): string {
    const v = t('docdetail.versionN', { version });
    return version === current ? `${v} (${t('docdetail.files.current')})` : v;
  }

  override render() {
    const row = this.row;
    if (!row) return nothing;
    const groups = this._groups(row);
    if (groups.length === 0) return html`<p class="none">${t('docdetail.files.none')}</p>`;
    return html`${this._renderKeep(row)}
      <div class="groups">
        ${groups.map(
          (g) =>
            html`<div class="group" data-group=${g.key}>
              ${groups.length > 1 || g.key !== row.id || row.doc.direction === 'outgoing' ? html`<h3 dir="auto">${g.label}</h3>` : nothing}
              <ul>
                ${g.files.map((f) => this._renderFile(f))}
              </ul>
            </div>`,
        )}
      </div>
      ${this._renderViewer()}`;
  }

  /** "Keep on this device": the document's files stay available offline (not for confidential ones unless allowed). */
  private _renderKeep(row: DocumentRow) {
    if (!this.me || this.loadFile) return nothing;
    const allowed = mayKeepOffline(this.me, row);
    const k = this._keeping;
    return html`<div class="keep">
      <div class="check">
        <input
          id="keep"
          type="checkbox"
          .checked=${this._kept === true}
          ?disabled=${!allowed || this._kept === undefined || !!k}
          aria-describedby="keep-hint"
          @change=${this._toggleKeep}
        />
        <label for="keep">${t('docdetail.files.keep')}</label>
        <span id="keep-hint" class="hint">${allowed ? t('docdetail.files.keepHint') : t('docdetail.files.keepConfidential')}</span>
      </div>
      ${
        k
          ? html`<div role="status">
              <progress max=${k.total || 1} .value=${k.done} aria-label=${t('docdetail.files.keeping')}></progress>
              <span class="hint">${t('docdetail.files.keeping')} ${formatBytes(k.done)} / ${formatBytes(k.total)}</span>
            </div>`
          : nothing
      }
      ${this._keepFailed ? html`<p class="banner danger" role="alert">${t('docdetail.files.keepFailed')}</p>` : nothing}
    </div>`;
  }

  private _renderFile(f: FileRef) {
    const s = this._files.get(keyOf(f)) ?? { kind: 'idle' };
    const pdf = isPdf(f);
    const image = isImage(f);
    return html`<li data-file=${f.name} data-kind=${pdf ? 'pdf' : image ? 'image' : 'other'}>
      <div class="file">
        ${icons.paperclip}
        <span>
          <bdi class="name">${f.name}</bdi>
          <span class="meta">${typeOf(f)} · ${formatBytes(f.size)}</span>
        </span>
      </div>
      ${
        s.kind === 'loading'
          ? html`<div role="status">
              <progress
                max=${s.total || 1}
                .value=${s.received}
                aria-label=${t('docdetail.files.downloading', { name: f.name })}
              ></progress>
              <span class="hint"
                >${
                  s.total
                    ? t('docdetail.files.progress', { percent: formatNumber(Math.round((100 * s.received) / s.total)) })
                    : t('docdetail.files.loading')
                }</span
              >
            </div>`
          : nothing
      }
      ${s.kind === 'offline' ? html`<p class="banner warning" role="alert">${t('docdetail.files.offline')}</p>` : nothing}
      ${s.kind === 'notUploaded' ? html`<p class="banner warning" role="alert">${t('docdetail.files.notUploaded')}</p>` : nothing}
      ${s.kind === 'damaged' ? html`<p class="banner danger" role="alert">${t('docdetail.files.damaged')}</p>` : nothing}
      ${s.kind === 'failed' ? html`<p class="banner danger" role="alert">${t('docdetail.files.failed')}</p>` : nothing}
      ${
        s.kind === 'ready' && pdf && inlinePdf()
          ? html`<iframe class="pdf" src=${s.url} title=${t('docdetail.files.pdfTitle', { name: f.name })}></iframe>`
          : nothing
      }
      ${s.kind === 'ready' && pdf && !inlinePdf() ? html`<p class="hint">${t('docdetail.files.noInlinePdf')}</p>` : nothing}
      ${
        s.kind === 'ready' && image
          ? html`<button
              class="thumb"
              @click=${(e: Event) => this._openViewer(f, e)}
              aria-label=${t('docdetail.files.enlarge', { name: f.name })}
            >
              <img src=${s.url} alt=${t('docdetail.files.imageAlt', { name: f.name })} />
            </button>`
          : nothing
      }
      <div class="actions">${this._renderActions(f, s, pdf, image)}</div>
    </li>`;
  }

  private _renderActions(f: FileRef, s: FileState, pdf: boolean, image: boolean) {
    const busy = s.kind === 'loading';
    if (s.kind === 'ready') {
      return html`${
          image
            ? html`<button class="btn primary" @click=${(e: Event) => this._openViewer(f, e)}>${t('docdetail.files.zoom')}</button>`
            : html`<a class="btn ${pdf && inlinePdf() ? '' : 'primary'}" href=${s.url} target="_blank" rel="noopener"
                >${t('docdetail.files.openTab')}</a
              >`
        } <a class="btn" href=${s.url} download=${f.name}>${icons.install}${t('docdetail.files.save')}</a>`;
    }
    if (pdf || image) {
      return html`<button class="btn primary" ?disabled=${busy} @click=${() => this._load(f)}>${t('docdetail.files.view')}</button>
        <button class="btn" ?disabled=${busy} @click=${() => this._download(f)}>${icons.install}${t('docdetail.files.download')}</button>`;
    }
    return html`<button class="btn primary" ?disabled=${busy} @click=${() => this._download(f)}>
      ${icons.install}${t('docdetail.files.download')}
    </button>`;
  }

  private _renderViewer() {
    const v = this._viewer;
    if (!v) return nothing;
    return html`<dialog class="viewer" aria-labelledby="viewer-title" @close=${this._onViewerClose} @keydown=${this._onViewerKey}>
      <header>
        <span id="viewer-title" class="title"><bdi>${v.file.name}</bdi></span>
        <button class="btn" @click=${() => this._zoom(-1)} ?disabled=${v.zoom <= ZOOM_STEPS[0]!} aria-label=${t('docdetail.files.zoomOut')}>
          −
        </button>
        <span class="zoom" aria-live="polite">${formatNumber(Math.round(v.zoom * 100))}%</span>
        <button
          class="btn"
          @click=${() => this._zoom(1)}
          ?disabled=${v.zoom >= ZOOM_STEPS[ZOOM_STEPS.length - 1]!}
          aria-label=${t('docdetail.files.zoomIn')}
        >
          +
        </button>
        <button class="btn" @click=${() => this._zoom(0)}>${t('docdetail.files.zoomReset')}</button>
        <button class="btn" aria-label=${t('common.close')} @click=${() => this._dialog?.close()}>${icons.close}</button>
      </header>
      <div class="stage">
        <img
          src=${v.url}
          alt=${t('docdetail.files.imageAlt', { name: v.file.name })}
          style=${v.zoom === 1 ? 'max-inline-size: 100%; max-block-size: calc(100dvh - 5rem)' : `inline-size: ${v.zoom * 100}%`}
        />
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-document-files': DkDocumentFiles;
  }
}
