/**
 * Fault matrix, part 1: the wx calls that set the link up (adapter, scan, connect, discovery,
 * notify) and the calls that tear it down. Connection attempts are retried up to twice, so one
 * failure of a connection step is recovered from, and three in a row give the step's code.
 */
import { configure } from '../../plugin/index';
import type { FaultAction, FaultStep, Platform } from '../../simulator';
import { cellName, checkCell, type MatrixCell } from '../helpers/fault-matrix';
import { expectClean, setupLock, teardown } from '../helpers/ble-harness';
import { elapse } from '../helpers/drive';
import { callPasscode, expectNextCallSucceeds, optionFor, releaseKeptLink } from '../helpers/passcode-call';
import { drainJobs } from '../helpers/drive';

const PLATFORMS: Platform[] = ['android', 'ios'];
const FAIL: FaultAction = { kind: 'fail', errCode: 10008 };
const NO_CALLBACK: FaultAction = { kind: 'noCallback' };
const DROP: FaultAction = { kind: 'drop' };
const DROP_AFTER: FaultAction = { kind: 'dropAfter' };

/** Connection steps (retried): the code each fault gives once every attempt has hit it. */
const CONNECTION_STEPS: Array<[FaultStep, Array<[FaultAction, number]>]> = [
  ['createBLEConnection', [[FAIL, 10503], [{ kind: 'fail', errCode: 10012 }, 10002], [NO_CALLBACK, 10002], [DROP_AFTER, 10003]]],
  ['getBLEDeviceServices', [[FAIL, 13007], [NO_CALLBACK, 13007], [DROP, 10003], [DROP_AFTER, 10003]]],
  ['getBLEDeviceCharacteristics', [[FAIL, 13008], [NO_CALLBACK, 13008], [DROP, 10003], [DROP_AFTER, 10003]]],
  ['notifyBLECharacteristicValueChange', [[FAIL, 10508], [NO_CALLBACK, 10508], [DROP, 10003], [DROP_AFTER, 10003]]],
];

/** Steps that are not retried: adapter and scan (the scan only on iOS, where the deviceId is unknown). */
const SETUP_STEPS: Array<[FaultStep, Platform[], Array<[FaultAction, number]>]> = [
  ['openBluetoothAdapter', PLATFORMS, [[FAIL, 10030], [{ kind: 'fail', errCode: 10001 }, 10012], [NO_CALLBACK, 10030]]],
  ['startBluetoothDevicesDiscovery', ['ios'], [[FAIL, 10041], [{ kind: 'fail', errCode: 10001 }, 10012], [NO_CALLBACK, 10041], [{ kind: 'outOfRange' }, 10404]]],
];

const cells: MatrixCell[] = [];
for (const platform of PLATFORMS) {
  for (const [on, actions] of CONNECTION_STEPS) {
    for (const [action, code] of actions) {
      // a connect wx never answers cannot be repeated safely (two instances on Android): it uses up the budget
      const once = on === 'createBLEConnection' && action.kind === 'noCallback' ? code : 0;
      cells.push({ platform, fault: { on, action }, code: once });
      cells.push({ platform, fault: { on, action, times: 3 }, code });
    }
  }
}
// the host closes the adapter during discovery (10000): reopened and retried once per operation
for (const platform of PLATFORMS) {
  for (const on of ['getBLEDeviceServices', 'getBLEDeviceCharacteristics', 'notifyBLECharacteristicValueChange'] as const) {
    cells.push({ platform, fault: { on, action: { kind: 'adapterClosed' } }, code: 0, host: true });
    cells.push({ platform, fault: { on, action: { kind: 'adapterClosed' }, times: 2 }, code: 10030, host: true });
  }
}
for (const [on, platforms, actions] of SETUP_STEPS) {
  for (const platform of platforms) for (const [action, code] of actions) cells.push({ platform, fault: { on, action }, code });
}

describe('fault matrix: setting the link up', () => {
  beforeAll(() => jest.useFakeTimers());
  afterAll(() => jest.useRealTimers());

  it.each(cells.map((c) => [cellName(c), c] as const))('%s', async (_name, cell) => {
    await checkCell(cell);
  });

  it.each(PLATFORMS)('%s: two failed connection attempts, then the third succeeds', async (platform) => {
    await checkCell({ platform, fault: { on: 'createBLEConnection', times: 2, action: FAIL }, code: 0 });
  });

  it.each(PLATFORMS)('%s: openBluetoothAdapter answering after the plugin gave up -> 10030, and the late adapter is closed', async (platform) => {
    const bench = setupLock({ platform });
    try {
      const { adapterTimeoutMs } = configure({});
      const lateMs = adapterTimeoutMs + 1500;
      bench.fake.faults.add({ on: 'openBluetoothAdapter', action: { kind: 'delay', ms: lateMs } });
      const { result, elapsedMs } = await callPasscode(optionFor(bench.lock));
      expect(result.errorCode).toBe(10030);
      expect(elapsedMs).toBeLessThan(lateMs);
      await elapse(lateMs); // wx initialises the adapter after all
      await drainJobs();
      expectClean(bench.fake);
      await expectNextCallSucceeds(bench, '2468');
    } finally {
      await teardown(bench);
    }
  });

  it('connection retries stay inside the operation budget: a lock that never answers gives up in time', async () => {
    await checkCell({ platform: 'ios', fault: { on: 'createBLEConnection', times: 5, action: NO_CALLBACK }, code: 10002 });
  });
});

describe('fault matrix: tearing the link down', () => {
  beforeAll(() => jest.useFakeTimers());
  afterAll(() => jest.useRealTimers());

  const RELEASE_STEPS: Array<[FaultStep, Platform]> = [
    ['stopBluetoothDevicesDiscovery', 'ios'],
    ['closeBLEConnection', 'android'],
    ['closeBLEConnection', 'ios'],
    ['closeBluetoothAdapter', 'android'],
  ];

  it.each(RELEASE_STEPS.flatMap(([on, platform]) => [FAIL, NO_CALLBACK].map((action) => [`${platform} ${on} ${action.kind}`, on, platform, action] as const)))(
    '%s: the operation still succeeds, and so does the next one',
    async (_name, on, platform, action) => {
      const bench = setupLock({ platform });
      try {
        bench.fake.faults.add({ on, action });
        const { result } = await callPasscode(optionFor(bench.lock, { passcode: '1470' }));
        expect(result.errorCode).toBe(0);
        await releaseKeptLink();
        if (on === 'closeBluetoothAdapter') {
          // wx refused to close the adapter: nothing else may stay behind, and the next call still works
          expect({ listeners: bench.fake.listenerCount() <= 4, connections: bench.fake.openConnections() }).toEqual({ listeners: true, connections: 0 });
          const next = await callPasscode(optionFor(bench.lock, { passcode: '2581' }));
          expect(next.result.errorCode).toBe(0);
          await releaseKeptLink();
          expectClean(bench.fake);
        } else {
          expectClean(bench.fake);
          await expectNextCallSucceeds(bench, '2581');
        }
      } finally {
        await teardown(bench);
      }
    },
  );
});
