/**
 * createCustomPasscode on Android and iOS, and the errors of the phone and radio environment:
 * adapter off 10012, no BLE 11002, permission refused 10039, lock out of range 10404 within the scan
 * timeout, service missing 10513, characteristic missing 10018. Each failure releases everything
 * at once, and once the cause is gone the next call succeeds.
 */
import { configure, createCustomPasscode } from '../../plugin/index';
import { installFakeWx, type FakeBle } from '../../simulator';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { BUDGET_SLACK_MS, callPasscode, expectNextCallSucceeds, expectResultShape, optionFor, releaseKeptLink } from '../helpers/passcode-call';
import { STALE_DISCONNECT_WAIT_MS } from '../../plugin/ble/link-manager';
import { drive } from '../helpers/drive';

const CMD_CHECK_ADMIN = 0x41;
const CMD_CHECK_RANDOM = 0x30;
const CMD_ADD = 0x03;

describe('createCustomPasscode on each platform', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  it.each(['android', 'ios'] as const)('%s: handshake then ADD, with the documented headers', async (platform) => {
    const lockVersion = { protocolType: 5, protocolVersion: 3, scene: 7, groupId: 9, orgId: 4 };
    bench = setupLock({ platform, lock: { lockVersion, battery: 41 } });
    const { result, steps, disconnects } = await callPasscode(optionFor(bench.lock, { passcode: '918273645' }));
    expect(result).toMatchObject({ errorCode: 0, passcode: '918273645', electricQuantity: 41 });
    expect(disconnects).toEqual([]);
    const requests = bench.lock.received();
    expect(requests.map((r) => r.command)).toEqual([CMD_CHECK_ADMIN, CMD_CHECK_RANDOM, CMD_ADD]);
    expect(requests[0].header).toEqual(lockVersion);
    expect(requests[2].header).toEqual({ protocolType: 5, protocolVersion: 3, scene: 1, groupId: 1, orgId: 1 });
    // Android connects to the MAC directly; iOS must scan and stops the scan once the lock is seen
    expect(bench.fake.calls.startBluetoothDevicesDiscovery).toBe(platform === 'ios' ? 1 : 0);
    expect(bench.fake.calls.stopBluetoothDevicesDiscovery).toBe(bench.fake.calls.startBluetoothDevicesDiscovery);
    expect(bench.fake.isScanning()).toBe(false);
    expect(steps[0]).toBe(platform === 'ios' ? 'scanning' : 'connecting');
  });

  // iOS forgets the devices it saw when the adapter closes: after lockwire released its adapter, the
  // cached deviceId fails 10002 at once (wx made no connection) and lockwire scans. No connected:false
  // is owed for a connect that never connected, so the next connect must not wait for one (it waited
  // a whole second, STALE_DISCONNECT_WAIT_MS, before every operation that followed a released link).
  it('ios: after the adapter was released, a 10002 on the cached deviceId makes lockwire scan and connect with no wait', async () => {
    bench = setupLock({ platform: 'ios' });
    expect((await callPasscode(optionFor(bench.lock, { passcode: '1357' }))).result.errorCode).toBe(0);
    await releaseKeptLink();
    const at: Array<[string, number]> = [];
    const t0 = Date.now();
    const result = await drive(createCustomPasscode(optionFor(bench.lock, { passcode: '2468', onProgress: (s) => at.push([s, Date.now() - t0]) })));
    expect(result.errorCode).toBe(0);
    expect(at.map(([s]) => s)).toEqual(['connecting', 'scanning', 'connecting', 'authenticating', 'writing', 'done']);
    const connecting = at[2][1];
    const authenticating = at[3][1];
    expect(authenticating - connecting).toBeLessThan(STALE_DISCONNECT_WAIT_MS / 2); // connect and discovery only
    expect(bench.lock.passcodes().map((p) => p.passcode)).toEqual(['1357', '2468']);
    await releaseKeptLink();
    expectClean(bench.fake);
  });

  it('ios: a lock that does not advertise the 1910 service is still found (no service filter)', async () => {
    bench = setupLock({ platform: 'ios', lock: { advertisesServiceUuid: false } });
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(0);
  });

  it.each(['android', 'ios'] as const)('%s: Bluetooth switched off -> 10012, then on -> success', async (platform) => {
    bench = setupLock({ platform, adapter: { state: 'off' } });
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(10012);
    expectClean(bench.fake);
    bench.fake.setAdapterPower('on');
    await expectNextCallSucceeds(bench, '1357');
  });

  it('scope.bluetooth refused -> 10039', async () => {
    bench = setupLock({ platform: 'ios', adapter: { state: 'unauthorized' } });
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(10039);
    expectClean(bench.fake);
    expect(bench.lock.received()).toEqual([]);
  });

  it('no Bluetooth functions in wx, or no wx at all -> 11002', async () => {
    bench = setupLock({ adapter: { state: 'unsupported' } });
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(11002);
    const restore = installFakeWx({ wx: undefined } as unknown as FakeBle);
    try {
      const noWx = await drive(createCustomPasscode(optionFor(bench.lock)));
      expectResultShape(noWx);
      expect(noWx.errorCode).toBe(11002);
    } finally {
      restore();
    }
  });

  it.each(['android', 'ios'] as const)('%s: lock out of range -> 10404 within the scan timeout, then found -> success', async (platform) => {
    bench = setupLock({ platform });
    const cfg = configure({});
    bench.lock.inRange = false;
    const { result, elapsedMs } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(10404);
    // iOS gives up when the scan times out; Android first tries the MAC directly (bounded by the connect timeout)
    const directTry = platform === 'android' ? cfg.connectTimeoutMs + BUDGET_SLACK_MS : 0;
    expect(elapsedMs).toBeGreaterThanOrEqual(cfg.scanTimeoutMs);
    expect(elapsedMs).toBeLessThanOrEqual(cfg.scanTimeoutMs + directTry + BUDGET_SLACK_MS);
    expectClean(bench.fake);
    bench.lock.inRange = true;
    await expectNextCallSucceeds(bench, '8080');
  });

  it.each([
    ['getBLEDeviceServices', 'missingService', 10513],
    ['getBLEDeviceCharacteristics', 'missingCharacteristic', 10018],
  ] as const)('%s without the TTLock entry (%s) -> %i, not retried', async (step, kind, code) => {
    bench = setupLock({ platform: 'ios' });
    bench.fake.faults.add({ on: step, action: { kind } });
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(code);
    expect(bench.fake.calls.createBLEConnection).toBe(1);
    expect(bench.lock.received()).toEqual([]);
    expectClean(bench.fake);
    await expectNextCallSucceeds(bench, '6060');
  });
});
