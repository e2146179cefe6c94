/**
 * The weekly schedule of a Tuya temporary password: which weekdays, and from what time to what
 * time. Tuya wants a weekday bitmask with bit0 = Sunday and minutes after midnight.
 */
import { minutesOf } from './datetime';

export interface WeekdayOption {
  /** "0" = Sunday ... "6" = Saturday, as checkbox values. */
  value: string;
  label: string;
  checked: boolean;
}

const WEEKDAY_LABELS = ['日 Sun', '一 Mon', '二 Tue', '三 Wed', '四 Thu', '五 Fri', '六 Sat'];

/** Monday to Friday checked, as a reasonable default for staff codes. */
export function weekdayOptions(checked: string[] = ['1', '2', '3', '4', '5']): WeekdayOption[] {
  return WEEKDAY_LABELS.map((label, i) => ({ value: String(i), label, checked: checked.includes(String(i)) }));
}

/** Checked checkbox values to Tuya's bitmask (bit0 = Sunday). Unknown values are ignored. */
export function weekdayMask(values: string[]): number {
  let mask = 0;
  for (const v of values) {
    const day = Number(v);
    if (Number.isInteger(day) && day >= 0 && day <= 6) mask |= 1 << day;
  }
  return mask;
}

/** "Mon Tue Fri" for a mask, for the result card. */
export function weekdayNames(mask: number): string {
  return WEEKDAY_LABELS.filter((_, i) => mask & (1 << i))
    .map((label) => label.split(' ')[1])
    .join(' ');
}

export interface ScheduleItem {
  startMinute: number;
  endMinute: number;
  weekdays: number;
}

/**
 * One schedule item from the form. Values the form cannot express become NaN/0 on purpose: the
 * plugin's own validation then names the field, and the page shows that message.
 */
export function scheduleItem(startTime: string, endTime: string, days: string[]): ScheduleItem {
  return { startMinute: minutesOf(startTime), endMinute: minutesOf(endTime), weekdays: weekdayMask(days) };
}
