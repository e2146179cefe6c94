/**
 * The relay: a node:http handler the developer mounts on their own server so the mini-program can ask
 * for temporary passwords without ever holding the Tuya secret. `POST <path>` takes the plugin's JSON and
 * answers `{ id }`; every failure answers `{ error: { code, message, field?, tid? } }`, where `code` is
 * Tuya's number when Tuya refused, or one of the relay's own words below. The PIN is never echoed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_PIN_LENGTH, PinLengthRule, TempPasswordFields, checkTempPasswordFields } from '../plugin/tuya/temp-password-rules';
import { TuyaLogger } from './api-call';
import { isTuyaError } from './errors';

export interface RelayOptions {
  client: { createTempPassword(input: TempPasswordFields): Promise<{ id: string }> };
  /** Decides who may create passwords (session cookie, signed header...). Required: there is no default. */
  authorize: (req: IncomingMessage) => boolean | Promise<boolean>;
  /** Route path; default "/temp-passwords". */
  path?: string;
  /** Largest accepted body; default 16 KiB. */
  maxBodyBytes?: number;
  pinLength?: PinLengthRule;
  logger?: TuyaLogger;
}

export type RelayErrorCode =
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'UNAUTHORIZED'
  | 'BODY_TOO_LARGE'
  | 'INVALID_JSON'
  | 'INVALID_FIELD'
  | 'OUTCOME_UNKNOWN'
  | 'UPSTREAM_UNAVAILABLE'
  | 'INTERNAL';

const FIELDS = ['deviceId', 'password', 'effectiveTime', 'invalidTime', 'type', 'phone', 'timeZone', 'schedule'] as const;

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function fail(res: ServerResponse, status: number, code: RelayErrorCode | number, message: string, extra: object = {}): void {
  send(res, status, { error: { code, message, ...extra } });
}

/** Reads the body up to `limit` bytes; resolves null when the limit is passed (and stops reading). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

export function createRelayHandler(options: RelayOptions): (req: IncomingMessage, res: ServerResponse) => void {
  if (typeof options?.authorize !== 'function') throw new TypeError('createRelayHandler: "authorize" is required');
  if (typeof options.client?.createTempPassword !== 'function') throw new TypeError('createRelayHandler: "client" is required');
  const route = options.path ?? '/temp-passwords';
  const limit = options.maxBodyBytes ?? 16 * 1024;
  const pinLength = options.pinLength ?? DEFAULT_PIN_LENGTH;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== route) return fail(res, 404, 'NOT_FOUND', `no route ${req.method} ${path.slice(0, 100)}`);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return fail(res, 405, 'METHOD_NOT_ALLOWED', `${route} accepts POST only`);
    }
    if (!(await options.authorize(req))) return fail(res, 401, 'UNAUTHORIZED', 'not authorised to create passwords');
    const text = await readBody(req, limit);
    if (text === null) {
      res.setHeader('connection', 'close');
      return fail(res, 413, 'BODY_TOO_LARGE', `body larger than ${limit} bytes`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return fail(res, 400, 'INVALID_JSON', 'body is not valid JSON');
    }
    const bad = checkTempPasswordFields(parsed, pinLength);
    if (bad) return fail(res, 400, 'INVALID_FIELD', bad.message, { field: bad.field });
    // Only known fields go on: a caller cannot smuggle extra options into the client.
    const input: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const value = (parsed as Record<string, unknown>)[field];
      if (value !== undefined) input[field] = value;
    }
    const { id } = await options.client.createTempPassword(input as unknown as TempPasswordFields);
    send(res, 200, { id });
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (isTuyaError(err)) {
        options.logger?.warn?.(`relay: ${err.message}`);
        if (err.kind === 'validation') return fail(res, 400, 'INVALID_FIELD', err.message, { field: err.field });
        if (err.kind === 'api' && err.code !== undefined) {
          return fail(res, 502, err.code, err.msg ?? 'Tuya refused the request', err.tid ? { tid: err.tid } : {});
        }
        if (err.kind === 'outcome-unknown') {
          return fail(res, 504, 'OUTCOME_UNKNOWN', 'Tuya may or may not have created the password; check before retrying');
        }
        return fail(res, 502, 'UPSTREAM_UNAVAILABLE', `Tuya could not be reached (${err.kind})`);
      }
      options.logger?.warn?.('relay: unexpected error');
      fail(res, 500, 'INTERNAL', 'internal error');
    });
  };
}
