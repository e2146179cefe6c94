/**
 * Every lifecycle operation over the fake wx and a virtual lock, on Android and iOS and in three lock
 * time zones: the result in the official shape, and the lock's real state afterwards.
 */
import * as plugin from '../../plugin/index';
import { decodeLockData } from '../../plugin/protocol';
import { openOfficialLockData } from '../../plugin/protocol/lock-data';
import { aesCbcDecrypt } from '../../plugin/protocol/aes';
import { base64Decode } from '../../plugin/core/bytes';
import type { Platform } from '../../simulator';
import { expectClean, lockLocalMs, setupLock, useFakeBluetooth, type Bench } from '../helpers/ble-harness';
import { drive } from '../helpers/drive';
import { releaseKeptLink } from '../helpers/passcode-call';

const HOUR = 3_600_000;
const ZONES: Array<[string, number]> = [['UTC+8', 8 * HOUR], ['UTC', 0], ['UTC-5', -5 * HOUR]];
const CASES: Array<[Platform, string, number]> = (['android', 'ios'] as Platform[]).flatMap((p) => ZONES.map(([z, o]) => [p, z, o] as [Platform, string, number]));
const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => ({ year: y, month: mo, day: d, hour: h, minute: mi });

let bench: Bench;
useFakeBluetooth();

async function run<T>(promise: Promise<T>): Promise<T> {
  const result = await drive(promise);
  expect(result).toEqual(expect.objectContaining({ errorCode: expect.any(Number), errorMsg: expect.any(String), description: expect.any(String) }));
  return result;
}

async function done(): Promise<void> {
  await releaseKeptLink();
  expectClean(bench.fake);
}

describe.each(CASES)('%s, lock in %s', (platform, _zone, offset) => {
  beforeEach(() => {
    bench = setupLock({ platform, lock: { timezoneRawOffset: offset, battery: 71 } });
  });

  it('deletePasscode removes the code; a missing code answers 21', async () => {
    const { lock } = bench;
    lock.addPasscodeDirectly('123456');
    const ok = await run(plugin.deletePasscode({ passcode: '123456', lockData: lock.lockData() }));
    expect(ok).toMatchObject({ errorCode: 0, electricQuantity: 71 });
    expect(lock.passcodes()).toEqual([]);
    const missing = await run(plugin.deletePasscode('123456', lock.lockData()));
    expect(missing.errorCode).toBe(21);
    await done();
  });

  it('modifyPasscode changes the value and the window, keeps either, and makes 0/0 permanent', async () => {
    const { lock } = bench;
    lock.addPasscodeDirectly('123456');
    const start = lockLocalMs(2031, 3, 1, 14, 0, offset);
    const end = lockLocalMs(2031, 3, 8, 11, 0, offset);
    const lockData = lock.lockData();
    expect((await run(plugin.modifyPasscode({ originalPasscode: '123456', passcode: '654321', startDate: start, endDate: end, lockData }))).errorCode).toBe(0);
    expect(lock.passcodes()[0]).toMatchObject({ passcode: '654321', original: '123456', start: wall(2031, 3, 1, 14), end: wall(2031, 3, 8, 11) });
    // same value: only the window changes
    await run(plugin.modifyPasscode({ originalPasscode: '654321', passcode: '654321', startDate: start, endDate: end + 2 * HOUR, lockData }));
    expect(lock.passcodes()[0]).toMatchObject({ passcode: '654321', end: wall(2031, 3, 8, 13) });
    // keepValidity: only the value changes
    await run(plugin.modifyPasscode({ originalPasscode: '654321', passcode: '7777', startDate: 0, endDate: 0, keepValidity: true, lockData }));
    expect(lock.passcodes()[0]).toMatchObject({ passcode: '7777', end: wall(2031, 3, 8, 13) });
    // 0/0: the official permanent window, legacy positional form
    await run(plugin.modifyPasscode('7777', '7777', 0, 0, lockData));
    expect(lock.passcodes()[0].end?.year).toBe(2099);
    const missing = await run(plugin.modifyPasscode({ originalPasscode: '123456', passcode: '1111', startDate: 0, endDate: 0, lockData }));
    expect(missing.errorCode).toBe(21);
    await done();
  });

  it('getAllValidPasscode reads every record in the plugin shape, dates in the lock zone', async () => {
    const { lock } = bench;
    lock.addPasscodeDirectly('11111', { type: 1, start: wall(2024, 1, 1) });
    lock.addPasscodeDirectly('123456', { start: wall(2024, 1, 15, 9, 30), end: wall(2024, 12, 31, 23, 59) });
    lock.addPasscodeDirectly('24682468', { type: 4, start: wall(2024, 3, 4, 8), cycleType: 0x0102 });
    const result = await run(plugin.getAllValidPasscode({ lockData: lock.lockData() }));
    expect(result.keyboardPwdList).toEqual([
      { keyboardPwdType: 1, keyboardPwd: '11111', oldKeyboardPwd: '11111', startDate: lockLocalMs(2024, 1, 1, 0, 0, offset) },
      {
        keyboardPwdType: 3, keyboardPwd: '123456', oldKeyboardPwd: '123456',
        startDate: lockLocalMs(2024, 1, 15, 9, 30, offset), endDate: lockLocalMs(2024, 12, 31, 23, 59, offset),
      },
      { keyboardPwdType: 4, keyboardPwd: '24682468', oldKeyboardPwd: '24682468', startDate: lockLocalMs(2024, 3, 4, 8, 0, offset), cycleType: 0x0102 },
    ]);
    await done();
  });

  it('setLockTime sets the lock clock through the eKey handshake; getLockTime reads it and its offsets', async () => {
    const { lock } = bench;
    lock.setLockTime(Date.now() - 7 * 60_000);
    const before = await run(plugin.getLockTime({ lockData: lock.lockData(), serverTime: Date.now() }));
    expect(Math.round((before.offsetMs as number) / 60_000)).toBe(-7);
    expect(Math.round((before.serverOffsetMs as number) / 60_000)).toBe(-7);
    expect(lock.received().map((r) => r.command)).toEqual([0x34]);
    const set = await run(plugin.setLockTime({ lockData: lock.lockData({ userType: 110302 }), serverTime: Date.now() }));
    expect(set.errorCode).toBe(0);
    expect(lock.received().map((r) => r.command)).toEqual([0x34, 0x55, 0x30, 0x43]);
    expect(Math.abs(lock.clockOffsetMs())).toBeLessThan(800);
    await done();
  });
});

describe('lifecycle details', () => {
  it.each([0, 1, 3, 4, 250])('lists %i passcodes after one login, every page in order', async (n) => {
    bench = setupLock({ platform: 'ios' });
    const codes = Array.from({ length: n }, (_, i) => String(1000 + i) + '7'.repeat(i % 6));
    codes.forEach((c) => bench.lock.addPasscodeDirectly(c));
    const result = await run(plugin.getAllValidPasscode({ lockData: bench.lock.lockData() }));
    expect(result.errorCode).toBe(0);
    expect(result.keyboardPwdList?.map((p) => p.keyboardPwd)).toEqual(codes);
    const commands = bench.lock.received().map((r) => r.command);
    expect(commands.filter((c) => c === 0x41)).toHaveLength(1);
    // 3 or 4 records fit a 111-byte page (9- and 4-digit period codes)
    const pages = commands.filter((c) => c === 0x07).length;
    expect(pages).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(n / 4)));
    expect(pages).toBeLessThanOrEqual(Math.max(1, Math.ceil(n / 3)));
    await done();
  });

  it('setLockTime falls back to a direct TIME_CALIBRATE when the lock refuses the eKey', async () => {
    bench = setupLock({ platform: 'android', lock: { lockFlagPos: 9 } }); // the eKey's flag is too low
    const { lock } = bench;
    lock.setLockTime(Date.now() + 3 * HOUR);
    const result = await run(plugin.setLockTime(Date.now(), lock.lockData({ lockFlagPos: 2 })));
    expect(result.errorCode).toBe(0);
    expect(result.description).toMatch(/eKey refused with 13/);
    expect(lock.received().map((r) => r.command)).toEqual([0x55, 0x43]);
    expect(Math.abs(lock.clockOffsetMs())).toBeLessThan(1000);
    await done();
  });

  it('setLockTime reports the strict lock\'s refusal when a failed eKey is not enough', async () => {
    bench = setupLock({ platform: 'android', lock: { rules: { calibrateNeedsAuth: true } } });
    const { lock } = bench;
    lock.setLockTime(Date.UTC(2099, 11, 2)); // after the permanent eKey window: 0x0E, then the calibrate is allowed
    const result = await run(plugin.setLockTime({ lockData: lock.lockData() }));
    expect(result.errorCode).toBe(0);
    expect(result.description).toMatch(/eKey refused with 14/);
    await done();
  });

  it('resetPasscode stores a new table on the lock and returns it in the new lockData', async () => {
    bench = setupLock({ platform: 'ios' });
    const { lock } = bench;
    lock.addPasscodeDirectly('123456');
    const serverTime = Date.UTC(2026, 5, 1, 4, 0);
    const result = await run(plugin.resetPasscode({ lockData: lock.lockData(), serverTime }));
    expect(result.errorCode).toBe(0);
    expect(lock.passcodes()).toEqual([]);
    const table = lock.resetTable();
    expect(table?.firstYear).toBe(2026);
    // The new lockData still decodes to the same lock, and its pwdInfo is the table the lock holds.
    const fresh = result.lockData as string;
    expect(decodeLockData(fresh).lockMac).toBe(lock.mac);
    const json = JSON.parse(openOfficialLockData(fresh).json);
    expect(json.timestamp).toBe(serverTime);
    const key = Uint8Array.from(Buffer.from(String(serverTime).padEnd(16, '0'), 'ascii'));
    const pwdInfo = JSON.parse(Buffer.from(aesCbcDecrypt(key, base64Decode(json.pwdInfo))).toString('utf8'));
    expect(pwdInfo).toEqual(table?.entries.map((e, i) => ({ year: 2026 + i, code: e.code, secretKey: e.secretKey, deleteDate: 0 })));
    await done();
  });

  it('five passcodes on one kept link cost one handshake', async () => {
    bench = setupLock({ platform: 'android' });
    const { lock } = bench;
    const lockData = lock.lockData();
    const results = await drive(Promise.all(['5001', '5002', '5003', '5004', '5005'].map((passcode) =>
      plugin.createCustomPasscode({ passcode, startDate: 0, endDate: 0, lockData }))));
    expect(results.map((r) => r.errorCode)).toEqual([0, 0, 0, 0, 0]);
    expect(lock.received().map((r) => r.command)).toEqual([0x41, 0x30, 0x03, 0x03, 0x03, 0x03, 0x03]);
    await done();
  });

  it('a reused login the lock no longer honours is renewed once and the command resent', async () => {
    bench = setupLock({ platform: 'android' });
    const { lock } = bench;
    const lockData = lock.lockData();
    expect((await run(plugin.createCustomPasscode({ passcode: '6001', startDate: 0, endDate: 0, lockData }))).errorCode).toBe(0);
    // The lock forgets the login on its side (as after an idle period) while the link stays up.
    lock.rules.notLoggedInCode = 0x02;
    lock.forgetLogins();
    const second = await run(plugin.deletePasscode({ passcode: '6001', lockData }));
    expect(second.errorCode).toBe(0);
    expect(lock.received().map((r) => r.command)).toEqual([0x41, 0x30, 0x03, 0x03, 0x41, 0x30, 0x03]);
    await done();
  });

  it.each([
    ['warn', /Warning: lock clock 60[01] s behind; call setLockTime/, -600_000],
    ['fix', /lock clock 60[01] s behind; set to the phone's/, 0],
  ] as const)('clockCheck %s: a timed passcode write reads the drifted lock clock first', async (mode, said, offsetAfter) => {
    bench = setupLock({ platform: 'android' });
    const { lock } = bench;
    lock.setLockTime(Date.now() - 600_000);
    plugin.configure({ clockCheck: mode });
    const start = Date.now() + 3_600_000;
    const result = await run(plugin.createCustomPasscode({ passcode: '4321', startDate: start, endDate: start + 3_600_000, lockData: lock.lockData() }));
    expect(result.errorCode).toBe(0);
    expect(result.description).toMatch(said);
    expect(lock.received().map((r) => r.command)).toEqual(mode === 'fix' ? [0x41, 0x30, 0x34, 0x43, 0x03] : [0x41, 0x30, 0x34, 0x03]);
    // whole seconds on the wire, rounded: the clock lands within half a second (plus the air time)
    expect(Math.abs(lock.clockOffsetMs() - offsetAfter)).toBeLessThan(mode === 'fix' ? 800 : 1000);
    // a clock within the tolerance, or a permanent code, adds nothing
    const permanent = await run(plugin.createCustomPasscode({ passcode: '4322', startDate: 0, endDate: 0, lockData: lock.lockData() }));
    expect(permanent.description).toBe('passcode stored');
    await done();
  });

  it('modify refuses a lock whose featureValue lacks bit 7, without any wx call', async () => {
    bench = setupLock({ platform: 'android', lock: { featureValue: 0x01 } });
    const result = await run(plugin.modifyPasscode({ originalPasscode: '1234', passcode: '5678', startDate: 0, endDate: 0, lockData: bench.lock.lockData() }));
    expect(result.errorCode).toBe(10009);
    expect(bench.fake.totalCalls()).toBe(0);
  });
});


describe('validation at the edge', () => {
  const lockDataOf = () => bench.lock.lockData();
  const CASES: Array<[string, () => Promise<{ errorCode: number; description: string }>, number, string]> = [
    ['modify: a 3-digit new value', () => plugin.modifyPasscode({ originalPasscode: '1234', passcode: '123', startDate: 0, endDate: 0, lockData: lockDataOf() }), 11003, 'passcode:'],
    ['modify: no original', () => (plugin.modifyPasscode as any)({ passcode: '1234', startDate: 0, endDate: 0, lockData: lockDataOf() }), 11003, 'originalPasscode:'],
    ['modify: end before start', () => plugin.modifyPasscode({ originalPasscode: '1234', passcode: '1234', startDate: 2e12, endDate: 1e12, lockData: lockDataOf() }), 11003, 'endDate:'],
    ['modify: keepValidity not a boolean', () => (plugin.modifyPasscode as any)({ originalPasscode: '1234', passcode: '1234', keepValidity: 'yes', lockData: lockDataOf() }), 11003, 'keepValidity:'],
    ['delete: letters', () => plugin.deletePasscode({ passcode: '12ab', lockData: lockDataOf() }), 11003, 'passcode:'],
    ['delete: no lockData', () => (plugin.deletePasscode as any)({ passcode: '1234' }), 11003, 'lockData:'],
    ['list: a broken lockData', () => plugin.getAllValidPasscode({ lockData: 'not lockdata' }), 10005, 'lockData:'],
    ['list: an ordinary eKey', () => plugin.getAllValidPasscode({ lockData: bench.lock.lockData({ userType: 110302 }) }), 11005, 'lockData'],
    ['setLockTime: a negative serverTime', () => plugin.setLockTime({ lockData: lockDataOf(), serverTime: -5 }), 11003, 'serverTime:'],
    ['setLockTime: a serverTime in 2150', () => plugin.setLockTime({ lockData: lockDataOf(), serverTime: Date.UTC(2150, 0, 1) }), 11003, 'serverTime:'],
    ['getLockTime: a callback that is not a function', () => (plugin.getLockTime as any)({ lockData: lockDataOf(), onProgress: 5 }), 11003, 'onProgress:'],
    ['reset: no option', () => (plugin.resetPasscode as any)(), 11003, 'option:'],
  ];

  it.each(CASES)('%s -> %i naming the field, no wx call', async (_name, call, code, field) => {
    bench = setupLock({ platform: 'ios' });
    const result = await run(call());
    expect(result.errorCode).toBe(code);
    expect(result.description.startsWith(field)).toBe(true);
    expect(bench.fake.totalCalls()).toBe(0);
    expect(result.description).not.toContain('1234');
  });
});
