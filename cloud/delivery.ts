/**
 * One delivery-state model for every online temporary password, whatever the lock type
 * (tuya-password-lifecycle.md §4, §8). Tuya's `phase` means different things per protocol (Zigbee 3 =
 * frozen, Wi-Fi/BLE 3 = to be deleted), and only Zigbee reports `delivery_status`, so the protocol is
 * taken from the caller when known and otherwise inferred from the presence of `delivery_status`.
 */

export type PasswordState = 'pending' | 'active' | 'frozen' | 'revoking' | 'revoked' | 'failed';
/** Why a password is `failed`: Zigbee delivery_status 3/4/5/6, BLE phase 7. */
export type FailureReason = 'duplicate' | 'storage-full' | 'overlap' | 'sending-failed';
/** How the lock reaches the cloud; `ble` has no gateway (a phone must come by), `ble_gateway` has one. */
export type LockProtocol = 'wifi' | 'zigbee' | 'ble' | 'ble_gateway';

/** States after which polling cannot change the answer without a new request. */
export const SETTLED_STATES: ReadonlySet<PasswordState> = new Set(['active', 'frozen', 'revoked', 'failed']);

export interface DeliveryState {
  state: PasswordState;
  reason?: FailureReason;
}

export interface PhaseReading {
  phase?: number;
  deliveryStatus?: number;
  protocol?: LockProtocol;
}

const ZIGBEE_FAILURE: Record<number, FailureReason> = { 3: 'sending-failed', 4: 'duplicate', 5: 'storage-full', 6: 'overlap' };

/** Zigbee: 1 to be created, 2 normal, 3 frozen, 4 deleted, 5 creation failed; delivery_status 1 = still configuring. */
function zigbeeState(phase: number | undefined, status: number | undefined): DeliveryState {
  const failure = status !== undefined ? ZIGBEE_FAILURE[status] : undefined;
  if (phase === 4) {
    // The record is deleted in the cloud; the lock has it only once the gateway reported success.
    if (status === 1) return { state: 'revoking' };
    if (status === 3) return { state: 'failed', reason: 'sending-failed' };
    return { state: 'revoked' };
  }
  if (phase === 5 || failure) return { state: 'failed', reason: failure ?? 'sending-failed' };
  if (status === 1) return { state: 'pending' };
  if (phase === 2) return { state: 'active' };
  if (phase === 3) return { state: 'frozen' };
  return { state: 'pending' };
}

/** Wi-Fi: 0 deleted, 1 to be sent, 2 sent, 3 to be deleted. BLE: the same plus 7 sending failed. */
function wifiBleState(phase: number | undefined): DeliveryState {
  switch (phase) {
    case 0:
      return { state: 'revoked' };
    case 2:
      return { state: 'active' };
    case 3:
      return { state: 'revoking' };
    case 7:
      return { state: 'failed', reason: 'sending-failed' };
    default:
      // 1, or a value no table documents: the lock has not confirmed anything yet.
      return { state: 'pending' };
  }
}

export function deliveryStateOf(reading: PhaseReading): DeliveryState {
  const zigbee = reading.protocol ? reading.protocol === 'zigbee' : reading.deliveryStatus !== undefined;
  return zigbee ? zigbeeState(reading.phase, reading.deliveryStatus) : wifiBleState(reading.phase);
}

export interface TempPasswordScheduleEntry {
  startMinute: number;
  endMinute: number;
  weekdays: number;
}

/** One online temporary password as the cloud reports it, in lockwire units (times in epoch ms). */
export interface TempPasswordDetail extends DeliveryState {
  id: string;
  name?: string;
  phase?: number;
  deliveryStatus?: number;
  effectiveTime?: number;
  invalidTime?: number;
  timeZone?: string;
  phone?: string;
  schedule?: TempPasswordScheduleEntry[];
  /** The validity window has ended (by the cloud's clock); the lock refuses the PIN whatever the state. */
  expired?: boolean;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function parseSchedule(v: unknown): TempPasswordScheduleEntry[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const items: TempPasswordScheduleEntry[] = [];
  for (const raw of v) {
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const [startMinute, endMinute, weekdays] = [num(s.effective_time), num(s.invalid_time), num(s.working_day)];
    if (startMinute !== undefined && endMinute !== undefined && weekdays !== undefined) items.push({ startMinute, endMinute, weekdays });
  }
  return items;
}

/** Maps Tuya's snake_case item (list or detail) onto ours; unknown shapes read as `pending`. */
export function parseDetail(id: string, result: unknown, now: number, protocol?: LockProtocol): TempPasswordDetail {
  const r = (typeof result === 'object' && result !== null ? result : {}) as Record<string, unknown>;
  const phase = num(r.phase);
  const deliveryStatus = num(r.delivery_status);
  const seconds = (v: unknown) => (num(v) !== undefined ? num(v)! * 1000 : undefined);
  const detail: TempPasswordDetail = { id, ...deliveryStateOf({ phase, deliveryStatus, protocol }), phase, deliveryStatus };
  const invalidTime = seconds(r.invalid_time);
  const extra = {
    name: str(r.name),
    effectiveTime: seconds(r.effective_time),
    invalidTime,
    timeZone: str(r.time_zone),
    phone: typeof r.phone === 'number' ? String(r.phone) : str(r.phone),
    schedule: parseSchedule(r.schedule_list),
    expired: invalidTime !== undefined ? invalidTime <= now : undefined,
  };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) (detail as unknown as Record<string, unknown>)[key] = value;
  return detail;
}

export interface DeliveryOutcome extends DeliveryState {
  phase?: number;
  deliveryStatus?: number;
  /** How many detail requests were made. */
  polls: number;
}

export interface PollOptions {
  /** Give up after this long; Tuya suggests 25 s for Zigbee. */
  timeoutMs: number;
  intervalMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Polls until the state settles (active, frozen, revoked, failed) or the deadline passes; `pending` and
 * `revoking` at the deadline are reported as they are, never rounded up to the hoped-for outcome.
 */
export async function pollDelivery(fetchDetail: () => Promise<TempPasswordDetail>, options: PollOptions): Promise<DeliveryOutcome> {
  const deadline = options.now() + options.timeoutMs;
  let polls = 0;
  for (;;) {
    const detail = await fetchDetail();
    polls++;
    const outcome: DeliveryOutcome = { state: detail.state, phase: detail.phase, deliveryStatus: detail.deliveryStatus, polls };
    if (detail.reason) outcome.reason = detail.reason;
    const remaining = deadline - options.now();
    if (SETTLED_STATES.has(detail.state) || remaining <= 0) return outcome;
    await options.sleep(Math.min(options.intervalMs, remaining));
  }
}
