/**
 * One signed request to the mock Tuya cloud, built by hand (cloud/sign.ts for the signature only), so a
 * test can send exactly the bytes, headers and timestamps another client would, and read the raw envelope.
 */
import { signRequest } from '../../cloud/sign';
import type { HttpsTransport } from '../../cloud/transport';
import type { MockTuyaCloud } from '../../simulator/tuya-cloud';

export interface SignedCallOptions {
  body?: string;
  token?: string;
  query?: Record<string, string>;
  /** The `t` header; default now. */
  t?: number;
  nonce?: string;
  /** Extra headers sent but not signed. */
  extra?: Record<string, string>;
}

/** The parsed envelope, untyped: tests probe fields a typed answer would hide. */
export async function signedCall(mock: MockTuyaCloud, https: HttpsTransport, method: string, path: string, opts: SignedCallOptions = {}): Promise<any> {
  const signed = signRequest({
    method,
    path,
    query: opts.query,
    body: opts.body ?? '',
    t: String(opts.t ?? Date.now()),
    nonce: opts.nonce,
    accessToken: opts.token,
    accessId: mock.accessId,
    accessSecret: mock.accessSecret,
  });
  const qs = opts.query ? `?${new URLSearchParams(opts.query)}` : '';
  const res = await https.send({ method, url: `${mock.baseUrl}${path}${qs}`, headers: { ...signed, ...opts.extra }, body: opts.body });
  return JSON.parse(res.text);
}
