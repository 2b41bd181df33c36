import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Response } from 'express';

/** Files that must never be cached: they name the current hashed assets. */
const NO_CACHE = new Set(['index.html', 'sw.js', 'manifest.webmanifest', 'registerSW.js']);

/**
 * The built client: `/assets/*` (hashed) cached for a year, entry files revalidated every time,
 * and the SPA fallback to index.html for app routes (never `/db`, `/api` or paths with an extension).
 */
export function createStatic(distDir: string): Router {
  const router = Router();
  const setHeaders = (res: Response, file: string) => {
    const rel = path.relative(distDir, file).split(path.sep).join('/');
    if (rel.startsWith('assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    else if (NO_CACHE.has(rel)) res.setHeader('Cache-Control', 'no-cache');
    else res.setHeader('Cache-Control', 'public, max-age=3600');
  };
  router.use(express.static(distDir, { index: false, setHeaders, fallthrough: true }));
  router.get('*', (req, res, next) => {
    if (req.path.startsWith('/db/') || req.path.startsWith('/api/') || req.path === '/db' || req.path === '/api') return next();
    if (path.posix.extname(req.path)) return next();
    const index = path.join(distDir, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The app has not been built yet: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
