/**
 * npm run demo [-- --fault link-drop|out-of-range|passcode-exists|storage-full] [-- --help]
 *
 * Runs the demo app's pages headless in plain Node against the simulator: "Add passcode" against a
 * virtual TTLock V3 lock over the fake wx Bluetooth stack, "Manage passcodes" on the same lock, then
 * "Temporary password (Tuya)" against the mock Tuya cloud through a relay on 127.0.0.1, then "Add passcode"
 * again with the lock's lockData from a TTLock relay (mock TTLock cloud) and the passcode recorded there.
 * Prints a transcript; the last line is `demo: ok`
 * (or `demo: fault <name> shown`), exit 0. Everything it starts, it stops.
 */
import { createFakeWx, createVirtualLock } from '../simulator';
import { DEMO_FAULTS, demoHelp, parseDemoArgs } from './demo/faults';
import { startHeadlessHost } from './demo/headless-host';
import { createLoopbackRequest } from '../simulator/loopback-request';
import { runManagePage } from './demo/manage-run';
import { DEMO_PASSCODE, runPasscodePage } from './demo/passcode-run';
import { heading, line } from './demo/transcript';
import { runTuyaPage } from './demo/tuya-run';
import { startTuyaStack, type TuyaStack } from './demo/tuya-stack';
import { runTTLockPasscodePage } from './demo/ttlock-run';
import { startTTLockStack, type TTLockStack } from './demo/ttlock-stack';

const PLATFORM = 'ios'; // deviceId is not the MAC: the plugin has to scan, so every step shows

async function main(): Promise<number> {
  let faultName: string | null;
  try {
    faultName = parseDemoArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (faultName === 'help') {
    console.log(demoHelp());
    return 0;
  }
  const fault = faultName ? DEMO_FAULTS[faultName] : null;
  const startedAt = Date.now();
  const lock = createVirtualLock({ battery: 90 });
  const fake = createFakeWx({ platform: PLATFORM, locks: [lock] });
  const stack: TuyaStack | null = fault ? null : await startTuyaStack();
  const ttlock: TTLockStack | null = fault ? null : await startTTLockStack(lock);
  const host = startHeadlessHost({
    simulatorLocks: [{ name: lock.name, mac: lock.mac, lockData: lock.lockData(), timezoneRawOffset: lock.timezoneRawOffset }],
    relayUrl: stack?.relayUrl ?? '',
    relayAuthorization: stack?.session ?? '',
    tuyaDeviceId: stack?.deviceId ?? '',
    ...(ttlock ? { ttlockRelay: { relayUrl: ttlock.relayUrl, authorization: ttlock.session, lockId: ttlock.lockId, name: `TTLock cloud lock ${ttlock.lockId}` } } : {}),
  });
  host.mergeWx({ ...fake.wx, request: createLoopbackRequest() });
  try {
    heading(`lockwire demo: the "Add passcode" page, headless, against a virtual lock${fault ? ` (fault: ${faultName})` : ''}`);
    if (fault) line('scenario', fault.story);
    const scene = { lock, fake, plugin: host.plugin, passcode: DEMO_PASSCODE };
    const outcome = await runPasscodePage(host, lock, fake, PLATFORM, () => (fault ? fault.arm(scene) : []));
    if (fault) {
      const shown = outcome.code === fault.expectedCode;
      console.log('');
      console.log(shown ? `demo: fault ${faultName} shown` : `demo: fault ${faultName} NOT shown (expected ${fault.expectedCode}, got ${outcome.code})`);
      return shown ? 0 : 1;
    }
    if (outcome.code !== 0) {
      console.log('\ndemo: failed (Add passcode)');
      return 1;
    }
    heading('the "Manage passcodes" page: the lock\'s list and clock, edit, delete, and a settled outcome');
    lock.addPasscodeDirectly('13572468', { start: { year: 2030, month: 5, day: 1, hour: 14, minute: 0 }, end: { year: 2030, month: 5, day: 8, hour: 11, minute: 0 } });
    if (!(await runManagePage(host, lock, fake))) {
      console.log('\ndemo: failed (Manage passcodes)');
      return 1;
    }
    heading('the "Temporary password (Tuya)" page, through a relay on 127.0.0.1');
    const id = await runTuyaPage(host, stack as TuyaStack);
    if (!id) {
      console.log('\ndemo: failed (Tuya)');
      return 1;
    }
    heading('"Add passcode" with lockData from the TTLock relay, then recorded in the TTLock cloud');
    const recorded = await runTTLockPasscodePage(host, lock, ttlock as TTLockStack);
    console.log('');
    if (!recorded) {
      console.log('demo: failed (TTLock relay)');
      return 1;
    }
    console.log(`(${Date.now() - startedAt} ms in all)`);
    console.log('demo: ok');
    return 0;
  } finally {
    await host.plugin.stopAllOperations(); // closes the kept-open link and the adapter
    host.close();
    await stack?.close();
    await ttlock?.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed: Node exits by itself. Should a handle leak, say so instead of hanging.
    setTimeout(() => {
      console.error('demo: a handle was left open after the demo; exiting anyway');
      process.exit(code || 1);
    }, 3000).unref();
  },
  (e) => {
    console.error('demo: crashed:', e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
