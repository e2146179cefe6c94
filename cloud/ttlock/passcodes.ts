/**
 * Passcodes (ttlock-cloud-api.md §5). Two ways a custom code reaches a lock: the phone writes it over
 * Bluetooth and the server RECORDS it (addType=1, only after the lock confirmed it), or the cloud writes
 * it through a gateway (addType=2, synchronous, seconds, serialised per gateway). Change, delete (by id
 * or by the digits: deleteByCode) and list work the same two ways. A write whose answer
 * was lost is never re-sent: the lock's list says whether it landed, and if the list cannot tell, the
 * error says so ('outcome-unknown').
 */
import { mayHaveHappened } from './call';
import type { TTLockCore } from './core';
import { TTLockError } from './errors';
import type { LockOperations } from './locks';
import { PasscodeItem, PasscodePage, parsePage } from './passcode-list';
import { checkId, checkName, checkPasscode, checkValidity } from './rules';

export interface CustomPasscodeInput {
  lockId: number;
  /** 4 to 9 digits, as a string. */
  passcode: string;
  startDate: number;
  /** Absent or 0: a permanent code. */
  endDate?: number;
  name?: string;
}

export interface PasscodeResult {
  keyboardPwdId: number;
  state: 'active';
  /** Present when the answer was lost and the lock's list showed the write had happened. */
  settledBy?: 'list';
}

export type Via = 'record' | 'gateway';

export interface DeleteInput {
  lockId: number;
  /** The passcode's id... */
  keyboardPwdId?: number;
  /** ...or its digits (TTLock's deleteByCode). */
  passcode?: string;
  /** 'record': the phone already deleted it over Bluetooth; 'gateway': the cloud deletes it remotely. */
  via: Via;
}

export interface ChangeInput {
  lockId: number;
  keyboardPwdId: number;
  passcode?: string;
  startDate?: number;
  endDate?: number;
  name?: string;
  /** 'record': the phone already changed it over Bluetooth; 'gateway': the cloud changes it remotely. */
  via: Via;
}

export interface PasscodeOptions {
  /** How long a lock's gateway is remembered for queueing; default 10 min. */
  gatewayCacheMs?: number;
  /** Looks at the lock's list after a lost gateway answer, and the pause between them; default 2, 5000 ms. */
  settleLooks?: number;
  settleDelayMs?: number;
}

function checkVia(via: unknown): Via {
  if (via !== 'record' && via !== 'gateway') throw new TTLockError('validation', '"via" expected "record" or "gateway"', { field: 'via' });
  return via;
}

export function passcodeOperations(core: TTLockCore, locks: LockOperations, options: PasscodeOptions = {}) {
  const gateways = new Map<number, { key: Promise<string>; until: number }>();
  const cacheMs = options.gatewayCacheMs ?? 600_000;

  /** The queue key of a lock: its best gateway, or the lock itself (no gateway, or the lookup failed). One lookup at a time. */
  function queueKeyOf(lockId: number): Promise<string> {
    const cached = gateways.get(lockId);
    if (cached && cached.until > core.now()) return cached.key;
    const key = lookUp(lockId);
    gateways.set(lockId, { key, until: core.now() + cacheMs });
    key.catch(() => gateways.delete(lockId));
    return key;
  }

  async function lookUp(lockId: number): Promise<string> {
    let linked;
    try {
      linked = await locks.listGatewaysOfLock(lockId);
    } catch {
      core.logger?.warn?.(`ttlock gateway lookup for lock ${lockId} failed; queueing per lock`);
      return `lock:${lockId}`;
    }
    // No gateway: a Wi-Fi lock takes the same call itself (spec §6), and a lock with neither gets -2012
    // from the cloud at once, so the cloud decides, queued per lock.
    if (linked.length === 0) return `lock:${lockId}`;
    return `gateway:${linked[0].gatewayId}`;
  }

  async function listPasscodes(lockId: number, query: { search?: string; pageNo?: number; pageSize?: number } = {}): Promise<PasscodePage> {
    const id = checkId(lockId, 'lockId');
    const pageNo = query.pageNo ?? 1;
    const pageSize = query.pageSize ?? 100;
    if (!Number.isInteger(pageNo) || pageNo < 1) throw new TTLockError('validation', '"pageNo" expected an integer >= 1', { field: 'pageNo' });
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new TTLockError('validation', '"pageSize" expected 1 to 200', { field: 'pageSize' });
    if (query.search !== undefined && (typeof query.search !== 'string' || query.search.length > 50)) {
      throw new TTLockError('validation', '"search" expected up to 50 characters', { field: 'search' });
    }
    const raw = await core.read<Record<string, unknown>>('passcode list', 'GET', '/v3/lock/listKeyboardPwd', {
      lockId: id, pageNo, pageSize, orderBy: 1, searchStr: query.search,
    });
    return parsePage(raw, pageNo, pageSize);
  }

  /** Every item matching `search`, all pages. */
  async function listAll(lockId: number, search?: string): Promise<PasscodeItem[]> {
    const out: PasscodeItem[] = [];
    for (let pageNo = 1; pageNo <= 20; pageNo++) {
      const page = await listPasscodes(lockId, { search, pageNo, pageSize: 200 });
      out.push(...page.list);
      if (pageNo >= page.pages) break;
    }
    return out;
  }

  /** After a lost answer: look at the list (a few times for gateway writes) until `found` says yes. */
  async function settle<T>(label: string, lockId: number, search: string | undefined, looks: number, found: (items: PasscodeItem[]) => T | undefined, cause: unknown): Promise<T> {
    for (let look = 1; look <= looks; look++) {
      if (look > 1) await core.sleep(options.settleDelayMs ?? 5000);
      try {
        const hit = found(await listAll(lockId, search));
        if (hit !== undefined) {
          core.logger?.warn?.(`ttlock ${label}: answer lost, the lock's list shows it done`);
          return hit;
        }
      } catch {
        // the list itself failed: the outcome stays unknown
      }
    }
    throw new TTLockError('outcome-unknown', `${label} on lock ${lockId}: the answer was lost and the list does not show it done (yet)`, {
      advice: 'list the passcodes again later before retrying; re-sending an add that landed fails with -3007',
      cause,
    });
  }

  async function add(input: CustomPasscodeInput, via: Via): Promise<PasscodeResult> {
    const lockId = checkId(input?.lockId, 'lockId');
    const passcode = checkPasscode(input.passcode);
    const validity = checkValidity(input.startDate, input.endDate, core.now());
    const name = checkName(input.name);
    const label = via === 'gateway' ? 'passcode add (gateway)' : 'passcode record';
    const queueKey = via === 'gateway' ? await queueKeyOf(lockId) : undefined;
    const params = { lockId, keyboardPwd: passcode, keyboardPwdName: name, ...validity, addType: via === 'gateway' ? 2 : 1 };
    try {
      const r = await core.write<{ keyboardPwdId?: unknown }>(label, '/v3/keyboardPwd/add', params, { queueKey });
      if (typeof r.keyboardPwdId !== 'number') throw new TTLockError('protocol', `${label}: answer lacks keyboardPwdId`);
      return { keyboardPwdId: r.keyboardPwdId, state: 'active' };
    } catch (err) {
      if (!mayHaveHappened(err)) throw err;
      const same = (p: PasscodeItem) => p.passcode === passcode && p.startDate === validity.startDate && (validity.endDate === 0 || p.endDate === validity.endDate);
      return settle(label, lockId, passcode, via === 'gateway' ? options.settleLooks ?? 2 : 1, (items) => {
        const hit = items.find(same);
        return hit ? { keyboardPwdId: hit.keyboardPwdId, state: 'active' as const, settledBy: 'list' as const } : undefined;
      }, err);
    }
  }

  return {
    listPasscodes,
    /** Records a code the lock ALREADY accepted over Bluetooth (addType=1). Never call it instead of writing. */
    recordPasscode: (input: CustomPasscodeInput) => add(input, 'record'),
    /** The cloud writes the code through the lock's gateway (addType=2): seconds, one at a time per gateway. */
    addPasscodeViaGateway: (input: CustomPasscodeInput) => add(input, 'gateway'),

    async changePasscode(input: ChangeInput): Promise<{ state: 'active'; settledBy?: 'list' }> {
      const lockId = checkId(input?.lockId, 'lockId');
      const keyboardPwdId = checkId(input.keyboardPwdId, 'keyboardPwdId');
      const via = checkVia(input.via);
      const passcode = input.passcode === undefined ? undefined : checkPasscode(input.passcode);
      const name = checkName(input.name);
      if ((input.startDate === undefined) !== (input.endDate === undefined)) {
        throw new TTLockError('validation', '"startDate" and "endDate" are changed together (TTLock ignores one alone)', { field: input.startDate === undefined ? 'startDate' : 'endDate' });
      }
      const validity = input.startDate === undefined ? undefined : checkValidity(input.startDate, input.endDate, core.now());
      if (passcode === undefined && validity === undefined && name === undefined) {
        throw new TTLockError('validation', '"passcode", "startDate"/"endDate" or "name": nothing to change', { field: 'passcode' });
      }
      const onlyName = passcode === undefined && validity === undefined;
      const params = {
        lockId, keyboardPwdId, keyboardPwdName: name, newKeyboardPwd: passcode,
        startDate: validity?.startDate, endDate: validity?.endDate,
        changeType: onlyName ? undefined : via === 'gateway' ? 2 : 1,
      };
      const label = via === 'gateway' && !onlyName ? 'passcode change (gateway)' : 'passcode change';
      const queueKey = via === 'gateway' && !onlyName ? await queueKeyOf(lockId) : undefined;
      try {
        await core.write(label, '/v3/keyboardPwd/change', params, { queueKey });
        return { state: 'active' };
      } catch (err) {
        if (!mayHaveHappened(err)) throw err;
        return settle(label, lockId, undefined, queueKey ? options.settleLooks ?? 2 : 1, (items) => {
          const p = items.find((i) => i.keyboardPwdId === keyboardPwdId);
          const done = p && (passcode === undefined || p.passcode === passcode) && (!validity || p.startDate === validity.startDate) && (name === undefined || p.name === name);
          return done ? { state: 'active' as const, settledBy: 'list' as const } : undefined;
        }, err);
      }
    },

    /** By id (`keyboardPwdId`, /delete) or by the digits (`passcode`, /deleteByCode): exactly one of them. */
    async deletePasscode(input: DeleteInput): Promise<{ deleted: true; settledBy?: 'list' }> {
      const lockId = checkId(input?.lockId, 'lockId');
      const byCode = input.passcode !== undefined;
      if (byCode === (input.keyboardPwdId !== undefined)) {
        throw new TTLockError('validation', '"keyboardPwdId" or "passcode": exactly one names the passcode to delete', { field: 'keyboardPwdId' });
      }
      const target = byCode ? { keyboardPwd: checkPasscode(input.passcode) } : { keyboardPwdId: checkId(input.keyboardPwdId, 'keyboardPwdId') };
      const via = checkVia(input.via);
      const label = `passcode delete${byCode ? 'ByCode' : ''}${via === 'gateway' ? ' (gateway)' : ''}`;
      const queueKey = via === 'gateway' ? await queueKeyOf(lockId) : undefined;
      const path = byCode ? '/v3/keyboardPwd/deleteByCode' : '/v3/keyboardPwd/delete';
      try {
        await core.write(label, path, { lockId, ...target, deleteType: via === 'gateway' ? 2 : 1 }, { queueKey });
        return { deleted: true };
      } catch (err) {
        if (!mayHaveHappened(err)) throw err;
        const gone = (i: PasscodeItem) => (byCode ? i.passcode !== target.keyboardPwd : i.keyboardPwdId !== target.keyboardPwdId);
        return settle(label, lockId, target.keyboardPwd, queueKey ? options.settleLooks ?? 2 : 1, (items) =>
          items.every(gone) ? { deleted: true as const, settledBy: 'list' as const } : undefined, err);
      }
    },
  };
}

export type PasscodeOperations = ReturnType<typeof passcodeOperations>;
