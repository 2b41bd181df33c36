import { applyDocumentLocale, subscribeLocale } from './i18n/i18n.ts';
import { installTokens } from './ui/tokens.ts';
import { listenForInstallPrompt, registerServiceWorker } from './app/pwa.ts';
import './app/dk-app.ts';

installTokens();
applyDocumentLocale();
listenForInstallPrompt();
// Pushes are written in the language of the device: a switch is told to the server (loaded only then).
subscribeLocale(() => {
  void import('./data/push.ts')
    .then((m) => m.sendPushLocale())
    .catch((err: unknown) => console.warn('Could not tell the server the language of this device’s notifications', err));
});

if (import.meta.env.PROD) {
  registerServiceWorker().catch((err: unknown) => {
    // The app still works online without a service worker; say so in the console only.
    console.warn('Service worker registration failed', err);
  });
}
