/**
 * Events and answers that arrive after the plugin stopped expecting them, with a host app sharing
 * the lock (issue 9 §2, found by the random fault schedules): a late connected:false of the host's
 * own link to the lock, heard while lockwire's connect is still unanswered; a connect success
 * that wx delivers after lockwire gave the attempt up (stopped, not timed out); and lockwire's connect
 * repeating the host's, still running, on a phone that cannot cancel connects; and a device list wx
 * would not give at the start of a scan.
 */
import { configure, createCustomPasscode, stopAllOperations } from '../../plugin/index';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { drainJobs, drive, elapse } from '../helpers/drive';
import { FAST_CONFIG } from '../helpers/fault-arbitraries';
import { optionFor, releaseKeptLink } from '../helpers/passcode-call';

describe('late Bluetooth events beside a host app', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  // The schedule the property test shrank to: GATT 133 once (lockwire waits a second), the host
  // connects to the lock meanwhile and closes its link at 2168 ms; that close's connected:false comes
  // 92 ms late, while lockwire's own connect is in flight. Taking it for lockwire's link ended the
  // attempt without closing it: the connect then succeeded unowned (a leaked connection) and the
  // operation scanned in vain for a lock that was connected (10404).
  it('the host\'s late connected:false during lockwire\'s connect neither ends the attempt nor leaks it', async () => {
    bench = setupLock({ platform: 'ios', host: true, fake: { quirks: { gatt133: { count: 1, windowMs: 200 }, lateDisconnectMs: 92 } } });
    const { lock, fake, host } = bench;
    host!.listen();
    configure(FAST_CONFIG);
    const deviceId = fake.deviceIdOf(lock);
    const acts = [
      setTimeout(() => void host!.connect(deviceId), 1200),
      setTimeout(() => void host!.disconnect(deviceId), 2168),
    ];
    const result = await drive(createCustomPasscode(optionFor(lock, { passcode: '8642' })));
    acts.forEach(clearTimeout);
    expect(result.errorCode).toBe(0);
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['8642']);
    await releaseKeptLink();
    await elapse(3000);
    expect(fake.report().plugin.connections).toBe(0);
    expectClean(fake);
  });

  // A phone that cannot cancel a connect (closeBLEConnection is ignored while it runs) answers it
  // success after stopAllOperations ended the call, and before the connect's own time limit: nobody
  // holds that connection unless lockwire closes it when the success arrives.
  it('a connect that succeeds after stopAllOperations gave it up is closed when wx reports it', async () => {
    bench = setupLock({ platform: 'android', host: true, fake: { quirks: { connectIgnoresTimeoutMs: 3000 } } });
    const { lock, fake, host } = bench;
    host!.listen();
    await drive(host!.start(200)); // the host's adapter stays open: closing it cannot clean up for lockwire
    configure({ connectTimeoutMs: 10_000, operationBudgetMs: 20_000 });
    let connecting = false;
    const running = createCustomPasscode(optionFor(lock, { passcode: '4711', onProgress: (s) => (connecting ||= s === 'connecting') }));
    await elapse(500);
    expect(connecting).toBe(true);
    await drive(stopAllOperations());
    expect((await drive(running)).errorCode).toBe(10022);
    await elapse(5000); // the connect succeeds at 3 s, well inside its 10 s limit
    expect(fake.report().plugin.connections).toBe(0);
    expect(lock.passcodes()).toEqual([]); // stopped while connecting: nothing was written
    expect(host!.peripheralConnected()).toBe(true);
    expect(fake.report()).toMatchObject({ adapterOpen: true, adapterOpenedBy: 'host' });
  });

  // The second schedule the property test found: the host connects to the lock 4 ms before lockwire on
  // a phone whose connects run their course (96 ms); lockwire's connect repeats the running one and
  // leaves a connection instance of its own, which it must close when done (the host's link stays, and
  // when the host closes first, lockwire's instance is what remains).
  it.each([101, 2000])('a connect repeating the host\'s running one leaves no instance of lockwire\'s (host closes at %i ms)', async (hostClosesAt) => {
    bench = setupLock({ platform: 'ios', host: true, fake: { quirks: { connectIgnoresTimeoutMs: 96 } } });
    const { lock, fake, host } = bench;
    host!.listen();
    await drive(host!.start(200));
    configure(FAST_CONFIG);
    const deviceId = fake.deviceIdOf(lock);
    const acts = [setTimeout(() => void host!.connect(deviceId), 4), setTimeout(() => void host!.disconnect(deviceId), hostClosesAt)];
    const result = await drive(createCustomPasscode(optionFor(lock, { passcode: '8642' })));
    expect(result.errorCode).toBe(0);
    await releaseKeptLink();
    await elapse(3000);
    acts.forEach(clearTimeout);
    expect(fake.report().plugin.connections).toBe(0);
    expect(fake.isConnected(deviceId)).toBe(false);
    expect(host!.peripheralConnected()).toBe(true);
  });

  // The schedule .ci/run's random schedules found (seed 2012475688): Android ignores lockwire's throttled scan
  // while the host scans, and wx does not answer lockwire's first getBluetoothDevices. Every id wx listed later
  // then looked new, was taken for proof that lockwire's found listener had been removed, and a second one was
  // registered beside the first (two plugin listeners for one event).
  it('a device list wx did not give at the start of a scan is no proof of a removed listener: still one per event', async () => {
    bench = setupLock({ platform: 'android', host: true, fake: { quirks: { gatt133: { count: 1, windowMs: 200 }, connectIgnoresTimeoutMs: 1301, servicesNotReady: '10004', scanThrottle: 'ignore' }, adapterCloseFiresStateChange: false } });
    const { lock, fake, host } = bench;
    host!.listen();
    await drive(host!.start(1000));
    configure(FAST_CONFIG);
    fake.faults.add({ on: 'getBluetoothDevices', nth: 2, times: 1, action: { kind: 'fail', errCode: -1 } });
    fake.faults.add({ on: 'openBluetoothAdapter', nth: 1, times: 1, action: { kind: 'fail', errCode: -1 } });
    const act = setTimeout(() => void host!.startScan(), 0);
    const result = await drive(createCustomPasscode(optionFor(lock, { passcode: '8642' })));
    clearTimeout(act);
    expect(typeof result.errorCode).toBe('number');
    await releaseKeptLink();
    await elapse(3000);
    expect(fake.report().plugin.listeners).toEqual({ BluetoothDeviceFound: 1, BLECharacteristicValueChange: 1, BLEConnectionStateChange: 1, BluetoothAdapterStateChange: 1 });
    expect(fake.report().plugin.connections).toBe(0);
  });

  // The schedule the random schedules found while the size work ran (seed 1799994657, path 182): lockwire
  // closes its link (its connected:false comes late), the host connects to the lock and closes its link
  // too, and lockwire connects again. Its own late event was awaited before reconnecting; the host's came
  // later, while lockwire's new link was up, and was taken for it: the link was forgotten unclosed (a
  // leaked connection) and the operation failed 10003.
  it('the host\'s late connected:false after lockwire reconnected neither ends the new link nor leaks it', async () => {
    bench = setupLock({ platform: 'android', host: true, fake: { quirks: { lateDisconnectMs: 899 } } });
    const { lock, fake, host } = bench;
    host!.listen();
    await drive(host!.start(200));
    configure(FAST_CONFIG);
    const deviceId = fake.deviceIdOf(lock);
    expect((await drive(createCustomPasscode(optionFor(lock, { passcode: '1357' })))).errorCode).toBe(0);
    await releaseKeptLink(); // lockwire's connected:false is due 899 ms from now
    expect(await drive(host!.connect(deviceId))).toBe(0);
    await elapse(100);
    expect(await drive(host!.disconnect(deviceId))).toBe(0); // the host's is due 899 ms from now
    const result = await drive(createCustomPasscode(optionFor(lock, { passcode: '8642' })));
    expect(result.errorCode).toBe(0);
    expect(lock.passcodes().map((p) => p.passcode).sort()).toEqual(['1357', '8642']);
    await releaseKeptLink();
    await elapse(3000);
    expect(fake.report().plugin.connections).toBe(0);
    expectClean(fake);
  });
});
