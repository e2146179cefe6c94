/**
 * `npm run mock-tuya` as a user runs it: a separate process that prints an environment block; pasting that
 * block's values is enough for the CLI to work against it (the certificate is trusted through
 * NODE_EXTRA_CA_CERTS, as the block says).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { CliRunner, ROOT, bundleCli } from '../helpers/tuya-cli';

let child: ChildProcess | undefined;
let cli: CliRunner | undefined;

afterEach(async () => {
  cli?.cleanup();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

/** Starts the script and resolves with the exported variables once the block has been printed. */
function startStandalone(): Promise<{ env: Record<string, string>; text: string }> {
  child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'run-ts.js'), 'scripts/mock-tuya.ts', '--delivery-ms', '0'], { cwd: ROOT });
  return new Promise((resolve, reject) => {
    let text = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (!text.includes('# try:')) return;
      const env: Record<string, string> = {};
      for (const m of text.matchAll(/^export ([A-Z_]+)=(.*)$/gm)) env[m[1]] = m[2];
      resolve({ env, text });
    });
    child!.once('exit', (code) => reject(new Error(`mock-tuya exited with ${code}`)));
  });
}

it('prints a paste-ready environment block with sample devices, and the CLI works with just that', async () => {
  const { env, text } = await startStandalone();
  expect(Object.keys(env).sort()).toEqual(['NODE_EXTRA_CA_CERTS', 'TUYA_ACCESS_ID', 'TUYA_ACCESS_SECRET', 'TUYA_BASE_URL']);
  expect(env.TUYA_BASE_URL).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  expect(text).toMatch(/vdevwifilock0001 \(wifi\)/);
  cli = bundleCli(() => {
    throw new Error('the environment comes from the printed block only');
  });
  const r = await cli.run(['temp-password', '--device-id', 'vdevlockwire0001', '--password-stdin', '--start', String(Math.floor(Date.now() / 1000)), '--end', String(Math.floor(Date.now() / 1000) + 7200), '--wait'], {
    env: { ...env, PATH: process.env.PATH },
    stdin: '123456\n',
    explicitEnv: true,
  });
  expect(r).toMatchObject({ code: 0, stderr: '' });
  const { id } = JSON.parse(r.stdout);
  expect(JSON.parse(r.stdout)).toMatchObject({ state: 'active' });

  // Its stdin drives the locks: a delete on a sleeping lock is revoking and the PIN still opens the door.
  const D = 'vdevlockwire0001';
  expect(await ask(`sleep ${D}`)).toMatch(/is asleep/);
  const del = await cli.run(['temp-password', 'delete', '--device-id', D, '--id', id], { env: { ...env, PATH: process.env.PATH }, explicitEnv: true });
  expect(JSON.parse(del.stdout)).toEqual({ id, state: 'revoking' });
  expect(await ask(`keypad ${D} 123456`)).toMatch(/the door opens/);
  expect(await ask(`wake ${D}`)).toMatch(/woke up/);
  expect(await ask(`keypad ${D} 123456`)).toMatch(/refused/);
  expect(await ask('open sesame')).toMatch(/usage/);
});

/** Sends one command line to the standalone mock and resolves with its one-line answer. */
function ask(line: string): Promise<string> {
  return new Promise((resolve) => {
    child!.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').trim()));
    child!.stdin!.write(`${line}\n`);
  });
}
