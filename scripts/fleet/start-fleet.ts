/**
 * Starts N relay processes (scripts/fleet/relay-process.ts, bundled once with esbuild) against one
 * mock Tuya cloud, and stops them by PID. Used by the fleet test and the benchmark.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MockTuyaCloud } from '../../simulator/tuya-cloud-types';
import { ROOT } from '../repo-root';

export interface Fleet {
  urls: string[];
  stop(): Promise<void>;
}

export interface FleetOptions {
  size: number;
  store: 'redis' | 'memory';
  redisUrl?: string;
  session: string;
  device: string;
  refreshMarginMs: number;
}

/**
 * Bundles the relay process into a fresh temporary folder; the fleet that uses it removes it on stop()
 * (not at process exit: a test runner may kill its worker, and the folder would stay behind).
 */
function bundle(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-fleet-'));
  const file = path.join(dir, 'fleet-relay-process.js');
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  // esbuild's command line, not its API: the benchmark is itself a bundle, and esbuild's API cannot be bundled.
  const cli = path.join(ROOT, 'node_modules', 'esbuild', 'bin', 'esbuild');
  const entry = path.join(ROOT, 'scripts', 'fleet', 'relay-process.ts');
  try {
    execFileSync(cli, [entry, '--bundle', '--platform=node', '--format=cjs', '--target=node20', `--outfile=${file}`, '--log-level=warning']);
  } catch (err) {
    remove();
    throw err;
  }
  return { file, remove };
}

function startOne(file: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`relay process not ready in 15 s: ${err}`))), 15000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}` });
      }
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`relay process exited (${code}): ${err}`))));
  });
}

export async function startFleet(mock: MockTuyaCloud, options: FleetOptions): Promise<Fleet> {
  const { file, remove } = bundle();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    TUYA_BASE_URL: mock.baseUrl,
    TUYA_ACCESS_ID: mock.accessId,
    TUYA_ACCESS_SECRET: mock.accessSecret,
    LOCKWIRE_CA_PATH: mock.caPath,
    LOCKWIRE_STORE: options.store,
    LOCKWIRE_REDIS_URL: options.redisUrl ?? '',
    LOCKWIRE_REDIS_PREFIX: `fleet${Date.now()}:`,
    LOCKWIRE_SESSION: options.session,
    LOCKWIRE_DEVICE: options.device,
    LOCKWIRE_REFRESH_MARGIN_MS: String(options.refreshMarginMs),
  };
  const started = await Promise.allSettled(Array.from({ length: options.size }, () => startOne(file, env)));
  const children = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.child] : []));
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.removeAllListeners('exit');
            c.once('exit', () => resolve());
            process.kill(c.pid!, 'SIGTERM');
          }),
      ),
    );
    remove();
  };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stop();
    throw (failed as PromiseRejectedResult).reason;
  }
  return { urls: started.map((s) => (s as PromiseFulfilledResult<{ url: string }>).value.url), stop };
}
