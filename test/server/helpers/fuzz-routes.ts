/**
 * Which request the fuzzer sends as number `i`: a route the gateway allows (or one it must refuse), a method,
 * an identity, query, headers and a body, all drawn from request `i`'s own random stream (./fuzz-gen.ts).
 */
import {
  type FuzzRequest,
  type FuzzWorld,
  type Identity,
  type Rng,
  enc,
  encodeSeg,
  mutatedDoc,
  randomAttName,
  randomBody,
  randomDocId,
  randomObject,
  randomQuery,
  randomString,
  randomValue,
  rngFor,
} from './fuzz-gen.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'];
const ODD_METHODS = ['COPY', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MOVE', 'CONNECT', 'FOO', 'get', 'M-SEARCH'];

type Built = Omit<FuzzRequest, 'i' | 'identity' | 'headers'> & { headers?: [string, string][]; json?: boolean };

function method(r: Rng, usual: string[]): string {
  if (r.chance(0.08)) return r.pick(ODD_METHODS);
  if (r.chance(0.15)) return r.pick(METHODS);
  return r.pick(usual);
}

function dbSeg(r: Rng, world: FuzzWorld): string {
  if (r.chance(0.08))
    return r.pick(['..', '%2e%2e', '..%2F_users', 'docket-unit-vp%2F..%2F_users', 'DOCKET-ORG', 'docket-unit-', '%ff', 'a'.repeat(300)]);
  return r.pick(world.dbs);
}

/** A JSON-bodied request (most routes). */
function withBody(r: Rng, b: Built, shape?: () => unknown): Built {
  if (b.method === 'GET' || b.method === 'HEAD' || b.method === 'DELETE') {
    if (!r.chance(0.1)) return b;
  }
  const { body, oversized } = randomBody(r, shape);
  return { ...b, body, oversized, json: true };
}

const BUILDERS: readonly (readonly [number, (r: Rng, w: FuzzWorld) => Built])[] = [
  [
    5,
    (r) =>
      withBody(r, { category: 'session', method: method(r, ['POST', 'POST', 'GET', 'DELETE']), target: '/db/_session' }, () => ({
        name: r.pick([randomValue(r), 'an.nguyen', 'admin', 'hoa.do']),
        password: r.pick([randomValue(r), 'x'.repeat(r.int(0, 20_000))]),
        ...(r.chance(0.3) ? randomObject(r) : {}),
      })),
  ],
  [
    10,
    (r, w) => {
      const db = dbSeg(r, w);
      const id = randomDocId(r, w);
      const m = method(r, ['PUT', 'PUT', 'GET', 'DELETE']);
      const { qs } = randomQuery(r, false);
      return withBody(r, { category: 'doc', method: m, target: `/db/${db}/${encodeSeg(r, id)}${qs}` }, () => {
        const d = mutatedDoc(r, w);
        if (r.chance(0.7)) d._id = id;
        return d;
      });
    },
  ],
  [
    3,
    (r, w) =>
      withBody(r, { category: 'db', method: method(r, ['POST', 'GET', 'HEAD', 'PUT', 'DELETE']), target: `/db/${dbSeg(r, w)}` }, () =>
        mutatedDoc(r, w),
      ),
  ],
  [
    8,
    (r, w) =>
      withBody(
        r,
        { category: '_bulk_docs', method: method(r, ['POST']), target: `/db/${dbSeg(r, w)}/_bulk_docs${randomQuery(r, false).qs}` },
        () =>
          r.chance(0.85)
            ? {
                docs: r.chance(0.85)
                  ? Array.from({ length: r.int(0, 8) }, () => (r.chance(0.85) ? mutatedDoc(r, w) : randomValue(r)))
                  : randomValue(r),
                ...(r.chance(0.5) ? { new_edits: r.pick([false, true, 'false', 0, null]) } : {}),
                ...(r.chance(0.1) ? { all_or_nothing: true } : {}),
              }
            : randomValue(r),
      ),
  ],
  [
    7,
    (r, w) => {
      const m = method(r, ['GET', 'GET', 'POST']);
      const { qs, mayHang } = randomQuery(r, true);
      const b = withBody(r, { category: '_changes', method: m, target: `/db/${dbSeg(r, w)}/_changes${qs}`, mayHang }, () => ({
        doc_ids: r.chance(0.7) ? Array.from({ length: r.int(0, 5) }, () => randomValue(r)) : randomValue(r),
        ...(r.chance(0.3) ? randomObject(r) : {}),
      }));
      return b;
    },
  ],
  [
    6,
    (r, w) =>
      withBody(
        r,
        {
          category: '_all_docs',
          method: method(r, ['GET', 'GET', 'POST']),
          target: `/db/${dbSeg(r, w)}/_all_docs${randomQuery(r, false).qs}`,
        },
        () => ({ keys: r.chance(0.7) ? Array.from({ length: r.int(0, 10) }, () => randomValue(r)) : randomValue(r) }),
      ),
  ],
  [
    6,
    (r, w) =>
      withBody(
        r,
        { category: '_bulk_get', method: method(r, ['POST']), target: `/db/${dbSeg(r, w)}/_bulk_get${randomQuery(r, false).qs}` },
        () => ({
          docs: r.chance(0.8)
            ? Array.from({ length: r.int(0, 6) }, () =>
                r.chance(0.8)
                  ? {
                      id: r.chance(0.7) ? randomDocId(r, w) : randomValue(r),
                      ...(r.chance(0.6) ? { rev: r.pick([randomValue(r), '1-x', w.targets[0]?.rev ?? '1-a']) } : {}),
                      ...(r.chance(0.2) ? { atts_since: randomValue(r) } : {}),
                    }
                  : randomValue(r),
              )
            : randomValue(r),
        }),
      ),
  ],
  [
    3,
    (r, w) =>
      withBody(r, { category: '_revs_diff', method: method(r, ['POST']), target: `/db/${dbSeg(r, w)}/_revs_diff` }, () =>
        Object.fromEntries(
          Array.from({ length: r.int(0, 6) }, () => [randomDocId(r, w), r.chance(0.8) ? [randomString(r, 40)] : randomValue(r)]),
        ),
      ),
  ],
  [
    1,
    (r, w) =>
      withBody(r, { category: '_ensure_full_commit', method: method(r, ['POST']), target: `/db/${dbSeg(r, w)}/_ensure_full_commit` }),
  ],
  [
    10,
    (r, w) => {
      const t = w.targets.length && r.chance(0.5) ? r.pick(w.targets) : null;
      const db = t && r.chance(0.8) ? t.db : dbSeg(r, w);
      const id = t ? t.id : randomDocId(r, w);
      const name = t?.attachment && r.chance(0.3) ? t.attachment : randomAttName(r);
      const m = method(r, ['PUT', 'PUT', 'GET', 'GET', 'DELETE', 'HEAD']);
      const rev = r.pick([t?.rev, '1-abc', randomString(r, 20), undefined]);
      const qs = rev !== undefined && r.chance(0.8) ? `?rev=${enc(rev)}` : randomQuery(r, false).qs;
      const headers: [string, string][] = [];
      if (m === 'GET' && r.chance(0.4))
        headers.push([
          'Range',
          r.pick(['bytes=0-5', 'bytes=-5', 'bytes=99999999-', 'bytes=a-b', 'bytes=5-1', 'bytes=0-1,2-3,' + '4-5,'.repeat(200)]),
        ]);
      const sizes = [0, 1, 100, 5000, 200_000];
      const body =
        m === 'PUT' || r.chance(0.05)
          ? r.pick([r.bytes(r.pick(sizes)), Buffer.from('<script>alert(1)</script>'), Buffer.from('%PDF-1.4\n')])
          : undefined;
      headers.push([
        'Content-Type',
        r.pick([
          'image/png',
          'application/pdf',
          'text/html',
          'image/svg+xml',
          'application/json',
          'multipart/related; boundary=x',
          '',
          'x/y; charset=utf-99',
        ]),
      ]);
      return { category: 'attachment', method: m, target: `/db/${db}/${encodeSeg(r, id)}/${encodeSeg(r, name)}${qs}`, headers, body };
    },
  ],
  [
    3,
    (r, w) =>
      withBody(
        r,
        {
          category: '_local',
          method: method(r, ['GET', 'PUT', 'DELETE']),
          target: `/db/${dbSeg(r, w)}/${r.pick(['_local/', '_local%2F', '_local/../'])}${encodeSeg(r, randomString(r, 30) || 'x')}`,
        },
        () => ({ _rev: r.chance(0.5) ? '0-1' : randomValue(r), history: randomValue(r), last_seq: randomValue(r), ...randomObject(r) }),
      ),
  ],
  [
    3,
    (r, w) =>
      withBody(
        r,
        {
          category: '_design',
          method: method(r, ['GET', 'PUT', 'DELETE']),
          target: `/db/${dbSeg(r, w)}/${r.pick(['_design/docket', '_design%2Fdocket', '_design/docket/_view/eventsByTask', '_design/evil', '_design/docket/_update/x', '_design/docket/_show/x', '_design/'])}${randomQuery(r, false).qs}`,
        },
        () => ({ validate_doc_update: 'function(){}', views: { x: { map: 'function(d){emit(d._id)}' } }, ...randomObject(r) }),
      ),
  ],
  [
    6,
    (r, w) => {
      const paths = [
        '/db/_all_dbs',
        '/db/_config',
        '/db/_config/admins/evil',
        '/db/_node/node1@127.0.0.1/_config/admins/evil',
        '/db/_node/_local/_config',
        '/db/_replicate',
        '/db/_users',
        '/db/_users/_all_docs',
        '/db/_users/org.couchdb.user:evil',
        '/db/_users/org.couchdb.user%3Aan.nguyen',
        '/db/_replicator',
        '/db/_utils/',
        '/db/_active_tasks',
        '/db/_uuids?count=' + r.pick(['1', '100000000', '-1', 'x', '1e9']),
        '/db/_whatever',
        '/db/',
        '/db',
        `/db/${dbSeg(r, w)}/_security`,
        `/db/${dbSeg(r, w)}/_purge`,
        `/db/${dbSeg(r, w)}/_find`,
        `/db/${dbSeg(r, w)}/_index`,
        `/db/${dbSeg(r, w)}/_compact`,
        `/db/${dbSeg(r, w)}/_revs_limit`,
        `/db/${dbSeg(r, w)}/_whatever`,
        `/db/${dbSeg(r, w)}/_design_docs`,
      ];
      return withBody(r, { category: 'refused', method: method(r, ['GET', 'PUT', 'POST']), target: r.pick(paths) }, () =>
        r.chance(0.5)
          ? {
              source: 'docket-org',
              target: 'http://127.0.0.1:1/x',
              create_target: true,
              members: { names: ['evil'], roles: [] },
              admins: {},
            }
          : randomObject(r),
      );
    },
  ],
  [
    6,
    (r) => {
      const route = r.weighted<string>([
        [2, '/api/health'],
        [2, '/api/me'],
        [3, '/api/keys'],
        [3, '/api/changes'],
        [1, '/api/nope'],
        [1, '/api/../db/_all_dbs'],
        [1, '/api/%2e%2e/db/_all_dbs'],
      ]);
      const usual = route === '/api/keys' || route === '/api/changes' ? ['POST'] : ['GET'];
      return withBody(r, { category: 'api', method: method(r, usual), target: route }, () => {
        if (route === '/api/keys')
          return {
            jwk: r.chance(0.7)
              ? {
                  kty: r.pick(['EC', 'RSA', 'oct', randomValue(r)]),
                  crv: r.pick(['P-256', 'P-384', randomValue(r)]),
                  x: randomString(r, 43),
                  y: randomString(r, 43),
                  ...(r.chance(0.2) ? { d: 'secret' } : {}),
                }
              : randomValue(r),
            ...(r.chance(0.3) ? { name: randomValue(r) } : {}),
          };
        // Sequences that differ from the current ones: the long poll answers at once.
        return {
          dbs: r.chance(0.8)
            ? Object.fromEntries(
                Array.from({ length: r.int(0, 5) }, () => [
                  r.pick(['docket-org', 'docket-unit-vp', 'docket-unit-kt', 'docket-registry', 'docket-unit-nope', randomString(r, 20)]),
                  r.pick([null, 'x', 42, randomValue(r)]),
                ]),
              )
            : randomValue(r),
        };
      });
    },
  ],
  [
    2,
    (r) => ({
      category: 'static',
      method: method(r, ['GET', 'HEAD']),
      target: r.pick([
        '/',
        '/index.html',
        '/notices',
        '/..%2f..%2fetc%2fpasswd',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/assets/..%2f..%2fpackage.json',
        '/../package.json',
        '/sw.js',
        '/manifest.webmanifest',
        '/assets/%ff',
        '/' + 'a/'.repeat(500),
      ]),
    }),
  ],
  [
    6,
    (r, w) => {
      // Header and framing abuse on an otherwise plain request.
      const target = r.pick([
        `/db/${dbSeg(r, w)}/_all_docs?limit=1`,
        '/db/_session',
        `/db/${dbSeg(r, w)}/_bulk_docs`,
        '/api/me',
        `/db/${dbSeg(r, w)}`,
      ]);
      const small = Buffer.from('{"docs":[]}');
      switch (r.int(0, 11)) {
        case 0:
          return {
            category: 'headers:content-length-short',
            method: 'POST',
            target,
            body: small,
            contentLength: r.int(0, small.length - 1),
            json: true,
          };
        case 1:
          return {
            category: 'headers:content-length-long',
            method: 'POST',
            target,
            body: small,
            contentLength: small.length + r.int(1, 1e6),
            json: true,
            mayHang: true,
          };
        case 2:
          return {
            category: 'headers:content-length-bad',
            method: 'POST',
            target,
            body: small,
            contentLength: null,
            headers: [['Content-Length', r.pick(['-1', 'abc', '1e3', '99999999999999999999', '11, 12', ' 11'])]],
            json: true,
          };
        case 3:
          return {
            category: 'headers:chunked-bad',
            method: 'POST',
            target,
            contentLength: null,
            headers: [['Transfer-Encoding', 'chunked']],
            body: Buffer.from(r.pick(['zz\r\nabc\r\n0\r\n\r\n', '5\r\n{"do\r\n', 'ffffffffffffffff\r\nx\r\n', '0\r\n\r\n'])),
            json: true,
            mayHang: true,
          };
        case 4:
          return {
            category: 'headers:smuggle',
            method: 'POST',
            target,
            body: Buffer.from('0\r\n\r\nGET /db/_all_dbs HTTP/1.1\r\nHost: x\r\n\r\n'),
            headers: [['Transfer-Encoding', 'chunked']],
            json: true,
          };
        case 5:
          return {
            category: 'headers:content-encoding',
            method: 'POST',
            target,
            body: r.bytes(r.int(1, 500)),
            headers: [['Content-Encoding', r.pick(['gzip', 'deflate', 'br', 'compress', 'x-evil', 'gzip, gzip'])]],
            json: true,
          };
        case 6:
          return {
            category: 'headers:content-type',
            method: 'POST',
            target,
            body: Buffer.from('{"docs":[]}'),
            headers: [
              [
                'Content-Type',
                r.pick([
                  'text/plain',
                  'application/json; charset=latin1',
                  'application/json; charset=utf-16',
                  'application/x-www-form-urlencoded',
                  'multipart/form-data; boundary=',
                  'multipart/related',
                  'application/json; charset=' + 'x'.repeat(3000),
                  'application/json, text/html',
                  '*/*',
                ]),
              ],
            ],
          };
        case 7:
          return {
            category: 'headers:huge-cookie',
            method: 'GET',
            target,
            headers: [['Cookie', `AuthSession=${'A'.repeat(r.pick([4_000, 15_000, 20_000, 70_000]))}`]],
          };
        case 8:
          return {
            category: 'headers:bad-bytes',
            method: 'GET',
            target,
            headers: [
              [
                r.pick(['X-Forwarded-Proto', 'Accept', 'Cookie', 'Authorization', 'Host', 'Origin']),
                Buffer.from(r.bytes(r.int(1, 60)).map((b) => (b < 0x20 || b === 0x7f ? 0x80 + (b % 0x7f) : b))).toString('latin1'),
              ],
            ],
          };
        case 9:
          return {
            category: 'headers:http10',
            method: 'GET',
            target,
            version: r.pick(['HTTP/1.0', 'HTTP/0.9', 'HTTP/2.0', 'HTTP/1.1']),
            noHost: r.chance(0.5),
          };
        case 10:
          return {
            category: 'headers:target',
            method: 'GET',
            target: r.pick([
              'http://127.0.0.1/db/_all_dbs',
              '*',
              '//db/_all_dbs',
              '/db//docket-org',
              '/db/../db/_all_dbs',
              '/db/%2e%2e/db/_all_dbs',
              `/db/${'x'.repeat(20_000)}`,
              '/db/docket-org#frag',
              '/db/docket-org/_all_docs?limit=1#x',
            ]),
          };
        default:
          return {
            category: 'headers:many',
            method: 'GET',
            target,
            headers: Array.from({ length: r.pick([50, 200, 3000]) }, (_, k): [string, string] => [`X-H${k}`, 'v']),
          };
      }
    },
  ],
];

function identityHeaders(r: Rng, identity: Identity, world: FuzzWorld): [string, string][] {
  if (identity === 'staff') {
    return r.chance(0.9)
      ? [['Cookie', world.staffCookie]]
      : [['Authorization', 'Basic ' + Buffer.from(`${world.staffName}:${world.staffPassword}`).toString('base64')]];
  }
  if (identity === 'anonymous') return [];
  return [
    r.pick<[string, string]>([
      ['Cookie', `AuthSession=${randomString(r, 80)}`.replace(/[\r\n\u0100-\uffff]/g, '?')],
      [
        'Cookie',
        `AuthSession=${Buffer.from(`an.nguyen:${r.int(0, 0xffffffff).toString(16).toUpperCase()}:${r.bytes(20).toString('base64')}`).toString('base64url')}`,
      ],
      ['Cookie', 'AuthSession=%ff%fe'],
      ['Cookie', 'AuthSession='],
      ['Cookie', `AuthSession=${Buffer.from(':::').toString('base64')}; AuthSession=x`],
      ['Authorization', 'Basic ' + Buffer.from(`an.nguyen:${randomString(r, 10)}`).toString('base64')],
      ['Authorization', 'Basic ' + r.pick(['', '!!!', 'Og==', Buffer.from('nocolon').toString('base64'), 'A'.repeat(8000)])],
      ['Authorization', r.pick(['Bearer x', 'Digest x', 'Basic', 'basic ' + Buffer.from('admin:admin').toString('base64')])],
    ]),
  ];
}

/** Request number `i` of seed `seed`. */
export function buildRequest(seed: number, i: number, world: FuzzWorld): FuzzRequest {
  const r = rngFor(seed, i);
  let identity = r.weighted<Identity>([
    [50, 'staff'],
    [35, 'anonymous'],
    [15, 'garbage'],
  ]);
  const built = r.weighted(BUILDERS)(r, world);
  // Signing out is not fuzzed with the staff session the rest of the run depends on.
  if (built.category === 'session' && built.method === 'DELETE' && identity === 'staff') identity = 'anonymous';
  const headers: [string, string][] = [...identityHeaders(r, identity, world), ...(built.headers ?? [])];
  if (built.json && !headers.some(([k]) => k.toLowerCase() === 'content-type')) {
    headers.push([
      'Content-Type',
      r.chance(0.9) ? 'application/json' : r.pick(['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8']),
    ]);
  }
  const { json: _json, headers: _h, ...rest } = built;
  void _json;
  void _h;
  return { ...rest, i, identity, headers };
}
