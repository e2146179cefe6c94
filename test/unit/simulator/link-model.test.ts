import { toLockTime } from '../../../plugin/protocol';
import { createFakeWx, createVirtualLock, DEFAULT_LINK_TIMING, floorMs, TTLOCK_SERVICE_UUID, TTLOCK_WRITE_UUID } from '../../../simulator';
import { drive, ScriptedClient } from './scripted-client';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const START = toLockTime(Date.UTC(2024, 0, 15, 1, 30), 28_800_000);
const END = toLockTime(Date.UTC(2024, 11, 31, 15, 59), 28_800_000);
/** CHECK_ADMIN and CHECK_RANDOM are 31 bytes on the air (2 writes), ADD with 6 digits 47 (3); every reply 31 (2). */
const PASSCODE_PLAN = {
  scan: true,
  connect: true,
  exchanges: [
    { writes: 2, notifications: 2 },
    { writes: 2, notifications: 2 },
    { writes: 3, notifications: 2 },
  ],
};

/** Scan, connect, discover, three exchanges; resolves with the virtual time at which it finished. */
async function passcodeRun(client: ScriptedClient): Promise<number> {
  await client.open();
  await client.scan();
  await client.connect();
  await client.login();
  await client.add('123456', START, END);
  return Date.now();
}

describe('link model', () => {
  it('floorMs follows the documented formula', () => {
    const t = { ...DEFAULT_LINK_TIMING, advertisingIntervalMs: 7, connectMs: 11, connectionIntervalMs: 3, lockProcessingMs: 5 };
    expect(floorMs(t, { scan: false, connect: false, exchanges: [] })).toBe(0);
    expect(floorMs(t, { scan: true, connect: false, exchanges: [] })).toBe(7);
    expect(floorMs(t, { scan: false, connect: true, exchanges: [] })).toBe(11 + 3 * 3);
    expect(floorMs(t, { scan: false, connect: false, exchanges: [{ writes: 2, notifications: 4 }] })).toBe(2 * 3 + 5 + 4 * 3);
    expect(floorMs(DEFAULT_LINK_TIMING, PASSCODE_PLAN)).toBe(700);
  });

  it.each([
    ['default timing', {}],
    ['custom timing', { advertisingIntervalMs: 250, connectMs: 400, connectionIntervalMs: 45, lockProcessingMs: 120 }],
  ])('a no-overhead passcode run on the %s finishes exactly at floorMs', async (_name, timing) => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock], timing });
    const floor = fake.floorMs(PASSCODE_PLAN);
    const start = Date.now();
    let finishedAt: number | undefined;
    const run = passcodeRun(new ScriptedClient(fake, lock)).then((t) => (finishedAt = t));
    await jest.advanceTimersByTimeAsync(floor - 1);
    expect(finishedAt).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    await run;
    expect(finishedAt! - start).toBe(floor);
    expect(lock.passcodes()).toHaveLength(1);
  });

  it('serialises a write burst on the link: three writes issued at once end one interval apart', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock] });
    const client = new ScriptedClient(fake, lock);
    await drive(client.open());
    await drive(client.connect());
    const start = Date.now();
    const ends = await drive(
      Promise.all(
        [1, 2, 3].map(() =>
          fake.wx
            .writeBLECharacteristicValue({
              deviceId: lock.mac, serviceId: TTLOCK_SERVICE_UUID, characteristicId: TTLOCK_WRITE_UUID,
              value: new ArrayBuffer(20), writeType: 'write',
            })
            .then(() => Date.now() - start),
        ),
      ),
    );
    expect(ends).toEqual([30, 60, 90]);
  });
});
