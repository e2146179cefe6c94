/**
 * The mock TTLock cloud's state (ttlock-cloud-api.md §11): the application, its users, tokens, locks
 * (each backed by a virtual lock from this simulator, so the lockData it hands out opens a real
 * Bluetooth session), gateways and passcodes. Pure bookkeeping: the HTTP side is ttlock-cloud.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { VirtualLock } from './virtual-lock';

export const ADMIN_EKEY = '110301';
export const ORDINARY_EKEY = '110302';

export interface MockTTLockUser {
  username: string;
  /** The app password in clear; the mock compares its MD5. */
  password: string;
  uid: number;
}

export interface MockTTLockGateway {
  gatewayId: number;
  gatewayName: string;
  /** What the cloud reports (isOnline): true until the heartbeat lag after an unplug has passed. */
  online: boolean;
  /** When it was unplugged while online; its commands fail from then on (§6.2). */
  unpluggedAt?: number;
  /** Commands in progress (the real gateway takes one at a time). */
  inFlight: number;
}

export interface MockTTLockLock {
  lockId: number;
  lock: VirtualLock;
  adminUsername: string;
  /** Other accounts holding an eKey: username -> userType / keyStatus. */
  ekeys: Record<string, { userType: string; keyStatus: string }>;
  gatewayId: number | null;
  rssi: number;
  /** When the lock left its gateway's range: still linked (listed, tried) until the 30-min link cache expires (§6.2). */
  linkLostAt?: number;
  /** A Wi-Fi lock (§6.2): commands go to it directly; power saving on = it only connects to report (-3035). */
  wifi?: { powerSaving: boolean; online: boolean; networkName: string };
  /** Whether the cloud has the lock's random-code data (else -1007). */
  hasPasscodeData: boolean;
  /** The lockData last uploaded with updateLockData (else the virtual lock's own). */
  uploadedLockData?: string;
  alias: string;
}

export interface MockPasscode {
  keyboardPwdId: number;
  lockId: number;
  keyboardPwd: string;
  keyboardPwdName?: string;
  keyboardPwdType: number;
  startDate: number;
  endDate: number;
  isCustom: 0 | 1;
  /** 1 normal, 4 adding, 5 add failed (asynchronous Wi-Fi path). */
  status: number;
  addType: number;
  sendDate: number;
  senderUsername: string;
  /** Whether the virtual lock held the code when it was recorded or written. */
  onLock: boolean;
  /** Random codes: whether it was ever entered on the lock (change needs it, -3008). */
  used?: boolean;
}

export interface MockToken {
  accessToken: string;
  refreshToken: string;
  username: string;
  expiresAt: number;
}

export const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const token = (): string => randomBytes(16).toString('hex');

export class MockTTLockState {
  readonly users = new Map<string, MockTTLockUser>();
  readonly locks = new Map<number, MockTTLockLock>();
  readonly gateways = new Map<number, MockTTLockGateway>();
  readonly passcodes: MockPasscode[] = [];
  /** "lockId:type:start:end" of random codes that were deleted (-1026 if asked again). */
  readonly deletedRandom = new Set<string>();
  monthRequestCount = 0;
  /** How long an unplugged gateway is still reported online (§6.2: 8 min). */
  offlineLagMs = 480_000;
  /** How long the cloud keeps a lock-gateway link after the gateway last saw the lock (§6.2: 30 min). */
  linkCacheMs = 1_800_000;
  private readonly tokens = new Map<string, MockToken>();
  private readonly refreshTokens = new Map<string, string>();
  private nextPasscodeId = 10001;

  constructor(private readonly tokenTtlSec: number) {}

  grant(username: string, now: number): { access_token: string; refresh_token: string; uid: number; expires_in: number } {
    const t: MockToken = { accessToken: token(), refreshToken: token(), username, expiresAt: now + this.tokenTtlSec * 1000 };
    this.tokens.set(t.accessToken, t);
    this.refreshTokens.set(t.refreshToken, username);
    return { access_token: t.accessToken, refresh_token: t.refreshToken, uid: this.users.get(username)!.uid, expires_in: this.tokenTtlSec };
  }

  /** Refresh tokens last ten years and, here, stay valid after use (undocumented either way). */
  refresh(refreshToken: string, now: number) {
    const username = this.refreshTokens.get(refreshToken);
    return username === undefined ? null : this.grant(username, now);
  }

  /** 0 and the user, or 10003 (missing) / 10004 (unknown, revoked, expired). */
  checkToken(accessToken: string | null, now: number): { code: number; user?: MockTTLockUser } {
    if (!accessToken) return { code: 10003 };
    const t = this.tokens.get(accessToken);
    if (!t || t.expiresAt <= now) return { code: 10004 };
    return { code: 0, user: this.users.get(t.username) };
  }

  revoke(accessToken: string): void {
    this.tokens.delete(accessToken);
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  /** 'admin', 'ordinary' (an eKey that is not admin) or null (the lock is not this user's). */
  roleOf(user: MockTTLockUser, lockId: number): 'admin' | 'ordinary' | null {
    const lock = this.locks.get(lockId);
    if (!lock) return null;
    if (lock.adminUsername === user.username) return 'admin';
    const key = lock.ekeys[user.username];
    if (!key) return null;
    return key.userType === ADMIN_EKEY ? 'admin' : 'ordinary';
  }

  addPasscode(fields: Omit<MockPasscode, 'keyboardPwdId'>): MockPasscode {
    const p = { ...fields, keyboardPwdId: this.nextPasscodeId++ };
    this.passcodes.push(p);
    return p;
  }

  /** The gateway as the cloud sees it at `now`: an unplugged one turns offline once the heartbeat lag ran out. */
  gatewayAt(gatewayId: number, now: number, offlineLagMs: number): MockTTLockGateway | undefined {
    const g = this.gateways.get(gatewayId);
    if (g && g.unpluggedAt !== undefined && now - g.unpluggedAt >= offlineLagMs) {
      g.online = false;
      g.unpluggedAt = undefined;
    }
    return g;
  }

  /** The lock's gateway as the cloud sees it at `now`: a lost link is dropped once the link cache expired. */
  linkedGateway(rec: MockTTLockLock, now: number): number | null {
    if (rec.linkLostAt !== undefined && now - rec.linkLostAt >= this.linkCacheMs) {
      rec.gatewayId = null;
      rec.linkLostAt = undefined;
    }
    return rec.gatewayId;
  }

  passcodesOf(lockId: number): MockPasscode[] {
    return this.passcodes.filter((p) => p.lockId === lockId);
  }

  removePasscode(p: MockPasscode): void {
    this.passcodes.splice(this.passcodes.indexOf(p), 1);
  }
}
