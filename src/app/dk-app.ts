import { LitElement, css, html, nothing, type SVGTemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import type { MeResponse } from '../model/api.ts';
import { hasRole } from '../model/roles.ts';
import { type Locale, formatNumber, getLocale, subscribeLocale, t } from '../i18n/i18n.ts';
import '../i18n/messages.ts';
import { icons } from '../ui/icons.ts';
import { sharedStyles } from '../ui/shared-styles.ts';
import { hasUnsavedInput } from '../ui/unsaved.ts';
import { trapTab } from '../ui/focus.ts';
import { localeContext, meContext, syncContext } from './context.ts';
import { type Route, type RouteName, DEFAULT_PATH, currentRoute, interceptLinks, navigate, sectionOf, subscribeRoute } from './router.ts';
import { type PwaState, promptInstall, pwaState, reloadForUpdate, subscribePwa } from './pwa.ts';
import type { SyncSnapshot } from './backend.ts';
import type * as BackendModule from './backend.ts';
import './dk-user-menu.ts';
import '../ui/dk-empty-state.ts';

type Backend = typeof BackendModule;

/** Lazily loaded pages: the first script stays small; each feature arrives when first visited. */
const PAGE_LOADERS: Record<Exclude<RouteName, 'notFound'>, () => Promise<unknown>> = {
  notices: () => import('../features/notices/dk-notices-page.ts'),
  notice: () => import('../features/notices/dk-notices-page.ts'),
  // One chunk for the documents feature: the list page imports the detail, forms, registers and report.
  documents: () => import('../features/documents/dk-documents-page.ts'),
  document: () => import('../features/documents/dk-documents-page.ts'),
  newIncoming: () => import('../features/documents/dk-documents-page.ts'),
  newDraft: () => import('../features/documents/dk-documents-page.ts'),
  documentRegisters: () => import('../features/documents/dk-documents-page.ts'),
  documentReport: () => import('../features/documents/dk-documents-page.ts'),
  // One chunk for the tasks feature, like documents: the page shell imports the list, board, calendar, detail, forms.
  tasks: () => import('../features/tasks/dk-tasks-page.ts'),
  task: () => import('../features/tasks/dk-tasks-page.ts'),
  newTask: () => import('../features/tasks/dk-tasks-page.ts'),
  taskBoard: () => import('../features/tasks/dk-tasks-page.ts'),
  taskCalendar: () => import('../features/tasks/dk-tasks-page.ts'),
  taskStats: () => import('../features/tasks/dk-tasks-page.ts'),
  taskDigest: () => import('../features/tasks/dk-tasks-page.ts'),
  // One chunk for the schedule: the shell imports the week table, the entry, its form.
  schedule: () => import('../features/schedule/dk-schedule-page.ts'),
  newEvent: () => import('../features/schedule/dk-schedule-page.ts'),
  event: () => import('../features/schedule/dk-schedule-page.ts'),
  editEvent: () => import('../features/schedule/dk-schedule-page.ts'),
  messages: () => import('../features/messages/dk-messages-page.ts'),
  conversation: () => import('../features/messages/dk-messages-page.ts'),
  notifications: () => import('../features/notifications/dk-notifications-page.ts'),
  settings: () => import('../features/settings/dk-settings-page.ts'),
  hub: () => import('../features/hub/dk-hub-page.ts'),
  admin: () => import('../features/admin/dk-admin-page.ts'),
  signIn: () => import('../features/auth/dk-sign-in-page.ts'),
};

interface NavItem {
  route: RouteName;
  path: string;
  label: string;
  short: string;
  icon: SVGTemplateResult;
  /** Phones show it in the user menu instead of the bottom bar. */
  desktopOnly?: boolean;
}

/**
 * The application shell: provides the current user, the sync snapshot and the locale through
 * `@lit/context`, routes between lazily loaded pages, and owns the top bar (sync badge, install,
 * account menu), the navigation (side rail on desktops, bottom bar on phones), the update prompt,
 * the session-expired banner and the sign-out dialog.
 */
@customElement('dk-app')
export class DkApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-block-size: 100vh;
        min-block-size: 100dvh;
      }
      .skip {
        position: absolute;
        border: 2px solid var(--dk-color-primary);
        font: inherit;
        cursor: pointer;
        inset-inline-start: var(--dk-space-2);
        inset-block-start: -100px;
        z-index: 100;
        padding: var(--dk-space-3) var(--dk-space-4);
        background: var(--dk-color-surface);
        color: var(--dk-color-primary);
        border-radius: var(--dk-radius-md);
        font-weight: 700;
      }
      .skip:focus {
        inset-block-start: var(--dk-space-2);
        outline-color: var(--dk-color-focus);
      }
      .layout {
        display: grid;
        grid-template-columns: var(--dk-rail-width) minmax(0, 1fr);
        grid-template-rows: var(--dk-topbar-height) 1fr;
        grid-template-areas: 'top top' 'nav main';
        min-block-size: 100vh;
        min-block-size: 100dvh;
      }
      header {
        grid-area: top;
        position: sticky;
        inset-block-start: 0;
        z-index: 10;
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        padding-inline: var(--dk-space-3);
        background: var(--dk-color-primary);
        color: var(--dk-color-on-primary);
        box-shadow: var(--dk-shadow-1);
      }
      .brand {
        /* The brand gives way first when the bar is crowded (360 px phone, large text, a pending count). */
        flex: 0 1 auto;
        min-inline-size: 0;
        overflow: hidden;
        display: flex;
        align-items: center;
        gap: var(--dk-space-2);
        min-block-size: var(--dk-touch-target);
        padding-inline: var(--dk-space-1);
        color: inherit;
        text-decoration: none;
        border-radius: var(--dk-radius-md);
      }
      .brand img {
        /* Last to give way: in a very crowded bar (large text, a long sync state and the reminders count) the logo
           shrinks rather than being cut. */
        flex: 0 1 32px;
        min-inline-size: 0;
        object-fit: contain;
        inline-size: 32px;
        block-size: 32px;
        border-radius: 8px;
        background: #fff;
      }
      .brand strong {
        font-size: var(--dk-font-size-lg);
        letter-spacing: 0.01em;
        min-inline-size: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .brand .sub {
        font-size: var(--dk-font-size-sm);
        opacity: 0.9;
        padding-inline-start: var(--dk-space-2);
        border-inline-start: 1px solid rgb(255 255 255 / 40%);
      }
      header :focus-visible {
        outline-color: #fff;
      }
      header {
        /* Focus rings inside the top bar's elements (sync badge, account menu) are white on blue. */
        --dk-color-focus: #fff;
      }
      .spacer {
        flex: 1;
      }
      .install {
        border-color: rgb(255 255 255 / 60%);
        background: transparent;
        color: inherit;
      }
      .install:hover {
        background: rgb(255 255 255 / 12%);
      }
      .badge-slot {
        display: flex;
        align-items: center;
        min-block-size: var(--dk-touch-target);
      }
      nav {
        grid-area: nav;
        position: sticky;
        inset-block-start: var(--dk-topbar-height);
        align-self: start;
        block-size: calc(100dvh - var(--dk-topbar-height));
        padding: var(--dk-space-3) var(--dk-space-2);
        background: var(--dk-color-surface);
        border-inline-end: 1px solid var(--dk-color-border);
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--dk-space-1);
      }
      nav a {
        display: flex;
        align-items: center;
        gap: var(--dk-space-3);
        min-block-size: var(--dk-touch-target);
        padding-inline: var(--dk-space-3);
        border-radius: var(--dk-radius-md);
        color: var(--dk-color-text);
        text-decoration: none;
        font-weight: 500;
      }
      nav a:hover {
        background: var(--dk-color-surface-muted);
      }
      nav a[aria-current='page'] {
        background: var(--dk-color-primary-soft);
        color: var(--dk-color-primary);
        font-weight: 700;
        box-shadow: inset 3px 0 0 var(--dk-color-primary);
      }
      :host(:dir(rtl)) nav a[aria-current='page'] {
        box-shadow: inset -3px 0 0 var(--dk-color-primary);
      }
      nav .short {
        display: none;
      }
      nav .icon {
        position: relative;
        display: inline-flex;
      }
      /* Documents waiting for the person's action: a count on the icon (rail and bottom bar alike). */
      nav .count {
        position: absolute;
        inset-block-start: -6px;
        inset-inline-end: -10px;
        min-inline-size: 20px;
        block-size: 20px;
        padding-inline: 5px;
        border-radius: 999px;
        background: var(--dk-color-accent);
        color: #fff;
        font-size: 0.6875rem;
        font-weight: 700;
        line-height: 20px;
        text-align: center;
        box-shadow: 0 0 0 2px var(--dk-color-surface);
      }
      main {
        grid-area: main;
        min-inline-size: 0;
        padding: var(--dk-space-5);
        outline: none;
      }
      .content {
        max-inline-size: var(--dk-content-max);
        margin-inline: auto;
        display: grid;
        gap: var(--dk-space-4);
      }
      .banner .grow {
        flex: 1 1 16rem;
        margin: 0;
      }
      .page-skeleton {
        display: grid;
        gap: var(--dk-space-3);
      }
      .page-skeleton .skeleton {
        block-size: 72px;
      }
      .page-skeleton .skeleton.title {
        block-size: 32px;
        inline-size: 40%;
      }
      dialog.sync header {
        position: static;
        box-shadow: none;
        background: none;
        color: inherit;
        justify-content: space-between;
        padding: var(--dk-space-3) var(--dk-space-4);
        border-block-end: 1px solid var(--dk-color-border);
      }
      dialog.sync .panel {
        padding: var(--dk-space-4);
      }
      @media (max-width: 839px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
          grid-template-areas: 'top' 'main';
        }
        .brand .sub {
          display: none;
        }
        header {
          /* Spacing in pixels, not rem: with large text (150 %) the bar's five controls alone fill 360 px. */
          gap: min(var(--dk-space-2), 8px);
          padding-inline: min(var(--dk-space-3), 12px);
        }
        nav {
          position: fixed;
          inset-inline: 0;
          inset-block: auto 0;
          z-index: 10;
          block-size: auto;
          padding: 0;
          padding-block-end: env(safe-area-inset-bottom);
          border-inline-end: none;
          border-block-start: 1px solid var(--dk-color-border);
          box-shadow: 0 -2px 8px rgb(16 24 40 / 8%);
        }
        nav ul {
          grid-auto-flow: column;
          grid-auto-columns: minmax(0, 1fr);
          gap: 0;
        }
        nav li.desktop-only {
          display: none;
        }
        nav a {
          flex-direction: column;
          justify-content: center;
          gap: 2px;
          min-block-size: var(--dk-bottombar-height);
          padding-inline: 2px;
          border-radius: 0;
          font-size: var(--dk-font-size-xs);
          text-align: center;
          white-space: nowrap;
        }
        /* With large text (the column is narrower than ~6 characters) the bar shows icons only; every
           link keeps its name in aria-label, and the current page keeps its marker. */
        nav li {
          container-type: inline-size;
          font-size: var(--dk-font-size-xs);
        }
        @container (max-width: 5.9em) {
          nav li a .short {
            display: none;
          }
        }
        nav a[aria-current='page'] {
          font-weight: 600;
        }
        nav a[aria-current='page'],
        :host(:dir(rtl)) nav a[aria-current='page'] {
          box-shadow: inset 0 3px 0 var(--dk-color-primary);
        }
        nav .long {
          display: none;
        }
        nav .short {
          display: block;
        }
        main {
          padding: var(--dk-space-4) var(--dk-space-3);
          padding-block-end: calc(var(--dk-bottombar-height) + var(--dk-space-5) + env(safe-area-inset-bottom));
        }
        .install .label {
          display: none;
        }
      }
      @media (max-width: 599px) {
        /* A phone's bar has no room for it (360 px, large text): the account menu offers "Install app". */
        .install {
          display: none;
        }
      }
      /* Printing (the registers): only the page itself, full width. */
      @media print {
        .layout {
          display: block;
          min-block-size: 0;
        }
        header,
        nav,
        .skip,
        .banner {
          display: none !important;
        }
        main {
          padding: 0;
        }
        .content {
          max-inline-size: none;
        }
      }
      .signin-only {
        min-block-size: 100dvh;
      }
      .forced-password {
        display: grid;
        gap: var(--dk-space-4);
        inline-size: min(30rem, 100% - 2 * var(--dk-space-3));
        margin: max(var(--dk-space-6), 8vh) auto var(--dk-space-4);
        padding: var(--dk-space-5);
        background: var(--dk-color-surface);
        border-radius: var(--dk-radius-lg);
        box-shadow: var(--dk-shadow-2);
      }
      .forced-password h1 {
        font-size: var(--dk-font-size-xl);
        margin: 0;
      }
      .forced-password p {
        margin: 0;
      }
      .forced-password > .btn {
        justify-self: start;
      }
      .boot {
        display: grid;
        place-content: center;
        min-block-size: 60vh;
        gap: var(--dk-space-3);
        text-align: center;
      }
    `,
  ];

  @provide({ context: meContext }) @state() private _me: MeResponse | null = null;
  @provide({ context: syncContext }) @state() private _snapshot?: SyncSnapshot;
  @provide({ context: localeContext }) @state() protected _locale: Locale = getLocale();

  @state() private _route: Route = currentRoute();
  @state() private _ready = false;
  @state() private _bootError = false;
  @state() private _pwa: PwaState = pwaState();
  @state() private _updateDismissed = false;
  @state() private _updateConfirm = false;
  @state() private _sessionExpired = false;
  @state() private _loadedPages = new Set<RouteName>();
  @state() private _pageError: RouteName | null = null;
  @state() private _signOutOpen = false;
  @state() private _forcedLoaded = false;
  /** Documents waiting for this person's action (the badge on "Documents"). */
  @state() private _documentCount = 0;
  @state() private _messageCount = 0;

  @query('main') private _main?: HTMLElement;
  @query('dialog.sync') private _syncDialog?: HTMLDialogElement;

  private _backend?: Backend;
  private _stops: Array<() => void> = [];
  private _syncFocusReturn?: HTMLElement;
  private _routeChangedByUser = false;
  private _stopDocumentCount?: () => void;
  private _stopMessageCount?: () => void;
  private _documentCountKey = '';
  private _remindersLoaded = false;
  private _searchLoaded = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this._stops.push(
      subscribeRoute((route) => {
        this._route = route;
        this._routeChangedByUser = true;
        this._afterRouteChange();
      }),
      interceptLinks(this.renderRoot),
      subscribePwa((s) => (this._pwa = s)),
      subscribeLocale(() => {
        this._locale = getLocale();
        this._updateTitle();
      }),
    );
    // The account (roles, spaces) is re-read when the network returns and when the app comes back
    // to the foreground, so a move between units or an expired session shows up without a reload.
    const onOnline = (): void => void this._refreshSession();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void this._refreshSession();
    };
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisible);
    this._stops.push(
      () => window.removeEventListener('online', onOnline),
      () => document.removeEventListener('visibilitychange', onVisible),
    );
    void this._boot();
    this._afterRouteChange();
  }

  override disconnectedCallback(): void {
    for (const stop of this._stops.splice(0)) stop();
    this._watchDocumentCount(null);
    super.disconnectedCallback();
  }

  /** Loads the data layer, opens the app at once with the cached account, then checks the session. */
  private async _boot(): Promise<void> {
    try {
      this._backend = await import('./backend.ts');
    } catch (err) {
      console.error('Could not load the data layer', err);
      this._bootError = true;
      return;
    }
    const b = this._backend;
    this._snapshot = b.syncService.snapshot();
    this._stops.push(
      b.syncService.subscribe((s) => (this._snapshot = s)),
      b.subscribeMe((me) => this._setMe(me)),
    );
    this._setMe(b.getCachedMe());
    this._ready = true;
    this._guard();
    if (this._me) void this._refreshSession();
  }

  private _setMe(me: MeResponse | null): void {
    const b = this._backend;
    const prev = this._me;
    this._me = me;
    if (!b) return;
    // `start` is idempotent and handles a change of account; sign-out stops sync in the data layer.
    // Nothing syncs while a one-time password is to be replaced (the server refuses it anyway).
    if (me && !me.mustChangePassword && (prev?.name !== me.name || prev.mustChangePassword)) b.syncService.start(me);
    this._watchDocumentCount(me);
    // The reminders bell (tasks) loads after sign-in, in its own chunk: not in the first paint, not the tasks screens.
    // The search box (issue 6) likewise: its own chunk, and its worker starts once the page is up.
    if (me && !this._searchLoaded) {
      this._searchLoaded = true;
      import('../features/search/dk-search-box.ts').catch((err: unknown) => {
        this._searchLoaded = false;
        console.warn('Could not load the search box', err);
      });
    }
    if (me && !this._remindersLoaded) {
      this._remindersLoaded = true;
      import('../features/tasks/dk-task-reminders.ts').catch((err: unknown) => {
        this._remindersLoaded = false;
        console.warn('Could not load the reminders', err);
      });
    }
    this._guard();
  }

  /** One live count for the navigation badge, restarted when the account, its roles or its spaces change. */
  private _watchDocumentCount(me: MeResponse | null): void {
    const key = me ? `${me.name}|${me.roles.join(',')}|${me.spaces.map((s) => s.db).join(',')}` : '';
    if (key === this._documentCountKey) return;
    this._documentCountKey = key;
    this._stopDocumentCount?.();
    this._stopDocumentCount = undefined;
    this._documentCount = 0;
    this._stopMessageCount?.();
    this._stopMessageCount = undefined;
    this._messageCount = 0;
    if (!me) return;
    import('../features/documents/nav-count.ts').then(
      ({ watchActionCount }) => {
        if (this._documentCountKey !== key) return;
        this._stopDocumentCount = watchActionCount(me, (count) => {
          if (this._documentCountKey === key) this._documentCount = count;
        });
      },
      (err: unknown) => console.warn('Could not load the documents count', err),
    );
    import('../features/messages/nav-count.ts').then(
      ({ watchUnreadMessages }) => {
        if (this._documentCountKey !== key) return;
        this._stopMessageCount = watchUnreadMessages(me, (count) => {
          if (this._documentCountKey === key) this._messageCount = count;
        });
      },
      (err: unknown) => console.warn('Could not load the messages count', err),
    );
  }

  /** The badge number of a navigation item: documents to act on, unread messages. */
  private _countOf(item: NavItem): number {
    return item.route === 'documents' ? this._documentCount : item.route === 'messages' ? this._messageCount : 0;
  }

  private async _refreshSession(): Promise<void> {
    if (!this._backend || !this._me) return;
    try {
      const result = await this._backend.refreshMe();
      if (result === 'unauthorized') this._sessionExpired = true;
      else if (result === 'ok') this._sessionExpired = false;
    } catch (err) {
      console.warn('Session check failed', err);
    }
  }

  /** Without an account, every route but /sign-in leads to /sign-in (remembering where to go next). */
  private _guard(): void {
    if (!this._ready) return;
    if (!this._me && this._route.name !== 'signIn') {
      const here = location.pathname + location.search;
      const next = here === '/' || here === DEFAULT_PATH ? '' : `?next=${encodeURIComponent(here)}`;
      navigate(`/sign-in${next}`, { replace: true });
    } else if (location.pathname === '/') {
      navigate(DEFAULT_PATH, { replace: true });
    }
  }

  private _afterRouteChange(): void {
    this._pageError = null;
    this._updateTitle();
    this._guard();
    void this._ensurePage(this._route.name);
    if (this._routeChangedByUser) {
      void this.updateComplete.then(() => this._main?.focus({ preventScroll: true }));
      window.scrollTo({ top: 0 });
    }
  }

  private async _ensurePage(name: RouteName): Promise<void> {
    if (name === 'notFound' || this._loadedPages.has(name)) return;
    try {
      await PAGE_LOADERS[name]();
      this._loadedPages = new Set([...this._loadedPages, name]);
    } catch (err) {
      console.error('Could not load page', name, err);
      if (this._route.name === name) this._pageError = name;
    }
  }

  private _updateTitle(): void {
    const labels: Partial<Record<RouteName, string>> = {
      notices: 'nav.notices',
      notice: 'nav.notices',
      documents: 'nav.documents',
      document: 'nav.documents',
      newIncoming: 'nav.documents',
      newDraft: 'nav.documents',
      documentRegisters: 'nav.documents',
      documentReport: 'nav.documents',
      tasks: 'nav.tasks',
      task: 'nav.tasks',
      newTask: 'nav.tasks',
      taskBoard: 'nav.tasks',
      taskCalendar: 'nav.tasks',
      taskStats: 'nav.tasks',
      taskDigest: 'nav.tasks',
      schedule: 'nav.schedule',
      newEvent: 'nav.schedule',
      event: 'nav.schedule',
      editEvent: 'nav.schedule',
      messages: 'nav.messages',
      conversation: 'nav.messages',
      notifications: 'nav.notifications',
      settings: 'nav.settings',
      hub: 'nav.settings',
      admin: 'nav.admin',
      signIn: 'nav.signIn',
    };
    const key = labels[this._route.name];
    document.title = key ? `${t(key)} · ${t('app.name')}` : t('app.fullName');
  }

  private _navItems(): NavItem[] {
    return [
      { route: 'notices', path: '/notices', label: t('nav.notices'), short: t('nav.notices'), icon: icons.notices },
      { route: 'documents', path: '/documents', label: t('nav.documents'), short: t('nav.documents'), icon: icons.documents },
      { route: 'tasks', path: '/tasks', label: t('nav.tasks'), short: t('nav.tasks'), icon: icons.tasks },
      { route: 'schedule', path: '/schedule', label: t('nav.schedule'), short: t('nav.scheduleShort'), icon: icons.schedule },
      { route: 'messages', path: '/messages', label: t('nav.messages'), short: t('nav.messages'), icon: icons.messages },
      { route: 'settings', path: '/settings', label: t('nav.settings'), short: t('nav.settings'), icon: icons.settings, desktopOnly: true },
      // Administrators manage the system; leaders read its audit log there.
      ...(this._me && (hasRole(this._me, 'admin') || hasRole(this._me, 'leader'))
        ? [{ route: 'admin' as const, path: '/admin', label: t('nav.admin'), short: t('nav.admin'), icon: icons.admin, desktopOnly: true }]
        : []),
    ];
  }

  private _isCurrent(item: NavItem): boolean {
    return item.route === sectionOf(this._route);
  }

  // --- Events -----------------------------------------------------------------------------------

  private _onSignedIn(e: CustomEvent<{ me: MeResponse; next?: string }>): void {
    this._sessionExpired = false;
    this._setMe(e.detail.me);
    const next = e.detail.next && e.detail.next.startsWith('/') && !e.detail.next.startsWith('//') ? e.detail.next : DEFAULT_PATH;
    navigate(next, { replace: true });
  }

  /**
   * A new password ends every session of the account on the server, this one too: sign in again with
   * it at once (which also clears "must change password" and starts sync after a one-time password).
   */
  private async _onPasswordChanged(e: CustomEvent<{ password: string }>): Promise<void> {
    const me = this._me;
    if (!me) return;
    try {
      const { signIn } = await import('../data/session.ts');
      this._setMe(await signIn(me.name, e.detail.password));
    } catch (err) {
      console.warn('Signing in with the new password failed', err);
      this._sessionExpired = true;
    }
  }

  private async _onRequestSignOut(): Promise<void> {
    await import('../features/auth/dk-sign-out-dialog.ts');
    this._signOutOpen = true;
  }

  private async _onConfirmSignOut(e: CustomEvent<{ eraseLocalData: boolean }>): Promise<void> {
    const b = this._backend;
    if (!b) return;
    const dialog = e.target as HTMLElement & { busy: boolean; failed: boolean };
    dialog.busy = true;
    // The count's live query must not read the spaces that sign-out is erasing.
    this._watchDocumentCount(null);
    try {
      const account = this._me?.name;
      await b.signOut({ eraseLocalData: e.detail.eraseLocalData });
      // The search snapshot holds summaries and names: it does not outlive the session on this device.
      if (account) await import('../search/service.ts').then((m) => m.eraseSearch(account)).catch(() => undefined);
      this._signOutOpen = false;
      this._sessionExpired = false;
      this._me = null;
      navigate('/sign-in', { replace: true });
    } catch (err) {
      console.error('Sign-out failed', err);
      dialog.failed = true;
      this._watchDocumentCount(this._me);
    } finally {
      dialog.busy = false;
    }
  }

  /** "Sync now" also re-reads the account: new spaces start syncing, lost ones leave the device. */
  private _onSyncNow(): void {
    this._backend?.syncService.syncNow();
    void this._refreshSession();
  }

  private _onOpenSyncPanel(e: Event): void {
    this._syncFocusReturn = e.composedPath()[0] as HTMLElement;
    this._syncDialog?.showModal();
  }

  private _onSyncDialogClose(): void {
    this._syncFocusReturn?.focus();
  }

  private _onUpdateReload(force: boolean): void {
    if (!force && hasUnsavedInput()) {
      this._updateConfirm = true;
      return;
    }
    reloadForUpdate();
  }

  // --- Rendering --------------------------------------------------------------------------------

  override render() {
    if (this._route.name === 'signIn') {
      return html`<div class="signin-only">
        ${
          this._loadedPages.has('signIn')
            ? html`<dk-sign-in-page
                .next=${new URLSearchParams(location.search).get('next') ?? ''}
                .returning=${this._me !== null}
                @dk-signed-in=${this._onSignedIn}
              ></dk-sign-in-page>`
            : this._pageError
              ? this._renderPageError()
              : html`<div class="boot" role="status">${t('shell.loading')}</div>`
        }
      </div>`;
    }
    if (this._me?.mustChangePassword) return this._renderForcedPasswordChange(this._me);
    return html`<div class="layout" @dk-password-changed=${this._onPasswordChanged}>
        ${this._renderTopBar()} ${this._renderNav()}
        <main id="main" tabindex="-1">
          <div class="content">${this._renderBanners()} ${this._renderPage()}</div>
        </main>
      </div>
      <dialog class="sync" aria-labelledby="sync-title" @close=${this._onSyncDialogClose} @keydown=${trapTab}>
        <header>
          <h2 id="sync-title">${t('shell.syncTitle')}</h2>
          <button class="btn ghost" aria-label=${t('common.close')} @click=${() => this._syncDialog?.close()}>${icons.close}</button>
        </header>
        <div class="panel">
          ${
            this._snapshot && this._ready
              ? html`<dk-sync-panel
                  .snapshot=${this._snapshot}
                  @dk-sync-now=${this._onSyncNow}
                  @dk-discard-rejected=${(e: CustomEvent<{ id: string; spaceDb: string }>) =>
                    void this._backend?.syncService.discardRejected(e.detail.id, e.detail.spaceDb)}
                ></dk-sync-panel>`
              : nothing
          }
        </div>
      </dialog>
      ${
        this._signOutOpen
          ? html`<dk-sign-out-dialog
              open
              .pendingLocal=${this._snapshot?.pendingLocal ?? 0}
              @dk-confirm-sign-out=${this._onConfirmSignOut}
              @dk-dialog-closed=${() => (this._signOutOpen = false)}
            ></dk-sign-out-dialog>`
          : nothing
      }`;
  }

  private _skipToMain(): void {
    this._main?.focus();
  }

  private _renderTopBar() {
    return html`<header>
      <button class="skip" @click=${this._skipToMain}>${t('shell.skipToContent')}</button>
      <a class="brand" href="/notices" aria-label=${t('app.fullName')}>
        <img src="/favicon.svg" alt="" width="32" height="32" />
        <strong dir="ltr">${t('app.name')}</strong>
        <span class="sub">${t('app.tagline')}</span>
      </a>
      <div class="spacer"></div>
      ${this._me ? html`<dk-search-box></dk-search-box>` : nothing}
      ${
        this._pwa.canInstall
          ? html`<button class="btn install" title=${t('shell.installHint')} @click=${() => void promptInstall()}>
              ${icons.install}<span class="label">${t('shell.install')}</span>
            </button>`
          : nothing
      }
      ${
        this._ready && this._snapshot
          ? html`<div class="badge-slot">
              <dk-sync-badge .snapshot=${this._snapshot} @dk-open-sync-panel=${this._onOpenSyncPanel}></dk-sync-badge>
            </div>`
          : nothing
      }
      ${this._me ? html`<dk-task-reminders></dk-task-reminders>` : nothing}
      ${
        this._me
          ? html`<dk-user-menu
              .displayName=${this._me.displayName}
              .accountName=${this._me.name}
              .admin=${hasRole(this._me, 'admin') || hasRole(this._me, 'leader')}
              .canInstall=${this._pwa.canInstall}
              @dk-request-install=${() => void promptInstall()}
              @dk-request-sign-out=${this._onRequestSignOut}
            ></dk-user-menu>`
          : nothing
      }
    </header>`;
  }

  private _renderNav() {
    return html`<nav aria-label=${t('nav.label')}>
      <ul>
        ${this._navItems().map(
          (item) =>
            html`<li class=${item.desktopOnly ? 'desktop-only' : ''}>
              <a href=${item.path} aria-label=${this._navLabel(item)} aria-current=${this._isCurrent(item) ? 'page' : 'false'}>
                <span class="icon">${item.icon}${this._renderCount(item)}</span><span class="long">${item.label}</span
                ><span class="short" aria-hidden="true">${item.short}</span>
              </a>
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  private _navLabel(item: NavItem): string {
    const n = this._countOf(item);
    if (n === 0) return item.label;
    return item.route === 'messages'
      ? `${item.label}, ${t('messages.unreadCount', { count: formatNumber(n) })}`
      : `${item.label}, ${t('documents.nav.count', { count: n })}`;
  }

  private _renderCount(item: NavItem) {
    const n = this._countOf(item);
    if (n === 0) return nothing;
    return html`<span class="count" aria-hidden="true">${n > 99 ? '99+' : formatNumber(n)}</span>`;
  }

  private _renderBanners() {
    const needsSignIn = this._sessionExpired || this._snapshot?.overall === 'needsSignIn';
    const showUpdate = this._pwa.updateWaiting && !this._updateDismissed;
    return html`${
      showUpdate
        ? html`<div class="banner info" role="status">
            ${icons.info}
            <p class="grow">${this._updateConfirm ? t('shell.updateUnsaved') : t('shell.updateReady')}</p>
            <button class="btn primary" @click=${() => this._onUpdateReload(this._updateConfirm)}>
              ${this._updateConfirm ? t('shell.updateReloadAnyway') : t('shell.updateReload')}
            </button>
            <button
              class="btn ghost"
              @click=${() => {
                this._updateDismissed = true;
                this._updateConfirm = false;
              }}
            >
              ${t('shell.updateLater')}
            </button>
          </div>`
        : nothing
    }
    ${
      needsSignIn && this._me
        ? html`<div class="banner warning" role="status">
            ${icons.warning}
            <p class="grow">${t('shell.sessionExpired')}</p>
            <a class="btn" href=${`/sign-in?next=${encodeURIComponent(location.pathname)}`}>${t('shell.signInAgain')}</a>
          </div>`
        : nothing
    }`;
  }

  /** After a sign-in with a one-time password: nothing but choosing one's own (or signing out). */
  private _renderForcedPasswordChange(me: MeResponse) {
    if (!this._forcedLoaded) {
      void import('../features/settings/dk-change-password.ts').then(() => (this._forcedLoaded = true));
      return html`<div class="signin-only"><div class="boot" role="status">${t('shell.loading')}</div></div>`;
    }
    return html`<div class="signin-only">
      <main class="forced-password" @dk-password-changed=${this._onPasswordChanged}>
        <h1>${t('password.forced.title')}</h1>
        <p>${t('password.forced.hint')}</p>
        <dk-change-password .account=${me.name} .submitLabel=${t('password.submit')}></dk-change-password>
        <button class="btn ghost" @click=${this._onRequestSignOut}>${t('password.forced.signOut')}</button>
      </main>
      ${
        this._signOutOpen
          ? html`<dk-sign-out-dialog
              open
              .pendingLocal=${0}
              @dk-confirm-sign-out=${this._onConfirmSignOut}
              @dk-dialog-closed=${() => (this._signOutOpen = false)}
            ></dk-sign-out-dialog>`
          : nothing
      }
    </div>`;
  }

  private _renderPage() {
    if (this._bootError) return this._renderPageError(true);
    if (this._pageError) return this._renderPageError();
    const route = this._route;
    if (route.name === 'notFound') {
      return html`<dk-empty-state .heading=${t('shell.notFound')} .icon=${icons.info}>
        <a slot="actions" class="btn primary" href="/notices">${t('shell.goHome')}</a>
      </dk-empty-state>`;
    }
    if (!this._ready || !this._me || !this._loadedPages.has(route.name)) {
      return html`<div class="page-skeleton" role="status" aria-label=${t('common.loading')}>
        <div class="skeleton title"></div>
        <div class="skeleton"></div>
        <div class="skeleton"></div>
        <div class="skeleton"></div>
      </div>`;
    }
    switch (route.name) {
      case 'notices':
        return html`<dk-notices-page></dk-notices-page>`;
      case 'notice':
        return html`<dk-notices-page .noticeId=${route.id}></dk-notices-page>`;
      case 'documents':
        return html`<dk-documents-page .search=${route.search ?? ''}></dk-documents-page>`;
      case 'document':
        return html`<dk-document-detail .documentId=${route.id}></dk-document-detail>`;
      case 'newIncoming':
        return html`<dk-incoming-form></dk-incoming-form>`;
      case 'newDraft':
        return html`<dk-draft-form .replyTo=${route.replyTo}></dk-draft-form>`;
      case 'documentRegisters':
        return html`<dk-document-registers></dk-document-registers>`;
      case 'documentReport':
        return html`<dk-processing-report></dk-processing-report>`;
      case 'tasks':
      case 'task':
      case 'newTask':
      case 'taskBoard':
      case 'taskCalendar':
      case 'taskStats':
      case 'taskDigest':
        return html`<dk-tasks-page .route=${route}></dk-tasks-page>`;
      case 'schedule':
      case 'newEvent':
      case 'event':
      case 'editEvent':
        return html`<dk-schedule-page .route=${route}></dk-schedule-page>`;
      case 'messages':
      case 'conversation':
        return html`<dk-messages-page .route=${route}></dk-messages-page>`;
      case 'notifications':
        return html`<dk-notifications-page></dk-notifications-page>`;
      case 'settings':
        return html`<dk-settings-page></dk-settings-page>`;
      case 'hub':
        return html`<dk-hub-page></dk-hub-page>`;
      case 'admin':
        return html`<dk-admin-page .search=${route.search ?? ''}></dk-admin-page>`;
      default:
        return nothing;
    }
  }

  private _renderPageError(reload = false) {
    return html`<div class="banner danger" role="alert">
      ${icons.warning}
      <p class="grow">${t('shell.loadFailed')}</p>
      <button class="btn" @click=${() => (reload ? location.reload() : this._afterRouteChange())}>${t('common.retry')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dk-app': DkApp;
  }
}
