import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { runScript } from './helpers/cli.ts';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 8080);
    assert.equal(c.host, '127.0.0.1');
    assert.ok(c.dataDir.endsWith('/data'));
    assert.equal(c.couchdbUrl, undefined);
    assert.equal(c.demo, true);
    assert.equal(c.demoPassword, 'docket-demo');
    assert.equal(c.trustProxy, false);
    assert.equal(c.logLevel, 'info');
  });

  const bad: Record<string, string>[] = [
    { PORT: 'eighty' },
    { PORT: '70000' },
    { DEMO: 'maybe' },
    { LOG_LEVEL: 'loud' },
    { COUCHDB_URL: 'ftp://x' },
    { COUCHDB_URL: 'http://couch:5984' },
    { ADMIN_USER: 'admin' },
    { ADMIN_USER: 'admin', ADMIN_PASSWORD: 'short' },
  ];
  for (const env of bad) {
    it(`refuses ${JSON.stringify(env)}`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && !err.message.includes('\n'),
      );
    });
  }

  it('npm start with a bad PORT exits 1 with one clear line', async () => {
    const r = await runScript('server/start.ts', [], { PORT: 'eighty' });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^docket: Invalid PORT="eighty": /);
  });
});
