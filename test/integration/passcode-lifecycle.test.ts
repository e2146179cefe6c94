/**
 * The link's life around operations: kept open for keepAliveMs and reused, closed by
 * finishOperations(), by expiry, or when the lock drops it; stopAllOperations() ends the running
 * and the queued calls with 10022 and releases Bluetooth; results never reject, even when the
 * host's callbacks throw.
 */
import { configure, createCustomPasscode, finishOperations, stopAllOperations } from '../../plugin/index';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { elapse } from '../helpers/drive';
import { callPasscode, expectNextCallSucceeds, expectResultShape, optionFor, releaseKeptLink } from '../helpers/passcode-call';
import { drainJobs, drive } from '../helpers/drive';

describe('createCustomPasscode: keep-alive, finish and stop', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  it('a second call within keepAliveMs reuses the link (handshake again, no scan or connect)', async () => {
    bench = setupLock({ platform: 'ios' });
    const { fake, lock } = bench;
    const { keepAliveMs } = configure({});
    await callPasscode(optionFor(lock, { passcode: '1111' }));
    await elapse(keepAliveMs - 100);
    fake.resetCounters();
    const second = await callPasscode(optionFor(lock, { passcode: '2222' }));
    expect(second.result.errorCode).toBe(0);
    expect(second.steps).toEqual(['writing', 'done']);
    expect(fake.calls.createBLEConnection + fake.calls.startBluetoothDevicesDiscovery + fake.calls.getBLEDeviceServices).toBe(0);
    // the lock keeps the login for the connection: the second call sends ADD alone
    expect(lock.received().map((r) => r.command)).toEqual([0x41, 0x30, 0x03, 0x03]);
  });

  it('the kept link closes by itself after keepAliveMs; the next call connects again', async () => {
    bench = setupLock({ platform: 'android' });
    const { keepAliveMs } = configure({});
    await callPasscode(optionFor(bench.lock, { passcode: '1111' }));
    expect(bench.fake.openConnections()).toBe(1);
    await elapse(keepAliveMs - 1);
    expect(bench.fake.openConnections()).toBe(1);
    await elapse(1);
    await drainJobs();
    expectClean(bench.fake);
    const again = await callPasscode(optionFor(bench.lock, { passcode: '2222' }));
    expect(again.steps).toEqual(['connecting', 'authenticating', 'writing', 'done']);
    expect(bench.fake.calls.createBLEConnection).toBe(2);
  });

  it('finishOperations closes the kept link now, and waits for a running call first', async () => {
    bench = setupLock({ platform: 'ios' });
    const running = createCustomPasscode(optionFor(bench.lock, { passcode: '3333' }));
    const finishing = finishOperations();
    const order: string[] = [];
    void running.then(() => order.push('call'));
    void finishing.then(() => order.push('finish'));
    const [result, finished] = await drive(Promise.all([running, finishing]));
    expect([result.errorCode, finished.errorCode]).toEqual([0, 0]);
    expect(order).toEqual(['call', 'finish']);
    expectClean(bench.fake);
  });

  it('the lock dropping the idle kept link releases everything; the next call reconnects', async () => {
    bench = setupLock({ platform: 'android' });
    const drops: unknown[] = [];
    await callPasscode(optionFor(bench.lock, { passcode: '4444', disconnectCallback: (r) => drops.push(r) }));
    bench.fake.wx.closeBLEConnection({ deviceId: bench.fake.deviceIdOf(bench.lock), success: () => undefined });
    await elapse(10);
    expectClean(bench.fake);
    expect(drops).toEqual([]); // no operation was running: nobody to tell
    await expectNextCallSucceeds(bench, '5555');
  });

  it.each(['connecting', 'writing'])('stopAllOperations while %s: running and queued calls end with 10022, Bluetooth released', async (at) => {
    bench = setupLock({ platform: 'ios' });
    const { lock, fake } = bench;
    let reached = false;
    const running = createCustomPasscode(optionFor(lock, { passcode: '6001', onProgress: (s) => (reached ||= s === at) }));
    const queued = [createCustomPasscode(optionFor(lock, { passcode: '6002' })), createCustomPasscode(optionFor(lock, { passcode: '6003' }))];
    while (!reached) {
      await drainJobs();
      await jest.advanceTimersToNextTimerAsync();
    }
    const stopped = await drive(stopAllOperations());
    const results = await drive(Promise.all([running, ...queued]));
    expect(stopped.errorCode).toBe(0);
    results.forEach(expectResultShape);
    expect(results.map((r) => r.errorCode)).toEqual([10022, 10022, 10022]);
    expect(lock.passcodes().map((p) => p.passcode).filter((p) => p !== '6001')).toEqual([]);
    expect(lock.received().filter((r) => r.command === 0x03).length).toBeLessThanOrEqual(1);
    await elapse(5000);
    expectClean(fake);
    // deviceIds are forgotten: the next call on iOS scans again, and succeeds
    fake.resetCounters();
    await expectNextCallSucceeds(bench, '6004');
    expect(fake.calls.startBluetoothDevicesDiscovery).toBe(1);
  });

  it('results resolve (never reject) even when onProgress and disconnectCallback throw', async () => {
    bench = setupLock({ platform: 'android' });
    const boom = () => {
      throw new Error('host bug');
    };
    const ok = await drive(createCustomPasscode(optionFor(bench.lock, { passcode: '7001', onProgress: boom, disconnectCallback: boom })));
    expect(ok.errorCode).toBe(0);
    await releaseKeptLink();
    bench.fake.faults.add({ on: 'reply', nth: 1, action: { kind: 'drop' } });
    const dropped = await drive(createCustomPasscode(optionFor(bench.lock, { passcode: '7002', onProgress: boom, disconnectCallback: boom })));
    expectResultShape(dropped);
    expect(dropped.errorCode).toBe(10003);
    expectClean(bench.fake);
    await expectNextCallSucceeds(bench, '7003');
  });
});
