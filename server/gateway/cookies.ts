import type { Request, Response } from 'express';

/** Forces the session cookie to `HttpOnly; SameSite=Lax; Path=/`, plus `Secure` on secure requests. */
export function hardenCookie(cookie: string, secure: boolean): string {
  const [pair, ...attrs] = cookie.split(';').map((p) => p.trim());
  if (!pair || !/^AuthSession=/i.test(pair)) return cookie;
  const kept = attrs.filter((a) => a && !/^(httponly|samesite|secure|path)\b/i.test(a));
  return [pair, ...kept, 'Path=/', 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}

/** Rewrites every Set-Cookie the store sends on this response. */
export function hardenSetCookie(req: Request, res: Response): void {
  // Read now: inside express-pouchdb (a sub-app) req.secure ignores our `trust proxy` setting.
  const secure = req.secure;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase() === 'set-cookie') {
      const list = Array.isArray(value) ? (value as string[]) : [String(value)];
      return setHeader(
        name,
        list.map((c) => hardenCookie(c, secure)),
      );
    }
    return setHeader(name, value);
  }) as Response['setHeader'];
}
