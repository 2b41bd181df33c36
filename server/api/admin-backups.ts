import { stat } from 'node:fs/promises';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { StartBackupResponse } from '../../src/model/backups.ts';
import { HttpError, notFound, sendError } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { BackupRunningError, type BackupFolder } from '../services/backups.ts';
import { auditContextOf, requireAdmin } from './admin-guard.ts';

const noSuchBackup = (): HttpError => notFound('No such backup.');

/**
 * `/api/admin/backups` (admin role only): start a backup now (one at a time, in the background), list the
 * files with the running one's progress, download one, and check one for a restore. There is no restore
 * here on purpose: the live store cannot be restored under the running server; the check answers what the
 * file holds and the admin page shows the CLI command that restores it into an empty DATA_DIR.
 */
export function adminBackupsRouter(folder: BackupFolder, sessions: SessionResolver): Router {
  const router = Router();
  router.use(requireAdmin(sessions));

  router.get('/', (_req: Request, res: Response, next: NextFunction) => {
    folder
      .list()
      .then((body) => res.json(body))
      .catch(next);
  });

  router.post('/', (req: Request, res: Response) => {
    try {
      const body: StartBackupResponse = { name: folder.start(auditContextOf(req)) };
      res.status(202).json(body);
    } catch (err) {
      if (!(err instanceof BackupRunningError)) throw err;
      sendError(res, new HttpError(409, 'conflict', err.message));
    }
  });

  router.get('/:name', (req: Request, res: Response, next: NextFunction) => {
    const name = req.params.name ?? '';
    const file = folder.pathOf(name);
    if (!file) return sendError(res, noSuchBackup());
    stat(file)
      .then((st) => {
        if (!st.isFile()) return sendError(res, noSuchBackup());
        // A gzip file as it is on disk: no Content-Encoding, so the browser saves it without unpacking it.
        res.download(file, name, { headers: { 'Content-Type': 'application/gzip' } }, (err) => {
          if (err && !res.headersSent) next(err);
        });
      })
      .catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? sendError(res, noSuchBackup()) : next(err)));
  });

  router.post('/:name/restore-check', (req: Request, res: Response, next: NextFunction) => {
    folder
      .check(req.params.name ?? '')
      .then((answer) => (answer ? res.json(answer) : sendError(res, noSuchBackup())))
      .catch(next);
  });

  router.use((_req, res) => sendError(res, notFound('Unknown backups endpoint.')));
  return router;
}
