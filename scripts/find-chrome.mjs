#!/usr/bin/env node
// Finds a Chromium/Chrome binary for the component and end-to-end tests. Order: CHROME_PATH,
// Debian's chromium, chromium-browser, google-chrome, then Playwright's own cache.
// `--check` exits 1 with one line saying how to install a browser when none is found.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

function onPath(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

function fromPlaywrightCache() {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return null;
  for (const dir of readdirSync(root)
    .filter((d) => d.startsWith('chromium'))
    .sort()
    .reverse()) {
    for (const rel of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell']) {
      const candidate = join(root, dir, rel);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH=${fromEnv} does not exist. Point it at a Chromium binary or unset it.`);
  }
  const found =
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null) ??
    onPath('chromium') ??
    onPath('chromium-browser') ??
    onPath('google-chrome') ??
    onPath('google-chrome-stable') ??
    fromPlaywrightCache();
  if (!found) {
    throw new Error(
      'No Chromium found: install one with `sudo apt-get install -y chromium` or set CHROME_PATH to a Chrome/Chromium binary.',
    );
  }
  return found;
}

/** Flags that work headless on these machines (see shared/STACK-NOTES.md). */
export const CHROME_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  try {
    const path = findChrome();
    if (!process.argv.includes('--check')) console.log(path);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
