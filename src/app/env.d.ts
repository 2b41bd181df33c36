/** Injected by Vite (`define` in vite.config.ts); absent in component tests. */
declare const __APP_VERSION__: string | undefined;
