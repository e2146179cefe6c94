/**
 * fast-check generators for fault schedules over the fake wx (any step, any action the simulator
 * supports on it, any occurrence) and a small timing config so that thousands of runs stay quick.
 */
import fc from 'fast-check';
import { FAULT_STEPS, SUPPORTED_ACTIONS, type FaultAction, type FaultKind, type FaultSpec, type FaultStep, type PhoneQuirks } from '../../simulator';
import type { LockwireConfig } from '../../plugin/index';

/** Short timeouts: every wait still happens, in fewer virtual milliseconds and timer jumps. */
export const FAST_CONFIG: Partial<LockwireConfig> = {
  scanTimeoutMs: 1500,
  connectTimeoutMs: 800,
  gattTimeoutMs: 300,
  replyTimeoutMs: 400,
  keepAliveMs: 200,
  operationBudgetMs: 6000,
  connectRetries: 2,
};

/** errCodes real wx reports (style.md §4), plus -1 'already connect'. */
export const WX_ERR_CODES = [-1, 10000, 10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 10009, 10012, 10013] as const;

/** A reply the lock pushes on its own: an echo of no request, or a stale CHECK_ADMIN success. */
const UNSOLICITED_PLAINTEXTS = [undefined, Uint8Array.of(0x41, 0x01, 0x00, 0x00, 0x00, 0x07), Uint8Array.of(0x45, 0x00, 0x14)];

/** The longest delay a fault gives one wx answer. */
export const MAX_DELAY_MS = 1200;
/** The longest a connect that ignores its timeout takes to succeed (phoneQuirks). */
export const MAX_LATE_CONNECT_MS = 2500;
/**
 * How long after an operation's result wx may still be answering it: a connect lockwire gave up on
 * succeeds up to MAX_LATE_CONNECT_MS later, and the close lockwire then sends may itself be delayed
 * by MAX_DELAY_MS (a fixed 3 s missed that by 1 ms once: seed -212170875), plus a second for the rest.
 */
export const LATE_ANSWERS_MS = MAX_LATE_CONNECT_MS + MAX_DELAY_MS + 1000;

function actionOf(kind: FaultKind): fc.Arbitrary<FaultAction> {
  switch (kind) {
    case 'fail':
      return fc.constantFrom(...WX_ERR_CODES).map((errCode) => ({ kind, errCode }));
    case 'delay':
      return fc.integer({ min: 0, max: MAX_DELAY_MS }).map((ms) => ({ kind, ms }));
    case 'split':
      return fc.array(fc.integer({ min: 1, max: 24 }), { minLength: 1, maxLength: 6 }).map((sizes) => ({ kind, sizes }));
    case 'unsolicited':
      return fc.constantFrom(...UNSOLICITED_PLAINTEXTS).map((plaintext) => (plaintext ? { kind, plaintext } : { kind }));
    case 'wrongKey':
      return fc.option(fc.uint8Array({ minLength: 16, maxLength: 16 }), { nil: undefined }).map((aesKey) => (aesKey ? { kind, aesKey } : { kind }));
    default:
      return fc.constant({ kind } as FaultAction);
  }
}

export function faultOn(step: FaultStep): fc.Arbitrary<FaultSpec> {
  return fc.record({
    on: fc.constant(step),
    nth: fc.integer({ min: 1, max: 8 }),
    times: fc.integer({ min: 1, max: 3 }),
    action: fc.constantFrom(...SUPPORTED_ACTIONS[step]).chain(actionOf),
  });
}

/** One to three faults on distinct steps (the injector refuses overlapping faults on one step). */
export const faultSchedule: fc.Arbitrary<FaultSpec[]> = fc
  .uniqueArray(fc.constantFrom(...FAULT_STEPS), { minLength: 1, maxLength: 3 })
  .chain((steps) => fc.tuple(...steps.map(faultOn)));

/**
 * What may legitimately stay open when wx itself refuses the cleanup calls the plugin makes:
 * closeBluetoothAdapter would also drop the links and stop the scan, so a connection (or a scan)
 * can only outlive the operation if wx refused both its own release call and the adapter close.
 * A scan start that wx answers only after the plugin gave up on it (a long delay) is not stopped
 * by the plugin either (it never learnt that the scan started); the adapter close stops it.
 */
export function mayOutlive(schedule: readonly FaultSpec[], hostOwnsAdapter = false): { adapter: boolean; connection: boolean; scan: boolean } {
  const refused = (step: FaultStep) => schedule.some((f) => f.on === step && f.action.kind !== 'delay');
  const delayed = (step: FaultStep) => schedule.some((f) => f.on === step && f.action.kind === 'delay');
  // the host's adapter is never closed by the plugin, so nothing is swept away by a close either
  // when wx will not say whether the adapter was open, it may be the host's: the plugin leaves it open
  const adapter = refused('closeBluetoothAdapter') || schedule.some((f) => f.on === 'getBluetoothAdapterState') || hostOwnsAdapter;
  return {
    adapter,
    connection: adapter && refused('closeBLEConnection'),
    scan: adapter && (refused('stopBluetoothDevicesDiscovery') || delayed('startBluetoothDevicesDiscovery')),
  };
}

/** A short readable form of a schedule for failure messages. */
export function describeSchedule(schedule: readonly FaultSpec[]): string {
  return schedule.map((f) => `${f.on}#${f.nth}x${f.times}:${f.action.kind}`).join(', ');
}

/** Real-phone behaviours (wx-ble-real-phones.md §2-§5), sized for FAST_CONFIG. */
export const phoneQuirks: fc.Arbitrary<PhoneQuirks> = fc.record(
  {
    adapterPopupMs: fc.integer({ min: 0, max: 12_000 }),
    writeAfterNotify10008Ms: fc.constant(50),
    gatt133: fc.record({ count: fc.integer({ min: 1, max: 2 }), windowMs: fc.integer({ min: 200, max: 900 }) }),
    lateDisconnectMs: fc.integer({ min: 1, max: 900 }),
    connectIgnoresTimeoutMs: fc.integer({ min: 50, max: MAX_LATE_CONNECT_MS }),
    servicesNotReady: fc.constantFrom('10004' as const, 'empty' as const),
    lossyUnackedWrites: fc.boolean(),
    scanWhileScanning10008: fc.boolean(),
    scanThrottle: fc.constantFrom(false, true, 'ignore' as const),
    noLocationPermission: fc.boolean(),
    directConnectNeedsScan: fc.boolean(),
    uuidForm: fc.constantFrom('full' as const, 'lower' as const, 'short' as const),
    batchAdverts: fc.boolean(),
    emptyAdvertisData: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** What the host app does, and when (virtual ms after the operation started). */
export type HostAction = 'offAll' | 'closeAdapter' | 'startScan' | 'stopScan' | 'connectLock' | 'disconnectLock';
export const hostSchedule: fc.Arbitrary<Array<{ atMs: number; action: HostAction }>> = fc.array(
  fc.record({
    atMs: fc.integer({ min: 0, max: 3000 }),
    action: fc.constantFrom<HostAction>('offAll', 'closeAdapter', 'startScan', 'stopScan', 'connectLock', 'disconnectLock'),
  }),
  { maxLength: 2 },
);
