/**
 * The Tuya route table for the relay core: one POST route per client operation, each with its own
 * field rules (unknown fields are refused, not dropped) and the intent it hands to authorize. The
 * device always comes from the body's `deviceId`, and only from there: the query string and headers
 * are never read, so what authorize checked is what reaches Tuya.
 */
import { DEFAULT_PIN_LENGTH, MIN_EPOCH_MS, PinLengthRule, checkPin, checkTempPasswordFields } from '../plugin/tuya/temp-password-rules';
import type { ParsedIntent, RelayRoute } from './relay-core';

export type OfflineKind = 'once' | 'multiple' | 'clear_one' | 'clear_all';

/** The client operations the relay calls (cloud/client.ts). Results must hold no PIN. */
export interface TuyaRelayClient {
  createTempPassword(input: any): Promise<{ id: string }>;
  listTempPasswords(deviceId: string, options?: { valid?: boolean }): Promise<unknown>;
  getTempPassword(deviceId: string, id: string): Promise<unknown>;
  modifyTempPassword(deviceId: string, id: string, input: { password: string; effectiveTime: number; invalidTime: number; name?: string }): Promise<unknown>;
  freezeTempPassword(deviceId: string, id: string): Promise<unknown>;
  unfreezeTempPassword(deviceId: string, id: string): Promise<unknown>;
  deleteTempPassword(deviceId: string, id: string): Promise<unknown>;
  clearTempPasswords(deviceId: string): Promise<unknown>;
  createOfflinePassword(
    deviceId: string,
    input: { kind: OfflineKind; effectiveTime?: number; invalidTime?: number; passwordId?: string; name?: string },
  ): Promise<unknown>;
  getDynamicPassword(deviceId: string): Promise<unknown>;
}

type Violation = { field: string; message: string };
type Body = Record<string, unknown>;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const KINDS: readonly OfflineKind[] = ['once', 'multiple', 'clear_one', 'clear_all'];
const CREATE_FIELDS = ['deviceId', 'password', 'effectiveTime', 'invalidTime', 'type', 'phone', 'timeZone', 'schedule'];

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/** Refuses fields a route does not know: a typo or a smuggled option should not pass silently. */
function unknownField(body: Body, allowed: readonly string[]): Violation | null {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) return { field: key.slice(0, 64), message: `"${key.slice(0, 64)}" is not a field of this route` };
  }
  return null;
}

function idField(body: Body, field: string, optional = false): Violation | null {
  const v = body[field];
  if (optional && v === undefined) return null;
  if (typeof v === 'string' && ID.test(v)) return null;
  const got = typeof v === 'string' ? `a string of length ${v.length}` : kindOf(v);
  return { field, message: `"${field}" expected 1 to 64 letters, digits, "_" or "-", got ${got}` };
}

function timeField(body: Body, field: string, optional = false): Violation | null {
  const v = body[field];
  if (optional && v === undefined) return null;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= MIN_EPOCH_MS) return null;
  return { field, message: `"${field}" expected an integer epoch time in milliseconds (13 digits), got ${typeof v === 'number' ? v : kindOf(v)}` };
}

/** A PIN sent as a number (or anything not a string) is described by type only, never echoed. */
function pinField(body: Body, rule: PinLengthRule): Violation | null {
  if (typeof body.password !== 'string') return { field: 'password', message: `"password" expected a string of digits, got ${kindOf(body.password)}` };
  return checkPin(body.password, rule);
}

function nameField(body: Body): Violation | null {
  const v = body.name;
  if (v === undefined || (typeof v === 'string' && v.length <= 64 && !/[\u0000-\u001f]/.test(v))) return null;
  return { field: 'name', message: `"name" expected a string of at most 64 printable characters, got ${kindOf(v)}` };
}

const first = (...checks: Array<Violation | null>): Violation | null => checks.find((c) => c !== null) ?? null;

/** A route that takes `deviceId` (and maybe `passwordId`) and nothing else. */
function byId(action: string, mutates: boolean, withPassword: boolean, run: (c: TuyaRelayClient, d: string, p: string) => Promise<unknown>, client: TuyaRelayClient): RelayRoute {
  const allowed = withPassword ? ['deviceId', 'passwordId'] : ['deviceId'];
  return {
    action,
    mutates,
    parse(body) {
      const bad = first(unknownField(body, allowed), idField(body, 'deviceId'), withPassword ? idField(body, 'passwordId') : null);
      if (bad) return bad;
      const intent: ParsedIntent = { deviceId: body.deviceId as string, fields: {} };
      return withPassword ? { ...intent, passwordId: body.passwordId as string } : intent;
    },
    run: async (intent) => answer(await run(client, intent.deviceId!, intent.passwordId ?? '')),
  };
}

/** Every answer is a JSON object: a list becomes `{ passwords }`, a bare `true` becomes `{ ok: true }`. */
export function answer(result: unknown): object {
  if (Array.isArray(result)) return { passwords: result };
  if (typeof result === 'object' && result !== null) return result;
  return { ok: result === undefined ? true : result };
}

export function tuyaRoutes(client: TuyaRelayClient, pinLength: PinLengthRule = DEFAULT_PIN_LENGTH): Record<string, RelayRoute> {
  return {
    '': {
      action: 'create',
      mutates: true,
      secretFields: ['password'],
      parse(body) {
        const bad = first(unknownField(body, CREATE_FIELDS), idField(body, 'deviceId'), pinField(body, pinLength)) ?? checkTempPasswordFields(body, pinLength);
        if (bad) return bad;
        const fields: Record<string, unknown> = {};
        for (const f of CREATE_FIELDS) if (f !== 'deviceId' && body[f] !== undefined) fields[f] = body[f];
        return { deviceId: body.deviceId as string, fields };
      },
      run: async (intent) => answer(await client.createTempPassword({ deviceId: intent.deviceId, ...intent.fields })),
    },
    '/list': {
      action: 'list',
      mutates: false,
      parse(body) {
        const bad = first(unknownField(body, ['deviceId', 'valid']), idField(body, 'deviceId'));
        if (bad) return bad;
        if (body.valid !== undefined && typeof body.valid !== 'boolean') return { field: 'valid', message: `"valid" expected true or false, got ${kindOf(body.valid)}` };
        return { deviceId: body.deviceId as string, fields: body.valid === undefined ? {} : { valid: body.valid } };
      },
      run: async (intent) => answer(await client.listTempPasswords(intent.deviceId!, { ...intent.fields })),
    },
    '/get': byId('detail', false, true, (c, d, p) => c.getTempPassword(d, p), client),
    '/modify': {
      action: 'modify',
      mutates: true,
      secretFields: ['password'],
      parse(body) {
        const allowed = ['deviceId', 'passwordId', 'password', 'effectiveTime', 'invalidTime', 'name'];
        const bad = first(
          unknownField(body, allowed),
          idField(body, 'deviceId'),
          idField(body, 'passwordId'),
          pinField(body, pinLength),
          timeField(body, 'effectiveTime'),
          timeField(body, 'invalidTime'),
          nameField(body),
        );
        if (bad) return bad;
        if (Math.floor((body.invalidTime as number) / 1000) <= Math.floor((body.effectiveTime as number) / 1000)) {
          return { field: 'invalidTime', message: '"invalidTime" expected at least one second after "effectiveTime"' };
        }
        const fields: Record<string, unknown> = { password: body.password, effectiveTime: body.effectiveTime, invalidTime: body.invalidTime };
        if (body.name !== undefined) fields.name = body.name;
        return { deviceId: body.deviceId as string, passwordId: body.passwordId as string, fields };
      },
      run: async (intent) => answer(await client.modifyTempPassword(intent.deviceId!, intent.passwordId!, { ...(intent.fields as any) })),
    },
    '/freeze': byId('freeze', true, true, (c, d, p) => c.freezeTempPassword(d, p), client),
    '/unfreeze': byId('unfreeze', true, true, (c, d, p) => c.unfreezeTempPassword(d, p), client),
    '/delete': byId('delete', true, true, (c, d, p) => c.deleteTempPassword(d, p), client),
    '/clear': byId('clear', true, false, (c, d) => c.clearTempPasswords(d), client),
    '/offline': {
      action: 'offline',
      mutates: true,
      parse(body) {
        const allowed = ['deviceId', 'kind', 'effectiveTime', 'invalidTime', 'passwordId', 'name'];
        const bad = first(
          unknownField(body, allowed),
          idField(body, 'deviceId'),
          KINDS.includes(body.kind as OfflineKind) ? null : { field: 'kind', message: `"kind" expected one of ${KINDS.join(', ')}` },
          timeField(body, 'effectiveTime', body.kind !== 'multiple'),
          timeField(body, 'invalidTime', body.kind !== 'multiple'),
          idField(body, 'passwordId', body.kind !== 'clear_one'),
          nameField(body),
        );
        if (bad) return bad;
        const fields: Record<string, unknown> = { kind: body.kind };
        for (const f of ['effectiveTime', 'invalidTime', 'name']) if (body[f] !== undefined) fields[f] = body[f];
        const intent: ParsedIntent = { deviceId: body.deviceId as string, fields };
        return body.passwordId === undefined ? intent : { ...intent, passwordId: body.passwordId as string };
      },
      run: async (intent) =>
        answer(await client.createOfflinePassword(intent.deviceId!, { ...(intent.fields as any), ...(intent.passwordId ? { passwordId: intent.passwordId } : {}) })),
    },
    '/dynamic': byId('dynamic', false, false, (c, d) => c.getDynamicPassword(d), client),
  };
}
