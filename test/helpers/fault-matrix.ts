/**
 * One cell of the fault matrix (issue 3 §4): a fault on one step gives the expected official code
 * within the operation budget, disconnectCallback exactly once when the link dropped (never
 * otherwise), nothing left open once the call has resolved, and the next call succeeds.
 */
import { configure } from '../../plugin/index';
import { CONNECT_ANSWER_MS } from '../../plugin/ble/link-manager';
import { elapse } from './drive';
import type { FaultSpec, Platform } from '../../simulator';
import { expectClean, setupLock, teardown, type Bench } from './ble-harness';
import { BUDGET_SLACK_MS, callPasscode, expectNextCallSucceeds, optionFor, releaseKeptLink } from './passcode-call';

export interface MatrixCell {
  platform: Platform;
  fault: FaultSpec;
  /** The official code expected; 0 when the plugin recovers (e.g. a retried connection). */
  code: number;
  /** The ADD may have reached the lock: the description must say the outcome is unknown. */
  unknown?: boolean;
  /** Settle lost verdicts by reading the lock (lockwire's default); off = the official behaviour. */
  settle?: boolean;
  /** A scripted host app shares the fake wx (its listeners registered). */
  host?: boolean;
}

export function cellName(c: MatrixCell): string {
  const times = c.fault.times && c.fault.times > 1 ? ` x${c.fault.times}` : '';
  const action = c.fault.action.kind === 'fail' ? `fail ${c.fault.action.errCode}` : c.fault.action.kind;
  return `${c.platform} ${c.fault.on}#${c.fault.nth ?? 1}${times} ${action} -> ${c.code}${c.unknown ? ' (outcome unknown)' : ''}`;
}

export async function checkCell(cell: MatrixCell): Promise<void> {
  const bench = setupLock({ platform: cell.platform, host: cell.host });
  bench.host?.listen();
  try {
    await checkCellOn(bench, cell);
  } finally {
    await teardown(bench);
  }
}

async function checkCellOn(bench: Bench, cell: MatrixCell): Promise<void> {
  const { operationBudgetMs } = configure({ settleOutcomes: cell.settle === true });
  bench.fake.faults.add(cell.fault);
  const { result, elapsedMs, disconnects } = await callPasscode(optionFor(bench.lock, { passcode: '7531' }));

  expect(result.errorCode).toBe(cell.code);
  expect(elapsedMs).toBeLessThanOrEqual(operationBudgetMs + BUDGET_SLACK_MS);
  expect(disconnects).toHaveLength(cell.code === 10003 ? 1 : 0);
  if (disconnects.length === 1) expect(disconnects[0]).toMatchObject({ errorCode: 10003, description: result.description });
  expect(/outcome unknown/i.test(result.description)).toBe(cell.unknown === true);
  if (cell.code === 0) {
    expect(bench.lock.passcodes().map((p) => p.passcode)).toEqual(['7531']);
    await releaseKeptLink();
  } else if (!cell.unknown) {
    expect(bench.lock.passcodes()).toEqual([]);
  }
  expectClean(bench.fake);
  // a connect wx never answered keeps that device off limits until a phone's longest connect is over
  if (cell.fault.on === 'createBLEConnection' && cell.fault.action.kind === 'noCallback') await elapse(CONNECT_ANSWER_MS);
  await expectNextCallSucceeds(bench, '8642');
}

/** Writes and reply notifications of one clean operation, counted on the wx surface. */
export async function measureCleanRun(platform: Platform): Promise<{ writes: number; notifications: number }> {
  const bench = setupLock({ platform });
  let notifications = 0;
  const on = bench.fake.wx.onBLECharacteristicValueChange;
  bench.fake.wx.onBLECharacteristicValueChange = (listener: (event: unknown) => void) => {
    on(listener);
    on(() => notifications++);
  };
  try {
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(0);
    return { writes: bench.fake.calls.writeBLECharacteristicValue, notifications };
  } finally {
    await teardown(bench);
  }
}
