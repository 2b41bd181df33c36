import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { filesDbNameOf, spaceOfFilesDbName } from '../../src/model/files.ts';
import type { UserCtx } from '../../src/model/roles.ts';
import type { SpaceRef } from '../../src/model/spaces.ts';
import { validateFileUpdate } from '../../src/model/validate-doc.ts';

const VP: SpaceRef = { kind: 'unit', id: 'vp' };
const ORG: SpaceRef = { kind: 'org', id: 'org' };
const CONV: SpaceRef = { kind: 'conversation', id: '01jabcdefghjkmnpqrstvwxyz0' };
const staff: UserCtx = { name: 'an.nguyen', roles: ['staff', 'unit:vp'] };
const other: UserCtx = { name: 'dung.ngo', roles: ['staff', 'unit:vp'] };
const SHA = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';

const meta = (over: Record<string, unknown> = {}) => ({
  _id: 'file:01JFILE0000000000000000000',
  type: 'file',
  schema: 1,
  createdAt: '2026-11-25T01:00:00.000Z',
  createdBy: staff.name,
  ownerId: 'officialDocument:01JDOC00000000000000000000',
  name: 'Báo cáo.pdf',
  contentType: 'application/pdf',
  size: 1000,
  sha256: SHA,
  ...over,
});
const withBytes = (over: Record<string, unknown> = {}, att: Record<string, unknown> = {}) => ({
  ...meta(over),
  _attachments: { data: { content_type: 'application/pdf', length: 1000, stub: true, digest: 'md5-x', ...att } },
});

const allows = (n: Record<string, unknown>, o: Record<string, unknown> | null, u: UserCtx) =>
  assert.doesNotThrow(() => validateFileUpdate(n, o, u, {}, VP));
const refuses = (n: Record<string, unknown>, o: Record<string, unknown> | null, u: UserCtx, match: RegExp) =>
  assert.throws(
    () => validateFileUpdate(n, o, u, {}, VP),
    (e: { forbidden?: string }) => !!e.forbidden && match.test(e.forbidden),
  );

describe('files database rules', () => {
  it('names the files database of each space, the org space and conversations included', () => {
    assert.equal(filesDbNameOf(VP), 'docket-files-unit-vp');
    assert.deepEqual(spaceOfFilesDbName('docket-files-unit-vp-files'), { kind: 'unit', id: 'vp-files' });
    assert.deepEqual(spaceOfFilesDbName(filesDbNameOf({ kind: 'personal', id: 'an.nguyen' })), { kind: 'personal', id: 'an.nguyen' });
    assert.equal(filesDbNameOf(ORG), 'docket-files-org');
    assert.deepEqual(spaceOfFilesDbName('docket-files-org'), ORG);
    assert.equal(filesDbNameOf(CONV), 'docket-files-conv-01jabcdefghjkmnpqrstvwxyz0');
    assert.deepEqual(spaceOfFilesDbName(filesDbNameOf(CONV)), CONV);
    const dm: SpaceRef = { kind: 'conversation', id: 'dm-0123456789abcdef01234567' };
    assert.deepEqual(spaceOfFilesDbName(filesDbNameOf(dm)), dm);
    for (const bad of ['docket-unit-vp', 'docket-files-conv-x', 'docket-files-files-org', 'docket-files-', 'docket-files-conversations'])
      assert.equal(spaceOfFilesDbName(bad), null, bad);
  });

  it('takes files of calendar events, schedule steps and messages; in a conversation only of messages', () => {
    const owners = [
      'calendarEvent:01JEVT00000000000000000000',
      'calendarEventEvent:01JEVT00000000000000000000',
      'message:01JMSG00000000000000000000',
    ];
    for (const ownerId of owners) {
      allows(meta({ ownerId }), null, staff);
      assert.doesNotThrow(() => validateFileUpdate(meta({ ownerId }), null, staff, {}, ORG), `${ownerId} in org`);
    }
    // The org files database: any active account of the ward (its readers), files of events and threads only.
    const elsewhere: UserCtx = { name: 'linh.dinh', roles: ['staff', 'unit:kt'] };
    assert.doesNotThrow(() => validateFileUpdate(meta({ ownerId: owners[0], createdBy: elsewhere.name }), null, elsewhere, {}, ORG));
    for (const ownerId of ['officialDocument:01JDOC00000000000000000000', 'task:01JTASK0000000000000000000'])
      assert.throws(
        () => validateFileUpdate(meta({ ownerId }), null, staff, {}, ORG),
        (e: { forbidden?: string }) => /calendar event/.test(e.forbidden ?? ''),
        ownerId,
      );
    assert.doesNotThrow(() => validateFileUpdate(meta({ ownerId: owners[2] }), null, staff, {}, CONV));
    assert.doesNotThrow(() => validateFileUpdate(withBytes({ ownerId: owners[2] }), meta({ ownerId: owners[2] }), staff, {}, CONV));
    for (const ownerId of [owners[0], owners[1], 'officialDocument:01JDOC00000000000000000000', 'message:'])
      assert.throws(
        () => validateFileUpdate(meta({ ownerId }), null, staff, {}, CONV),
        (e: { forbidden?: string }) => /must be a message/.test(e.forbidden ?? ''),
        ownerId,
      );
    assert.throws(
      () => validateFileUpdate({ ...meta({ ownerId: owners[2] }), _deleted: true }, meta({ ownerId: owners[2] }), staff, {}, CONV),
      (e: { forbidden?: string }) => e.forbidden === 'Files cannot be deleted.',
    );
  });

  it('takes the metadata, then once the bytes of the declared type and size', () => {
    allows(meta(), null, staff);
    allows(withBytes(), meta(), staff);
    allows(withBytes(), null, staff); // in one write
    refuses(withBytes({}, { length: 999 }), meta(), staff, /declared size/);
    refuses(withBytes({}, { content_type: 'text/html' }), meta(), staff, /content type/);
    refuses({ ...meta(), _attachments: { other: { content_type: 'application/pdf', length: 1000 } } }, meta(), staff, /named data/);
  });

  it('never changes a file once written, and never deletes it', () => {
    refuses(withBytes(), withBytes(), staff, /never changes/);
    refuses(withBytes({ name: 'Khác.pdf' }), meta(), staff, /never changes/);
    refuses(meta({ size: 5 }), meta(), staff, /never changes/);
    refuses(meta(), meta(), staff, /only to add its bytes/);
    refuses({ ...meta(), _deleted: true }, meta(), staff, /^Files cannot be deleted\.$/);
  });

  it('refuses other types, other authors, bad owners, bad files', () => {
    refuses(meta({ type: 'notice' }), null, staff, /files only/);
    refuses(meta({ _id: 'notice:1' }), null, staff, /file:/);
    refuses(meta(), null, other, /signed-in user/);
    refuses(meta({ ownerId: 'notice:01J' }), null, staff, /ownerId/);
    refuses(meta({ contentType: 'application/x-msdownload' }), null, staff, /PDF/);
    refuses(meta({ size: 25 * 1024 * 1024 + 1 }), null, staff, /25 MB/);
    refuses(meta({ sha256: 'x' }), null, staff, /sha256/);
    refuses(meta(), null, { name: 'cu.vo', roles: ['unit:vp'] }, /may not write/);
    refuses({ ...meta(), _id: '_design/x' }, null, staff, /administrator/);
    allows(meta({ name: 'x' }), null, { name: 'admin', roles: ['_admin'] });
  });
});
