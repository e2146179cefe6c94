/**
 * The shape of the demo app's globalData, on its own so Node code (the headless demo host) can use
 * the types without the wx globals that app-data.ts needs.
 */

export interface DemoLock {
  /** Shown in the lock list. */
  name: string;
  mac: string;
  /** The official lockData string of an admin eKey for this lock. */
  lockData: string;
  /** The lock's zone offset in ms, to show its wall-clock time (the "Manage passcodes" page). */
  timezoneRawOffset?: number;
}

export interface DemoGlobalData {
  simulatorLocks: DemoLock[];
  /** Defaults of the Tuya page's relay fields; no secret ever goes here (the relay holds it). */
  relayUrl: string;
  relayAuthorization: string;
  tuyaDeviceId: string;
  /** A TTLock lock whose lockData comes from your relay (and where the page records the passcode). */
  ttlockRelay?: DemoTTLockRelay;
}

export interface DemoTTLockRelay {
  /** The relay's TTLock base URL, e.g. "https://relay.example.com/ttlock". */
  relayUrl: string;
  /** Your session header for the relay; never a TTLock secret. */
  authorization: string;
  lockId: number;
  /** Shown in the lock list. */
  name: string;
}
