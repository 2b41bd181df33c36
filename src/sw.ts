/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null } | string> };

// The app shell (HTML, JS, CSS, icons, manifest) is precached so the app cold-starts offline.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// App routes (/notices/…, /settings, …) are answered with the cached index.html; the CouchDB API, our own API
// and the ward's public schedule page (server-rendered, no app) always go to the network (data lives in IndexedDB, not in the HTTP cache).
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/db\//, /^\/api\//, /^\/public\//] }));

// A new version waits until the user accepts the update prompt (no reload under someone's feet).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Take control of open pages on first install so they work offline without a reload.
clientsClaim();

// Web Push (issue 6): the server's push worker sends `{ title, body, url, tag }` for a new notification, encrypted
// for this device; it is shown even when no window of the app is open. Anything else is shown as a plain
// "something new" so that a push never goes unshown (browsers penalise silent pushes).
self.addEventListener('push', (event) => {
  let data: { title?: unknown; body?: unknown; url?: unknown; tag?: unknown } = {};
  try {
    data = (event.data?.json() as typeof data | null) ?? {};
  } catch {
    data = {};
  }
  const text = (v: unknown, fallback: string) => (typeof v === 'string' && v ? v.slice(0, 500) : fallback);
  event.waitUntil(
    self.registration.showNotification(text(data.title, 'Docket'), {
      body: text(data.body, ''),
      tag: text(data.tag, 'docket'),
      icon: '/favicon.svg',
      data: { url: text(data.url, '/notifications') },
    }),
  );
});

// A reminder notification (src/features/tasks/dk-task-reminders.ts) or a pushed one opens its item: an open window of the app
// goes there (same origin only), otherwise a new one opens.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const raw = (event.notification.data as { url?: unknown } | null)?.url;
  const url = typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') ? raw : '/tasks';
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const client = windows[0];
      if (client) {
        await client.focus();
        await client.navigate(url);
      } else await self.clients.openWindow(url);
    })(),
  );
});
