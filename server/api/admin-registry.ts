import express, { Router, type Request } from 'express';
import { isDocumentKind } from '../../src/model/document-types.ts';
import { numberingYear } from '../../src/model/documents/numbering.ts';
import { DOCUMENT_KINDS } from '../../src/model/documents/types.ts';
import { isRegistryBook } from '../../src/model/registry-books.ts';
import { badRequest, notFound, sendError } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { type AuditLog, auditFrom } from '../services/audit.ts';
import { listDocumentTypes, saveDocumentType } from '../services/document-types.ts';
import { NumberingService } from '../services/numbering.ts';
import { listRegistryBooks, saveRegistryBook } from '../services/registry-books.ts';
import type { Store } from '../store/types.ts';
import { answerJson, auditContextOf, requireAdmin } from './admin-guard.ts';

const json = express.json({ limit: '16kb' });

function yearParam(v: unknown): number {
  const year = Number(v);
  if (typeof v !== 'string' || !/^\d{4}$/.test(v)) throw badRequest('year must be a four-digit year.');
  return year;
}

/**
 * `/api/admin/registry-books` (admin role only): the four registry books of a year with their printed
 * names, the number each series starts at and how far it has got; setting them continues a paper book's
 * numbering in Docket. Changes are audited and reach every device through the org space.
 */
export function registryBooksRouter(store: Store, sessions: SessionResolver, audit: AuditLog): Router {
  const router = Router();
  const numbering = new NumberingService(store);
  router.use(requireAdmin(sessions));
  router.get(
    '/',
    answerJson((req: Request) =>
      listRegistryBooks(store, numbering, yearParam(req.query.year ?? String(numberingYear(new Date().toISOString())))),
    ),
  );
  router.put(
    '/:book/:year',
    json,
    answerJson(async (req: Request) => {
      const book = req.params.book;
      if (!isRegistryBook(book)) throw notFound(`No registry book "${String(book)}".`);
      const year = yearParam(req.params.year);
      const b = (req.body ?? {}) as Record<string, unknown>;
      const firstNumber = typeof b.firstNumber === 'number' ? b.firstNumber : Number.NaN;
      const name = typeof b.name === 'string' ? b.name : '';
      const note = typeof b.note === 'string' ? b.note : '';
      const { status, previous } = await saveRegistryBook(
        store,
        numbering,
        book,
        year,
        { name, firstNumber, note },
        req.docketCaller!.name,
      );
      const start = previous.firstNumber === status.firstNumber ? '' : `, first number ${previous.firstNumber} → ${status.firstNumber}`;
      await audit.record(
        auditFrom(
          auditContextOf(req),
          'directoryChanged',
          `registryBook:${book}:${year}`,
          `Registry book ${book} ${year}: "${status.name}"${start}`,
        ),
      );
      return status;
    }),
  );
  router.use((_req, res) => sendError(res, notFound('Unknown registry books endpoint.')));
  return router;
}

/**
 * `/api/admin/document-types` (admin role only): the Decree's document types with their abbreviations, and
 * for each whether the registration form and the draft form offer it.
 */
export function documentTypesRouter(store: Store, sessions: SessionResolver, audit: AuditLog): Router {
  const router = Router();
  router.use(requireAdmin(sessions));
  router.get(
    '/',
    answerJson(() => listDocumentTypes(store)),
  );
  router.put(
    '/:kind',
    json,
    answerJson(async (req: Request) => {
      const kind = req.params.kind;
      if (!isDocumentKind(kind)) throw notFound(`No document type "${String(kind)}".`);
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (typeof b.incoming !== 'boolean' || typeof b.outgoing !== 'boolean')
        throw badRequest('incoming and outgoing must be true or false.');
      const status = await saveDocumentType(store, kind, { incoming: b.incoming, outgoing: b.outgoing }, req.docketCaller!.name);
      const where = [status.incoming ? 'registration' : '', status.outgoing ? 'drafts' : ''].filter(Boolean).join(' and ') || 'no form';
      await audit.record(
        auditFrom(
          auditContextOf(req),
          'directoryChanged',
          `documentType:${kind}`,
          `Document type ${DOCUMENT_KINDS[kind].vi} offered in ${where}`,
        ),
      );
      return status;
    }),
  );
  router.use((_req, res) => sendError(res, notFound('Unknown document types endpoint.')));
  return router;
}
