/**
 * Benchmark: createCustomPasscode in the simulator's virtual time (no wall-clock noise), with wx call
 * counts, against the floor the link model says any client needs for the same plan. Scenarios: cold
 * (iOS: scan needed), warm (Android, deviceId cached, new link), kept link, and ten passcodes in a row.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { configure, createCustomPasscode, finishOperations } from '../../plugin/index';
import { CMD_CHECK_ADMIN, encodeCheckAdmin, encodeFrame, splitForWrite } from '../../plugin/protocol';
import { createFakeWx, createVirtualLock, installFakeWx, type FakeBle, type SessionPlan } from '../../simulator';

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
  } finally {
    clock.uninstall();
  }
}
