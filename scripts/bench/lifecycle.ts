/**
 * Benchmark of the passcode lifecycle in the simulator's virtual time: every operation cold (iOS,
 * scan) and warm (link and login kept) as a ratio to the link model's floor for the exchanges it
 * really made (counted on the wx surface), five adds in a row against five cold adds, a full list of
 * 250 passcodes, the clock guard's cost, and the bytes each operation adds to the plugin bundle.
 */
import * as path from 'node:path';
import { createRequire } from 'node:module';
import FakeTimers from '@sinonjs/fake-timers';
import * as plugin from '../../plugin/index';
import { createFakeWx, createVirtualLock, installFakeWx, type FakeBle, type SessionPlan, type VirtualLock } from '../../simulator';
import { ROOT } from '../repo-root';

type Clock = ReturnType<typeof FakeTimers.install>;
type Op = (lock: VirtualLock) => Promise<{ errorCode: number }>;

/** Counts writes and notifications per exchange: a write after a notification starts the next one. */
function recordExchanges(fake: FakeBle): { plan: () => SessionPlan['exchanges']; reset: () => void } {
  let exchanges: SessionPlan['exchanges'] = [];
  const wx = fake.wx as unknown as Record<string, (...args: any[]) => any>;
  const write = wx.writeBLECharacteristicValue;
  wx.writeBLECharacteristicValue = (...args: unknown[]) => {
    const last = exchanges[exchanges.length - 1];
    if (!last || last.notifications > 0) exchanges.push({ writes: 1, notifications: 0 });
    else last.writes++;
    return write(...args);
  };
  // One counting listener for the whole run (the plugin's own come and go with its links).
  wx.onBLECharacteristicValueChange(() => {
    const last = exchanges[exchanges.length - 1];
    if (last) last.notifications++;
  });
  return { plan: () => exchanges, reset: () => (exchanges = []) };
}

async function timed(clock: Clock, op: () => Promise<{ errorCode: number }>): Promise<number> {
  const t0 = clock.now;
  let result: { errorCode: number } | undefined;
  const p = op().then((r) => (result = r));
  while (!result) await clock.nextAsync();
  await p;
  if (result.errorCode !== 0) throw new Error(`bench operation failed with ${result.errorCode}`);
  return clock.now - t0;
}

const window = (lock: VirtualLock) => ({ startDate: Date.now() + 3_600_000, endDate: Date.now() + 90_000_000, lockData: lock.lockData() });
let n = 200000;
const OPS: Array<[string, Op, (lock: VirtualLock) => void]> = [
  ['createCustomPasscode', (lock) => plugin.createCustomPasscode({ passcode: String(n++), ...window(lock) }), () => undefined],
  ['modifyPasscode', (lock) => plugin.modifyPasscode({ originalPasscode: '1111', passcode: '2222', ...window(lock) }), (lock) => { lock.clearPasscodes(); lock.addPasscodeDirectly('1111'); }],
  ['deletePasscode', (lock) => plugin.deletePasscode({ passcode: '1111', lockData: lock.lockData() }), (lock) => { lock.clearPasscodes(); lock.addPasscodeDirectly('1111'); }],
  ['getAllValidPasscode (10 codes)', (lock) => plugin.getAllValidPasscode({ lockData: lock.lockData() }), (lock) => { lock.clearPasscodes(); for (let i = 0; i < 10; i++) lock.addPasscodeDirectly(String(3000 + i)); }],
  ['setLockTime', (lock) => plugin.setLockTime({ lockData: lock.lockData() }), () => undefined],
  ['getLockTime', (lock) => plugin.getLockTime({ lockData: lock.lockData() }), () => undefined],
  ['resetPasscode', (lock) => plugin.resetPasscode({ lockData: lock.lockData() }), () => undefined],
];

function ratioLine(name: string, ms: number, floor: number): string {
  return `${name.padEnd(44)} ${String(ms).padStart(6)} virtual ms  floor ${String(floor).padStart(6)} ms  ratio ${(ms / floor).toFixed(3)}x`;
}

async function operations(clock: Clock, log: (l: string) => void): Promise<void> {
  const lock = createVirtualLock();
  const fake = createFakeWx({ platform: 'ios', locks: [lock] });
  const uninstall = installFakeWx(fake);
  const rec = recordExchanges(fake);
  try {
    for (const [name, op, prepare] of OPS) {
      prepare(lock);
      rec.reset();
      const cold = await timed(clock, () => op(lock));
      log(ratioLine(`${name}, cold (iOS scan)`, cold, fake.floorMs({ scan: true, connect: true, exchanges: rec.plan() })));
      prepare(lock);
      rec.reset();
      const warm = await timed(clock, () => op(lock));
      log(ratioLine(`${name}, warm (link and login kept)`, warm, fake.floorMs({ scan: false, connect: false, exchanges: rec.plan() })));
      await timed(clock, () => plugin.finishOperations());
    }
    // Five adds in a row: one connection, one login, five ADDs; against five cold adds.
    const coldAdd = await timed(clock, () => OPS[0][1](lock));
    await timed(clock, () => plugin.finishOperations());
    const five = await timed(clock, () => Promise.all([0, 1, 2, 3, 4].map(() => OPS[0][1](lock))).then((rs) => rs.find((r) => r.errorCode !== 0) ?? { errorCode: 0 }));
    log(`five adds queued at once: ${five} virtual ms = ${(five / (5 * coldAdd)).toFixed(3)}x of five cold adds (${5 * coldAdd} ms; target <= 0.45x)`);
    await timed(clock, () => plugin.finishOperations());
    // A full lock: 250 passcodes.
    lock.clearPasscodes();
    for (let i = 0; i < 250; i++) lock.addPasscodeDirectly(String(100000 + i));
    rec.reset();
    const full = await timed(clock, () => plugin.getAllValidPasscode({ lockData: lock.lockData() }));
    log(`${ratioLine('getAllValidPasscode, 250 codes, cold', full, fake.floorMs({ scan: true, connect: true, exchanges: rec.plan() }))}  (${rec.plan().length - 2} pages)`);
    await timed(clock, () => plugin.finishOperations());
    // The clock guard: a timed add on a kept link with and without the clock read.
    lock.clearPasscodes();
    await timed(clock, () => OPS[0][1](lock));
    const off = await timed(clock, () => OPS[0][1](lock));
    plugin.configure({ clockCheck: 'warn' });
    const warn = await timed(clock, () => OPS[0][1](lock));
    plugin.configure({ clockCheck: 'off' });
    log(`clock guard: a warm timed add takes ${off} ms without the clock read and ${warn} ms with it (+${warn - off} ms, ${(warn / off).toFixed(2)}x), ${(warn - off) / coldAdd < 0.2 ? 'small' : 'large'} against a cold add (${coldAdd} ms)`);
    await timed(clock, () => plugin.finishOperations());
  } finally {
    uninstall();
  }
}

/** Bytes of the bundle without each operation's export: what that operation adds. */
function bytesPerOperation(log: (l: string) => void): void {
  const rootRequire = createRequire(path.join(ROOT, 'package.json'));
  const esbuild = rootRequire('esbuild');
  const { pluginBundleOptions } = rootRequire('./scripts/build/plugin-bundle-options.js');
  const exports = ['createCustomPasscode', 'modifyPasscode', 'deletePasscode', 'getAllValidPasscode', 'resetPasscode', 'setLockTime', 'getLockTime'];
  const files: Record<string, string> = {
    createCustomPasscode: 'create-custom-passcode', modifyPasscode: 'modify-passcode', deletePasscode: 'delete-passcode',
    getAllValidPasscode: 'get-all-valid-passcode', resetPasscode: 'reset-passcode', setLockTime: 'set-lock-time', getLockTime: 'get-lock-time',
  };
  const size = (names: string[]) => {
    const entry = [...names.map((e) => `export { ${e} } from './api/${files[e]}';`), "export { configure, finishOperations, setShowLog, stopAllOperations } from './api/lifecycle';", "export { requestTempPassword } from './tuya/relay-client';"].join('\n');
    const options = pluginBundleOptions(ROOT, 'unused.js');
    options.stdin = { contents: entry, resolveDir: path.join(ROOT, 'plugin'), loader: 'ts', sourcefile: 'entry.ts' };
    return Buffer.byteLength(esbuild.buildSync({ ...options, write: false }).outputFiles[0].text);
  };
  const all = size(exports);
  log(`plugin bundle with every operation: ${all.toLocaleString('en')} B; what each one adds (bundle minus that export):`);
  for (const name of exports) log(`  ${String(all - size(exports.filter((e) => e !== name))).padStart(6)} B  ${name}`);
}

export async function run(log: (l: string) => void): Promise<void> {
  // Today's date: passcode windows and the lock clock need a year within 2000..2099.
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.now() });
  try {
    await operations(clock, log);
  } finally {
    clock.uninstall();
    plugin.configure({});
  }
  bytesPerOperation(log);
}
