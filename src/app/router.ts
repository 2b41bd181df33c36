/**
 * A small History-API router. Routes are plain data; the shell maps them to lazily loaded pages.
 * Links are ordinary `<a href="/…">`: the shell intercepts same-origin clicks (see `interceptLinks`).
 */
export type Route =
  | { name: 'notices' }
  | { name: 'notice'; id: string }
  /** The documents list; `search`: its view, filters and sort as URL parameters (without `?`). */
  | { name: 'documents'; search?: string }
  | { name: 'document'; id: string }
  | { name: 'newIncoming' }
  | { name: 'newDraft'; replyTo?: string }
  | { name: 'documentRegisters' }
  | { name: 'documentReport' }
  /** Tasks (issue 4); `search`: the list's view and filters, the board's unit, the statistics' period. */
  | { name: 'tasks'; search?: string }
  | { name: 'task'; id: string }
  /** `search`: `document=<id>` (a task from a document), `parent=<id>` (a subtask). */
  | { name: 'newTask'; search?: string }
  | { name: 'taskBoard'; search?: string }
  | { name: 'taskCalendar'; search?: string }
  | { name: 'taskStats'; search?: string }
  | { name: 'taskDigest' }
  /** The schedule (issue 5); `search`: `week=YYYY-Www`, `cal=leadership|mine|unit:<id>|room:<id>`, `view=week|agenda`. */
  | { name: 'schedule'; search?: string }
  /** `search`: `day=YYYY-MM-DD` and `cal=` to start from. */
  | { name: 'newEvent'; search?: string }
  | { name: 'event'; id: string }
  | { name: 'editEvent'; id: string }
  | { name: 'messages' }
  /** One conversation (issue 6): `id` is its space id (`/messages/<id>`). */
  | { name: 'conversation'; id: string }
  /** The notification centre (issue 6): what the server told me, newest first, and which kinds reach me. */
  | { name: 'notifications' }
  | { name: 'settings' }
  /** The field hub's status page (issue 8, docs/decisions/0006): only on a server that is a hub. */
  | { name: 'hub' }
  /** Administration (issue 9); `search`: `tab=users|import|units|audit` and the audit log's filters. */
  | { name: 'admin'; search?: string }
  | { name: 'signIn' }
  | { name: 'notFound'; path: string };

export type RouteName = Route['name'];

const SIMPLE: Record<string, Route> = {
  '/notices': { name: 'notices' },
  '/documents/new/incoming': { name: 'newIncoming' },
  '/documents/registers': { name: 'documentRegisters' },
  '/documents/report': { name: 'documentReport' },
  '/tasks/digest': { name: 'taskDigest' },
  '/messages': { name: 'messages' },
  '/notifications': { name: 'notifications' },
  '/settings': { name: 'settings' },
  '/hub': { name: 'hub' },
  '/sign-in': { name: 'signIn' },
};

export const DEFAULT_PATH = '/notices';

/** `search`: the query string (with or without `?`); only the documents routes read it. */
export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { name: 'notices' };
  const simple = SIMPLE[path];
  if (simple) return simple;
  const params = new URLSearchParams(search);
  if (path === '/admin') {
    const query = params.toString();
    return query ? { name: 'admin', search: query } : { name: 'admin' };
  }
  if (path === '/documents') {
    const query = params.toString();
    return query ? { name: 'documents', search: query } : { name: 'documents' };
  }
  const withSearch: Partial<Record<string, 'tasks' | 'newTask' | 'taskBoard' | 'taskCalendar' | 'taskStats' | 'schedule' | 'newEvent'>> = {
    '/tasks': 'tasks',
    '/tasks/new': 'newTask',
    '/tasks/board': 'taskBoard',
    '/tasks/calendar': 'taskCalendar',
    '/tasks/stats': 'taskStats',
    '/schedule': 'schedule',
    '/schedule/new': 'newEvent',
  };
  const searchable = withSearch[path];
  if (searchable) {
    const query = params.toString();
    return query ? { name: searchable, search: query } : { name: searchable };
  }
  if (path === '/documents/new/draft') {
    const replyTo = params.get('replyTo');
    return replyTo ? { name: 'newDraft', replyTo } : { name: 'newDraft' };
  }
  const event = /^\/schedule\/events\/([^/]+)(\/edit)?$/.exec(path);
  if (event) {
    try {
      const id = decodeURIComponent(event[1]!);
      return event[2] ? { name: 'editEvent', id } : { name: 'event', id };
    } catch {
      return { name: 'notFound', path };
    }
  }
  const conversation = /^\/messages\/([^/]+)$/.exec(path);
  if (conversation) {
    try {
      return { name: 'conversation', id: decodeURIComponent(conversation[1]!) };
    } catch {
      return { name: 'notFound', path };
    }
  }
  const item = /^\/(notices|documents|tasks)\/([^/]+)$/.exec(path);
  if (item) {
    try {
      const id = decodeURIComponent(item[2]!);
      if (item[1] === 'documents' && id === 'new') return { name: 'notFound', path };
      if (item[1] === 'tasks') return { name: 'task', id };
      return item[1] === 'notices' ? { name: 'notice', id } : { name: 'document', id };
    } catch {
      return { name: 'notFound', path };
    }
  }
  return { name: 'notFound', path };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'notice':
      return `/notices/${encodeURIComponent(route.id)}`;
    case 'documents':
      return route.search ? `/documents?${route.search}` : '/documents';
    case 'document':
      return `/documents/${encodeURIComponent(route.id)}`;
    case 'newIncoming':
      return '/documents/new/incoming';
    case 'newDraft':
      return route.replyTo ? `/documents/new/draft?${new URLSearchParams({ replyTo: route.replyTo }).toString()}` : '/documents/new/draft';
    case 'documentRegisters':
      return '/documents/registers';
    case 'documentReport':
      return '/documents/report';
    case 'tasks':
    case 'newTask':
    case 'taskBoard':
    case 'taskCalendar':
    case 'taskStats': {
      const base = {
        tasks: '/tasks',
        newTask: '/tasks/new',
        taskBoard: '/tasks/board',
        taskCalendar: '/tasks/calendar',
        taskStats: '/tasks/stats',
      }[route.name];
      return route.search ? `${base}?${route.search}` : base;
    }
    case 'task':
      return `/tasks/${encodeURIComponent(route.id)}`;
    case 'taskDigest':
      return '/tasks/digest';
    case 'schedule':
      return route.search ? `/schedule?${route.search}` : '/schedule';
    case 'newEvent':
      return route.search ? `/schedule/new?${route.search}` : '/schedule/new';
    case 'event':
      return `/schedule/events/${encodeURIComponent(route.id)}`;
    case 'editEvent':
      return `/schedule/events/${encodeURIComponent(route.id)}/edit`;
    case 'conversation':
      return `/messages/${encodeURIComponent(route.id)}`;
    case 'admin':
      return route.search ? `/admin?${route.search}` : '/admin';
    case 'signIn':
      return '/sign-in';
    case 'notFound':
      return route.path;
    default:
      return `/${route.name}`;
  }
}

export const noticePath = (id: string): string => pathOf({ name: 'notice', id });
export const documentPath = (id: string): string => pathOf({ name: 'document', id });
export const taskPath = (id: string): string => pathOf({ name: 'task', id });

/** The navigation item a route belongs to (the documents pages all light up "Documents"). */
export function sectionOf(route: Route): RouteName {
  switch (route.name) {
    case 'notice':
      return 'notices';
    case 'document':
    case 'newIncoming':
    case 'newDraft':
    case 'documentRegisters':
    case 'documentReport':
      return 'documents';
    case 'task':
    case 'newTask':
    case 'taskBoard':
    case 'taskCalendar':
    case 'taskStats':
    case 'taskDigest':
      return 'tasks';
    case 'newEvent':
    case 'event':
    case 'editEvent':
      return 'schedule';
    case 'conversation':
      return 'messages';
    case 'hub':
      return 'settings';
    default:
      return route.name;
  }
}

const ROUTE_EVENT = 'dk-route-changed';

/** Goes to `path` (same origin) and notifies subscribers. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const current = location.pathname + location.search + location.hash;
  if (path === current && !options.replace) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(ROUTE_EVENT));
}

export const currentRoute = (): Route => parseRoute(location.pathname, location.search);

/** Calls `cb` on back/forward and `navigate`. Returns the unsubscribe function. */
export function subscribeRoute(cb: (route: Route) => void): () => void {
  const handler = (): void => cb(currentRoute());
  window.addEventListener('popstate', handler);
  window.addEventListener(ROUTE_EVENT, handler);
  return () => {
    window.removeEventListener('popstate', handler);
    window.removeEventListener(ROUTE_EVENT, handler);
  };
}

/**
 * Turns clicks on same-origin `<a href>` (also inside shadow roots) into `navigate` calls.
 * Modified clicks, downloads, `target` links and other origins keep the browser's behaviour.
 */
export function interceptLinks(root: EventTarget): () => void {
  const handler = (event: Event): void => {
    const e = event as MouseEvent;
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const anchor = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || !anchor.href || anchor.hasAttribute('download') || (anchor.target && anchor.target !== '_self')) return;
    const url = new URL(anchor.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/db/') || url.pathname.startsWith('/api/')) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  root.addEventListener('click', handler);
  return () => root.removeEventListener('click', handler);
}
