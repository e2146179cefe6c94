/**
 * The GATT table a TTLock V3 lock exposes (protocol doc §1), in the upper-case 128-bit form wx
 * reports, and the narrow interface the fake BLE stack needs from a lock. UUIDs are compared
 * case-insensitively because real wx accepts either case when a caller passes them back.
 */
import { MAX_WRITE } from '../plugin/protocol';

export const TTLOCK_SERVICE_UUID = '00001910-0000-1000-8000-00805F9B34FB';
export const TTLOCK_WRITE_UUID = '0000FFF2-0000-1000-8000-00805F9B34FB';
export const TTLOCK_NOTIFY_UUID = '0000FFF4-0000-1000-8000-00805F9B34FB';
export const DEVICE_INFO_SERVICE_UUID = '0000180A-0000-1000-8000-00805F9B34FB';

/** Largest value writeBLECharacteristicValue accepts without MTU negotiation (the protocol's piece size). */
export const MAX_WRITE_BYTES = MAX_WRITE;

export interface CharacteristicProperties {
  read: boolean;
  write: boolean;
  writeNoResponse: boolean;
  notify: boolean;
  indicate: boolean;
}

export interface GattService {
  uuid: string;
  characteristics: Array<{ uuid: string; properties: CharacteristicProperties }>;
}

function props(p: Partial<CharacteristicProperties>): CharacteristicProperties {
  return { read: false, write: false, writeNoResponse: false, notify: false, indicate: false, ...p };
}

const deviceInfoChar = (short: string) => ({
  uuid: `0000${short}-0000-1000-8000-00805F9B34FB`,
  properties: props({ read: true }),
});

/** A fresh copy per connection, so a fault can remove parts of it for that connection only. */
export function ttlockGattProfile(): GattService[] {
  return [
    {
      uuid: DEVICE_INFO_SERVICE_UUID,
      characteristics: ['2A24', '2A26', '2A27', '2A29'].map(deviceInfoChar),
    },
    {
      uuid: TTLOCK_SERVICE_UUID,
      characteristics: [
        { uuid: TTLOCK_WRITE_UUID, properties: props({ write: true, writeNoResponse: true }) },
        { uuid: TTLOCK_NOTIFY_UUID, properties: props({ notify: true }) },
      ],
    },
  ];
}

/** Case-insensitive; a 16-bit short form ("fff4") matches its full Bluetooth-base form, as wx accepts. */
export function sameUuid(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  const full = (u: string) => (u.length === 4 ? `0000${u}-0000-1000-8000-00805F9B34FB` : u).toUpperCase();
  return full(a) === full(b);
}

/** One BLE connection as the lock sees it: bytes in, reply payloads (plaintext) out. */
export interface LockSession {
  /** Takes one written chunk; returns the plaintext of every reply the lock now sends. */
  receive(chunk: Uint8Array): Uint8Array[];
  /** The link went down: forget authentication and any half-received request. */
  close(): void;
}

/** What the fake BLE stack needs from a lock (VirtualLock implements it). */
export interface RadioLock {
  readonly mac: string;
  readonly name: string;
  /** False: the lock neither advertises nor accepts connections. */
  inRange: boolean;
  /** Whether the 1910 service UUID is in the advert (real locks often leave it out). */
  readonly advertisesServiceUuid: boolean;
  rssi: number;
  manufacturerData(): Uint8Array;
  openSession(): LockSession;
  /** Its GATT table, if not a TTLock lock's (a host app's peripheral). */
  gattProfile?(): GattService[];
  /** Frames a reply payload as the lock does (its header, command 0x54), without CRLF. */
  encodeReply(plaintext: Uint8Array, aesKey?: Uint8Array): Uint8Array;
}
