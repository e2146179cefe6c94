/**
 * lockwire/testing as a user's test meets it: drive() under jest's fake timers (the default), under any
 * other fake clock through `timers` (here @sinonjs/fake-timers, the clock vitest is built on), its hang
 * report, and stubRequirePlugin().
 */
import FakeTimers from '@sinonjs/fake-timers';
import { drive, elapse, stubRequirePlugin } from '../../testing';

describe('drive()', () => {
  afterEach(() => jest.useRealTimers());

  it("runs a promise across jest's fake timers, advancing exactly the virtual time it needs", async () => {
    jest.useFakeTimers();
    const start = Date.now();
    const value = await drive(new Promise((resolve) => setTimeout(() => setTimeout(() => resolve('done'), 700), 300)));
    expect([value, Date.now() - start]).toEqual(['done', 1000]);
  });

  it('rejects as the promise does', async () => {
    jest.useFakeTimers();
    await expect(drive(new Promise((_r, reject) => setTimeout(() => reject(new Error('lock said no')), 50)))).rejects.toThrow('lock said no');
  });

  it('says "hang" instead of waiting forever when nothing is left that could settle the promise', async () => {
    jest.useFakeTimers();
    await expect(drive(new Promise(() => undefined))).rejects.toThrow('drive: promise pending with no timer left (hang)');
  });

  it('gives up after maxVirtualMs of virtual time', async () => {
    jest.useFakeTimers();
    const ticking = new Promise<void>(() => {
      setInterval(() => undefined, 1000);
    });
    await expect(drive(ticking, { maxVirtualMs: 5000 })).rejects.toThrow('drive: still pending after 5000 virtual ms');
    jest.clearAllTimers();
  });

  it('works with another fake clock passed as `timers`', async () => {
    const clock = FakeTimers.createClock();
    const timers = {
      getTimerCount: () => clock.countTimers(),
      advanceTimersToNextTimerAsync: () => clock.nextAsync(),
      advanceTimersByTimeAsync: (ms: number) => clock.tickAsync(ms),
    };
    const value = await drive(new Promise((resolve) => clock.setTimeout(() => resolve(clock.now), 4000)), { timers });
    expect(value).toBe(4000);
    let fired = false;
    clock.setTimeout(() => (fired = true), 250);
    await elapse(250, timers);
    expect(fired).toBe(true);
  });
});

describe('stubRequirePlugin()', () => {
  it('answers the plugins it was given, names an unknown one, and restores what was there', () => {
    const g = globalThis as { requirePlugin?: (name: string) => unknown };
    const before = g.requirePlugin;
    const fakePlugin = { VERSION: 'x' };
    const restore = stubRequirePlugin({ lockwire: fakePlugin });
    expect(g.requirePlugin!('lockwire')).toBe(fakePlugin);
    expect(() => g.requirePlugin!('other')).toThrow('requirePlugin: unknown plugin "other" (stubbed: lockwire)');
    restore();
    expect(g.requirePlugin).toBe(before);
  });
});
