import { createContext } from '@lit/context';
import type { MeResponse } from '../model/api.ts';
import type { Locale } from '../i18n/i18n.ts';
import type { SyncSnapshot } from './backend.ts';

/** App-wide singletons provided by `<dk-app>` (see STYLE.md: context only for these). */
export const meContext = createContext<MeResponse | null>(Symbol('dk-me'));
export const syncContext = createContext<SyncSnapshot | undefined>(Symbol('dk-sync'));
export const localeContext = createContext<Locale>(Symbol('dk-locale'));
