/**
 * The fuzzer's request generator (test/server/fuzz.test.ts). Request `i` of seed `s` is built from its own
 * PRNG stream (`rngFor(s, i)`), so one failing request can be rebuilt alone (`FUZZ_SEED=s FUZZ_ONLY=i`)
 * whatever the concurrency and timing of the run that found it.
 */

/** mulberry32: small, fast, good enough to pick test cases. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** Picks by weight: `[[w, value], …]`. */
  weighted<T>(list: readonly (readonly [number, T])[]): T {
    const total = list.reduce((s, [w]) => s + w, 0);
    let r = this.next() * total;
    for (const [w, v] of list) {
      r -= w;
      if (r < 0) return v;
    }
    return list[list.length - 1]![1];
  }
  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  }
}

export function rngFor(seed: number, i: number): Rng {
  // Mix the index into the seed (splitmix-like) so neighbouring indexes give unrelated streams.
  let z = (seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng(mulberry32((z ^ (z >>> 16)) >>> 0));
}

export type Identity = 'anonymous' | 'staff' | 'garbage';

/** One request as sent on the wire (raw bytes; nothing is normalised by a client library). */
export interface FuzzRequest {
  i: number;
  category: string;
  identity: Identity;
  method: string;
  /** The request target exactly as written on the request line. */
  target: string;
  headers: [string, string][];
  body?: Buffer;
  /** Declared Content-Length when it lies about the body (else the real length is sent for bodies). */
  contentLength?: number | null;
  /** Legitimately long (long poll, a body the server waits for): a client timeout is not a failure. */
  mayHang?: boolean;
  /** Larger than any body limit on purpose: the server may cut the connection after answering 413. */
  oversized?: boolean;
  /** Request line version (default HTTP/1.1). */
  version?: string;
  /** Omit the Host header. */
  noHost?: boolean;
}

/** What the generator knows about the server under test. */
export interface FuzzWorld {
  staffCookie: string;
  staffName: string;
  staffPassword: string;
  /** Databases to aim at: spaces the staff member reads, others, files databases, non-spaces. */
  dbs: string[];
  /** Existing documents (with their current revision) the fuzzer may try to damage. */
  targets: { db: string; id: string; rev: string; doc: Record<string, unknown>; attachment?: string }[];
}

// ————————————————————————————————————————— values

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u0002',
  '\ud800',
  '\udfff\ud800',
  '\uffff',
  '\ufeff',
  '‮gnp.exe',
  '../../../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'; DROP TABLE docs; --",
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  '_admin',
  '_design/docket',
  '_local/x',
  '_security',
  'org.couchdb.user:admin',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  'null',
  'true',
  '[]',
  '{}',
  'Quyết định số 15/QĐ-UBND',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂👩‍👩‍👧‍👦',
  'Z̴̡̢̛͔̖̤͇̩̆̈́͗̾͂̿a̶l̷g̸o̵',
];

const WEIRD_NUMBERS = [0, -0, -1, 1, 1.5, -1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER];

export function randomString(r: Rng, max = 64): string {
  switch (r.int(0, 5)) {
    case 0:
      return r.pick(NASTY_STRINGS);
    case 1: {
      const n = r.int(0, max);
      let s = '';
      for (let k = 0; k < n; k++) s += String.fromCharCode(r.int(0, 0xffff));
      return s;
    }
    case 2: {
      const n = r.int(0, max);
      let s = '';
      for (let k = 0; k < n; k++) s += String.fromCharCode(r.int(32, 126));
      return s;
    }
    case 3:
      return r.pick(NASTY_STRINGS) + r.pick(NASTY_STRINGS);
    case 4:
      return 'x'.repeat(r.int(0, max * 4));
    default:
      return `notice:${r.int(0, 1e9)}`;
  }
}

/** A random JSON value (depth-bounded). */
export function randomValue(r: Rng, depth = 0): unknown {
  const kinds = depth > 4 ? 6 : 8;
  switch (r.int(0, kinds)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick(WEIRD_NUMBERS);
    case 3:
      return r.int(-1000, 1000);
    case 4:
    case 5:
    case 6:
      return randomString(r);
    case 7:
      return Array.from({ length: r.int(0, 5) }, () => randomValue(r, depth + 1));
    default:
      return randomObject(r, depth + 1);
  }
}

const KEYS = [
  '_id',
  '_rev',
  '_deleted',
  '_attachments',
  '_revisions',
  '_conflicts',
  '_local_seq',
  'type',
  'schema',
  'createdAt',
  'createdBy',
  'title',
  'body',
  'pinned',
  'docs',
  'keys',
  'doc_ids',
  'new_edits',
  'name',
  'password',
  'roles',
  'members',
  'admins',
  'validate_doc_update',
  'views',
  'filters',
  'dbs',
  'jwk',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

export function randomObject(r: Rng, depth = 0): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let k = r.int(0, 6); k > 0; k--) o[r.chance(0.7) ? r.pick(KEYS) : randomString(r, 12)] = randomValue(r, depth + 1);
  return o;
}

/** Serialises, then maybe injects `__proto__`/`constructor.prototype` keys (JSON.stringify cannot write them). */
function withProtoKeys(r: Rng, json: string): string {
  if (!json.startsWith('{') || !r.chance(0.35)) return json;
  const payload = r.pick([
    '"__proto__":{"docketPolluted":"yes","roles":["_admin"],"isAdmin":true,"members":{"names":[],"roles":[]}}',
    '"constructor":{"prototype":{"docketPolluted":"yes","_admin":true}}',
    '"__proto__":null',
    '"__proto__":[1,2,3]',
    '"__proto__":"string"',
    '"_attachments":{"__proto__":{"content_type":"text/html","data":"PHNjcmlwdD4="}}',
  ]);
  return json === '{}' ? `{${payload}}` : `{${payload},${json.slice(1)}`;
}

/** Deeply nested JSON: `[[[…]]]` or `{"a":{"a":…}}`, complete or truncated. */
function deepJson(r: Rng): string {
  const depth = r.pick([100, 1000, 10_000, 100_000, 300_000]);
  const obj = r.chance(0.5);
  const open = obj ? '{"a":' : '[';
  const close = obj ? '}' : ']';
  const inner = obj ? '1' : '';
  const s = open.repeat(depth) + inner + (r.chance(0.8) ? close.repeat(depth) : '');
  return obj && r.chance(0.5) ? `{"docs":${s}}` : s;
}

/** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates encoded in UTF-8, 0xFF. */
function badUtf8(r: Rng): Buffer {
  const junk = [[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xc3]];
  const parts: number[] = [...Buffer.from('{"type":"notice","title":"')];
  for (let k = r.int(1, 6); k > 0; k--) parts.push(...r.pick(junk), ...Buffer.from(randomString(r, 8)));
  parts.push(...Buffer.from('"}'));
  const b = Buffer.from(parts);
  return r.chance(0.3) ? b.subarray(0, r.int(1, b.length)) : b;
}

/** A JSON body of one of many shapes (valid or not). */
export function randomBody(r: Rng, shape?: () => unknown): { body: Buffer; oversized?: boolean } {
  switch (
    r.weighted<string>([
      [6, 'shape'],
      [3, 'value'],
      [1, 'deep'],
      [1, 'huge'],
      [1, 'badutf8'],
      [1, 'truncated'],
      [1, 'junk'],
      [1, 'empty'],
    ])
  ) {
    case 'shape':
      return { body: Buffer.from(withProtoKeys(r, JSON.stringify(shape ? shape() : randomObject(r)))) };
    case 'value':
      return { body: Buffer.from(withProtoKeys(r, JSON.stringify(randomValue(r)) ?? 'null')) };
    case 'deep': {
      const body = Buffer.from(deepJson(r));
      return { body, oversized: body.length > 1024 * 1024 };
    }
    case 'huge': {
      // Around and above the limits: 1 MB (other routes), 16 MB (one document), 64 MB (_bulk_docs).
      const size = r.weighted([
        [6, r.int(100_000, 900_000)],
        [3, r.int(1_100_000, 3_000_000)],
        [1, 17 * 1024 * 1024],
      ]);
      const field = r.pick(['title', 'body', 'password', 'name', '_id', 'docs', 'keys']);
      return { body: Buffer.from(`{"${field}":"${'A'.repeat(size)}"}`), oversized: size > 1024 * 1024 };
    }
    case 'badutf8':
      return { body: badUtf8(r) };
    case 'truncated': {
      const json = JSON.stringify(shape ? shape() : randomObject(r));
      return { body: Buffer.from(json.slice(0, r.int(0, Math.max(0, json.length - 1)))) };
    }
    case 'junk':
      return { body: r.bytes(r.int(1, 2048)) };
    default:
      return { body: Buffer.alloc(0) };
  }
}

// ————————————————————————————————————————— ids, names, queries

export function randomDocId(r: Rng, world: FuzzWorld): string {
  if (world.targets.length && r.chance(0.25)) return r.pick(world.targets).id;
  return r.pick([
    () => `notice:${r.int(0, 1e12).toString(36).toUpperCase()}`,
    () => `task:${randomString(r, 20)}`,
    () => randomString(r, 40),
    () => '../_security',
    () => '../../_users/org.couchdb.user:admin',
    () => '..',
    () => '.',
    () => '_design/docket',
    () => '_design/evil',
    () => '_local/../_security',
    () => '_all_dbs',
    () => '_users',
    () => 'x'.repeat(r.int(200, 5000)),
    () => 'notice:\u0000',
    () => 'noticeRead:' + randomString(r, 10),
  ])();
}

/** encodeURIComponent that does not throw on lone surrogates (they become U+FFFD). */
export function enc(s: string): string {
  return encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

/** Encodes a path segment: properly, raw (slashes and all), double-encoded, or with broken escapes. */
export function encodeSeg(r: Rng, s: string): string {
  switch (r.int(0, 9)) {
    case 0:
      return s.replace(/[^\x21-\x7e]/g, (c) => enc(c).replace(/%/g, '%25'));
    case 1:
      return enc(s).replace(/%/g, '%25');
    case 2:
      return enc(s) + r.pick(['%', '%f', '%zz', '%ff', '%c0%af', '%ed%a0%80', '%00']);
    case 3:
      // Raw, keeping slashes, dots, '?' and '#' as they are (only what cannot go on the request line is escaped).
      return s.replace(/[\x00-\x20\x7f-\uffff]/g, (c) => enc(c).replace(/%25/g, '%'));
    default:
      return enc(s);
  }
}

const ATT_NAMES = [
  'scan.png',
  '../_security',
  '../../_users',
  '..%2F..%2F_security',
  '%2e%2e/%2e%2e/etc/passwd',
  '/etc/passwd',
  'a/b/c.pdf',
  '.',
  '..',
  '',
  'file\u0000.pdf',
  'Quyết định.pdf',
  '<img src=x onerror=alert(1)>.png',
  'x'.repeat(300),
  'x'.repeat(5000),
  '_design',
  'con.pdf',
];

export function randomAttName(r: Rng): string {
  return r.chance(0.7) ? r.pick(ATT_NAMES) : randomString(r, 30);
}

const QUERY_KEYS = [
  'rev',
  'revs',
  'revs_info',
  'open_revs',
  'latest',
  'attachments',
  'atts_since',
  'conflicts',
  'deleted_conflicts',
  'local_seq',
  'meta',
  'since',
  'limit',
  'skip',
  'descending',
  'include_docs',
  'style',
  'feed',
  'timeout',
  'heartbeat',
  'filter',
  'doc_ids',
  'keys',
  'key',
  'startkey',
  'endkey',
  'start_key',
  'end_key',
  'startkey_docid',
  'inclusive_end',
  'update_seq',
  'seq_interval',
  'batch',
  'new_edits',
  'count',
  'att_encoding_info',
  'return_docs',
  'view',
  '__proto__',
  'constructor',
];

const QUERY_VALUES = [
  'true',
  'false',
  '0',
  '-1',
  '99999999999999999999',
  '1e309',
  'NaN',
  'now',
  '[]',
  '{}',
  '[1,2',
  '"x"',
  'null',
  '["a","b"]',
  '{"a":1}',
  'all',
  'all_docs',
  'main_only',
  'normal',
  'longpoll',
  'continuous',
  'eventsource',
  '_doc_ids',
  '_view',
  'docket/x',
  '%ff',
  '%',
  '%00',
  'all',
  '0-abc',
  '1-x',
  '99-' + 'a'.repeat(32),
];

/** A query string of random CouchDB parameters (arrays via repetition, nested via brackets). */
export function randomQuery(r: Rng, longpollOk: boolean): { qs: string; mayHang: boolean } {
  const parts: string[] = [];
  let mayHang = false;
  for (let k = r.int(0, 5); k > 0; k--) {
    let key = r.pick(QUERY_KEYS);
    let value = r.chance(0.8) ? r.pick(QUERY_VALUES) : enc(randomString(r, 30));
    if (key === 'feed') {
      if (!longpollOk) value = 'normal';
      else if (value === 'longpoll' || value === 'continuous' || value === 'eventsource') mayHang = true;
    }
    if (key === 'timeout' && r.chance(0.5)) value = String(r.int(0, 300));
    if (r.chance(0.05)) key += '[]';
    if (r.chance(0.05)) key = `${key}[__proto__][docketPolluted]`;
    parts.push(`${key}=${value}`);
  }
  if (r.chance(0.03)) parts.push(`x=${'y'.repeat(r.int(8_000, 20_000))}`);
  return { qs: parts.length ? `?${parts.join('&')}` : '', mayHang };
}

/** A document close to a valid one (a notice, a read marker, a task), then damaged. */
export function mutatedDoc(r: Rng, world: FuzzWorld): Record<string, unknown> {
  let doc: Record<string, unknown>;
  if (world.targets.length && r.chance(0.4)) {
    const t = r.pick(world.targets);
    doc = structuredClone(t.doc);
    doc._rev = r.pick([
      t.rev,
      `${parseInt(t.rev, 10) + 1}-${'0'.repeat(32)}`,
      `${r.int(1, 999)}-${r.bytes(16).toString('hex')}`,
      undefined,
    ]);
    if (doc._rev === undefined) delete doc._rev;
  } else {
    doc = {
      _id: `notice:${r.int(0, 1e12).toString(36).toUpperCase()}`,
      type: 'notice',
      schema: 1,
      createdAt: new Date().toISOString(),
      createdBy: world.staffName,
      title: 'Thông báo',
      body: 'Nội dung',
      pinned: false,
      authorName: world.staffName,
    };
  }
  for (let k = r.int(0, 4); k > 0; k--) {
    const key = r.chance(0.8) ? r.pick([...Object.keys(doc), ...KEYS]) : randomString(r, 10);
    switch (r.int(0, 4)) {
      case 0:
        delete doc[key];
        break;
      case 1:
        doc[key] = randomValue(r);
        break;
      case 2:
        doc[key] = 'x'.repeat(r.int(1000, 200_000));
        break;
      case 3:
        doc.createdBy = r.pick([world.staffName, 'hoa.do', 'mai.hoang', 'admin', '', null]);
        break;
      default:
        doc._attachments = {
          [randomAttName(r)]: {
            content_type: r.pick(['image/png', 'text/html', 'application/pdf', 'image/svg+xml', '', 'x']),
            data: r.pick([r.bytes(r.int(0, 300)).toString('base64'), '!!!notbase64', '', 'A'.repeat(r.int(1, 10))]),
            ...(r.chance(0.3) ? { stub: true, digest: 'md5-' + r.bytes(16).toString('base64'), length: r.int(-5, 1e9) } : {}),
          },
        };
    }
  }
  return doc;
}
