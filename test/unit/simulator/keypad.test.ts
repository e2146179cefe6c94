/**
 * The virtual lock's keypad: a typed code opens the door only if the lock holds it and the lock's own
 * clock (wall time in its zone, drift and all) is inside the code's window, [start, end) to the minute.
 */
import { createVirtualLock } from '../../../simulator';
import { PASSCODE_TYPE } from '../../../simulator/passcode-store';

const OFFSET = 8 * 3600_000;
/** The instant a lock in UTC+8 shows y-m-d h:mi. */
const at = (y: number, m: number, d: number, h: number, mi = 0) => Date.UTC(y, m - 1, d, h, mi) - OFFSET;

function lockWith() {
  const lock = createVirtualLock({ timezoneRawOffset: OFFSET });
  lock.addPasscodeDirectly('482913', { type: PASSCODE_TYPE.PERIOD, start: { year: 2031, month: 5, day: 1, hour: 14, minute: 0 }, end: { year: 2031, month: 5, day: 3, hour: 11, minute: 0 } });
  lock.addPasscodeDirectly('5730', { type: PASSCODE_TYPE.PERMANENT, start: { year: 2031, month: 5, day: 2, hour: 9, minute: 30 } });
  return lock;
}

describe('typePasscode', () => {
  it.each([
    ['one minute before the start', at(2031, 5, 1, 13, 59), false],
    ['at the start', at(2031, 5, 1, 14, 0), true],
    ['in the last minute', at(2031, 5, 3, 10, 59), true],
    ['at the end', at(2031, 5, 3, 11, 0), false],
  ])('a timed code %s: opens = %s', (_label, t, opens) => {
    const lock = lockWith();
    lock.setLockTime(t);
    expect(lock.typePasscode('482913')).toBe(opens);
    expect(lock.passcodes().find((p) => p.passcode === '482913')).toMatchObject({ used: opens });
  });

  it('a permanent code opens from its start on, with no end', () => {
    const lock = lockWith();
    lock.setLockTime(at(2031, 5, 2, 9, 29));
    expect(lock.typePasscode('5730')).toBe(false);
    lock.setLockTime(at(2031, 5, 2, 9, 30));
    expect(lock.typePasscode('5730')).toBe(true);
    lock.setLockTime(at(2098, 1, 1, 0));
    expect(lock.typePasscode('5730')).toBe(true);
  });

  it('a code the lock does not hold never opens', () => {
    const lock = lockWith();
    lock.setLockTime(at(2031, 5, 2, 12));
    expect(lock.typePasscode('482914')).toBe(false);
  });
});
