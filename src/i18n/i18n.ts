import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WARD_TIME_ZONE } from '../model/time.ts';

/**
 * The message catalog. Vietnamese is the default; English and Arabic (RTL) follow.
 * Each feature registers its own messages (`registerMessages`) so catalogs stay next to the code that
 * uses them; a test checks that every key exists in every locale.
 */
export const LOCALES = ['vi', 'en', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export type Messages = Record<string, string>;
export type Catalog = Record<Locale, Messages>;

const STORAGE_KEY = 'docket.locale';
const catalogs: Catalog[] = [];
const merged: Record<Locale, Messages> = { vi: {}, en: {}, ar: {} };
const listeners = new Set<() => void>();
let locale: Locale = readStoredLocale();

function readStoredLocale(): Locale {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(stored ?? '') ? (stored as Locale) : 'vi';
  } catch {
    return 'vi';
  }
}

export function registerMessages(catalog: Catalog): void {
  catalogs.push(catalog);
  for (const l of LOCALES) Object.assign(merged[l], catalog[l]);
}

/** Every registered catalog, for the completeness test. */
export const registeredCatalogs = (): readonly Catalog[] => catalogs;

/** Translates `key`, filling `{name}` placeholders. A missing key shows itself, so it is noticed. */
export function t(key: string, params?: Record<string, string | number>): string {
  const template = merged[locale][key] ?? merged.vi[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? `{${name}}` : typeof value === 'number' ? formatNumber(value) : value;
  });
}

export const getLocale = (): Locale => locale;
export const directionOf = (l: Locale): 'rtl' | 'ltr' => (l === 'ar' ? 'rtl' : 'ltr');

/** Switches the language, remembers it on this device and updates `<html lang dir>`. */
export function setLocale(next: Locale): void {
  locale = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  applyDocumentLocale();
  for (const listener of listeners) listener();
}

export function applyDocumentLocale(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** BCP 47 tag for Intl: Arabic with Latin digits would surprise Arabic readers, so we keep `ar`. */
const intlTag = (): string => (locale === 'vi' ? 'vi-VN' : locale === 'ar' ? 'ar' : 'en-GB');

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(intlTag()).format(n);
}

/** An instant (ISO-8601 UTC) as a date and time in the ward's time zone. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(intlTag(), { timeZone: WARD_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar day (`YYYY-MM-DD`, already in the ward's zone) formatted for reading. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(intlTag(), { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A calendar day without its year ("7/12", "7 Dec"): the first day of a range whose end shows the year. */
export function formatDayMonth(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(intlTag(), { timeZone: 'UTC', day: 'numeric', month: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The short weekday name of a calendar day ("T2", "Mon", "الاثنين"). */
export function formatWeekdayShort(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(intlTag(), { timeZone: 'UTC', weekday: 'short' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A month (`YYYY-MM`) as "tháng 12 năm 2026" / "December 2026". */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(intlTag(), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** "5 minutes ago" style, falling back to the full date after a week. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(intlTag(), { numeric: 'auto' });
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return rtf.format(Math.round(seconds / 86400), 'day');
  return formatDateTime(iso);
}

export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(intlTag(), { style: 'unit', unit: units[unit], maximumFractionDigits: 1 }).format(value);
}

/** Re-renders a Lit host whenever the language changes. */
export class LocaleController implements ReactiveController {
  private stop?: () => void;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    this.stop = subscribeLocale(() => this.host.requestUpdate());
  }
  hostDisconnected(): void {
    this.stop?.();
  }
}
