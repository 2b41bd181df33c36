/**
 * Sends files waiting on this device to the server (`data/files.ts`), one at a time, oldest first: the file's
 * metadata (PUT), then its bytes (PUT of the attachment `data`, by XMLHttpRequest for upload progress). A file
 * interrupted half-way starts again (a CouchDB attachment is written whole); files already sent are not sent
 * again (the server answers that it has them). Runs while signed in; waits while offline; retries with backoff.
 */
import { filesDb, remoteFilesDbUrl } from '../data/db.ts';
import { dequeueUpload, localFile, queuedUploads, uploadsWaiting } from '../data/files.ts';
import type { MeResponse } from '../model/api.ts';
import { FILE_ATTACHMENT, type StoredFile } from '../model/files.ts';
import type { Space } from '../model/spaces.ts';
import { backoffDelay } from './backoff.ts';

export interface UploadItem {
  space: Space;
  fileId: string;
  name: string;
  size: number;
  /** Bytes sent of the file being uploaded. */
  sent: number;
  state: 'waiting' | 'uploading' | 'refused';
  /** Why the server refused it (`refused`): the reason of its CouchDB-style error. */
  reason?: string;
}

export interface UploadSnapshot {
  items: UploadItem[];
  /** Bytes still to send in total. */
  remainingBytes: number;
}

type Fetcher = typeof fetch;

export class FileUploader {
  private me?: MeResponse;
  private running = false;
  private wake?: () => void;
  private items: UploadItem[] = [];
  private listeners = new Set<(s: UploadSnapshot) => void>();
  private attempt = 0;
  private readonly onQueued = () => this.kick();

  constructor(
    private readonly doFetch: Fetcher = (u, i) => fetch(u, i),
    private readonly putBytes: (
      url: string,
      blob: Blob,
      onProgress: (sent: number) => void,
    ) => Promise<{ status: number; body: string }> = xhrPut,
  ) {}

  start(me: MeResponse): void {
    this.me = me;
    uploadsWaiting.addEventListener('queued', this.onQueued);
    if (!this.running) void this.loop();
    else this.kick();
  }

  stop(): void {
    this.me = undefined;
    uploadsWaiting.removeEventListener('queued', this.onQueued);
    this.items = [];
    this.notify();
    this.kick();
  }

  /** Look at the queue now (new files, back online). */
  kick(): void {
    this.attempt = 0;
    this.wake?.();
  }

  snapshot(): UploadSnapshot {
    return { items: this.items.map((i) => ({ ...i })), remainingBytes: this.items.reduce((n, i) => n + (i.size - i.sent), 0) };
  }

  subscribe(listener: (s: UploadSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    const s = this.snapshot();
    for (const l of [...this.listeners]) l(s);
  }

  private async refreshItems(me: MeResponse): Promise<void> {
    const items: UploadItem[] = [];
    for (const space of me.spaces) {
      for (const fileId of await queuedUploads(me, space).catch(() => [])) {
        const prev = this.items.find((i) => i.fileId === fileId);
        if (prev) {
          items.push(prev);
          continue;
        }
        const doc = await filesDb(me, space)
          .get<StoredFile>(fileId)
          .catch(() => null);
        items.push({ space, fileId, name: doc?.name ?? fileId, size: doc?.size ?? 0, sent: 0, state: 'waiting' });
      }
    }
    this.items = items;
    this.notify();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.me) {
        const me = this.me;
        await this.refreshItems(me);
        const next = this.items.find((i) => i.state === 'waiting');
        const online = typeof navigator === 'undefined' || navigator.onLine !== false;
        if (!next || !online) {
          await this.sleep(next ? 30_000 : 0);
          continue;
        }
        try {
          await this.upload(me, next);
          await dequeueUpload(me, next.space, next.fileId);
          this.items = this.items.filter((i) => i !== next);
          this.attempt = 0;
          this.notify();
        } catch (err) {
          if (!(err as { refused?: boolean }).refused) {
            next.state = 'waiting';
            next.sent = 0;
            this.notify();
            await this.sleep(backoffDelay(this.attempt++));
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Waits for `kick` (or `ms`, when given). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = ms > 0 ? setTimeout(() => resolve(), ms) : undefined;
      this.wake = () => {
        if (t) clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async upload(me: MeResponse, item: UploadItem): Promise<void> {
    const local = await localFile(me, item.space, item.fileId);
    if (!local) return; // erased meanwhile: nothing left to send
    const base = `${remoteFilesDbUrl(item.space)}/${encodeURIComponent(item.fileId)}`;
    let rev: string | undefined;
    const head = await this.doFetch(base, { credentials: 'include' });
    if (head.ok) {
      const remote = (await head.json()) as StoredFile & { _rev: string; _attachments?: Record<string, unknown> };
      if (remote._attachments?.[FILE_ATTACHMENT]) return; // sent before (e.g. the answer was lost)
      rev = remote._rev;
    } else if (head.status === 404) {
      const { _rev, _attachments, ...meta } = local.doc as StoredFile & { _rev?: string; _attachments?: unknown };
      void _rev;
      void _attachments;
      const created = await this.doFetch(base, {
        method: 'PUT',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(meta),
      });
      if (!created.ok) return this.refusedOrRetry(item, created.status, await created.text());
      rev = ((await created.json()) as { rev: string }).rev;
    } else return this.refusedOrRetry(item, head.status, await head.text());
    item.state = 'uploading';
    this.notify();
    const res = await this.putBytes(`${base}/${FILE_ATTACHMENT}?rev=${encodeURIComponent(rev!)}`, local.blob, (sent) => {
      item.sent = sent;
      this.notify();
    });
    if (res.status < 200 || res.status >= 300) return this.refusedOrRetry(item, res.status, res.body);
    item.sent = item.size;
  }

  /** 400/403/413: the server will never take this file; anything else is retried. */
  private refusedOrRetry(item: UploadItem, status: number, body: string): never {
    if (status === 400 || status === 403 || status === 413) {
      let reason = body;
      try {
        reason = (JSON.parse(body) as { reason?: string }).reason ?? body;
      } catch {
        /* not JSON */
      }
      item.state = 'refused';
      item.reason = reason;
      this.notify();
      throw Object.assign(new Error(reason), { refused: true });
    }
    throw new Error(`upload failed: ${status}`);
  }
}

function xhrPut(url: string, blob: Blob, onProgress: (sent: number) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', blob.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(new Error('network error'));
    xhr.onabort = () => reject(new Error('aborted'));
    xhr.send(blob);
  });
}

export const fileUploads = new FileUploader();
