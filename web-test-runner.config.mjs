// Component tests in real Chromium (see shared/STACK-NOTES.md for why each plugin is here).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.mjs';

// PouchDB's CommonJS dependencies; @rollup/plugin-commonjs must stay on v18 (v21+ fail here).
const commonjs = fromRollup(rollupCommonjs);

export default {
  files: 'test/components/**/*.test.ts',
  nodeResolve: { browser: true },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath: findChrome(), args: CHROME_ARGS } })],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    commonjs({
      include: [
        '**/node_modules/events/**',
        '**/node_modules/spark-md5/**',
        '**/node_modules/vuvuzela/**',
        '**/node_modules/argsarray/**',
        '**/node_modules/immediate/**',
      ],
    }),
  ],
};
