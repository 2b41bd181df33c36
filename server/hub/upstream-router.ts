import express, { type NextFunction, type Request, type RequestHandler, type Response, Router } from 'express';
import type { HubGrant } from '../../src/model/hub.ts';
import { HttpError, forbidden, methodNotAllowed, notFound, sendError, unauthorized } from '../errors.ts';
import { type Route, isServerLocalDoc, routeOf } from '../gateway/rules.ts';
import { checkQuery } from '../gateway/shapes.ts';
import { BODY_LIMITS } from '../gateway/index.ts';
import type { Store } from '../store/types.ts';
import { isHubAccount } from '../../src/model/hub.ts';
import { grantOf } from './grant.ts';
import { writeFromHub } from './hub-writes.ts';

/**
 * `/hub` on an upstream server (docs/decisions/0006): what field hubs use, with their own account (Basic auth).
 * `GET /hub/api/grant` tells a hub its spaces and accounts; `/hub/db/<db>/…` is the CouchDB replication protocol on
 * those databases only: reads and checkpoints are served by the store as the server admin, document writes are
 * checked document by document as their authors (hub-writes.ts). Everything else is refused.
 */

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      docketHub?: HubGrant;
    }
  }
}

/** What replication needs of a database, per part, and the methods allowed. */
const HUB_METHODS: Partial<Record<string, readonly string[]>> = {
  info: ['GET', 'HEAD'],
  changes: ['GET', 'POST'],
  all_docs: ['GET', 'POST'],
  bulk_get: ['POST'],
  revs_diff: ['POST'],
  bulk_docs: ['POST'],
  ensure_full_commit: ['POST'],
  local: ['GET', 'HEAD', 'PUT'],
  doc: ['GET', 'HEAD'],
  attachment: ['GET', 'HEAD'],
};

export interface UpstreamHubOptions {
  store: Store;
  admin: { name: string; password: string };
  loginRateLimit: number;
  /** The organisation as an issuing body, passed on to hubs with their grant. */
  issuer?: { code: string; name: string };
}

export function upstreamHubRouter(opts: UpstreamHubOptions): Router {
  const { store } = opts;
  const adminAuth = `Basic ${Buffer.from(`${opts.admin.name}:${opts.admin.password}`).toString('base64')}`;
  const router = Router();
  // Failed sign-ins per address, as for people (LOGIN_RATE_LIMIT in 15 minutes). Only failures count: a hub keeps
  // dozens of long-polls open at once, which a limiter counting requests in flight would refuse.
  const failures = new Map<string, { count: number; resetAt: number }>();
  const WINDOW_MS = 15 * 60 * 1000;
  const blocked = (ip: string): boolean => {
    const f = failures.get(ip);
    if (f && Date.now() > f.resetAt) failures.delete(ip);
    return (failures.get(ip)?.count ?? 0) >= opts.loginRateLimit;
  };
  const failed = (ip: string): void => {
    if (failures.size > 10_000) for (const [k, v] of failures) if (Date.now() > v.resetAt) failures.delete(k);
    const f = failures.get(ip) ?? { count: 0, resetAt: Date.now() + WINDOW_MS };
    f.count++;
    failures.set(ip, f);
  };
  // A grant is read at most once a second per hub: replication sends many small requests.
  const grants = new Map<string, { at: number; grant: Promise<HubGrant | null> }>();
  const grantFor = (name: string): Promise<HubGrant | null> => {
    const cached = grants.get(name);
    if (cached && Date.now() - cached.at < 1000) return cached.grant;
    const grant = grantOf(store, name);
    grants.set(name, { at: Date.now(), grant });
    grant.catch(() => grants.delete(name));
    return grant;
  };

  router.use((req: Request, res: Response, next: NextFunction) => {
    const ip = req.ip ?? '';
    if (blocked(ip)) return sendError(res, new HttpError(429, 'too_many_requests', 'Too many failed sign-ins. Try again later.'));
    const authorization = req.headers.authorization;
    if (!authorization || !/^Basic\s/i.test(authorization))
      return sendError(res, unauthorized('A hub signs in with its account (Basic auth).'));
    store
      .session({ authorization })
      .then(async (user) => {
        if (!user) {
          failed(ip);
          return sendError(res, unauthorized('Name or password is incorrect.'));
        }
        if (!isHubAccount(user)) return sendError(res, forbidden('Only hub accounts use /hub.'));
        const grant = await grantFor(user.name);
        if (!grant) return sendError(res, forbidden('This hub has no grant.'));
        req.docketHub = grant;
        next();
      })
      .catch(next);
  });

  router.get(
    '/api/grant',
    (req: Request, res: Response) => void res.json({ ...req.docketHub, ...(opts.issuer ? { issuer: opts.issuer } : {}) }),
  );

  const bulkParser = express.json({ limit: BODY_LIMITS.bulkDocs });
  const otherParser = express.json({ limit: BODY_LIMITS.doc });
  router.use('/db', (req: Request, res: Response, next: NextFunction) => {
    let route: Route;
    try {
      route = routeOf(req.path);
    } catch (err) {
      return next(err);
    }
    // The server's welcome (PouchDB asks for it before replicating); nothing else outside the granted databases.
    if (route.kind === 'root' && (req.method === 'GET' || req.method === 'HEAD'))
      return void res.json({ couchdb: 'Welcome', docket: 'hub' });
    if (route.kind !== 'db') return sendError(res, forbidden('A hub reaches its databases only.'));
    if (!req.docketHub!.dbs.includes(route.db)) return sendError(res, forbidden(`This hub was not granted ${route.db}.`));
    if (route.part === 'local' && isServerLocalDoc(route.docId))
      return sendError(res, forbidden('This local document belongs to the server.'));
    const allowed = HUB_METHODS[route.part];
    if (!allowed)
      return sendError(res, route.part === 'unknown' ? notFound(`Unknown endpoint ${route.special ?? ''}.`) : forbidden('Not for hubs.'));
    if (!allowed.includes(req.method)) return sendError(res, methodNotAllowed(allowed.join(', ')));
    const bad = checkQuery(req.method, route, req.query as Record<string, unknown>, req.headers['if-match']);
    if (bad) return sendError(res, bad);
    const parse: RequestHandler | null =
      req.method === 'GET' || req.method === 'HEAD' ? null : route.part === 'bulk_docs' ? bulkParser : otherParser;
    const proceed = () => {
      if (route.part === 'bulk_docs') return void bulkDocs(req, res, next, route.db);
      // Reads and the hub's own checkpoints: served by the store, as the server admin.
      req.headers.authorization = adminAuth;
      delete req.headers.cookie;
      store.handler(req, res, next);
    };
    if (!parse) return proceed();
    parse(req, res, (err?: unknown) => (err ? next(err) : proceed()));
  });

  function bulkDocs(req: Request, res: Response, next: NextFunction, db: string): void {
    const body = req.body as { docs?: unknown; new_edits?: unknown } | undefined;
    if (!body || !Array.isArray(body.docs)) return sendError(res, new HttpError(400, 'bad_request', 'Body must hold a docs array.'));
    if (body.new_edits !== false) return sendError(res, new HttpError(400, 'bad_request', 'A hub replicates: new_edits must be false.'));
    writeFromHub(store, req.docketHub!, db, body.docs)
      .then((r) => void res.status(201).json(r.errors))
      .catch(next);
  }

  return router;
}
