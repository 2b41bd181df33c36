/** Shapes of the administration API (`/api/admin/*`), shared by the server and the admin pages. */
import type { BaseRole } from './roles.ts';

export interface AdminUser {
  name: string;
  displayName: string;
  title: string;
  role: BaseRole | '-';
  unitId?: string;
  isHead: boolean;
  disabled: boolean;
  /** Must choose a new password at the next sign-in (a one-time password is set). */
  mustChangePassword: boolean;
  lastSignInAt?: string;
  lastSyncAt?: string;
}

export interface AdminUnit {
  unitId: string;
  name: string;
  shortName: string;
  order: number;
  members: number;
}

export interface NewUserRequest {
  name: string;
  displayName: string;
  title?: string;
  role: BaseRole;
  unitId?: string;
  head?: boolean;
}

/** A created account or a reset password: shown once to the administrator, who hands it over. */
export interface OneTimePasswordResponse {
  name: string;
  oneTimePassword: string;
}

export interface NewUnitRequest {
  unitId: string;
  name: string;
  shortName?: string;
}

/** `PUT /api/admin/units/:unitId`: what changes (absent: unchanged); the id never changes. */
export interface UnitUpdateRequest {
  name?: string;
  shortName?: string;
  order?: number;
}

export type ImportMode = 'allOrNothing' | 'validOnly';

export interface ImportRequest {
  csv: string;
  mode: ImportMode;
  /** Only check and preview; create nothing. */
  dryRun: boolean;
}

export interface ImportRowResult {
  /** Line in the file (the header is line 1). */
  line: number;
  name: string;
  displayName: string;
  role: string;
  unitId: string;
  title: string;
  head: boolean;
  /** Why the row cannot be imported (English sentences; empty when valid). */
  errors: string[];
}

export interface ImportResponse {
  rows: ImportRowResult[];
  /** Accounts created (empty for a dry run, or when all-or-nothing met an invalid row). */
  created: OneTimePasswordResponse[];
  /** A file-level problem (no header, unknown columns, too many rows). */
  fileError?: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** CSV columns of the account import, with the Vietnamese headers accepted for each. */
export const IMPORT_COLUMNS = {
  name: ['name', 'tai_khoan', 'tài khoản', 'ten_dang_nhap', 'tên đăng nhập'],
  displayName: ['displayname', 'display_name', 'ho_ten', 'họ và tên', 'họ tên'],
  unitId: ['unit', 'unitid', 'don_vi', 'đơn vị'],
  role: ['role', 'vai_tro', 'vai trò'],
  title: ['title', 'chuc_vu', 'chức vụ'],
  head: ['head', 'truong_don_vi', 'trưởng đơn vị'],
} as const;

export const MAX_IMPORT_ROWS = 1000;
