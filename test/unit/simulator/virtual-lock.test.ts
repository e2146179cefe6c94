import { decodeFrame, decodeLockData, parseAdvertisement, toLockTime } from '../../../plugin/protocol';
import { createFakeWx, createVirtualLock, type VirtualLock } from '../../../simulator';
import { hex, loadVectors, toHex } from '../../helpers/vectors';
import { drive, ScriptedClient } from './scripted-client';

const vectors = loadVectors('ttlock');
const vector = (id: string) => vectors.vectors.find((v: { id: string }) => v.id === id);
const TZ = 28_800_000;
const START = toLockTime(Date.UTC(2024, 0, 15, 1, 30), TZ); // 09:30 at UTC+8
const END = toLockTime(Date.UTC(2024, 11, 31, 15, 59), TZ); // 23:59 at UTC+8

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

async function session(lock: VirtualLock, platform: 'android' | 'ios' = 'android') {
  const fake = createFakeWx({ platform, locks: [lock] });
  const client = new ScriptedClient(fake, lock);
  await drive(client.open());
  if (platform === 'ios') await drive(client.scan());
  await drive(client.connect());
  return { fake, client };
}

describe('virtual lock: passcode session over the fake wx', () => {
  it.each(['android', 'ios'] as const)('adds a passcode on %s and stores it in lock-local time', async (platform) => {
    const lock = createVirtualLock({ random: () => 0xfffffff0, battery: 77 });
    const { fake, client } = await session(lock, platform);
    expect((await drive(client.login())).ok).toBe(true);
    const reply = await drive(client.add('123456', START, END));
    expect([reply.command, reply.status, ...reply.data]).toEqual([0x03, 0x01, 77, 0x02]);
    expect(lock.passcodes()).toEqual([
      {
        passcode: '123456',
        original: '123456',
        type: 3,
        start: { year: 2024, month: 1, day: 15, hour: 9, minute: 30 },
        end: { year: 2024, month: 12, day: 31, hour: 23, minute: 59 },
        used: false,
      },
    ]);
    await drive(client.close());
    expect([fake.listenerCount(), fake.openConnections(), fake.adapterOpen()]).toEqual([0, 0, false]);
  });

  it('wraps (psFromLock + unlockKey) mod 2^32 and records the headers it received', async () => {
    const lock = createVirtualLock({ random: () => 0xffffffff, unlockKey: 5 });
    const { client } = await session(lock);
    const admin = await drive(client.checkAdmin());
    expect(toHex(admin.data)).toBe('ffffffff');
    expect((await drive(client.checkRandom(0xffffffff))).ok).toBe(true);
    const [checkAdmin, checkRandom] = lock.received();
    expect(checkAdmin.header).toEqual(lock.lockVersion);
    expect(toHex(checkRandom.plaintext)).toBe('00000004');
  });

  const lockErrors: Array<[string, (c: ScriptedClient, l: VirtualLock) => Promise<any>, number[]]> = [
    ['wrong adminPs', (c) => c.checkAdmin(1), [0x41, 0x00, 0x03]],
    ['lockFlagPos too low', (c, l) => ((l.lockFlagPos = 4), c.checkAdmin(undefined, 3)), [0x41, 0x00, 0x0d]],
    ['wrong CHECK_RANDOM sum', async (c) => (await c.checkAdmin(), c.checkRandom(1, 1)), [0x30, 0x00, 0x07]],
    ['CHECK_RANDOM without a challenge', (c) => c.checkRandom(1), [0x30, 0x00, 0x07]],
    ['ADD before login', (c) => c.add('123456', START, END), [0x03, 0x00, 0x12, 0x02]],
    ['ADD with end before start', async (c) => (await c.login(), c.add('123456', END, START)), [0x03, 0x00, 0x20, 0x02]],
    ['ADD with month 13', async (c) => (await c.login(), c.add('123456', hex('180d010000'), END)), [0x03, 0x00, 0x20, 0x02]],
    ['ADD of an existing code', async (c, l) => (l.addPasscodeDirectly('123456'), await c.login(), c.add('123456', START, END)), [0x03, 0x00, 0x14, 0x02]],
    ['ADD to a full store', async (c, l) => ((l.capacity = 1), l.addPasscodeDirectly('999999'), await c.login(), c.add('123456', START, END)), [0x03, 0x00, 0x16, 0x02]],
  ];
  it.each(lockErrors)('answers %s with the lock error', async (_name, act, expected) => {
    const lock = createVirtualLock({ checkRandomFailureCode: 0x07 });
    const { client } = await session(lock);
    const reply = await drive(act(client, lock));
    expect([reply.command, reply.status, ...reply.data]).toEqual(expected);
    // Refused requests store nothing (codes added directly use the 2000–2099 default window).
    expect(lock.passcodes().some((p) => p.start.year === 2024 || p.end?.year === 2024)).toBe(false);
  });

  it.each([
    ['3 digits', '0203033132331801010000180c010000'],
    ['a letter', '020304313233411801010000180c010000'],
    ['length byte larger than the digits', '0203073132333435361801010000180c010000'],
  ])('answers 0x0F to a passcode with %s', async (_name, payloadHex) => {
    const lock = createVirtualLock();
    const { client } = await session(lock);
    await drive(client.login());
    const reply = await drive(client.request(0x03, hex(payloadHex)));
    expect([reply.status, ...reply.data]).toEqual([0x00, 0x0f, 0x02]);
  });

  it('forgets the login when the link is closed', async () => {
    const lock = createVirtualLock();
    const { client } = await session(lock);
    await drive(client.login());
    await drive(client.wx.closeBLEConnection({ deviceId: client.deviceId }));
    await drive(client.connect());
    const reply = await drive(client.add('123456', START, END));
    expect([reply.status, ...reply.data]).toEqual([0x00, 0x12, 0x02]);
  });

  it('answers a bad request CRC with error 0x01 and ignores other headers or keys', async () => {
    const lock = createVirtualLock();
    const { client } = await session(lock);
    const good = hex(vector('check_admin_uid0_flag0').frame);
    const badCrc = good.slice();
    badCrc[badCrc.length - 1] ^= 0x01;
    await drive(client.send(badCrc));
    const reply = decodeFrame(await drive(client.nextFrame()), lock.aesKey);
    expect([reply.command, ...reply.plaintext]).toEqual([0x54, 0x41, 0x00, 0x01]);
    expect(reply.header).toEqual(lock.lockVersion);
    const otherVersion = good.slice();
    otherVersion[3] = 4; // protocol 05 04
    await drive(client.send(otherVersion));
    await drive(client.send(good)); // the lock's key is not the vector key: undecryptable
    await jest.advanceTimersByTimeAsync(1_000);
    expect(client.frames).toHaveLength(0);
    expect(lock.received()).toHaveLength(0);
  });
});

describe('virtual lock: identity, lockData, advert, reply frames', () => {
  it('hands out a lockData string the plugin decodes to its own secrets', () => {
    const lock = createVirtualLock({ mac: 'D8:C4:D3:66:E8:B6', adminPs: 12345, unlockKey: 67890, uid: 42, lockFlagPos: 2 });
    expect(lock.name).toBe('S31_b6e866');
    const decoded = decodeLockData(lock.lockData());
    expect(decoded).toMatchObject({ lockMac: lock.mac, adminPs: 12345, unlockKey: 67890, uid: 42, lockFlagPos: 2, timezoneRawOffset: TZ, userType: 110301 });
    expect(toHex(decoded.aesKey)).toBe(toHex(lock.aesKey));
    expect(decodeLockData(lock.lockData({ userType: 110302 })).userType).toBe(110302);
  });

  it('gives each lock created without a MAC its own MAC and key', () => {
    const [a, b] = [createVirtualLock(), createVirtualLock()];
    expect(a.mac).not.toBe(b.mac);
    expect(toHex(a.aesKey)).not.toBe(toHex(b.aesKey));
  });

  it('advertises the vector payload for the vector lock', () => {
    const lock = createVirtualLock({ mac: 'AA:BB:CC:DD:EE:FF', battery: 90, advertParams: 0x01 });
    expect(toHex(lock.manufacturerData())).toBe(vector('advert_1').input);
    expect(parseAdvertisement(lock.manufacturerData())).toMatchObject({ mac: lock.mac, battery: 90, scene: 2 });
  });

  it('frames a reply byte for byte like the vector', () => {
    const v = vector('response_add_ok_battery90');
    const lock = createVirtualLock({ aesKey: hex(vectors.meta.fixed_inputs.aesKey) });
    expect(toHex(lock.encodeReply(hex('03015a02')))).toBe(v.frame);
  });
});
