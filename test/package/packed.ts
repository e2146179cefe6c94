/**
 * The published package as a user gets it: built from the source into a temporary folder, packed by
 * `npm pack`, and installed by `npm install <tarball>` (from npm's cache when it can: lockwire's own
 * dependencies are the only thing it may fetch, from the npm registry). Everything lives in one
 * temporary directory that remove() deletes.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const { buildPackage } = require(path.join(ROOT, 'scripts/package/build-package'));

export interface Packed {
  tmp: string;
  /** The folder that was packed. */
  dir: string;
  tarball: string;
  /** Paths inside the tarball, as `npm pack` lists them. */
  files: string[];
  remove(): void;
}

export function buildAndPack(): Packed {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockwire-pack-'));
  const dir = path.join(tmp, 'package');
  try {
    buildPackage(ROOT, dir);
    const out = JSON.parse(execFileSync('npm', ['pack', dir, '--pack-destination', tmp, '--json', '--silent'], { cwd: tmp, encoding: 'utf8' }));
    return {
      tmp,
      dir,
      tarball: path.join(tmp, out[0].filename),
      files: out[0].files.map((f: { path: string }) => f.path).sort(),
      remove: () => fs.rmSync(tmp, { recursive: true, force: true }),
    };
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * `npm install <tarball>` into a fresh folder (no package.json: only lockwire and its own
 * dependencies are resolved), then that node_modules moved to `projectDir`, as if the project had run
 * `npm install lockwire`. Returns the installed lockwire's folder.
 */
export function installTarball(packed: Packed, projectDir: string): string {
  const prefix = fs.mkdtempSync(path.join(packed.tmp, 'install-'));
  execFileSync('npm', ['install', '--prefix', prefix, '--prefer-offline', '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', packed.tarball], {
    cwd: prefix,
    stdio: 'pipe',
  });
  fs.renameSync(path.join(prefix, 'node_modules'), path.join(projectDir, 'node_modules'));
  fs.rmSync(prefix, { recursive: true, force: true });
  return path.join(projectDir, 'node_modules', 'lockwire');
}
