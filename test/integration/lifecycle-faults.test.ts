/**
 * Faults over every operation that changes the lock (add, modify, delete), checked against the
 * virtual lock's real state after each run: a claimed success is always what the lock holds, a
 * claimed failure never took effect, and a result that cannot tell says `outcomeUnknown`.
 * First a matrix of the faults that lose a write's verdict, then random fault schedules.
 */
import fc from 'fast-check';
import * as plugin from '../../plugin/index';
import type { TTLockError } from '../../plugin/index';
import type { FaultSpec, Platform, VirtualLock } from '../../simulator';
import { lockLocalMs, setupLock, teardown, useFakeBluetooth, type Bench } from '../helpers/ble-harness';
import { drive, elapse } from '../helpers/drive';
import { describeSchedule, FAST_CONFIG, faultSchedule } from '../helpers/fault-arbitraries';
import { documentedCodes } from '../helpers/official-codes';
import { BUDGET_SLACK_MS, releaseKeptLink } from '../helpers/passcode-call';

interface WriteOp {
  name: string;
  prepare(lock: VirtualLock): void;
  call(lock: VirtualLock): Promise<TTLockError>;
  /** What the lock holds when the operation took effect, and when it did not. */
  applied(lock: VirtualLock): boolean;
  untouched(lock: VirtualLock): boolean;
}

const window = (lock: VirtualLock) => ({
  startDate: lockLocalMs(2031, 1, 1, 8, 0, lock.timezoneRawOffset),
  endDate: lockLocalMs(2031, 12, 31, 20, 0, lock.timezoneRawOffset),
});
const holds = (lock: VirtualLock, code: string, year?: number) =>
  lock.passcodes().some((p) => p.passcode === code && (year === undefined || p.start.year === year));

const OPS: WriteOp[] = [
  {
    name: 'createCustomPasscode',
    prepare: () => undefined,
    call: (lock) => plugin.createCustomPasscode({ passcode: '8642', ...window(lock), lockData: lock.lockData() }),
    applied: (lock) => holds(lock, '8642', 2031),
    untouched: (lock) => lock.passcodes().length === 0,
  },
  {
    name: 'modifyPasscode',
    prepare: (lock) => lock.addPasscodeDirectly('1111'),
    call: (lock) => plugin.modifyPasscode({ originalPasscode: '1111', passcode: '2222', ...window(lock), lockData: lock.lockData() }),
    applied: (lock) => holds(lock, '2222', 2031) && !holds(lock, '1111'),
    untouched: (lock) => holds(lock, '1111', 2000) && !holds(lock, '2222'),
  },
  {
    name: 'deletePasscode',
    prepare: (lock) => lock.addPasscodeDirectly('8642'),
    call: (lock) => plugin.deletePasscode({ passcode: '8642', lockData: lock.lockData() }),
    applied: (lock) => !holds(lock, '8642'),
    untouched: (lock) => holds(lock, '8642'),
  },
];

function checkAgainstLock(op: WriteOp, lock: VirtualLock, result: TTLockError, context: string): void {
  const state = { context, applied: op.applied(lock), untouched: op.untouched(lock) };
  if (result.errorCode === 0) expect(state).toEqual({ context, applied: true, untouched: false });
  else if (!result.outcomeUnknown) expect(state).toEqual({ context, applied: false, untouched: true });
  else expect({ context, says: /outcome unknown/i.test(result.description) }).toEqual({ context, says: true });
  if (result.settledAfterDrop) expect(result.description).toMatch(/confirmed after a link drop/);
}

/** Faults that lose the verdict of the operation's write (the third reply of a cold run). */
const LOST_VERDICT: Array<[string, FaultSpec]> = [
  ['reply dropped', { on: 'reply', nth: 3, action: { kind: 'drop' } }],
  ['reply lost', { on: 'reply', nth: 3, action: { kind: 'lose' } }],
  ['reply corrupted', { on: 'reply', nth: 3, action: { kind: 'corruptCrc' } }],
  ['reply under another key', { on: 'reply', nth: 3, action: { kind: 'wrongKey' } }],
];

let bench: Bench | undefined;
useFakeBluetooth();

describe('settled outcomes: a lost verdict of every write', () => {
  const rows = (['android', 'ios'] as Platform[]).flatMap((p) => OPS.flatMap((op) => LOST_VERDICT.map(([f, spec]) => [p, op.name, f, op, spec] as const)));

  it.each(rows)('%s %s, %s: settled from the lock', async (platform, _name, _fault, op, spec) => {
    await teardown(bench);
    bench = setupLock({ platform });
    op.prepare(bench.lock);
    bench.fake.faults.add(spec);
    const result = await drive(op.call(bench.lock));
    expect(result).toMatchObject({ errorCode: 0, settledAfterDrop: true });
    expect(result.outcomeUnknown).toBeUndefined();
    checkAgainstLock(op, bench.lock, result, `${platform} ${op.name}`);
    await releaseKeptLink();
  });

  it.each(OPS.map((op) => [op.name, op] as const))('%s: settling off gives 10003 with outcomeUnknown, as the official plugin', async (_name, op) => {
    bench = setupLock({ platform: 'android' });
    plugin.configure({ settleOutcomes: false });
    op.prepare(bench.lock);
    bench.fake.faults.add({ on: 'reply', nth: 3, action: { kind: 'drop' } });
    const result = await drive(op.call(bench.lock));
    expect(result).toMatchObject({ errorCode: 10003, outcomeUnknown: true });
    expect(op.applied(bench.lock)).toBe(true); // the lock did it; only the answer was lost
  });

  it('a code the lock does not list (never typed) is written again to decide', async () => {
    bench = setupLock({ platform: 'android', lock: { rules: { listsUnusedPasscodes: false } } });
    const op = OPS[0];
    bench.fake.faults.add({ on: 'reply', nth: 3, action: { kind: 'drop' } });
    const result = await drive(op.call(bench.lock));
    // stored but unlisted: the second ADD answers "exists", so nobody can read its window
    expect(result).toMatchObject({ errorCode: 10003, outcomeUnknown: true });
    expect(op.applied(bench.lock)).toBe(true);
  });

  it('reconnecting fails: the link error stays, with outcomeUnknown and one disconnectCallback', async () => {
    bench = setupLock({ platform: 'android' });
    const drops: TTLockError[] = [];
    bench.fake.faults.add({ on: 'reply', nth: 3, action: { kind: 'drop' } });
    bench.fake.faults.add({ on: 'createBLEConnection', nth: 2, times: 50, action: { kind: 'fail', errCode: 10003 } });
    const result = await drive(plugin.deletePasscode({ passcode: '8642', lockData: bench.lock.lockData(), disconnectCallback: (r) => drops.push(r) }));
    expect(result).toMatchObject({ errorCode: 10003, outcomeUnknown: true });
    expect(result.description).toMatch(/Reconnecting to check failed/);
    expect(drops).toEqual([expect.objectContaining({ errorCode: 10003, description: result.description })]);
  });
});

describe('random fault schedules over every write', () => {
  it('200 schedules: a documented code within budget, and the verdict always matches the lock', async () => {
    const documented = documentedCodes();
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPS), fc.constantFrom('android' as const, 'ios' as const), faultSchedule, async (op, platform, schedule) => {
        await teardown(bench);
        bench = setupLock({ platform });
        const cfg = plugin.configure(FAST_CONFIG);
        // the adapter open has its own limit outside the budget (a permission popup waits for the user)
        const open = schedule.find((f) => f.on === 'openBluetoothAdapter')?.action;
        const openWait = open?.kind === 'noCallback' ? cfg.adapterTimeoutMs : open?.kind === 'delay' ? Math.min(open.ms, cfg.adapterTimeoutMs) : 0;
        const budget = cfg.operationBudgetMs + openWait;
        op.prepare(bench.lock);
        for (const fault of schedule) bench.fake.faults.add(fault);
        const started = Date.now();
        const result = await drive(op.call(bench.lock));
        const context = `${op.name} ${platform} [${describeSchedule(schedule)}] -> ${result.errorCode} ${result.description}`;
        seen.add(result.errorCode);
        expect({ context, documented: documented.has(result.errorCode) }).toEqual({ context, documented: true });
        // settling runs within the same budget; releasing the dead link adds one more cleanup at most
        expect(Date.now() - started).toBeLessThanOrEqual(budget + 2 * BUDGET_SLACK_MS);
        checkAgainstLock(op, bench.lock, result, context);
        bench.fake.faults.clear();
        await releaseKeptLink();
        await elapse(2000);
      }),
      { numRuns: 200 },
    );
    expect(seen.has(0)).toBe(true);
    expect(seen.size).toBeGreaterThan(3);
  }, 180_000);
});

describe('faults on every reply of the other operations', () => {
  const ACTIONS = [
    [{ kind: 'drop' }, 10003],
    [{ kind: 'lose' }, 10017],
    [{ kind: 'corruptCrc' }, 1],
    [{ kind: 'wrongKey' }, 10001],
  ] as const;
  const OTHERS: Array<[string, number, (lock: VirtualLock) => Promise<TTLockError>, (lock: VirtualLock, r: TTLockError) => void]> = [
    ['getAllValidPasscode', 4, (lock) => plugin.getAllValidPasscode({ lockData: lock.lockData() }), () => undefined],
    ['getLockTime', 1, (lock) => plugin.getLockTime({ lockData: lock.lockData() }), () => undefined],
    ['setLockTime', 3, (lock) => plugin.setLockTime({ lockData: lock.lockData() }), (lock, r) => {
      // a claimed success set the clock; a failure before the calibrate left it 5 minutes behind
      if (r.errorCode === 0) expect(Math.abs(lock.clockOffsetMs())).toBeLessThan(1000);
      else if (!r.outcomeUnknown) expect(Math.round(lock.clockOffsetMs() / 60_000)).toBe(-5);
    }],
    ['resetPasscode', 3, (lock) => plugin.resetPasscode({ lockData: lock.lockData() }), (lock, r) => {
      if (r.errorCode === 0 || !r.outcomeUnknown) expect(lock.resetTable() !== null).toBe(r.errorCode === 0);
    }],
  ];
  const rows = OTHERS.flatMap(([name, replies, call, check]) =>
    ACTIONS.flatMap(([action, code]) => Array.from({ length: replies }, (_, i) => [name, i + 1, action.kind, code, action, call, check] as const)));

  it.each(rows)('%s, reply %i %s -> %i', async (_name, nth, _kind, code, action, call, check) => {
    await teardown(bench);
    bench = setupLock({ platform: 'ios' });
    for (let i = 0; i < 5; i++) bench.lock.addPasscodeDirectly(String(4000 + i)); // two list pages
    bench.lock.setLockTime(Date.now() - 300_000);
    bench.fake.faults.add({ on: 'reply', nth, action });
    const result = await drive(call(bench.lock));
    expect(result.errorCode).toBe(code);
    check(bench.lock, result);
    bench.fake.faults.clear();
    expect((await drive(call(bench.lock))).errorCode).toBe(0); // and the next call works
    await releaseKeptLink();
  });
});
