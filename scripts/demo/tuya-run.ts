/**
 * The Tuya part of the demo: the "Temporary password (Tuya)" page sends through the plugin's
 * requestTempPassword -> wx.request (loopback) -> the relay -> the cloud client -> the mock Tuya cloud.
 */
import type { HeadlessHost } from './headless-host';
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
  return stored.pin === DEMO_PIN ? id : null;
}
