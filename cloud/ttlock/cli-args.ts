/**
 * Argument parsing for `ttlock ...`. Same conventions as the Tuya CLI (cloud/cli-args.ts, whose time
 * parser this reuses): our own error sentences, since Node's quote stray arguments and a stray argument
 * may be a passcode.
 */
import { parseArgs } from 'node:util';
import { parseTime } from '../cli-args';

export const USAGE = `usage: ttlock locks
       ttlock lock-data --lock-id ID
       ttlock passcode add --lock-id ID --passcode DIGITS --start T [--end T] --via gateway|record [--name N]
       ttlock passcode change --lock-id ID --id PID [--passcode DIGITS] [--start T --end T] [--name N] --via gateway|record
       ttlock passcode delete --lock-id ID (--id PID | --passcode DIGITS) --via gateway|record
       ttlock passcode list --lock-id ID [--search TEXT]
       ttlock random-passcode --lock-id ID --type one-time|timed|permanent|... [--start T] [--end T] [--name N]
  T         ISO 8601 with an offset (2026-05-01T08:00:00+08:00) or epoch seconds; no --end = permanent
  --via     record  = the phone already did it over Bluetooth; the cloud only records it
            gateway = the cloud does it through the lock's gateway (seconds; one at a time per gateway)
  random-passcode --start defaults to the current whole hour
environment: TTLOCK_CLIENT_ID, TTLOCK_CLIENT_SECRET, TTLOCK_USERNAME, TTLOCK_PASSWORD or TTLOCK_PASSWORD_MD5,
             TTLOCK_BASE_URL or TTLOCK_REGION (eu, cn, api); NODE_EXTRA_CA_CERTS for an extra CA`;

export type TTLockCommand =
  | { kind: 'help' }
  | { kind: 'error'; message: string }
  | { kind: 'locks' }
  | { kind: 'lock-data'; lockId: string }
  | { kind: 'passcode-add'; lockId: string; passcode: string; start: number; end?: number; via: string; name?: string }
  | { kind: 'passcode-change'; lockId: string; id: string; passcode?: string; start?: number; end?: number; via: string; name?: string }
  | { kind: 'passcode-delete'; lockId: string; id?: string; passcode?: string; via: string }
  | { kind: 'passcode-list'; lockId: string; search?: string }
  | { kind: 'random-passcode'; lockId: string; type: string; start?: number; end?: number; name?: string };

const OPTIONS = {
  'lock-id': { type: 'string' },
  passcode: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  via: { type: 'string' },
  id: { type: 'string' },
  name: { type: 'string' },
  search: { type: 'string' },
  type: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which flags each command takes; the first group is required. */
const SHAPES: Record<string, [string[], string[]]> = {
  locks: [[], []],
  'lock-data': [['lock-id'], []],
  'passcode add': [['lock-id', 'passcode', 'start', 'via'], ['end', 'name']],
  'passcode change': [['lock-id', 'id', 'via'], ['passcode', 'start', 'end', 'name']],
  // --id or --passcode (TTLock's deleteByCode): exactly one, checked below.
  'passcode delete': [['lock-id', 'via'], ['id', 'passcode']],
  'passcode list': [['lock-id'], ['search']],
  'random-passcode': [['lock-id', 'type'], ['start', 'end', 'name']],
};

export function parseTTLockArgs(argv: string[]): TTLockCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const option = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-{1,2}[A-Za-z][\w-]*)'/.exec(String((err as Error).message))?.[1] : undefined;
    if (option) return { kind: 'error', message: `unknown option ${option}` };
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return { kind: 'error', message: 'an option is missing its value' };
    return { kind: 'error', message: 'could not read the arguments' };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const command = positionals.join(' ');
  const shape = SHAPES[command];
  if (!shape) return { kind: 'error', message: `expected one command: ${Object.keys(SHAPES).join(' | ')}` };
  const v = values as Record<string, string | undefined>;
  for (const flag of shape[0]) if (v[flag] === undefined) return { kind: 'error', message: `--${flag} is required` };
  for (const flag of Object.keys(OPTIONS)) {
    if (flag !== 'help' && v[flag] !== undefined && !shape[0].includes(flag) && !shape[1].includes(flag)) {
      return { kind: 'error', message: `--${flag} does not apply to ${command}` };
    }
  }
  const times: { start?: number; end?: number } = {};
  for (const flag of ['start', 'end'] as const) {
    if (v[flag] === undefined) continue;
    const ms = parseTime(v[flag]!);
    if (ms === null) return { kind: 'error', message: `--${flag} expected ISO 8601 with an offset, or epoch seconds` };
    times[flag] = ms;
  }
  const lockId = v['lock-id']!;
  switch (command) {
    case 'locks':
      return { kind: 'locks' };
    case 'lock-data':
      return { kind: 'lock-data', lockId };
    case 'passcode add':
      return { kind: 'passcode-add', lockId, passcode: v.passcode!, start: times.start!, end: times.end, via: v.via!, name: v.name };
    case 'passcode change':
      return { kind: 'passcode-change', lockId, id: v.id!, passcode: v.passcode, ...times, via: v.via!, name: v.name };
    case 'passcode delete':
      if ((v.id === undefined) === (v.passcode === undefined)) return { kind: 'error', message: 'passcode delete takes --id or --passcode (exactly one)' };
      return { kind: 'passcode-delete', lockId, id: v.id, passcode: v.passcode, via: v.via! };
    case 'passcode list':
      return { kind: 'passcode-list', lockId, search: v.search };
    default:
      return { kind: 'random-passcode', lockId, type: v.type!, ...times, name: v.name };
  }
}

/** Client field names as the CLI user typed them. */
export const FLAG_OF_FIELD: Record<string, string> = {
  lockId: '--lock-id',
  keyboardPwdId: '--id',
  passcode: '--passcode',
  startDate: '--start',
  endDate: '--end',
  via: '--via',
  type: '--type',
  name: '--name',
  search: '--search',
};
