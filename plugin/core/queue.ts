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
  private readonly waiting: Entry[] = [];
  private running = false;

  get size(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  push<T>(task: QueuedTask<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      const entry: Entry = {
        start: () => {
          task.run().then(resolve, () => resolve(task.drop())).then(() => this.next());
        },
        dropNow: () => resolve(task.drop()),
      };
      this.waiting.push(entry);
      if (!this.running) this.next();
    });
  }

  /** Resolves every task that has not started yet with its drop() value. */
  flush(): void {
    for (const entry of this.waiting.splice(0)) entry.dropNow();
  }

  private next(): void {
    const entry = this.waiting.shift();
    this.running = entry !== undefined;
    if (entry) entry.start();
  }
}
