/**
 * Creation is asynchronous (tuya-temp-password.md §5): the cloud stores the password, then pushes it to
 * the lock. This module reads a password's `phase` / `delivery_status` and polls until the answer is
 * final or the deadline passes. Zigbee reports `delivery_status`; Wi-Fi and BLE only `phase`.
 */

export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'duplicate' | 'storage-full' | 'overlap';

export interface TempPasswordDetail {
  id: string;
  phase?: number;
  deliveryStatus?: number;
  effectiveTime?: number;
  invalidTime?: number;
}

export interface DeliveryOutcome {
  state: DeliveryState;
  phase?: number;
  deliveryStatus?: number;
  /** How many detail requests were made. */
  polls: number;
}

/** Zigbee delivery_status: 1 configuring, 2 success, 3 failed, 4 duplicate, 5 storage full, 6 overlap. */
const BY_DELIVERY_STATUS: Record<number, DeliveryState> = {
  1: 'pending',
  2: 'delivered',
  3: 'failed',
  4: 'duplicate',
  5: 'storage-full',
  6: 'overlap',
};

export function deliveryStateOf(detail: Pick<TempPasswordDetail, 'phase' | 'deliveryStatus'>): DeliveryState {
  if (detail.deliveryStatus !== undefined && BY_DELIVERY_STATUS[detail.deliveryStatus]) {
    return BY_DELIVERY_STATUS[detail.deliveryStatus];
  }
  // Phase 2 means "sent" (Wi-Fi), "normal" (Zigbee) or "issued" (BLE): the lock has it on every family.
  if (detail.phase === 2) return 'delivered';
  // 5 is Zigbee "creation failed", 7 BLE "sending failed". Other phases are in progress or ambiguous
  // across families (3 is "waiting to be deleted" on Wi-Fi but "frozen" on Zigbee), so keep polling.
  if (detail.phase === 5 || detail.phase === 7) return 'failed';
  return 'pending';
}

/** Maps Tuya's snake_case detail onto ours; unknown shapes become an empty detail (still pending). */
export function parseDetail(id: string, result: unknown): TempPasswordDetail {
  const r = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return {
    id,
    phase: num(r.phase),
    deliveryStatus: num(r.delivery_status),
    effectiveTime: num(r.effective_time) !== undefined ? num(r.effective_time)! * 1000 : undefined,
    invalidTime: num(r.invalid_time) !== undefined ? num(r.invalid_time)! * 1000 : undefined,
  };
}

export interface PollOptions {
  /** Give up after this long; Tuya suggests 25 s for Zigbee. */
  timeoutMs: number;
  intervalMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Polls `fetchDetail` until a final state or the deadline; the loop is bounded by the deadline. */
export async function pollDelivery(
  fetchDetail: () => Promise<TempPasswordDetail>,
  options: PollOptions,
): Promise<DeliveryOutcome> {
  const deadline = options.now() + options.timeoutMs;
  let polls = 0;
  for (;;) {
    const detail = await fetchDetail();
    polls++;
    const state = deliveryStateOf(detail);
    const outcome: DeliveryOutcome = { state, phase: detail.phase, deliveryStatus: detail.deliveryStatus, polls };
    const remaining = deadline - options.now();
    if (state !== 'pending' || remaining <= 0) return outcome;
    await options.sleep(Math.min(options.intervalMs, remaining));
  }
}
