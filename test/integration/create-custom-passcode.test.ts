import { createCustomPasscode } from '../../plugin/index';
import { drive } from '../helpers/drive';
import { expectClean, lockLocalMs, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';

describe('createCustomPasscode over the fake wx and a virtual lock', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  it.each(['android', 'ios'] as const)('stores the passcode on %s and reports battery', async (platform) => {
    bench = setupLock({ platform, lock: { battery: 77 } });
    const offset = bench.lock.timezoneRawOffset;
    const steps: string[] = [];
    const result = await drive(
      createCustomPasscode({
        passcode: '246810',
        startDate: lockLocalMs(2030, 3, 4, 9, 30, offset),
        endDate: lockLocalMs(2030, 12, 31, 23, 59, offset),
        lockData: bench.lock.lockData(),
        onProgress: (s) => steps.push(s),
      }),
    );
    expect(result).toMatchObject({ errorCode: 0, passcode: '246810', electricQuantity: 77 });
    expect(bench.lock.passcodes()).toEqual([
      expect.objectContaining({
        passcode: '246810',
        start: { year: 2030, month: 3, day: 4, hour: 9, minute: 30 },
        end: { year: 2030, month: 12, day: 31, hour: 23, minute: 59 },
      }),
    ]);
    expect(steps).toEqual(platform === 'ios' ? ['scanning', 'connecting', 'authenticating', 'writing', 'done'] : ['connecting', 'authenticating', 'writing', 'done']);
  });
});
