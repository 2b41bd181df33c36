import express, { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { ORG_DB } from '../services/directory.ts';
import { accountEvents, notifyAccountsChanged } from '../services/events.ts';
import type { Store } from '../store/types.ts';
import { HttpError, notFound, sendError } from '../errors.ts';
import { type UserCtx, isActive, mustChangePassword } from '../../src/model/roles.ts';
import { ConversationService, conversationEvents } from '../services/conversations.ts';
import type { ActivityLog } from '../services/activity.ts';
import type { AuditLog } from '../services/audit.ts';
import { hardenSetCookie } from './cookies.ts';
import { type Route, authorize, conversationOfDb, isServerAdmin, routeOf, writesDesignDoc } from './rules.ts';
import { RevokedSessions } from './revoked-sessions.ts';
import { SessionResolver, credentialsOf } from './session.ts';
import { SESSION_TIMEOUT_S } from '../store/embedded.ts';
import { checkQuery, checkShape } from './shapes.ts';
import { taskRules } from './task-rules.ts';
import { scheduleRules } from './schedule-rules.ts';
import { messageRules } from './message-rules.ts';
import { ATTACHMENT_LIMITS } from '../../src/model/documents/limits.ts';

export const BODY_LIMITS = {
  /** `_bulk_docs` carries inline attachments (a 10 MB file is ~13.4 MB of base64) for a whole batch. */
  bulkDocs: '64mb',
  /** One document with at most one 10 MB attachment inline. */
  doc: '16mb',
  session: '16kb',
  other: '1mb',
  /** Raw attachment upload: a document file (25 MB, src/model/documents/limits.ts); notices' own rule is 10 MB. */
  attachmentBytes: ATTACHMENT_LIMITS.maxBytes + 64 * 1024,
} as const;

export interface GatewayOptions {
  store: Store;
  loginRateLimit: number;
  /** Sign-ins, failed sign-ins and sign-outs are recorded here. */
  audit?: AuditLog;
  /** Last sign-in and last sync per account. */
  activity?: ActivityLog;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The caller, resolved by the gateway (null: anonymous). */
      docketUser?: UserCtx | null;
      docketRoute?: Route;
    }
  }
}

const jsonParsers = {
  bulkDocs: express.json({ limit: BODY_LIMITS.bulkDocs }),
  doc: express.json({ limit: BODY_LIMITS.doc }),
  session: express.json({ limit: BODY_LIMITS.session }),
  other: express.json({ limit: BODY_LIMITS.other }),
};
const formParser = express.urlencoded({ extended: false, limit: BODY_LIMITS.session });

function basicName(header: string | undefined): string {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return '';
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  return decoded.slice(0, Math.max(0, decoded.indexOf(':')));
}

/** The `Cookie` header without `AuthSession`. */
function withoutSessionCookie(header: string): string {
  return header
    .split(';')
    .filter((part) => !/^\s*AuthSession=/.test(part))
    .join(';')
    .trim();
}

function parserFor(route: Route): RequestHandler | null {
  if (route.kind === 'session') return jsonParsers.session;
  if (route.kind !== 'db') return jsonParsers.other;
  switch (route.part) {
    case 'attachment':
      return null;
    case 'bulk_docs':
      return jsonParsers.bulkDocs;
    case 'doc':
    case 'info':
      return jsonParsers.doc;
    default:
      return jsonParsers.other;
  }
}

/**
 * The allowlist in front of `/db`: resolves the caller, refuses everything the app does not need,
 * limits bodies, hardens cookies and attachment downloads, then hands the request to the store.
 */
export function createGateway(opts: GatewayOptions): { router: Router; sessions: SessionResolver; ready: () => Promise<void> } {
  const { store } = opts;
  const revoked = new RevokedSessions(store, SESSION_TIMEOUT_S);
  const sessions = new SessionResolver(store, revoked);
  accountEvents.on('changed', () => sessions.clear());
  // Conversation spaces and their files databases are read by their members only (docs/decisions/0005): the registry
  // names them. A person who leaves loses access to both at once: later requests are refused, and requests still open
  // (a long-poll or continuous `_changes`, a download) are cut.
  const conversations = new ConversationService(store);
  const openConversationRequests = new Map<string, Set<{ name: string; res: Response }>>();
  conversationEvents.on('changed', (id: string, members: string[]) => {
    for (const entry of openConversationRequests.get(id) ?? []) if (!members.includes(entry.name)) entry.res.destroy();
  });
  const trackConversationRequest = (id: string, name: string, res: Response) => {
    let set = openConversationRequests.get(id);
    if (!set) openConversationRequests.set(id, (set = new Set()));
    const entry = { name, res };
    set.add(entry);
    res.on('close', () => {
      set.delete(entry);
      if (set.size === 0 && openConversationRequests.get(id) === set) openConversationRequests.delete(id);
    });
  };
  // Entries of cookies that have expired by themselves are no longer needed (at start, then daily).
  const prune = () => void revoked.prune().catch(() => undefined);
  prune();
  setInterval(prune, 24 * 3600 * 1000).unref();
  const router = Router();

  const loginLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: opts.loginRateLimit,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      // Any JSON may arrive here (`{"name":{"toString":1}}` made String() throw: a 500).
      const name: unknown = (req.body as { name?: unknown } | undefined)?.name;
      return `${ipKeyGenerator(req.ip ?? '')}|${typeof name === 'string' ? name : JSON.stringify(name ?? '')}`;
    },
    handler: (_req, res) => sendError(res, new HttpError(429, 'too_many_requests', 'Too many failed sign-ins. Try again later.')),
  });

  // Basic auth on any request is a sign-in too: failed attempts count like failed POST /_session.
  const basicLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: opts.loginRateLimit,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (req) => req.docketUser != null,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|basic|${basicName(req.headers.authorization)}`,
    handler: (_req, res) => sendError(res, new HttpError(429, 'too_many_requests', 'Too many failed sign-ins. Try again later.')),
  });
  router.use((req: Request, res: Response, next: NextFunction) => (req.headers.authorization ? basicLimiter(req, res, next) : next()));

  router.use((req: Request, res: Response, next: NextFunction) => {
    let route: Route;
    try {
      route = routeOf(req.path);
    } catch (err) {
      return next(err);
    }
    req.docketRoute = route;
    hardenSetCookie(req, res);
    const cred = credentialsOf(req.headers);
    const conversationId = route.kind === 'db' ? conversationOfDb(route.db) : null;
    sessions
      .resolve(cred)
      .then(async (user) => {
        const members =
          conversationId && user && !isServerAdmin(user) && isActive(user) ? await conversations.membersOf(conversationId) : undefined;
        return { user, members };
      })
      .then(({ user, members }) => {
        req.docketUser = user;
        // A cookie that names nobody (signed out, expired, forged) never reaches the store: its own
        // `GET /_session` would still accept a signed-out cookie, and renew it.
        if (!user && cred.authSession && req.headers.cookie) req.headers.cookie = withoutSessionCookie(req.headers.cookie);
        const refusal =
          authorize(req.method, route, user, req.query as Record<string, unknown>, members) ??
          (isServerAdmin(user) ? null : checkQuery(req.method, route, req.query as Record<string, unknown>, req.headers['if-match']));
        if (refusal) return sendError(res, refusal);
        if (user && mustChangePassword(user) && route.kind !== 'session')
          return sendError(
            res,
            new HttpError(403, 'password_change_required', 'Choose a new password first (the one you signed in with was one-time).'),
          );
        if (user?.name && route.kind === 'db' && !isServerAdmin(user)) opts.activity?.synced(user.name);
        if (conversationId && user?.name && !isServerAdmin(user)) trackConversationRequest(conversationId, user.name, res);
        if (route.kind === 'db' && route.part === 'attachment' && req.method === 'PUT') {
          const length = Number(req.headers['content-length']);
          if (!req.headers['content-length'] || !Number.isFinite(length))
            return sendError(res, new HttpError(411, 'length_required', 'Content-Length is required.'));
          if (length > BODY_LIMITS.attachmentBytes)
            return sendError(res, new HttpError(413, 'too_large', `Files must be at most ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB.`));
        }
        if (route.kind === 'db' && route.part === 'attachment' && (req.method === 'GET' || req.method === 'HEAD')) {
          res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(route.attachment ?? 'file')}`);
          res.setHeader('X-Content-Type-Options', 'nosniff');
        }
        if (
          isServerAdmin(user) &&
          req.method !== 'GET' &&
          req.method !== 'HEAD' &&
          route.kind === 'db' &&
          (route.db === '_users' || route.db === ORG_DB)
        ) {
          res.on('finish', notifyAccountsChanged);
        }
        next();
      })
      .catch(next);
  });

  // Bodies: parsed here (express-pouchdb and the proxy reuse the parsed body) with per-route limits.
  router.use((req: Request, res: Response, next: NextFunction) => {
    const route = req.docketRoute!;
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') return next();
    const parse = parserFor(route);
    if (!parse) return next();
    parse(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (route.kind === 'session') {
        return formParser(req, res, (formErr?: unknown) => {
          if (formErr) return next(formErr);
          const bad = checkShape(req.method, route, req.body);
          return bad ? sendError(res, bad) : next();
        });
      }
      const bad = checkShape(req.method, route, req.body);
      if (bad) return sendError(res, bad);
      if (route.kind === 'db' && !isServerAdmin(req.docketUser ?? null) && writesDesignDoc(route.part, req.body)) {
        return sendError(res, new HttpError(403, 'forbidden', 'Only the server administrator may change design documents.'));
      }
      if (route.kind === 'db' && route.part === 'doc' && req.body && typeof req.body === 'object') {
        const bodyId = (req.body as { _id?: unknown })._id;
        if (bodyId !== undefined && bodyId !== route.docId)
          return sendError(res, new HttpError(400, 'bad_request', '_id does not match the URL.'));
      }
      next();
    });
  });

  // Deleting an attachment the document does not have answered 500 on the embedded store (pouchdb-validation's
  // removeAttachment wrapper reads `doc._attachments[name]` unchecked); CouchDB answers 404.
  router.use((req: Request, res: Response, next: NextFunction) => {
    const route = req.docketRoute!;
    if (req.method !== 'DELETE' || route.kind !== 'db' || route.part !== 'attachment' || store.kind !== 'embedded') return next();
    const rev = typeof req.query.rev === 'string' ? req.query.rev : undefined;
    store
      .exists(route.db)
      .then(async (exists) => {
        if (!exists) return next();
        const doc = await (await store.db(route.db)).get(route.docId!, rev ? { rev } : {}).catch(() => null);
        if (doc && !Object.prototype.hasOwnProperty.call(doc._attachments ?? {}, route.attachment!))
          return sendError(res, notFound('Document is missing attachment.'));
        next();
      })
      .catch(next);
  });

  // Relation rules of tasks: refused task documents are marked for validate_doc_update (docs/decisions/0003).
  router.use(taskRules({ store }));
  // Relation rules of schedules (organiser, invitees, the week's publication state): docs/decisions/0004.
  router.use(scheduleRules({ store }));
  // Only the author edits or removes a message: docs/decisions/0005.
  router.use(messageRules({ store }));

  router.post('/_session', loginLimiter, (req: Request, res: Response, next: NextFunction) => {
    // Every sign-in through the app, and every refused one, goes into the audit log.
    res.on('finish', () => {
      const name: unknown = (req.body as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string' || !name) return;
      const ok = res.statusCode === 200;
      if (ok) void opts.activity?.signedIn(name).catch(() => undefined);
      if (ok || res.statusCode === 401)
        void opts.audit
          ?.record({
            actor: name,
            action: ok ? 'signIn' : 'signInFailed',
            target: name,
            summary: ok ? 'Signed in' : 'Sign-in refused: wrong name or password',
            ...(req.ip ? { ip: req.ip } : {}),
          })
          .catch(() => undefined);
    });
    next();
  });
  // Signing out ends the session on the server too (revoked-sessions.ts), before the store clears the cookie.
  router.delete('/_session', (req: Request, _res: Response, next: NextFunction) => {
    const cookie = credentialsOf(req.headers).authSession;
    const user = req.docketUser;
    if (!cookie || !user?.name) return next();
    revoked
      .revoke(cookie, user.name)
      .then(() => {
        sessions.forget(cookie);
        void opts.audit
          ?.record({ actor: user.name, action: 'signOut', target: user.name, summary: 'Signed out', ...(req.ip ? { ip: req.ip } : {}) })
          .catch(() => undefined);
        next();
      })
      .catch(next);
  });
  router.use(store.handler);
  return { router, sessions, ready: () => revoked.ready() };
}
