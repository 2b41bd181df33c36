// The search worker as the app builds it, bundled on its own for bench/search.bench.ts.
import '../../src/search/search.worker.ts';
