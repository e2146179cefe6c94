/**
 * Gateway writes one at a time (ttlock-cloud-api.md §6.2): a gateway busy with one command answers the
 * next with -3003, so writes that share a gateway wait for each other. Keys are "gateway:<id>", or
 * "lock:<id>" when the gateway is unknown. A failed task does not block the next; the map holds only
 * keys with work pending, so it cannot grow without bound.
 */
export interface SerialQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Tasks running or waiting per key (for tests and benchmarks). */
  pending(key: string): number;
}

export function createSerialQueue(): SerialQueue {
  const tails = new Map<string, { tail: Promise<unknown>; count: number }>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const entry = tails.get(key) ?? { tail: Promise.resolve(), count: 0 };
      const result = entry.tail.then(task, task);
      entry.count++;
      entry.tail = result.then(
        () => undefined,
        () => undefined,
      ).then(() => {
        if (--entry.count === 0 && tails.get(key) === entry) tails.delete(key);
      });
      tails.set(key, entry);
      return result;
    },
    pending: (key) => tails.get(key)?.count ?? 0,
  };
}
