/**
 * Validation before Bluetooth (issue 3 §2): every bad field is 11003 with a description naming it,
 * lockData that does not decode is 10005, an ordinary eKey is 11005, a non-V3 lock is 10009, and
 * none of them makes a single wx call.
 */
import { createCustomPasscode } from '../../plugin/index';
import { lockLocalMs, setupLock, teardown, type Bench } from '../helpers/ble-harness';
import { callPasscode, expectResultShape, optionFor, releaseKeptLink } from '../helpers/passcode-call';
import { drive } from '../helpers/drive';

type Call = (...args: unknown[]) => ReturnType<typeof createCustomPasscode>;
const call = createCustomPasscode as Call;

describe('createCustomPasscode validates before touching Bluetooth', () => {
  let bench: Bench;
  beforeEach(() => {
    jest.useFakeTimers();
    bench = setupLock({ platform: 'android' });
  });
  afterEach(async () => {
    await teardown(bench);
    jest.useRealTimers();
  });

  async function rejected(args: unknown[]) {
    const result = await drive(call(...args));
    expectResultShape(result);
    expect(bench.fake.totalCalls()).toBe(0);
    expect(bench.lock.passcodes()).toEqual([]);
    return result;
  }

  const offset = 28_800_000; // the virtual lock's default zone, UTC+8
  const start = lockLocalMs(2033, 2, 3, 4, 0, offset);
  const end = lockLocalMs(2033, 3, 3, 4, 0, offset);

  it.each([
    ['passcode', { passcode: '123' }],
    ['passcode', { passcode: '1234567890' }],
    ['passcode', { passcode: '12a4' }],
    ['passcode', { passcode: 1234 }],
    ['passcode', { passcode: undefined }],
    ['startDate', { startDate: -5 }],
    ['startDate', { startDate: 'tomorrow' }],
    ['startDate', { startDate: NaN }],
    ['endDate', { endDate: Infinity }],
    ['endDate', { endDate: null }],
    ['endDate', { endDate: start }],
    ['endDate', { endDate: start - 60_000 }],
    ['endDate', { endDate: start + 30_000 }],
    ['startDate', { startDate: Date.UTC(1999, 11, 31, 0, 0) - offset, endDate: end }],
    ['endDate', { endDate: Date.UTC(2100, 0, 1, 0, 0) - offset }],
    ['lockData', { lockData: '' }],
    ['lockData', { lockData: undefined }],
    ['lockData', { lockData: 42 }],
    ['disconnectCallback', { disconnectCallback: 'later' }],
    ['onProgress', { onProgress: {} }],
  ])('11003 naming %s for %p', async (field, change) => {
    const result = await rejected([{ ...optionFor(bench.lock, { startDate: start, endDate: end }), ...change }]);
    expect(result.errorCode).toBe(11003);
    expect(result.description.startsWith(`${field}:`)).toBe(true);
  });

  it('11003 for an argument list of neither form, and for no arguments', async () => {
    for (const args of [[], ['1234'], [null], [['1234', 0, 0, 'x']]]) {
      const result = await rejected(args);
      expect(result.errorCode).toBe(11003);
      expect(result.description).toMatch(/^option:/);
    }
  });

  it.each([
    ['not Base64', '!!not lockData!!'],
    ['Base64 of the wrong length', 'QUJDRA=='],
    ['broken JSON', '{"lockMac":'],
  ])('10005 for lockData that is %s', async (_what, lockData) => {
    const result = await rejected([optionFor(bench.lock, { lockData })]);
    expect(result.errorCode).toBe(10005);
  });

  it('10005 for lockData cut short or with one character changed', async () => {
    const good = bench.lock.lockData();
    const flipped = good.slice(0, 10) + (good[10] === 'A' ? 'B' : 'A') + good.slice(11);
    for (const lockData of [good.slice(0, good.length - 8), flipped]) {
      expect((await rejected([optionFor(bench.lock, { lockData })])).errorCode).toBe(10005);
    }
  });

  it('11005 for an ordinary eKey (userType 110302), 10009 for a lock that is not V3', async () => {
    const ordinary = await rejected([optionFor(bench.lock, { lockData: bench.lock.lockData({ userType: 110302 }) })]);
    expect(ordinary.errorCode).toBe(11005);
    const v2 = bench.lock.lockData({ lockVersion: { ...bench.lock.lockVersion, protocolType: 5, protocolVersion: 1 } });
    expect((await rejected([optionFor(bench.lock, { lockData: v2 })])).errorCode).toBe(10009);
  });

  it('accepts fractional and huge-but-valid dates without an internal error, and rejects absurd ones as 11003', async () => {
    const fractional = await callPasscode(optionFor(bench.lock, { passcode: '5150', startDate: start + 0.5, endDate: String(end + 0.25) }));
    expect(fractional.result.errorCode).toBe(0);
    expect(bench.lock.passcodes()[0]).toMatchObject({ start: { year: 2033, month: 2, day: 3, hour: 4, minute: 0 } });
    await releaseKeptLink();
    bench.fake.resetCounters();
    bench.lock.clearPasscodes();
    for (const endDate of [1e20, Number.MAX_VALUE, '99999999999999999999']) {
      const result = await rejected([optionFor(bench.lock, { startDate: start, endDate })]);
      expect({ endDate, code: result.errorCode }).toEqual({ endDate, code: 11003 });
      expect(result.description).toMatch(/^endDate:/);
    }
  });
});
