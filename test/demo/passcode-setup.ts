/**
 * Shared setup of the "Add passcode" page tests: a virtual lock, the simulator's fake wx merged into
 * the wx that miniprogram-simulate installed, the lock offered through App().globalData, the page
 * rendered, and a teardown that checks Bluetooth was left clean.
 */
import { createFakeWx, createVirtualLock, type FakeBle, type VirtualLock } from '../../simulator';
import type { LockwirePlugin } from '../../typings/index';
import { installApp, mergeWx, renderPage, type PageDriver } from './page-harness';

export interface PasscodeScene {
  lock: VirtualLock;
  fake: FakeBle;
  page: PageDriver;
  /** The plugin instance the page got from requirePlugin (fresh for every render). */
  plugin: LockwirePlugin;
  /** Types a passcode, fixes the window to 2030-05-01 08:00 .. 2030-05-02 08:00 local time. */
  fill(passcode: string): Promise<void>;
  submitAndWait(): Promise<void>;
  teardown(): Promise<void>;
}

export const WINDOW = { startDate: '2030-05-01', startTime: '08:00', endDate: '2030-05-02', endTime: '08:00' };

export const STEP_NAMES = {
  scanning: '扫描门锁 Scanning',
  connecting: '连接 Connecting',
  authenticating: '身份校验 Authenticating',
  writing: '写入密码 Writing',
  done: '完成 Done',
};

export function passcodeScene(platform: 'ios' | 'android' = 'ios'): PasscodeScene {
  const lock = createVirtualLock({ battery: 87 });
  const fake = createFakeWx({ platform, locks: [lock] });
  const undo = [installApp({ simulatorLocks: [{ name: lock.name, mac: lock.mac, lockData: lock.lockData() }] })];
  const page = renderPage('passcode');
  undo.push(mergeWx(fake.wx));
  const plugin: LockwirePlugin = (globalThis as any).requirePlugin('lockwire');
  return {
    lock,
    fake,
    page,
    plugin,
    async fill(passcode) {
      await page.input('.passcode', passcode);
      await page.change('.start-date', WINDOW.startDate);
      await page.change('.start-time', WINDOW.startTime);
      await page.change('.end-date', WINDOW.endDate);
      await page.change('.end-time', WINDOW.endTime);
    },
    async submitAndWait() {
      await page.tap('.submit');
      await page.until(() => page.exists('.card'));
    },
    async teardown() {
      await plugin.stopAllOperations();
      plugin.setShowLog(false);
      const leftOpen = fake.openConnections();
      for (const u of undo.reverse()) u();
      if (leftOpen !== 0) throw new Error(`teardown: ${leftOpen} connection(s) left open`);
    },
  };
}

/** What the lock stores for a local picker time, in the lock's wall-clock time (timezoneRawOffset). */
export function lockWallClock(localMs: number, lock: VirtualLock) {
  const d = new Date(localMs + lock.timezoneRawOffset);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}
