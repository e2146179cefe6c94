/**
 * The mock Tuya cloud's public shapes: its options, injectable faults, request statistics and the handle
 * tests drive it with (clock, wake-ups, keypad, lock-side failures).
 */
import type { LockFailure, MockDevice, StoredPassword } from './tuya-cloud-locks';
import type { OfflineCode, OfflineSettings } from './tuya-cloud-offline';
import type { MockEndpoint } from './tuya-cloud-routes';

export type MockFault =
  /** The next business call answers 1010 and its token dies (another program took the token). */
  | { kind: 'expire-token'; on?: MockEndpoint }
  | { kind: 'http-500'; on?: MockEndpoint; times?: number }
  | { kind: 'code'; code: number; on?: MockEndpoint; times?: number }
  | { kind: 'slow'; delayMs: number; on?: MockEndpoint; times?: number }
  /** Destroys the socket; with `after`, only once the request has been processed (answer lost). */
  | { kind: 'drop'; on?: MockEndpoint; times?: number; after?: boolean }
  | { kind: 'malformed-json'; on?: MockEndpoint; times?: number; after?: boolean };

export interface MockTuyaCloudOptions {
  accessId?: string;
  accessSecret?: string;
  devices?: Record<string, MockDevice>;
  tokenTtlSec?: number;
  ticketTtlSec?: number;
  singleUseTickets?: boolean;
  singleLiveToken?: boolean;
  maxSkewMs?: number;
  /** How long a reachable lock takes to get an operation (mock clock); default 50 ms. */
  deliveryDelayMs?: number;
  /** Offline codes per device per hour slot; default 20. */
  offlineSlotBudget?: number;
  /** Whether a `multiple` offline code's 24 h first-use rule counts from its start (default) or its issue. */
  offlineFirstUseFrom?: OfflineSettings['firstUseFrom'];
  /** Calls per calendar month (mock clock) before 28841004; default unlimited. */
  monthlyQuota?: number;
  /** Business calls allowed within a sliding window (default 1000 ms) before 1199 "requests too frequent"; default unlimited. */
  rateLimit?: { calls: number; windowMs?: number };
  /** false: the smart-lock API service is not subscribed, door-lock calls answer 28841101. */
  subscribed?: boolean;
  /** What a list without `valid` returns (undocumented, §16.3): everything (default) or only the valid ones. */
  listWithoutValid?: 'all' | 'valid';
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
}

export interface MockStats {
  requests: number;
  connections: number;
  byEndpoint: Record<MockEndpoint, number>;
  /** Ticket ids used by successful creates and modifies, in order. */
  ticketsUsed: string[];
}

export interface MockTuyaCloud {
  baseUrl: string;
  /** PEM of the test-only CA that signed the server certificate. */
  ca: string;
  caPath: string;
  accessId: string;
  accessSecret: string;
  stats: MockStats;
  inject(fault: MockFault): void;
  passwords(deviceId?: string): StoredPassword[];
  offlineCodes(deviceId?: string): OfflineCode[];
  /** The device records; tests may change `asleep`, `online`, `capacity` at any time. */
  devices: Record<string, MockDevice>;
  /** The mock's clock (epoch ms): real time plus what `advance` added. Envelopes carry it as `t`. */
  now(): number;
  /** Moves the clock forward (expiries, delivery delays, the Zigbee window, offline windows). */
  advance(ms: number): void;
  /** The lock wakes up (or a phone connects to a BLE lock): it takes every pending operation now. */
  wake(deviceId: string): void;
  /** Someone types `code` on the lock's keypad: true when the door opens. Judged by what the lock holds. */
  tryPin(deviceId: string, code: string): boolean;
  /** The lock fails the next operation it receives, reported asynchronously like a real one. */
  failNextOnLock(deviceId: string, reason: LockFailure): void;
  /** The current dynamic code of a device and when its 5-minute bucket ends (epoch ms, mock clock). */
  dynamicPassword(deviceId: string): { code: string; bucketEnd: number };
  /** Calls counted against `monthlyQuota` this month. */
  quotaUsed(): number;
  resetStats(): void;
  close(): Promise<void>;
}
