/**
 * Tuya's current request signature (tuya-temp-password.md §7.3), as pure functions of their inputs.
 * The client applies `signRequest` as a hook; tests check `buildStringToSign` / `buildSignPayload`
 * against Tuya's published example. No clock, no randomness, no I/O here.
 */
import { createHash, createHmac } from 'node:crypto';

export type QueryValue = string | number | boolean;

export interface SignInput {
  method: string;
  /** Path without query, e.g. "/v1.0/token". */
  path: string;
  /** Query parameters; sorted by key and signed un-encoded. */
  query?: Record<string, QueryValue>;
  /** The exact body string that goes on the wire ("" for none). */
  body: string;
  /** 13-digit millisecond timestamp, the same string that is sent in the `t` header. */
  t: string;
  nonce?: string;
  /** Absent or "" for token calls; the access token for business calls. */
  accessToken?: string;
  accessId: string;
  accessSecret: string;
  /** Extra headers to sign, in order; their names go into `Signature-Headers`. */
  signedHeaders?: ReadonlyArray<readonly [string, string]>;
}

export function sha256Hex(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Path plus sorted query, values NOT URL-encoded: the form Tuya signs (not the form sent). */
export function signedUrl(path: string, query?: Record<string, QueryValue>): string {
  const keys = query ? Object.keys(query).sort() : [];
  if (keys.length === 0) return path;
  return `${path}?${keys.map((k) => `${k}=${String(query![k])}`).join('&')}`;
}

/** The same sorted query, URL-encoded: the form put on the wire. */
export function wireUrl(path: string, query?: Record<string, QueryValue>): string {
  const keys = query ? Object.keys(query).sort() : [];
  if (keys.length === 0) return path;
  const parts = keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query![k]))}`);
  return `${path}?${parts.join('&')}`;
}

export function buildStringToSign(input: Pick<SignInput, 'method' | 'path' | 'query' | 'body' | 'signedHeaders'>): string {
  const headerBlock = (input.signedHeaders ?? []).map(([name, value]) => `${name}:${value}\n`).join('');
  return [
    input.method.toUpperCase(),
    sha256Hex(input.body),
    headerBlock,
    signedUrl(input.path, input.query),
  ].join('\n');
}

/** The string that is HMAC'd: client_id [+ access_token] + t + nonce + stringToSign. */
export function buildSignPayload(input: SignInput): string {
  return input.accessId + (input.accessToken ?? '') + input.t + (input.nonce ?? '') + buildStringToSign(input);
}

export function hmacUpperHex(secret: string, payload: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(payload, 'utf8').digest('hex').toUpperCase();
}

/** Signs one request and returns the headers that carry the signature. */
export function signRequest(input: SignInput): Record<string, string> {
  const headers: Record<string, string> = {
    client_id: input.accessId,
    t: input.t,
    sign_method: 'HMAC-SHA256',
    sign: hmacUpperHex(input.accessSecret, buildSignPayload(input)),
  };
  if (input.nonce) headers.nonce = input.nonce;
  if (input.accessToken) headers.access_token = input.accessToken;
  if (input.signedHeaders && input.signedHeaders.length > 0) {
    headers['Signature-Headers'] = input.signedHeaders.map(([name]) => name).join(':');
    for (const [name, value] of input.signedHeaders) headers[name] = value;
  }
  return headers;
}
