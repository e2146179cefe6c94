/**
 * Android throttles scans (wx-ble-real-phones.md §5: about 5 starts per 30 s; the next one is
 * refused with 10008, or started and left deaf, as Android 7+ does). lockwire must not hammer
 * startBluetoothDevicesDiscovery: at most SCAN_STARTS_PER_WINDOW of its own starts per window,
 * waiting for a free one when the budget allows, and a definite code within the budget otherwise.
 */
import { configure, stopAllOperations } from '../../plugin/index';
import { SCAN_STARTS_PER_WINDOW, SCAN_WINDOW_MS } from '../../plugin/ble/scanner';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { drive } from '../helpers/drive';
import { documentedCodes } from '../helpers/official-codes';
import { BUDGET_SLACK_MS, callPasscode, optionFor } from '../helpers/passcode-call';

describe('Android scan throttling', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  /** Counts the plugin's scan starts (virtual time) and wx's refusals of them. */
  function watchStarts(b: Bench): { at: number[]; refused: number } {
    const seen = { at: [] as number[], refused: 0 };
    const start = b.fake.wx.startBluetoothDevicesDiscovery;
    b.fake.wx.startBluetoothDevicesDiscovery = (o: { fail?: (e: unknown) => void }) => {
      seen.at.push(Date.now());
      return start({ ...o, fail: (e: unknown) => (seen.refused++, o.fail?.(e)) });
    };
    return seen;
  }

  /** The most starts within any window of SCAN_WINDOW_MS. */
  function busiestWindow(at: number[]): number {
    return Math.max(0, ...at.map((t) => at.filter((u) => u >= t && u - t < SCAN_WINDOW_MS).length));
  }

  it('refused starts (10008): a lock out of reach, operation after operation: never more starts than the window allows, each a definite code within budget', async () => {
    bench = setupLock({ platform: 'android', fake: { quirks: { scanThrottle: true } } });
    bench.lock.inRange = false;
    const { operationBudgetMs } = configure({ scanTimeoutMs: 1500, connectTimeoutMs: 800, operationBudgetMs: 10_000, keepAliveMs: 0 });
    const starts = watchStarts(bench);
    const documented = documentedCodes();
    for (let i = 0; i < 5; i++) {
      const { result, elapsedMs } = await callPasscode(optionFor(bench.lock));
      expect(result.errorCode).not.toBe(0);
      expect(documented.has(result.errorCode)).toBe(true);
      expect(elapsedMs).toBeLessThanOrEqual(operationBudgetMs + BUDGET_SLACK_MS);
    }
    expect(starts.refused).toBe(0);
    expect(busiestWindow(starts.at)).toBeLessThanOrEqual(SCAN_STARTS_PER_WINDOW);
    expectClean(bench.fake);
  });

  it('ignored starts (Android 7+): each operation that must scan finds the lock, waiting for a free start instead of scanning deaf', async () => {
    bench = setupLock({ platform: 'android', fake: { quirks: { scanThrottle: 'ignore', directConnectNeedsScan: true } } });
    const { operationBudgetMs } = configure({ connectTimeoutMs: 800, keepAliveMs: 0 });
    const starts = watchStarts(bench);
    for (let i = 0; i < SCAN_STARTS_PER_WINDOW + 2; i++) {
      const { result, elapsedMs, steps } = await callPasscode(optionFor(bench.lock, { passcode: `${4000 + i}` }));
      expect(steps).toContain('scanning');
      expect(result.errorCode).toBe(0);
      expect(elapsedMs).toBeLessThanOrEqual(operationBudgetMs + BUDGET_SLACK_MS);
      await drive(stopAllOperations()); // forget the deviceId: the next operation scans again
    }
    expect(busiestWindow(starts.at)).toBeLessThanOrEqual(SCAN_STARTS_PER_WINDOW);
    expect(bench.lock.passcodes()).toHaveLength(SCAN_STARTS_PER_WINDOW + 2);
    expectClean(bench.fake);
  });
});
