/**
 * Errors the lock itself reports keep the lock's own code (issue 3 §2): wrong adminPs 3, a reset
 * eKey (lockFlagPos too low) 13, passcode exists 20, storage full 22, and whatever a failed
 * CHECK_RANDOM answers. The link was fine, so it is kept for the next call, which succeeds.
 */
import { createVirtualLock, LOCK_ERROR, type VirtualLock } from '../../simulator';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { callPasscode, expectNextCallSucceeds, optionFor, releaseKeptLink } from '../helpers/passcode-call';

/** lockData for `lock` built by a twin that shares its MAC and key but not the given secret. */
function lockDataWith(lock: VirtualLock, twin: { adminPs?: number; unlockKey?: number }): string {
  return createVirtualLock({ mac: lock.mac, aesKey: lock.aesKey, adminPs: lock.adminPs, unlockKey: lock.unlockKey, ...twin }).lockData();
}

describe('createCustomPasscode: errors reported by the lock', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  interface Case {
    name: string;
    code: number;
    lock?: Parameters<typeof createVirtualLock>[0];
    prepare?: (lock: VirtualLock) => void;
    lockData?: (lock: VirtualLock) => string;
  }

  const CASES: Case[] = [
    { name: 'wrong adminPs', code: LOCK_ERROR.ADMIN_CHECK, lockData: (l) => lockDataWith(l, { adminPs: l.adminPs + 1 }) },
    {
      name: 'lockFlagPos lower than the lock\'s (eKey reset)',
      code: LOCK_ERROR.KEY_FLAG_INVALID,
      prepare: (l) => {
        l.lockFlagPos = 5;
      },
      lockData: (l) => l.lockData({ lockFlagPos: 4 }),
    },
    { name: 'passcode already exists', code: LOCK_ERROR.PASSWORD_EXIST, prepare: (l) => l.addPasscodeDirectly('135790') },
    {
      name: 'storage full',
      code: LOCK_ERROR.NO_FREE_MEMORY,
      lock: { capacity: 3 },
      prepare: (l) => ['1111', '2222', '3333'].forEach((p) => l.addPasscodeDirectly(p)),
    },
    { name: 'wrong unlockKey (CHECK_RANDOM refused, default answer)', code: LOCK_ERROR.ADMIN_CHECK, lockData: (l) => lockDataWith(l, { unlockKey: l.unlockKey ^ 0x55 }) },
    {
      name: 'CHECK_RANDOM refused with "not logged in"',
      code: LOCK_ERROR.USER_NOT_LOGIN,
      lock: { checkRandomFailureCode: LOCK_ERROR.USER_NOT_LOGIN },
      lockData: (l) => lockDataWith(l, { unlockKey: l.unlockKey + 1 }),
    },
    {
      name: 'CHECK_RANDOM refused with "invalid parameter"',
      code: LOCK_ERROR.INVALID_PARAM,
      lock: { checkRandomFailureCode: LOCK_ERROR.INVALID_PARAM },
      lockData: (l) => lockDataWith(l, { unlockKey: l.unlockKey + 1 }),
    },
  ];

  it.each(CASES.flatMap((c) => (['android', 'ios'] as const).map((platform) => [c.name, platform, c] as const)))(
    '%s -> the lock\'s code (%s)',
    async (_name, platform, c) => {
      bench = setupLock({ platform, lock: { battery: 64, ...c.lock } });
      const { lock, fake } = bench;
      c.prepare?.(lock);
      const before = lock.passcodes();
      const { result, disconnects } = await callPasscode(optionFor(lock, { lockData: c.lockData?.(lock) ?? lock.lockData() }));

      expect(result).toMatchObject({ errorCode: c.code, errorMsg: expect.any(String) });
      expect(result.passcode).toBeUndefined();
      expect(lock.passcodes()).toEqual(before);
      expect(disconnects).toEqual([]);
      // the link is healthy: kept open for the next operation, closed by finishOperations
      expect(fake.openConnections()).toBe(1);
      await releaseKeptLink();
      expectClean(fake);
      lock.capacity = 250;
      await expectNextCallSucceeds(bench, '24680');
    },
  );

  it('a call queued right after a lock error reuses the kept link and succeeds', async () => {
    bench = setupLock({ platform: 'ios' });
    const { lock, fake } = bench;
    lock.addPasscodeDirectly('5555');
    const first = await callPasscode(optionFor(lock, { passcode: '5555' }));
    expect(first.result.errorCode).toBe(LOCK_ERROR.PASSWORD_EXIST);
    const second = await callPasscode(optionFor(lock, { passcode: '5556' }));
    expect(second.result.errorCode).toBe(0);
    expect(second.steps).toEqual(['writing', 'done']);
    expect(fake.calls.createBLEConnection).toBe(1);
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['5555', '5556']);
  });
});
