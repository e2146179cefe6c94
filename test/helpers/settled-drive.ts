/**
 * drive() for long chains of promise jobs. drive.ts flushes a fixed 20 rounds of promise jobs
 * before it looks at the timer count; an operation that fails three connection attempts in a row
 * without any timer (each wx answer is itself a promise job) needs more, so drive() reports a
 * hang while the operation is still making progress. Here each step first drains the job queue
 * completely (one turn of the REAL setImmediate, which jest's fake timers do not replace when
 * taken from the actual 'timers' module), and only then concludes "no timer left = hang".
 */
const realSetImmediate: (fn: () => void) => unknown = jest.requireActual('timers').setImmediate;

/** Runs every promise job that is queued now, and every job those jobs queue. */
export function drainJobs(): Promise<void> {
  return new Promise<void>((resolve) => {
    realSetImmediate(resolve);
  });
}

/** Runs `promise` to completion under fake timers, from timer to timer; throws on a hang. */
export async function driveSettled<T>(promise: Promise<T>, maxVirtualMs = 300_000): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => undefined);
  const start = Date.now();
  for (;;) {
    await drainJobs();
    if (done) break;
    if (jest.getTimerCount() === 0) throw new Error('driveSettled: promise pending with no timer left (hang)');
    if (Date.now() - start > maxVirtualMs) throw new Error(`driveSettled: still pending after ${maxVirtualMs} virtual ms`);
    await jest.advanceTimersToNextTimerAsync();
  }
  return watched;
}
