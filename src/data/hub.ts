/**
 * The status of the field hub this app is served by (`GET /api/hub/status`, docs/decisions/0006). Online only, like
 * the admin pages: a failed connection is status 0, so the page can say so.
 */
import type { HubStatus } from '../model/hub.ts';

export class HubStatusError extends Error {
  constructor(
    /** HTTP status; 0 when the hub could not be reached. */
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export async function fetchHubStatus(): Promise<HubStatus> {
  let res: Response;
  try {
    res = await fetch('/api/hub/status', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new HubStatusError(0, 'offline');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { reason?: string };
    throw new HubStatusError(res.status, body.reason ?? res.statusText);
  }
  return (await res.json()) as HubStatus;
}
