/**
 * `npm pack` of the published package (built from the source by scripts/package.js): what is in the
 * tarball, that each door exports exactly what its source entry exports (so API added to an entry
 * reaches the package and its types with no list to update), that the .d.ts files stand alone, and
 * that the example host project, with the tarball installed, builds its miniprogram_npm and passes
 * its own tests.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import { declarationDependencies, exportedNames } from './exported-names';
import { ROOT, buildAndPack, installTarball, type Packed } from './packed';

const doors = require(path.join(ROOT, 'scripts/package/doors'));
const { buildPluginBundle } = require(path.join(ROOT, 'scripts/build/plugin-bundle'));
const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const ALL_DOORS: { name: string; entry: string; js: string; dts: string }[] = [doors.PLUGIN, ...doors.NODE_DOORS];

let packed: Packed;
let manifest: Record<string, any>;
beforeAll(() => {
  packed = buildAndPack();
  manifest = JSON.parse(fs.readFileSync(path.join(packed.dir, 'package.json'), 'utf8'));
}, 600_000); // generous: building the types takes about 20 s of CPU, and the machine may be shared
afterAll(() => packed?.remove());

/** Runs a command of the examples; their temporary files (jest's cache...) go in the package's folder. */
function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const tmp = path.join(packed.tmp, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const env = { ...process.env, CI: 'true', FORCE_COLOR: '0', TMPDIR: tmp, TMP: tmp, TEMP: tmp };
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, timeout: 420_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}\n${stderr}` });
    });
  });
}

describe('the package manifest', () => {
  it('is lockwire at the repository version, public, with the three doors, the npm-door field and the CLI', () => {
    expect({ name: manifest.name, version: manifest.version, private: manifest.private }).toEqual({
      name: 'lockwire',
      version: rootPkg.version,
      private: undefined,
    });
    expect(manifest.miniprogram).toBe('miniprogram_dist');
    expect(Object.keys(manifest.exports)).toEqual(['.', './simulator', './cloud', './testing', './require-plugin', './package.json']);
    expect(manifest.bin).toEqual({ lockwire: 'bin/lockwire.js' });
    expect(manifest.engines).toEqual(rootPkg.engines);
  });

  it('has no dependencies: what the Node doors import is an optional peer (构建 npm would pack a dependency into the mini-program)', () => {
    const imported = new Set<string>();
    for (const file of packed.files.filter((f) => f.endsWith('.js'))) {
      const code = fs.readFileSync(path.join(packed.dir, file), 'utf8');
      for (const m of code.matchAll(/\b(?:require|import)\("([^"]+)"\)/g)) {
        const spec = m[1].replace(/^node:/, '');
        if (!builtinModules.includes(spec) && !builtinModules.includes(spec.split('/')[0])) imported.add(m[1]);
      }
    }
    expect(manifest.dependencies).toBeUndefined();
    expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual([...imported].sort());
    for (const name of imported) expect([name, manifest.peerDependenciesMeta[name]]).toEqual([name, { optional: true }]);
  });
});

describe('what npm pack puts in the tarball', () => {
  it("holds each door's JavaScript and types, the CLI, the host declaration and the simulator's certificates", () => {
    const wanted = [
      ...ALL_DOORS.flatMap((d) => [d.js, d.dts]),
      doors.BIN.js,
      doors.REQUIRE_PLUGIN_DTS,
      'package.json',
      'README.md',
      ...['README.md', 'test-ca.pem', 'test-server.pem', 'test-server-key.pem'].map((f) => `simulator/certs/${f}`),
    ].sort();
    expect(packed.files).toEqual(wanted);
    for (const target of Object.values(manifest.exports) as (string | Record<string, string>)[]) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        expect(packed.files).toContain(file.replace(/^\.\//, ''));
      }
    }
    expect(packed.files).toContain(`${manifest.miniprogram}/index.js`);
  });

  it('holds no tests, no TypeScript sources, no source maps and no other layer of the repository', () => {
    const bad = packed.files.filter(
      (f) => /(^|\/)(test|tests|__tests__|scripts|examples|miniprogram|plugin|typings)\//.test(f) ||
        /\.test\.|\.spec\./.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)) || /\.map$/.test(f),
    );
    expect(bad).toEqual([]);
  });

  it('holds no key but the documented test-only one of the mock clouds, and no secret-looking file', () => {
    const withKeys = packed.files.filter((f) => /PRIVATE KEY/.test(fs.readFileSync(path.join(packed.dir, f), 'utf8')));
    expect(withKeys).toEqual(['simulator/certs/test-server-key.pem']);
    expect(fs.readFileSync(path.join(packed.dir, 'simulator/certs/README.md'), 'utf8')).toMatch(/test/i);
    expect(packed.files.filter((f) => /\.(key|p12|pfx|env)$|private|secret|upload/i.test(f))).toEqual([]);
  });
});

describe('each door exports what its source entry exports', () => {
  it.each(ALL_DOORS.map((d) => [d.name, d]))('%s: loads with no optional peer installed; the JavaScript has the entry\'s values, the .d.ts its values and types', (_name, door) => {
    const source = exportedNames(path.join(ROOT, door.entry));
    const built = require(path.join(packed.dir, door.js));
    expect(Object.keys(built).sort()).toEqual(source.values);
    const dts = exportedNames(path.join(packed.dir, door.dts));
    expect([...dts.values, ...dts.types].sort()).toEqual([...source.values, ...source.types].sort());
  });

  it('the plugin door is the very bundle the plugin build compiles (same code in both doors)', () => {
    expect(fs.readFileSync(path.join(packed.dir, doors.PLUGIN.js), 'utf8')).toBe(buildPluginBundle(ROOT).code);
  });
});

describe('the .d.ts files', () => {
  it('depend only on each other, Node built-ins and declared dependencies (nothing from our source tree)', () => {
    const declared = Object.keys({ ...manifest.peerDependencies });
    for (const file of packed.files.filter((f) => f.endsWith('.d.ts'))) {
      const foreign = declarationDependencies(path.join(packed.dir, file)).filter((spec) => {
        if (spec.startsWith('.')) return !fs.existsSync(path.resolve(path.dirname(path.join(packed.dir, file)), `${spec.replace(/\.js$/, '')}.d.ts`)) &&
          !fs.existsSync(path.resolve(path.dirname(path.join(packed.dir, file)), spec, 'index.d.ts'));
        const bare = spec.replace(/^node:/, '');
        return !(spec === 'node' || builtinModules.includes(bare) || declared.includes(spec.split('/')[0]));
      });
      expect([file, foreign]).toEqual([file, []]);
    }
  });
});

describe('a host project that installs the tarball (examples/host-app)', () => {
  it('uses the same dev tools, at the same versions, as this repository (so ours are reused for speed)', () => {
    const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/host-app/package.json'), 'utf8'));
    expect(example.dependencies).toEqual({ lockwire: rootPkg.version });
    for (const [name, version] of Object.entries(example.devDependencies)) expect([name, version]).toEqual([name, rootPkg.devDependencies[name]]);
  });

  it('builds its miniprogram_npm with miniprogram-ci, type-checks, and passes its own tests', async () => {
    const workspace = path.join(packed.tmp, 'workspace');
    const app = path.join(workspace, 'host-app');
    fs.cpSync(path.join(ROOT, 'examples/host-app'), app, {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|miniprogram_npm)$/.test(src),
    });
    // The example's dev tools resolve from the parent folder: this repository's node_modules (same versions).
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(workspace, 'node_modules'), 'dir');
    installTarball(packed, app);

    // every test the example's files declare ran and passed (none skipped, none lost)
    const declared = ['test/add-passcode.test.js', 'test/shared-bluetooth.test.js', 'test/pages/door.test.js']
      .map((f) => fs.readFileSync(path.join(app, f), 'utf8').match(/^\s*(?:test|it)\(/gm)?.length ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(fs.readdirSync(path.join(app, 'test')).filter((f) => f.endsWith('.test.js')).sort()).toEqual(['add-passcode.test.js', 'shared-bluetooth.test.js']);
    const result = await run('npm', ['test'], app);
    expect({ code: result.code, tail: result.out.slice(-1500) }).toEqual({ code: 0, tail: expect.stringMatching(new RegExp(`Tests: +${declared} passed, ${declared} total`)) });
    expect(fs.existsSync(path.join(app, 'miniprogram/miniprogram_npm/lockwire/index.js'))).toBe(true);
  }, 480_000);
});

describe('a relay server that installs the tarball (examples/relay)', () => {
  it('depends on lockwire alone and passes its own tests (plugin -> relay -> mock Tuya cloud)', async () => {
    const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/relay/package.json'), 'utf8'));
    expect({ deps: example.dependencies, dev: example.devDependencies }).toEqual({ deps: { lockwire: rootPkg.version }, dev: undefined });
    const relay = path.join(packed.tmp, 'relay-example');
    fs.cpSync(path.join(ROOT, 'examples/relay'), relay, { recursive: true, filter: (src) => !/[\\/]node_modules$/.test(src) });
    installTarball(packed, relay);
    const result = await run('npm', ['test'], relay);
    expect({ code: result.code, tail: result.out.slice(-600) }).toEqual({ code: 0, tail: expect.stringMatching(/# pass 1\n# fail 0/) });

    const bin = path.join(relay, 'node_modules', 'lockwire', manifest.bin.lockwire);
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const help = await run(process.execPath, [bin, '--help'], relay);
    expect(help).toEqual({ code: 0, out: expect.stringContaining('temp-password') });
  }, 240_000);
});
