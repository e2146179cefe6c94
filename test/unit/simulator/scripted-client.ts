/**
 * A minimal client that drives the fake wx the way a plugin would (promise style, no retries, no
 * overhead of its own), built on the plugin's protocol encoders. Tests use it to put the simulator
 * through a whole passcode session and to measure the virtual time it takes.
 */
import {
  CMD_CHECK_ADMIN,
  CMD_CHECK_RANDOM,
  CMD_MANAGE_KEYBOARD_PASSWORD,
  decodeFrame,
  decodeReply,
  DEFAULT_HEADER,
  encodeAddPasscode,
  encodeCheckAdmin,
  encodeCheckRandom,
  encodeFrame,
  FrameReassembler,
  splitForWrite,
  type FrameHeader,
  type Reply,
} from '../../../plugin/protocol';
import type { FakeBle, VirtualLock } from '../../../simulator';
import { TTLOCK_NOTIFY_UUID, TTLOCK_SERVICE_UUID, TTLOCK_WRITE_UUID } from '../../../simulator';

/** Runs `promise` to completion by advancing fake time 1 ms at a time (bounded). */
export async function drive<T>(promise: Promise<T>, maxMs = 60_000): Promise<T> {
  let done = false;
  const watched = promise.finally(() => {
    done = true;
  });
  watched.catch(() => {});
  for (let i = 0; i < maxMs && !done; i++) await jest.advanceTimersByTimeAsync(1);
  if (!done) throw new Error(`drive: still pending after ${maxMs} virtual ms`);
  return watched;
}

/** Settles a promise into a value so a test can assert on rejections without try/catch. */
export function outcome<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: any }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error) => ({ ok: false as const, error }),
  );
}

export class ScriptedClient {
  deviceId = '';
  readonly frames: Uint8Array[] = [];
  private readonly reassembler = new FrameReassembler();
  private waiter: (() => void) | null = null;
  private readonly onValue = (event: { value: ArrayBuffer }) => {
    for (const frame of this.reassembler.push(new Uint8Array(event.value))) this.frames.push(frame);
    this.waiter?.();
  };

  constructor(
    private readonly fake: FakeBle,
    private readonly lock: VirtualLock,
  ) {}

  get wx() {
    return this.fake.wx;
  }

  async open(): Promise<void> {
    await this.wx.openBluetoothAdapter();
  }

  /** Scans until the lock (recognised by the MAC in its manufacturer data) is reported. */
  async scan(): Promise<string> {
    const found = new Promise<string>((resolve) => {
      const listener = (event: { devices: Array<{ deviceId: string; advertisData: ArrayBuffer }> }) => {
        for (const device of event.devices) {
          const data = new Uint8Array(device.advertisData);
          const mac = Array.from(data.subarray(data.length - 6)).reverse()
            .map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
          if (mac !== this.lock.mac) continue;
          this.wx.offBluetoothDeviceFound(listener);
          resolve(device.deviceId);
        }
      };
      this.wx.onBluetoothDeviceFound(listener);
    });
    await this.wx.startBluetoothDevicesDiscovery({ allowDuplicatesKey: false });
    this.deviceId = await found;
    await this.wx.stopBluetoothDevicesDiscovery();
    return this.deviceId;
  }

  async connect(deviceId = this.deviceId || this.lock.mac): Promise<void> {
    this.deviceId = deviceId;
    this.wx.onBLECharacteristicValueChange(this.onValue);
    await this.wx.createBLEConnection({ deviceId });
    await this.wx.getBLEDeviceServices({ deviceId });
    await this.wx.getBLEDeviceCharacteristics({ deviceId, serviceId: TTLOCK_SERVICE_UUID });
    await this.wx.notifyBLECharacteristicValueChange({
      deviceId, serviceId: TTLOCK_SERVICE_UUID, characteristicId: TTLOCK_NOTIFY_UUID, state: true,
    });
  }

  /** Writes a frame (+CRLF) in 20-byte pieces, each after the previous one called back. */
  async send(frame: Uint8Array): Promise<void> {
    for (const piece of splitForWrite(frame)) {
      await this.wx.writeBLECharacteristicValue({
        deviceId: this.deviceId, serviceId: TTLOCK_SERVICE_UUID, characteristicId: TTLOCK_WRITE_UUID,
        value: piece.slice().buffer,
      });
    }
  }

  /** The next whole frame from the lock (raw, CRLF stripped). */
  async nextFrame(): Promise<Uint8Array> {
    while (this.frames.length === 0) await new Promise<void>((resolve) => (this.waiter = resolve));
    this.waiter = null;
    return this.frames.shift()!;
  }

  async request(command: number, plaintext: Uint8Array, header: FrameHeader = DEFAULT_HEADER): Promise<Reply> {
    await this.send(encodeFrame(command, plaintext, this.lock.aesKey, header));
    return decodeReply(decodeFrame(await this.nextFrame(), this.lock.aesKey).plaintext);
  }

  checkAdmin(adminPs = this.lock.adminPs, lockFlagPos = this.lock.lockFlagPos): Promise<Reply> {
    const payload = encodeCheckAdmin({ adminPs, lockFlagPos, uid: this.lock.uid });
    return this.request(CMD_CHECK_ADMIN, payload, this.lock.lockVersion);
  }

  checkRandom(psFromLock: number, unlockKey = this.lock.unlockKey): Promise<Reply> {
    return this.request(CMD_CHECK_RANDOM, encodeCheckRandom(psFromLock, unlockKey));
  }

  add(passcode: string, start: Uint8Array, end: Uint8Array): Promise<Reply> {
    return this.request(CMD_MANAGE_KEYBOARD_PASSWORD, encodeAddPasscode({ passcode, start, end }));
  }

  /** CHECK_ADMIN + CHECK_RANDOM; returns the CHECK_RANDOM reply. */
  async login(): Promise<Reply> {
    const admin = await this.checkAdmin();
    const ps = new DataView(admin.data.buffer, admin.data.byteOffset).getUint32(0, false);
    return this.checkRandom(ps);
  }

  async close(): Promise<void> {
    this.wx.offBLECharacteristicValueChange(this.onValue);
    await this.wx.closeBLEConnection({ deviceId: this.deviceId });
    await this.wx.closeBluetoothAdapter();
  }
}
