/**
 * The administration API (`/api/admin`, server-enforced, admin role only; the audit log also for
 * leaders) and the own-password change. Online only: a failed connection is an `AdminApiError` with
 * status 0, so pages can say "you are offline" instead of failing silently.
 */
import type {
  AdminUnit,
  AdminUser,
  ChangePasswordRequest,
  ImportMode,
  ImportResponse,
  NewUnitRequest,
  UnitUpdateRequest,
  NewUserRequest,
  OneTimePasswordResponse,
} from '../model/admin.ts';
import type { WardSettings } from '../model/api.ts';
import type { AuditPage, AuditQuery } from '../model/audit.ts';
import type { ExternalBody } from '../model/bodies.ts';
import type { RoomDoc } from '../model/rooms.ts';
import type { DevicesResponse } from '../model/device-health.ts';
import type { BaseRole } from '../model/roles.ts';
import type { DocumentTypeStatus } from '../model/document-types.ts';
import type { DocumentKind, RegistryBook } from '../model/documents/types.ts';
import type { RegistryBookInput, RegistryBookStatus } from '../model/registry-books.ts';

export class AdminApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** CouchDB-style error name (`bad_request`, `conflict`, `password_common`, …). */
    readonly error: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'include',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new AdminApiError(0, 'offline', 'The server could not be reached.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const b = (body ?? {}) as { error?: string; reason?: string };
    throw new AdminApiError(res.status, b.error ?? 'http_error', b.reason ?? res.statusText);
  }
  return body as T;
}

const enc = encodeURIComponent;

export const listAdminUsers = (): Promise<AdminUser[]> => call('/api/admin/users');
export const createAdminUser = (req: NewUserRequest): Promise<OneTimePasswordResponse> => call('/api/admin/users', { method: 'POST', body: req });
export const resetUserPassword = (name: string): Promise<OneTimePasswordResponse> =>
  call(`/api/admin/users/${enc(name)}/reset-password`, { method: 'POST', body: {} });
export const disableAdminUser = (name: string): Promise<unknown> => call(`/api/admin/users/${enc(name)}/disable`, { method: 'POST', body: {} });
export const enableAdminUser = (name: string): Promise<unknown> => call(`/api/admin/users/${enc(name)}/enable`, { method: 'POST', body: {} });
export const moveAdminUser = (name: string, unitId: string): Promise<unknown> =>
  call(`/api/admin/users/${enc(name)}/move`, { method: 'POST', body: { unitId } });
export const importAdminUsers = (csv: string, mode: ImportMode, dryRun: boolean): Promise<ImportResponse> =>
  call('/api/admin/users/import', { method: 'POST', body: { csv, mode, dryRun } });
export const listAdminUnits = (): Promise<AdminUnit[]> => call('/api/admin/units');
export const createAdminUnit = (req: NewUnitRequest): Promise<unknown> => call('/api/admin/units', { method: 'POST', body: req });
export const updateAdminUnit = (unitId: string, req: UnitUpdateRequest): Promise<unknown> =>
  call(`/api/admin/units/${enc(unitId)}`, { method: 'PUT', body: req });

function auditParams(q: AuditQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
export const queryAudit = (q: AuditQuery): Promise<AuditPage> => call(`/api/admin/audit${auditParams(q)}`);
/** The URL of the audit log's CSV export for the same filters (a plain download link). */
export const auditCsvUrl = (q: AuditQuery): string => `/api/admin/audit.csv${auditParams({ ...q, limit: undefined })}`;

export const changeOwnPassword = (req: ChangePasswordRequest): Promise<unknown> => call('/api/password', { method: 'POST', body: req });

export const listAdminBodies = (): Promise<ExternalBody[]> => call('/api/admin/bodies');
export const saveAdminBody = (body: { slug: string; name: string; abbreviation: string }, create: boolean): Promise<ExternalBody> =>
  create ? call('/api/admin/bodies', { method: 'POST', body }) : call(`/api/admin/bodies/${enc(body.slug)}`, { method: 'PUT', body });
export const listAdminRooms = (): Promise<RoomDoc[]> => call('/api/admin/rooms');
export const saveAdminRoom = (
  room: { roomId: string; name: string; capacity: number; equipment: string[]; location: string },
  create: boolean,
): Promise<RoomDoc> =>
  create ? call('/api/admin/rooms', { method: 'POST', body: room }) : call(`/api/admin/rooms/${enc(room.roomId)}`, { method: 'PUT', body: room });
export const listAdminDevices = (): Promise<DevicesResponse> => call('/api/admin/devices');
export const updateAdminUser = (
  name: string,
  change: { displayName: string; title: string; role: BaseRole; head: boolean },
): Promise<unknown> => call(`/api/admin/users/${enc(name)}`, { method: 'PUT', body: change });

export const listRegistryBooks = (year: number): Promise<RegistryBookStatus[]> => call(`/api/admin/registry-books?year=${year}`);
export const saveRegistryBook = (book: RegistryBook, year: number, input: RegistryBookInput): Promise<RegistryBookStatus> =>
  call(`/api/admin/registry-books/${book}/${year}`, { method: 'PUT', body: input });
export const listDocumentTypes = (): Promise<DocumentTypeStatus[]> => call('/api/admin/document-types');
export const saveDocumentType = (kind: DocumentKind, offered: { incoming: boolean; outgoing: boolean }): Promise<DocumentTypeStatus> =>
  call(`/api/admin/document-types/${kind}`, { method: 'PUT', body: offered });

/** The ward's settings the administrator changes here (`/api/admin/settings`). */
export const getWardSettings = (): Promise<WardSettings> => call('/api/admin/settings');
export const saveWardSettings = (changes: Partial<WardSettings>): Promise<WardSettings> =>
  call('/api/admin/settings', { method: 'PUT', body: changes });
