import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ORG_DB } from '../../server/services/directory.ts';
import { base64url, deviceKeyDocId, jwkThumbprint, parsePublicJwk } from '../../src/model/device-key.ts';
import { login, request } from './helpers/http.ts';
import { type TestServer, startTestServer } from './helpers/test-server.ts';

async function newPublicJwk(): Promise<JsonWebKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { kty, crv, x, y };
}

describe('POST /api/keys (approval-record device keys)', () => {
  let s: TestServer;
  let cookie: string;
  before(async () => {
    s = await startTestServer({ demo: true });
    cookie = await login(s.url, 'hung.tran', s.demoPassword);
  });
  after(() => s.stop());

  it('answers 401 when signed out', async () => {
    const r = await request(`${s.url}/api/keys`, { method: 'POST', body: { jwk: await newPublicJwk() } });
    assert.equal(r.status, 401);
    assert.equal(r.json.error, 'unauthorized');
  });

  it('refuses what is not a public P-256 key with 400', async () => {
    const good = await newPublicJwk();
    const bad: unknown[] = [
      undefined,
      'x',
      { ...good, crv: 'P-384' },
      { ...good, kty: 'RSA' },
      { ...good, x: 'short' },
      { ...good, d: good.x }, // a private key must never be accepted (or stored)
      // Well-formed strings, but not a point on the curve.
      { kty: 'EC', crv: 'P-256', x: base64url(new Uint8Array(32).fill(1)), y: base64url(new Uint8Array(32).fill(2)) },
    ];
    for (const jwk of bad) {
      const r = await request(`${s.url}/api/keys`, { method: 'POST', cookie, body: { jwk } });
      assert.equal(r.status, 400, JSON.stringify(jwk));
      assert.equal(r.json.error, 'bad_request');
    }
    const notJson = await request(`${s.url}/api/keys`, { method: 'POST', cookie, raw: '{', contentType: 'application/json' });
    assert.equal(notJson.status, 400);
  });

  it('writes the key into the org space under the thumbprint, idempotently, readable by other users', async () => {
    const jwk = await newPublicJwk();
    const keyId = await jwkThumbprint(parsePublicJwk(jwk)!);
    const first = await request(`${s.url}/api/keys`, { method: 'POST', cookie, body: { jwk } });
    assert.equal(first.status, 201);
    assert.deepEqual(first.json, { ok: true, keyId, created: true });
    const again = await request(`${s.url}/api/keys`, { method: 'POST', cookie, body: { jwk, name: 'hung.tran' } });
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, { ok: true, keyId, created: false });

    const staff = await login(s.url, 'an.nguyen', s.demoPassword);
    const id = deviceKeyDocId('hung.tran', keyId);
    const doc = await request(`${s.url}/db/${ORG_DB}/${encodeURIComponent(id)}`, { cookie: staff });
    assert.equal(doc.status, 200);
    assert.equal(doc.json.type, 'deviceKey');
    assert.equal(doc.json.name, 'hung.tran');
    assert.equal(doc.json.createdBy, 'hung.tran');
    assert.equal(doc.json.keyId, keyId);
    assert.deepEqual(doc.json.jwk, { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
    assert.equal(doc.json._rev.startsWith('1-'), true, 'the repeated registration wrote nothing');
  });

  it("refuses to register a key to another user's account (403) and users cannot write keys directly", async () => {
    const jwk = await newPublicJwk();
    const r = await request(`${s.url}/api/keys`, { method: 'POST', cookie, body: { jwk, name: 'an.nguyen' } });
    assert.equal(r.status, 403);
    const keyId = await jwkThumbprint(parsePublicJwk(jwk)!);
    const staff = await login(s.url, 'an.nguyen', s.demoPassword);
    const id = deviceKeyDocId('an.nguyen', keyId);
    const forged = await request(`${s.url}/db/${ORG_DB}/${encodeURIComponent(id)}`, {
      method: 'PUT',
      cookie: staff,
      body: {
        _id: id,
        type: 'deviceKey',
        schema: 1,
        createdAt: new Date().toISOString(),
        createdBy: 'an.nguyen',
        name: 'an.nguyen',
        keyId,
        jwk,
      },
    });
    assert.equal(forged.status, 403);
  });
});
