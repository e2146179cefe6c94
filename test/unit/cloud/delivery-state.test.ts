/**
 * The one delivery-state model against Tuya's phase and delivery_status tables (tuya-password-lifecycle.md
 * §4): the same integer means different things per protocol, so every row is checked per protocol, and
 * the protocol inference (delivery_status present = Zigbee) is checked against the explicit protocol.
 */
import { LockProtocol, deliveryStateOf, parseDetail } from '../../../cloud/delivery';

describe('Wi-Fi and BLE phases', () => {
  it.each([
    [0, 'revoked', undefined],
    [1, 'pending', undefined],
    [2, 'active', undefined],
    [3, 'revoking', undefined],
    [7, 'failed', 'sending-failed'],
    [9, 'pending', undefined],
    [undefined, 'pending', undefined],
  ] as const)('phase %s -> %s', (phase, state, reason) => {
    for (const protocol of ['wifi', 'ble', 'ble_gateway', undefined] as Array<LockProtocol | undefined>) {
      expect(deliveryStateOf({ phase, protocol })).toEqual(reason ? { state, reason } : { state });
    }
  });
});

describe('Zigbee phases and delivery_status', () => {
  it.each([
    [1, 1, 'pending', undefined],
    [2, 2, 'active', undefined],
    [2, 1, 'pending', undefined],
    [3, 2, 'frozen', undefined],
    [3, 1, 'pending', undefined],
    [4, 1, 'revoking', undefined],
    [4, 2, 'revoked', undefined],
    [4, 3, 'failed', 'sending-failed'],
    [5, 3, 'failed', 'sending-failed'],
    [5, 4, 'failed', 'duplicate'],
    [5, 5, 'failed', 'storage-full'],
    [5, 6, 'failed', 'overlap'],
    [1, 4, 'failed', 'duplicate'],
  ] as const)('phase %i with delivery_status %i -> %s', (phase, deliveryStatus, state, reason) => {
    const expected = reason ? { state, reason } : { state };
    expect(deliveryStateOf({ phase, deliveryStatus, protocol: 'zigbee' })).toEqual(expected);
    // Without the protocol, delivery_status alone marks the lock as Zigbee.
    expect(deliveryStateOf({ phase, deliveryStatus })).toEqual(expected);
  });

  it('phase 3 is frozen on Zigbee but revoking on Wi-Fi; phase 0 is not a Zigbee value', () => {
    expect(deliveryStateOf({ phase: 3, protocol: 'zigbee' }).state).toBe('frozen');
    expect(deliveryStateOf({ phase: 3, protocol: 'wifi' }).state).toBe('revoking');
    expect(deliveryStateOf({ phase: 0, protocol: 'zigbee' }).state).toBe('pending');
  });
});

describe('parseDetail', () => {
  const item = { id: 1001, name: "Tenant A's password", phase: 1, effective_time: 1530841779, invalid_time: 1530881779, phone: 123547127362, time_zone: 'Asia/Shanghai', delivery_status: 1, schedule_list: [{ effective_time: 450, invalid_time: 510, working_day: 38 }] };

  it("maps Tuya's documented example onto lockwire's units", () => {
    expect(parseDetail('1001', item, 1530850000_000)).toEqual({
      id: '1001',
      state: 'pending',
      phase: 1,
      deliveryStatus: 1,
      name: "Tenant A's password",
      effectiveTime: 1530841779_000,
      invalidTime: 1530881779_000,
      timeZone: 'Asia/Shanghai',
      phone: '123547127362',
      schedule: [{ startMinute: 450, endMinute: 510, weekdays: 38 }],
      expired: false,
    });
  });

  it('says when the window has ended, and reads unknown shapes as pending', () => {
    expect(parseDetail('1001', item, 1530881779_000).expired).toBe(true);
    expect(parseDetail('7', 'nonsense', 0)).toEqual({ id: '7', state: 'pending', phase: undefined, deliveryStatus: undefined });
  });
});
