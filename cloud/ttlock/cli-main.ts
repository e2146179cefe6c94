/**
 * The `ttlock` CLI's logic, apart from the entry file so tests can call `main` with their own streams.
 * Credentials come only from the environment (never argv: shell history and `ps` show it). Success
 * prints one JSON line and returns 0; failure prints one line and returns 1. stderr never carries the
 * secret, the password, a token, lockData or a passcode; stdout carries lockData or codes only when the
 * command asked for them.
 */
import { createTTLockClient, TTLockClient, TTLockRegion } from './client';
import { TTLockError, isTTLockError } from './errors';
import { HOUR, RandomPasscodeType } from './rules';
import { FLAG_OF_FIELD, TTLockCommand, USAGE, parseTTLockArgs } from './cli-args';
import type { Via } from './passcodes';
import { runCli } from '../cli-run';

const PREFIX = 'ttlock';

/** One line for stderr: our own message, TTLock's code and advice, never an input value. */
export function describeFailure(err: unknown): string {
  if (!isTTLockError(err)) return `${PREFIX}: unexpected failure`;
  if (err.kind === 'validation' || err.kind === 'config') {
    const flag = err.field ? FLAG_OF_FIELD[err.field] : undefined;
    return `${PREFIX}: invalid ${flag ?? err.field ?? 'input'}: ${err.message}`;
  }
  const advice = err.advice && !err.message.includes(err.advice) ? ` (${err.advice})` : '';
  return `${PREFIX}: ${err.kind}: ${err.message}${advice}`;
}

function clientFromEnv(env: NodeJS.ProcessEnv): TTLockClient {
  const missing = ['TTLOCK_CLIENT_ID', 'TTLOCK_CLIENT_SECRET', 'TTLOCK_USERNAME'].filter((k) => !env[k]);
  if (!env.TTLOCK_PASSWORD && !env.TTLOCK_PASSWORD_MD5) missing.push('TTLOCK_PASSWORD or TTLOCK_PASSWORD_MD5');
  if (missing.length) throw new TTLockError('config', `${missing.join(', ')} must be set in the environment`);
  // No `ca` option: Node's default store, which includes NODE_EXTRA_CA_CERTS, is what the CLI trusts.
  return createTTLockClient({
    clientId: env.TTLOCK_CLIENT_ID!,
    clientSecret: env.TTLOCK_CLIENT_SECRET!,
    username: env.TTLOCK_USERNAME!,
    ...(env.TTLOCK_PASSWORD_MD5 ? { passwordMd5: env.TTLOCK_PASSWORD_MD5 } : { password: env.TTLOCK_PASSWORD }),
    ...(env.TTLOCK_BASE_URL ? { host: env.TTLOCK_BASE_URL } : { region: (env.TTLOCK_REGION || 'eu') as TTLockRegion }),
  });
}

type Command = Exclude<TTLockCommand, { kind: 'help' | 'error' }>;

async function execute(client: TTLockClient, c: Command): Promise<unknown> {
  // Ids stay strings until the client checks them, so a bad one is reported by the client's rule.
  const id = (text: string) => (/^\d+$/.test(text) ? Number(text) : (text as unknown as number));
  switch (c.kind) {
    case 'locks':
      return { locks: await client.listLocks() };
    case 'lock-data':
      return await client.getAdminLockData(id(c.lockId));
    case 'passcode-add': {
      const input = { lockId: id(c.lockId), passcode: c.passcode, startDate: c.start, endDate: c.end, name: c.name };
      const via = c.via as Via;
      if (via !== 'record' && via !== 'gateway') throw new TTLockError('validation', '"via" expected "record" or "gateway"', { field: 'via' });
      return via === 'gateway' ? client.addPasscodeViaGateway(input) : client.recordPasscode(input);
    }
    case 'passcode-change':
      return client.changePasscode({ lockId: id(c.lockId), keyboardPwdId: id(c.id), passcode: c.passcode, startDate: c.start, endDate: c.end, name: c.name, via: c.via as Via });
    case 'passcode-delete':
      return client.deletePasscode({ lockId: id(c.lockId), keyboardPwdId: c.id === undefined ? undefined : id(c.id), passcode: c.passcode, via: c.via as Via });
    case 'passcode-list': {
      const list = [];
      for (let pageNo = 1; pageNo <= 50; pageNo++) {
        const page = await client.listPasscodes(id(c.lockId), { search: c.search, pageNo, pageSize: 200 });
        list.push(...page.list);
        if (pageNo >= page.pages) break;
      }
      return { passcodes: list };
    }
    case 'random-passcode': {
      const start = c.start ?? Math.floor(Date.now() / HOUR) * HOUR;
      return client.getRandomPasscode({ lockId: id(c.lockId), type: c.type as RandomPasscodeType, startDate: start, endDate: c.end, name: c.name });
    }
  }
}

export function main(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, errOut: (line: string) => void): Promise<number> {
  return runCli<Command, TTLockClient>(
    {
      prefix: PREFIX,
      usage: USAGE,
      parse: parseTTLockArgs,
      client: clientFromEnv,
      describeFailure,
      run: async (client, command, print) => {
        print(JSON.stringify(await execute(client, command)));
        return 0;
      },
    },
    argv,
    env,
    out,
    errOut,
  );
}
