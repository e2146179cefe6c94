/**
 * The CLI's commands: how each is spelled, which flags it takes and which it needs, and the usage text
 * built from the same table so the two cannot drift apart.
 */

export type CommandName = 'create' | 'list' | 'get' | 'modify' | 'freeze' | 'unfreeze' | 'delete' | 'clear' | 'offline' | 'dynamic';

interface CommandSpec {
  words: string[];
  flags: string[];
  required: string[];
  usage: string;
}

const PIN_FLAGS = ['password', 'password-stdin', 'start', 'end', 'type', 'phone', 'time-zone', 'schedule', 'wait'];
const ID_WAIT = ['device-id', 'id', 'wait'];

export const COMMANDS: Record<CommandName, CommandSpec> = {
  create: {
    words: ['temp-password'],
    flags: ['device-id', ...PIN_FLAGS],
    required: ['device-id', 'start', 'end'],
    usage: 'tuya temp-password --device-id ID (--password DIGITS | --password-stdin) --start T --end T [--type 0|1] [--phone P] [--time-zone ZONE] [--schedule START-END:DAYS]... [--wait]',
  },
  list: { words: ['temp-password', 'list'], flags: ['device-id', 'valid'], required: ['device-id'], usage: 'tuya temp-password list --device-id ID [--valid true|false]' },
  get: { words: ['temp-password', 'get'], flags: ['device-id', 'id'], required: ['device-id', 'id'], usage: 'tuya temp-password get --device-id ID --id PID' },
  modify: {
    words: ['temp-password', 'modify'],
    flags: ['device-id', 'id', 'name', ...PIN_FLAGS],
    required: ['device-id', 'id', 'start', 'end'],
    usage: 'tuya temp-password modify --device-id ID --id PID (--password DIGITS | --password-stdin) --start T --end T [--name N] [--type 0|1] [--phone P] [--time-zone ZONE] [--schedule ...] [--wait]',
  },
  freeze: { words: ['temp-password', 'freeze'], flags: ID_WAIT, required: ['device-id', 'id'], usage: 'tuya temp-password freeze --device-id ID --id PID [--wait]' },
  unfreeze: { words: ['temp-password', 'unfreeze'], flags: ID_WAIT, required: ['device-id', 'id'], usage: 'tuya temp-password unfreeze --device-id ID --id PID [--wait]' },
  delete: { words: ['temp-password', 'delete'], flags: ID_WAIT, required: ['device-id', 'id'], usage: 'tuya temp-password delete --device-id ID --id PID [--wait]' },
  clear: { words: ['temp-password', 'clear'], flags: ['device-id'], required: ['device-id'], usage: 'tuya temp-password clear --device-id ID' },
  offline: {
    words: ['offline-password'],
    flags: ['device-id', 'kind', 'start', 'end', 'id', 'name'],
    required: ['device-id', 'kind'],
    usage: 'tuya offline-password --device-id ID --kind once|multiple|clear_one|clear_all [--start T --end T] [--id PID] [--name N]',
  },
  dynamic: { words: ['dynamic-password'], flags: ['device-id'], required: ['device-id'], usage: 'tuya dynamic-password --device-id ID' },
};

/** The command the positional words name; anything else (perhaps a PIN typed without its flag) is not echoed. */
export function commandOf(positionals: string[]): CommandName | { error: string } {
  for (const [name, spec] of Object.entries(COMMANDS) as Array<[CommandName, CommandSpec]>) {
    if (spec.words.length === positionals.length && spec.words.every((w, i) => w === positionals[i])) return name;
  }
  if (positionals.length === 2 && positionals[0] === 'temp-password' && positionals[1] === 'create') return 'create';
  return { error: 'expected a command: temp-password [list|get|modify|freeze|unfreeze|delete|clear], offline-password or dynamic-password' };
}

export const USAGE = `usage:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

  T         ISO 8601 with an offset (2026-05-01T08:00:00+08:00) or epoch seconds
  --password-stdin  read the PIN from standard input: the safe way, since command lines
            (and so --password) are visible to other users of the machine
  --type    1 = usable once, 0 = usable many times within the window (default 0)
  --schedule  a weekly window in minutes of the day and a weekday bitmask (bit0 = Sunday),
            e.g. 450-510:38 = 07:30-08:30 on Mon, Tue, Fri; repeat for more windows
  --wait    poll until the lock confirms (about 25 s at most); exit 1 if it has not
  --kind    once: one use within 6 h of the current hour; multiple: many uses in [start, end),
            rounded down to the hour, first use within 24 h; clear_one (--id): a code that
            clears one offline code; clear_all: a code that clears them all (24 h)
output:     one JSON line on stdout, exit 0; one line on stderr, exit 1
environment: TUYA_ACCESS_ID, TUYA_ACCESS_SECRET, and TUYA_BASE_URL or TUYA_REGION
             (cn, us, us-e, eu, eu-w, in, sg); NODE_EXTRA_CA_CERTS for an extra CA`;
