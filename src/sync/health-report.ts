/**
 * Tells the server how this device's sync is doing (documents per space, unsent changes, refused
 * writes, conflicts) so the ward's administrator sees devices in trouble. Sent when sync is up to date,
 * at most every ten minutes; a failure is simply retried next time (nothing here is needed to work).
 */
import type { DeviceReport, SpaceHealth } from '../model/device-health.ts';
import type { SyncSnapshot } from './types.ts';

const EVERY_MS = 10 * 60 * 1000;
const ID_KEY = 'docket.deviceId';

/** This device's random id (kept in local storage; a new one after the storage is cleared). */
export function deviceId(): string {
  try {
    const known = localStorage.getItem(ID_KEY);
    if (known && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    const id = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    localStorage.setItem(ID_KEY, id);
    return id;
  } catch {
    return 'unknown-device';
  }
}

/** "Chrome 156 · Android": enough for an administrator to tell a user's phone from their office PC. */
export function deviceLabel(ua = navigator.userAgent): string {
  const browser = /Edg\/(\d+)/.exec(ua)
    ? `Edge ${/Edg\/(\d+)/.exec(ua)![1]}`
    : /Firefox\/(\d+)/.exec(ua)
      ? `Firefox ${/Firefox\/(\d+)/.exec(ua)![1]}`
      : /Chrom(?:e|ium)\/(\d+)/.exec(ua)
        ? `Chrome ${/Chrom(?:e|ium)\/(\d+)/.exec(ua)![1]}`
        : /Version\/(\d+).*Safari/.exec(ua)
          ? `Safari ${/Version\/(\d+).*Safari/.exec(ua)![1]}`
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}

export class HealthReporter {
  private lastSent = 0;
  private sending = false;

  constructor(
    /** Documents held locally per space database. */
    private readonly countDocs: (db: string) => Promise<number>,
    private readonly send: (report: DeviceReport) => Promise<void> = postReport,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called with every sync snapshot; reports when up to date and the last report is old enough. */
  onSnapshot(s: SyncSnapshot): void {
    if (s.overall !== 'upToDate' || this.sending || this.now() - this.lastSent < EVERY_MS) return;
    this.sending = true;
    void this.report(s)
      .then(() => (this.lastSent = this.now()))
      .catch(() => undefined)
      .finally(() => (this.sending = false));
  }

  private async report(s: SyncSnapshot): Promise<void> {
    const spaces: SpaceHealth[] = [];
    for (const sp of s.spaces) {
      spaces.push({
        db: sp.space.db,
        docs: await this.countDocs(sp.space.db),
        pending: sp.pendingLocal,
        rejected: s.rejected.filter((r) => r.spaceDb === sp.space.db).length,
        conflicts: sp.conflicts,
      });
    }
    await this.send({ deviceId: deviceId(), label: deviceLabel(), spaces });
  }
}

async function postReport(report: DeviceReport): Promise<void> {
  const res = await fetch('/api/devices/report', {
    method: 'POST',
    credentials: 'include',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(report),
  });
  if (!res.ok) throw new Error(`device report: HTTP ${res.status}`);
}
