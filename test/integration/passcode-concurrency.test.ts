/**
 * Calls made while another runs wait their turn (FIFO) instead of failing with 11013, and reuse
 * the link the previous call kept open: five calls at once make one connection.
 */
import { createCustomPasscode, type CreateCustomPasscodeResult } from '../../plugin/index';
import { createFakeWx, createVirtualLock, installFakeWx } from '../../simulator';
import { expectClean, setupLock, teardown, type Bench } from '../helpers/ble-harness';
import { optionFor, releaseKeptLink } from '../helpers/passcode-call';
import { drive } from '../helpers/drive';

const CHECK_ADMIN = 0x41;
const CHECK_RANDOM = 0x30;
const ADD = 0x03;

interface Tracked {
  finished: string[];
  steps: Map<string, string[]>;
  all: Promise<CreateCustomPasscodeResult[]>;
}

/** Starts one call per passcode in the same tick, recording the order in which they resolve. */
function startAtOnce(options: Array<Parameters<typeof optionFor>[1] & { lock: Parameters<typeof optionFor>[0] }>): Tracked {
  const finished: string[] = [];
  const steps = new Map<string, string[]>();
  const calls = options.map(({ lock, ...o }) => {
    const mine: string[] = [];
    steps.set(String(o.passcode), mine);
    return createCustomPasscode(optionFor(lock, { ...o, onProgress: (s) => mine.push(s) })).then((r) => {
      finished.push(String(o.passcode));
      return r;
    });
  });
  return { finished, steps, all: Promise.all(calls) };
}

describe('createCustomPasscode: concurrent calls', () => {
  let bench: Bench | undefined;
  let undoExtra: (() => void) | undefined;
  beforeEach(() => jest.useFakeTimers());
  afterEach(async () => {
    undoExtra?.(); // installed after the bench: undone first, so the bench restores the original wx
    await teardown(bench);
    bench = undefined;
    undoExtra = undefined;
    jest.useRealTimers();
  });

  it.each(['android', 'ios'] as const)('%s: five calls at once complete in order over one connection', async (platform) => {
    bench = setupLock({ platform });
    const { lock, fake } = bench;
    const passcodes = ['1001', '1002', '1003', '1004', '1005'];
    const run = startAtOnce(passcodes.map((passcode) => ({ lock, passcode })));
    const results = await drive(run.all);

    expect(results.map((r) => [r.errorCode, r.passcode])).toEqual(passcodes.map((p) => [0, p]));
    expect(run.finished).toEqual(passcodes);
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(passcodes);
    // one operation at a time on the lock, never interleaved, one handshake for the kept link
    expect(lock.received().map((r) => r.command)).toEqual([CHECK_ADMIN, CHECK_RANDOM, ...passcodes.map(() => ADD)]);
    expect(fake.calls.createBLEConnection).toBe(1);
    expect(fake.calls.startBluetoothDevicesDiscovery).toBe(platform === 'ios' ? 1 : 0);
    for (const p of passcodes.slice(1)) expect(run.steps.get(p)).toEqual(['writing', 'done']);
    await releaseKeptLink();
    expectClean(fake);
  });

  it('a failing call in the queue does not disturb the ones around it', async () => {
    bench = setupLock({ platform: 'android' });
    const { lock, fake } = bench;
    lock.addPasscodeDirectly('2003');
    fake.faults.add({ on: 'reply', nth: 4, action: { kind: 'drop' } }); // the ADD reply of the second call (login reused)
    const passcodes = ['2001', '2002', '2003', '2004'];
    const run = startAtOnce(passcodes.map((passcode) => ({ lock, passcode })));
    const results = await drive(run.all);

    // the second call's lost verdict is settled on a new link (the lock holds it): a success
    expect(results.map((r) => r.errorCode)).toEqual([0, 0, 20, 0]);
    expect(results[1].settledAfterDrop).toBe(true);
    expect(run.finished).toEqual(passcodes);
    // the drop cost the link: the settle connected again, the third and fourth calls reused that link
    expect(fake.calls.createBLEConnection).toBe(2);
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['2003', '2001', '2002', '2004']);
    await releaseKeptLink();
    expectClean(fake);
  });

  it('calls for two locks alternate: each gets its own link, and the other lock\'s link is closed first', async () => {
    bench = setupLock({ platform: 'android' });
    const other = createVirtualLock();
    const fake = createFakeWx({ platform: 'android', locks: [bench.lock, other] });
    undoExtra = installFakeWx(fake);
    const a = bench.lock;
    const run = startAtOnce([
      { lock: a, passcode: '3001' },
      { lock: other, passcode: '3002' },
      { lock: a, passcode: '3003' },
    ]);
    let mostConnections = 0;
    const watched = run.all.finally(() => undefined);
    const probe = setInterval(() => {
      mostConnections = Math.max(mostConnections, fake.openConnections());
    }, 5);
    const results = await drive(watched);
    clearInterval(probe);

    expect(results.map((r) => r.errorCode)).toEqual([0, 0, 0]);
    expect(run.finished).toEqual(['3001', '3002', '3003']);
    expect(a.passcodes().map((p) => p.passcode)).toEqual(['3001', '3003']);
    expect(other.passcodes().map((p) => p.passcode)).toEqual(['3002']);
    expect(fake.calls.createBLEConnection).toBe(3);
    expect(mostConnections).toBe(1);
    await releaseKeptLink();
    expectClean(fake);
  });
});
