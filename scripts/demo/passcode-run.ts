/**
 * The "Add passcode" part of the demo: render the page, fill it in as a person would, tap the button,
 * then print what the page shows (progress rows, notice, result card) and what the lock now stores.
 */
import FakeTimers from '@sinonjs/fake-timers';
import type { FakeBle, VirtualLock } from '../../simulator';
import type { HeadlessHost } from './headless-host';
import { describeLock, line, more, printStore } from './transcript';

export const DEMO_PASSCODE = '246810';
/** Virtual time allowed for the operation: its whole budget plus the release of Bluetooth. */
const OPERATION_WAIT_MS = 40_000;

export interface PasscodeOutcome {
  /** The error code the result card shows; 0 for success. */
  code: number;
}

export async function runPasscodePage(
  host: HeadlessHost,
  lock: VirtualLock,
  fake: FakeBle,
  platform: string,
  armFault: () => string[],
): Promise<PasscodeOutcome> {
  for (const note of armFault()) line('setup', note);
  line('lock', describeLock(lock, platform));
  const page = host.renderPage('passcode');
  const selected = `${page.text('.lock-selected .lock-name')} ${page.text('.lock-selected .lock-mac')}`;
  line('page', `"${page.text('.title')}" (lockwire ${host.plugin.VERSION}); lock picked from the simulator's list: ${selected}`);

  await page.input('.passcode', DEMO_PASSCODE);
  const d = page.comp.data;
  line('form', `passcode ${DEMO_PASSCODE} (${page.text('.passcode-hint')}), valid ${d.startDate} ${d.startTime} -> ${d.endDate} ${d.endTime} (phone time)`);

  fake.resetCounters();
  line('tap', `"${page.text('.submit')}"`);
  await runInVirtualTime(async (clock) => {
    page.comp.querySelector('.submit')?.dispatchEvent('tap');
    const deadline = clock.now + OPERATION_WAIT_MS;
    while (!page.exists('.card')) {
      if (clock.now > deadline) throw new Error(`passcode page: no result after ${OPERATION_WAIT_MS} virtual ms`);
      await clock.nextAsync();
    }
  });

  const names = page.texts('.step-name');
  const times = page.texts('.step-ms');
  line('progress', names.length ? "(virtual ms since the tap, in the simulator's link model)" : '(none)');
  names.forEach((name, i) => more(`${times[i].padStart(10)}  ${name}`));
  for (const notice of page.texts('.notice')) line('notice', notice);
  line('result', page.text('.card-title'));
  for (const l of page.texts('.card-line')) more(l);
  const advice = page.text('.card-advice');
  if (advice) more(`-> ${advice}`);
  line('wx', `${fake.totalCalls()} Bluetooth calls; ${fake.openConnections()} link kept open for a following operation`);
  printStore(lock);

  const code = Number(/\((\d+)\)$/.exec(page.text('.card-title'))?.[1] ?? 0);
  return { code };
}

/**
 * Runs the tap-to-result span on a fake clock (timers and Date only), jumping from timer to timer:
 * the page's progress times are then the link model's exact virtual milliseconds, with no real
 * waiting. The Tuya part runs on real timers afterwards (it uses real sockets on loopback).
 */
async function runInVirtualTime(run: (clock: ReturnType<typeof FakeTimers.install>) => Promise<void>): Promise<void> {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.now() });
  try {
    await run(clock);
  } finally {
    clock.uninstall();
  }
}
