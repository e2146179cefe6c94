/**
 * Signature checking for the mock Tuya cloud, written from tuya-temp-password.md §7 on its own and
 * deliberately NOT importing cloud/sign.ts: if the client and the mock shared one implementation, a
 * symmetric bug would pass every test. It hashes the raw body bytes it received, so the connector's "{}"
 * on GET and the SDKs' empty body both verify (§7.4, §11).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface ReceivedRequest {
  method: string;
  /** Path and query exactly as received on the request line. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AuthExpectation {
  accessId: string;
  accessSecret: string;
  serverNow: number;
  maxSkewMs: number;
}

export type AuthVerdict =
  | { ok: true; tokenCall: boolean; accessToken: string; path: string; query: Map<string, string> }
  | { ok: false; code: number; msg: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** Splits the request line's URL into the decoded path and decoded query pairs. */
export function parseUrl(rawUrl: string): { path: string; query: Map<string, string> } {
  const q = rawUrl.indexOf('?');
  const path = decode(q < 0 ? rawUrl : rawUrl.slice(0, q));
  const query = new Map<string, string>();
  if (q >= 0) {
    for (const pair of rawUrl.slice(q + 1).split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      query.set(decode(eq < 0 ? pair : pair.slice(0, eq)), decode(eq < 0 ? '' : pair.slice(eq + 1)));
    }
  }
  return { path, query };
}

/** The URL as Tuya signs it: path, then keys sorted ascending with raw (un-encoded) values. */
function canonicalUrl(path: string, query: Map<string, string>): string {
  const keys = [...query.keys()].sort();
  return keys.length ? `${path}?${keys.map((k) => `${k}=${query.get(k)}`).join('&')}` : path;
}

export function verifySignature(req: ReceivedRequest, expect: AuthExpectation): AuthVerdict {
  const clientId = header(req.headers, 'client_id');
  const sign = header(req.headers, 'sign');
  const t = header(req.headers, 't');
  if (!clientId || !sign || !t) return { ok: false, code: 1105, msg: 'missing the header' };
  if (clientId !== expect.accessId) return { ok: false, code: 1005, msg: 'clientId invalid' };
  const tNum = /^\d{13}$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(tNum) || Math.abs(expect.serverNow - tNum) > expect.maxSkewMs) {
    return { ok: false, code: 1013, msg: 'request time is invalid' };
  }
  const { path, query } = parseUrl(req.rawUrl);
  const tokenCall = path === '/v1.0/token' || path.startsWith('/v1.0/token/');
  const accessToken = tokenCall ? '' : header(req.headers, 'access_token') ?? '';
  const nonce = header(req.headers, 'nonce') ?? '';

  const signedNames = (header(req.headers, 'signature-headers') ?? '').split(':').filter((n) => n.length > 0);
  const headerLines = signedNames.map((n) => `${n}:${header(req.headers, n) ?? ''}\n`).join('');
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const stringToSign = `${req.method.toUpperCase()}\n${bodyHash}\n${headerLines}\n${canonicalUrl(path, query)}`;
  const payload = clientId + accessToken + t + nonce + stringToSign;
  const expected = createHmac('sha256', expect.accessSecret).update(payload).digest('hex').toUpperCase();

  const a = Buffer.from(expected);
  const b = Buffer.from(sign.toUpperCase());
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, code: 1004, msg: 'sign invalid' };
  return { ok: true, tokenCall, accessToken, path, query };
}
