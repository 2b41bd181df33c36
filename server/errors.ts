import type { ErrorRequestHandler, Response } from 'express';
import type { CouchError } from '../src/model/api.ts';
import type { Logger } from './logger.ts';

/** An error meant for the client: HTTP status plus a CouchDB-style `{error, reason}` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(`${status} ${error}: ${reason}`);
  }
  get body(): CouchError {
    return { error: this.error, reason: this.reason };
  }
}

export const unauthorized = (reason = 'You are not signed in.'): HttpError => new HttpError(401, 'unauthorized', reason);
export const forbidden = (reason = 'You are not allowed to do this.'): HttpError => new HttpError(403, 'forbidden', reason);
export const notFound = (reason = 'missing'): HttpError => new HttpError(404, 'not_found', reason);
export const methodNotAllowed = (allowed: string): HttpError => new HttpError(405, 'method_not_allowed', `Only ${allowed} allowed`);
export const badRequest = (reason: string): HttpError => new HttpError(400, 'bad_request', reason);

export function sendError(res: Response, err: HttpError): void {
  res.status(err.status).type('application/json').send(JSON.stringify(err.body));
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Final handler: known errors keep their status; everything else is a 500 with no internals. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      log.warn({ err, url: req.originalUrl }, 'error after response started');
      res.destroy();
      return;
    }
    if (err instanceof HttpError) return sendError(res, err);
    const bp = err as BodyParserError;
    if (bp && bp.type === 'entity.too.large') return sendError(res, new HttpError(413, 'too_large', 'The request entity is too large.'));
    if (bp && bp.type === 'entity.parse.failed') return sendError(res, badRequest('invalid_json'));
    // The client went away (or broke the framing) before its body was read: nothing of ours failed.
    if (bp && (bp.type === 'stream.not.readable' || bp.type === 'request.aborted'))
      return sendError(res, badRequest('The request body could not be read.'));
    if (bp && typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500) {
      return sendError(res, new HttpError(bp.status, 'bad_request', 'The request could not be processed.'));
    }
    log.error({ err, url: req.originalUrl }, 'unhandled error');
    sendError(res, new HttpError(500, 'unknown_error', 'Internal server error.'));
    void next;
  };
}
