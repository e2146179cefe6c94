#!/usr/bin/env node
/**
 * `npm run mutation [-- <file or glob>...] [-- <stryker flags>]`: StrykerJS over plugin/protocol/
 * (stryker.config.mjs), then one line per file with the score Stryker prints and the stricter one
 * issue #14 asks for. Stryker counts every timeout as detected; ours counts a timeout only when it
 * is a real endless loop, i.e. when Stryker's hit limit stopped it (the mutant ran its code more
 * than 100 times as often as the unmutated run did). A wall-clock timeout counts as a survivor.
 *
 *   npm run mutation                                   # = --preset protocol (below)
 *   npm run mutation -- plugin/protocol/reassembler.ts # one file while iterating (preset full)
 *   npm run mutation -- 'plugin/ble/**\/*.ts' --concurrency 1
 *   npm run mutation -- plugin/protocol/aes.ts --tempDirName .stryker-tmp-2   # beside another run
 *
 * Presets (`--preset <name>`; without files the default is `protocol`, with files `full`):
 *   protocol  plugin/protocol/** (or the files given): unit suites only, static mutants ignored, no
 *             TypeScript checker (two test runners from the start; a mutant that does not
 *             type-check is run and counted like any other). The whole folder in one sitting.
 *   full      unit and integration suites, static mutants run, TypeScript checker on: the
 *             thorough and slow one, and the only meaningful one for plugin/ble/.
 * MUTATION_SUITES=unit|all and MUTATION_CHECKER=typescript|none set in the environment win over
 * the preset; Stryker's own flags (e.g. --ignoreStatic) are passed through.
 *
 * The tests read ../shared (vectors, API contract) relative to the repository; Stryker runs them in a
 * copy under .stryker-tmp/sandbox-*, so ../shared is linked beside that copy for the run.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const SHARED = path.resolve(ROOT, '..', 'shared');
const TARGET_PERCENT = 90;
const PROTOCOL_FILES = 'plugin/protocol/**/*.ts,!plugin/protocol/vendor/**';

const PRESETS = {
  protocol: { suites: 'unit', checker: 'none', strykerFlags: ['--ignoreStatic'] },
  full: { suites: 'all', checker: 'typescript', strykerFlags: [] },
};

/**
 * Splits `--preset <name>` (or `--preset=<name>`) off Stryker's flags. Without it: `protocol` for
 * the default run over plugin/protocol/, `full` when files are named.
 */
function presetOf(files, flags) {
  const at = flags.findIndex((f) => f === '--preset' || f.startsWith('--preset='));
  if (at < 0) return { name: files.length === 0 ? 'protocol' : 'full', flags };
  const name = flags[at].includes('=') ? flags[at].split('=')[1] : flags[at + 1];
  if (!Object.prototype.hasOwnProperty.call(PRESETS, name)) {
    console.error(`mutation: --preset must be one of ${Object.keys(PRESETS).join(', ')}`);
    process.exit(2);
  }
  const rest = flags.filter((_, i) => i !== at && !(i === at + 1 && !flags[at].includes('=')));
  return { name, flags: rest };
}

/** Positional arguments are files or globs to mutate; anything from the first flag on goes to Stryker. */
function parseArgs(argv) {
  const firstFlag = argv.findIndex((a) => a.startsWith('-'));
  const files = firstFlag < 0 ? argv : argv.slice(0, firstFlag);
  const flags = firstFlag < 0 ? [] : argv.slice(firstFlag);
  return { files, flags };
}

/**
 * Stryker's temp directory: the config's, or `--tempDirName <dir>` (so that two runs can go side by
 * side: each needs ../shared linked beside its own sandboxes, and removes only its own link).
 */
function tempDirOf(flags) {
  const at = flags.findIndex((f) => f === '--tempDirName' || f.startsWith('--tempDirName='));
  const name = at < 0 ? '.stryker-tmp' : flags[at].includes('=') ? flags[at].split('=')[1] : flags[at + 1];
  return path.resolve(ROOT, name);
}

/** reports/mutation, or reports/mutation-<name> for a run with its own --tempDirName. */
function reportDirOf(tempDir) {
  const base = path.basename(tempDir);
  if (base === '.stryker-tmp') return path.join(ROOT, 'reports', 'mutation');
  return path.join(ROOT, 'reports', `mutation-${base.replace(/^\.?(stryker-tmp-?)?/, '') || 'run'}`);
}

function linkShared(TEMP_DIR) {
  const SHARED_LINK = path.join(TEMP_DIR, 'shared');
  if (!fs.existsSync(path.join(SHARED, 'vectors'))) {
    console.error(`mutation: the tests need ${SHARED} (vectors, docs) beside the repository; it is missing`);
    process.exit(2);
  }
  fs.mkdirSync(TEMP_DIR, { recursive: true });
  fs.rmSync(SHARED_LINK, { force: true }); // a link left by an interrupted run, never a directory
  fs.symlinkSync(SHARED, SHARED_LINK, 'dir');
}

function unlinkShared(TEMP_DIR) {
  fs.rmSync(path.join(TEMP_DIR, 'shared'), { force: true });
  try {
    fs.rmdirSync(TEMP_DIR); // only if Stryker left it empty
  } catch {
    // a sandbox is still there (cleanTempDir false, or a crash): keep it for inspection
  }
}

const DETECTED = new Set(['Killed', 'Timeout']);
/** Stryker's reason for a mutant whose code ran far more often than without it (jest runner 9.x). */
const HIT_LIMIT = /hit limit/i;
const VALID = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

function percent(part, whole) {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** Per-file counts from Stryker's JSON report (mutation-testing-report-schema). */
function summarize(report) {
  const rows = Object.entries(report.files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, { mutants }]) => {
      const count = (status) => mutants.filter((m) => m.status === status).length;
      const valid = mutants.filter((m) => VALID.has(m.status)).length;
      const killed = count('Killed');
      const loops = mutants.filter((m) => m.status === 'Timeout' && HIT_LIMIT.test(m.statusReason || '')).length;
      return {
        file,
        valid,
        killed,
        loops,
        timeout: count('Timeout') - loops,
        survived: count('Survived'),
        noCoverage: count('NoCoverage'),
        detected: mutants.filter((m) => DETECTED.has(m.status)).length,
        killedOnly: valid === 0 ? 100 : (100 * (killed + loops)) / valid,
      };
    });
  const total = rows.reduce(
    (t, r) => {
      for (const k of ['valid', 'killed', 'loops', 'timeout', 'survived', 'noCoverage', 'detected']) t[k] += r[k];
      return t;
    },
    { file: 'all files', valid: 0, killed: 0, loops: 0, timeout: 0, survived: 0, noCoverage: 0, detected: 0 },
  );
  total.killedOnly = total.valid === 0 ? 100 : (100 * (total.killed + total.loops)) / total.valid;
  return { rows, total };
}

function printTable({ rows, total }) {
  const header = ['file', 'mutants', 'killed', 'loop', 'timeout', 'survived', 'no cov', 'stryker', 'score'];
  const line = (r) => [
    r.file, String(r.valid), String(r.killed), String(r.loops), String(r.timeout), String(r.survived),
    String(r.noCoverage), percent(r.detected, r.valid),
    percent(r.killed + r.loops, r.valid) + (r.killedOnly < TARGET_PERCENT ? ' <' : ''),
  ];
  const table = [header, ...rows.map(line), line(total)];
  const widths = header.map((_, i) => Math.max(...table.map((cells) => cells[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log('\nPer-file mutation scores. score = (killed + loop) / mutants, where "loop" is a timeout');
  console.log('stopped by the hit limit (an endless loop) and "timeout" a wall-clock one, counted as');
  console.log('surviving; "stryker" counts every timeout as detected. "<" marks a score under 90%.');
  table.forEach((cells, i) => {
    console.log(fmt(cells));
    if (i === 0 || i === table.length - 2) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

/** CPU seconds (user + sys) of the children this process has waited for, on Linux; else undefined. */
function childCpuSeconds() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17, in clock ticks
    const ticks = Number(fields[13]) + Number(fields[14]);
    const perSecond = Number(require('child_process').execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    return Number.isFinite(ticks) && perSecond > 0 ? ticks / perSecond : undefined;
  } catch {
    return undefined;
  }
}

function loadAverage() {
  return require('os').loadavg().map((l) => l.toFixed(2)).join(', ');
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const { name: preset, flags } = presetOf(args.files, args.flags);
  const { suites, checker, strykerFlags } = PRESETS[preset];
  const files = args.files.length > 0 ? args.files : [PROTOCOL_FILES];
  const strykerArgs = ['run', 'stryker.config.mjs', '--mutate', files.join(',')];
  strykerArgs.push(...strykerFlags.filter((f) => !flags.includes(f)), ...flags);
  const env = {
    ...process.env,
    MUTATION_SUITES: process.env.MUTATION_SUITES || suites,
    MUTATION_CHECKER: process.env.MUTATION_CHECKER || checker,
  };
  console.log(
    `mutation: preset ${preset} (suites ${env.MUTATION_SUITES}, checker ${env.MUTATION_CHECKER}` +
      `${strykerArgs.includes('--ignoreStatic') ? ', static mutants ignored' : ''}); load average ${loadAverage()}`,
  );

  const tempDir = tempDirOf(flags);
  const REPORT = path.join(reportDirOf(tempDir), 'mutation.json');
  env.MUTATION_REPORT_DIR = path.relative(ROOT, path.dirname(REPORT));
  linkShared(tempDir);
  fs.rmSync(REPORT, { force: true });
  const started = Date.now();
  const corePackage = require.resolve('@stryker-mutator/core/package.json', { paths: [ROOT] });
  const stryker = path.join(path.dirname(corePackage), require(corePackage).bin.stryker);
  const result = spawnSync(process.execPath, [stryker, ...strykerArgs], { cwd: ROOT, stdio: 'inherit', env });
  unlinkShared(tempDir);
  const minutes = ((Date.now() - started) / 60000).toFixed(1);

  if (result.status !== 0 || !fs.existsSync(REPORT)) {
    console.error(`mutation: Stryker failed (exit ${result.status ?? result.signal}) after ${minutes} min`);
    process.exit(result.status || 1);
  }
  printTable(summarize(JSON.parse(fs.readFileSync(REPORT, 'utf8'))));
  const cpu = childCpuSeconds();
  // On a shared machine the wall clock says little; the CPU time says what two idle cores would need.
  const cpuNote = cpu === undefined ? '' : `, ${(cpu / 60).toFixed(1)} min of CPU (about ${(cpu / 120).toFixed(1)} min on two idle cores)`;
  console.log(`\n${minutes} min wall clock${cpuNote}; load average at the end ${loadAverage()}`);
  console.log(`report: ${path.relative(ROOT, REPORT.replace(/json$/, 'html'))}`);
}

if (require.main === module) main();

module.exports = { parseArgs, presetOf, reportDirOf, summarize, tempDirOf };
