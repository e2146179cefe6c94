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
