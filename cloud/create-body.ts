/**
 * The v2.0 create body (tuya-temp-password.md §4) from lockwire's fields: times go from epoch ms to
 * seconds, the schedule to Tuya's `schedule_list`, and `type` is always sent because Tuya does not
 * document its default (1 = once, 0 = many times; easy to get backwards).
 */
import { TempPasswordFields } from '../plugin/tuya/temp-password-rules';

export interface TuyaScheduleItem {
  effective_time: number;
  invalid_time: number;
  working_day: number;
}

export interface TuyaCreateBody {
  password: string;
  password_type: 'ticket';
  ticket_id: string;
  effective_time: number;
  invalid_time: number;
  type: 0 | 1;
  phone?: string;
  time_zone?: string;
  schedule_list?: TuyaScheduleItem[];
}

export const toSeconds = (ms: number): number => Math.floor(ms / 1000);

/** `encryptedPassword` is the upper-case hex from ticket-crypto.ts, never the PIN itself. */
export function toCreateBody(fields: TempPasswordFields, encryptedPassword: string, ticketId: string): TuyaCreateBody {
  const body: TuyaCreateBody = {
    password: encryptedPassword,
    password_type: 'ticket',
    ticket_id: ticketId,
    effective_time: toSeconds(fields.effectiveTime),
    invalid_time: toSeconds(fields.invalidTime),
    type: fields.type ?? 0,
  };
  if (fields.phone !== undefined) body.phone = fields.phone;
  if (fields.timeZone !== undefined) body.time_zone = fields.timeZone;
  if (fields.schedule !== undefined && fields.schedule.length > 0) {
    body.schedule_list = fields.schedule.map((item) => ({
      effective_time: item.startMinute,
      invalid_time: item.endMinute,
      working_day: item.weekdays,
    }));
  }
  return body;
}
