// A test server (the real one, in-process, loopback, temp data) holding the demo ward's accounts and
// `count` incoming documents in one unit space, written through the server's own store as its workers
// write delivered copies. Workers are off, so nothing else moves during a measurement.
import { type TestServer, startTestServer } from '../../test/server/helpers/test-server.ts';
import { BENCH_DB, assertValid, averageJsonBytes, incomingDocuments } from './data.ts';

export interface BenchServer extends TestServer {
  /** Documents written to `BENCH_DB` (all `officialDocument`). */
  count: number;
  avgDocBytes: number;
  seedMs: number;
}

export async function startBenchServer(count: number): Promise<BenchServer> {
  const server = await startTestServer({ demo: true, demoDocuments: false, workers: { enabled: false } });
  try {
    const t0 = performance.now();
    const docs = incomingDocuments(count);
    assertValid(docs[0]!);
    const db = await server.running.docket.store.db(BENCH_DB);
    for (let i = 0; i < docs.length; i += 1000) {
      const res = await db.bulkDocs(docs.slice(i, i + 1000) as unknown as PouchDB.Core.PutDocument<object>[]);
      const failed = res.filter((r) => 'error' in r && r.error);
      if (failed.length) throw new Error(`seeding ${BENCH_DB}: ${failed.length} documents refused: ${JSON.stringify(failed[0])}`);
    }
    return { ...server, count, avgDocBytes: averageJsonBytes(docs), seedMs: performance.now() - t0 };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
