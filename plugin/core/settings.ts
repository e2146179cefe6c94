/**
 * The plugin's settings and progress steps: public types (api/types.ts re-exports them), defined here
 * in core/ because the Bluetooth layer reads them too and ble/ must not import from api/.
 */

/** Steps reported through onProgress, in this order; a reused link skips scanning and connecting. */
export type ProgressStep = 'scanning' | 'connecting' | 'authenticating' | 'writing' | 'done';

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
  /**
   * When the link drops after a passcode write went out and before its reply, reconnect within the
   * budget and answer from what the lock holds (true, default), or report 10003 with
   * `outcomeUnknown: true` as the official plugin would (false).
   */
  settleOutcomes: boolean;
  /**
   * Before writing a timed passcode, read the lock clock (one exchange, no login) and, when it is off
   * by more than clockToleranceMs: 'warn' in the result's description, 'fix' by setting it, or
   * 'off' (default) to skip the read (README: the measured cost).
   */
  clockCheck: 'off' | 'warn' | 'fix';
  /** How far the lock clock may be off before clockCheck acts. Default 120000 (2 minutes). */
  clockToleranceMs: number;
}
