/** @jest-environment jsdom */
/**
 * The "Temporary password (Tuya)" page, rendered with miniprogram-simulate, talking through the plugin's
 * requestTempPassword -> wx.request over loopback -> the relay -> the cloud client -> the mock Tuya cloud.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLoopbackRequest, type LoopbackRequest } from '../../simulator/loopback-request';
import { startTuyaStack, type TuyaStack } from '../../scripts/demo/tuya-stack';
import { MINIPROGRAM_ROOT, installApp, mergeWx, renderPage, type PageDriver } from './page-harness';

let stack: TuyaStack;
let request: LoopbackRequest;
let undo: Array<() => void> = [];
let page: PageDriver;

beforeAll(async () => {
  stack = await startTuyaStack();
});

afterAll(async () => {
  await stack.close();
});

beforeEach(() => {
  request = createLoopbackRequest();
  undo = [
    installApp({ relayUrl: stack.relayUrl, relayAuthorization: stack.session, tuyaDeviceId: stack.deviceId }),
  ];
  page = renderPage('tuya');
  undo.push(mergeWx({ request })); // after render: miniprogram-simulate has installed its wx by now
});

afterEach(() => {
  for (const u of undo.reverse()) u();
});

async function submitAndWait(): Promise<void> {
  await page.tap('.submit');
  await page.until(() => page.exists('.card'));
}

/** The password id the card shows, e.g. "密码 ID Password id: 310000123" -> "310000123". */
function shownId(): string {
  const line = page.texts('.card-line').find((l) => l.includes('Password id'));
  return line ? line.split(': ')[1] : '';
}

describe('Tuya page', () => {
  it('starts with the relay fields from globalData and a 24-hour window', () => {
    expect(page.comp.data).toMatchObject({ relayUrl: stack.relayUrl, deviceId: stack.deviceId, oneTime: false });
    expect(page.text('.title')).toContain('Temporary password (Tuya)');
    expect(page.text('.submit')).toBe('创建临时密码 Create password');
    expect(page.exists('.weekdays')).toBe(false); // the schedule appears only when switched on
  });

  it('shows the id Tuya gave for a multi-use password, and Tuya stored that PIN under it', async () => {
    await page.input('.pin', '8642097');
    await submitAndWait();
    expect(page.text('.card-title')).toBe('✓ 临时密码已创建 Temporary password created');
    const id = shownId();
    const stored = stack.cloud.passwords().find((p) => p.id === id);
    expect(stored).toMatchObject({ deviceId: stack.deviceId, pin: '8642097' });
    expect(stored?.body.type).toBe(0);
    expect(page.texts('.card-line')).toContain('有效期内可多次使用 Multi-use within the window');
  });

  it('sends a one-time password with a weekly schedule in Tuya units', async () => {
    await page.input('.pin', '5550123');
    await page.change('.one-time', true);
    await page.change('.schedule-switch', true);
    await page.change('.weekdays', ['1', '2', '5']);
    await page.change('.schedule-start', '07:30');
    await page.change('.schedule-end', '08:30');
    await page.input('.time-zone', 'Europe/Berlin');
    await submitAndWait();
    const stored = stack.cloud.passwords().find((p) => p.id === shownId());
    expect(stored?.body).toMatchObject({
      type: 1,
      time_zone: 'Europe/Berlin',
      schedule_list: [{ effective_time: 450, invalid_time: 510, working_day: 38 }],
    });
    expect(page.texts('.card-line')).toContain('每周 Weekly: Mon Tue Fri 07:30–08:30 (Europe/Berlin)');
  });

  it('a too-short PIN gives the 11003 card naming the field, and nothing is sent', async () => {
    await page.input('.pin', '12345');
    await submitAndWait();
    expect(page.text('.card-title')).toBe('✗ 失败 Failed (11003)');
    expect(page.texts('.card-line').join('\n')).toContain('"password" expected 6 to 10 digits, got 5 digits');
    expect(page.text('.card-advice')).toContain('Invalid input');
    expect(request.count()).toBe(0);
  });

  it('an end before the start is refused before any request', async () => {
    await page.input('.pin', '8642097');
    await page.change('.end-date', '2001-01-01');
    await submitAndWait();
    expect(page.texts('.card-line').join('\n')).toContain('"invalidTime"');
    expect(request.count()).toBe(0);
  });

  it("the relay's refusal of a foreign session shows 10307 with the relay's code", async () => {
    await page.input('.authorization', 'Bearer someone-else');
    await page.input('.pin', '8642097');
    await submitAndWait();
    expect(page.text('.card-title')).toBe('✗ 失败 Failed (10307)');
    expect(page.texts('.card-line').join('\n')).toContain('UNAUTHORIZED');
    expect(page.text('.card-advice')).toContain('relay or the Tuya cloud');
  });

  it('an unreachable relay shows 10302 and the advice to check the domain list', async () => {
    await page.input('.relay-url', 'http://127.0.0.1:1/temp-passwords');
    await page.input('.pin', '8642097');
    await submitAndWait();
    expect(page.text('.card-title')).toBe('✗ 失败 Failed (10302)');
    expect(page.text('.card-advice')).toContain('request domain list');
  });

  it('the submit button is disabled and relabelled while the request runs', async () => {
    await page.input('.pin', '8642097');
    await page.tap('.submit');
    expect(page.comp.data.running).toBe(true);
    expect(page.text('.submit')).toBe('请求中… Requesting…');
    await page.tap('.submit'); // a second tap while running sends nothing more
    await page.until(() => page.exists('.card'));
    expect(request.count()).toBe(1);
  });
});

describe('Tuya page: the passwords on the device', () => {
  it('lists the device\'s passwords with their state in words', async () => {
    await page.input('.pin', '6172839');
    await submitAndWait();
    const id = shownId();
    await page.tap('.list');
    await page.until(() => page.texts('.password-id').includes(id));
    const row = page.comp.data.passwords.find((r: { id: string }) => r.id === id);
    expect(row).toMatchObject({ id, state: 'active', label: '有效 Active', revocable: true });
    expect(page.texts('.password-state')).toContain('有效 Active');
  });

  it('revokes one: "revoking" while the lock sleeps, and the PIN still opens the door until it wakes', async () => {
    await page.input('.pin', '6172840');
    await submitAndWait();
    const id = shownId();
    stack.cloud.wake(stack.deviceId);
    expect(stack.cloud.tryPin(stack.deviceId, '6172840')).toBe(true);
    stack.cloud.devices[stack.deviceId].asleep = true;
    try {
      await page.tap('.list');
      await page.until(() => page.texts('.password-id').includes(id));
      await page.tap(`.revoke-${id}`);
      await page.until(() => page.exists('.card'));
      expect(page.text('.card-title')).toBe('✓ 撤销中 Revoking');
      expect(page.texts('.card-line').join('\n')).toContain('still opens the door');
      expect(page.comp.data.passwords.find((r: { id: string }) => r.id === id)).toMatchObject({ state: 'revoking', revocable: false });
      expect(stack.cloud.tryPin(stack.deviceId, '6172840')).toBe(true);
    } finally {
      stack.cloud.devices[stack.deviceId].asleep = false;
    }
    stack.cloud.wake(stack.deviceId);
    expect(stack.cloud.tryPin(stack.deviceId, '6172840')).toBe(false);
  });

  it('issues a one-time offline code and shows it with the whole-hour window and the guest notes', async () => {
    await page.tap('.offline');
    await page.until(() => page.exists('.card'));
    expect(page.text('.card-title')).toBe('✓ 离线密码已生成 Offline code issued');
    const codeLine = page.texts('.card-line').find((l) => l.startsWith('离线密码 Offline code: '))!;
    const code = codeLine.split(': ')[1];
    expect(stack.cloud.offlineCodes(stack.deviceId).map((c) => c.code)).toContain(code);
    expect(page.texts('.card-line').some((l) => l.includes('whole hours'))).toBe(true);
    expect(page.texts('.card-line').length).toBeGreaterThan(2);
  });

  it('a foreign session cannot list: the card shows the relay\'s refusal', async () => {
    await page.input('.authorization', 'Bearer someone-else');
    await page.tap('.list');
    await page.until(() => page.exists('.card'));
    expect(page.text('.card-title')).toBe('✗ 失败 Failed (10307)');
    expect(page.comp.data.passwords).toEqual([]);
  });
});

describe('no Tuya secret in the mini-program', () => {
  it('no file under miniprogram/ mentions an access secret or holds the mock cloud secret', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(MINIPROGRAM_ROOT);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      expect({ file, hit: /access_?secret/i.test(text) || text.includes(stack.cloud.accessSecret) }).toEqual({ file, hit: false });
    }
  });
});
