/**
 * PWA plumbing outside Lit: the install prompt (`beforeinstallprompt`) and the service worker
 * update flow (workbox-window, production builds only). The shell subscribes to `pwaState`.
 */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export interface PwaState {
  canInstall: boolean;
  updateWaiting: boolean;
}

let installEvent: BeforeInstallPromptEvent | null = null;
let applyUpdate: (() => void) | null = null;
const state: PwaState = { canInstall: false, updateWaiting: false };
const listeners = new Set<(s: PwaState) => void>();

function emit(): void {
  for (const l of listeners) l({ ...state });
}

export const pwaState = (): PwaState => ({ ...state });

export function subscribePwa(cb: (s: PwaState) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Call early (from main.ts): the browser may fire `beforeinstallprompt` before the shell renders. */
export function listenForInstallPrompt(): void {
  window.addEventListener('beforeinstallprompt', (e) => {
    e.preventDefault();
    installEvent = e as BeforeInstallPromptEvent;
    state.canInstall = true;
    emit();
  });
  window.addEventListener('appinstalled', () => {
    installEvent = null;
    state.canInstall = false;
    emit();
  });
}

export async function promptInstall(): Promise<void> {
  const event = installEvent;
  if (!event) return;
  await event.prompt();
  const choice = await event.userChoice;
  if (choice.outcome === 'accepted') {
    installEvent = null;
    state.canInstall = false;
    emit();
  }
}

/** Registers `/sw.js` with workbox-window; a waiting worker shows the update banner. */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    applyUpdate = () => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    };
    state.updateWaiting = true;
    emit();
  });
  await wb.register();
}

/** Activates the waiting worker; the page reloads once it controls the page. */
export function reloadForUpdate(): void {
  applyUpdate?.();
}
