/**
 * The mock cloud's custom-passcode endpoints (ttlock-cloud-api.md §5.1-§5.4, §11.5-§11.7): add with
 * addType 1 (record only: the virtual lock knows the code only if Bluetooth wrote it), 2 (through the
 * gateway, which really writes the virtual lock) and 4 (queued for a sleeping Wi-Fi lock); change,
 * delete (by id or by code) and list with TTLock's codes and quirks.
 */
import type { LockTimeFields } from '../plugin/protocol';
import { PASSCODE_TYPE } from './passcode-store';
import { MockPasscode, MockTTLockLock, MockTTLockState, MockTTLockUser } from './ttlock-cloud-state';

export type Reply = Record<string, unknown>;
export type Params = Map<string, string>;

export const fail = (errcode: number, errmsg: string): Reply => ({ errcode, errmsg, description: errmsg });
export const done = (): Reply => ({ errcode: 0, errmsg: 'none error message', description: '表示成功或是' });

export interface PasscodeContext {
  state: MockTTLockState;
  user: MockTTLockUser;
  params: Params;
  now: number;
  rec: MockTTLockLock;
  /** Runs `action` through the lock's gateway: -2012 / -3002 / -3003, or the answer after the latency. */
  gateway(rec: MockTTLockLock, action: () => Reply): Reply | Promise<Reply>;
  tooSimpleRule: boolean;
  deleteUnknownReturnsOk: boolean;
}

const CUSTOM_CAP = 250;

export function lockTime(ms: number, offset: number): LockTimeFields {
  const d = new Date(ms + offset);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** "111111", "123456", "987654": what TTLock calls too simple (-2032). */
export function tooSimple(code: string): boolean {
  const d = [...code].map(Number);
  const step = d[1] - d[0];
  return (step === 0 || step === 1 || step === -1) && d.every((x, i) => i === 0 || x - d[i - 1] === step);
}

const onVirtualLock = (rec: MockTTLockLock, code: string) => rec.lock.passcodes().some((p) => p.passcode === code);

/** Writes the code on the virtual lock, as the gateway would; false when the lock refused it. */
export function writeToLock(rec: MockTTLockLock, p: Pick<MockPasscode, 'keyboardPwd' | 'keyboardPwdType' | 'startDate' | 'endDate'>): boolean {
  const offset = rec.lock.timezoneRawOffset;
  const permanent = p.keyboardPwdType === 2;
  try {
    rec.lock.addPasscodeDirectly(p.keyboardPwd, {
      type: permanent ? PASSCODE_TYPE.PERMANENT : PASSCODE_TYPE.PERIOD,
      start: lockTime(p.startDate, offset),
      end: permanent ? null : lockTime(p.endDate, offset),
    });
    return true;
  } catch {
    return false;
  }
}

/** The virtual lock has no single-entry delete: rebuild its memory without `code`. */
function removeFromLock(rec: MockTTLockLock, code: string): void {
  const keep = rec.lock.passcodes().filter((p) => p.passcode !== code);
  rec.lock.clearPasscodes();
  for (const p of keep) rec.lock.addPasscodeDirectly(p.passcode, { type: p.type, start: p.start, end: p.end });
}

function int(params: Params, name: string): number | undefined {
  const v = params.get(name);
  return v === undefined || v === '' || !/^-?\d+$/.test(v) ? undefined : Number(v);
}

export function addPasscode(c: PasscodeContext): Reply | Promise<Reply> {
  const code = c.params.get('keyboardPwd') ?? '';
  if (!/^\d{4,9}$/.test(code)) return fail(-3006, 'The passcode should be between 4 and 9 digits in length.');
  if (c.tooSimpleRule && tooSimple(code)) return fail(-2032, 'The passcode is too simple.');
  const type = int(c.params, 'keyboardPwdType') ?? 3;
  if (type !== 2 && type !== 3) return fail(-3, 'Invalid parameter: keyboardPwdType');
  const startDate = int(c.params, 'startDate') ?? (type === 2 ? c.now : undefined);
  const endDate = type === 2 ? 0 : int(c.params, 'endDate');
  if (startDate === undefined || endDate === undefined || (type === 3 && endDate <= startDate)) return fail(-3, 'Invalid parameter: startDate/endDate');
  const addType = int(c.params, 'addType') ?? 1;
  if (addType !== 1 && addType !== 2 && addType !== 4) return fail(-3, 'Invalid parameter: addType');
  const mine = c.state.passcodesOf(c.rec.lockId);
  if (mine.some((p) => p.keyboardPwd === code)) return fail(-3007, 'The same passcode already exists. Please use another one.');
  if (mine.filter((p) => p.isCustom === 1).length >= CUSTOM_CAP) return fail(-3009, 'Custom passcode storage is full.');
  const fields = {
    lockId: c.rec.lockId, keyboardPwd: code, keyboardPwdName: c.params.get('keyboardPwdName'), keyboardPwdType: type,
    startDate: Math.floor(startDate / 60000) * 60000, endDate: Math.floor(endDate / 60000) * 60000,
    isCustom: 1 as const, addType, sendDate: c.now, senderUsername: c.user.username,
  };
  if (addType === 1) {
    const p = c.state.addPasscode({ ...fields, status: 1, onLock: onVirtualLock(c.rec, code) });
    return { keyboardPwdId: p.keyboardPwdId };
  }
  if (addType === 4) {
    const p = c.state.addPasscode({ ...fields, status: 4, onLock: false });
    return { keyboardPwdId: p.keyboardPwdId };
  }
  return c.gateway(c.rec, () => {
    // Checked again: another request may have added the same code while this one waited.
    if (c.state.passcodesOf(c.rec.lockId).some((p) => p.keyboardPwd === code)) return fail(-3007, 'The same passcode already exists. Please use another one.');
    if (!writeToLock(c.rec, fields)) return fail(-3007, 'The lock refused the passcode.');
    return { keyboardPwdId: c.state.addPasscode({ ...fields, status: 1, onLock: true }).keyboardPwdId };
  });
}

function findPasscode(c: PasscodeContext): MockPasscode | undefined {
  const id = int(c.params, 'keyboardPwdId');
  return c.state.passcodesOf(c.rec.lockId).find((p) => p.keyboardPwdId === id);
}

export function changePasscode(c: PasscodeContext): Reply | Promise<Reply> {
  const p = findPasscode(c);
  if (!p) return fail(-2009, 'The passcode does not exist.');
  const name = c.params.get('keyboardPwdName');
  const newCode = c.params.get('newKeyboardPwd');
  const start = int(c.params, 'startDate');
  const end = int(c.params, 'endDate');
  const changeType = int(c.params, 'changeType');
  if (changeType === undefined && newCode === undefined && start === undefined) {
    if (name !== undefined) p.keyboardPwdName = name;
    return done();
  }
  if (p.isCustom === 0 && !p.used) return fail(-3008, 'A passcode never used on the lock cannot be changed.');
  if (newCode !== undefined) {
    if (!/^\d{4,9}$/.test(newCode)) return fail(-3006, 'The passcode should be between 4 and 9 digits in length.');
    if (c.tooSimpleRule && tooSimple(newCode)) return fail(-2032, 'The passcode is too simple.');
    if (c.state.passcodesOf(c.rec.lockId).some((q) => q !== p && q.keyboardPwd === newCode)) return fail(-3007, 'The same passcode already exists. Please use another one.');
  }
  // Without startDate the validity stays as it was: TTLock's documented "succeeds but changes nothing".
  const validity = start !== undefined && end !== undefined && end > start ? { startDate: start, endDate: end } : {};
  const apply = (): Reply => {
    const old = p.keyboardPwd;
    if (name !== undefined) p.keyboardPwdName = name;
    if (newCode !== undefined) p.keyboardPwd = newCode;
    Object.assign(p, validity);
    if (changeType === 2 && p.onLock) {
      removeFromLock(c.rec, old);
      p.onLock = writeToLock(c.rec, p);
    } else if (changeType !== 2) p.onLock = onVirtualLock(c.rec, p.keyboardPwd);
    return done();
  };
  return changeType === 2 ? c.gateway(c.rec, apply) : apply();
}

/** deleteByCode (§5.3): the same as delete, the passcode named by its digits (`keyboardPwd`) instead of its id. */
export function deletePasscodeByCode(c: PasscodeContext): Reply | Promise<Reply> {
  const code = c.params.get('keyboardPwd') ?? '';
  if (!/^\d{4,9}$/.test(code)) return fail(-3006, 'The passcode should be between 4 and 9 digits in length.');
  return deletePasscode(c, c.state.passcodesOf(c.rec.lockId).find((p) => p.keyboardPwd === code));
}

export function deletePasscode(c: PasscodeContext, p: MockPasscode | undefined = findPasscode(c)): Reply | Promise<Reply> {
  if (!p) return c.deleteUnknownReturnsOk ? done() : fail(-2009, 'The passcode does not exist.');
  const deleteType = int(c.params, 'deleteType') ?? 1;
  const apply = (): Reply => {
    if (!c.state.passcodesOf(c.rec.lockId).includes(p)) return fail(-2009, 'The passcode does not exist.');
    if (deleteType === 2) removeFromLock(c.rec, p.keyboardPwd);
    if (p.isCustom === 0) c.state.deletedRandom.add(`${p.lockId}:${p.keyboardPwdType}:${p.startDate}:${p.endDate}`);
    c.state.removePasscode(p);
    return done();
  };
  return deleteType === 2 ? c.gateway(c.rec, apply) : apply();
}

export function listPasscodes(c: PasscodeContext): Reply {
  const pageNo = int(c.params, 'pageNo') ?? 1;
  const pageSize = int(c.params, 'pageSize') ?? 20;
  if (pageNo < 1 || pageSize < 1 || pageSize > 200) return fail(-3, 'Invalid parameter: pageNo/pageSize');
  const search = c.params.get('searchStr');
  let all = c.state.passcodesOf(c.rec.lockId).filter((p) => !search || p.keyboardPwd === search || (p.keyboardPwdName ?? '').includes(search));
  if (int(c.params, 'orderBy') === 1) all = [...all].reverse();
  else all = [...all].sort((a, b) => (a.keyboardPwdName ?? '').localeCompare(b.keyboardPwdName ?? ''));
  const list = all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((p) => ({
    keyboardPwdId: p.keyboardPwdId, lockId: p.lockId, keyboardPwd: p.keyboardPwd, keyboardPwdName: p.keyboardPwdName,
    keyboardPwdType: p.keyboardPwdType, startDate: p.startDate, endDate: p.endDate, sendDate: p.sendDate,
    isCustom: p.isCustom, status: p.status, keyboardPwdVersion: 4, senderUsername: p.senderUsername,
  }));
  return { list, pageNo, pageSize, pages: Math.max(1, Math.ceil(all.length / pageSize)), total: all.length };
}
