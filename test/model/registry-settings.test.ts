import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { offeredKinds } from '../../src/model/document-types.ts';
import { nextNumberOf, registryBookProblem } from '../../src/model/registry-books.ts';

describe('registry book settings', () => {
  const ok = { name: 'Sổ đến', firstNumber: 232, note: '' };
  it('the next number follows the last one given, never below the first number', () => {
    assert.equal(nextNumberOf(1, null), 1);
    assert.equal(nextNumberOf(232, null), 232);
    assert.equal(nextNumberOf(232, 240), 241);
    assert.equal(nextNumberOf(1, 9), 10);
    assert.equal(nextNumberOf(500, 9), 500);
  });
  it('a new first number may not reuse a number given; an unchanged one may stay below the last', () => {
    assert.equal(registryBookProblem(ok, 1, null), null);
    assert.equal(registryBookProblem(ok, 1, 231), null);
    assert.equal(registryBookProblem({ ...ok, firstNumber: 231 }, 1, 231)?.reason, 'numberUsed');
    assert.equal(registryBookProblem({ ...ok, firstNumber: 5 }, 1, 231)?.reason, 'numberUsed');
    assert.equal(registryBookProblem({ ...ok, firstNumber: 1 }, 1, 231), null);
  });
  it('refuses first numbers that are not whole numbers from 1, and long names or notes', () => {
    for (const firstNumber of [0, -1, 1.5, Number.NaN, 1_000_000])
      assert.equal(registryBookProblem({ ...ok, firstNumber }, 1, null)?.reason, 'invalid', String(firstNumber));
    assert.equal(registryBookProblem({ ...ok, name: 'x'.repeat(201) }, 1, null)?.reason, 'invalid');
    assert.equal(registryBookProblem({ ...ok, note: 'x'.repeat(501) }, 1, null)?.reason, 'invalid');
  });
});

describe('document types offered in the forms', () => {
  it('offers every type by default, in the Decree’s order', () => {
    const all = offeredKinds([], 'outgoing');
    assert.equal(all[0], 'nghiQuyet');
    assert.equal(all.at(-1), 'congVan');
    assert.equal(all.length, 22);
  });
  it('leaves out a type turned off for that form only, but keeps the one already chosen', () => {
    const settings = [{ kind: 'nghiQuyet' as const, incoming: true, outgoing: false }];
    assert.ok(!offeredKinds(settings, 'outgoing').includes('nghiQuyet'));
    assert.ok(offeredKinds(settings, 'incoming').includes('nghiQuyet'));
    assert.ok(offeredKinds(settings, 'outgoing', 'nghiQuyet').includes('nghiQuyet'));
  });
  it('never leaves a form without any type', () => {
    const none = offeredKinds(
      offeredKinds([], 'incoming').map((kind) => ({ kind, incoming: false, outgoing: false })),
      'incoming',
    );
    assert.equal(none.length, 22);
  });
});
