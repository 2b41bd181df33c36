import type { Logger } from '../logger.ts';
import { AuditLog } from '../services/audit.ts';
import { auditWorker } from './audit-worker.ts';
import { type NumberingOptions, NumberingService } from '../services/numbering.ts';
import type { Store } from '../store/types.ts';
import { deliveryWorkers } from './delivery-worker.ts';
import type { IssuerInfo } from './documents.ts';
import { WorkerHost, type WorkerHostOptions } from './host.ts';
import { type NumberingWorkerOptions, numberingWorker } from './numbering-worker.ts';
import { MemberDirectory } from '../services/members.ts';
import { type NotificationWorker, type NotificationWorkerOptions, notificationWorker } from './notification-worker.ts';
import { type RecurrenceOptions, type RecurrenceWorker, recurrenceWorker } from './recurrence-worker.ts';
import { taskMirrorWorkers } from './task-mirror-worker.ts';
import { threadMirrorWorkers } from './thread-mirror-worker.ts';
import { pushWorker } from './push-worker.ts';
import type { PushService } from '../services/push.ts';

export { WorkerHost, checkpointId } from './host.ts';
export type { Worker, WorkerChange, WorkerHostOptions } from './host.ts';

export interface WorkersOptions extends WorkerHostOptions {
  /** Default true; false starts the server without workers. */
  enabled?: boolean;
  numbering?: NumberingOptions;
  numberingWorker?: NumberingWorkerOptions;
  recurrence?: RecurrenceOptions;
  notifications?: NotificationWorkerOptions;
  /** Web Push: when set, new notifications also go to the recipients' subscribed devices. */
  push?: PushService | null;
}

export interface ServerWorkers {
  host: WorkerHost;
  numbering: NumberingService;
  /** The recurrence worker (tests run its sweep). */
  recurrence: RecurrenceWorker;
  /** The notification worker (tests run its deadline sweep). */
  notifications: NotificationWorker;
  stop(): Promise<void>;
}

/** The server workers (documents: numbering, delivery, files, threads, audit; tasks: mirror, files, recurrence; notifications) on one host; not started yet. */
export function createWorkers(adminStore: Store, log: Logger, issuer: IssuerInfo, opts: WorkersOptions = {}): ServerWorkers {
  const store = withCachedDbs(adminStore);
  const wlog = log.child({ component: 'workers' });
  const numbering = new NumberingService(store, { log: wlog, ...opts.numbering });
  const ctx = { store, log: wlog, numbering, issuer };
  const members = new MemberDirectory(store);
  const recurrence = recurrenceWorker({ store, log: wlog }, opts.recurrence);
  const notifications = notificationWorker({ store, log: wlog, members }, opts.notifications);
  const host = new WorkerHost(
    store,
    wlog,
    [
      numberingWorker(ctx, opts.numberingWorker),
      ...deliveryWorkers(ctx),
      // Discussions on official documents: one thread across every copy of the document (docs/decisions/0005).
      ...threadMirrorWorkers({ store, log: wlog }),
      // Numbering, approvals, issuance, recalls and deletions, once each, in the admin-only audit log (issue 9).
      auditWorker({ store, audit: new AuditLog(store) }),
      ...taskMirrorWorkers({ store, log: wlog, members }),
      recurrence,
      // Steps of documents and tasks → notifications in the recipients' personal spaces (issue 6).
      notifications,
      // New notifications → the recipients' phones, for those who turned push on (issue 6).
      ...(opts.push ? [pushWorker(store, opts.push)] : []),
    ],
    opts,
  );
  return {
    host,
    numbering,
    recurrence,
    notifications,
    stop: () => host.stop(),
  };
}

/**
 * The store with database handles kept: opening a database on the embedded store runs `info()`
 * (a walk over its files) every time, which dominated the workers' time per change.
 */
function withCachedDbs(store: Store): Store {
  const dbs = new Map<string, Promise<PouchDB.Database>>();
  return Object.assign(Object.create(store) as Store, {
    db(name: string): Promise<PouchDB.Database> {
      let db = dbs.get(name);
      if (!db) {
        db = store.db(name);
        dbs.set(name, db);
        db.catch(() => dbs.delete(name));
      }
      return db;
    },
  });
}
