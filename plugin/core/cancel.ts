/**
 * Cancellation for one operation. stopAllOperations() cancels the scope; every await in the BLE flow
 * goes through race(), so the operation ends at its next step boundary with the cancel reason, and
 * cleanup callbacks registered with onCancel() run exactly once.
 */
import type { LockError } from './errors';

export class CancelScope {
  private reason: LockError | undefined;
  private readonly rejecters = new Set<(err: LockError) => void>();
  private readonly cleanups: Array<() => void> = [];

  get cancelled(): boolean {
    return this.reason !== undefined;
  }

  cancel(reason: LockError): void {
    if (this.reason) return;
    this.reason = reason;
    for (const reject of this.rejecters) reject(reason);
    this.rejecters.clear();
    for (const fn of this.cleanups.splice(0)) {
      try {
        fn();
      } catch {
        // cleanup is best effort; the operation is already ending with `reason`
      }
    }
  }

  onCancel(fn: () => void): void {
    if (this.reason) fn();
    else this.cleanups.push(fn);
  }

  throwIfCancelled(): void {
    if (this.reason) throw this.reason;
  }

  /** Resolves or rejects like `promise`, unless the scope is cancelled first. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.reason) {
      promise.catch(() => undefined);
      return Promise.reject(this.reason);
    }
    return new Promise<T>((resolve, reject) => {
      this.rejecters.add(reject);
      promise.then(
        (value) => {
          this.rejecters.delete(reject);
          resolve(value);
        },
        (err) => {
          this.rejecters.delete(reject);
          reject(err);
        },
      );
    });
  }
}
