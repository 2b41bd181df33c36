import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type Directory, displayNameOf, emptyDirectory } from '../../data/directory.ts';
import { FileIntegrityError, fileFromSpaces } from '../../data/files.ts';
import { type TaskFileRef, type TaskRow, filesOfTask } from '../../data/tasks.ts';
import { LocaleController, formatBytes, formatDateTime, formatNumber, t } from '../../i18n/i18n.ts';
import type { MeResponse } from '../../model/api.ts';
import { icons } from '../../ui/icons.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import './messages-detail.ts';

type FileState =
  | { kind: 'idle' }
  | { kind: 'loading'; received: number; total: number }
  | { kind: 'ready'; url: string }
  | { kind: 'offline' }
  | { kind: 'notUploaded' }
  | { kind: 'damaged' }
  | { kind: 'failed' };

/** Fetches a file's bytes with progress; tests replace it. */
export type LoadTaskFileFn = (file: TaskFileRef, onProgress: (received: number, total: number) => void) => Promise<Blob | null>;

/**
 * The files of a task and of its reports, oldest first, each with who added it and when. The bytes come on demand:
 * from this device when they are here (written here), else downloaded with progress; then they open (PDF and
 * images in a new tab) or download.
 */
@customElement('dk-task-files')
export class DkTaskFiles extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
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
        flex-wrap: wrap;
        align-items: center;
        gap: var(--dk-space-2);
        min-inline-size: 0;
      }
      .file > span {
        display: grid;
        flex: 1 1 12rem;
        min-inline-size: 0;
      }
      .name {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .meta {
        color: var(--dk-color-text-muted);
        font-size: var(--dk-font-size-sm);
        overflow-wrap: anywhere;
      }
      progress {
        inline-size: 100%;
      }
      .none {
        margin: 0;
        color: var(--dk-color-text-muted);
      }
    `,
  ];

  @property({ attribute: false }) me: MeResponse | null = null;
  /** A task: its files and its reports' files, from the spaces holding it. */
  @property({ attribute: false }) row?: Pick<TaskRow, 'heldIn'> & Partial<Pick<TaskRow, 'task' | 'state'>>;
  /** Other files (a schedule entry's) instead of the task's, from `row.heldIn`. */
  @property({ attribute: false }) files?: TaskFileRef[];
  @property({ attribute: false }) directory: Directory = emptyDirectory();
  /** How bytes are fetched (the data layer by default). */
  @property({ attribute: false }) load?: LoadTaskFileFn;

  @state() private _states = new Map<string, FileState>();

  protected readonly _locale = new LocaleController(this);

  override disconnectedCallback(): void {
    for (const s of this._states.values()) if (s.kind === 'ready') URL.revokeObjectURL(s.url);
    this._states = new Map();
    super.disconnectedCallback();
  }

  private _set(id: string, s: FileState): void {
    const next = new Map(this._states);
    next.set(id, s);
    this._states = next;
  }

  private async _fetch(f: TaskFileRef): Promise<void> {
    const me = this.me;
    const row = this.row;
    if (!me || !row) return;
    this._set(f.fileId, { kind: 'loading', received: 0, total: f.size });
    const progress = (received: number, total: number) => this._set(f.fileId, { kind: 'loading', received, total });
    try {
      const blob = this.load ? await this.load(f, progress) : await fileFromSpaces(me, row.heldIn, f, progress);
      if (!blob) {
        this._set(f.fileId, { kind: navigator.onLine === false ? 'offline' : 'notUploaded' });
        return;
      }
      const url = URL.createObjectURL(blob);
      this._set(f.fileId, { kind: 'ready', url });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-open="${CSS.escape(f.fileId)}"]`)?.focus();
    } catch (err) {
      this._set(f.fileId, { kind: err instanceof FileIntegrityError ? 'damaged' : 'failed' });
    }
  }

  private _state(f: TaskFileRef) {
    const s = this._states.get(f.fileId) ?? { kind: 'idle' };
    switch (s.kind) {
      case 'loading': {
        const pct = s.total ? Math.round((s.received / s.total) * 100) : 0;
        return html`<progress max="100" value=${pct} aria-label=${t('taskDetail.files.loading', { name: f.name })}></progress>
          <span class="meta" role="status">${t('taskDetail.files.percent', { percent: formatNumber(pct) })}</span>`;
      }
      case 'ready': {
        const viewable = f.contentType === 'application/pdf' || f.contentType.startsWith('image/');
        return html`<a
          class="btn"
          data-open=${f.fileId}
          href=${s.url}
          target=${viewable ? '_blank' : nothing}
          rel="noopener"
          download=${viewable ? nothing : f.name}
          >${viewable ? t('taskDetail.files.open') : t('taskDetail.files.save')}</a
        >`;
      }
      case 'idle':
        return nothing;
      default:
        return html`<p class="meta" role="status">${t(`taskDetail.files.${s.kind}`)}</p>`;
    }
  }

  override render() {
    const row = this.row;
    const files = this.files ?? (row?.task && row.state ? filesOfTask({ task: row.task, state: row.state }) : null);
    if (!files) return nothing;
    if (!files.length) return html`<p class="none">${t('taskDetail.files.none')}</p>`;
    return html`<ul>
      ${files.map((f) => {
        const s = this._states.get(f.fileId);
        const busy = s?.kind === 'loading';
        return html`<li data-file=${f.fileId}>
          <div class="file">
            ${icons.paperclip}
            <span>
              <span class="name" dir="auto">${f.name}</span>
              <span class="meta">${formatBytes(f.size)} · ${displayNameOf(this.directory, f.addedBy)} · ${formatDateTime(f.addedAt)}</span>
            </span>
            ${
              s?.kind === 'ready'
                ? nothing
                : html`<button type="button" class="btn" ?disabled=${busy} @click=${() => this._fetch(f)}>
                    ${t('taskDetail.files.get')}<span class="visually-hidden"> ${f.name}</span>
                  </button>`
            }
          </div>
          ${this._state(f)}
        </li>`;
      })}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-task-files': DkTaskFiles;
  }
}
