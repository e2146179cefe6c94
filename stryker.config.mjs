// StrykerJS for `npm run mutation` (scripts/mutation/run.js): a developer tool, not part of .ci/run.
// Run it through the npm script: it links ../shared beside the sandbox and prints the score that
// counts only killed mutants. See test/README.md, "Mutation testing".
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
// MUTATION_SUITES=unit: the unit suites alone. Much faster on a busy machine, and a lower bound of
// the full score (a mutant a unit test kills is killed in the full run too; see test/README.md).
// run.js sets it from the preset (`--preset protocol`, the default, runs the unit suites).
const unitOnly = process.env.MUTATION_SUITES === 'unit';
// MUTATION_CHECKER=none: no TypeScript checker. A mutant that does not type-check is then run like
// any other (ts-jest only transpiles) and counted: killed if a test notices it, else a survivor.
// run.js sets it from the preset (`--preset protocol` drops the checker; see test/README.md).
const typeCheck = process.env.MUTATION_CHECKER !== 'none';
const reportDir = process.env.MUTATION_REPORT_DIR || 'reports/mutation';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  // Every protocol file, new ones included; never the vendored AES (noble's code, pinned by vectors).
  mutate: ['plugin/protocol/**/*.ts', '!plugin/protocol/vendor/**'],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: true,
    config: {
      // Suites that can kill a plugin mutant. Left out: the demo pages (jsdom docblocks, and they
      // reach the plugin only through the flows the integration suites already drive), the cloud and
      // Tuya suites (no plugin/protocol or plugin/ble code), and the checks of the compiled bundle
      // and the build scripts (they would bundle Stryker's instrumented sources).
      testMatch: unitOnly
        ? ['<rootDir>/test/unit/**/*.test.ts']
        : ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '/test/unit/cloud/',
        '/test/integration/tuya-',
        '/test/integration/compiled-artifact',
        '/test/unit/build-checks',
        '/test/unit/size-report',
        // pins the vendored AES to a fresh esbuild bundle of @noble/ciphers: nothing Stryker mutates
        '/test/unit/vendor-aes',
        // Server-side suites that reach no plugin code: only their dry run would cost.
        '/test/integration/https-transport',
        '/test/integration/relay-(fleet|hostile|load|ownership)',
        '/test/integration/ttlock-(cli|client|errors|mock-spec|token-queue)',
      ],
      // beforeAll coverage attributed to a test (no "static" mutants); only the files holding a
      // covering test, unit suites first; bail after the first failure. See scripts/mutation/.
      testEnvironment: path.join(root, 'scripts', 'mutation', 'jest-environment.js'),
      testSequencer: path.join(root, 'scripts', 'mutation', 'test-sequencer.js'),
      runner: path.join(root, 'scripts', 'mutation', 'jest-runner.js'),
      // The repository's private TMPDIR, repeatable in one process (see scripts/mutation/temp-dir.js:
      // without this every mutant after a runner's first cost a new runner process).
      globalSetup: path.join(root, 'scripts', 'mutation', 'temp-dir-setup.js'),
      globalTeardown: path.join(root, 'scripts', 'mutation', 'temp-dir-teardown.js'),
      // Instrumented code on a busy machine runs several times slower than under `npm test`.
      testTimeout: 120000,
    },
  },
  coverageAnalysis: 'perTest',
  checkers: typeCheck ? ['typescript'] : [],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Two cores on the shared machine; `npm run mutation -- --concurrency 1` for less.
  concurrency: 2,
  // Generous: on a machine shared with other work a slow run must not pass for a hang (endless
  // loops are caught by Stryker's hit limit anyway, long before this).
  timeoutMS: 10000,
  // The dry run (every related test, with per-test coverage) took 4 to 6 minutes at load 10 to 14.
  dryRunTimeoutMinutes: 30,
  timeoutFactor: 2.5,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // run.js sets MUTATION_REPORT_DIR: reports/mutation, or one folder per --tempDirName so that two
  // runs side by side do not write over each other's report.
  htmlReporter: { fileName: `${reportDir}/mutation.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  clearTextReporter: { allowColor: false, reportTests: false, logTests: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'reports', 'coverage', '.stryker-tmp*'],
  cleanTempDir: true,
};
