/**
 * Argument parsing for the `tuya` CLI: which command, which flags it takes, and the typed request. Errors
 * are our own sentences: Node's parseArgs messages quote stray arguments, and a stray argument may well
 * be the PIN. Field rules (PIN length, windows, offline rounding) are the client's; this only shapes input.
 */
import { parseArgs } from 'node:util';
import type { TempPasswordFields, TempPasswordScheduleItem } from '../plugin/tuya/temp-password-rules';
import type { ModifyTempPasswordFields, OfflinePasswordFields } from '../plugin/tuya/password-lifecycle-rules';
import { COMMANDS, CommandName, commandOf } from './cli-commands';

export { USAGE } from './cli-commands';

export type CliRequest =
  | { kind: 'help' }
  | { kind: 'error'; message: string }
  | { kind: 'create'; fields: TempPasswordFields; wait: boolean; passwordStdin: boolean }
  | { kind: 'list'; deviceId: string; valid?: boolean }
  | { kind: 'get' | 'clear' | 'dynamic'; deviceId: string; id?: string }
  | { kind: 'modify'; deviceId: string; id: string; fields: ModifyTempPasswordFields; wait: boolean; passwordStdin: boolean }
  | { kind: 'freeze' | 'unfreeze' | 'delete'; deviceId: string; id: string; wait: boolean }
  | { kind: 'offline'; deviceId: string; fields: OfflinePasswordFields };

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

const OPTIONS = {
  'device-id': { type: 'string' },
  id: { type: 'string' },
  password: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  start: { type: 'string' },
  end: { type: 'string' },
  type: { type: 'string' },
  phone: { type: 'string' },
  'time-zone': { type: 'string' },
  schedule: { type: 'string', multiple: true },
  name: { type: 'string' },
  valid: { type: 'string' },
  kind: { type: 'string' },
  wait: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };
type Fail = { kind: 'error'; message: string };
const fail = (message: string): Fail => ({ kind: 'error', message });

function readArgs(argv: string[]): { values: Values; positionals: string[] } | Fail {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS }) as { values: Values; positionals: string[] };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const option = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-{1,2}[A-Za-z][\w-]*)'/.exec(String((err as Error).message))?.[1] : undefined;
    if (option) return fail(`unknown option ${option}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return fail('an option is missing its value');
    return fail('could not read the arguments');
  }
}

/** --start/--end, --type, --phone, --time-zone, --schedule: the fields create and modify share. */
function passwordFields(v: Values): Fail | Omit<TempPasswordFields, 'deviceId' | 'password'> {
  const effectiveTime = parseTime(v.start!);
  if (effectiveTime === null) return fail('--start expected ISO 8601 with an offset, or epoch seconds');
  const invalidTime = parseTime(v.end!);
  if (invalidTime === null) return fail('--end expected ISO 8601 with an offset, or epoch seconds');
  const fields: Omit<TempPasswordFields, 'deviceId' | 'password'> = { effectiveTime, invalidTime };
  if (v.type !== undefined) {
    if (v.type !== '0' && v.type !== '1') return fail('--type expected 0 or 1');
    fields.type = v.type === '1' ? 1 : 0;
  }
  if (v.phone !== undefined) fields.phone = v.phone;
  if (v['time-zone'] !== undefined) fields.timeZone = v['time-zone'];
  if (v.schedule !== undefined) {
    const items: TempPasswordScheduleItem[] = [];
    for (const text of v.schedule) {
      const item = parseSchedule(text);
      if (!item) return fail('--schedule expected START-END:DAYS, e.g. 450-510:38');
      items.push(item);
    }
    fields.schedule = items;
  }
  return fields;
}

function offlineFields(v: Values): Fail | OfflinePasswordFields {
  const fields = { kind: v.kind } as OfflinePasswordFields;
  for (const [flag, key] of [['start', 'effectiveTime'], ['end', 'invalidTime']] as const) {
    if (v[flag] === undefined) continue;
    const ms = parseTime(v[flag]!);
    if (ms === null) return fail(`--${flag} expected ISO 8601 with an offset, or epoch seconds`);
    fields[key] = ms;
  }
  if (v.id !== undefined) fields.passwordId = v.id;
  if (v.name !== undefined) fields.name = v.name;
  return fields;
}

export function parseCliArgs(argv: string[]): CliRequest {
  const args = readArgs(argv);
  if ('kind' in args) return args;
  const { values: v, positionals } = args;
  if (v.help) return { kind: 'help' };
  const command = commandOf(positionals);
  if (typeof command !== 'string') return fail(command.error);
  const spec = COMMANDS[command as CommandName];
  for (const flag of Object.keys(v) as Array<keyof Values>) {
    if (v[flag] !== undefined && !spec.flags.includes(flag)) return fail(`--${flag} is not an option of "${spec.usage.split(' --')[0]}"`);
  }
  for (const flag of spec.required) if (v[flag as keyof Values] === undefined) return fail(`--${flag} is required`);
  const passwordStdin = v['password-stdin'] === true;
  if (passwordStdin && v.password !== undefined) return fail('give --password or --password-stdin, not both');
  if (spec.flags.includes('password') && !passwordStdin && v.password === undefined) {
    return fail('--password or --password-stdin is required');
  }
  const deviceId = v['device-id']!;
  const wait = v.wait === true;
  switch (command) {
    case 'create':
    case 'modify': {
      const shared = passwordFields(v);
      if ('kind' in shared) return shared;
      const password = v.password ?? '';
      if (command === 'create') return { kind: 'create', fields: { deviceId, password, ...shared }, wait, passwordStdin };
      const fields: ModifyTempPasswordFields = { password, ...shared };
      if (v.name !== undefined) fields.name = v.name;
      return { kind: 'modify', deviceId, id: v.id!, fields, wait, passwordStdin };
    }
    case 'list':
      if (v.valid !== undefined && v.valid !== 'true' && v.valid !== 'false') return fail('--valid expected true or false');
      return { kind: 'list', deviceId, ...(v.valid !== undefined ? { valid: v.valid === 'true' } : {}) };
    case 'freeze':
    case 'unfreeze':
    case 'delete':
      return { kind: command, deviceId, id: v.id!, wait };
    case 'offline': {
      const fields = offlineFields(v);
      return 'message' in fields ? fields : { kind: 'offline', deviceId, fields };
    }
    default:
      return { kind: command, deviceId, ...(v.id !== undefined ? { id: v.id } : {}) };
  }
}

/** Field names of the rules modules, as the CLI user typed them. */
export const FLAG_OF_FIELD: Record<string, string> = {
  deviceId: '--device-id',
  id: '--id',
  passwordId: '--id',
  password: '--password',
  effectiveTime: '--start',
  invalidTime: '--end',
  type: '--type',
  phone: '--phone',
  timeZone: '--time-zone',
  name: '--name',
  kind: '--kind',
  valid: '--valid',
};
