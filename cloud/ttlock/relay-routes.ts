/**
 * The TTLock route table for the vendor-neutral relay core (cloud/relay-core.ts): one POST route per
 * client operation. Each route refuses unknown fields, checks the rest with the client's own rules, and
 * hands authorize an intent whose `lockId` is what reaches TTLock (it comes from the body only; the
 * query string and headers are never read). Answers hold no secret but the lockData the lock-data route
 * exists to hand out.
 */
import type { ParsedIntent, RelayRoute } from '../relay-core';
import { TTLockError, isTTLockError } from './errors';
import { checkId, checkName, checkPasscode, checkRandomRequest, checkValidity } from './rules';
import type { TTLockClient } from './client';

export type TTLockRelayClient = Pick<
  TTLockClient,
  'getAdminLockData' | 'recordPasscode' | 'addPasscodeViaGateway' | 'changePasscode' | 'deletePasscode' | 'listPasscodes' | 'getRandomPasscode'
>;

type Body = Record<string, unknown>;
type Violation = { field: string; message: string };

/** Refuses fields a route does not know: a typo or a smuggled option should not pass silently. */
function unknownField(body: Body, allowed: readonly string[]): Violation | null {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) return { field: key.slice(0, 64), message: `"${key.slice(0, 64)}" is not a field of this route` };
  }
  return null;
}

/** Runs the client's rule functions; their TTLockError becomes the core's violation. */
function rules(check: () => void): Violation | null {
  try {
    check();
    return null;
  } catch (err) {
    if (isTTLockError(err) && err.field) return { field: err.field, message: err.message };
    return { field: 'body', message: 'invalid body' };
  }
}

/** lockId must be a JSON number here: a string id would be a different value to authorize than to TTLock. */
function lockIdOf(body: Body): Violation | number {
  if (typeof body.lockId !== 'number') return { field: 'lockId', message: '"lockId" expected a positive integer (a JSON number)' };
  const bad = rules(() => checkId(body.lockId, 'lockId'));
  return bad ?? (body.lockId as number);
}

function pick(body: Body, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (body[f] !== undefined) out[f] = body[f];
  return out;
}

function route(
  action: string,
  mutates: boolean,
  allowed: readonly string[],
  check: (body: Body) => void,
  run: (lockId: number, fields: Record<string, unknown>) => Promise<object>,
): RelayRoute {
  return {
    action,
    mutates,
    secretFields: ['passcode'],
    parse(body): ParsedIntent | Violation {
      const bad = unknownField(body, ['lockId', ...allowed]);
      if (bad) return bad;
      const lockId = lockIdOf(body);
      if (typeof lockId !== 'number') return lockId;
      return rules(() => check(body)) ?? { lockId, fields: pick(body, allowed) };
    },
    run: (intent) => run(intent.lockId as number, { ...intent.fields }),
  };
}

const CUSTOM = ['passcode', 'startDate', 'endDate', 'name'] as const;
const checkCustom = (b: Body) => {
  checkPasscode(b.passcode);
  checkValidity(b.startDate, b.endDate, Date.now());
  checkName(b.name);
};
const checkVia = (b: Body) => {
  if (b.via !== 'record' && b.via !== 'gateway') throw new TTLockError('validation', '"via" expected "record" or "gateway"', { field: 'via' });
};

export function ttlockRoutes(client: TTLockRelayClient): Record<string, RelayRoute> {
  return {
    '/lock-data': route('lock-data', false, [], () => undefined, (lockId) => client.getAdminLockData(lockId)),
    '/passcodes/record': route('record', true, CUSTOM, checkCustom, (lockId, f) => client.recordPasscode({ lockId, ...(f as any) })),
    '/passcodes/add': route('add-via-gateway', true, CUSTOM, checkCustom, (lockId, f) => client.addPasscodeViaGateway({ lockId, ...(f as any) })),
    '/passcodes/change': route(
      'change',
      true,
      ['keyboardPwdId', 'passcode', 'startDate', 'endDate', 'name', 'via'],
      (b) => {
        checkId(b.keyboardPwdId, 'keyboardPwdId');
        checkVia(b);
        if (b.passcode !== undefined) checkPasscode(b.passcode);
        if (b.startDate !== undefined || b.endDate !== undefined) checkValidity(b.startDate, b.endDate, Date.now());
        checkName(b.name);
      },
      (lockId, f) => client.changePasscode({ lockId, ...(f as any) }),
    ),
    '/passcodes/delete': route(
      'delete',
      true,
      // By id, or by the digits (TTLock's deleteByCode): exactly one of them.
      ['keyboardPwdId', 'passcode', 'via'],
      (b) => {
        if ((b.keyboardPwdId === undefined) === (b.passcode === undefined)) {
          throw new TTLockError('validation', '"keyboardPwdId" or "passcode": exactly one names the passcode to delete', { field: 'keyboardPwdId' });
        }
        if (b.passcode === undefined) checkId(b.keyboardPwdId, 'keyboardPwdId');
        else checkPasscode(b.passcode);
        checkVia(b);
      },
      (lockId, f) => client.deletePasscode({ lockId, ...(f as any) }),
    ),
    '/passcodes/list': route(
      'list',
      false,
      ['search', 'pageNo', 'pageSize'],
      (b) => {
        if (b.search !== undefined && (typeof b.search !== 'string' || b.search.length > 50)) throw new TTLockError('validation', '"search" expected up to 50 characters', { field: 'search' });
        for (const f of ['pageNo', 'pageSize']) {
          if (b[f] !== undefined && (!Number.isInteger(b[f]) || (b[f] as number) < 1 || (b[f] as number) > (f === 'pageSize' ? 200 : 10000))) {
            throw new TTLockError('validation', `"${f}" expected an integer, ${f === 'pageSize' ? '1 to 200' : '>= 1'}`, { field: f });
          }
        }
      },
      (lockId, f) => client.listPasscodes(lockId, f as any),
    ),
    '/random-passcode': route(
      'random-passcode',
      true,
      ['type', 'startDate', 'endDate', 'name'],
      (b) => {
        checkRandomRequest(b.type, b.startDate, b.endDate, Date.now());
        checkName(b.name);
      },
      (lockId, f) => client.getRandomPasscode({ lockId, ...(f as any) }),
    ),
  };
}
