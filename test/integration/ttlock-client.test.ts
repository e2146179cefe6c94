/**
 * Every TTLock client call against the mock TTLock cloud over HTTPS: locks and the admin lockData,
 * recording a Bluetooth-written passcode, gateway writes that really reach the virtual lock, change,
 * delete, list with string codes, and random codes.
 */
import { PASSCODE_TYPE } from '../../simulator/passcode-store';
import { HOUR, closeTTLockHarnesses, expectNothingSensitive, failure, nextHour, ttlockHarness } from '../helpers/ttlock-harness';

closeTTLockHarnesses();

describe('locks and lockData', () => {
  it('lists the admin\'s locks and reads one, without lockData or stored secrets', async () => {
    const h = await ttlockHarness({ locks: [{}, {}] });
    const locks = await h.client.listLocks();
    expect(locks.map((l) => l.lockId)).toEqual(h.mock.lockIds);
    expect(locks[0]).toMatchObject({ lockMac: h.mock.lock(h.lockId).lock.mac, hasGateway: true, lockAlias: 'Room 101' });
    const detail = await h.client.getLock(h.lockId);
    expect(detail).toMatchObject({ lockId: h.lockId, timezoneRawOffset: 28_800_000, hasGateway: true });
    expectNothingSensitive(h, [], [locks, detail]);
    expect(JSON.stringify([locks, detail])).not.toMatch(/lockData|noKeyPwd|aesKeyStr/);
  });

  it("hands out the admin eKey's lockData: exactly what the virtual lock accepts", async () => {
    const h = await ttlockHarness();
    const { lockData, lockId } = await h.client.getAdminLockData(h.lockId);
    expect(lockId).toBe(h.lockId);
    expect(lockData).toBe(h.mock.lock(h.lockId).lock.lockData());
  });

  it('refuses an ordinary eKey clearly, and gives no lockData', async () => {
    const h = await ttlockHarness({
      users: [{ username: 'owner@example.com', password: 'pw-owner-1' }, { username: 'guest@example.com', password: 'pw-guest-2' }],
      locks: [{ ekeys: { 'guest@example.com': { userType: '110302' } } }],
    });
    const guest = h.newClient({ username: 'guest@example.com', password: 'pw-guest-2' });
    const err = await failure(guest.getAdminLockData(h.lockId));
    expect(err).toMatchObject({ name: 'TTLockError', kind: 'permission' });
    expect(err.message).toContain('ordinary eKey');
    // The cloud itself refuses the guest any admin-only call (-2018).
    expect(await failure(guest.getLock(h.lockId))).toMatchObject({ kind: 'permission', code: -2018 });
  });

  it('a lock the account does not have is not-found (-1003)', async () => {
    const h = await ttlockHarness();
    expect(await failure(h.client.getAdminLockData(999))).toMatchObject({ kind: 'not-found', code: -1003 });
  });

  it('uploads new lockData; later key/get hands out that one', async () => {
    const h = await ttlockHarness();
    const fresh = h.mock.lock(h.lockId).lock.lockData({ lockFlagPos: 1 });
    await h.client.updateLockData(h.lockId, fresh);
    expect((await h.client.getAdminLockData(h.lockId)).lockData).toBe(fresh);
    expect(await failure(h.client.updateLockData(h.lockId, 'not lockData!'))).toMatchObject({ kind: 'validation', field: 'lockData' });
  });
});

describe('custom passcodes', () => {
  const window = () => ({ startDate: nextHour(), endDate: nextHour() + 48 * HOUR });

  it('records a passcode the lock already has (addType=1): the cloud lists it, the lock has it', async () => {
    const h = await ttlockHarness();
    const { lock } = h.mock.lock(h.lockId);
    lock.addPasscodeDirectly('482910'); // stands for the Bluetooth write
    const result = await h.client.recordPasscode({ lockId: h.lockId, passcode: '482910', ...window(), name: 'Guest 12' });
    expect(result).toEqual({ keyboardPwdId: expect.any(Number), state: 'active' });
    const [stored] = h.mock.passcodes(h.lockId);
    expect(stored).toMatchObject({ keyboardPwdId: result.keyboardPwdId, keyboardPwd: '482910', addType: 1, onLock: true, keyboardPwdType: 3 });
    expect(h.hits('/v3/keyboardPwd/add')).toBe(1);
    expectNothingSensitive(h, ['482910']);
  });

  it('recording alone does NOT put the code on the lock (the integrators\' #1 mistake, reproduced)', async () => {
    const h = await ttlockHarness();
    await h.client.recordPasscode({ lockId: h.lockId, passcode: '774411', ...window() });
    expect(h.mock.passcodes(h.lockId)[0]).toMatchObject({ keyboardPwd: '774411', onLock: false });
    expect(h.mock.lock(h.lockId).lock.passcodes()).toEqual([]);
  });

  it('adds through the gateway (addType=2): the virtual lock holds it with the same window, lock-local time', async () => {
    const h = await ttlockHarness();
    const start = Date.UTC(2031, 0, 1, 0, 0); // 08:00 on a UTC+8 lock
    const result = await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '305917', startDate: start, endDate: start + 10 * HOUR });
    expect(result.state).toBe('active');
    expect(h.mock.lock(h.lockId).lock.passcodes()).toEqual([
      {
        passcode: '305917',
        original: '305917', // added, never changed
        type: PASSCODE_TYPE.PERIOD,
        start: { year: 2031, month: 1, day: 1, hour: 8, minute: 0 },
        end: { year: 2031, month: 1, day: 1, hour: 18, minute: 0 },
        used: false, // nobody has typed it on the keypad yet
      },
    ]);
    expect(h.hits('/v3/gateway/listByLock')).toBe(1);
  });

  it('a start alone makes a permanent code (keyboardPwdType 2, endDate 0)', async () => {
    const h = await ttlockHarness();
    await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '50813', startDate: nextHour() });
    expect(h.mock.passcodes(h.lockId)[0]).toMatchObject({ keyboardPwdType: 2, endDate: 0 });
    expect(h.mock.lock(h.lockId).lock.passcodes()[0]).toMatchObject({ type: PASSCODE_TYPE.PERMANENT, end: null });
  });

  it('changes a code through the gateway (lock updated) and a name alone without changeType', async () => {
    const h = await ttlockHarness();
    const { keyboardPwdId } = await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '620481', ...window() });
    await h.client.changePasscode({ lockId: h.lockId, keyboardPwdId, passcode: '620482', via: 'gateway' });
    expect(h.mock.lock(h.lockId).lock.passcodes().map((p) => p.passcode)).toEqual(['620482']);
    await h.client.changePasscode({ lockId: h.lockId, keyboardPwdId, name: 'Cleaner', via: 'record' });
    expect(h.mock.passcodes(h.lockId)[0]).toMatchObject({ keyboardPwd: '620482', keyboardPwdName: 'Cleaner' });
  });

  it('deletes through the gateway (gone from the lock) and records a Bluetooth delete', async () => {
    const h = await ttlockHarness();
    const a = await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '193746', ...window() });
    const b = await h.client.addPasscodeViaGateway({ lockId: h.lockId, passcode: '284657', ...window() });
    expect(await h.client.deletePasscode({ lockId: h.lockId, keyboardPwdId: a.keyboardPwdId, via: 'gateway' })).toEqual({ deleted: true });
    expect(h.mock.lock(h.lockId).lock.passcodes().map((p) => p.passcode)).toEqual(['284657']);
    await h.client.deletePasscode({ lockId: h.lockId, keyboardPwdId: b.keyboardPwdId, via: 'record' });
    expect(h.mock.passcodes(h.lockId)).toEqual([]);
    expect(await failure(h.client.deletePasscode({ lockId: h.lockId, keyboardPwdId: b.keyboardPwdId, via: 'record' }))).toMatchObject({ kind: 'not-found', code: -2009 });
  });

  it('lists codes as strings, leading zeros kept, paged, with delivery states', async () => {
    const h = await ttlockHarness();
    for (const code of ['034234', '0719', '5550123']) await h.client.recordPasscode({ lockId: h.lockId, passcode: code, ...window() });
    const page1 = await h.client.listPasscodes(h.lockId, { pageSize: 2 });
    expect(page1).toMatchObject({ pageNo: 1, pages: 2, total: 3 });
    const page2 = await h.client.listPasscodes(h.lockId, { pageSize: 2, pageNo: 2 });
    const codes = [...page1.list, ...page2.list].map((p) => p.passcode).sort();
    expect(codes).toEqual(['034234', '0719', '5550123']);
    expect(page1.list[0]).toMatchObject({ isCustom: true, state: 'active', type: 3 });
    expect((await h.client.listPasscodes(h.lockId, { search: '034234' })).list.map((p) => p.passcode)).toEqual(['034234']);
  });

  it('an asynchronous Wi-Fi add shows as pending, then failed with a reason', async () => {
    const h = await ttlockHarness();
    h.mock.state.addPasscode({ lockId: h.lockId, keyboardPwd: '860271', keyboardPwdType: 3, startDate: nextHour(), endDate: nextHour() + HOUR, isCustom: 1, status: 4, addType: 4, sendDate: Date.now(), senderUsername: 'x', onLock: false });
    expect((await h.client.listPasscodes(h.lockId)).list[0]).toMatchObject({ state: 'pending', reason: 'adding' });
    await h.mock.wake(h.lockId, false);
    expect((await h.client.listPasscodes(h.lockId)).list[0]).toMatchObject({ state: 'failed', reason: 'add-failed' });
  });
});

describe('random passcodes', () => {
  it('gets a timed code: digits as a string, the 24 h first-use rule explained', async () => {
    const h = await ttlockHarness();
    const start = nextHour();
    const r = await h.client.getRandomPasscode({ lockId: h.lockId, type: 'timed', startDate: start, endDate: start + 72 * HOUR, name: 'Stay 7' });
    expect(r.passcode).toMatch(/^\d{6,9}$/);
    expect(r).toMatchObject({ type: 'timed', startDate: start, endDate: start + 72 * HOUR, firstUseBy: start + 24 * HOUR });
    expect(r.rule).toContain('or the lock suspends it');
    expect(h.mock.passcodes(h.lockId)[0]).toMatchObject({ keyboardPwd: r.passcode, isCustom: 0, keyboardPwdType: 3 });
  });

  it('one-time and permanent codes carry their windows (6 h / 24 h)', async () => {
    const h = await ttlockHarness();
    const start = nextHour();
    expect(await h.client.getRandomPasscode({ lockId: h.lockId, type: 'one-time', startDate: start })).toMatchObject({ firstUseBy: start + 6 * HOUR });
    expect(await h.client.getRandomPasscode({ lockId: h.lockId, type: 'permanent', startDate: start })).toMatchObject({ firstUseBy: start + 24 * HOUR });
  });

  it('-1007 (no passcode data) and -1026 (validity deleted before) come back with their advice', async () => {
    const h = await ttlockHarness({ locks: [{}, { hasPasscodeData: false }] });
    const start = nextHour();
    const noData = await failure(h.client.getRandomPasscode({ lockId: h.mock.lockIds[1], type: 'one-time', startDate: start }));
    expect(noData).toMatchObject({ kind: 'rejected', code: -1007 });
    expect(noData.advice).toContain('upload lockData');
    const r = await h.client.getRandomPasscode({ lockId: h.lockId, type: 'timed', startDate: start, endDate: start + 5 * HOUR });
    await h.client.deletePasscode({ lockId: h.lockId, keyboardPwdId: r.keyboardPwdId!, via: 'record' });
    const again = await failure(h.client.getRandomPasscode({ lockId: h.lockId, type: 'timed', startDate: start, endDate: start + 5 * HOUR }));
    expect(again).toMatchObject({ kind: 'rejected', code: -1026 });
  });
});
