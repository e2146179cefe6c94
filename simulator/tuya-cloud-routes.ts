/**
 * The mock cloud's endpoint table and its business handlers (tuya-password-lifecycle.md §15.1): exact
 * paths and verbs (list plural, detail singular, modify/freeze/unfreeze as PUT …/temp-passwords/{id}/…,
 * clear-all at rest-password and reset-password, offline at v1.1 and v1.0), anything else 1108.
 */
import { MockCloudState } from './tuya-cloud-state';
import { MockLocks } from './tuya-cloud-locks';
import { MockOfflineCodes, dynamicCode } from './tuya-cloud-offline';
import { checkCreateBody, checkModifyBody, checkPlainPin } from './tuya-cloud-validate';

export type MockEndpoint =
  | 'token' | 'refresh' | 'ticket' | 'create' | 'detail' | 'list' | 'modify' | 'freeze' | 'unfreeze'
  | 'delete' | 'clear' | 'offline' | 'offline-rename' | 'dynamic' | 'unknown';

export const MOCK_ENDPOINTS: readonly MockEndpoint[] = [
  'token', 'refresh', 'ticket', 'create', 'detail', 'list', 'modify', 'freeze', 'unfreeze', 'delete', 'clear', 'offline', 'offline-rename', 'dynamic', 'unknown',
];

const DEV = '/v1\\.0/devices/([^/]+)/door-lock';
const TABLE: Array<[MockEndpoint, string, RegExp]> = [
  ['token', 'GET', /^\/v1\.0\/token$/],
  ['refresh', 'GET', /^\/v1\.0\/token\/[^/]+$/],
  ['ticket', 'POST', new RegExp(`^${DEV}/password-ticket$`)],
  ['create', 'POST', /^\/v2\.0\/devices\/([^/]+)\/door-lock\/temp-password$/],
  ['detail', 'GET', new RegExp(`^${DEV}/temp-password/([^/]+)$`)],
  ['list', 'GET', new RegExp(`^${DEV}/temp-passwords$`)],
  ['modify', 'PUT', new RegExp(`^${DEV}/temp-passwords/([^/]+)/modify-password$`)],
  ['freeze', 'PUT', new RegExp(`^${DEV}/temp-passwords/([^/]+)/freeze-password$`)],
  ['unfreeze', 'PUT', new RegExp(`^${DEV}/temp-passwords/([^/]+)/unfreeze-password$`)],
  ['clear', 'POST', new RegExp(`^${DEV}/temp-passwords/re(?:s|se)t-password$`)],
  ['delete', 'DELETE', new RegExp(`^${DEV}/temp-passwords/([^/]+)$`)],
  ['offline', 'POST', /^\/v1\.[01]\/devices\/([^/]+)\/door-lock\/offline-temp-password$/],
  ['offline-rename', 'PUT', new RegExp(`^${DEV}/offline-temp-password/([^/]+)$`)],
  ['dynamic', 'GET', new RegExp(`^${DEV}/dynamic-password$`)],
];

export function endpointOf(method: string, path: string): { endpoint: MockEndpoint; deviceId?: string; id?: string } {
  for (const [endpoint, verb, pattern] of TABLE) {
    const m = verb === method ? pattern.exec(path) : null;
    if (m) return { endpoint, deviceId: m[1], id: m[2] };
  }
  return { endpoint: 'unknown' };
}

export type Answer = { ok: true; result: unknown } | { ok: false; code: number; msg: string };
const ok = (result: unknown): Answer => ({ ok: true, result });
const err = (code: number, msg: string): Answer => ({ ok: false, code, msg });
const ILLEGAL = err(1109, 'param is illegal');

export interface BusinessContext {
  state: MockCloudState;
  locks: MockLocks;
  offline: MockOfflineCodes;
  accessSecret: string;
  now: number;
  /** What a list without `valid` returns; Tuya does not say. */
  listWithoutValid: 'all' | 'valid';
  onTicketUsed(ticketId: string): void;
}

function parseBody(body: Buffer): Record<string, unknown> | null {
  if (body.length === 0) return {};
  try {
    const parsed = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** A device-scoped call whose signature and token were accepted. */
export function handleBusiness(c: BusinessContext, endpoint: MockEndpoint, deviceId: string, id: string | undefined, query: Map<string, string>, raw: Buffer): Answer {
  const { locks, now } = c;
  const device = locks.devices[deviceId];
  if (!device) return err(2010, 'device not exist');
  locks.settle(now);
  const body = parseBody(raw);
  if (body === null) return ILLEGAL;
  const mine = locks.passwords.filter((p) => p.deviceId === deviceId);
  const found = id === undefined ? undefined : mine.find((p) => p.id === id);
  switch (endpoint) {
    case 'ticket':
      return ok(c.state.issueTicket(deviceId, now));
    case 'list': {
      const valid = query.get('valid') ?? (c.listWithoutValid === 'valid' ? 'true' : undefined);
      if (valid !== undefined && valid !== 'true' && valid !== 'false') return ILLEGAL;
      const nowSec = Math.floor(now / 1000);
      return ok(mine.filter((p) => valid === undefined || locks.isValid(p, nowSec) === (valid === 'true')).map((p) => locks.item(p)));
    }
    case 'detail':
      return found ? ok(locks.item(found)) : ILLEGAL;
    case 'create':
    case 'modify': {
      if (endpoint === 'modify' && (!found || locks.isDeleted(found))) return ILLEGAL;
      const problem = endpoint === 'create' ? checkCreateBody(body) : checkModifyBody(body);
      if (problem) return err(problem.code, problem.msg);
      if (device.online === false) return err(2001, 'device is offline');
      const pin = c.state.openPassword(String(body.ticket_id), deviceId, String(body.password), now);
      if (pin === null) return ILLEGAL;
      const pinProblem = checkPlainPin(pin, device.pinLength ?? { min: 6, max: 10 });
      if (pinProblem) return err(pinProblem.code, pinProblem.msg);
      c.onTicketUsed(String(body.ticket_id));
      if (endpoint === 'modify') {
        locks.modify(found!, pin, body, now);
        return ok(true);
      }
      return ok({ id: Number(locks.create(deviceId, pin, body, now).id) });
    }
    case 'freeze':
    case 'unfreeze':
      if (!found || locks.isDeleted(found)) return ILLEGAL;
      locks.freeze(found, endpoint === 'freeze', now);
      return ok(true);
    case 'delete':
      if (!found) return ILLEGAL;
      if (!locks.isDeleted(found)) locks.remove(found, now, device.protocol === 'ble_gateway' && body.bluetooth_symbolic !== true);
      return ok(true);
    case 'clear':
      for (const p of mine) if (!locks.isDeleted(p)) locks.remove(p, now);
      return ok(true);
    case 'offline':
    case 'dynamic': {
      if (device.offlineCapable === false) return err(2004, 'not support the lock type');
      if (endpoint === 'dynamic') return ok({ dynamic_password: dynamicCode(c.accessSecret, deviceId, now, device.dynamicLength ?? 8).code });
      const issued = c.offline.issue(deviceId, body, now);
      return issued.ok ? ok(issued.result) : err(issued.code, issued.msg);
    }
    case 'offline-rename':
      return c.offline.rename(deviceId, id ?? '', body.passwordName) ? ok(true) : ILLEGAL;
    default:
      return err(1108, 'uri path invalid');
  }
}
