import { existsSync, mkdirSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  BACKUP_EXTENSION,
  type BackupFileInfo,
  type BackupsResponse,
  type LastBackup,
  type RestoreCheckResponse,
  type RunningBackup,
  isBackupName,
} from '../../src/model/backups.ts';
import { WARD_TIME_ZONE } from '../../src/model/time.ts';
import { BackupFileError, type VerifyResult, verifyBackupFile, writeBackupFile } from '../backup/index.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/types.ts';
import { type AuditContext, type AuditLog, auditFrom } from './audit.ts';

/** The folder under DATA_DIR the web UI's backups go to (also for COUCHDB_URL: it is the server's local folder). */
export const backupsDirOf = (dataDir: string): string => path.join(dataDir, 'backups');

/** A backup is already being written (one at a time: each reads every database). */
export class BackupRunningError extends Error {}

/** `2026-11-25-143005` in the ward's time zone: the name says the time the administrators read on the wall. */
export function backupStamp(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: WARD_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}-${parts.hour}${parts.minute}${parts.second}`;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What a verification found, remembered for the file as it was then (same size and time). */
interface Checked {
  size: number;
  mtimeMs: number;
  answer: RestoreCheckResponse;
}

/**
 * The server's backups folder: starts one backup at a time in the background (written through
 * `<file>.partial`, then read back whole with `verifyBackupFile` before it counts as done), lists the
 * files, and checks one for a restore. It never restores: a running server cannot restore into its own
 * live store (docs/backup-format.md), the CLI does that into an empty DATA_DIR.
 */
export class BackupFolder {
  private running: RunningBackup | null = null;
  private last: LastBackup | null = null;
  private job: Promise<void> | null = null;
  private readonly checked = new Map<string, Checked>();

  constructor(
    readonly dir: string,
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly log?: Logger,
  ) {}

  /** The full path of a listed backup, or null for any other name (so no path can escape the folder). */
  pathOf(name: string): string | null {
    return isBackupName(name) ? path.join(this.dir, name) : null;
  }

  /**
   * Starts a backup and returns its file name at once; throws BackupRunningError while one runs.
   * Synchronous up to setting `running`, so two requests arriving together cannot both start one.
   */
  start(ctx: AuditContext): string {
    if (this.running) throw new BackupRunningError(`A backup is being written (${this.running.name}).`);
    const now = new Date();
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const base = `docket-${backupStamp(now)}`;
    let name = `${base}${BACKUP_EXTENSION}`;
    for (let n = 2; existsSync(path.join(this.dir, name)); n++) name = `${base}-${n}${BACKUP_EXTENSION}`;
    this.running = {
      name,
      startedAt: now.toISOString(),
      actor: ctx.actor,
      phase: 'writing',
      databasesDone: 0,
      databasesTotal: 0,
      documents: 0,
    };
    this.job = this.run(name, ctx);
    return name;
  }

  /** Resolves when the running backup (if any) has ended, however it ended. */
  async idle(): Promise<void> {
    await this.job;
  }

  private async run(name: string, ctx: AuditContext): Promise<void> {
    const file = path.join(this.dir, name);
    const running = this.running!;
    try {
      await writeBackupFile(this.store, file, {
        onProgress: (p) => {
          running.databasesTotal = p.total;
          running.databasesDone = p.done ? p.index : p.index - 1;
          running.documents = p.documents;
        },
      });
      running.phase = 'verifying';
      // Read back whole: a backup counts as made only once its checksum and counts were confirmed on disk.
      const answer = await this.check(name);
      if (!answer?.ok) throw new BackupFileError(answer?.reason ?? `${name} is missing after it was written`);
      const size = (await stat(file)).size;
      this.last = { name, finishedAt: new Date().toISOString(), ok: true, documents: answer.documents, size };
      await this.audit.record(
        auditFrom(
          ctx,
          'backupMade',
          name,
          `Backup ${name}: ${answer.databases.length} databases, ${answer.documents} documents, ` +
            `${answer.attachments} attachments, ${mb(size)} (from the web UI)`,
        ),
      );
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.log?.error({ err, name }, 'backup failed');
      this.last = { name, finishedAt: new Date().toISOString(), ok: false, reason };
    } finally {
      this.running = null;
      this.job = null;
    }
  }

  private async names(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter(isBackupName);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  /** The files (newest first), the running backup's progress and how the last one ended. */
  async list(): Promise<BackupsResponse> {
    const files: BackupFileInfo[] = [];
    for (const name of await this.names()) {
      const st = await stat(path.join(this.dir, name)).catch(() => null);
      if (!st?.isFile()) continue;
      const known = this.checked.get(name);
      const fresh = known && known.size === st.size && known.mtimeMs === st.mtimeMs ? known.answer : undefined;
      files.push({
        name,
        size: st.size,
        createdAt: st.mtime.toISOString(),
        verification: !fresh ? 'unchecked' : fresh.ok ? 'ok' : 'damaged',
        ...(fresh?.ok ? { documents: fresh.documents } : {}),
      });
    }
    files.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    return { files, running: this.running ? { ...this.running } : null, last: this.last };
  }

  /**
   * Reads the whole file as a restore would check it (header, line order, counts, SHA-256) and says what
   * it holds; null when there is no such backup. A damaged file is an answer (`ok: false`), not an error.
   */
  async check(name: string): Promise<RestoreCheckResponse | null> {
    const file = this.pathOf(name);
    if (!file) return null;
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) return null;
    let answer: RestoreCheckResponse;
    try {
      answer = summaryOf(name, await verifyBackupFile(file));
    } catch (err) {
      if (!(err instanceof BackupFileError)) throw err;
      answer = { name, ok: false, reason: err.message };
    }
    this.checked.set(name, { size: st.size, mtimeMs: st.mtimeMs, answer });
    return answer;
  }
}

function summaryOf(name: string, v: VerifyResult): RestoreCheckResponse {
  return {
    name,
    ok: true,
    createdAt: v.header.createdAt,
    serverVersion: v.header.server.version,
    store: v.header.store,
    databases: v.databases.map((db) => {
      const c = v.trailer.databases[db]!;
      return { name: db, docs: c.docs, deleted: c.deleted, attachments: c.attachments };
    }),
    documents: v.trailer.documents,
    attachments: v.trailer.attachments,
    attachmentBytes: v.trailer.attachmentBytes,
    sha256: v.trailer.sha256,
  };
}
