/**
 * The Tuya part of the demo: the "Temporary password (Tuya)" page sends through the plugin's
 * requestTempPassword -> wx.request (loopback) -> the relay -> the cloud client -> the mock Tuya cloud.
 */
import type { HeadlessHost } from './headless-host';
import type { PageDriver } from './page-driver';
import { line, more } from './transcript';
import type { TuyaStack } from './tuya-stack';

const DEMO_PIN = '8642097';

/** Returns the password id the page shows, or null when the page shows an error. */
export async function runTuyaPage(host: HeadlessHost, stack: TuyaStack): Promise<string | null> {
  line('relay', `${stack.relayUrl} -> mock Tuya cloud ${stack.cloud.baseUrl} (the access secret stays in the relay)`);
  const page = host.renderPage('tuya');
  await page.input('.pin', DEMO_PIN);
  await page.change('.schedule-switch', true);
  await page.change('.weekdays', ['1', '2', '5']);
  await page.change('.schedule-start', '07:30');
  await page.change('.schedule-end', '08:30');
  const d = page.comp.data;
  line('form', `device ${d.deviceId}, PIN ${DEMO_PIN}, ${d.startDate} ${d.startTime} -> ${d.endDate} ${d.endTime}, multi-use`);
  more(`weekly Mon Tue Fri 07:30-08:30 (${d.timeZone})`);
  line('tap', `"${page.text('.submit')}"`);
  await page.tap('.submit');
  await page.until(() => page.exists('.card'), 15_000);
  line('result', page.text('.card-title'));
  for (const l of page.texts('.card-line')) more(l);
  const advice = page.text('.card-advice');
  if (advice) more(`-> ${advice}`);

  const idLine = page.texts('.card-line').find((l) => l.includes('Password id'));
  const id = idLine ? idLine.split(': ')[1] : null;
  const stored = id ? stack.cloud.passwords().find((p) => p.id === id) : undefined;
  if (!id || !stored) return null;
  const schedule = JSON.stringify(stored.body.schedule_list);
  line('cloud', `the mock Tuya cloud holds password ${id} for ${stored.deviceId}: PIN decrypted ${stored.pin === DEMO_PIN ? 'matches' : 'DIFFERS'}, schedule_list ${schedule}`);
  if (stored.pin !== DEMO_PIN) return null;
  return (await runLifecycle(page, stack, id)) ? id : null;
}

/** List the device's passwords, revoke the new one while the lock sleeps, issue a one-time offline code. */
async function runLifecycle(page: PageDriver, stack: TuyaStack, id: string): Promise<boolean> {
  stack.cloud.wake(stack.deviceId); // the lock takes the new PIN
  line('tap', `"${page.text('.list')}"`);
  await page.tap('.list');
  await page.until(() => page.texts('.password-id').includes(id), 15_000);
  const rows = page.comp.data.passwords as Array<{ id: string; label: string; window: string }>;
  for (const r of rows) more(`${r.id}: ${r.label}${r.window ? `, ${r.window}` : ''}`);

  stack.cloud.devices[stack.deviceId].asleep = true;
  line('lock', 'the lock goes to sleep (battery Wi-Fi lock)');
  line('tap', `"撤销 Revoke" on ${id}`);
  await page.tap(`.revoke-${id}`);
  await page.until(() => page.comp.data.passwords.some((r: { id: string; state: string }) => r.id === id && r.state !== 'active'), 15_000);
  line('result', page.text('.card-title'));
  for (const l of page.texts('.card-line')) more(l);
  const stillOpens = stack.cloud.tryPin(stack.deviceId, DEMO_PIN);
  line('keypad', `PIN typed at the sleeping lock: ${stillOpens ? 'opens (the delete has not reached it: "revoking" was honest)' : 'refused'}`);
  stack.cloud.devices[stack.deviceId].asleep = false;
  stack.cloud.wake(stack.deviceId);
  const opensAfter = stack.cloud.tryPin(stack.deviceId, DEMO_PIN);
  line('keypad', `after the lock wakes: ${opensAfter ? 'STILL OPENS' : 'refused (revoked)'}`);

  line('tap', `"${page.text('.offline')}" (once)`);
  await page.tap('.offline');
  await page.until(() => page.text('.card-title').includes('Offline'), 15_000);
  line('result', page.text('.card-title'));
  for (const l of page.texts('.card-line')) more(l);
  return stillOpens && !opensAfter && page.text('.card-title').startsWith('✓');
}
