/** @jest-environment jsdom */
/**
 * The "Add passcode" page over the simulator: a person fills the form and taps the button; the tests
 * read what the page shows (progress rows, result card, hints) and what the virtual lock now stores.
 */
import { CMD_MANAGE_KEYBOARD_PASSWORD, PERMANENT_END_MS, PERMANENT_START_MS } from '../../plugin/protocol';
import { PASSCODE_TYPE } from '../../simulator';
import { toEpochMs } from '../../miniprogram/utils/datetime';
import { STEP_NAMES, WINDOW, lockWallClock, passcodeScene, type PasscodeScene } from './passcode-setup';

let s: PasscodeScene;

afterEach(async () => {
  await s.teardown();
});

describe('Add passcode page: the form', () => {
  beforeEach(() => {
    s = passcodeScene();
  });

  it('offers the simulator lock, selected, and the paste option', () => {
    expect(s.page.text('.lock-selected .lock-name')).toBe(s.lock.name);
    expect(s.page.text('.lock-selected .lock-mac')).toBe(s.lock.mac);
    expect(s.page.text('.paste-choice')).toBe('粘贴 lockData Paste lockData');
    expect(s.page.exists('.lockdata')).toBe(false);
    expect(s.page.text('.version')).toBe(`lockwire ${s.plugin.VERSION}`);
  });

  it('validates the passcode while it is typed', async () => {
    expect(s.page.text('.passcode-hint')).toBe('4–9 位数字 4 to 9 digits');
    await s.page.input('.passcode', '12');
    expect(s.page.text('.passcode-hint')).toBe('还差 2 位 2 more digits needed');
    expect(s.page.exists('.passcode-hint.hint-bad')).toBe(true);
    await s.page.input('.passcode', '12a4');
    expect(s.page.text('.passcode-hint')).toBe('只能输入数字 Digits only');
    await s.page.input('.passcode', '1234567890');
    expect(s.page.text('.passcode-hint')).toBe('最多 9 位 At most 9 digits (now 10)');
    await s.page.input('.passcode', '246810');
    expect(s.page.text('.passcode-hint')).toBe('✓ 6 位数字 6 digits');
    expect(s.page.exists('.passcode-hint.hint-bad')).toBe(false);
  });

  it('the permanent switch hides the date pickers', async () => {
    expect(s.page.exists('.start-date')).toBe(true);
    await s.page.change('.permanent', true);
    expect(s.page.exists('.start-date')).toBe(false);
    expect(s.page.exists('.end-time')).toBe(false);
  });
});

describe('Add passcode page: writing to the lock', () => {
  beforeEach(() => {
    s = passcodeScene('ios');
  });

  it('shows every step in order, then the passcode and battery; the lock stores it in its own time', async () => {
    await s.fill('246810');
    await s.submitAndWait();
    expect(s.page.texts('.step-name')).toEqual([
      STEP_NAMES.scanning, STEP_NAMES.connecting, STEP_NAMES.authenticating, STEP_NAMES.writing, STEP_NAMES.done,
    ]);
    const ms = s.page.texts('.step-ms').map((t) => Number(/^\+(\d+) ms$/.exec(t)?.[1]));
    expect(ms.every((v, i) => Number.isFinite(v) && (i === 0 || v >= ms[i - 1]))).toBe(true);
    expect(s.page.text('.card-title')).toBe('✓ 密码已添加 Passcode added');
    expect(s.page.texts('.card-line')).toEqual(
      expect.arrayContaining([
        '密码 Passcode: 246810',
        '有效期 Valid: 2030-05-01 08:00 – 2030-05-02 08:00',
        '电量 Battery: 87%',
      ]),
    );
    expect(s.page.exists('.notice')).toBe(false);
    const start = toEpochMs(WINDOW.startDate, WINDOW.startTime);
    const end = toEpochMs(WINDOW.endDate, WINDOW.endTime);
    expect(s.lock.passcodes()).toEqual([
      { passcode: '246810', original: '246810', type: PASSCODE_TYPE.PERIOD, start: lockWallClock(start, s.lock), end: lockWallClock(end, s.lock), used: false },
    ]);
  });

  it('stores a permanent passcode (officially a 2000-2099 window) when the switch is on', async () => {
    await s.page.input('.passcode', '13579');
    await s.page.change('.permanent', true);
    await s.submitAndWait();
    expect(s.page.texts('.card-line')).toContain('有效期 Valid: 永久 permanent');
    expect(s.lock.passcodes()).toEqual([
      {
        passcode: '13579',
        original: '13579',
        type: PASSCODE_TYPE.PERIOD,
        start: lockWallClock(PERMANENT_START_MS, s.lock),
        end: lockWallClock(PERMANENT_END_MS, s.lock),
        used: false,
      },
    ]);
    expect(s.lock.passcodes()[0].end?.year).toBe(2099);
  });

  it('a second passcode right after reuses the open link: no scanning or connecting rows', async () => {
    await s.fill('246810');
    await s.submitAndWait();
    await s.page.input('.passcode', '8642');
    await s.submitAndWait();
    expect(s.page.texts('.step-name')).toEqual([STEP_NAMES.writing, STEP_NAMES.done]);
    expect(s.lock.passcodes().map((p) => p.passcode)).toEqual(['246810', '8642']);
    expect(s.fake.calls.createBLEConnection).toBe(1);
  });

  it('an invalid passcode gives the 11003 card naming the field, without any Bluetooth call', async () => {
    await s.fill('12');
    await s.submitAndWait();
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (11003)');
    const lines = s.page.texts('.card-line');
    expect(lines).toContain('错误码 Error code: 11003');
    expect(lines.join('\n')).toMatch(/passcode/);
    expect(s.page.text('.card-advice')).toContain('fix the field named in the description');
    expect(s.page.exists('.step')).toBe(false);
    expect(s.fake.totalCalls()).toBe(0);
    expect(s.lock.passcodes()).toEqual([]);
  });

  it('the button is disabled and relabelled while the operation runs; a second tap does nothing', async () => {
    await s.fill('246810');
    await s.page.tap('.submit');
    expect(s.page.comp.data.running).toBe(true);
    expect(s.page.text('.submit')).toBe('进行中… Working…');
    expect(s.page.text('.cancel')).toBe('取消 Cancel');
    await s.page.tap('.submit');
    await s.page.until(() => s.page.exists('.card'));
    expect(s.page.text('.submit')).toBe('添加密码 Add passcode');
    expect(s.page.exists('.cancel')).toBe(false);
    expect(s.lock.received().filter((r) => r.command === CMD_MANAGE_KEYBOARD_PASSWORD).length).toBe(1);
  });

  it('writes to a pasted lockData, and shows 10005 for one that does not decode', async () => {
    await s.page.tap('.paste-choice');
    await s.page.input('.lockdata', `  ${s.lock.lockData()}\n`);
    await s.fill('975310');
    await s.submitAndWait();
    expect(s.page.text('.card-title')).toBe('✓ 密码已添加 Passcode added');
    expect(s.lock.passcodes().map((p) => p.passcode)).toEqual(['975310']);
    await s.page.input('.lockdata', 'not-a-lockdata');
    await s.submitAndWait();
    expect(s.page.text('.card-title')).toBe('✗ 失败 Failed (10005)');
    expect(s.page.text('.card-advice')).toContain('/v3/key/list');
  });

  it('the debug log shows the steps, with the passcode never in it; leaving the page closes the link', async () => {
    await s.page.change('.log-switch', true);
    await s.fill('246810');
    await s.submitAndWait();
    const log = s.page.texts('.log-line');
    expect(log.some((l) => l.includes('step writing'))).toBe(true);
    expect(log.join('\n')).not.toContain('246810');
    expect(s.fake.openConnections()).toBe(1); // kept open for a following operation
    s.page.comp.detach();
    await s.page.until(() => s.fake.openConnections() === 0, 1000);
  });
});
