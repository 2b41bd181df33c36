import { LitElement, css, html, nothing, svg, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { MeResponse } from '../../model/api.ts';
import { LocaleController, formatNumber, t } from '../../i18n/i18n.ts';
import { meContext } from '../../app/context.ts';
import { navigate } from '../../app/router.ts';
import { sharedStyles } from '../../ui/shared-styles.ts';
import { icons } from '../../ui/icons.ts';
import { OutsideClickController } from '../../ui/top-bar-popup.ts';
import { type SearchService, searchService } from '../../search/service.ts';
import {
  clearRecentSearches,
  isSaved,
  recentSearches,
  rememberSearch,
  saveSearch,
  savedSearches,
  unsaveSearch,
} from '../../search/recent.ts';
import type { Ranges, SearchAnswer } from '../../search/types.ts';
import { type OptionGroup, type SearchOption, flatOptions, optionGroups } from './search-options.ts';
import './messages.ts';

const searchIcon = svg`<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" aria-hidden="true" focusable="false"><circle cx="11" cy="11" r="6.5"/><path d="m16 16 4.5 4.5"/></svg>`;

/** How long after start the index is built when the box is not used first (the page's own data goes first). */
const START_AFTER_MS = 2_000;

const isEditable = (el: EventTarget | undefined): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** `text` with `ranges` wrapped in `<mark>`. */
function marked(text: string, ranges: Ranges): TemplateResult {
  const parts: Array<string | TemplateResult> = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    parts.push(text.slice(at, s), html`<mark>${text.slice(s, e)}</mark>`);
    at = e;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}

/**
 * The one search box of the app shell (issue 6): documents, tasks, notices and people on this device, online
 * or not. A combobox with a listbox of results grouped by kind, best group first; ↑/↓ move, Enter opens, Escape
 * closes; `/` and Ctrl+K (⌘K) focus it from anywhere. On phones it is a button that opens a full-screen search.
 * Without a query it offers the saved and recent searches of this account on this device. The index lives in a
 * worker (`src/search/`); typing never waits for it: each keystroke's answer replaces the previous one.
 */
@customElement('dk-search-box')
export class DkSearchBox extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        flex: 0 1 26rem;
        min-inline-size: 0;
        position: relative;
        color: var(--dk-color-text);
      }
      .trigger {
        display: none;
        border-color: transparent;
        background: transparent;
        color: var(--dk-color-on-primary);
        padding-inline: var(--dk-space-2);
      }
      .trigger:hover {
        background: rgb(255 255 255 / 12%);
      }
      .bar {
        display: flex;
        align-items: center;
        gap: var(--dk-space-1);
      }
      .field {
        flex: 1;
        min-inline-size: 0;
        display: flex;
        align-items: center;
        gap: var(--dk-space-1);
        padding-inline: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-md);
        color: var(--dk-color-text-muted);
      }
      .field:focus-within {
        outline: 3px solid var(--dk-color-focus);
        outline-offset: 1px;
      }
      /* More specific than the shared text inputs' style: the field draws the border. */
      .field input {
        flex: 1;
        min-inline-size: 0;
        border: 0;
        border-radius: 0;
        outline: 0;
        padding-inline: var(--dk-space-1);
        background: transparent;
        font: inherit;
        color: var(--dk-color-text);
        min-block-size: var(--dk-touch-target);
      }
      /* The field draws the ring around itself (focus-within, white on the bar); the input, inside, a blue
         underline of its own rather than a second ring. */
      .field input:focus,
      .field input:focus-visible {
        outline: none;
        box-shadow: inset 0 -2px 0 var(--dk-color-primary);
      }
      input::-webkit-search-cancel-button {
        display: none;
      }
      .icon-btn {
        border-color: transparent;
        background: transparent;
        color: inherit;
        padding-inline: var(--dk-space-2);
      }
      .back {
        display: none;
      }
      .panel {
        position: absolute;
        /* The box sits towards the end of the top bar: the panel grows towards its start. */
        inset-inline-end: 0;
        inset-block-start: calc(100% + 6px);
        z-index: 25;
        inline-size: max(100%, min(36rem, calc(100vw - 320px)));
        max-block-size: calc(100dvh - var(--dk-topbar-height) - 24px);
        overflow-y: auto;
        background: var(--dk-color-surface);
        border: 1px solid var(--dk-color-border);
        border-radius: var(--dk-radius-lg);
        box-shadow: var(--dk-shadow-2);
        padding-block: var(--dk-space-2);
      }
      [role='listbox'] {
        display: grid;
        gap: var(--dk-space-2);
      }
      .group-label {
        margin: 0;
        padding: var(--dk-space-1) var(--dk-space-4);
        font-size: var(--dk-font-size-sm);
        font-weight: 700;
        color: var(--dk-color-text-muted);
        display: flex;
        justify-content: space-between;
        gap: var(--dk-space-2);
      }
      [role='option'] {
        display: grid;
        gap: 2px;
        padding: var(--dk-space-2) var(--dk-space-4);
        min-block-size: var(--dk-touch-target);
        align-content: center;
        cursor: pointer;
        border-inline-start: 3px solid transparent;
        overflow-wrap: anywhere;
      }
      [role='option'][aria-selected='true'] {
        background: var(--dk-color-primary-soft);
        border-inline-start-color: var(--dk-color-primary);
      }
      [role='option']:hover {
        background: var(--dk-color-surface-muted);
      }
      .title {
        color: var(--dk-color-text);
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
      }
      .meta {
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      .more {
        color: var(--dk-color-primary);
        font-weight: 600;
      }
      mark {
        background: #fff1b8;
        color: inherit;
        font-weight: 700;
        border-radius: 2px;
      }
      .exact {
        font-size: var(--dk-font-size-xs);
        font-weight: 700;
        color: var(--dk-color-success);
      }
      .footer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--dk-space-2);
        padding: var(--dk-space-2) var(--dk-space-4) 0;
        border-block-start: 1px solid var(--dk-color-border);
        margin-block-start: var(--dk-space-2);
        font-size: var(--dk-font-size-sm);
        color: var(--dk-color-text-muted);
      }
      .footer p {
        margin: 0;
        flex: 1 1 14rem;
      }
      .status {
        padding: var(--dk-space-2) var(--dk-space-4);
        margin: 0;
        color: var(--dk-color-text-muted);
      }
      @media (max-width: 719px) {
        :host {
          flex: 0 0 auto;
          position: static;
        }
        .trigger {
          display: inline-flex;
        }
        .box {
          display: none;
        }
        .box.expanded {
          display: flex;
          flex-direction: column;
          position: fixed;
          /* Above the bottom navigation bar, which stays (it is painted over the top bar's layer). */
          inset: 0 0 var(--dk-bottombar-height) 0;
          z-index: 40;
          background: var(--dk-color-bg);
          padding: var(--dk-space-2);
          gap: var(--dk-space-2);
        }
        .back {
          display: inline-flex;
        }
        .expanded .panel {
          position: static;
          inline-size: auto;
          max-block-size: none;
          flex: 1;
        }
      }
    `,
  ];

  @consume({ context: meContext, subscribe: true })
  @property({ attribute: false })
  me: MeResponse | null = null;

  @state() private _query = '';
  @state() private _open = false;
  /** Phones: the full-screen search is shown. */
  @state() private _expanded = false;
  @state() private _answer: SearchAnswer | null = null;
  @state() private _active = -1;
  @state() private _indexed = 0;
  @state() private _complete = false;
  @state() private _lists = { saved: [] as string[], recent: [] as string[] };

  @query('input') private _input?: HTMLInputElement;

  protected readonly _locale = new LocaleController(this);
  private _service?: SearchService;
  private _serviceFor?: MeResponse;
  private _stops: Array<() => void> = [];
  private _startTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    super();
    new OutsideClickController(this, () => {
      if (!this._expanded) this._open = false;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this._onGlobalKey);
    this._startTimer = setTimeout(() => this._ensureService(), START_AFTER_MS);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this._onGlobalKey);
    if (this._startTimer) clearTimeout(this._startTimer);
    this._unwatch();
    super.disconnectedCallback();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('me') && this._service && this.me !== this._serviceFor) {
      this._unwatch();
      this._ensureService();
    }
  }

  /** Focuses the box (opens the full-screen search on phones). */
  override focus(): void {
    this._expanded = matchMedia('(max-width: 719px)').matches;
    this._openPanel();
    void this.updateComplete.then(() => {
      this._input?.focus();
      this._input?.select();
    });
  }

  private readonly _onGlobalKey = (e: KeyboardEvent): void => {
    const target = e.composedPath()[0];
    const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(target);
    const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
    if (!slash && !ctrlK) return;
    if (document.querySelector('dialog[open]') || this._inModal()) return;
    e.preventDefault();
    this.focus();
  };

  /** A modal dialog of the shell or a page is open: the shortcut must not steal its focus. */
  private _inModal(): boolean {
    const stack: Array<Document | ShadowRoot> = [document];
    while (stack.length) {
      const root = stack.pop()!;
      if (root.querySelector('dialog[open]')) return true;
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot && el !== this) stack.push(el.shadowRoot);
    }
    return false;
  }

  private _ensureService(): SearchService | undefined {
    if (!this.me) return undefined;
    if (this._service && this._serviceFor === this.me) return this._service;
    const service = searchService(this.me);
    this._service = service;
    this._serviceFor = this.me;
    this._indexed = service.client.size;
    this._complete = service.indexer.complete;
    this._stops.push(
      service.client.onIndexed((n) => {
        this._indexed = n;
        this._rerun();
      }),
      service.client.onReady((r) => {
        this._indexed = r.size;
        this._rerun();
      }),
      service.indexer.onComplete(() => {
        this._complete = true;
        this._rerun();
      }),
    );
    return service;
  }

  private _unwatch(): void {
    for (const stop of this._stops.splice(0)) stop();
    this._service = undefined;
    this._serviceFor = undefined;
  }

  private _readLists(): void {
    const account = this.me?.name;
    this._lists = account ? { saved: savedSearches(account), recent: recentSearches(account) } : { saved: [], recent: [] };
  }

  private _openPanel(): void {
    if (!this._open) this._readLists();
    this._open = true;
    this._ensureService();
  }

  private _close(): void {
    this._open = false;
    this._expanded = false;
    this._active = -1;
  }

  /** Tab out of the box closes its popup (a click outside does too: OutsideClickController). */
  private _onFocusOut(e: FocusEvent): void {
    const to = e.relatedTarget;
    if (this._expanded || (to instanceof Node && this.renderRoot.contains(to))) return;
    this._open = false;
    this._active = -1;
  }

  private _onInput(e: Event): void {
    this._query = (e.target as HTMLInputElement).value;
    this._active = -1;
    this._openPanel();
    void this._run();
  }

  /** Runs the current query again (the index grew): keeps the selection only if nothing moved. */
  private _rerun(): void {
    if (this._open && this._query.trim()) void this._run();
  }

  private async _run(): Promise<void> {
    const q = this._query;
    const service = this._ensureService();
    if (!q.trim() || !service) {
      this._answer = null;
      return;
    }
    const answer = await service.client.search(q, { perKind: 5 });
    if (answer && answer.query === this._query) this._answer = answer;
  }

  private _groups(): OptionGroup[] {
    return optionGroups(this._query, this._answer?.query === this._query ? this._answer : null, this._lists.saved, this._lists.recent);
  }

  private _onKeydown(e: KeyboardEvent): void {
    const options = flatOptions(this._groups());
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        this._openPanel();
        if (!options.length) return;
        const step = e.key === 'ArrowDown' ? 1 : -1;
        this._active = this._active < 0 ? (step > 0 ? 0 : options.length - 1) : (this._active + step + options.length) % options.length;
        void this.updateComplete.then(() => this.renderRoot.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' }));
        return;
      }
      case 'Enter': {
        const option = options[this._active] ?? (this._query.trim() ? options[0] : undefined);
        if (!option) return;
        e.preventDefault();
        this._choose(option);
        return;
      }
      case 'Escape':
        if (this._open || this._expanded) {
          e.preventDefault();
          e.stopPropagation();
          this._close();
        } else if (this._query) {
          e.preventDefault();
          this._query = '';
          this._answer = null;
        }
        return;
      case 'Home':
      case 'End':
        return;
    }
  }

  private _choose(option: SearchOption): void {
    if (option.type === 'query') {
      this._query = option.query;
      this._active = -1;
      void this._run();
      this._input?.focus();
      return;
    }
    if (this.me) rememberSearch(this.me.name, this._query);
    const path = option.type === 'hit' ? option.hit.item.path : option.path;
    this._close();
    this._input?.blur();
    navigate(path);
  }

  private _toggleSaved(): void {
    const account = this.me?.name;
    const q = this._query.trim();
    if (!account || !q) return;
    if (isSaved(account, q)) unsaveSearch(account, q);
    else saveSearch(account, q);
    this._readLists();
  }

  private _clearRecent(): void {
    if (!this.me) return;
    clearRecentSearches(this.me.name);
    this._readLists();
    this._input?.focus();
  }

  override render() {
    if (!this.me) return nothing;
    const groups = this._open ? this._groups() : [];
    const options = flatOptions(groups);
    const active = options[this._active];
    const listOpen = this._open && (groups.length > 0 || !!this._query.trim());
    return html`<button
        class="btn trigger"
        aria-label=${t('search.open')}
        title=${t('search.open')}
        aria-expanded=${this._expanded ? 'true' : 'false'}
        @click=${() => this.focus()}
      >
        ${searchIcon}
      </button>
      <div
        class="box ${this._expanded ? 'expanded' : ''}"
        role=${this._expanded ? 'search' : nothing}
        @focusin=${() => this._openPanel()}
        @focusout=${this._onFocusOut}
      >
        <div class="bar" role=${this._expanded ? nothing : 'search'}>
          <button class="btn icon-btn back" aria-label=${t('search.close')} @click=${() => this._close()}>${icons.back}</button>
          <div class="field">
            ${searchIcon}
            <input
              type="search"
              role="combobox"
              autocomplete="off"
              spellcheck="false"
              enterkeyhint="search"
              aria-label=${t('search.label')}
              placeholder=${t('search.placeholder')}
              aria-autocomplete="list"
              aria-expanded=${listOpen ? 'true' : 'false'}
              aria-controls="search-results"
              aria-activedescendant=${active ? active.id : nothing}
              .value=${this._query}
              @input=${this._onInput}
              @keydown=${this._onKeydown}
            />
            ${
              this._query
                ? html`<button
                    class="btn icon-btn"
                    aria-label=${t('search.clear')}
                    @click=${() => {
                      this._query = '';
                      this._answer = null;
                      this._input?.focus();
                    }}
                  >
                    ${icons.close}
                  </button>`
                : nothing
            }
          </div>
        </div>
        ${this._open ? this._renderPanel(groups, listOpen) : nothing}
      </div>`;
  }

  private _renderPanel(groups: OptionGroup[], listOpen: boolean) {
    const q = this._query.trim();
    const answer = this._answer?.query === this._query ? this._answer : null;
    const total = answer ? answer.groups.reduce((n, g) => n + g.total, 0) : 0;
    const status = !q
      ? ''
      : !answer
        ? ''
        : total === 0
          ? t('search.none', { query: q })
          : `${t('search.count', { count: total })}${answer.fuzzy ? ` — ${t('search.fuzzy')}` : ''}`;
    let index = 0;
    return html`<div class="panel">
      <div id="search-results" role="listbox" aria-label=${t('search.results')} ?hidden=${!listOpen || !groups.length}>
        ${groups.map(
          (g) =>
            html`<div role="group" aria-label=${this._groupLabel(g)}>
              <p class="group-label" aria-hidden="true">
                <span>${this._groupLabel(g)}</span>
                ${'kind' in g.label && answer ? html`<span>${formatNumber(answer.groups.find((x) => x.kind === g.key)?.total ?? 0)}</span>` : nothing}
              </p>
              ${g.options.map((o) => this._renderOption(o, index++))}
            </div>`,
        )}
      </div>
      ${!this._complete ? html`<p class="status">${t('search.indexing', { count: this._indexed })}</p>` : nothing}
      <div class="footer">
        <p role="status">${status || (q ? '' : t('search.hint'))}</p>
        ${
          q
            ? html`<button class="btn" aria-pressed=${this.me && isSaved(this.me.name, q) ? 'true' : 'false'} @click=${this._toggleSaved}>
                ${this.me && isSaved(this.me.name, q) ? t('search.unsave', { query: q }) : t('search.save')}
              </button>`
            : this._lists.recent.length
              ? html`<button class="btn" @click=${this._clearRecent}>${t('search.clearRecent')}</button>`
              : nothing
        }
      </div>
    </div>`;
  }

  private _groupLabel(g: OptionGroup): string {
    return 'kind' in g.label ? t(`search.group.${g.label.kind}`) : t(`search.${g.label.list}`);
  }

  private _renderOption(o: SearchOption, i: number) {
    const selected = i === this._active;
    const body =
      o.type === 'hit'
        ? html`<span class="title" lang="vi" dir="auto">${marked(o.hit.item.title, o.hit.title)}</span> ${
              o.hit.item.meta || o.hit.exact
                ? html`<span class="meta" dir="auto"
                    >${o.hit.exact ? html`<span class="exact">${t('search.exact')} · </span>` : nothing}<span lang="vi" dir="auto"
                      >${marked(o.hit.item.meta, o.hit.meta)}</span
                    ></span
                  >`
                : nothing
            }`
        : o.type === 'more'
          ? html`<span class="more">${t(`search.more.${o.kind}`, { count: o.total })}</span>`
          : html`<span class="title" lang="vi" dir="auto">${o.query}</span>`;
    return html`<div
      role="option"
      id=${o.id}
      aria-selected=${selected ? 'true' : 'false'}
      @mousedown=${(e: Event) => e.preventDefault()}
      @click=${() => this._choose(o)}
      @mousemove=${() => {
        if (!selected) this._active = i;
      }}
    >
      ${body}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-search-box': DkSearchBox;
  }
}
