import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guardQuota, isQuotaError, StorageFullError, statusOf } from '../../src/data/errors.ts';

test('recognises a full quota, raw or wrapped by the indexeddb adapter', () => {
  assert.equal(isQuotaError(new DOMException('full', 'QuotaExceededError')), true);
  assert.equal(isQuotaError({ status: 500, name: 'indexed_db_went_bad', reason: 'QuotaExceededError' }), true);
  assert.equal(isQuotaError({ status: 500, name: 'indexed_db_went_bad', reason: 'AbortError' }), false);
  assert.equal(isQuotaError({ error: { name: 'QuotaExceededError' } }), true);
  assert.equal(isQuotaError(null), false);
  assert.equal(isQuotaError('QuotaExceededError'), false);
});

test('guardQuota turns a full quota into StorageFullError and passes other errors through', async () => {
  await assert.rejects(
    guardQuota(() => Promise.reject({ status: 500, name: 'indexed_db_went_bad', reason: 'QuotaExceededError' })),
    (err: unknown) => err instanceof StorageFullError && err.name === 'StorageFullError',
  );
  await assert.rejects(
    guardQuota(() => Promise.reject({ status: 409, name: 'conflict' })),
    { status: 409 },
  );
  assert.equal(await guardQuota(() => Promise.resolve(5)), 5);
});

test('statusOf reads PouchDB/HTTP error statuses', () => {
  assert.equal(statusOf({ status: 404 }), 404);
  assert.equal(statusOf(new Error('x')), undefined);
  assert.equal(statusOf(undefined), undefined);
});
