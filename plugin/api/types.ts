/**
 * The public types of createCustomPasscode and friends. typings/ re-exports these (no hand-written
 * .d.ts to drift). The option and result shapes follow the official TTLock plugin 3.x contract
 * (ttlock-plugin-api.md §2); `onProgress` and the config are lockwire additions.
 */
import type { TTLockError } from '../core/result';

export type { TTLockError };

/** Steps reported through onProgress, in this order; a reused link skips scanning and connecting. */
export type ProgressStep = 'scanning' | 'connecting' | 'authenticating' | 'writing' | 'done';

export type DisconnectCallback = (result: TTLockError) => void;
export type ProgressCallback = (step: ProgressStep) => void;

export interface CreateCustomPasscodeOption {
  /** 4 to 9 ASCII digits. */
  passcode: string;
  /** Epoch milliseconds (a numeric string is accepted). 0 together with endDate 0 = permanent. */
  startDate: number | string;
  /** Epoch milliseconds (a numeric string is accepted). */
  endDate: number | string;
  /** The official lockData string of an admin eKey. */
  lockData: string;
  /** Called once if the Bluetooth link drops during this operation. */
  disconnectCallback?: DisconnectCallback;
  /** lockwire addition: progress of this operation. */
  onProgress?: ProgressCallback;
}

export interface CreateCustomPasscodeResult extends TTLockError {
  /** The passcode written, on success. */
  passcode?: string;
}

/** Tunables (all optional). Defaults follow the official SDK's timing (ttlock-v3-protocol.md §7). */
export interface LockwireConfig {
  /** Give up looking for the lock after this long. Default 10000. */
  scanTimeoutMs: number;
  /** One createBLEConnection attempt. Default 10000. */
  connectTimeoutMs: number;
  /** Each GATT call (discovery, notify enable, one write). Default 3000. */
  gattTimeoutMs: number;
  /** Wait for the lock's reply after the last chunk of a command. Default 2500. */
  replyTimeoutMs: number;
  /** Keep the link open this long after an operation so the next one skips scan and connect. Default 2000. */
  keepAliveMs: number;
  /** Upper bound for one whole operation, retries included; releasing Bluetooth afterwards may add up to 2.5 s. Default 30000. */
  operationBudgetMs: number;
  /** Extra connection attempts after a failed one (within the budget). Default 2. */
  connectRetries: number;
  /**
   * openBluetoothAdapter, which shows the permission and privacy popups on first use and waits for
   * the user. Not part of operationBudgetMs (the budget starts once the adapter is open). Default 30000.
   */
  adapterTimeoutMs: number;
  /** Wait before a new connection attempt after Android's GATT 133 / 10003 (an immediate retry fails again). Default 1000. */
  connectRetryDelayMs: number;
  /**
   * 'auto' (default): close the Bluetooth adapter after the keep-alive if lockwire opened it and the
   * host app is not seen using it (own connection or scan). 'never': leave it open for the host.
   * An adapter the host opened is never closed by lockwire.
   */
  releaseAdapter: 'auto' | 'never';
}
