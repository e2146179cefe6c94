/**
 * The CLI's logic, apart from the entry file so tests can call `main` with their own streams.
 * Credentials come only from the environment, so they stay out of shell history and `ps`. Success prints
 * one JSON line and returns 0; failure prints one line (with Tuya's code when Tuya refused) and returns 1.
 * Neither stream ever carries the secret, a token or the PIN.
 */
import { createTuyaClient, TuyaClient } from './client';
import { TuyaError, isTuyaError } from './errors';
import { FLAG_OF_FIELD, USAGE, parseCliArgs } from './cli-args';

const PREFIX = 'tuya temp-password';

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

function clientFromEnv(env: NodeJS.ProcessEnv): TuyaClient {
  const accessId = env.TUYA_ACCESS_ID;
  const accessSecret = env.TUYA_ACCESS_SECRET;
  if (!accessId || !accessSecret) {
    throw new TuyaError('config', 'TUYA_ACCESS_ID and TUYA_ACCESS_SECRET must be set in the environment');
  }
  // No `ca` option: Node's default store, which includes NODE_EXTRA_CA_CERTS, is what the CLI trusts.
  return createTuyaClient({
    accessId,
    accessSecret,
    baseUrl: env.TUYA_BASE_URL || undefined,
    region: env.TUYA_BASE_URL ? undefined : env.TUYA_REGION || undefined,
  });
}

export async function main(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, errOut: (line: string) => void): Promise<number> {
  const request = parseCliArgs(argv);
  if (request.kind === 'help') {
    out(USAGE);
    return 0;
  }
  if (request.kind === 'error') {
    errOut(`${PREFIX}: ${request.message} (see --help)`);
    return 1;
  }
  let client: TuyaClient | undefined;
  try {
    client = clientFromEnv(env);
    const { id } = await client.createTempPassword(request.fields);
    if (!request.wait) {
      out(JSON.stringify({ id }));
      return 0;
    }
    const outcome = await client.waitForDelivery(request.fields.deviceId, id, { intervalMs: 1000 });
    out(JSON.stringify({ id, delivery: outcome.state }));
    if (outcome.state === 'active') return 0;
    errOut(`${PREFIX}: password ${id} was not delivered to the lock (${outcome.state})`);
    return 1;
  } catch (err) {
    errOut(describeFailure(err));
    return 1;
  } finally {
    client?.close();
  }
}
