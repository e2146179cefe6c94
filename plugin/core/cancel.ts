/**
 * Cancellation for one operation. stopAllOperations() cancels the scope; every await in the BLE flow
 * goes through race(), so the operation ends at its next step boundary with the cancel reason, and
 * cleanup callbacks registered with onCancel() run exactly once.
 */
import type { LockError } from './errors';

export class CancelScope {
  private _reason: LockError | undefined;
  private readonly _rejecters = new Set<(err: LockError) => void>();
  private readonly _cleanups: Array<() => void> = [];

  get cancelled(): boolean {
    return this._reason !== undefined;
  }

  get reason(): LockError | undefined {
    return this._reason;
  }

  cancel(reason: LockError): void {
    if (this._reason) return;
    this._reason = reason;
    for (const reject of this._rejecters) reject(reason);
    this._rejecters.clear();
    for (const fn of this._cleanups.splice(0)) {
      try {
        fn();
      } catch {
        // cleanup is best effort; the operation is already ending with `reason`
      }
    }
  }

  onCancel(fn: () => void): void {
    if (this._reason) fn();
    else this._cleanups.push(fn);
  }

  throwIfCancelled(): void {
    if (this._reason) throw this._reason;
  }

  /** Resolves or rejects like `promise`, unless the scope is cancelled first. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this._reason) {
      promise.catch(() => undefined);
      return Promise.reject(this._reason);
    }
    return new Promise<T>((resolve, reject) => {
      this._rejecters.add(reject);
      promise.then(
        (value) => {
          this._rejecters.delete(reject);
          resolve(value);
        },
        (err) => {
          this._rejecters.delete(reject);
          reject(err);
        },
      );
    });
  }
}
