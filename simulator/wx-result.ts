/**
 * The shapes WeChat BLE calls answer with, and the two calling conventions: callbacks
 * (`success` / `fail` / `complete`) or, when none of them is passed, a Promise that rejects with
 * the same error object. Results are always delivered after the call has returned, never
 * synchronously, because real wx never calls back inside the call.
 */

export interface WxCallbacks {
  success?: (result: any) => void;
  fail?: (error: any) => void;
  complete?: (resultOrError: any) => void;
}

export interface WxSuccess {
  errCode: 0;
  errMsg: string;
  [extra: string]: unknown;
}

/** `errCode` is absent only for the permission denial, which real WeChat reports through `errno`. */
export interface WxError {
  errCode?: number;
  errno?: number;
  errMsg: string;
  [extra: string]: unknown;
}

export type WxOutcome = { ok: true; value: WxSuccess } | { ok: false; error: WxError };

/** Default error texts, as real WeChat words them after `<api>:fail `. */
const ERR_TEXT: Record<number, string> = {
  [-1]: 'already connect',
  10000: 'not init',
  10001: 'not available',
  10002: 'no device',
  10003: 'connection fail',
  10004: 'no service',
  10005: 'no characteristic',
  10006: 'no connection',
  10007: 'property not support',
  10008: 'system error',
  10009: 'system not support',
  10012: 'operate time out',
  10013: 'invalid data',
};

export function wxOk(api: string, extra: Record<string, unknown> = {}): WxOutcome {
  return { ok: true, value: { errCode: 0, errMsg: `${api}:ok`, ...extra } };
}

/** The errno newer base libraries send with each errCode (wx-ble-real-phones.md §2). */
export const ERRNO_OF: Readonly<Record<number, number>> = {
  [-1]: 1509007,
  10000: 1500101,
  10001: 1500102,
  10002: 1509006,
  10003: 1509001,
  10004: 1500103,
  10005: 1509002,
  10006: 1509003,
  10007: 1509004,
  10008: 1500104,
  10009: 1500105,
  10012: 1509005,
  10013: 1509002,
};

export function wxFail(api: string, errCode: number, text?: string): WxOutcome {
  const detail = text ?? ERR_TEXT[errCode] ?? 'unknown error';
  const error: WxError = { errCode, errMsg: `${api}:fail ${detail}` };
  if (ERRNO_OF[errCode] !== undefined) error.errno = ERRNO_OF[errCode];
  return { ok: false, error };
}

/** A failure that carries only `errno` (and the message), as some base libraries send. */
export function wxFailErrno(api: string, errno: number, text: string): WxOutcome {
  return { ok: false, error: { errno, errMsg: `${api}:fail ${text}` } };
}

/** Shapes a failure for the base library being imitated: both fields, errno only, or errCode only. */
export function styleFailure(outcome: WxOutcome, style: 'both' | 'errnoOnly' | 'errCodeOnly'): WxOutcome {
  if (outcome.ok || style === 'both') return outcome;
  const error = { ...outcome.error };
  if (style === 'errCodeOnly') {
    if (error.errCode !== undefined) delete error.errno;
  }
  else if (error.errno !== undefined) delete error.errCode;
  return { ok: false, error };
}

/** A caller-held handle for one call: settle it once; later settles are ignored. */
export interface PendingCall {
  readonly api: string;
  /** Who made the call (the host app's wx or the plugin's); set by fake-wx.ts. */
  owner?: 'plugin' | 'host';
  settle(outcome: WxOutcome): void;
  readonly settled: boolean;
}

export function hasCallbacks(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const o = options as WxCallbacks;
  return (
    typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function'
  );
}

/**
 * Opens a call in the style the caller chose. Returns the handle, and the value the wx function
 * must return (a Promise in promise style, undefined in callback style).
 */
export function openCall(api: string, options: unknown): { call: PendingCall; returned: unknown } {
  let settled = false;
  // One handle for both styles; only how an outcome is delivered differs.
  const handle = (deliver: (outcome: WxOutcome) => void): PendingCall => ({
    api,
    get settled() {
      return settled;
    },
    settle(outcome) {
      if (settled) return;
      settled = true;
      deliver(outcome);
    },
  });
  if (hasCallbacks(options)) {
    const cb = options as WxCallbacks;
    const call = handle((outcome) => {
      const payload = outcome.ok ? outcome.value : outcome.error;
      if (outcome.ok) cb.success?.(payload);
      else cb.fail?.(payload);
      cb.complete?.(payload);
    });
    return { call, returned: undefined };
  }
  let deliver!: (outcome: WxOutcome) => void;
  const promise = new Promise<WxSuccess>((resolve, reject) => {
    deliver = (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error));
  });
  return { call: handle(deliver), returned: promise };
}
