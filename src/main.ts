import { applyDocumentLocale } from './i18n/i18n.ts';
import { installTokens } from './ui/tokens.ts';
import { listenForInstallPrompt, registerServiceWorker } from './app/pwa.ts';
import './app/dk-app.ts';

installTokens();
applyDocumentLocale();
listenForInstallPrompt();

if (import.meta.env.PROD) {
  registerServiceWorker().catch((err: unknown) => {
    // The app still works online without a service worker; say so in the console only.
    console.warn('Service worker registration failed', err);
  });
}
