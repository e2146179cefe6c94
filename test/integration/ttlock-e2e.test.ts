/**
 * End to end, the way a rental company's backend and mini-program use lockwire with TTLock:
 * admin lockData from the (mock) TTLock cloud -> createCustomPasscode over the fake wx -> the virtual
 * lock stores the code -> the server records it (addType=1) -> the cloud lists it, marked as on the
 * lock. Cloud steps run on real timers over HTTPS; the Bluetooth step on fake timers, as every
 * integration test of the plugin does.
 */
import { createCustomPasscode, finishOperations } from '../../plugin/index';
import { createFakeWx, createVirtualLock, installFakeWx } from '../../simulator';
import { teardown, lockLocalMs } from '../helpers/ble-harness';
import { drive } from '../helpers/drive';
import { closeTTLockHarnesses, ttlockHarness } from '../helpers/ttlock-harness';

closeTTLockHarnesses();

describe('TTLock cloud -> phone -> lock -> cloud', () => {
  it('a passcode written with cloud lockData is held by the lock and listed in the cloud', async () => {
    const lock = createVirtualLock({ mac: 'C1:8C:9C:00:12:34' });
    const h = await ttlockHarness({ locks: [{ lock }] });

    // 1. The server fetches the admin lockData for a lock this user may manage.
    const { lockData } = await h.client.getAdminLockData(h.lockId);

    // 2. The phone writes the passcode over Bluetooth with that lockData.
    const offset = lock.timezoneRawOffset;
    const startDate = lockLocalMs(2031, 6, 1, 14, 0, offset);
    const endDate = lockLocalMs(2031, 6, 5, 11, 0, offset);
    jest.useFakeTimers();
    const fake = createFakeWx({ platform: 'android', locks: [lock] });
    const uninstall = installFakeWx(fake);
    let written;
    try {
      written = await drive(createCustomPasscode({ passcode: '3071946', startDate, endDate, lockData }));
      await drive(finishOperations());
    } finally {
      await teardown({ lock, fake, uninstall });
      jest.useRealTimers();
    }
    expect(written).toMatchObject({ errorCode: 0, passcode: '3071946' });
    expect(lock.passcodes()).toEqual([
      expect.objectContaining({ passcode: '3071946', start: { year: 2031, month: 6, day: 1, hour: 14, minute: 0 }, end: { year: 2031, month: 6, day: 5, hour: 11, minute: 0 } }),
    ]);

    // 3. Only after the lock confirmed it, the server records it in the cloud.
    const recorded = await h.client.recordPasscode({ lockId: h.lockId, passcode: '3071946', startDate, endDate, name: 'Guest 0601' });
    expect(recorded.state).toBe('active');

    // 4. The cloud lists it, and the mock knows the lock really holds it (unlike a record-only add).
    const { list } = await h.client.listPasscodes(h.lockId);
    expect(list).toEqual([expect.objectContaining({ keyboardPwdId: recorded.keyboardPwdId, passcode: '3071946', startDate, endDate, name: 'Guest 0601', state: 'active' })]);
    expect(h.mock.passcodes(h.lockId)[0]).toMatchObject({ addType: 1, onLock: true });
  });

  it('an ordinary eKey holder gets no lockData to hand to a phone', async () => {
    const h = await ttlockHarness({
      users: [{ username: 'owner@example.com', password: 'pw-owner-1' }, { username: 'tenant@example.com', password: 'pw-tenant-2' }],
      locks: [{ ekeys: { 'tenant@example.com': { userType: '110302' } } }],
    });
    const tenant = h.newClient({ username: 'tenant@example.com', password: 'pw-tenant-2' });
    await expect(tenant.getAdminLockData(h.lockId)).rejects.toMatchObject({ kind: 'permission' });
  });
});
