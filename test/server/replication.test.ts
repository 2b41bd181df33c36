import { replicationSuite } from './helpers/replication.ts';
import { startTestServer } from './helpers/test-server.ts';

replicationSuite('replication with a session cookie (embedded store)', () => startTestServer({ demo: true }));
