/**
 * A small History-API router. Routes are plain data; the shell maps them to lazily loaded pages.
 * Links are ordinary `<a href="/…">`: the shell intercepts same-origin clicks (see `interceptLinks`).
 */
export type Route =
  | { name: 'notices' }
  | { name: 'notice'; id: string }
  | { name: 'documents' }
  | { name: 'tasks' }
  | { name: 'schedule' }
  | { name: 'messages' }
  | { name: 'settings' }
  | { name: 'signIn' }
  | { name: 'notFound'; path: string };

export type RouteName = Route['name'];

const SIMPLE: Record<string, Route> = {
  '/notices': { name: 'notices' },
  '/documents': { name: 'documents' },
  '/tasks': { name: 'tasks' },
  '/schedule': { name: 'schedule' },
  '/messages': { name: 'messages' },
  '/settings': { name: 'settings' },
  '/sign-in': { name: 'signIn' },
};

export const DEFAULT_PATH = '/notices';

export function parseRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return { name: 'notices' };
  const simple = SIMPLE[path];
  if (simple) return simple;
  const notice = /^\/notices\/([^/]+)$/.exec(path);
  if (notice) {
    try {
      return { name: 'notice', id: decodeURIComponent(notice[1]!) };
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
    case 'signIn':
      return '/sign-in';
    case 'notFound':
      return route.path;
    default:
      return `/${route.name}`;
  }
}

export const noticePath = (id: string): string => pathOf({ name: 'notice', id });

const ROUTE_EVENT = 'dk-route-changed';

/** Goes to `path` (same origin) and notifies subscribers. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const current = location.pathname + location.search + location.hash;
  if (path === current && !options.replace) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(ROUTE_EVENT));
}

export const currentRoute = (): Route => parseRoute(location.pathname);

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
