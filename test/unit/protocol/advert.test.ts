/** parseAdvertisement beyond the shared vector: layouts, flags, and what is not a lock. */
import fc from 'fast-check';
import { hex } from '../../helpers/vectors';
import { parseAdvertisement } from '../../../plugin/protocol';

describe('parseAdvertisement', () => {
  it('reads every params flag of the V3 layout', () => {
    const parsed = parseAdvertisement(hex('0503020e64' + '0000000000' + '060504030201'));
    expect(parsed).toEqual({
      protocolType: 5,
      protocolVersion: 3,
      scene: 2,
      isUnlocked: false,
      hasEvents: true,
      isSettingMode: true,
      isTouch: true,
      battery: 100,
      mac: '01:02:03:04:05:06',
    });
  });

  it('reads the other layout (type/version at 4/5, scene 7, params 8, battery 9)', () => {
    const parsed = parseAdvertisement(hex('01020304' + '0504' + '00' + '08' + '01' + '32' + '00' + 'abcdef123456'));
    expect(parsed).toMatchObject({
      protocolType: 5,
      protocolVersion: 4,
      scene: 8,
      isUnlocked: true,
      isTouch: false,
      battery: 50,
      mac: '56:34:12:EF:CD:AB',
    });
  });

  it('uses the last six bytes for the MAC even when the payload is longer', () => {
    expect(parseAdvertisement(hex('050302015a' + '00'.repeat(10) + 'ffeeddccbbaa'))!.mac).toBe('AA:BB:CC:DD:EE:FF');
  });

  it.each([
    ['too short', '050302015a000000ffeeddccbbaa'],
    ['plug DFU', '1219' + '00'.repeat(13)],
    ['gateway DFU', '1319' + '00'.repeat(13)],
    ['DFU', 'ffff' + '00'.repeat(13)],
    ['wristband', '3412' + '00'.repeat(13)],
  ])('returns null for %s', (_name, input) => {
    expect(parseAdvertisement(hex(input))).toBeNull();
  });

  it('never throws on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (d) => void parseAdvertisement(d)));
    expect(parseAdvertisement(undefined as any)).toBeNull();
  });
});

describe('parseAdvertisement: boundaries and layouts', () => {
  const v3 = (params: number, mac = '060504030201') => hex('050302' + params.toString(16).padStart(2, '0') + '64' + '00000000' + mac);

  it('accepts exactly MIN_ADVERT_LENGTH (15) bytes and refuses 14', () => {
    expect(parseAdvertisement(hex('0503020064' + '00'.repeat(3) + '060504030201'))).toBeNull();
    expect(parseAdvertisement(v3(0))).not.toBeNull();
    expect(v3(0).length).toBe(15);
  });

  it('reads each params flag from its own bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (params) => {
        const p = parseAdvertisement(v3(params))!;
        expect([p.isUnlocked, p.hasEvents, p.isSettingMode, p.isTouch]).toEqual([
          (params & 1) !== 0,
          (params & 2) !== 0,
          (params & 4) !== 0,
          (params & 8) !== 0,
        ]);
      }),
    );
  });

  it('reads every field of either layout from its offset (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 15, maxLength: 31 }), (d) => {
        const p = parseAdvertisement(d);
        const notLock = [[0x12, 0x19], [0x13, 0x19], [0xff, 0xff], [0x34, 0x12]].some(([a, b]) => d[0] === a && d[1] === b);
        if (notLock) return expect(p).toBeNull();
        const at = d[0] === 5 && d[1] === 3 ? [0, 1, 2, 4] : [4, 5, 7, 9];
        expect(p).not.toBeNull();
        expect([p!.protocolType, p!.protocolVersion, p!.scene, p!.battery]).toEqual(at.map((i) => d[i]));
        const tail = Array.from(d.slice(-6)).reverse();
        expect(p!.mac.split(':').map((h) => parseInt(h, 16))).toEqual(tail);
        expect(p!.mac).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
      }),
    );
  });

  it('uses the V3 layout only for 05 03: 05 04 and 04 03 are read with the other layout', () => {
    const other = '0000' + '0000' + '0504' + '00' + '09' + '01' + '50' + '00' + '0a0b0c0d0e0f';
    expect(parseAdvertisement(hex('0504' + other.slice(4)))).toMatchObject({ protocolType: 5, protocolVersion: 4, scene: 9, battery: 0x50 });
    expect(parseAdvertisement(hex('0403' + other.slice(4)))).toMatchObject({ protocolType: 5, protocolVersion: 4, scene: 9, battery: 0x50 });
  });

  it('writes MAC bytes below 0x10 with their leading zero, upper case', () => {
    expect(parseAdvertisement(v3(0, '0f0a0b0c0d01'))!.mac).toBe('01:0D:0C:0B:0A:0F');
  });

  it.each(['1200', '0019', '1319'.replace('19', '18'), 'ff00', '00ff', '3400', '0012'])(
    'keeps a payload that starts with only half of a not-a-lock pair (%s)',
    (start) => {
      expect(parseAdvertisement(hex(start + '00'.repeat(13)))).not.toBeNull();
    },
  );

  it('returns null for something that is not a Uint8Array', () => {
    expect(parseAdvertisement(Array.from(v3(0)) as any)).toBeNull();
    expect(parseAdvertisement(null as any)).toBeNull();
  });
});
