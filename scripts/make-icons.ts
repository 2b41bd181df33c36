/**
 * Draws Docket's icon (a white document with a red seal on civic blue) as SVG and renders the PNGs
 * the web app manifest needs with headless Chromium. Run: `npx tsx scripts/make-icons.ts`.
 * Writes public/favicon.svg and public/icons/{icon-192,icon-512,icon-maskable-512,apple-touch-icon}.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';

const BLUE = '#1d4e89';
const RED = '#c8102e';

/** `scale` shrinks the artwork around the centre (maskable icons keep it inside the safe zone). */
function iconSvg(options: { rounded: boolean; scale: number }): string {
  const { rounded, scale } = options;
  const offset = (512 - 512 * scale) / 2;
  const star = (cx: number, cy: number, r: number): string => {
    const pts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const radius = i % 2 === 0 ? r : r * 0.42;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      pts.push(`${(cx + radius * Math.cos(a)).toFixed(1)},${(cy + radius * Math.sin(a)).toFixed(1)}`);
    }
    return pts.join(' ');
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" rx="${rounded ? 104 : 0}" fill="${BLUE}"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">
    <path d="M148 92h152l84 84v228a24 24 0 0 1-24 24H148a24 24 0 0 1-24-24V116a24 24 0 0 1 24-24z" fill="#ffffff"/>
    <path d="M300 92v60a24 24 0 0 0 24 24h60z" fill="#c9d8ec"/>
    <rect x="166" y="206" width="180" height="18" rx="9" fill="${BLUE}"/>
    <rect x="166" y="250" width="180" height="14" rx="7" fill="#9fb6d6"/>
    <rect x="166" y="284" width="132" height="14" rx="7" fill="#9fb6d6"/>
    <rect x="166" y="318" width="92" height="14" rx="7" fill="#9fb6d6"/>
    <circle cx="338" cy="362" r="74" fill="#ffffff"/>
    <circle cx="338" cy="362" r="64" fill="none" stroke="${RED}" stroke-width="12"/>
    <circle cx="338" cy="362" r="46" fill="none" stroke="${RED}" stroke-width="4"/>
    <polygon points="${star(338, 364, 34)}" fill="${RED}"/>
  </g>
</svg>`;
}

const outDir = new URL('../public/icons/', import.meta.url);
mkdirSync(outDir, { recursive: true });
const favicon = iconSvg({ rounded: true, scale: 1 });
writeFileSync(new URL('../public/favicon.svg', import.meta.url), favicon);

const renders: Array<{ file: string; size: number; svg: string }> = [
  { file: 'icon-192.png', size: 192, svg: favicon },
  { file: 'icon-512.png', size: 512, svg: favicon },
  { file: 'icon-maskable-512.png', size: 512, svg: iconSvg({ rounded: false, scale: 0.74 }) },
  { file: 'apple-touch-icon.png', size: 180, svg: iconSvg({ rounded: false, scale: 0.86 }) },
];

const browser = await chromium.launch({ executablePath: findChrome(), args: CHROME_ARGS });
try {
  const page = await browser.newPage();
  for (const { file, size, svg } of renders) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(new URL(file, outDir), new Uint8Array(png));
    console.log(`wrote public/icons/${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
