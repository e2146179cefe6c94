/**
 * A scripted host app sharing one fake wx with the plugin (wx-ble-real-phones.md §1): its own
 * listeners (counting what they still receive), its own adapter and its own connection to a
 * peripheral that is not a lock (a heart-rate band that notifies), and the habits a test can trigger
 * at any moment: the argument-less off…() of an onUnload, closing the adapter, scanning, connecting
 * to the lock. It talks through `fake.hostWx`, so `fake.report()` counts its part apart from the
 * plugin's.
 */
import type { FakeBle } from './fake-wx';
import type { GattService, LockSession, RadioLock } from './gatt-profile';
import { after, type Cancel } from './link-model';

export const HOST_SERVICE_UUID = '0000180D-0000-1000-8000-00805F9B34FB';
export const HOST_NOTIFY_UUID = '00002A37-0000-1000-8000-00805F9B34FB';

/** A heart-rate band: not a lock, advertises Apple-style manufacturer data, notifies on 2A37. */
export function createHostPeripheral(mac = 'C0:FF:EE:00:00:01'): RadioLock {
  const session: LockSession = { receive: () => [], close: () => undefined };
  const profile = (): GattService[] => [
    {
      uuid: HOST_SERVICE_UUID,
      characteristics: [
        { uuid: HOST_NOTIFY_UUID, properties: { read: false, write: false, writeNoResponse: false, notify: true, indicate: false } },
      ],
    },
  ];
  return {
    mac,
    name: 'HR-Band',
    inRange: true,
    advertisesServiceUuid: false,
    rssi: -70,
    manufacturerData: () => Uint8Array.of(0x4c, 0x00, 0x10, 0x05, 0x01, 0x18, 0x44, 0x2f, 0x9a, 0x11, 0x02, 0x33, 0x44),
    openSession: () => session,
    gattProfile: profile,
    encodeReply: () => new Uint8Array(0),
  };
}

export interface HostAppCounts {
  found: number;
  values: number;
  connectionEvents: number;
  adapterEvents: number;
}

export interface HostApp {
  readonly peripheral: RadioLock;
  /** Events the host's own listeners received. */
  readonly received: HostAppCounts;
  /** Registers the host's four listeners. */
  listen(): void;
  /** Opens the adapter, connects to its peripheral, enables notifications; it then notifies every `everyMs`. False if the phone would not let it. */
  start(everyMs?: number): Promise<boolean>;
  /** The host's onUnload habit: the argument-less off…() (and its own connection-state listener). */
  offAll(): void;
  closeAdapter(): Promise<void>;
  startScan(): Promise<void>;
  stopScan(): Promise<void>;
  /** The host connects to a device itself (e.g. the lock); resolves with wx's errCode (0 = ok). */
  connect(deviceId: string): Promise<number>;
  disconnect(deviceId: string): Promise<number>;
  /** Whether the host's peripheral link is up. */
  peripheralConnected(): boolean;
  /** Stops the notification timer (end of test). */
  stop(): void;
}

export function createHostApp(fake: FakeBle, peripheral: RadioLock = createHostPeripheral()): HostApp {
  const wx = fake.hostWx;
  const received: HostAppCounts = { found: 0, values: 0, connectionEvents: 0, adapterEvents: 0 };
  const onConnection = () => received.connectionEvents++;
  const peripheralId = fake.deviceIdOf(peripheral);
  let ticking: Cancel = () => undefined;
  let beat = 0;
  const code = (p: Promise<unknown>) => p.then(() => 0, (e: { errCode?: number; errno?: number }) => e?.errCode ?? e?.errno ?? -999);

  const tick = (everyMs: number) => {
    fake.peripheralNotify(peripheral, HOST_NOTIFY_UUID, Uint8Array.of(0x00, 60 + (beat++ % 40)));
    ticking = after(everyMs, () => tick(everyMs));
  };

  const connectPeripheral = async () => {
    // scan first: iOS knows a peripheral only once scanned, and some Android phones want it too
    await code(wx.startBluetoothDevicesDiscovery({}));
    await new Promise<void>((resolve) => after(fake.timing.advertisingIntervalMs, resolve));
    await code(wx.stopBluetoothDevicesDiscovery({}));
    if (!fake.isConnected(peripheralId)) await wx.createBLEConnection({ deviceId: peripheralId });
    await wx.getBLEDeviceServices({ deviceId: peripheralId });
    await wx.getBLEDeviceCharacteristics({ deviceId: peripheralId, serviceId: HOST_SERVICE_UUID });
    await wx.notifyBLECharacteristicValueChange({ deviceId: peripheralId, serviceId: HOST_SERVICE_UUID, characteristicId: HOST_NOTIFY_UUID, state: true });
  };

  return {
    peripheral,
    received,
    listen() {
      wx.onBluetoothDeviceFound(() => received.found++);
      wx.onBLECharacteristicValueChange((e: { deviceId: string }) => {
        if (e.deviceId === peripheralId) received.values++;
      });
      wx.onBLEConnectionStateChange(onConnection);
      wx.onBluetoothAdapterStateChange(() => received.adapterEvents++);
    },
    async start(everyMs = 500) {
      await wx.openBluetoothAdapter();
      // a careful host retries what real phones refuse now and then (GATT 133, services not ready)
      for (let attempt = 0; ; attempt++) {
        try {
          await connectPeripheral();
          break;
        } catch (err) {
          if (attempt >= 3) return false; // this phone will not let the host connect either
          await new Promise<void>((resolve) => after(1000, resolve));
        }
      }
      ticking = after(everyMs, () => tick(everyMs));
      return true;
    },
    offAll() {
      wx.offBluetoothDeviceFound();
      wx.offBLECharacteristicValueChange();
      wx.offBluetoothAdapterStateChange();
      wx.offBLEConnectionStateChange(onConnection);
    },
    async closeAdapter() {
      await code(wx.closeBluetoothAdapter());
    },
    async startScan() {
      await code(wx.startBluetoothDevicesDiscovery({ allowDuplicatesKey: true }));
    },
    async stopScan() {
      await code(wx.stopBluetoothDevicesDiscovery({}));
    },
    connect: (deviceId) => code(wx.createBLEConnection({ deviceId })),
    disconnect: (deviceId) => code(wx.closeBLEConnection({ deviceId })),
    peripheralConnected: () => fake.report().host.connections > 0 && fake.isConnected(peripheralId),
    stop() {
      ticking();
    },
  };
}
