import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '../../../src/model/ids.ts';
import { login, request } from './http.ts';
import { localDb, remoteDb } from './pouch.ts';
import type { TestServer } from './test-server.ts';

export function notice(by: string, over: Record<string, unknown> = {}) {
  return {
    _id: newId('notice'),
    type: 'notice',
    schema: 1,
    createdAt: new Date().toISOString(),
    createdBy: by,
    title: 'Thông báo từ thiết bị',
    body: 'Viết khi mất kết nối',
    pinned: false,
    authorName: by,
    ...over,
  };
}

/** Replication of a space with a demo user's session, both ways. Shared with the external-CouchDB test. */
export function replicationSuite(name: string, start: () => Promise<TestServer>): void {
  describe(name, () => {
    let s: TestServer;
    let an: string;
    before(async () => {
      s = await start();
      an = await login(s.url, 'an.nguyen', s.demoPassword);
    });
    after(() => s.stop());

    it('pulls the org space, pushes a notice to the unit space and pulls a colleague’s notice', async () => {
      const device = localDb();
      const org = remoteDb(`${s.url}/db/docket-org`, an);
      const pulled = await device.replicate.from(org);
      assert.equal(pulled.ok, true);
      const people = await device.allDocs({ startkey: 'person:', endkey: 'person:\ufff0' });
      assert.equal(people.rows.length, 30);
      const notices = await device.allDocs({ startkey: 'notice:', endkey: 'notice:\ufff0' });
      assert.ok(notices.rows.length >= 3);

      const vpDevice = localDb();
      const vp = remoteDb(`${s.url}/db/docket-unit-vp`, an);
      const mine = notice('an.nguyen');
      await vpDevice.put(mine);
      const pushed = await vpDevice.replicate.to(vp);
      assert.equal(pushed.docs_written, 1);
      assert.equal(pushed.doc_write_failures, 0);
      const stored = await request(`${s.url}/db/docket-unit-vp/${mine._id}`, { basic: s.admin });
      assert.equal(stored.status, 200);
      assert.equal(stored.json.createdBy, 'an.nguyen');

      const colleague = await login(s.url, 'tuan.vu', s.demoPassword);
      const theirs = notice('tuan.vu');
      const put = await request(`${s.url}/db/docket-unit-vp/${theirs._id}`, { method: 'PUT', cookie: colleague, body: theirs });
      assert.equal(put.status, 201);
      await vpDevice.replicate.from(vp);
      const got = (await vpDevice.get(theirs._id)) as unknown as { title: string };
      assert.equal(got.title, theirs.title);
      await Promise.all([device.destroy(), vpDevice.destroy()]);
    });

    it('reports a document the server refuses as a denied event, not silently', async () => {
      const device = localDb();
      const vp = remoteDb(`${s.url}/db/docket-unit-vp`, an);
      const forged = notice('hoa.do');
      const good = notice('an.nguyen');
      await device.bulkDocs([forged, good]);
      const denied: { id?: string; name?: string; status?: number }[] = [];
      const result = await device.replicate.to(vp).on('denied', (err: unknown) => denied.push(err as { id?: string }));
      assert.equal(result.doc_write_failures, 1);
      assert.equal(result.docs_written, 1);
      assert.equal(denied.length, 1);
      assert.equal(denied[0]!.id, forged._id);
      assert.equal(denied[0]!.name, 'forbidden');
      assert.equal((await request(`${s.url}/db/docket-unit-vp/${forged._id}`, { basic: s.admin })).status, 404);
      assert.equal((await request(`${s.url}/db/docket-unit-vp/${good._id}`, { basic: s.admin })).status, 200);
      await device.destroy();
    });

    it('refuses to replicate a space the user does not belong to', async () => {
      const device = localDb();
      const kt = remoteDb(`${s.url}/db/docket-unit-kt`, an);
      await assert.rejects(device.replicate.from(kt), (err: { status?: number }) => err.status === 403);
      await device.destroy();
    });
  });
}
