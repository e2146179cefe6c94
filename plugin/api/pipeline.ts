/**
 * The one operation pipeline. An operation is a small description (operation.ts): its validated
 * input, which login it needs, its commands, and how to settle a write whose reply was lost. This
 * file owns everything they share: the queue, the link, progress, the budget, cancellation, the
 * disconnect callback, the unknown outcome and its settling, and releasing Bluetooth.
 * Every call resolves with the TTLockError shape; none rejects.
 */
import { CancelScope } from '../core/cancel';
import { Code, hasCode, isLockError, LockError, OFFICIAL_CODE } from '../core/errors';
import { log } from '../core/log';
import { errorResult, successResult, type TTLockError } from '../core/result';
import { Deadline } from '../core/timeouts';
import type { AcquireContext } from '../ble/link-manager';
import type { LockLink } from '../ble/lock-link';
import { leavesOutcomeUnknown, LinkSession } from './link-session';
import type { Operation, Outcome } from './operation';
import { runtime } from './runtime';
import type { ProgressStep } from './types';

const UNKNOWN_PROSE = ' Outcome unknown: sent, not confirmed.';

function notify<T>(fn: ((value: T) => void) | undefined, value: T): void {
  try {
    if (fn) fn(value);
  } catch {
    // a throwing host callback must not break the operation
  }
}

/** Validates with `build` (errors resolve at once, before any Bluetooth), then queues the operation. */
export function startOperation<R extends object>(name: string, build: () => Operation<R>): Promise<TTLockError & Partial<R>> {
  let op: Operation<R>;
  try {
    op = build();
  } catch (err) {
    log(`${name} rejected: ${isLockError(err) ? err.code : 'error'}`);
    return Promise.resolve(errorResult(err) as TTLockError & Partial<R>);
  }
  return runtime.queue.push<TTLockError & Partial<R>>({
    run: () => execute(name, op),
    drop: () => errorResult(new LockError(Code.CANCELLED, 'stopAllOperations() ended it before it started')) as TTLockError & Partial<R>,
  });
}

async function execute<R extends object>(name: string, op: Operation<R>): Promise<TTLockError & Partial<R>> {
  const scope = new CancelScope();
  runtime.current = scope;
  const cfg = runtime.config;
  const deadline = new Deadline(runtime.clock, cfg.operationBudgetMs);
  let lastStep: ProgressStep | undefined;
  const progress = (step: ProgressStep) => {
    if (step === lastStep) return;
    lastStep = step;
    log(`step ${step}`);
    notify(op.onStep, step);
  };
  const limits = { writeMs: () => deadline.limit(cfg.gattTimeoutMs), replyMs: () => deadline.limit(cfg.replyTimeoutMs) };
  let link: LockLink | undefined;
  let session: LinkSession | undefined;
  let healthy = false;
  const ctx: AcquireContext = { scope, deadline, progress };
  const connect = async () => {
    link = await runtime.bluetooth().links.acquire(op.lockInfo.lockMac, ctx);
    return new LinkSession(link, op.lockInfo, op.lockZoneMs, limits, scope);
  };
  // a new link after a failed one: the failed one is released first
  const reconnect = async () => {
    if (link) await runtime.existingLinks()?.release(link, false);
    link = undefined;
    return connect();
  };
  const attempt = async (open: () => Promise<LinkSession>) => {
    session = await open();
    if (op.needsAdmin && session.loggedInAs !== 'admin') {
      progress('authenticating');
      await session.adminLogin();
    }
    progress('writing');
    const outcome = await op.run(session, progress);
    healthy = true;
    progress('done');
    return finish(outcome);
  };
  try {
    try {
      return await attempt(connect);
    } catch (err) {
      // The host closed the adapter before anything that changes the lock went out: run again, once
      // (acquire reopens it). After such a command, the settling below decides instead.
      if (!session || !(await runtime.bluetooth().links.adapterClosed(err, ctx)) || session.wrote) throw err;
      return await attempt(reconnect);
    }
  } catch (err) {
    // The lock said no over a working link: the link is still good for the next operation.
    healthy = hasCode(err, Code.LOCK_REPORTED);
    const unknown = session !== undefined && session.awaitingWriteReply && leavesOutcomeUnknown(err);
    const result = errorResult(err);
    if (unknown) {
      result.outcomeUnknown = true;
      result.description += UNKNOWN_PROSE + (op.unknownHint ?? '');
    }
    let final: TTLockError = result;
    if (unknown && op.settle && cfg.settleOutcomes && !scope.cancelled) {
      const settled = await settle(op, err, reconnect);
      if (settled) {
        healthy = !settled.outcomeUnknown;
        final = settled;
      }
    }
    // Only a result that is "link dropped" reports the drop: a settled verdict replaces it.
    if (final.errorCode === OFFICIAL_CODE[Code.BLE_DISCONNECTED]) notify(op.onDrop, Object.assign({}, final));
    log(`${name} ${final.errorCode === 0 ? 'settled' : 'failed'}: ${final.errorCode}${final.outcomeUnknown ? ' (outcome unknown)' : ''}`);
    return final as TTLockError & Partial<R>;
  } finally {
    if (runtime.current === scope) runtime.current = null;
    if (link) await runtime.existingLinks()?.release(link, healthy && !scope.cancelled);
  }
}

function finish<R extends object>(outcome: Outcome<R>, note = ''): TTLockError & R {
  const extra = Object.assign({}, outcome.extra) as R & { electricQuantity?: number };
  if (outcome.lockBattery !== undefined) extra.electricQuantity = outcome.lockBattery;
  return successResult(extra, outcome.summary + note);
}

/**
 * Reconnects within the budget and asks the operation to read the lock's real state (§3).
 * Returns the settled result, or undefined when it could not be settled (the caller then reports
 * the outcome as unknown, saying why).
 */
async function settle<R extends object>(op: Operation<R>, original: unknown, reconnect: () => Promise<LinkSession>): Promise<TTLockError | undefined> {
  const note = ' (confirmed after a link drop, on the lock)';
  try {
    const verdict = await (op.settle as NonNullable<Operation<R>['settle']>)(await reconnect());
    if (verdict === undefined) return undefined;
    if (isLockError(verdict)) {
      const result = errorResult(verdict);
      result.description += note;
      result.settledAfterDrop = true;
      return result;
    }
    return Object.assign(finish(verdict, note), { settledAfterDrop: true });
  } catch (err) {
    log(`settling failed: ${isLockError(err) ? err.code : 'error'}`);
    const result = errorResult(original);
    result.outcomeUnknown = true;
    result.description += `${UNKNOWN_PROSE} Reconnecting to check failed (${errorResult(err).errorCode}).`;
    return result;
  }
}
