/**
 * scripts/mutation/run.js turns Stryker's JSON report into the per-file table of `npm run mutation`.
 * Its score is the one issue #14 asks for: a timeout counts only when it is an endless loop that
 * Stryker's hit limit stopped; a wall-clock timeout counts as a survivor.
 */
const { parseArgs, summarize } = require('../../scripts/mutation/run.js');

const mutant = (status: string, statusReason?: string) => ({ status, statusReason });

describe('npm run mutation: the per-file summary', () => {
  it('counts kills and hit-limit loops as detected, wall-clock timeouts and survivors as not', () => {
    const report = {
      files: {
        'plugin/protocol/b.ts': {
          mutants: [
            mutant('Killed'),
            mutant('Killed'),
            mutant('Timeout', 'Hit limit reached (501/500)'),
            mutant('Timeout'),
            mutant('Survived'),
            mutant('NoCoverage'),
            mutant('CompileError', 'TS2322'),
            mutant('RuntimeError', 'boom'),
            mutant('Ignored'),
          ],
        },
        'plugin/protocol/a.ts': { mutants: [mutant('Killed')] },
      },
    };
    const { rows, total } = summarize(report);
    expect(rows.map((r: any) => r.file)).toEqual(['plugin/protocol/a.ts', 'plugin/protocol/b.ts']);
    expect(rows[1]).toMatchObject({ valid: 6, killed: 2, loops: 1, timeout: 1, survived: 1, noCoverage: 1, detected: 4 });
    expect(rows[1].killedOnly).toBeCloseTo(50);
    expect(rows[0].killedOnly).toBe(100);
    expect(total).toMatchObject({ valid: 7, killed: 3, loops: 1, timeout: 1, detected: 5 });
    expect(total.killedOnly).toBeCloseTo((100 * 4) / 7);
  });

  it('takes files or globs first and passes everything from the first flag on to Stryker', () => {
    expect(parseArgs(['plugin/ble/**/*.ts', 'plugin/ble/gatt.ts', '--concurrency', '1'])).toEqual({
      files: ['plugin/ble/**/*.ts', 'plugin/ble/gatt.ts'],
      flags: ['--concurrency', '1'],
    });
    expect(parseArgs([])).toEqual({ files: [], flags: [] });
  });
});
