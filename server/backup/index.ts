/** Backup and restore of a whole Docket store (docs/backup-format.md); used by the admin CLI and, later, the admin web UI. */
export { type BackupOptions, type BackupProgress, type BackupResult, writeBackup, writeBackupFile } from './backup.ts';
export { databasesToBackup } from './databases.ts';
export { BackupFileError, FORMAT, FORMAT_VERSION, type BackupHeader, type BackupTrailer } from './format.ts';
export {
  type RestoreOptions,
  type RestoreProgress,
  type RestoreResult,
  RestoreError,
  TargetNotEmptyError,
  type VerifyResult,
  nonEmptyDatabases,
  restoreBackupFile,
  verifyBackupFile,
} from './restore.ts';
