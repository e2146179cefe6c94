/**
 * Dates reach the lock as its own wall-clock time (timezoneRawOffset from lockData), checked in the
 * lock's store: three zones, the official permanent rule for 0/0, numeric strings, seconds dropped,
 * the phone's zone when lockData has none, and the legacy positional call form.
 */
import { configure, createCustomPasscode } from '../../plugin/index';
import { PASSCODE_TYPE } from '../../simulator';
import { lockLocalMs, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { callPasscode, optionFor } from '../helpers/passcode-call';
import { drive } from '../helpers/drive';

const HOUR = 3_600_000;
const ZONES = [
  ['UTC+8', 8 * HOUR],
  ['UTC', 0],
  ['UTC-5', -5 * HOUR],
] as const;

/** The wall-clock fields of instant `ms` in a zone `offsetMs` east of UTC. */
function wallClock(ms: number, offsetMs: number) {
  const d = new Date(ms + offsetMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** The official stand-ins for a permanent code (ttlock-plugin-api.md, official sample): 01:00 at UTC+8. */
const OFFICIAL_PERMANENT_START = Date.UTC(2000, 1, 1, 1, 0) - 8 * HOUR;
const OFFICIAL_PERMANENT_END = Date.UTC(2099, 11, 1, 1, 0) - 8 * HOUR;

describe('createCustomPasscode dates in the lock store', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  it.each(ZONES)('a lock in %s stores the window in its own wall-clock time', async (_zone, offset) => {
    bench = setupLock({ lock: { timezoneRawOffset: offset } });
    // Just after midnight on New Year's Day, lock time: a zone error changes the day, month and year.
    const startDate = lockLocalMs(2030, 1, 1, 0, 30, offset);
    const endDate = lockLocalMs(2030, 12, 31, 23, 15, offset);
    const { result } = await callPasscode(optionFor(bench.lock, { passcode: '2030', startDate, endDate }));
    expect(result).toMatchObject({ errorCode: 0, passcode: '2030' });
    expect(bench.lock.passcodes()).toEqual([
      {
        passcode: '2030',
        original: '2030',
        type: PASSCODE_TYPE.PERIOD,
        start: { year: 2030, month: 1, day: 1, hour: 0, minute: 30 },
        end: { year: 2030, month: 12, day: 31, hour: 23, minute: 15 },
        used: false,
      },
    ]);
  });

  it.each(ZONES)('0/0 on a lock in %s stores the official permanent window', async (_zone, offset) => {
    bench = setupLock({ lock: { timezoneRawOffset: offset } });
    const { result } = await callPasscode(optionFor(bench.lock, { passcode: '000111', startDate: 0, endDate: 0 }));
    expect(result.errorCode).toBe(0);
    const [stored] = bench.lock.passcodes();
    expect(stored).toEqual({
      passcode: '000111',
      original: '000111',
      type: PASSCODE_TYPE.PERIOD,
      start: wallClock(OFFICIAL_PERMANENT_START, offset),
      end: wallClock(OFFICIAL_PERMANENT_END, offset),
      used: false,
    });
    if (offset === 8 * HOUR) {
      expect(stored.start).toEqual({ year: 2000, month: 2, day: 1, hour: 1, minute: 0 });
      expect(stored.end).toEqual({ year: 2099, month: 12, day: 1, hour: 1, minute: 0 });
    }
  });

  it('numeric-string dates store the same window as numbers; seconds are dropped', async () => {
    bench = setupLock({ lock: { timezoneRawOffset: -5 * HOUR } });
    const offset = bench.lock.timezoneRawOffset;
    const start = lockLocalMs(2034, 6, 30, 17, 59, offset) + 59_999;
    const end = lockLocalMs(2034, 7, 1, 6, 0, offset) + 1_000;
    const asNumbers = await callPasscode(optionFor(bench.lock, { passcode: '4321', startDate: start, endDate: end }));
    const asStrings = await callPasscode(optionFor(bench.lock, { passcode: '43210', startDate: String(start), endDate: ` ${end} ` }));
    expect([asNumbers.result.errorCode, asStrings.result.errorCode]).toEqual([0, 0]);
    const [a, b] = bench.lock.passcodes();
    expect(a.start).toEqual({ year: 2034, month: 6, day: 30, hour: 17, minute: 59 });
    expect(a.end).toEqual({ year: 2034, month: 7, day: 1, hour: 6, minute: 0 });
    expect({ start: b.start, end: b.end }).toEqual({ start: a.start, end: a.end });
  });

  it("lockData without timezoneRawOffset: the phone's own zone is used", async () => {
    bench = setupLock();
    const lockData = bench.lock.lockData({ timezoneRawOffset: undefined });
    const start = new Date(2035, 2, 4, 5, 6).getTime(); // phone-local wall clock (jest's process zone)
    const end = new Date(2035, 8, 10, 11, 12).getTime();
    const { result } = await callPasscode(optionFor(bench.lock, { passcode: '7007', startDate: start, endDate: end, lockData }));
    expect(result.errorCode).toBe(0);
    expect(bench.lock.passcodes()[0]).toMatchObject({
      start: { year: 2035, month: 3, day: 4, hour: 5, minute: 6 },
      end: { year: 2035, month: 9, day: 10, hour: 11, minute: 12 },
    });
  });

  it('the legacy positional form (passcode, startDate, endDate, lockData, disconnectCallback)', async () => {
    bench = setupLock({ platform: 'ios' });
    const offset = bench.lock.timezoneRawOffset;
    const positional = createCustomPasscode as (...args: unknown[]) => ReturnType<typeof createCustomPasscode>;
    const drops: unknown[] = [];
    const ok = await drive(
      positional('86420', lockLocalMs(2036, 4, 5, 6, 0, offset), lockLocalMs(2036, 5, 5, 6, 0, offset), bench.lock.lockData(), () => drops.push(1)),
    );
    expect(ok).toMatchObject({ errorCode: 0, passcode: '86420' });
    expect(bench.lock.passcodes()[0]).toMatchObject({ passcode: '86420', start: { year: 2036, month: 4, day: 5, hour: 6, minute: 0 } });

    // the fifth argument is the disconnectCallback: a drop before the ADD reply reaches it once
    // (the link and its login are kept, so the ADD's reply is the first one; settling is off so it stays a drop)
    configure({ settleOutcomes: false });
    bench.fake.faults.add({ on: 'reply', nth: 1, action: { kind: 'drop' } });
    const dropped = await drive(positional('97531', 0, 0, bench.lock.lockData(), (r: unknown) => drops.push(r)));
    expect(dropped.errorCode).toBe(10003);
    expect(drops).toEqual([expect.objectContaining({ errorCode: 10003 })]);
  });
});
