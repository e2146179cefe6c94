/**
 * The host app closes the Bluetooth adapter while an operation exchanges commands with the lock
 * (issue 9 §1: 10000 "not init" during an operation reopens the adapter and retries once, within the
 * budget). Before any state-changing command went out the operation simply runs again; once the
 * ADD may have reached the lock, the retry goes through the settled-outcome path (reconnect, read
 * the list) instead of sending the ADD blindly a second time.
 */
import { configure, createCustomPasscode } from '../../plugin/index';
import type { TTLockError } from '../../plugin/index';
import type { Platform } from '../../simulator';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { drive } from '../helpers/drive';
import { BUDGET_SLACK_MS, optionFor, releaseKeptLink } from '../helpers/passcode-call';

const CASES: Array<[Platform, boolean]> = [['ios', true], ['ios', false], ['android', true], ['android', false]];

describe('the host closes the adapter during the command exchange', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  /** Runs createCustomPasscode; the host closes the adapter `afterMs` after progress `step`. */
  async function closedDuring(platform: Platform, events: boolean, step: string, afterMs: number): Promise<{ result: TTLockError; elapsedMs: number; disconnects: TTLockError[] }> {
    bench = setupLock({ platform, host: true, fake: { adapterCloseFiresStateChange: events } });
    const { lock, host } = bench;
    host!.listen();
    const disconnects: TTLockError[] = [];
    const started = Date.now();
    let closes = 0;
    const onProgress = (s: string) => {
      if (s === step && closes++ === 0) setTimeout(() => void host!.closeAdapter(), afterMs);
    };
    const result = await drive(createCustomPasscode({ ...optionFor(lock, { passcode: '4812' }), onProgress, disconnectCallback: (r) => disconnects.push(r) }));
    return { result, elapsedMs: Date.now() - started, disconnects };
  }

  // CHECK_ADMIN being written (0 ms) or its reply awaited (60 ms): nothing was written to the lock yet
  it.each(CASES.flatMap(([p, e]) => [0, 60].map((ms) => [p, e, ms] as const)))(
    '%s, connected:false events %p: closed %i ms into the login: the adapter is reopened and the operation runs again',
    async (platform, events, afterMs) => {
      const { result, elapsedMs, disconnects } = await closedDuring(platform, events, 'authenticating', afterMs);
      expect(result).toMatchObject({ errorCode: 0, passcode: '4812' });
      expect(result.settledAfterDrop).toBeUndefined();
      expect(disconnects).toEqual([]);
      expect(elapsedMs).toBeLessThanOrEqual(configure({}).operationBudgetMs + BUDGET_SLACK_MS);
      expect(bench!.lock.passcodes().map((p) => p.passcode)).toEqual(['4812']);
      expect(bench!.fake.calls.openBluetoothAdapter).toBe(2); // the first open, and the reopen
      await releaseKeptLink();
      expectClean(bench!.fake);
    },
  );

  it.each(CASES)('%s, connected:false events %p: closed while the ADD\'s reply is awaited: settled by reading the lock, never written twice', async (platform, events) => {
    bench = setupLock({ platform, host: true, fake: { adapterCloseFiresStateChange: events } });
    // the lock takes a while to answer the ADD (the third reply): the host closes the adapter meanwhile
    bench.fake.faults.add({ on: 'reply', nth: 3, action: { kind: 'delay', ms: 1500 } });
    const { lock, host } = bench;
    const started = Date.now();
    let closes = 0;
    const onProgress = (s: string) => {
      if (s === 'writing' && closes++ === 0) setTimeout(() => void host!.closeAdapter(), 700);
    };
    const result = await drive(createCustomPasscode({ ...optionFor(lock, { passcode: '4813' }), onProgress }));
    expect(result).toMatchObject({ errorCode: 0, settledAfterDrop: true });
    expect(Date.now() - started).toBeLessThanOrEqual(configure({}).operationBudgetMs + 2 * BUDGET_SLACK_MS);
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['4813']);
    // the ADD went out once: after the reconnect only the login and the list reads were written
    expect(lock.received().filter((r) => r.command === 0x03 && r.plaintext[0] === 2).length).toBe(1);
    await releaseKeptLink();
    expectClean(bench.fake);
  });
});
