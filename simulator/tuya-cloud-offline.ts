/**
 * The mock cloud's offline and dynamic codes (tuya-password-lifecycle.md §9, §10, §15.7-8), written from
 * the spec on its own (not from plugin/tuya/password-lifecycle-rules.ts). Offline codes: times floored to
 * the hour, `once` = now + 6 h, `clear_all` = now + 24 h, a per-hour-slot budget, and the lock-side rules
 * (single use, 24 h first-use with a switch for "from issue" or "from start", clearing codes).
 */
import { createHmac, randomInt } from 'node:crypto';

export type OfflineType = 'once' | 'multiple' | 'clear_one' | 'clear_all';
const TYPES: readonly string[] = ['once', 'multiple', 'clear_one', 'clear_all'];
const HOUR = 3600;

/** Mock-only code mirroring the mini-app SDK's OFFLINE_PWD_EXAUST_IN_PERIOD: Tuya publishes no number. */
export const MOCK_OFFLINE_EXHAUSTED = 99067;

export interface OfflineCode {
  id: string;
  deviceId: string;
  type: OfflineType;
  code: string;
  name: string;
  effective: number;
  invalid: number;
  issuedAt: number;
  /** For clear_one: the code it clears. */
  clears?: string;
  firstUsedAt?: number;
  used: boolean;
  cleared: boolean;
  /** Which body shape arrived: flat fields or wrapped in offline_pwd_add_request (§9.2). */
  shape: 'flat' | 'wrapped';
}

export interface OfflineSettings {
  /** Codes per device per hour slot; default 20. */
  slotBudget: number;
  /** The 24 h first-use rule of `multiple` codes counts from `start` (ms-password SDK) or from `issue` (mini-app page). */
  firstUseFrom: 'start' | 'issue';
}

export type OfflineAnswer = { ok: true; result: Record<string, unknown> } | { ok: false; code: number; msg: string };

const floorHour = (sec: number) => Math.floor(sec / HOUR) * HOUR;
const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1e9 && v < 1e10;

export class MockOfflineCodes {
  readonly codes: OfflineCode[] = [];
  private nextId = 88000000 + Math.floor(Math.random() * 100000);

  constructor(private readonly settings: OfflineSettings) {}

  issue(deviceId: string, raw: Record<string, unknown>, nowMs: number): OfflineAnswer {
    const wrapped = typeof raw.offline_pwd_add_request === 'object' && raw.offline_pwd_add_request !== null;
    const b = (wrapped ? raw.offline_pwd_add_request : raw) as Record<string, unknown>;
    if (typeof b.type !== 'string' || !TYPES.includes(b.type)) return { ok: false, code: 1100, msg: 'param is empty: type' };
    const type = b.type as OfflineType;
    const now = Math.floor(nowMs / 1000);
    let effective = floorHour(now);
    let invalid: number;
    if (type === 'once') invalid = effective + 6 * HOUR;
    else if (type === 'clear_all') invalid = effective + 24 * HOUR;
    else {
      if (type === 'multiple' && (b.effective_time === undefined || b.invalid_time === undefined)) {
        return { ok: false, code: 1100, msg: 'param is empty: effective_time / invalid_time' };
      }
      if (type === 'clear_one' && (typeof b.password_id !== 'string' || b.password_id === '')) return { ok: false, code: 1100, msg: 'param is empty: password_id' };
      if (b.effective_time !== undefined && !isSeconds(b.effective_time)) return { ok: false, code: 1109, msg: 'param is illegal' };
      if (b.invalid_time !== undefined && !isSeconds(b.invalid_time)) return { ok: false, code: 1109, msg: 'param is illegal' };
      effective = b.effective_time !== undefined ? floorHour(b.effective_time as number) : effective;
      invalid = b.invalid_time !== undefined ? floorHour(b.invalid_time as number) : effective + 24 * HOUR;
      if (invalid <= effective) return { ok: false, code: 1109, msg: 'param is illegal: START_END_DATE_NOT_RIGHT' };
    }
    const inSlot = this.codes.filter((c) => c.deviceId === deviceId && c.effective === effective).length;
    if (inSlot >= this.settings.slotBudget) return { ok: false, code: MOCK_OFFLINE_EXHAUSTED, msg: 'OFFLINE_PWD_EXAUST_IN_PERIOD (mock-only code)' };
    const code: OfflineCode = {
      id: String(this.nextId++),
      deviceId,
      type,
      code: String(randomInt(1e9, 1e10)),
      name: typeof b.name === 'string' ? b.name : '',
      effective,
      invalid,
      issuedAt: now,
      clears: type === 'clear_one' ? String(b.password_id) : undefined,
      used: false,
      cleared: false,
      shape: wrapped ? 'wrapped' : 'flat',
    };
    this.codes.push(code);
    return {
      ok: true,
      result: {
        offline_temp_password_id: code.id,
        offline_temp_password: code.code,
        offline_temp_password_name: code.name,
        effective_time: effective,
        invalid_time: invalid,
      },
    };
  }

  rename(deviceId: string, id: string, name: unknown): boolean {
    const code = this.codes.find((c) => c.deviceId === deviceId && c.id === id);
    if (!code || typeof name !== 'string') return false;
    code.name = name;
    return true;
  }

  /** Someone types `typed` on the lock at `nowMs`: true when the lock opens (or accepts a clearing code). */
  tryCode(deviceId: string, typed: string, nowMs: number): boolean {
    const now = Math.floor(nowMs / 1000);
    const code = this.codes.find((c) => c.deviceId === deviceId && c.code === typed);
    if (!code || code.cleared || now < code.effective || now >= code.invalid) return false;
    if (code.type === 'once') {
      if (code.used) return false;
      code.used = true;
      return true;
    }
    if (code.type === 'multiple') {
      const from = this.settings.firstUseFrom === 'issue' ? code.issuedAt : code.effective;
      if (code.firstUsedAt === undefined && now >= from + 24 * HOUR) return false;
      code.firstUsedAt ??= now;
      return true;
    }
    for (const other of this.codes) {
      if (other.deviceId === deviceId && other.type !== 'clear_one' && other.type !== 'clear_all' && (code.type === 'clear_all' || other.id === code.clears)) {
        other.cleared = true;
      }
    }
    return true;
  }
}

/** A digit string stable for a 5-minute bucket; `length` digits. */
export function dynamicCode(secret: string, deviceId: string, nowMs: number, length: number): { code: string; bucketEnd: number } {
  const bucket = Math.floor(nowMs / 300000);
  const digest = createHmac('sha256', secret).update(`${deviceId}:${bucket}`).digest();
  let code = '';
  for (let i = 0; code.length < length; i++) code += String(digest[i % digest.length] % 10);
  return { code, bucketEnd: (bucket + 1) * 300000 };
}
