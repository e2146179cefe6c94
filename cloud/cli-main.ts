/**
 * The CLI's logic, apart from the entry file so tests can call `main` with their own streams and stdin.
 * Credentials come only from the environment, so they stay out of shell history and `ps`; a PIN may come
 * from stdin for the same reason. Success prints one JSON line and returns 0; failure prints one line
 * (with Tuya's code when Tuya refused) and returns 1. Neither stream carries the secret, a token or a PIN.
 */
import { createTuyaClient, TuyaClient } from './client';
import { PasswordState } from './delivery';
import { isTuyaError } from './errors';
import { CliRequest, FLAG_OF_FIELD, USAGE, parseCliArgs } from './cli-args';
import { clientOptionsFromEnv } from './cli-env';
import { runCli } from './cli-run';

const PREFIX = 'tuya';

function flagFor(field: string | undefined): string {
  if (!field) return '';
  const base = field.replace(/\[.*$/, '');
  return FLAG_OF_FIELD[base] ?? (base === 'schedule' ? '--schedule' : field);
}

/** One line for stderr; only our own messages and Tuya's code/msg/tid, never input values. */
export function describeFailure(err: unknown): string {
  if (!isTuyaError(err)) return `${PREFIX}: unexpected failure`;
  if (err.kind === 'validation') return `${PREFIX}: invalid ${flagFor(err.field)}: ${err.message}`;
  return `${PREFIX}: ${err.message}`;
}

/** Times as ISO 8601 (UTC), the rest as the client answered. */
function printable(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = (key === 'effectiveTime' || key === 'invalidTime') && typeof v === 'number' ? new Date(v).toISOString() : v;
  }
  return out;
}

/** What `--wait` must see for the command to have done what it says. */
const CONFIRMED: Partial<Record<CliRequest['kind'], PasswordState>> = {
  create: 'active',
  modify: 'active',
  freeze: 'frozen',
  unfreeze: 'active',
  delete: 'revoked',
};

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

type Request = Exclude<CliRequest, { kind: 'help' } | { kind: 'error' }>;

/** Runs one request; returns the JSON answer and, with --wait, the id to confirm. */
async function execute(client: TuyaClient, r: Request, stdinPin: () => Promise<string>): Promise<{ answer: object; confirm?: string }> {
  switch (r.kind) {
    case 'create': {
      const fields = r.passwordStdin ? { ...r.fields, password: await stdinPin() } : r.fields;
      const created = await client.createTempPassword(fields);
      return { answer: created, confirm: created.id };
    }
    case 'modify': {
      const fields = r.passwordStdin ? { ...r.fields, password: await stdinPin() } : r.fields;
      return { answer: await client.modifyTempPassword(r.deviceId, r.id, fields), confirm: r.id };
    }
    case 'list':
      return { answer: { passwords: (await client.listTempPasswords(r.deviceId, r.valid === undefined ? {} : { valid: r.valid })).map(printable) } };
    case 'get':
      return { answer: await client.getTempPassword(r.deviceId, r.id ?? '') };
    case 'freeze':
      return { answer: await client.freezeTempPassword(r.deviceId, r.id), confirm: r.id };
    case 'unfreeze':
      return { answer: await client.unfreezeTempPassword(r.deviceId, r.id), confirm: r.id };
    case 'delete':
      return { answer: await client.deleteTempPassword(r.deviceId, r.id), confirm: r.id };
    case 'clear':
      return { answer: await client.clearTempPasswords(r.deviceId) };
    case 'offline':
      return { answer: await client.createOfflinePassword(r.deviceId, r.fields) };
    case 'dynamic':
      return { answer: await client.getDynamicPassword(r.deviceId) };
  }
}

export function main(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  errOut: (line: string) => void,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  return runCli<Request, TuyaClient>(
    {
      prefix: PREFIX,
      usage: USAGE,
      parse: parseCliArgs,
      client: (e) => createTuyaClient(clientOptionsFromEnv(e)),
      describeFailure,
      run: (client, request) => runRequest(client, request, out, errOut, stdin),
    },
    argv,
    env,
    out,
    errOut,
  );
}

async function runRequest(client: TuyaClient, request: Request, out: (line: string) => void, errOut: (line: string) => void, stdin: NodeJS.ReadableStream): Promise<number> {
  // One line of stdin, without its line ending; the rules then check it like any PIN.
  const stdinPin = async () => (await readAll(stdin)).replace(/\r?\n$/, '');
  const { answer, confirm } = await execute(client, request, stdinPin);
  const target = CONFIRMED[request.kind];
  if (!('wait' in request && request.wait) || confirm === undefined || target === undefined) {
    out(JSON.stringify(printable(answer)));
    return 0;
  }
  const deviceId = request.kind === 'create' ? request.fields.deviceId : request.deviceId;
  const outcome = await client.waitForDelivery(deviceId, confirm, { intervalMs: 1000 });
  out(JSON.stringify({ id: confirm, ...outcome }));
  // Wi-Fi and BLE (no delivery_status) show no frozen phase: neither a freeze nor an unfreeze can be seen there.
  const unobservable = (request.kind === 'freeze' || request.kind === 'unfreeze') && outcome.deliveryStatus === undefined;
  if (outcome.state === target && !unobservable) return 0;
  const why = unobservable ? `; Tuya accepted the ${request.kind}, but Wi-Fi and BLE locks report no frozen state, so the lock's side cannot be confirmed` : '';
  errOut(`${PREFIX}: the lock has not confirmed: password ${confirm} is ${outcome.state}${outcome.reason ? ` (${outcome.reason})` : ''}${why}`);
  return 1;
}
