/**
 * Argument parsing for `cli.ts temp-password`. Errors are our own sentences: Node's parseArgs messages
 * quote stray arguments, and a stray argument may well be the PIN.
 */
import { parseArgs } from 'node:util';
import type { TempPasswordFields, TempPasswordScheduleItem } from '../plugin/tuya/temp-password-rules';

export const USAGE = `usage: tuya temp-password --device-id ID --password DIGITS --start T --end T
         [--type 0|1] [--phone P] [--time-zone ZONE] [--schedule START-END:DAYS]... [--wait]
  T         ISO 8601 with an offset (2026-05-01T08:00:00+08:00) or epoch seconds
  --type    1 = usable once, 0 = usable many times within the window (default 0)
  --schedule  a weekly window in minutes of the day and a weekday bitmask (bit0 = Sunday),
            e.g. 450-510:38 = 07:30-08:30 on Mon, Tue, Fri; repeat for more windows
  --wait    poll until the lock has the password (about 25 s at most)
environment: TUYA_ACCESS_ID, TUYA_ACCESS_SECRET, and TUYA_BASE_URL or TUYA_REGION
             (cn, us, us-e, eu, eu-w, in, sg); NODE_EXTRA_CA_CERTS for an extra CA`;

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'error'; message: string }
  | { kind: 'temp-password'; fields: TempPasswordFields; wait: boolean };

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** ISO 8601 with an explicit offset, or epoch seconds; returns epoch ms or null. */
export function parseTime(text: string): number | null {
  if (/^\d{9,11}$/.test(text)) return Number(text) * 1000;
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** "450-510:38" -> { startMinute: 450, endMinute: 510, weekdays: 38 }; range checks are the rules' job. */
export function parseSchedule(text: string): TempPasswordScheduleItem | null {
  const m = /^(\d{1,4})-(\d{1,4}):(\d{1,3})$/.exec(text);
  return m ? { startMinute: Number(m[1]), endMinute: Number(m[2]), weekdays: Number(m[3]) } : null;
}

export function parseCliArgs(argv: string[]): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'device-id': { type: 'string' },
        password: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        type: { type: 'string' },
        phone: { type: 'string' },
        'time-zone': { type: 'string' },
        schedule: { type: 'string', multiple: true },
        wait: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const option = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-{1,2}[A-Za-z][\w-]*)'/.exec(String((err as Error).message))?.[1] : undefined;
    if (option) return { kind: 'error', message: `unknown option ${option}` };
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { kind: 'error', message: 'an option is missing its value' };
    return { kind: 'error', message: 'could not read the arguments' };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length !== 1 || positionals[0] !== 'temp-password') {
    return { kind: 'error', message: 'expected exactly one command: temp-password' };
  }
  for (const flag of ['device-id', 'password', 'start', 'end'] as const) {
    if (values[flag] === undefined) return { kind: 'error', message: `--${flag} is required` };
  }
  const effectiveTime = parseTime(values.start!);
  if (effectiveTime === null) return { kind: 'error', message: '--start expected ISO 8601 with an offset, or epoch seconds' };
  const invalidTime = parseTime(values.end!);
  if (invalidTime === null) return { kind: 'error', message: '--end expected ISO 8601 with an offset, or epoch seconds' };
  const fields: TempPasswordFields = { deviceId: values['device-id']!, password: values.password!, effectiveTime, invalidTime };
  if (values.type !== undefined) {
    if (values.type !== '0' && values.type !== '1') return { kind: 'error', message: '--type expected 0 or 1' };
    fields.type = values.type === '1' ? 1 : 0;
  }
  if (values.phone !== undefined) fields.phone = values.phone;
  if (values['time-zone'] !== undefined) fields.timeZone = values['time-zone'];
  if (values.schedule !== undefined) {
    const items: TempPasswordScheduleItem[] = [];
    for (const text of values.schedule) {
      const item = parseSchedule(text);
      if (!item) return { kind: 'error', message: '--schedule expected START-END:DAYS, e.g. 450-510:38' };
      items.push(item);
    }
    fields.schedule = items;
  }
  return { kind: 'temp-password', fields, wait: values.wait === true };
}

/** Field names of the rules module, as the CLI user typed them. */
export const FLAG_OF_FIELD: Record<string, string> = {
  deviceId: '--device-id',
  password: '--password',
  effectiveTime: '--start',
  invalidTime: '--end',
  type: '--type',
  phone: '--phone',
  timeZone: '--time-zone',
};
