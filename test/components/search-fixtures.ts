import { BODIES, INCOMING_TEMPLATES } from '../../server/demo/documents-data.ts';
import type { SearchItem } from '../../src/search/types.ts';

/** `n` document items from the demo ward's templates and bodies (deterministic), for volume tests in the browser. */
export function wardItems(n: number, prefix = 'gen'): SearchItem[] {
  const out: SearchItem[] = [];
  for (let i = 0; i < n; i++) {
    const tpl = INCOMING_TEMPLATES[i % INCOMING_TEMPLATES.length]!;
    const body = BODIES[(i * 7) % BODIES.length]!;
    const symbol = `${(i % 4000) + 1}/${tpl.kind === 'quyetDinh' ? 'QĐ-' : tpl.kind === 'keHoach' ? 'KH-' : ''}${body.abbreviation}`;
    const day = new Date(Date.UTC(2025, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
    out.push({
      id: `officialDocument:${prefix}-${i}`,
      kind: 'document',
      path: `/documents/officialDocument:${prefix}-${i}`,
      title: tpl.summary.replace(/\{[^}]*\}/g, '2026'),
      meta: `${symbol} · ${body.name}`,
      symbols: [symbol],
      body: '',
      date: day,
    });
  }
  return out;
}
