/**
 * How the mock checks a v2.0 create body, following tuya-temp-password.md §4 and the forum evidence in
 * §9: bad times, tickets or ciphertexts are 1109 "param is illegal"; missing fields 1100; out-of-range
 * values 1101. Written from the spec, independently of plugin/tuya/temp-password-rules.ts.
 */

export interface BodyProblem {
  code: number;
  msg: string;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
/** Unix seconds: ten digits. A 13-digit value means the caller sent milliseconds. */
const isUnixSeconds = (v: unknown): v is number => isInt(v) && v >= 1e9 && v < 1e10;

export function checkCreateBody(body: unknown): BodyProblem | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { code: 1109, msg: 'param is illegal' };
  }
  const b = body as Record<string, unknown>;
  for (const field of ['password', 'password_type', 'ticket_id', 'effective_time', 'invalid_time']) {
    if (b[field] === undefined || b[field] === null || b[field] === '') {
      return { code: 1100, msg: `param is empty: ${field}` };
    }
  }
  if (b.password_type !== 'ticket' || typeof b.ticket_id !== 'string' || typeof b.password !== 'string') {
    return { code: 1109, msg: 'param is illegal' };
  }
  if (!isUnixSeconds(b.effective_time) || !isUnixSeconds(b.invalid_time) || b.invalid_time <= b.effective_time) {
    return { code: 1109, msg: 'param is illegal: START_END_DATE_NOT_RIGHT' };
  }
  if (b.type !== undefined && b.type !== 0 && b.type !== 1) return { code: 1101, msg: 'param range invalid: type' };
  if (b.phone !== undefined && typeof b.phone !== 'string' && typeof b.phone !== 'number') {
    return { code: 1104, msg: 'type is incorrect: phone' };
  }
  if (b.schedule_list !== undefined) {
    if (!Array.isArray(b.schedule_list)) return { code: 1104, msg: 'type is incorrect: schedule_list' };
    for (const item of b.schedule_list as unknown[]) {
      const s = (item ?? {}) as Record<string, unknown>;
      const ok =
        isInt(s.effective_time) &&
        isInt(s.invalid_time) &&
        isInt(s.working_day) &&
        s.effective_time >= 0 &&
        s.effective_time < s.invalid_time &&
        s.invalid_time <= 1440 &&
        s.working_day >= 0 &&
        s.working_day <= 127;
      if (!ok) return { code: 1101, msg: 'param range invalid: schedule_list' };
    }
    // The periodic feature needs a time zone; its format is undocumented, so only emptiness is checked.
    if (b.schedule_list.length > 0 && (typeof b.time_zone !== 'string' || b.time_zone === '')) {
      return { code: 1100, msg: 'param is empty: time_zone' };
    }
  }
  return null;
}

/** The decrypted PIN must be digits of a length the device accepts; otherwise 1109 like Tuya. */
export function checkPlainPin(pin: string, length: { min: number; max: number }): BodyProblem | null {
  if (!/^[0-9]+$/.test(pin) || pin.length < length.min || pin.length > length.max) {
    return { code: 1109, msg: 'param is illegal' };
  }
  return null;
}

/** Modify takes the create body plus a required `name` (§5); an empty name is accepted (unnamed passwords). */
export function checkModifyBody(body: unknown): BodyProblem | null {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (b.name === undefined || b.name === null) return { code: 1100, msg: 'param is empty: name' };
  if (typeof b.name !== 'string') return { code: 1104, msg: 'type is incorrect: name' };
  return checkCreateBody(body);
}
