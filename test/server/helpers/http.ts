/** Small HTTP helpers for server tests. */
export interface Reply {
  status: number;
  headers: Headers;
  json: any;
  text: string;
}

export interface RequestOptions {
  method?: string;
  cookie?: string;
  basic?: { name: string; password: string };
  body?: unknown;
  /** Raw body (sent as is, with `contentType`). */
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function request(url: string, opts: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.basic) headers.authorization = 'Basic ' + Buffer.from(`${opts.basic.name}:${opts.basic.password}`).toString('base64');
  let body: string | Blob | undefined;
  if (opts.raw !== undefined) {
    body = typeof opts.raw === 'string' ? opts.raw : new Blob([new Uint8Array(opts.raw)]);
    headers['content-type'] = opts.contentType ?? 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(url, { method: opts.method ?? 'GET', headers, body });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Signs in through `/db/_session` and returns the `Cookie` header value. */
export async function login(base: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${base}/db/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (res.status !== 200) throw new Error(`login ${name}: HTTP ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const m = /AuthSession=[^;]*/.exec(setCookie);
  if (!m) throw new Error(`login ${name}: no cookie`);
  return m[0];
}
