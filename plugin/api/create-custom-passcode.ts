/**
 * createCustomPasscode: validate, wait for our turn in the queue, then find the lock, authenticate
 * and write. Always resolves with the TTLockError shape; never rejects.
 */
import { CancelScope } from '../core/cancel';
import { isLockError, LockError } from '../core/errors';
import { log } from '../core/log';
import { errorResult, successResult, type TTLockError } from '../core/result';
import { Deadline } from '../core/timeouts';
import type { LockLink } from '../ble/lock-link';
import { addPasscode, authenticate } from '../ble/passcode-sequence';
import { readArguments, validatePasscodeRequest, type PasscodeRequest } from './passcode-request';
import { runtime } from './runtime';
import type { CreateCustomPasscodeOption, CreateCustomPasscodeResult, DisconnectCallback, ProgressStep } from './types';

/** Writes a keypad passcode to a TTLock V3 lock. Never rejects: failures resolve with errorCode != 0. */
export function createCustomPasscode(option: CreateCustomPasscodeOption): Promise<CreateCustomPasscodeResult>;
/** The official 2.x positional form, still accepted by the 3.x plugin. */
export function createCustomPasscode(
  passcode: string,
  startDate: number | string,
  endDate: number | string,
  lockData: string,
  disconnectCallback?: DisconnectCallback,
): Promise<CreateCustomPasscodeResult>;
export function createCustomPasscode(...args: unknown[]): Promise<CreateCustomPasscodeResult> {
  let request: PasscodeRequest;
  try {
    request = validatePasscodeRequest(readArguments(args));
  } catch (err) {
    log(`createCustomPasscode rejected its arguments: ${isLockError(err) ? err.code : 'error'}`);
    return Promise.resolve(errorResult(err));
  }
  return runtime.queue.push({
    run: () => run(request),
    drop: () => errorResult(new LockError('CANCELLED', 'stopAllOperations() ended this operation before it started')),
  });
}

function notify<T>(fn: ((value: T) => void) | undefined, value: T): void {
  if (!fn) return;
  try {
    fn(value);
  } catch {
    // a throwing host callback must not break the operation
  }
}

async function run(request: PasscodeRequest): Promise<CreateCustomPasscodeResult> {
  const scope = new CancelScope();
  runtime.current = scope;
  const cfg = runtime.config;
  const deadline = new Deadline(runtime.clock, cfg.operationBudgetMs);
  let lastStep: ProgressStep | undefined;
  const progress = (step: ProgressStep) => {
    if (step === lastStep) return;
    lastStep = step;
    log(`step ${step}`);
    notify(request.onProgress, step);
  };
  const limits = {
    writeMs: () => deadline.limit(cfg.gattTimeoutMs),
    replyMs: () => deadline.limit(cfg.replyTimeoutMs),
  };
  let link: LockLink | undefined;
  let healthy = false;
  try {
    const { links } = runtime.bluetooth();
    link = await links.acquire(request.lockData.lockMac, { scope, deadline, progress });
    progress('authenticating');
    await scope.race(authenticate(link, request.lockData, limits));
    progress('writing');
    const { battery } = await scope.race(addPasscode(link, request, limits));
    healthy = true;
    progress('done');
    return successResult({ passcode: request.passcode, electricQuantity: battery }, 'passcode stored on the lock');
  } catch (err) {
    // The lock said no over a working link: the link is still good for the next operation.
    healthy = isLockError(err) && err.code === 'LOCK_REPORTED';
    const result: TTLockError = errorResult(err);
    log(`createCustomPasscode failed: ${result.errorCode}`);
    if (isLockError(err) && err.code === 'BLE_DISCONNECTED') notify(request.disconnectCallback, Object.assign({}, result));
    return result;
  } finally {
    if (runtime.current === scope) runtime.current = null;
    if (link) await runtime.existingLinks()?.release(link, healthy && !scope.cancelled);
  }
}
