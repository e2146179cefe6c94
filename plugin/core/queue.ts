/**
 * Operations run one at a time, first come first served. TTLock locks (and the one shared WeChat
 * Bluetooth adapter) handle one operation at a time; the official plugin answers a second call with
 * 11013 "busy", we make it wait its turn instead.
 */
export interface QueuedTask<T> {
  run: () => Promise<T>;
  /** Called instead of run() when the queue is flushed before the task started. */
  drop: () => T;
}

interface Entry {
  start: () => void;
  dropNow: () => void;
}

export class SerialQueue {
  private readonly _waiting: Entry[] = [];
  private _running = false;

  get size(): number {
    return this._waiting.length + (this._running ? 1 : 0);
  }

  push<T>(task: QueuedTask<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      const entry: Entry = {
        start: () => {
          task.run().then(resolve, () => resolve(task.drop())).then(() => this._next());
        },
        dropNow: () => resolve(task.drop()),
      };
      this._waiting.push(entry);
      if (!this._running) this._next();
    });
  }

  /** Resolves every task that has not started yet with its drop() value. */
  flush(): void {
    for (const entry of this._waiting.splice(0)) entry.dropNow();
  }

  private _next(): void {
    const entry = this._waiting.shift();
    this._running = entry !== undefined;
    if (entry) entry.start();
  }
}
