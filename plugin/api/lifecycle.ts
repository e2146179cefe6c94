/**
 * stopAllOperations / finishOperations / setShowLog / configure: the official plugin's housekeeping
 * calls (ttlock-plugin-api.md §3), plus configure() for lockwire's tunables.
 */
import { Code, LockError } from '../core/errors';
import { setLogging, type LogSink } from '../core/log';
import { successResult, type TTLockError } from '../core/result';
import { runtime } from './runtime';
import type { LockwireConfig } from './types';
import { isFunction } from '../core/assert';

/**
 * Ends the running operation and every queued one with 10022, stops any scan, closes the link and
 * the adapter, and forgets the deviceIds seen so far. Resolves once Bluetooth is released.
 */
export async function stopAllOperations(): Promise<TTLockError> {
  const reason = new LockError(Code.CANCELLED, 'stopAllOperations() interrupted it');
  runtime.current?.cancel(reason);
  runtime.queue.flush();
  await runtime.existingLinks()?.reset(reason);
  return successResult({}, 'all stopped, Bluetooth released');
}

/**
 * Closes a kept-open link now instead of after keepAliveMs, and releases the adapter. It waits its
 * turn behind queued operations, so calling it after a batch is always safe.
 */
export function finishOperations(): Promise<TTLockError> {
  const done = (): TTLockError => successResult({}, 'Bluetooth released');
  return runtime.queue.push({
    run: async () => {
      await runtime.existingLinks()?.finish();
      return done();
    },
    drop: done,
  });
}

/** Debug log, off by default. Lines never contain keys, lockData, passcodes or tokens. */
export function setShowLog(open: boolean, sink?: LogSink): void {
  setLogging(open === true, isFunction(sink) ? sink : undefined);
}

/** Changes timeouts and retries for later operations; returns the whole effective config. */
export function configure(changes: Partial<LockwireConfig>): LockwireConfig {
  return runtime.configure(changes);
}
