/**
 * The host removes every Bluetooth listener with the documented argument-less off…() (issue 9 §1):
 * the plugin must not stay deaf for good on any of the three events, and must never end up with
 * more than one listener per event.
 */
import { configure, createCustomPasscode } from '../../plugin/index';
import type { Platform } from '../../simulator';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { drive } from '../helpers/drive';
import { documentedCodes } from '../helpers/official-codes';
import { BUDGET_SLACK_MS, callPasscode, optionFor, releaseKeptLink } from '../helpers/passcode-call';

const PLATFORMS: Platform[] = ['ios', 'android'];

describe('the host removes the plugin\'s listeners', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  async function withHost(platform: Platform): Promise<Bench> {
    bench = setupLock({ platform, host: true });
    bench.host!.listen();
    await drive(bench.host!.start(200));
    expect((await callPasscode(optionFor(bench.lock, { passcode: '1111' }))).result.errorCode).toBe(0);
    await releaseKeptLink();
    bench.host!.offAll();
    expect(bench.fake.report().plugin.listeners).toMatchObject({ BluetoothDeviceFound: 0, BLECharacteristicValueChange: 0, BluetoothAdapterStateChange: 0 });
    return bench;
  }

  /** An operation during which Bluetooth is switched off (at the login): its result and time. */
  async function switchedOffDuring(b: Bench, passcode: string): Promise<{ errorCode: number; elapsedMs: number }> {
    const started = Date.now();
    let offs = 0;
    const onProgress = (s: string) => s === 'authenticating' && offs++ === 0 && b.fake.setAdapterPower('off');
    const result = await drive(createCustomPasscode({ ...optionFor(b.lock, { passcode }), onProgress }));
    return { errorCode: result.errorCode, elapsedMs: Date.now() - started };
  }

  it.each(PLATFORMS)('%s: Bluetooth switched off in the next operation still ends it at once with 10012, and the adapter-state listener is back', async (platform) => {
    const b = await withHost(platform);
    const first = await switchedOffDuring(b, '2222');
    expect(first.errorCode).toBe(10012);
    expect(first.elapsedMs).toBeLessThan(1000);
    expect(b.fake.report().plugin.listeners.BluetoothAdapterStateChange).toBe(1);
    // the renewed listener hears the next switch-off itself
    b.fake.setAdapterPower('on');
    const adapterCalls = b.fake.calls.getBluetoothAdapterState;
    const second = await switchedOffDuring(b, '3333');
    expect(second.errorCode).toBe(10012);
    expect(second.elapsedMs).toBeLessThan(1000);
    expect(b.fake.calls.getBluetoothAdapterState - adapterCalls).toBe(1); // only the operation's own first look
    expectClean(b.fake);
    expect(b.lock.passcodes().map((p) => p.passcode)).toEqual(['1111']);
  });

  it.each(PLATFORMS)('%s: the host removes every listener while the plugin scans: a definite code within the budget, one listener per event at most', async (platform) => {
    bench = setupLock({ platform, host: true, fake: { quirks: { directConnectNeedsScan: true } } });
    const b = bench;
    b.host!.listen();
    await drive(b.host!.start(200));
    const { operationBudgetMs } = configure({});
    const started = Date.now();
    const onProgress = (s: string) => s === 'scanning' && b.host!.offAll();
    const result = await drive(createCustomPasscode({ ...optionFor(b.lock, { passcode: '5555' }), onProgress }));
    expect(documentedCodes().has(result.errorCode)).toBe(true);
    expect(Date.now() - started).toBeLessThanOrEqual(operationBudgetMs + BUDGET_SLACK_MS);
    expect(b.lock.passcodes().length > 0).toBe(result.errorCode === 0);
    await releaseKeptLink();
    expectClean(b.fake);
  });

  it.each(PLATFORMS)('%s: the next operation that has to scan works, and registers its value and found listeners again (one each)', async (platform) => {
    bench = setupLock({ platform, host: true, fake: { quirks: { directConnectNeedsScan: true } } });
    const b = bench;
    b.lock.inRange = false; // out of reach at first: wx has not heard it yet when the host removes our listeners
    b.host!.listen();
    await drive(b.host!.start(200));
    configure({ operationBudgetMs: 6000, scanTimeoutMs: 1500, connectRetries: 0 });
    expect((await callPasscode(optionFor(b.lock, { passcode: '1111' }))).result.errorCode).not.toBe(0); // not found
    b.host!.offAll();
    b.lock.inRange = true;
    configure({ operationBudgetMs: 30_000, scanTimeoutMs: 10_000, connectRetries: 2 });
    const next = await callPasscode(optionFor(b.lock, { passcode: '2222' }));
    expect(next.result.errorCode).toBe(0);
    expect(next.steps).toContain('scanning');
    expect(next.elapsedMs).toBeLessThanOrEqual(configure({}).operationBudgetMs + BUDGET_SLACK_MS);
    expect(b.fake.report().plugin.listeners).toMatchObject({ BluetoothDeviceFound: 1, BLECharacteristicValueChange: 1, BLEConnectionStateChange: 1 });
    await releaseKeptLink();
    expectClean(b.fake);
    expect(b.lock.passcodes().map((p) => p.passcode)).toEqual(['2222']);
  });
});
