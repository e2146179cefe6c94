/**
 * Benchmark: createCustomPasscode in the simulator's virtual time (no wall-clock noise), with wx call
 * counts, against the floor the link model says any client needs for the same plan. Scenarios: cold
 * (iOS: scan needed), warm (Android, deviceId cached, new link), kept link, and ten passcodes in a row.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { configure, createCustomPasscode, DEFAULT_CONFIG, finishOperations } from '../../plugin/index';
import { CMD_CHECK_ADMIN, encodeCheckAdmin, encodeFrame, splitForWrite } from '../../plugin/protocol';
import { createFakeWx, createHostApp, createHostPeripheral, createVirtualLock, installFakeWx, type FakeBle, type FaultSpec, type PhoneQuirks, type SessionPlan, type VirtualLock } from '../../simulator';

type Clock = ReturnType<typeof FakeTimers.install>;

/** Handshake 2 + 2 writes, ADD 3 writes (6 digits); every reply is one 16-byte block: 31 B = 2 notifications. */
function exchanges(): SessionPlan['exchanges'] {
  const writes = splitForWrite(encodeFrame(CMD_CHECK_ADMIN, encodeCheckAdmin({ adminPs: 1, lockFlagPos: 0, uid: 0 }), new Uint8Array(16))).length;
  return [{ writes, notifications: 2 }, { writes, notifications: 2 }, { writes: 3, notifications: 2 }];
}

async function timed(clock: Clock, fake: FakeBle, op: () => Promise<{ errorCode: number }>): Promise<{ ms: number; calls: number }> {
  fake.resetCounters();
  const t0 = clock.now;
  let done = false;
  const p = op().then((r) => {
    done = true;
    if (r.errorCode !== 0) throw new Error(`bench operation failed with ${r.errorCode}`);
  });
  while (!done) await clock.nextAsync();
  await p;
  return { ms: clock.now - t0, calls: fake.totalCalls() };
}

function line(name: string, r: { ms: number; calls: number }, floor: number): string {
  return `${name.padEnd(34)} ${String(r.ms).padStart(6)} virtual ms  floor ${String(floor).padStart(6)} ms  ratio ${(r.ms / floor).toFixed(3)}x  wx calls ${r.calls}`;
}

export async function run(log: (l: string) => void): Promise<void> {
  const clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    const lock = createVirtualLock();
    let n = 100000;
    const add = () => createCustomPasscode({ passcode: String(n++), startDate: 0, endDate: 0, lockData: lock.lockData() });
    const ex = exchanges();
    for (const platform of ['ios', 'android'] as const) {
      const fake = createFakeWx({ platform, locks: [lock] });
      const uninstall = installFakeWx(fake);
      try {
        const cold = await timed(clock, fake, add);
        const kept = await timed(clock, fake, add);
        await timed(clock, fake, () => finishOperations());
        const cached = await timed(clock, fake, add);
        await timed(clock, fake, () => finishOperations());
        if (platform === 'ios') log(line('cold (iOS, scan)', cold, fake.floorMs({ scan: true, connect: true, exchanges: ex })));
        else log(line('warm (Android, deviceId = MAC)', cold, fake.floorMs({ scan: false, connect: true, exchanges: ex })));
        if (platform === 'android') log(line('warm (Android, cached, new link)', cached, fake.floorMs({ scan: false, connect: true, exchanges: ex })));
        if (platform === 'ios') log(line('warm (iOS, link kept open)', kept, fake.floorMs({ scan: false, connect: false, exchanges: ex })));
      } finally {
        uninstall();
      }
    }
    const fake = createFakeWx({ platform: 'ios', locks: [lock] });
    const uninstall = installFakeWx(fake);
    try {
      const ten = await timed(clock, fake, async () => {
        for (let i = 0; i < 10; i++) {
          const r = await add();
          if (r.errorCode !== 0) return r;
        }
        return { errorCode: 0 };
      });
      const floor = fake.floorMs({ scan: true, connect: true, exchanges: Array.from({ length: 10 }, () => ex).flat() });
      log(line('ten passcodes in a row (iOS)', ten, floor));
      await timed(clock, fake, () => finishOperations());
    } finally {
      uninstall();
      configure({});
    }
    log('');
    log('  real-phone behaviours: virtual ms above the floor of the same operation in the default model');
    for (const [name, platform, quirks, extra] of REAL_PHONE_CASES) {
      const cost = await realPhoneCost(clock, lock, add, platform, quirks, extra, ex);
      log(`  ${name.padEnd(52)} +${String(cost.ms).padStart(6)} virtual ms  wx calls ${cost.calls}`);
    }
  } finally {
    clock.uninstall();
  }
}

type Extra = { host?: boolean; keepAliveMs?: number; connectTimeoutMs?: number; twice?: boolean; fault?: FaultSpec };

/** One cold operation on a fresh phone with `quirks` (twice: the second one, right after the first). */
const REAL_PHONE_CASES: Array<[string, 'ios' | 'android', PhoneQuirks, Extra]> = [
  ['permission popup of 5 s on the first adapter open (iOS)', 'ios', { adapterPopupMs: 5000 }, {}],
  ['GATT 133 once, repeating within 800 ms (Android)', 'android', { gatt133: { count: 1, windowMs: 800 } }, {}],
  ['connect answering after 2 s, timeout ignored (Android)', 'android', { connectIgnoresTimeoutMs: 2000 }, {}],
  ['late connected:false (400 ms), next op at once (Android)', 'android', { lateDisconnectMs: 400 }, { keepAliveMs: 0, twice: true }],
  ['MAC never scanned: direct connect cannot work (Android)', 'android', { directConnectNeedsScan: true }, {}],
  ['services 10004 right after connecting (Android)', 'android', { servicesNotReady: '10004' }, {}],
  ['empty service list right after connecting (Android)', 'android', { servicesNotReady: 'empty' }, {}],
  ['10008 on the first write after notify (Android)', 'android', { writeAfterNotify10008Ms: 50 }, {}],
  ['lossy unacknowledged writes (Android)', 'android', { lossyUnackedWrites: true }, {}],
  ['16-bit UUIDs, batched adverts (iOS)', 'ios', { uuidForm: 'short', batchAdverts: true }, {}],
  ['empty advertisData, MAC unseen (Android)', 'android', { emptyAdvertisData: true, directConnectNeedsScan: true }, {}],
  ['a host app with its own notifying peripheral (iOS)', 'ios', {}, { host: true }],
  ['the host closes the adapter at the first write (Android)', 'android', {}, { fault: { on: 'writeBLECharacteristicValue', action: { kind: 'adapterClosed' } } }],
  ['the host closes the adapter at the first write (iOS)', 'ios', {}, { fault: { on: 'writeBLECharacteristicValue', action: { kind: 'adapterClosed' } } }],
];

async function realPhoneCost(
  clock: Clock,
  lock: VirtualLock,
  add: () => Promise<{ errorCode: number }>,
  platform: 'ios' | 'android',
  quirks: PhoneQuirks,
  extra: Extra,
  ex: SessionPlan['exchanges'],
): Promise<{ ms: number; calls: number }> {
  const band = extra.host ? createHostPeripheral() : undefined;
  const fake = createFakeWx({ platform, locks: band ? [lock, band] : [lock], quirks });
  const uninstall = installFakeWx(fake);
  const host = band ? createHostApp(fake, band) : undefined;
  try {
    configure({ keepAliveMs: extra.keepAliveMs ?? 2000 });
    if (host) {
      host.listen();
      let started = false;
      void host.start(1000).then(() => (started = true));
      while (!started) await clock.nextAsync();
    }
    if (extra.twice) await timed(clock, fake, add);
    if (extra.fault) fake.faults.add(extra.fault);
    const r = await timed(clock, fake, add);
    await timed(clock, fake, () => finishOperations());
    // the floor of the same operation in the default model: iOS (or a second Android link) scans first
    const scan = platform === 'ios' && !host ? true : platform === 'ios';
    const floor = fake.floorMs({ scan: scan && !extra.twice, connect: true, exchanges: ex });
    return { ms: r.ms - floor, calls: r.calls };
  } finally {
    host?.stop();
    uninstall();
    configure({ ...DEFAULT_CONFIG });
  }
}
