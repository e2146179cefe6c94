/**
 * The "Manage passcodes" part of the demo: read what the lock holds and its clock, extend a stay by a
 * day, set the drifted clock, then delete a code while the link drops before the lock's answer, and
 * show how the result was settled by reading the lock again.
 */
import FakeTimers from '@sinonjs/fake-timers';
import type { FakeBle, VirtualLock } from '../../simulator';
import type { HeadlessHost } from './headless-host';
import type { PageDriver } from './page-driver';
import { line, more, printStore } from './transcript';

const WAIT_MS = 60_000;

type VirtualClock = ReturnType<typeof FakeTimers.install>;

/**
 * The whole page runs on ONE fake clock (timers and Date), so virtual time only moves forward: a link
 * and the link model's queue belong to the clock they were opened on, whose virtual time runs ahead of
 * the real one. A link carried across clocks would make its next exchange wait out that lead (the lock's
 * clock then reads seconds behind after "set time", and a real-timer page after this one times out). So the
 * link the "Add passcode" page kept is closed first, and the page's own link before the clock goes.
 */
async function settle(clock: VirtualClock, promise: Promise<unknown>, what: string): Promise<void> {
  let done = false;
  void promise.then(() => (done = true));
  const deadline = clock.now + WAIT_MS;
  await clock.nextAsync();
  while (!done) {
    if (clock.now > deadline) throw new Error(`manage page: ${what} still pending after ${WAIT_MS} virtual ms`);
    await clock.nextAsync();
  }
}

async function tapAndWait(clock: VirtualClock, page: PageDriver, selector: string, nth = 0): Promise<void> {
  page.comp.querySelectorAll(selector)[nth].dispatchEvent('tap');
  const deadline = clock.now + WAIT_MS;
  await clock.nextAsync();
  while (page.comp.data.running || (selector !== '.load' && page.comp.data.result === null)) {
    if (clock.now > deadline) throw new Error(`manage page: still running after ${WAIT_MS} virtual ms`);
    await clock.nextAsync();
  }
}

function printPage(page: PageDriver): void {
  line('clock', `${page.text('.lock-clock')} (lock time), ${page.text('.drift')}`);
  const codes = page.texts('.row-code');
  const windows = page.texts('.row-window');
  codes.forEach((code, i) => more(`${code.padEnd(10)} ${windows[i]}`));
}

function printCard(page: PageDriver): void {
  line('result', page.text('.card-title'));
  for (const l of page.texts('.card-line')) more(l);
}

/** Returns false when a step did not show what it should. */
export async function runManagePage(host: HeadlessHost, lock: VirtualLock, fake: FakeBle): Promise<boolean> {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.now() });
  try {
    await settle(clock, host.plugin.finishOperations(), 'closing the Add passcode page\'s link');
    return await manage(clock, host, lock, fake);
  } finally {
    clock.uninstall();
  }
}

async function manage(clock: VirtualClock, host: HeadlessHost, lock: VirtualLock, fake: FakeBle): Promise<boolean> {
  lock.setLockTime(Date.now() - 7 * 60_000); // the lock's clock drifted 7 minutes behind
  line('lock', `clock 7 minutes behind; ${lock.passcodes().length} passcodes stored`);
  const page = host.renderPage('manage');
  await tapAndWait(clock, page, '.load');
  printPage(page);

  line('tap', `"${page.texts('.extend')[0]}" on ${page.texts('.row-code')[0]} (a guest stays a day longer)`);
  await tapAndWait(clock, page, '.extend', 0);
  printCard(page);
  const extended = page.text('.card-title').startsWith('✓');

  line('tap', `"${page.text('.set-time')}"`);
  await tapAndWait(clock, page, '.set-time');
  printCard(page);
  line('clock', `${page.text('.lock-clock')} (lock time), ${page.text('.drift')}`);

  const last = page.texts('.row-code').length - 1;
  line('setup', 'the link will drop instead of the lock\'s answer to the next DELETE');
  fake.faults.add({ on: 'reply', nth: 1, action: { kind: 'drop' } });
  line('tap', `"${page.texts('.delete')[last]}" on ${page.texts('.row-code')[last]}`);
  await tapAndWait(clock, page, '.delete', last);
  printCard(page);
  printStore(lock);
  await settle(clock, host.plugin.finishOperations(), 'closing the page\'s link');
  return extended && page.texts('.card-line').some((l) => l.includes('Confirmed on the lock after the link dropped'));
}
