/**
 * Property tests of createCustomPasscode over random fault schedules (issue 3 §4): whatever goes
 * wrong, the call resolves (drive throws on a hang), with a documented code, within its
 * budget, at most one disconnectCallback, a success only when the lock really stored the code, and
 * nothing left open once the call and its keep-alive are over.
 */
import fc from 'fast-check';
import { configure, createCustomPasscode } from '../../plugin/index';
import type { TTLockError } from '../../plugin/index';
import { setupLock, teardown, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { elapse } from '../helpers/drive';
import { describeSchedule, FAST_CONFIG, faultSchedule, mayOutlive } from '../helpers/fault-arbitraries';
import { argumentsOf, invalidOption } from '../helpers/option-arbitraries';
import { documentedCodes } from '../helpers/official-codes';
import { BUDGET_SLACK_MS, expectResultShape, optionFor, releaseKeptLink } from '../helpers/passcode-call';
import { drive } from '../helpers/drive';

const RUNS = 1000;

describe('createCustomPasscode under random fault schedules', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  it(`${RUNS} schedules: no hang, no leak, a documented code, within budget`, async () => {
    const documented = documentedCodes();
    const seenCodes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('android' as const, 'ios' as const), faultSchedule, async (platform, schedule) => {
        await teardown(bench);
        bench = setupLock({ platform });
        const { lock, fake } = bench;
        const budget = configure(FAST_CONFIG).operationBudgetMs;
        for (const fault of schedule) fake.faults.add(fault);
        const disconnects: TTLockError[] = [];
        const started = Date.now();

        const result = await drive(
          createCustomPasscode({ ...optionFor(lock), passcode: '8642', disconnectCallback: (r) => disconnects.push(r) }),
        );
        const elapsed = Date.now() - started;
        const context = `${platform} [${describeSchedule(schedule)}] -> ${result.errorCode} ${result.description}`;
        seenCodes.add(result.errorCode);

        expectResultShape(result);
        expect({ context, documented: documented.has(result.errorCode) }).toEqual({ context, documented: true });
        expect(elapsed).toBeLessThanOrEqual(budget + BUDGET_SLACK_MS);
        // disconnectCallback: once exactly when the result is "link dropped", never otherwise
        expect(disconnects.length).toBe(result.errorCode === 10003 ? 1 : 0);
        // never a success the lock did not confirm; a failure after the lock stored it says the outcome is
        // unknown; a settled failure (after a link drop) is never stored
        const stored = lock.passcodes().length > 0;
        if (result.settledAfterDrop && result.errorCode !== 0) expect({ context, stored }).toEqual({ context, stored: false });
        if (result.errorCode === 0) expect(lock.passcodes().map((p) => p.passcode)).toEqual(['8642']);
        else if (stored) expect({ context, unknown: /outcome unknown/i.test(result.description) }).toEqual({ context, unknown: true });

        await releaseKeptLink();
        await elapse(2000); // let delayed wx answers land
        const may = mayOutlive(schedule);
        expect({ context, listeners: fake.listenerCount(), connections: may.connection ? 0 : fake.openConnections(), scanning: may.scan ? false : fake.isScanning(), adapterOpen: may.adapter ? false : fake.adapterOpen() }).toEqual({
          context, listeners: 0, connections: 0, scanning: false, adapterOpen: false,
        });
      }),
      { numRuns: RUNS },
    );
    // the schedules reached failures as well as successes, not only one kind of outcome
    expect(seenCodes.has(0)).toBe(true);
    expect(seenCodes.size).toBeGreaterThan(6);
  }, 180_000); // wall-clock allowance on a shared machine: settling a lost verdict reconnects, in virtual time

  it('random invalid options give 11003 (naming a broken field) or 10005, and make no wx call', async () => {
    bench = setupLock({ platform: 'ios' });
    const { fake } = bench;
    const seen = { 11003: 0, 10005: 0 };
    await fc.assert(
      fc.asyncProperty(invalidOption(bench.lock), async (c) => {
        const call = createCustomPasscode as (...args: unknown[]) => ReturnType<typeof createCustomPasscode>;
        const result = await drive(call(...argumentsOf(c)));
        expectResultShape(result);
        if (c.broken.length > 0) {
          expect(result.errorCode).toBe(11003);
          expect(c.broken.some((field) => result.description.startsWith(`${field}:`))).toBe(true);
        } else {
          expect(result.errorCode).toBe(10005);
        }
        seen[result.errorCode as 11003 | 10005]++;
        expect(fake.totalCalls()).toBe(0);
      }),
      { numRuns: 500 },
    );
    expect(seen[11003]).toBeGreaterThan(0);
    expect(seen[10005]).toBeGreaterThan(0);
  });
});
