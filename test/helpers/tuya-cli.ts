/**
 * Runs the `tuya` CLI as a user does: a separate Node process, credentials in the environment, the mock's
 * test-only CA in NODE_EXTRA_CA_CERTS. The entry is bundled once per file with esbuild (what `npm run build`
 * does); `viaRunTs` goes through scripts/run-ts.js (what `npm run tuya` does).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type { MockTuyaCloud } from '../../simulator/tuya-cloud';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunner {
  /** `explicitEnv`: use `env` alone, not the mock's credentials. */
  run(args: string[], options?: { env?: Record<string, string | undefined>; viaRunTs?: boolean; stdin?: string; explicitEnv?: boolean }): Promise<Run>;
  cleanup(): void;
}

export function bundleCli(mock: () => MockTuyaCloud): CliRunner {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-cli-test-'));
  const bundle = path.join(outDir, 'cli.js');
  buildSync({ entryPoints: [path.join(ROOT, 'cloud', 'cli.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error' });
  return {
    run(args, options = {}) {
      const fromMock = (m: MockTuyaCloud) => ({
        PATH: process.env.PATH,
        TUYA_ACCESS_ID: m.accessId,
        TUYA_ACCESS_SECRET: m.accessSecret,
        TUYA_BASE_URL: m.baseUrl,
        NODE_EXTRA_CA_CERTS: m.caPath,
      });
      const fullEnv: NodeJS.ProcessEnv = { ...(options.explicitEnv ? {} : fromMock(mock())), ...options.env };
      for (const key of Object.keys(fullEnv)) if (fullEnv[key] === undefined) delete fullEnv[key];
      const argv = options.viaRunTs ? [path.join(ROOT, 'scripts', 'run-ts.js'), 'cloud/cli.ts', ...args] : [bundle, ...args];
      return new Promise((resolve) => {
        const child = execFile(process.execPath, argv, { env: fullEnv, cwd: ROOT, timeout: 15000 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
        });
        child.stdin?.end(options.stdin ?? '');
      });
    },
    cleanup: () => fs.rmSync(outDir, { recursive: true, force: true }),
  };
}

/** Exit 1, nothing on stdout, exactly one line on stderr. */
export function expectOneLineFailure(r: Run): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
}
