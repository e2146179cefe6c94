/**
 * What both CLIs (`tuya`, `ttlock`) share: the shape of a run (parse; --help prints the usage; a bad
 * command line is one line on stderr; the client comes from the environment only; the command's own code
 * prints its answer; any failure is one line on stderr; the client is closed) and the binding to the
 * process (argv, env, one line per write, the exit code). Each vendor keeps its parser, its commands and
 * its wording of failures.
 */

export type CliParse<C> = { kind: 'help' } | { kind: 'error'; message: string } | C;

export interface CliSpec<C extends { kind: string }, Client extends { close(): void }> {
  /** "tuya", "ttlock": the first word of every stderr line. */
  prefix: string;
  usage: string;
  parse(argv: string[]): CliParse<C>;
  /** Builds the client from the environment; throws the vendor's config error when something is missing. */
  client(env: NodeJS.ProcessEnv): Client;
  /** Runs one command, prints its answer with `out`; returns the exit code. */
  run(client: Client, command: C, out: (line: string) => void, errOut: (line: string) => void): Promise<number>;
  /** One line for stderr, never an input value. */
  describeFailure(err: unknown): string;
}

export async function runCli<C extends { kind: string }, Client extends { close(): void }>(
  spec: CliSpec<C, Client>,
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  errOut: (line: string) => void,
): Promise<number> {
  const command = spec.parse(argv);
  if (command.kind === 'help') {
    out(spec.usage);
    return 0;
  }
  if (command.kind === 'error') {
    errOut(`${spec.prefix}: ${(command as { message: string }).message} (see --help)`);
    return 1;
  }
  let client: Client | undefined;
  try {
    client = spec.client(env);
    return await spec.run(client, command as C, out, errOut);
  } catch (err) {
    errOut(spec.describeFailure(err));
    return 1;
  } finally {
    client?.close();
  }
}

/** Binds a CLI's `main` to this process: stdout lines, stderr lines folded to one, the exit code. */
export function runCliProcess(
  prefix: string,
  main: (argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, errOut: (line: string) => void) => Promise<number>,
): void {
  main(
    process.argv.slice(2),
    process.env,
    (line) => process.stdout.write(`${line}\n`),
    // One line per failure, whatever the message holds.
    (line) => process.stderr.write(`${line.replace(/[\r\n]+/g, ' ')}\n`),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.stderr.write(`${prefix}: unexpected failure\n`);
      process.exitCode = 1;
    },
  );
}
