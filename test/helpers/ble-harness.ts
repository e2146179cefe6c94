/**
 * A virtual lock behind a fake wx, installed as the global `wx` the plugin reads, with fake timers.
 * Every integration test builds on this so they all check the same invariants on teardown.
 */
import { createFakeWx, createHostApp, createHostPeripheral, createVirtualLock, installFakeWx, type FakeBle, type FakeWxOptions, type HostApp, type VirtualLock } from '../../simulator';
import type { LinkTiming } from '../../simulator';
import { stopAllOperations } from '../../plugin/api/lifecycle';
import { configure } from '../../plugin/api/lifecycle';
import { DEFAULT_CONFIG } from '../../plugin/api/config';
import { drive } from './drive';

export interface Bench {
  lock: VirtualLock;
  fake: FakeBle;
  uninstall: () => void;
  /** The scripted host app, when asked for (its peripheral is in range too). */
  host?: HostApp;
}

let current: Bench | undefined;

export function setupLock(options: {
  platform?: 'android' | 'ios';
  lock?: Parameters<typeof createVirtualLock>[0];
  timing?: Partial<LinkTiming>;
  adapter?: FakeWxOptions['adapter'];
  /** Everything else the fake takes (quirks, errorStyle, offMode, ...). */
  fake?: Partial<FakeWxOptions>;
  /** A scripted host app sharing the fake (not started: call host.listen() / host.start()). */
  host?: boolean;
} = {}): Bench {
  const lock = createVirtualLock(options.lock);
  const peripheral = options.host ? createHostPeripheral() : undefined;
  const fake = createFakeWx({
    ...options.fake,
    platform: options.platform ?? 'android',
    locks: peripheral ? [lock, peripheral] : [lock],
    timing: options.timing,
    adapter: options.adapter,
  });
  const uninstall = installFakeWx(fake);
  const host = peripheral ? createHostApp(fake, peripheral) : undefined;
  current = { lock, fake, uninstall, host };
  return current;
}

/**
 * Fake timers for each test of the enclosing describe, and afterwards the teardown of whatever bench
 * the test set up with setupLock() (stop everything, restore the config, uninstall the fake wx).
 */
export function useFakeBluetooth(): void {
  beforeEach(() => jest.useFakeTimers());
  afterEach(async () => {
    const bench = current;
    current = undefined;
    await teardown(bench);
    jest.useRealTimers();
  });
}

/** Releases everything the plugin may still hold, and restores the default config. */
export async function teardown(bench: Bench | undefined): Promise<void> {
  bench?.host?.stop();
  if (bench) await drive(stopAllOperations());
  configure({ ...DEFAULT_CONFIG });
  bench?.uninstall();
}

/**
 * The plugin left nothing behind: at most its one long-lived listener per event, no connection or
 * scan of its own, and no adapter it opened.
 */
export function expectClean(fake: FakeBle): void {
  const r = fake.report();
  expect({
    listenersPerEvent: Math.max(...Object.values(r.plugin.listeners)),
    connections: r.plugin.connections,
    scanning: r.plugin.scanning,
    adapterOpenedByPlugin: r.adapterOpen && r.adapterOpenedBy === 'plugin',
  }).toEqual({ listenersPerEvent: expect.any(Number), connections: 0, scanning: false, adapterOpenedByPlugin: false });
  expect(Math.max(...Object.values(r.plugin.listeners))).toBeLessThanOrEqual(1);
}

/** epoch ms of a lock-local wall-clock time for a lock whose zone is `offsetMs`. */
export function lockLocalMs(y: number, mo: number, d: number, h: number, mi: number, offsetMs: number): number {
  return Date.UTC(y, mo - 1, d, h, mi) - offsetMs;
}
