/**
 * The CLI's argument parsing without a process: each subcommand of issue 11 §5 parses into the request the
 * client needs, flags of other commands are refused, and no error message repeats a stray argument.
 */
import { USAGE, parseCliArgs } from '../../../cloud/cli-args';

const T = ['--start', '1893456000', '--end', '1893459600'];
const D = ['--device-id', 'dev1'];

describe('parseCliArgs', () => {
  it.each([
    [['temp-password', ...D, '--password', '1234567', ...T], { kind: 'create', fields: { deviceId: 'dev1', password: '1234567', effectiveTime: 1893456000_000, invalidTime: 1893459600_000 }, wait: false, passwordStdin: false }],
    [['temp-password', 'create', ...D, '--password-stdin', ...T, '--wait'], { kind: 'create', fields: { deviceId: 'dev1', password: '' }, wait: true, passwordStdin: true }],
    [['temp-password', 'list', ...D], { kind: 'list', deviceId: 'dev1' }],
    [['temp-password', 'list', ...D, '--valid', 'false'], { kind: 'list', deviceId: 'dev1', valid: false }],
    [['temp-password', 'get', ...D, '--id', '42'], { kind: 'get', deviceId: 'dev1', id: '42' }],
    [['temp-password', 'modify', ...D, '--id', '42', '--password', '7654321', ...T, '--name', 'Room 1'], { kind: 'modify', deviceId: 'dev1', id: '42', fields: { password: '7654321', name: 'Room 1', effectiveTime: 1893456000_000 }, wait: false }],
    [['temp-password', 'freeze', ...D, '--id', '42', '--wait'], { kind: 'freeze', deviceId: 'dev1', id: '42', wait: true }],
    [['temp-password', 'unfreeze', ...D, '--id', '42'], { kind: 'unfreeze', deviceId: 'dev1', id: '42', wait: false }],
    [['temp-password', 'delete', ...D, '--id', '42'], { kind: 'delete', deviceId: 'dev1', id: '42', wait: false }],
    [['temp-password', 'clear', ...D], { kind: 'clear', deviceId: 'dev1' }],
    [['offline-password', ...D, '--kind', 'once'], { kind: 'offline', deviceId: 'dev1', fields: { kind: 'once' } }],
    [['offline-password', ...D, '--kind', 'multiple', ...T, '--name', 'guest'], { kind: 'offline', deviceId: 'dev1', fields: { kind: 'multiple', effectiveTime: 1893456000_000, invalidTime: 1893459600_000, name: 'guest' } }],
    [['offline-password', ...D, '--kind', 'clear_one', '--id', '88'], { kind: 'offline', deviceId: 'dev1', fields: { kind: 'clear_one', passwordId: '88' } }],
    [['dynamic-password', ...D], { kind: 'dynamic', deviceId: 'dev1' }],
  ])('%j', (argv, expected) => {
    expect(parseCliArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [['temp-password', 'list', ...D, '--kind', 'once'], /--kind is not an option/],
    [['dynamic-password', ...D, '--wait'], /--wait is not an option/],
    [['offline-password', ...D], /--kind is required/],
    [['temp-password', 'freeze', '--id', '4'], /--device-id is required/],
    [['temp-password', 'modify', ...D, '--id', '4', ...T], /--password or --password-stdin is required/],
    [['temp-password', ...D, '--password', '1234567', '--start', 'tomorrow', '--end', '1893459600'], /--start expected/],
    [['temp-password', '8642097', ...D], /expected a command/],
    [['temp-password', ...D, '--password'], /missing its value/],
  ])('refuses %j', (argv, message) => {
    const r = parseCliArgs(argv);
    expect(r).toMatchObject({ kind: 'error', message: expect.stringMatching(message) });
    expect(JSON.stringify(r)).not.toMatch(/8642097|1234567/);
  });

  it('--help lists every subcommand and says why --password-stdin is the safe way', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    for (const command of ['temp-password list', 'temp-password get', 'temp-password modify', 'temp-password freeze', 'temp-password unfreeze', 'temp-password delete', 'temp-password clear', 'offline-password', 'dynamic-password']) {
      expect(USAGE).toContain(`tuya ${command} `);
    }
    expect(USAGE).toMatch(/--password-stdin.*\n.*visible to other users/);
  });
});
