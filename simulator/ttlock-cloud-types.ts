/**
 * The mock TTLock cloud's public shapes: what a test may configure (locks, gateways, quotas, the
 * callback URL, lags and latencies) and what it may read and steer afterwards. The server is ttlock-cloud.ts.
 */
import type { VirtualLock } from './virtual-lock';
import type { MockPasscode, MockTTLockLock, MockTTLockState } from './ttlock-cloud-state';
import type { MockTTLockFault } from './ttlock-cloud-faults';
import type { MockCallbackOptions, MockCallbackRecord } from './ttlock-cloud-callbacks';

export interface MockTTLockLockSpec {
  lockId?: number;
  lock?: VirtualLock;
  /** Default: the first user. */
  admin?: string;
  /** Other accounts' eKeys: username -> userType ("110302" ordinary) and keyStatus. */
  ekeys?: Record<string, { userType: string; keyStatus?: string }>;
  /** The gateway this lock is linked to; null = none. Default: the first gateway (none for a Wi-Fi lock). */
  gatewayId?: number | null;
  hasPasscodeData?: boolean;
  /** A Wi-Fi lock (§6.2): remote calls reach it directly; power saving on = -3035 to addType 2. Default: online, power saving off. */
  wifi?: { powerSaving?: boolean; online?: boolean; networkName?: string };
}

export interface MockTTLockCloudOptions {
  clientId?: string;
  clientSecret?: string;
  /** The region this mock host serves, and the one the application was registered in. */
  region?: string;
  appRegion?: string;
  users?: Array<{ username: string; password: string }>;
  locks?: MockTTLockLockSpec[];
  gateways?: Array<{ gatewayId: number; name?: string; online?: boolean }>;
  tokenTtlSec?: number;
  monthlyCap?: number;
  /** The server's clock minus the real one. */
  clockSkewMs?: number;
  maxDateSkewMs?: number;
  /** How long a gateway command takes: a fixed number or [min, max] (uniform); default [3000, 8000]. */
  gatewayLatencyMs?: number | [number, number];
  tooSimpleRule?: boolean;
  deleteUnknownReturnsOk?: boolean;
  /**
   * Calls per application per second past which the mock answers 30006 (§11.11; the real limit is not
   * documented). Default: no per-second limit. Refused calls do nothing and count nowhere.
   */
  perSecondLimit?: number;
  /** The limiter's window; default 1000 ms (tests lengthen it so that timing cannot decide an outcome). */
  rateWindowMs?: number;
  /**
   * How long an unplugged gateway is still reported online (§6.2: the heartbeat, 8 min). Meanwhile
   * gateway/list shows it online, yet commands through it cannot reach it: -3002 after the gateway's
   * latency. Default 480000 ms.
   */
  offlineLagMs?: number;
  /** How long a lock that left its gateway's range stays linked (§6.2: 30 min); default 1800000 ms. */
  linkCacheMs?: number;
  /** How late a Wi-Fi lock going offline is reported as notifyType 3 (§7: about 15 min); default 900000 ms. */
  wifiOfflineNotifyLagMs?: number;
  /** The application's callback URL and how the mock retries it (§7; notifyType 4 when an async add fails). */
  callback?: MockCallbackOptions;
}

export interface MockTTLockStats {
  requests: number;
  connections: number;
  byPath: Record<string, number>;
  /** -3003 answers because a gateway was already busy. */
  gatewayBusyRefusals: number;
  /** Largest number of commands one gateway ever ran at once (1 when callers queue properly). */
  maxGatewayConcurrency: number;
  /** 30006 answers from the per-second limiter. */
  rateLimited: number;
}

export interface MockTTLockCloud {
  baseUrl: string;
  ca: string;
  caPath: string;
  clientId: string;
  clientSecret: string;
  users: Array<{ username: string; password: string }>;
  stats: MockTTLockStats;
  state: MockTTLockState;
  lockIds: number[];
  lock(lockId: number): MockTTLockLock;
  passcodes(lockId?: number): MockPasscode[];
  inject(fault: MockTTLockFault): void;
  /**
   * Plugs a gateway in (online at once: it opens its connection) or unplugs it (its commands fail from
   * now on, but it is reported online until the heartbeat lag, `offlineLagMs`, has passed).
   */
  setGatewayOnline(gatewayId: number, online: boolean): void;
  /**
   * A Wi-Fi lock in power-saving mode wakes: pending addType=4 codes are delivered, or fail with `errcode`
   * (default -3036); each failure is POSTed as notifyType 4 to the callback URL. Resolves once the
   * callbacks were answered or gave up (the state changes at once).
   */
  wake(lockId: number, succeed?: boolean, errcode?: number): Promise<void>;
  /**
   * A guest types `code` on the keypad now, by the lock's clock: custom codes as the virtual lock holds them,
   * random codes by TTLock's first-use rules (24 h; one-time: 6 h, once). A lock linked to an online gateway,
   * or an online Wi-Fi lock, uploads the record: notifyType 1. Resolves with whether the door opened.
   */
  typeCode(lockId: number, code: string): Promise<boolean>;
  /** A Wi-Fi lock connects or drops off; notifyType 3 follows (offline after `wifiOfflineNotifyLagMs`). */
  setWifiOnline(lockId: number, online: boolean): Promise<void>;
  /** The lock leaves its gateway's range (linked until `linkCacheMs` passed) or enters `gatewayId`'s range. */
  setLockInGatewayRange(lockId: number, inRange: boolean, gatewayId?: number, rssi?: number): void;
  /** Every callback the mock sent, in order. */
  callbacks(): MockCallbackRecord[];
  /** The environment block `npm run mock-ttlock` prints. */
  envBlock(): string;
  resetStats(): void;
  close(): Promise<void>;
}
