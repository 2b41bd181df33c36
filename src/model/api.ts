import type { Space } from './spaces.ts';

/** `GET /api/me`: the signed-in account and the spaces its devices replicate. */
export interface MeResponse {
  name: string;
  displayName: string;
  roles: string[];
  /** Unit ids the account is a member of. */
  units: string[];
  spaces: Space[];
  /** The ward's settings that devices follow. */
  settings?: OrgSettings;
  /** Signed in with a one-time password: the app asks for a new one before anything else. */
  mustChangePassword?: boolean;
}

/** Settings of the organisation that change what devices do. */
export interface OrgSettings {
  /** Files of confidential documents may be kept on devices for offline use. */
  confidentialFilesOffline: boolean;
  /** The organisation as an issuing body: `code` in number/symbols (`UBND`), `name` on registers and copies. */
  issuer?: { code: string; name: string };
  /** This server is a field hub (docs/decisions/0006): numbers come from the upstream, the hub page shows its link. */
  hub?: { name: string };
}

/** Settings of the ward the administrator changes in the app (`GET` / `PUT /api/admin/settings`), kept by the server. */
export interface WardSettings {
  /** Anyone, without signing in, may read the published weekly leadership schedule at `/public/schedule` (and `.ics`). */
  publicSchedule: boolean;
}

/** `GET /api/health`. */
export interface HealthResponse {
  ok: boolean;
  store: 'embedded' | 'couchdb';
  version: string;
}

/** CouchDB-style error body used by every endpoint. */
export interface CouchError {
  error: string;
  reason: string;
}
