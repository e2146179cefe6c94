/**
 * Switches for what real phones do beyond (or against) the documentation
 * (wx-ble-real-phones.md §2-§5). All are off by default: the fake then follows the documented API.
 */
export interface PhoneQuirks {
  /** The first openBluetoothAdapter waits this long for the user (permission, privacy, Nearby devices popups). */
  adapterPopupMs?: number;
  /** A write within this many ms after notify enabling succeeded fails 10008 (once per connection). */
  writeAfterNotify10008Ms?: number;
  /** Connecting fails 10003 (Android GATT 133) `count` times in a row; a retry within windowMs of the last failure fails again. */
  gatt133?: { count: number; windowMs: number };
  /** closeBLEConnection's connected:false (and a drop's) arrives this late: maybe after a new link to the device. */
  lateDisconnectMs?: number;
  /** createBLEConnection ignores `timeout` and closeBLEConnection; a lock that answers connects at its own pace (this many ms). A repeated connect leaves a second instance. */
  connectIgnoresTimeoutMs?: number;
  /** The first getBLEDeviceServices of a connection fails 10004 or answers an empty list. */
  servicesNotReady?: '10004' | 'empty';
  /** Android writes without response sent back to back (while the previous one is still on the air) are lost. */
  lossyUnackedWrites?: boolean;
  /** startBluetoothDevicesDiscovery while a scan runs fails 10008 instead of restarting. */
  scanWhileScanning10008?: boolean;
  /** Android throttling: the 6th scan start within 30 s fails 10008 (true), or succeeds but hears nothing ('ignore', as Android 7+ does). */
  scanThrottle?: boolean | 'ignore';
  /** Android: scanning lacks the location permission: starts fail with errno 1509008. */
  noLocationPermission?: boolean;
  /** Android: a direct connect to a MAC not seen in a scan since the adapter opened never completes (until its timeout). */
  directConnectNeedsScan?: boolean;
  /** How UUIDs are reported: full upper case (default), full lower case, or 16-bit short form. */
  uuidForm?: 'full' | 'lower' | 'short';
  /** Adverts are batched: every device heard in one interval goes out in one found event. */
  batchAdverts?: boolean;
  /** Adverts arrive with an empty advertisData (the MAC then is only the Android deviceId). */
  emptyAdvertisData?: boolean;
}

/** A UUID in the form the quirk asks for. */
export function reportUuid(quirks: PhoneQuirks, uuid: string): string {
  if (quirks.uuidForm === 'lower') return uuid.toLowerCase();
  if (quirks.uuidForm === 'short' && /^0000[0-9A-F]{4}-0000-1000-8000-00805F9B34FB$/i.test(uuid)) return uuid.slice(4, 8);
  return uuid;
}
