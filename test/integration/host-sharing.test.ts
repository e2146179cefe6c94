/**
 * Sharing Bluetooth with the host app (issue 9 §1): a scripted host with its own listeners, adapter
 * and notifying peripheral shares the fake wx, whose off…() behave as documented (the three
 * argument-less ones remove everyone's listeners). The plugin must leave the host's things alone,
 * and survive whatever the host does to the shared stack.
 */
import { configure, createCustomPasscode } from '../../plugin/index';
import type { Platform } from '../../simulator';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { drainJobs, drive, elapse } from '../helpers/drive';
import { BUDGET_SLACK_MS, callPasscode, optionFor, releaseKeptLink } from '../helpers/passcode-call';

const PLATFORMS: Platform[] = ['ios', 'android'];

/** A bench with the host app listening, its adapter open and its peripheral connected and notifying. */
async function withHost(platform: Platform, fake: NonNullable<Parameters<typeof setupLock>[0]>['fake'] = {}): Promise<Bench & { host: NonNullable<Bench['host']> }> {
  const bench = setupLock({ platform, host: true, fake });
  bench.host!.listen();
  await drive(bench.host!.start(200));
  return bench as Bench & { host: NonNullable<Bench['host']> };
}

/** The host still hears its peripheral: its value listener is registered and the link is up. */
async function expectHostAlive(bench: Bench): Promise<void> {
  const before = bench.host!.received.values;
  await elapse(1000);
  expect(bench.host!.received.values).toBeGreaterThan(before);
  expect(bench.host!.peripheralConnected()).toBe(true);
  expect(bench.fake.report()).toMatchObject({ adapterOpen: true, adapterOpenedBy: 'host' });
  expect(bench.fake.report().host.listeners).toEqual({ BluetoothDeviceFound: 1, BLECharacteristicValueChange: 1, BLEConnectionStateChange: 1, BluetoothAdapterStateChange: 1 });
}

function offCalls(bench: Bench): number {
  const c = bench.fake.calls;
  return c.offBLECharacteristicValueChange + c.offBluetoothDeviceFound + c.offBluetoothAdapterStateChange;
}

describe('sharing Bluetooth with the host app', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  it.each(PLATFORMS)('%s: the host\'s listeners, adapter and connection survive two operations and the keep-alive expiry', async (platform) => {
    bench = await withHost(platform);
    const { keepAliveMs } = configure({});
    for (const passcode of ['1357', '2468']) {
      const { result } = await callPasscode(optionFor(bench.lock, { passcode }));
      expect(result.errorCode).toBe(0);
    }
    await elapse(keepAliveMs + 10);
    await drainJobs();
    await expectHostAlive(bench);
    expect(offCalls(bench)).toBe(0);
    expect(bench.fake.calls.openBluetoothAdapter + bench.fake.calls.closeBluetoothAdapter).toBe(0); // the host's adapter: used, never opened or closed
    expectClean(bench.fake);
    expect(bench.lock.passcodes().map((p) => p.passcode)).toEqual(['1357', '2468']);
  });

  it.each(PLATFORMS)('%s: an adapter the plugin opened is closed after the keep-alive (releaseAdapter auto), left open with never', async (platform) => {
    bench = setupLock({ platform });
    await callPasscode(optionFor(bench.lock, { passcode: '1111' }));
    await releaseKeptLink();
    expect(bench.fake.adapterOpen()).toBe(false);
    configure({ releaseAdapter: 'never' });
    await callPasscode(optionFor(bench.lock, { passcode: '2222' }));
    await releaseKeptLink();
    expect(bench.fake.report()).toMatchObject({ adapterOpen: true, adapterOpenedBy: 'plugin', plugin: { connections: 0, scanning: false } });
  });

  it('the plugin does not close an adapter it opened while the host is using it (its own connection)', async () => {
    bench = setupLock({ platform: 'android', host: true });
    await callPasscode(optionFor(bench.lock, { passcode: '1111' }));
    await drive(bench.host!.start(200)); // the host connects its band on the plugin's adapter
    await releaseKeptLink();
    expect(bench.host!.peripheralConnected()).toBe(true);
    expect(bench.fake.adapterOpen()).toBe(true);
  });

  it.each([true, false])('the host closes the adapter during the keep-alive (connected:false events: %p); the next operation succeeds', async (events) => {
    bench = setupLock({ platform: 'ios', host: true, fake: { adapterCloseFiresStateChange: events } });
    const first = await callPasscode(optionFor(bench.lock, { passcode: '1111' }));
    expect(first.result.errorCode).toBe(0);
    expect(bench.fake.report().plugin.connections).toBe(1); // kept
    await drive(bench.host!.closeAdapter());
    const second = await callPasscode(optionFor(bench.lock, { passcode: '2222' }));
    expect(second.result.errorCode).toBe(0);
    expect(bench.lock.passcodes().map((p) => p.passcode)).toEqual(['1111', '2222']);
    await releaseKeptLink();
    expectClean(bench.fake);
  });

  it.each(PLATFORMS)('%s: the host removes every listener (off…()) during the keep-alive: the next operation still succeeds', async (platform) => {
    bench = await withHost(platform);
    expect((await callPasscode(optionFor(bench.lock, { passcode: '1111' }))).result.errorCode).toBe(0);
    bench.host!.offAll();
    expect(bench.fake.report().plugin.listeners.BLECharacteristicValueChange).toBe(0);
    const next = await callPasscode(optionFor(bench.lock, { passcode: '2222' }));
    expect(next.result.errorCode).toBe(0);
    expect(next.elapsedMs).toBeLessThanOrEqual(configure({}).operationBudgetMs + BUDGET_SLACK_MS);
    await releaseKeptLink();
    expectClean(bench.fake);
  });

  it('the host removes every listener while the ADD is in flight: 10017 within the budget, then the next operation succeeds', async () => {
    const withHostBench = await withHost('android');
    bench = withHostBench;
    // the official behaviour (settling the lost verdict by reconnecting is tested in lifecycle-faults)
    const { operationBudgetMs } = configure({ settleOutcomes: false });
    const started = Date.now();
    const running = createCustomPasscode({ ...optionFor(bench.lock, { passcode: '3333' }), onProgress: (s) => s === 'writing' && withHostBench.host.offAll() });
    const result = await drive(running);
    expect(result.errorCode).toBe(10017);
    expect(result.description).toMatch(/outcome unknown/i);
    expect(Date.now() - started).toBeLessThanOrEqual(operationBudgetMs + BUDGET_SLACK_MS);
    const next = await callPasscode(optionFor(bench.lock, { passcode: '4444' }));
    expect(next.result.errorCode).toBe(0);
    await releaseKeptLink();
    expectClean(bench.fake);
  });

  it('an old base library that keeps one listener per event: the host registering its own does not leave the plugin deaf for good', async () => {
    bench = setupLock({ platform: 'android', host: true, fake: { oneListenerPerEvent: true } });
    expect((await callPasscode(optionFor(bench.lock, { passcode: '1111' }))).result.errorCode).toBe(0);
    await releaseKeptLink();
    bench.host!.listen(); // replaces the plugin's listeners
    const next = await callPasscode(optionFor(bench.lock, { passcode: '2222' }));
    expect(next.result.errorCode).toBe(0);
    await releaseKeptLink();
    expectClean(bench.fake);
  });

  it('the host connects to the lock itself first: "already connected" counts as connected, and the host\'s link stays up', async () => {
    bench = setupLock({ platform: 'android', host: true });
    await drive(bench.host!.start(200));
    expect(await drive(bench.host!.connect(bench.lock.mac))).toBe(0);
    const { result } = await callPasscode(optionFor(bench.lock, { passcode: '5555' }));
    expect(result.errorCode).toBe(0);
    await releaseKeptLink();
    expect(bench.fake.isConnected(bench.lock.mac)).toBe(true); // the host's: not ours to close
    expect(bench.fake.report().plugin.connections).toBe(0);
  });

  it('the host connects to the lock during the keep-alive and then closes it: the next operation reconnects', async () => {
    bench = setupLock({ platform: 'android', host: true });
    expect((await callPasscode(optionFor(bench.lock, { passcode: '1111' }))).result.errorCode).toBe(0);
    expect(await drive(bench.host!.connect(bench.lock.mac))).toBe(-1); // already connected (the plugin's)
    expect(await drive(bench.host!.disconnect(bench.lock.mac))).toBe(0);
    const next = await callPasscode(optionFor(bench.lock, { passcode: '2222' }));
    expect(next.result.errorCode).toBe(0);
    expect(next.steps).toContain('connecting');
    await releaseKeptLink();
    expectClean(bench.fake);
  });

  it('iOS: the host is scanning: the plugin finds the lock in that scan, and neither restarts nor stops it', async () => {
    bench = setupLock({ platform: 'ios', host: true });
    await drive(bench.host!.start(200));
    await drive(bench.host!.startScan());
    const { result } = await callPasscode(optionFor(bench.lock, { passcode: '6666' }));
    expect(result.errorCode).toBe(0);
    expect(bench.fake.calls.startBluetoothDevicesDiscovery + bench.fake.calls.stopBluetoothDevicesDiscovery).toBe(0);
    await releaseKeptLink();
    expect(bench.fake.report().host.scanning).toBe(true);
  });

  it('Bluetooth switched off during an operation ends it at once with 10012', async () => {
    bench = setupLock({ platform: 'android' });
    const started = Date.now();
    const running = createCustomPasscode({ ...optionFor(bench.lock), onProgress: (s) => s === 'authenticating' && bench!.fake.setAdapterPower('off') });
    const result = await drive(running);
    expect(result.errorCode).toBe(10012);
    expect(Date.now() - started).toBeLessThan(1000);
    expectClean(bench.fake);
  });
});
