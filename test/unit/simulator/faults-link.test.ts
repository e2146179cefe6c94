import { CMD_CHECK_ADMIN, decodeFrame, decodeReply, encodeCheckAdmin, encodeFrame } from '../../../plugin/protocol';
import {
  createFakeWx,
  createVirtualLock,
  DEFAULT_UNSOLICITED_PLAINTEXT,
  DEFAULT_WRONG_KEY,
  type FakeBle,
  type FaultSpec,
  type VirtualLock,
} from '../../../simulator';
import { toHex } from '../../helpers/vectors';
import { drive, outcome, ScriptedClient } from './scripted-client';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

interface Run {
  lock: VirtualLock;
  fake: FakeBle;
  client: ScriptedClient;
  /** Byte lengths of the notifications, and when they arrived (ms after the request started). */
  notifications: Array<{ size: number; at: number; hex: string }>;
  links: boolean[];
}

/** Connects, arms `fault`, sends CHECK_ADMIN and lets 3 s of virtual time pass. */
async function checkAdminWith(fault?: FaultSpec): Promise<Run> {
  const lock = createVirtualLock({ random: () => 0x01020304 });
  const fake = createFakeWx({ locks: [lock] });
  const client = new ScriptedClient(fake, lock);
  const run: Run = { lock, fake, client, notifications: [], links: [] };
  await drive(client.open());
  await drive(client.connect());
  const start = Date.now();
  fake.wx.onBLECharacteristicValueChange((e: { value: ArrayBuffer }) => {
    const bytes = new Uint8Array(e.value);
    run.notifications.push({ size: bytes.length, at: Date.now() - start, hex: toHex(bytes) });
  });
  fake.wx.onBLEConnectionStateChange((e: { connected: boolean }) => run.links.push(e.connected));
  if (fault) fake.faults.add(fault);
  // Sent raw so every frame that arrives stays in client.frames for the assertions.
  const request = encodeCheckAdmin({ adminPs: lock.adminPs, lockFlagPos: 0, uid: 0 });
  void outcome(client.send(encodeFrame(CMD_CHECK_ADMIN, request, lock.aesKey, lock.lockVersion)));
  await jest.advanceTimersByTimeAsync(3_000);
  return run;
}

const plaintexts = (run: Run, key: Uint8Array) => run.client.frames.map((f) => toHex(decodeFrame(f, key).plaintext));
const GOOD_REPLY = '410101020304';

describe('faults on the lock → phone link', () => {
  it('baseline: the reply is two notifications, 20 + 11 bytes, at 110 and 140 ms (2 writes + processing + 1 or 2 intervals)', async () => {
    const run = await checkAdminWith();
    expect(run.notifications.map((n) => [n.size, n.at])).toEqual([[20, 110], [11, 140]]);
    expect(plaintexts(run, run.lock.aesKey)).toEqual([GOOD_REPLY]);
  });

  it('reply corruptCrc: the frame arrives with a CRC that does not check', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'corruptCrc' } });
    expect(run.client.frames).toHaveLength(1);
    expect(() => decodeFrame(run.client.frames[0], run.lock.aesKey)).toThrow(expect.objectContaining({ code: 'PROTO_CRC' }));
  });

  it('reply split: notifications of the given sizes, then 20-byte pieces; the frame is intact', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'split', sizes: [3, 5] } });
    expect(run.notifications.map((n) => n.size)).toEqual([3, 5, 20, 3]);
    expect(plaintexts(run, run.lock.aesKey)).toEqual([GOOD_REPLY]);
  });

  it('reply duplicate: the whole reply comes twice', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'duplicate' } });
    expect(plaintexts(run, run.lock.aesKey)).toEqual([GOOD_REPLY, GOOD_REPLY]);
  });

  it('reply unsolicited: a push frame comes first, then the reply', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'unsolicited' } });
    expect(plaintexts(run, run.lock.aesKey)).toEqual([toHex(DEFAULT_UNSOLICITED_PLAINTEXT), GOOD_REPLY]);
    const custom = await checkAdminWith({ on: 'reply', action: { kind: 'unsolicited', plaintext: Uint8Array.of(0x41, 0x00, 0x03) } });
    expect(plaintexts(custom, custom.lock.aesKey)).toEqual(['410003', GOOD_REPLY]);
  });

  it('reply wrongKey: the reply is encrypted with another key', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'wrongKey' } });
    expect(plaintexts(run, DEFAULT_WRONG_KEY)).toEqual([GOOD_REPLY]);
    const withOwnKey = outcome(Promise.resolve().then(() => toHex(decodeFrame(run.client.frames[0], run.lock.aesKey).plaintext)));
    expect(await withOwnKey).not.toEqual({ ok: true, value: GOOD_REPLY });
  });

  it('reply lose: the lock handled the request but nothing arrives', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'lose' } });
    expect([run.lock.received().length, run.notifications.length, run.fake.openConnections()]).toEqual([1, 0, 1]);
  });

  it('reply delay: the reply arrives that much later', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'delay', ms: 1_000 } });
    expect(run.notifications.map((n) => n.at)).toEqual([1_110, 1_140]);
  });

  it('reply drop: the link drops instead of the reply', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'drop' } });
    expect([run.notifications.length, run.links, run.fake.openConnections()]).toEqual([0, [false], 0]);
  });

  it('notification lose: that piece never arrives, so no whole frame does', async () => {
    const run = await checkAdminWith({ on: 'notification', action: { kind: 'lose' } });
    expect(run.notifications.map((n) => n.size)).toEqual([11]);
    expect(run.client.frames).toHaveLength(0);
  });

  it('notification duplicate: that piece arrives twice in a row', async () => {
    const run = await checkAdminWith({ on: 'notification', action: { kind: 'duplicate' } });
    expect(run.notifications.map((n) => n.size)).toEqual([20, 20, 11]);
    expect(run.notifications[0].hex).toBe(run.notifications[1].hex);
  });

  it('notification delay: that piece (and the ones behind it) comes later', async () => {
    const run = await checkAdminWith({ on: 'notification', nth: 2, action: { kind: 'delay', ms: 500 } });
    expect(run.notifications.map((n) => n.at)).toEqual([110, 640]);
    expect(plaintexts(run, run.lock.aesKey)).toEqual([GOOD_REPLY]);
  });

  it('notification drop: the link drops mid-reply', async () => {
    const run = await checkAdminWith({ on: 'notification', nth: 2, action: { kind: 'drop' } });
    expect([run.notifications.length, run.links, run.client.frames.length]).toEqual([1, [false], 0]);
  });

  it('advert lose: the first advert is missed, the lock is found one interval later', async () => {
    const lock = createVirtualLock();
    const fake = createFakeWx({ locks: [lock] });
    const client = new ScriptedClient(fake, lock);
    await drive(client.open());
    fake.faults.add({ on: 'advert', action: { kind: 'lose' } });
    const start = Date.now();
    await drive(client.scan());
    expect(Date.now() - start).toBe(200);
  });

  it('a full session still ends with no listeners, links or scans left', async () => {
    const run = await checkAdminWith({ on: 'reply', action: { kind: 'duplicate' } });
    expect(decodeReply(decodeFrame(run.client.frames[0], run.lock.aesKey).plaintext).ok).toBe(true);
    run.fake.wx.offBLECharacteristicValueChange();
    run.fake.wx.offBLEConnectionStateChange();
    await drive(run.client.close());
    expect([run.fake.listenerCount(), run.fake.openConnections(), run.fake.isScanning(), run.fake.adapterOpen()]).toEqual([0, 0, false, false]);
  });
});
