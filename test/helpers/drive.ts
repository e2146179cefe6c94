/**
 * Runs a promise to completion under jest's modern fake timers, jumping from timer to timer, so
 * virtual time advances exactly as the code schedules it. If the promise is still pending when no
 * timer is left, nothing can ever settle it: that is a hang, and drive() says so.
 */
export async function drive<T>(promise: Promise<T>, maxVirtualMs = 120_000): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => undefined);
  const start = Date.now();
  while (!done) {
    await flushMicrotasks();
    if (done) break;
    if (jest.getTimerCount() === 0) throw new Error('drive: promise pending with no timer left (hang)');
    if (Date.now() - start > maxVirtualMs) throw new Error(`drive: still pending after ${maxVirtualMs} virtual ms`);
    await jest.advanceTimersToNextTimerAsync();
  }
  return watched;
}

/** Lets every queued promise job run (several rounds, for chains of awaits). */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** Advances virtual time by `ms` (running due timers and promise jobs). */
export async function elapse(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}
