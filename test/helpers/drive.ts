/**
 * Runs a promise to completion under jest's modern fake timers, jumping from timer to timer, so
 * virtual time advances exactly as the code schedules it. Before each jump the promise-job queue is
 * drained completely (one turn of the REAL setImmediate, which the fake timers leave alone when taken
 * from the actual 'timers' module): a chain of instant wx answers can be long. If the promise is still
 * pending when no timer is left, nothing can ever settle it: that is a hang, and drive() says so.
 */
const realSetImmediate: (fn: () => void) => unknown = jest.requireActual('timers').setImmediate;

/** Runs every promise job queued now, and every job those jobs queue. */
export function drainJobs(): Promise<void> {
  return new Promise<void>((resolve) => {
    realSetImmediate(resolve);
  });
}

export async function drive<T>(promise: Promise<T>, maxVirtualMs = 300_000): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => undefined);
  const start = Date.now();
  for (;;) {
    await drainJobs();
    if (done) break;
    if (jest.getTimerCount() === 0) throw new Error('drive: promise pending with no timer left (hang)');
    if (Date.now() - start > maxVirtualMs) throw new Error(`drive: still pending after ${maxVirtualMs} virtual ms`);
    await jest.advanceTimersToNextTimerAsync();
  }
  return watched;
}

/** Advances virtual time by `ms` (running due timers and promise jobs). */
export async function elapse(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}
