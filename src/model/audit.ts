/**
 * The audit log's entries (kept by the server in an admin-only database, never edited; read by
 * administrators and leaders through `/api/admin/audit`).
 */
export const AUDIT_ACTIONS = [
  'signIn',
  'signInFailed',
  'signOut',
  'passwordChanged',
  'userCreated',
  'usersImported',
  'passwordReset',
  'userDisabled',
  'userEnabled',
  'userMoved',
  'userChanged',
  'unitCreated',
  'unitChanged',
  'directoryChanged',
  'settingsChanged',
  'documentNumbered',
  'documentApproved',
  'documentIssued',
  'documentRecalled',
  'documentDeleted',
  'backupMade',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (v: unknown): v is AuditAction => (AUDIT_ACTIONS as readonly unknown[]).includes(v);

export interface AuditEntry {
  /** `audit:<time-sortable id>`: newest last in `_all_docs`. */
  _id: string;
  type: 'auditEntry';
  schema: 1;
  /** ISO-8601 UTC. */
  at: string;
  /** Who did it: an account name, `cli` (the admin CLI on the server) or `system` (a worker). */
  actor: string;
  action: AuditAction;
  /** What it was done to: an account, unit or document id (empty when none). */
  target: string;
  /** A short human-readable account of the change (English; the app shows it as is). */
  summary: string;
  /** From where: the client's address, and the device id when the app sent one. */
  ip?: string;
  device?: string;
}

export interface AuditQuery {
  /** Words that must all appear in actor, target or summary (case and diacritics ignored). */
  q?: string;
  action?: AuditAction;
  actor?: string;
  /** Calendar days (YYYY-MM-DD, Asia/Ho_Chi_Minh) or ISO times, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** More entries match than were returned. */
  more: boolean;
}
