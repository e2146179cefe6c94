/**
 * The debug log (setShowLog). Off by default. Lines are built by the plugin from step names, sizes
 * and codes only, and redact() runs on every line anyway as a second fence: long digit runs (PINs,
 * admin codes), hex strings (keys) and Base64 blobs (lockData) are masked before a line leaves.
 */
import { isOfficialCode } from './messages';

export type LogSink = (line: string) => void;

let enabled = false;
let sink: LogSink | undefined;

export function setLogging(open: boolean, customSink?: LogSink): void {
  enabled = open;
  sink = customSink;
}

export function redact(line: string): string {
  return line
    .replace(/[A-Za-z0-9+/]{24,}={0,2}/g, '[redacted]')
    .replace(/\b[0-9a-fA-F]{2}(?:[,:][0-9a-fA-F]{2}){7,}\b/g, '[redacted]')
    // 4+ digits could be a PIN or admin code; official error codes (10003, ...) stay readable.
    .replace(/\d{4,}/g, (digits) => (digits.length === 5 && isOfficialCode(Number(digits)) ? digits : '****'));
}

export function log(message: string): void {
  if (!enabled) return;
  const line = `[lockwire] ${redact(message)}`;
  try {
    if (sink) sink(line);
    else console.log(line);
  } catch {
    // a throwing sink must not break an operation
  }
}
