/** @jest-environment jsdom */
/**
 * The "Manage passcodes" page against a virtual lock: the list with windows in the lock's own time,
 * edit, extend and delete on each row, the lock clock with its drift and "set time", and the
 * settled-outcome line when the link drops before a delete's answer.
 */
import { createFakeWx, createVirtualLock, type FakeBle, type VirtualLock } from '../../simulator';
import type { LockwirePlugin } from '../../typings/index';
import { installApp, mergeWx, renderPage, type PageDriver } from './page-harness';

const TZ = 8 * 3600 * 1000;
const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => ({ year: y, month: mo, day: d, hour: h, minute: mi });

let lock: VirtualLock;
let fake: FakeBle;
let page: PageDriver;
let plugin: LockwirePlugin;
let undo: Array<() => void>;

beforeEach(() => {
  lock = createVirtualLock({ battery: 66, timezoneRawOffset: TZ });
  lock.addPasscodeDirectly('123456', { start: wall(2031, 3, 1, 14), end: wall(2031, 3, 8, 11) });
  lock.addPasscodeDirectly('888888', { type: 1, start: wall(2024, 1, 1) });
  fake = createFakeWx({ platform: 'android', locks: [lock] });
  undo = [installApp({ simulatorLocks: [{ name: lock.name, mac: lock.mac, lockData: lock.lockData(), timezoneRawOffset: TZ }] })];
  page = renderPage('manage');
  undo.push(mergeWx(fake.wx));
  plugin = (globalThis as any).requirePlugin('lockwire');
});

afterEach(async () => {
  await plugin.stopAllOperations();
  const leftOpen = fake.openConnections();
  for (const u of undo.reverse()) u();
  expect(leftOpen).toBe(0);
});

async function read(): Promise<void> {
  await page.tap('.load');
  await page.until(() => page.exists('.passcode-row') || page.exists('.empty-list'));
  await page.until(() => !page.comp.data.running);
}

/** Taps, then waits for the operation's own card (the handler clears the old one first) and the re-read. */
async function act(selector: string, nth = 0): Promise<void> {
  page.comp.querySelectorAll(selector)[nth].dispatchEvent('tap');
  await page.until(() => page.comp.data.result === null || page.comp.data.running);
  await page.until(() => page.comp.data.result !== null && !page.comp.data.running && page.exists('.card'));
}

describe('Manage passcodes page', () => {
  it('lists the lock\'s passcodes with their windows in lock time, and the lock clock', async () => {
    await read();
    expect(page.texts('.row-code')).toEqual(['123456', '888888']);
    expect(page.texts('.row-window')).toEqual(['2031-03-01 14:00 → 2031-03-08 11:00', '2024-01-01 00:00 → 永久 no end']);
    expect(page.text('.lock-clock')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    // real timers here: the reply's air time (and a busy machine) can show a second or a few
    expect(page.text('.drift')).toMatch(/^(准确 on time|慢 behind \d s)$/);
  });

  it('extends a stay by a day, edits a value keeping its window, and deletes', async () => {
    await read();
    await act('.extend', 0);
    expect(page.text('.card-title')).toBe('✓ 已延长一天 Extended by a day');
    expect(lock.passcodes()[0].end).toEqual(wall(2031, 3, 9, 11));
    expect(page.texts('.row-window')[0]).toBe('2031-03-01 14:00 → 2031-03-09 11:00');

    await page.tap('.edit');
    await page.input('.new-value', '654321');
    await act('.save');
    expect(lock.passcodes()[0]).toMatchObject({ passcode: '654321', original: '123456', end: wall(2031, 3, 9, 11) });
    expect(page.texts('.row-changed')).toEqual(['原 was 123456']);

    await act('.delete', 1);
    expect(page.text('.card-title')).toBe('✓ 密码已删除 Passcode deleted');
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['654321']);
    expect(page.texts('.row-code')).toEqual(['654321']);
  });

  it('shows the drift of a lock clock 5 minutes behind, and sets it', async () => {
    lock.setLockTime(Date.now() - 300_000);
    await read();
    expect(page.text('.drift')).toMatch(/^慢 behind 30\d s$/);
    await act('.set-time');
    expect(page.text('.card-title')).toBe('✓ 门锁时间已校准 Lock clock set');
    expect(Math.abs(lock.clockOffsetMs())).toBeLessThan(10_000); // set: no longer 5 minutes off
    // real timers here: the reply's air time (and a busy machine) can show a second or a few
    expect(page.text('.drift')).toMatch(/^(准确 on time|慢 behind \d s)$/);
  });

  it('tells the settled-outcome story when the link drops before the delete\'s answer', async () => {
    await read();
    fake.faults.add({ on: 'reply', nth: 1, action: { kind: 'drop' } }); // the login is kept: DELETE's reply comes first
    await act('.delete', 0);
    expect(page.text('.card-title')).toBe('✓ 密码已删除 Passcode deleted');
    expect(page.texts('.card-line')).toContain('已核实 Confirmed on the lock after the link dropped');
    expect(lock.passcodes().map((p) => p.passcode)).toEqual(['888888']);
  });

  it('a code the lock does not hold gives the 21 card', async () => {
    await read();
    lock.clearPasscodes();
    await act('.delete', 0);
    expect(page.text('.card-title')).toBe('✗ 失败 Failed (21)');
  });
});
