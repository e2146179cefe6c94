/**
 * The lock's replies as they really arrive: a challenge that wraps past 2^32, replies cut at odd
 * places with unsolicited frames in between, duplicates, a corrupted CRC (1), the wrong key (10001),
 * and the link dropping while the ADD is in flight (10003, outcome unknown, one disconnectCallback).
 */
import { configure } from '../../plugin/index';
import { DEFAULT_UNSOLICITED_PLAINTEXT, type FakeBle, type VirtualLock } from '../../simulator';
import { expectClean, setupLock, type Bench, useFakeBluetooth } from '../helpers/ble-harness';
import { callPasscode, expectNextCallSucceeds, optionFor, releaseKeptLink } from '../helpers/passcode-call';

const U32 = 2 ** 32;
const REPLIES = [
  ['CHECK_ADMIN', 1],
  ['CHECK_RANDOM', 2],
  ['ADD', 3],
] as const;

/**
 * Puts whole frames the lock pushes on its own in front of every reply frame the plugin receives,
 * cut into odd pieces: the plugin's notification listener sees push, reply, push, push, reply...
 * The pushes echo commands nobody waits for: an unknown one, and the handshake steps already done.
 */
function pushFramesBetweenReplies(fake: FakeBle, lock: VirtualLock): { pushed: () => number } {
  const wire = (plaintext: Uint8Array) => Uint8Array.from([...lock.encodeReply(plaintext), 0x0d, 0x0a]);
  const unknown = wire(DEFAULT_UNSOLICITED_PLAINTEXT);
  const staleAdmin = wire(Uint8Array.of(0x41, 0x01, 0x00, 0x00, 0x00, 0x09));
  const staleRandom = wire(Uint8Array.of(0x30, 0x01));
  const before = [[unknown], [staleAdmin, unknown], [staleRandom, staleAdmin]];
  let pushed = 0;
  let replies = 0;
  let atBoundary = true; // the last two bytes delivered were a frame's CR LF
  let lastByte = -1;
  const on = fake.wx.onBLECharacteristicValueChange;
  const off = fake.wx.offBLECharacteristicValueChange;
  const wrapped = new Map<unknown, (event: any) => void>();
  fake.wx.onBLECharacteristicValueChange = (listener: (event: any) => void) => {
    const inject = (event: any) => {
      const bytes = new Uint8Array(event.value);
      if (atBoundary) {
        for (const [k, frame] of (before[replies++] ?? []).entries()) {
          const size = k === 0 ? 3 : 7;
          for (let i = 0; i < frame.length; i += size) listener({ ...event, value: frame.slice(i, i + size).buffer });
          pushed++;
        }
      }
      const previous = bytes.length > 1 ? bytes[bytes.length - 2] : lastByte;
      atBoundary = previous === 0x0d && bytes[bytes.length - 1] === 0x0a;
      lastByte = bytes[bytes.length - 1];
      listener(event);
    };
    wrapped.set(listener, inject);
    on(inject);
  };
  fake.wx.offBLECharacteristicValueChange = (listener: unknown) => off(wrapped.get(listener) ?? listener);
  return { pushed: () => pushed };
}

describe('createCustomPasscode and the shape of the replies', () => {
  let bench: Bench | undefined;
  useFakeBluetooth();

  it('a challenge with psFromLock + unlockKey > 2^32 is answered modulo 2^32', async () => {
    const psFromLock = U32 - 1000;
    bench = setupLock({ lock: { unlockKey: 2_000_000_000, random: () => psFromLock } });
    expect(psFromLock + bench.lock.unlockKey).toBeGreaterThan(U32);
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(0);
    const answer = bench.lock.received()[1].plaintext;
    const sent = new DataView(answer.buffer, answer.byteOffset).getUint32(0, false);
    expect(sent).toBe((psFromLock + bench.lock.unlockKey) % U32);
  });

  it.each(['android', 'ios'] as const)('%s: replies in odd splits, with unsolicited frames between them', async (platform) => {
    // a fixed challenge: the ciphertext (and so where CR LF bytes fall) is the same on every run
    bench = setupLock({ platform, lock: { random: () => 0x0badcafe } });
    const injected = pushFramesBetweenReplies(bench.fake, bench.lock);
    const splits = [[1, 2, 3, 5, 7, 11], [13, 1, 19], [4, 4, 4, 4, 4, 4, 4, 4, 4]];
    splits.forEach((sizes, i) => bench!.fake.faults.add({ on: 'reply', nth: i + 1, action: { kind: 'split', sizes } }));
    const { result } = await callPasscode(optionFor(bench.lock, { passcode: '3141592' }));
    expect(result).toMatchObject({ errorCode: 0, passcode: '3141592' });
    expect(injected.pushed()).toBe(5);
    expect(bench.fake.faults.pending()).toEqual([]);
    expect(bench.lock.passcodes().map((p) => p.passcode)).toEqual(['3141592']);
  });

  it.each(['unsolicited', 'duplicate'] as const)('a %s frame around every reply is ignored', async (kind) => {
    bench = setupLock({ platform: 'ios' });
    bench.fake.faults.add({ on: 'reply', times: 3, action: { kind } });
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(0);
    expect(bench.fake.faults.pending()).toEqual([]);
  });

  it.each(REPLIES)('%s reply with a corrupted CRC -> 1', async (_name, nth) => {
    bench = setupLock();
    configure({ settleOutcomes: false }); // the official behaviour; settled outcomes are tested on their own
    bench.fake.faults.add({ on: 'reply', nth, action: { kind: 'corruptCrc' } });
    const { result, disconnects } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(1);
    expect(disconnects).toEqual([]);
    // only the ADD was possibly applied: then the description says the outcome is unknown
    expect(/outcome unknown/i.test(result.description)).toBe(nth === 3);
    expectClean(bench.fake);
    await expectNextCallSucceeds(bench, '2718');
  });

  it.each(REPLIES)('%s reply under another key (lock reset) -> 10001', async (_name, nth) => {
    bench = setupLock({ platform: 'ios' });
    configure({ settleOutcomes: false });
    bench.fake.faults.add({ on: 'reply', nth, action: { kind: 'wrongKey' } });
    const { result } = await callPasscode(optionFor(bench.lock));
    expect(result.errorCode).toBe(10001);
    expect(/outcome unknown/i.test(result.description)).toBe(nth === 3);
    expectClean(bench.fake);
    await expectNextCallSucceeds(bench, '1618');
  });

  it.each([
    ['the lock stored it, then the link dropped before its reply', { on: 'reply', nth: 3, action: { kind: 'drop' } }, true],
    ['the link dropped instead of the last ADD write', { on: 'writeBLECharacteristicValue', nth: 'last', action: { kind: 'drop' } }, false],
  ] as const)('link drop during ADD: %s -> 10003, outcome unknown, one disconnectCallback', async (_name, fault, stored) => {
    bench = setupLock();
    const writes = await countWritesOfCleanRun(bench);
    configure({ settleOutcomes: false });
    bench.fake.faults.add({ ...fault, nth: fault.nth === 'last' ? writes : fault.nth } as never);
    const { result, disconnects } = await callPasscode(optionFor(bench.lock, { passcode: '4040' }));
    expect(result.errorCode).toBe(10003);
    expect(result.description).toMatch(/outcome unknown/i);
    expect(result.description).toMatch(/20/); // how to tell: a retry answered 20 means it was stored
    expect(disconnects).toEqual([expect.objectContaining({ errorCode: 10003, description: result.description })]);
    expect(bench.lock.passcodes().some((p) => p.passcode === '4040')).toBe(stored);
    expectClean(bench.fake);

    // the advice holds: the same call again answers 20 exactly when the first one was stored
    bench.fake.faults.clear();
    const retry = await callPasscode(optionFor(bench.lock, { passcode: '4040' }));
    expect(retry.result.errorCode).toBe(stored ? 20 : 0);
    expect(disconnects).toHaveLength(1);
  });
});

/** How many writes a whole operation takes (so a fault can hit the last piece of the ADD). */
async function countWritesOfCleanRun(bench: Bench): Promise<number> {
  const { result } = await callPasscode(optionFor(bench.lock, { passcode: '99999' }));
  expect(result.errorCode).toBe(0);
  await releaseKeptLink(); // so the next call is cold too
  await expectNextCallSucceeds(bench, '99998'); // releases the link too
  bench.lock.clearPasscodes();
  const writes = bench.fake.calls.writeBLECharacteristicValue / 2;
  bench.fake.resetCounters();
  return writes;
}
