/**
 * The simulated radio link is first-in first-out on REAL timers too. Node runs every expired timer
 * of one duration list before it looks at the next list, so when the event loop is late (a loaded CI
 * machine) a timer can fire before another that expired earlier. The link model gave each operation
 * its own setTimeout, so a reply's last notification could overtake its first: the plugin never saw
 * a whole frame, and a real-timer test ended in 10017 after its 30 s reply timeout
 * (test/demo/ttlock-page.test.ts, about once in several whole-suite runs).
 */
import { LinkQueue } from '../../../simulator/link-model';

/** Blocks the event loop for `ms`, as a busy machine does. */
function stall(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

/** Queues three operations at one frozen instant: they end 2, 4 and 6 ms later, in that order. */
function queueThree(queue: LinkQueue, order: string[]): Promise<void> {
  const names = ['first', 'second', 'third'];
  const spy = jest.spyOn(Date, 'now').mockReturnValue(Date.now());
  try {
    return Promise.all(names.map((name) => new Promise<void>((resolve) => queue.enqueue(() => (order.push(name), resolve()))))).then(() => undefined);
  } finally {
    spy.mockRestore();
  }
}

describe('LinkQueue on real timers', () => {
  it('runs operations in queue order when a late event loop fires a later timer first', async () => {
    const order: string[] = [];
    // Someone else's 6 ms timer expires first; the third operation joins its duration list.
    setTimeout(() => order.push('other'), 6);
    stall(5);
    const done = queueThree(new LinkQueue(() => 2), order);
    stall(15); // every timer has expired by the time the loop gets to them
    await done;
    expect(order.filter((name) => name !== 'other')).toEqual(['first', 'second', 'third']);
  });

  it('runs each operation once, and cancelAll stops the ones not run yet', async () => {
    const order: string[] = [];
    const queue = new LinkQueue(() => 2);
    setTimeout(() => order.push('other'), 6);
    stall(5);
    const done = queueThree(queue, order);
    stall(15);
    await done;
    queue.enqueue(() => order.push('cancelled'), 3);
    queue.cancelAll();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(order.filter((name) => name !== 'other')).toEqual(['first', 'second', 'third']);
  });
});
