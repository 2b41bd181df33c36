// The screenshot gallery: every route and main dialog, for every role, at phone (360×780) and desktop
// (1366×768) sizes, in vi, en and ar (RTL), plus the states worth looking at: offline, an empty ward,
// a long list, a form with validation errors, a document the server refused.
//
//   npm run screenshots                 # starts its own server (temp data folder, demo ward, free port)
//   npm run screenshots -- <baseURL>    # against a running server with the demo ward
//
// Output (ignored by git): screenshots/<locale>/<viewport>/<role>-<screen>.png and
// screenshots/index.html, which shows each screen in every language and size side by side.
// Options (env): SCREENSHOT_LOCALES=vi,ar  SCREENSHOT_ROLES=head,staff  to capture a subset.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/helpers/browser.ts';
import {
  APP_LOCALES,
  type AppLocale,
  ROLES,
  ROLE_KEYS,
  type RoleKey,
  VIEWPORTS,
  type ViewportKey,
  appRoutes,
  goto,
  newAppContext,
  produceRejectedNotice,
  seedLongList,
  seedTasks,
  settle,
  signIn,
  switchLocale,
  waitForPage,
  waitForSyncState,
} from '../test/e2e/helpers/app.ts';
import { startTestServer, type TestServer } from '../test/server/helpers/test-server.ts';

const run = promisify(execFile);
const OUT = 'screenshots';
const password = process.env.DEMO_PASSWORD ?? 'docket-demo';
const pick = <T extends string>(env: string | undefined, all: readonly T[]): T[] =>
  env ? all.filter((x) => env.split(',').includes(x)) : [...all];
const locales = pick(process.env.SCREENSHOT_LOCALES, APP_LOCALES);
const roles = pick(process.env.SCREENSHOT_ROLES, ROLE_KEYS);
const viewports = Object.keys(VIEWPORTS) as ViewportKey[];

/** screen name → caption, in capture order (the gallery follows it). */
const captured = new Map<string, string>();

async function shot(page: Page, locale: AppLocale, viewport: ViewportKey, name: string, caption: string, fullPage = false): Promise<void> {
  const dir = path.join(OUT, locale, viewport);
  mkdirSync(dir, { recursive: true });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide' });
  if (!captured.has(name)) captured.set(name, caption);
}

const press = (page: Page, key: string): Promise<void> => page.keyboard.press(key);

/** Every route and dialog a role can open, at one size and language. */
async function captureRole(
  page: Page,
  role: RoleKey,
  locale: AppLocale,
  viewport: ViewportKey,
  noticeId: string,
  taskId: string,
): Promise<void> {
  await page.setViewportSize(VIEWPORTS[viewport]);
  for (const route of appRoutes(noticeId, taskId)) {
    await goto(page, route.path);
    await shot(page, locale, viewport, `${role}-${route.key}`, `${role}: ${route.path}`);
  }
  if (role === 'admin') {
    // The org chart sits below the units' table and form.
    await goto(page, '/admin?tab=units');
    await page.locator('dk-org-chart .tree').scrollIntoViewIfNeeded();
    await shot(page, locale, viewport, `${role}-admin-org-chart`, `${role}: the org chart (units tab, scrolled)`);
  }
  await goto(page, '/notices');
  if (role === 'head') await shot(page, locale, viewport, `${role}-notices-long-list`, `${role}: the long list (whole page)`, true);

  // The new-notice dialog, submitted empty: validation errors next to their fields.
  const newButton = page.locator('dk-notices-page .tools button.primary');
  if (await newButton.count()) {
    await newButton.click();
    await page.locator('dk-notice-form #title').waitFor();
    await page.locator('dk-notice-form button[type=submit]').click();
    await page.locator('dk-notice-form .error').first().waitFor();
    await shot(page, locale, viewport, `${role}-notice-form-errors`, `${role}: new notice, submitted empty`);
    await press(page, 'Escape');
  }

  await page.locator('dk-sync-badge button').click();
  await page.locator('dk-app dialog.sync[open]').waitFor();
  await shot(page, locale, viewport, `${role}-sync-panel`, `${role}: sync panel`);
  await press(page, 'Escape');

  await page.locator('dk-user-menu .trigger').click();
  await page.locator('dk-user-menu [role=menu]').waitFor();
  await shot(page, locale, viewport, `${role}-user-menu`, `${role}: account menu`);
  await page.locator('dk-user-menu button[role=menuitem]').click();
  await page.locator('dk-sign-out-dialog dialog[open]').waitFor();
  await shot(page, locale, viewport, `${role}-sign-out`, `${role}: sign-out dialog`);
  await press(page, 'Escape');
  await page.locator('dk-sign-out-dialog').waitFor({ state: 'detached' });
}

async function captureSignIn(browser: Browser, baseURL: string): Promise<void> {
  for (const locale of locales) {
    const context = await newAppContext(browser, baseURL, { locale });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await waitForPage(page);
    for (const viewport of viewports) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      await shot(page, locale, viewport, 'signed-out-sign-in', 'sign-in');
      await page.locator('dk-sign-in-page button[type=submit]').click();
      await page.locator('dk-sign-in-page .error').first().waitFor();
      await shot(page, locale, viewport, 'signed-out-sign-in-errors', 'sign-in, submitted empty');
      await page.reload();
      await waitForPage(page);
    }
    await context.close();
  }
}

async function captureRoles(browser: Browser, baseURL: string, noticeId: string, taskId: string): Promise<void> {
  for (const role of roles) {
    const context = await newAppContext(browser, baseURL, { locale: locales[0] });
    const page = await context.newPage();
    await signIn(page, ROLES[role], password);
    await settle(page);
    for (const locale of locales) {
      await switchLocale(page, locale);
      await settle(page);
      for (const viewport of viewports) await captureRole(page, role, locale, viewport, noticeId, taskId);
    }
    await context.close();
    console.log(`  ${role} done`);
  }
}

/** Offline (badge, list, sync panel) and a document the server refused, as the staff member. */
async function captureOfflineAndRejected(browser: Browser, baseURL: string): Promise<void> {
  const context = await newAppContext(browser, baseURL, { locale: 'vi' });
  const page = await context.newPage();
  await signIn(page, ROLES.staff, password);
  await settle(page);
  await produceRejectedNotice(page, context, 'Thông báo toàn phường gửi nhầm quyền');
  for (const locale of locales) {
    await switchLocale(page, locale);
    for (const viewport of viewports) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      await goto(page, '/notices');
      await page.locator('dk-sync-badge button').click();
      await page.locator('dk-app dialog.sync[open]').waitFor();
      await page.locator('dk-sync-panel li.rejected').waitFor();
      await shot(page, locale, viewport, 'staff-sync-rejected', 'staff: sync panel with a refused document');
      await press(page, 'Escape');
      await context.setOffline(true);
      await waitForSyncState(page, 'offline');
      await shot(page, locale, viewport, 'staff-offline-notices', 'staff: offline');
      await page.locator('dk-sync-badge button').click();
      await page.locator('dk-app dialog.sync[open]').waitFor();
      await shot(page, locale, viewport, 'staff-offline-sync-panel', 'staff: sync panel while offline');
      await press(page, 'Escape');
      await context.setOffline(false);
      await waitForSyncState(page, 'upToDate').catch(() => undefined);
    }
  }
  await context.close();
}

/** A ward with no notices at all: a fresh account of a fresh unit on an empty server. */
async function captureEmpty(browser: Browser): Promise<void> {
  const server = await startTestServer({ demo: false });
  try {
    const env = { ...process.env, DATA_DIR: server.dataDir, ADMIN_USER: server.admin.name, ADMIN_PASSWORD: server.admin.password };
    const admin = (...args: string[]): Promise<unknown> => run('npx', ['tsx', 'server/cli/admin.ts', ...args], { env });
    await admin('create-unit', 'tp', '--name', 'Tổ dân phố số 7', '--short', 'TDP7');
    const newPassword = 'fresh-account-password';
    await admin(
      'create-user',
      'moi.nguoi',
      '--unit',
      'tp',
      '--role',
      'staff',
      '--display-name',
      'Nguyễn Văn Mới',
      '--password',
      newPassword,
    );
    const context = await newAppContext(browser, server.url, { locale: locales[0] });
    const page = await context.newPage();
    await signIn(page, 'moi.nguoi', newPassword);
    for (const locale of locales) {
      await switchLocale(page, locale);
      for (const viewport of viewports) {
        await page.setViewportSize(VIEWPORTS[viewport]);
        await goto(page, '/notices');
        await shot(page, locale, viewport, 'fresh-empty-notices', 'a fresh account in an empty ward');
      }
    }
    await context.close();
  } finally {
    await server.stop();
  }
}

function writeGallery(): void {
  mkdirSync(OUT, { recursive: true });
  const cell = (locale: string, viewport: string, name: string): string => {
    const file = `${locale}/${viewport}/${name}.png`;
    return existsSync(path.join(OUT, file))
      ? `<a href="${file}"><img src="${file}" loading="lazy" class="${viewport}" alt="${name} ${locale} ${viewport}"></a>`
      : '<span class="none">—</span>';
  };
  const rows = [...captured.entries()]
    .map(
      ([name, caption]) => `<section id="${name}"><h2>${name} <small>${caption}</small></h2><div class="row">
${locales.flatMap((l) => viewports.map((v) => `<figure><figcaption>${l} · ${v}</figcaption>${cell(l, v, name)}</figure>`)).join('\n')}
</div></section>`,
    )
    .join('\n');
  const toc = [...captured.keys()].map((n) => `<a href="#${n}">${n}</a>`).join(' · ');
  writeFileSync(
    path.join(OUT, 'index.html'),
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Docket screenshots</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem;background:#f4f6f9}h2{font-size:1rem;margin:2rem 0 .5rem}small{color:#555;font-weight:400}
.row{display:flex;gap:12px;align-items:flex-start;overflow-x:auto}figure{margin:0}figcaption{font-size:.8rem;color:#444}
img{border:1px solid #ccc;background:#fff;display:block}img.phone{width:180px}img.desktop{width:480px}nav{line-height:1.8;font-size:.85rem}</style>
<h1>Docket — screenshot gallery</h1><p>Generated ${new Date().toISOString()} by <code>npm run screenshots</code>. Click an image for full size.</p>
<nav>${toc}</nav>
${rows}
</html>`,
  );
}

async function main(): Promise<void> {
  const given = process.argv[2];
  let server: TestServer | undefined;
  if (!given && !existsSync('dist/index.html')) {
    console.log('building the app (dist/ is missing)…');
    await run('npx', ['vite', 'build']);
  }
  if (!given) server = await startTestServer({ demo: true });
  const baseURL = given ?? server!.url;
  rmSync(OUT, { recursive: true, force: true });
  const started = Date.now();
  const browser = await launchBrowser();
  try {
    console.log(`capturing ${baseURL} (${locales.join(', ')}; ${roles.join(', ')})`);
    const noticeId = await seedLongList(baseURL, { name: ROLES.head, displayName: 'Phan Thanh Sơn', password });
    const taskId = await seedTasks(baseURL, { name: ROLES.head, displayName: 'Phan Thanh Sơn', password }, ROLES.staff);
    await captureSignIn(browser, baseURL);
    await captureRoles(browser, baseURL, noticeId, taskId);
    await captureOfflineAndRejected(browser, baseURL);
    if (!given) await captureEmpty(browser);
  } finally {
    await browser.close();
    await server?.stop();
    writeGallery();
  }
  console.log(`${OUT}/index.html written (${captured.size} screens) in ${Math.round((Date.now() - started) / 1000)} s`);
}

await main();
