/**
 * setShowLog: off by default, and when on, no line ever carries a secret: not the passcode, not the
 * lockData, not the AES key (in any spelling), not adminPs or unlockKey, whatever path the
 * operation takes.
 */
import { setShowLog } from '../../plugin/index';
import type { FaultSpec } from '../../simulator';
import { setupLock, teardown, type Bench } from '../helpers/ble-harness';
import { callPasscode, optionFor, releaseKeptLink } from '../helpers/passcode-call';

const PASSCODE = '80604020';

/** Every way a secret of this lock could be spelled in a line. */
function secretsOf(bench: Bench, lockData: string): string[] {
  const { lock } = bench;
  const hex = Buffer.from(lock.aesKey).toString('hex');
  const json = lock.lockDataJson();
  return [
    PASSCODE,
    lockData,
    lockData.slice(0, 24),
    hex,
    hex.toUpperCase(),
    String(json.aesKeyStr),
    String(json.adminPwd),
    String(json.lockKey),
    String(lock.adminPs),
    String(lock.unlockKey),
    Buffer.from(lock.aesKey).toString('base64'),
  ];
}

const PATHS: Array<[string, FaultSpec[] | 'lock-error' | 'bad-lockdata']> = [
  ['success', []],
  ['link drop during ADD', [{ on: 'reply', nth: 3, action: { kind: 'drop' } }]],
  ['corrupted reply', [{ on: 'reply', nth: 2, action: { kind: 'corruptCrc' } }]],
  ['reply under another key', [{ on: 'reply', nth: 1, action: { kind: 'wrongKey' } }]],
  ['write failure', [{ on: 'writeBLECharacteristicValue', nth: 2, action: { kind: 'fail', errCode: 10008 } }]],
  ['unsolicited frame', [{ on: 'reply', nth: 3, action: { kind: 'unsolicited' } }]],
  ['lock error (passcode exists)', 'lock-error'],
  ['lockData that does not decode', 'bad-lockdata'],
];

describe('setShowLog never prints secrets', () => {
  let bench: Bench | undefined;
  let lines: string[];
  beforeEach(() => {
    jest.useFakeTimers();
    lines = [];
  });
  afterEach(async () => {
    setShowLog(false);
    await teardown(bench);
    bench = undefined;
    jest.useRealTimers();
  });

  it('is off by default: nothing reaches console.log', async () => {
    bench = setupLock();
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { result } = await callPasscode(optionFor(bench.lock));
      expect(result.errorCode).toBe(0);
      expect(spy.mock.calls.filter((args) => String(args[0]).includes('[lockwire]'))).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  it.each(PATHS)('%s: lines are written, none holds a secret', async (_name, path) => {
    bench = setupLock({ platform: 'ios' });
    setShowLog(true, (line) => lines.push(line));
    let lockData = bench.lock.lockData();
    if (path === 'lock-error') bench.lock.addPasscodeDirectly(PASSCODE);
    else if (path === 'bad-lockdata') lockData = lockData.slice(0, -8);
    else for (const fault of path) bench.fake.faults.add(fault);

    const { result } = await callPasscode(optionFor(bench.lock, { passcode: PASSCODE, lockData }));
    await releaseKeptLink();
    expect(lines.length).toBeGreaterThan(0);
    const text = lines.join('\n');
    // the log is useful: a failure is visible in it
    if (result.errorCode !== 0) expect(text).toMatch(/failed|rejected/);
    for (const secret of secretsOf(bench, bench.lock.lockData())) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
  });

  it('setShowLog(false) stops the lines', async () => {
    bench = setupLock();
    setShowLog(true, (line) => lines.push(line));
    await callPasscode(optionFor(bench.lock, { passcode: '1212' }));
    const before = lines.length;
    expect(before).toBeGreaterThan(0);
    setShowLog(false);
    await callPasscode(optionFor(bench.lock, { passcode: '3434' }));
    expect(lines.length).toBe(before);
  });
});
