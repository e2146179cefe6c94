/** @jest-environment jsdom */
/**
 * The "Add passcode" page when things go wrong, with faults injected into the simulator: the page must
 * show the error code, the official message, lockwire's description and what the user can do.
 */
import { passcodeScene, type PasscodeScene } from './passcode-setup';

let s: PasscodeScene;

beforeEach(() => {
  s = passcodeScene('ios');
});

afterEach(async () => {
  await s.teardown();
});

/** Replies of one operation: CHECK_ADMIN, CHECK_RANDOM, then ADD. */
const ADD_REPLY = 3;

describe('Add passcode page: failures', () => {
  it('a link dropped before the ADD reply: notice from disconnectCallback, 10003 card saying the outcome is unknown', async () => {
    s.fake.faults.add({ on: 'reply', nth: ADD_REPLY, action: { kind: 'drop' } });
    // and every reconnect that would settle the outcome fails
    s.fake.faults.add({ on: 'createBLEConnection', nth: 2, times: 50, action: { kind: 'fail', errCode: 10003 } });
    await s.fill('246810');
    await s.submitAndWait();
    expect(s.page.texts('.notice')).toEqual(['⚠ 蓝牙连接已断开 The Bluetooth link dropped (10003 设备已断开连接)']);
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (10003)');
    expect(s.page.texts('.card-line').join('\n')).toContain('Outcome unknown');
    expect(s.page.text('.card-advice')).toContain('a 20 (already exists) means the first attempt worked');
    // the last step shown: reconnecting to read the lock, which failed
    expect(s.page.texts('.step-name').pop()).toBe('连接 Connecting');
    // The lock did process the ADD; only its answer was lost. Retrying tells the user so.
    expect(s.lock.passcodes().map((p) => p.passcode)).toEqual(['246810']);
    s.fake.faults.clear();
    await s.submitAndWait();
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (20)');
    expect(s.page.exists('.notice')).toBe(false);
  });

  it('a link dropped while connecting shows the notice once and the 10003 card', async () => {
    s.fake.faults.add({ on: 'getBLEDeviceServices', action: { kind: 'drop' } });
    s.plugin.configure({ connectRetries: 0 });
    await s.fill('246810');
    await s.submitAndWait();
    expect(s.page.texts('.notice')).toHaveLength(1);
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (10003)');
    expect(s.lock.passcodes()).toEqual([]);
  });

  it('a passcode the lock already has: the lock says 20, and the card says to pick another', async () => {
    s.lock.addPasscodeDirectly('246810');
    await s.fill('246810');
    s.fake.faults.clear();
    await s.submitAndWait();
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (20)');
    expect(s.page.texts('.card-line')).toContain('密码已存在');
    expect(s.page.text('.card-advice')).toContain('already has this passcode');
  });

  it('a full passcode memory: 22 and the advice to delete unused passcodes', async () => {
    s.lock.capacity = 1;
    s.lock.addPasscodeDirectly('1111');
    await s.fill('246810');
    await s.submitAndWait();
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (22)');
    expect(s.page.texts('.card-line')).toContain('存储空间不足');
    expect(s.page.text('.card-advice')).toContain('memory is full');
  });

  it('a lock out of range: 10404 after the scan timeout chosen on the page, with the advice to wake the lock', async () => {
    s.lock.inRange = false;
    expect(s.page.text('.scan-timeout-value')).toBe('10 s'); // the plugin's default
    await s.page.change('.scan-timeout', 0);
    expect(s.page.text('.scan-timeout-value')).toBe('2 s');
    const startedAt = Date.now();
    await s.fill('246810');
    await s.submitAndWait();
    expect(s.page.texts('.step-name')).toEqual(['扫描门锁 Scanning']);
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (10404)');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1900);
    expect(s.page.texts('.card-line').join('\n')).toContain('2000 ms');
    expect(s.page.text('.card-advice')).toContain('touch the keypad to wake it');
    expect(s.fake.isScanning()).toBe(false);
  });

  it('Cancel ends a running operation with 10022 and releases Bluetooth', async () => {
    s.lock.inRange = false; // the scan would go on for 10 s
    await s.fill('246810');
    await s.page.tap('.submit');
    await s.page.until(() => s.page.exists('.step'));
    await s.page.tap('.cancel');
    await s.page.until(() => s.page.exists('.card'), 2000);
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (10022)');
    expect(s.page.text('.card-advice')).toBe('操作已取消。 The operation was cancelled.');
    expect(s.fake.isScanning()).toBe(false);
  });
});
