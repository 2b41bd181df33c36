/**
 * Shapes of the backups API (`/api/admin/backups`, admin role only), shared by the server and the
 * admin page's Backups tab. The files themselves are the CLI's format (docs/backup-format.md).
 */

/** The extension the CLI's examples and the docs use for a backup file. */
export const BACKUP_EXTENSION = '.docket-backup.gz';

/**
 * The names the server gives its backups (`docket-2026-11-25-143005.docket-backup.gz`, ward time; a
 * second one in the same second gets `-2`). Only names matching this are listed, downloaded or checked,
 * which also rules out any path (no `/`, `\` or `..` can match).
 */
export const BACKUP_NAME = /^docket-\d{4}-\d{2}-\d{2}-\d{6}(?:-\d{1,3})?\.docket-backup\.gz$/;

export const isBackupName = (name: string): boolean => BACKUP_NAME.test(name);

/** What the server knows of a file without reading it: `checked` only once this server read it whole. */
export interface BackupFileInfo {
  name: string;
  /** Bytes on disk (compressed). */
  size: number;
  /** ISO-8601 UTC (the file's modification time: when its writing ended). */
  createdAt: string;
  /** `ok`/`damaged` when this server verified it (after making it, or a restore check); else `unchecked`. */
  verification: 'ok' | 'damaged' | 'unchecked';
  /** Document lines, when verified. */
  documents?: number;
}

/** The backup being written now. */
export interface RunningBackup {
  name: string;
  startedAt: string;
  /** Who asked for it. */
  actor: string;
  phase: 'writing' | 'verifying';
  databasesDone: number;
  databasesTotal: number;
  /** Document lines written so far. */
  documents: number;
}

/** How the last backup started since the server started ended. */
export type LastBackup =
  | { name: string; finishedAt: string; ok: true; documents: number; size: number }
  | { name: string; finishedAt: string; ok: false; reason: string };

export interface BackupsResponse {
  /** Newest first. */
  files: BackupFileInfo[];
  running: RunningBackup | null;
  last: LastBackup | null;
}

export interface StartBackupResponse {
  name: string;
}

export interface BackupDatabaseSummary {
  name: string;
  /** Leaf revisions, tombstones and design documents included (what a restore writes). */
  docs: number;
  /** Of which deleted (tombstones). */
  deleted: number;
  attachments: number;
}

/** The answer of a restore check: what the file holds, or why it cannot be restored. */
export type RestoreCheckResponse =
  | {
      name: string;
      ok: true;
      /** When the backup was taken, by which Docket, from which kind of store. */
      createdAt: string;
      serverVersion: string;
      store: string;
      databases: BackupDatabaseSummary[];
      documents: number;
      attachments: number;
      attachmentBytes: number;
      sha256: string;
    }
  | { name: string; ok: false; reason: string };
