/**
 * One page of /v3/lock/listKeyboardPwd as our shape (ttlock-cloud-api.md §5.4): codes stay strings
 * (a number would lose "034234"'s leading zero), and TTLock's status numbers become the delivery-state
 * words the Tuya side uses: active, pending, failed with a reason.
 */
/** The Tuya side's words (cloud/delivery.ts): `revoking` = being deleted from the lock. */
export type PasscodeState = 'active' | 'pending' | 'revoking' | 'failed';
/** Why a code is pending or failed, one word each, in the Tuya side's style. */
export type PasscodeReason = 'adding' | 'modifying' | 'add-failed' | 'modify-failed' | 'delete-failed' | 'unknown-status';

export interface PasscodeItem {
  keyboardPwdId: number;
  lockId: number;
  passcode: string;
  name?: string;
  /** TTLock's keyboardPwdType (2 permanent, 3 timed for custom codes; 1-14 for random ones). */
  type: number;
  startDate: number;
  endDate: number;
  sendDate?: number;
  isCustom: boolean;
  state: PasscodeState;
  /** Why a pending or failed code is so. */
  reason?: PasscodeReason;
}

export interface PasscodePage {
  list: PasscodeItem[];
  pageNo: number;
  pageSize: number;
  pages: number;
  total: number;
}

/** Status codes of asynchronous delivery (TT-status-codes); absent means normal. */
const STATUS: Record<number, { state: PasscodeState; reason?: PasscodeReason }> = {
  1: { state: 'active' },
  4: { state: 'pending', reason: 'adding' },
  5: { state: 'failed', reason: 'add-failed' },
  6: { state: 'pending', reason: 'modifying' },
  7: { state: 'failed', reason: 'modify-failed' },
  8: { state: 'revoking' },
  9: { state: 'failed', reason: 'delete-failed' },
};

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

export function parseItem(raw: Record<string, unknown>): PasscodeItem {
  const status = STATUS[num(raw.status) ?? 1] ?? { state: 'pending' as const, reason: 'unknown-status' as const };
  const item: PasscodeItem = {
    keyboardPwdId: num(raw.keyboardPwdId) ?? 0,
    lockId: num(raw.lockId) ?? 0,
    passcode: raw.keyboardPwd === undefined || raw.keyboardPwd === null ? '' : String(raw.keyboardPwd),
    type: num(raw.keyboardPwdType) ?? 0,
    startDate: num(raw.startDate) ?? 0,
    endDate: num(raw.endDate) ?? 0,
    isCustom: num(raw.isCustom) === 1,
    state: status.state,
  };
  if (typeof raw.keyboardPwdName === 'string') item.name = raw.keyboardPwdName;
  if (num(raw.sendDate) !== undefined) item.sendDate = num(raw.sendDate);
  if (status.reason) item.reason = status.reason;
  return item;
}

export function parsePage(raw: Record<string, unknown>, pageNo: number, pageSize: number): PasscodePage {
  const list = Array.isArray(raw.list) ? raw.list.filter((x) => typeof x === 'object' && x !== null).map((x) => parseItem(x as Record<string, unknown>)) : [];
  return {
    list,
    pageNo: num(raw.pageNo) ?? pageNo,
    pageSize: num(raw.pageSize) ?? pageSize,
    pages: num(raw.pages) ?? 1,
    total: num(raw.total) ?? list.length,
  };
}
