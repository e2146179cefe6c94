/**
 * What real phones do beyond the documentation (wx-ble-real-phones.md §2-§5, issue 9 §2), each
 * switched on in the fake wx: the plugin must end with the right code, or succeed, within budget.
 */
import { configure, createCustomPasscode } from '../../plugin/index';
import type { Platform, PhoneQuirks } from '../../simulator';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { drive, elapse } from '../helpers/drive';
import { BUDGET_SLACK_MS, callPasscode, optionFor, releaseKeptLink } from '../helpers/passcode-call';

const PLATFORMS: Platform[] = ['ios', 'android'];

describe('real phones', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  const withQuirks = (platform: Platform, quirks: PhoneQuirks, fake: object = {}) => (bench = setupLock({ platform, fake: { quirks, ...fake } }));

  async function expectSuccess(passcode = '2580'): Promise<void> {
    const { result, elapsedMs } = await callPasscode(optionFor(bench!.lock, { passcode }));
    expect(result).toMatchObject({ errorCode: 0, passcode });
    expect(elapsedMs).toBeLessThanOrEqual(configure({}).operationBudgetMs + BUDGET_SLACK_MS);
    await releaseKeptLink();
    expectClean(bench!.fake);
  }

  it.each(PLATFORMS)('%s: a 10 s permission popup on the first adapter open is waited for, outside the operation budget', async (platform) => {
    withQuirks(platform, { adapterPopupMs: 10_000 });
    configure({ operationBudgetMs: 8000 });
    const { result, elapsedMs } = await callPasscode(optionFor(bench!.lock));
    expect(result.errorCode).toBe(0);
    expect(elapsedMs).toBeGreaterThanOrEqual(10_000);
    expect(elapsedMs).toBeLessThanOrEqual(10_000 + 8000);
  });

  // Found by the random fault schedules: the first open waits out a popup, the reply to ADD is lost,
  // and settling the outcome reopens the adapter (lockwire released it with the failed link), which
  // wx never answers. Each open used to get its own adapterTimeoutMs outside the budget; one
  // operation gets that allowance once in all.
  it('iOS: a popup on the first adapter open, then a reopen that never answers: still within budget + adapterTimeoutMs', async () => {
    // GATT 133 twice and services not ready use most of the budget before the reply is lost
    withQuirks('ios', { adapterPopupMs: 2831, gatt133: { count: 2, windowMs: 200 }, servicesNotReady: '10004' }, { adapterCloseFiresStateChange: false });
    const cfg = configure({ scanTimeoutMs: 1500, connectTimeoutMs: 800, gattTimeoutMs: 300, replyTimeoutMs: 400, keepAliveMs: 200, operationBudgetMs: 6000, connectRetries: 2, adapterTimeoutMs: 30_000 });
    bench!.fake.faults.add({ on: 'readBLECharacteristicValue', nth: 1, times: 1, action: { kind: 'fail', errCode: -1 } });
    bench!.fake.faults.add({ on: 'reply', nth: 3, times: 1, action: { kind: 'delay', ms: 321 } });
    bench!.fake.faults.add({ on: 'openBluetoothAdapter', nth: 2, times: 1, action: { kind: 'noCallback' } });
    const { result, elapsedMs } = await callPasscode(optionFor(bench!.lock));
    expect(result).toMatchObject({ errorCode: 10017, outcomeUnknown: true });
    expect(result.description).toContain('Reconnecting to check failed (10030)');
    // (it was 38.5 s: the reopen waited its own 30 s after the popup's 2.8 s had been added to the budget)
    expect(elapsedMs).toBeLessThanOrEqual(cfg.operationBudgetMs + cfg.adapterTimeoutMs + 500);
    await elapse(10_000);
    expectClean(bench!.fake);
  });

  it.each([
    ['ios', 'unauthorized', 10039],
    ['android', 'unauthorized', 10039],
    ['ios', 'noSystemPermission', 10014],
    ['android', 'noSystemPermission', 10014],
    ['ios', 'off', 10012],
    ['android', 'off', 10012],
  ] as const)('%s, adapter %s -> %i, and nothing of the plugin stays open', async (platform, state, code) => {
    bench = setupLock({ platform, adapter: { state } });
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(code);
    expectClean(bench.fake);
    expect(bench.lock.received()).toEqual([]);
  });

  it.each(['errnoOnly', 'errCodeOnly', 'both'] as const)('failures carrying %s map alike: adapter off -> 10012, location permission -> 10015', async (errorStyle) => {
    bench = setupLock({ platform: 'ios', adapter: { state: 'off' }, fake: { errorStyle } });
    expect((await callPasscode(optionFor(bench.lock))).result.errorCode).toBe(10012);
    await drive(Promise.resolve());
    bench.uninstall();
    bench = setupLock({ platform: 'android', fake: { errorStyle, quirks: { noLocationPermission: true, directConnectNeedsScan: true } } });
    configure({ connectRetries: 1 }); // the direct try, then the scan that wx refuses
    expect((await callPasscode(optionFor(bench.lock))).result.errorCode).toBe(10015);
  });

  it('a wx that lacks a Bluetooth function the plugin needs answers 11002 at once, with no wx call', async () => {
    bench = setupLock({ platform: 'android' });
    delete bench.fake.wx.offBLEConnectionStateChange; // base library < 2.9.1
    const { result, elapsedMs } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(11002);
    expect(result.description).toMatch(/offBLEConnectionStateChange/);
    expect(elapsedMs).toBe(0);
    expect(bench.fake.calls.openBluetoothAdapter + bench.fake.calls.getBluetoothAdapterState).toBe(0);
  });

  it('Android GATT 133 (10003, repeated within 800 ms): the retry waits about a second and connects', async () => {
    withQuirks('android', { gatt133: { count: 1, windowMs: 800 } });
    const { result, elapsedMs } = await callPasscode(optionFor(bench!.lock));
    expect(result.errorCode).toBe(0);
    expect(elapsedMs).toBeGreaterThanOrEqual(configure({}).connectRetryDelayMs);
    expect(bench!.fake.calls.createBLEConnection).toBe(2);
  });

  it.each(PLATFORMS)('%s: connects that ignore their timeout: never two in flight, each late success closed, 10002', async (platform) => {
    withQuirks(platform, { connectIgnoresTimeoutMs: 3000 });
    configure({ connectTimeoutMs: 1000 });
    let inFlight = 0;
    let most = 0;
    const connect = bench!.fake.wx.createBLEConnection;
    bench!.fake.wx.createBLEConnection = (o: { success: () => void; fail: (e: unknown) => void }) => {
      most = Math.max(most, ++inFlight);
      const done = () => inFlight--;
      return connect({ ...o, success: () => (done(), o.success()), fail: (e: unknown) => (done(), o.fail(e)) });
    };
    const { result } = await callPasscode(optionFor(bench!.lock));
    expect(result.errorCode).toBe(10002);
    expect(most).toBe(1);
    expect(bench!.fake.calls.createBLEConnection).toBeGreaterThan(1);
    await elapse(5000);
    expectClean(bench!.fake);
  });

  it('a connect answered after the operation gave up leaves no connection behind', async () => {
    withQuirks('android', { connectIgnoresTimeoutMs: 20_000 });
    configure({ connectTimeoutMs: 1000, operationBudgetMs: 5000 });
    const { result } = await callPasscode(optionFor(bench!.lock));
    expect(result.errorCode).toBe(10002);
    await elapse(25_000);
    expect(bench!.fake.report().plugin.connections).toBe(0);
  });

  it.each(PLATFORMS)('%s: the late connected:false of a closed link does not kill the next link to the lock', async (platform) => {
    withQuirks(platform, { lateDisconnectMs: 400 });
    configure({ keepAliveMs: 0 });
    expect((await callPasscode(optionFor(bench!.lock, { passcode: '1111' }))).result.errorCode).toBe(0);
    const next = await callPasscode(optionFor(bench!.lock, { passcode: '2222' }));
    expect(next.result.errorCode).toBe(0);
    expect(next.disconnects).toEqual([]);
    await elapse(1000);
    expectClean(bench!.fake);
  });

  // The plugin shared the host's connection ("already connect"); the host closes it, the plugin sees
  // 10006 first and reconnects to settle the write; the host close's late connected:false must not be
  // taken for the plugin's own new link (it was: that link was forgotten, never closed, and leaked).
  it.each([
    [574, 0], [574, 50], [574, 500], [400, 520], [574, 540], [900, 520],
  ])('Android: the late (%i ms) connected:false of the host closing a shared connection (at %i ms) does not orphan the next link', async (lateDisconnectMs, atMs) => {
    bench = setupLock({ platform: 'android', host: true, fake: { quirks: { lateDisconnectMs } } });
    const { lock, fake, host } = bench;
    host!.listen();
    await drive(host!.start(1000));
    expect(await drive(host!.connect(fake.deviceIdOf(lock)))).toBe(0);
    configure({ scanTimeoutMs: 1500, connectTimeoutMs: 800, gattTimeoutMs: 300, replyTimeoutMs: 400, keepAliveMs: 200, operationBudgetMs: 6000, connectRetries: 2 });
    const hostCloses = setTimeout(() => void host!.disconnect(fake.deviceIdOf(lock)), atMs);
    const disconnects: unknown[] = [];
    const result = await drive(createCustomPasscode({ ...optionFor(lock), passcode: '8642', disconnectCallback: (r) => disconnects.push(r) }));
    clearTimeout(hostCloses);
    // the write was sent over the shared link: the plugin reconnects and reads what the lock stored
    const stored = lock.passcodes().length > 0;
    if (result.errorCode === 0) expect(stored).toBe(true);
    else if (stored) expect(result.description).toMatch(/outcome unknown/i);
    expect(disconnects.length).toBe(result.errorCode === 10003 ? 1 : 0);
    await releaseKeptLink();
    await elapse(3000);
    expect(fake.report().plugin.connections).toBe(0);
  });

  // Found by the random schedules: the plugin's link dropped silently (its connected:false 401 ms late), the
  // host connected to the lock meanwhile, and the plugin's close hit the host's connection: two late
  // connected:false were then owed, and the second one was taken for the plugin's next link (never closed).
  it('Android: the host reconnects to the lock while the plugin\'s link is silently gone: both late connected:false are waited for, nothing leaks', async () => {
    bench = setupLock({ platform: 'android', host: true, fake: { quirks: { writeAfterNotify10008Ms: 50, lateDisconnectMs: 401 } } });
    const { lock, fake, host } = bench;
    host!.listen();
    await drive(host!.start(1000));
    configure({ scanTimeoutMs: 1500, connectTimeoutMs: 800, gattTimeoutMs: 300, replyTimeoutMs: 400, keepAliveMs: 200, operationBudgetMs: 6000, connectRetries: 2 });
    fake.faults.add({ on: 'writeBLECharacteristicValue', nth: 8, action: { kind: 'dropAfter' } });
    const hostConnects = setTimeout(() => void host!.connect(fake.deviceIdOf(lock)), 821);
    const result = await drive(createCustomPasscode({ ...optionFor(lock), passcode: '8642' }));
    clearTimeout(hostConnects);
    if (result.errorCode === 0) expect(lock.passcodes().map((p) => p.passcode)).toEqual(['8642']);
    else expect(result.description).toMatch(/outcome unknown/i);
    await releaseKeptLink();
    await elapse(3000);
    expect(fake.report().plugin.connections).toBe(0);
  });

  it('Android: a lock never scanned (direct connect never completes) costs a short try, then a scan, not the whole connect timeout', async () => {
    withQuirks('android', { directConnectNeedsScan: true });
    const { result, elapsedMs, steps } = await callPasscode(optionFor(bench!.lock));
    expect(result.errorCode).toBe(0);
    expect(steps).toContain('scanning');
    expect(elapsedMs).toBeLessThan(configure({}).connectTimeoutMs);
  });

  it.each(['10004', 'empty'] as const)('services not ready right after connecting (%s): retried once, shortly', async (servicesNotReady) => {
    withQuirks('android', { servicesNotReady });
    const { result } = await callPasscode(optionFor(bench!.lock));
    expect(result.errorCode).toBe(0);
    expect(bench!.fake.calls.getBLEDeviceServices).toBe(2);
    expect(bench!.fake.calls.createBLEConnection).toBe(1);
  });

  it('10008 on the first write right after notify enabling: retried once', async () => {
    withQuirks('android', { writeAfterNotify10008Ms: 50 });
    await expectSuccess();
    expect(bench!.fake.calls.createBLEConnection).toBe(1);
  });

  it('Android: writes ask for a response (writeType write), so lossy unacknowledged writes lose nothing', async () => {
    const writes: unknown[] = [];
    withQuirks('android', { lossyUnackedWrites: true });
    const write = bench!.fake.wx.writeBLECharacteristicValue;
    bench!.fake.wx.writeBLECharacteristicValue = (o: { writeType?: string }) => (writes.push(o.writeType), write(o));
    await expectSuccess();
    expect(new Set(writes)).toEqual(new Set(['write']));
  });

  it('a base library older than 2.22.0 gets no writeType', async () => {
    bench = setupLock({ platform: 'ios', fake: { sdkVersion: '2.21.4' } });
    const writes: unknown[] = [];
    const write = bench.fake.wx.writeBLECharacteristicValue;
    bench.fake.wx.writeBLECharacteristicValue = (o: { writeType?: string }) => (writes.push(o.writeType), write(o));
    await expectSuccess();
    expect(new Set(writes)).toEqual(new Set([undefined]));
  });

  it.each(['short', 'lower'] as const)('UUIDs reported in their %s form', async (uuidForm) => {
    withQuirks('ios', { uuidForm });
    await expectSuccess();
  });

  it('several devices per found event, the lock not first', async () => {
    bench = setupLock({ platform: 'ios', host: true, fake: { quirks: { batchAdverts: true } } });
    await expectSuccess();
  });

  it('an empty advertisData: Android finds the lock by its deviceId (the MAC)', async () => {
    withQuirks('android', { emptyAdvertisData: true, directConnectNeedsScan: true });
    await expectSuccess();
  });

  it('iOS: the host starts scanning just before the plugin does (10008 scan-while-scanning): the plugin listens to that scan', async () => {
    bench = setupLock({ platform: 'ios', host: true, fake: { quirks: { scanWhileScanning10008: true } } });
    await drive(bench.host!.start(1000));
    const host = bench.host!;
    const running = createCustomPasscode({ ...optionFor(bench.lock), onProgress: (s) => s === 'scanning' && void host.startScan() });
    const result = await drive(running);
    expect(result.errorCode).toBe(0);
    await releaseKeptLink();
    expect(bench.fake.report().host.scanning).toBe(true);
  });
});
