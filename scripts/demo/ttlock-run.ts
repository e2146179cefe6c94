/**
 * The TTLock-cloud part of the demo: the same "Add passcode" page, with the lock whose lockData comes
 * from the relay. One tap: relay /lock-data -> Bluetooth write to the virtual lock -> relay
 * /passcodes/record; then what the lock and the mock TTLock cloud hold. Real timers: HTTP on loopback
 * and the link model interleave (a second or so).
 */
import type { VirtualLock } from '../../simulator';
import type { HeadlessHost } from './headless-host';
import { line, more } from './transcript';
import type { TTLockStack } from './ttlock-stack';

export const TTLOCK_DEMO_PASSCODE = '4829104';

/**
 * Real timers here, so a busy machine's slow event loop must not read as a Bluetooth timeout: the
 * plugin's timeouts are made generous for this page and restored after it.
 */
const PATIENT = { scanTimeoutMs: 30_000, connectTimeoutMs: 30_000, gattTimeoutMs: 30_000, replyTimeoutMs: 30_000, operationBudgetMs: 60_000 };

/** True when the lock holds the passcode and the cloud lists it as recorded from the lock. */
export async function runTTLockPasscodePage(host: HeadlessHost, lock: VirtualLock, stack: TTLockStack): Promise<boolean> {
  line('relay', `${stack.relayUrl} -> mock TTLock cloud ${stack.cloud.baseUrl} (client secret and admin password stay in the relay)`);
  const page = host.renderPage('passcode');
  await page.tap('.relay-choice');
  line('page', `lock picked: "${page.text('.lock-selected .lock-name')}" (no lockData on the phone until the tap)`);
  await page.input('.passcode', TTLOCK_DEMO_PASSCODE);
  const d = page.comp.data;
  line('form', `passcode ${TTLOCK_DEMO_PASSCODE}, valid ${d.startDate} ${d.startTime} -> ${d.endDate} ${d.endTime} (phone time)`);
  line('tap', `"${page.text('.submit')}"`);
  const before = host.plugin.configure({}) as Record<string, number>; // configure({}) changes nothing, returns the settings
  host.plugin.configure(PATIENT);
  try {
    await page.tap('.submit');
    await page.until(() => page.exists('.card'), 90_000);
  } finally {
    host.plugin.configure(Object.fromEntries(Object.keys(PATIENT).map((k) => [k, before[k]])));
  }
  line('steps', '1. relay /ttlock/lock-data (admin eKey, key/get)  2. Bluetooth write  3. relay /ttlock/passcodes/record (addType=1)');
  line('result', page.text('.card-title'));
  for (const l of page.texts('.card-line')) more(l);
  const onLock = lock.passcodes().some((p) => p.passcode === TTLOCK_DEMO_PASSCODE);
  const recorded = stack.cloud.passcodes(stack.lockId).find((p) => p.keyboardPwd === TTLOCK_DEMO_PASSCODE);
  line('lock', `holds ${TTLOCK_DEMO_PASSCODE}: ${onLock ? 'yes' : 'NO'}`);
  line('cloud', recorded ? `lists passcode id ${recorded.keyboardPwdId}, addType ${recorded.addType} (recorded), on the lock: ${recorded.onLock ? 'yes' : 'NO'}` : 'does NOT list it');
  await host.plugin.finishOperations();
  return onLock && recorded?.onLock === true;
}
