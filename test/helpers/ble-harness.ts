/**
 * A virtual lock behind a fake wx, installed as the global `wx` the plugin reads, with fake timers.
 * Every integration test builds on this so they all check the same invariants on teardown.
 */
import { createFakeWx, createVirtualLock, installFakeWx, type FakeBle, type VirtualLock } from '../../simulator';
import type { LinkTiming } from '../../simulator';
import { stopAllOperations } from '../../plugin/api/lifecycle';
import { configure } from '../../plugin/api/lifecycle';
import { DEFAULT_CONFIG } from '../../plugin/api/config';
import { drive } from './drive';

export interface Bench {
  lock: VirtualLock;
  fake: FakeBle;
  uninstall: () => void;
}

let current: Bench | undefined;

export function setupLock(options: {
  platform?: 'android' | 'ios';
  lock?: Parameters<typeof createVirtualLock>[0];
  timing?: Partial<LinkTiming>;
  adapter?: { state?: 'on' | 'off' | 'unsupported' | 'unauthorized' };
} = {}): Bench {
  const lock = createVirtualLock(options.lock);
  const fake = createFakeWx({ platform: options.platform ?? 'android', locks: [lock], timing: options.timing, adapter: options.adapter });
  const uninstall = installFakeWx(fake);
  current = { lock, fake, uninstall };
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
  if (bench) await drive(stopAllOperations());
  configure({ ...DEFAULT_CONFIG });
  bench?.uninstall();
}

/** The plugin left nothing behind: no listener, no connection, no scan, adapter closed. */
export function expectClean(fake: FakeBle): void {
  expect({
    listeners: fake.listenerCount(),
    connections: fake.openConnections(),
    scanning: fake.isScanning(),
    adapterOpen: fake.adapterOpen(),
  }).toEqual({ listeners: 0, connections: 0, scanning: false, adapterOpen: false });
}

/** epoch ms of a lock-local wall-clock time for a lock whose zone is `offsetMs`. */
export function lockLocalMs(y: number, mo: number, d: number, h: number, mi: number, offsetMs: number): number {
  return Date.UTC(y, mo - 1, d, h, mi) - offsetMs;
}
