/**
 * The mock cloud's random (algorithmic) passcodes, /v3/keyboardPwd/get (ttlock-cloud-api.md §5.5,
 * §11.8): types 1 to 14, start floored to the hour, a one-year span (month-granular beyond), 200
 * one-time and 20 permanent codes per start time, -1026 for a validity issued and deleted before, -1007
 * when the cloud lacks the lock's passcode data. The virtual lock cannot check these codes (the
 * algorithm is TTLock's secret), so tests check the cloud side only.
 */
import { randomInt } from 'node:crypto';
import { PasscodeContext, Reply, fail } from './ttlock-cloud-passcodes';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Code lengths by type, within TTLock's 6 to 9 digits. */
const LENGTH: Record<number, number> = { 1: 9, 2: 7, 3: 8, 4: 8 };
const BUDGET: Record<number, number> = { 1: 200, 2: 20 };

function int(c: PasscodeContext, name: string): number | undefined {
  const v = c.params.get(name);
  return v === undefined || !/^-?\d+$/.test(v) ? undefined : Number(v);
}

function digits(n: number): string {
  let s = String(randomInt(1, 10));
  while (s.length < n) s += String(randomInt(0, 10));
  return s;
}

export function getRandomPasscode(c: PasscodeContext): Reply {
  const type = int(c, 'keyboardPwdType');
  if (type === undefined || type < 1 || type > 14) return fail(-3, 'Invalid parameter: keyboardPwdType');
  const rawStart = int(c, 'startDate');
  if (rawStart === undefined) return fail(-3, 'Invalid parameter: startDate');
  if (!c.rec.hasPasscodeData) return fail(-1007, 'No password data for this lock.');
  const startDate = Math.floor(rawStart / HOUR) * HOUR;
  const needsEnd = type >= 3 && type !== 4;
  const rawEnd = int(c, 'endDate');
  const endDate = needsEnd ? (rawEnd === undefined ? undefined : Math.floor(rawEnd / HOUR) * HOUR) : 0;
  if (endDate === undefined || (needsEnd && endDate <= startDate)) return fail(-3, 'Invalid parameter: endDate');
  if (type === 3 && endDate - startDate > 365 * DAY) {
    const a = new Date(startDate);
    const b = new Date(endDate);
    if (a.getUTCDate() !== b.getUTCDate() || startDate % DAY !== endDate % DAY) return fail(-3, 'Beyond one year the validity is month-granular.');
  }
  if (c.state.deletedRandom.has(`${c.rec.lockId}:${type}:${startDate}:${endDate}`)) {
    return fail(-1026, 'A passcode for this validity was deleted before; choose another start hour.');
  }
  const sameSlot = c.state.passcodesOf(c.rec.lockId).filter((p) => p.isCustom === 0 && p.keyboardPwdType === type && p.startDate === startDate);
  if (BUDGET[type] !== undefined && sameSlot.length >= BUDGET[type]) return fail(-3, 'No more passcodes for this start time; choose another hour.');
  let code = digits(LENGTH[type] ?? 9);
  while (c.state.passcodesOf(c.rec.lockId).some((p) => p.keyboardPwd === code)) code = digits(LENGTH[type] ?? 9);
  const p = c.state.addPasscode({
    lockId: c.rec.lockId, keyboardPwd: code, keyboardPwdName: c.params.get('keyboardPwdName'), keyboardPwdType: type,
    startDate, endDate, isCustom: 0, status: 1, addType: 0, sendDate: c.now, senderUsername: c.user.username, onLock: false, used: false,
  });
  return { keyboardPwd: code, keyboardPwdId: p.keyboardPwdId };
}
