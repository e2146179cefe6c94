/**
 * Date and time helpers for the demo pages. WeChat's date and time pickers hand over local strings
 * ("2026-05-01", "08:00"); the plugin wants epoch milliseconds. Everything here uses the phone's own
 * time zone, as the pickers do.
 */

const HOUR_MS = 3_600_000;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "YYYY-MM-DD" in local time. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** "HH:mm" in local time. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** "YYYY-MM-DD HH:mm" in local time. */
export function formatDateTime(ms: number): string {
  return `${formatDate(ms)} ${formatTime(ms)}`;
}

/** Local "YYYY-MM-DD" + "HH:mm" to epoch ms, or NaN when either string is malformed. */
export function toEpochMs(date: string, time: string): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return NaN;
  const value = new Date(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  return value.getTime();
}

/** The window the pages start with: from the current whole hour, for `hours` hours. */
export function defaultWindow(nowMs: number, hours: number): { start: number; end: number } {
  const d = new Date(nowMs);
  d.setMinutes(0, 0, 0);
  const start = d.getTime();
  return { start, end: start + hours * HOUR_MS };
}

/** Picker fields of one window, as the pages keep them in `data`. */
export interface WindowFields {
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
}

export function windowFields(start: number, end: number): WindowFields {
  return {
    startDate: formatDate(start),
    startTime: formatTime(start),
    endDate: formatDate(end),
    endTime: formatTime(end),
  };
}

/** "HH:mm" to minutes after midnight; "24:00" is allowed as the end of a day. NaN when malformed. */
export function minutesOf(time: string): number {
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!t) return NaN;
  const minutes = +t[1] * 60 + +t[2];
  return +t[2] < 60 && minutes <= 1440 ? minutes : NaN;
}
