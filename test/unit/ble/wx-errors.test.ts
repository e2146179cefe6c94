/**
 * wx-errors: how a failed wx Bluetooth call becomes our error (code, official number, message, the wx
 * code kept for diagnostics). The facts come from wx-ble-real-phones.md §2-§5: errno wins over errCode,
 * some failures carry errno only, 103 is the user refusing scope.bluetooth, iOS adds `state`.
 */
import fc from 'fast-check';
import { ErrorCode, LockError } from '../../../plugin/core/errors';
import { BleStep, wxCodeOf, wxFailureToError, wxTimeoutError } from '../../../plugin/ble/wx-errors';

const STEPS: BleStep[] = ['adapterState', 'openAdapter', 'startScan', 'connect', 'services', 'characteristics', 'notify', 'write'];

/** What a failure at each step means when the code says nothing more specific. */
const STEP_FAILED: Record<BleStep, string> = {
  adapterState: 'BLE_ADAPTER_FAILED',
  openAdapter: 'BLE_ADAPTER_FAILED',
  startScan: 'BLE_SCAN_FAILED',
  connect: 'BLE_CONNECT_FAILED',
  services: 'BLE_SERVICES_FAILED',
  characteristics: 'BLE_CHARACTERISTICS_FAILED',
  notify: 'BLE_NOTIFY_FAILED',
  write: 'BLE_WRITE_FAILED',
};

/** The Bluetooth errno list of wx-ble-real-phones.md §2, with the errCode each stands for. */
const ERRNO_MEANS: Array<[number, number]> = [
  [1500101, 10000], // not init
  [1500102, 10001], // not available
  [1500103, 10004], // no service
  [1500104, 10008], // system error
  [1500105, 10009], // no BLE
  [1509001, 10003], // connect fail
  [1509002, 10005], // no characteristic
  [1509003, 10006], // not connected
  [1509004, 10007], // property not supported
  [1509005, 10012], // timeout
  [1509006, 10002], // device not found
  [1509007, -1], // already connected
];

describe('wxCodeOf: the one wx code of a failure', () => {
  it.each(ERRNO_MEANS)('errno %i alone stands for errCode %i', (errno, errCode) => {
    expect(wxCodeOf({ errno })).toBe(errCode);
  });

  it('takes errno over errCode when both are present', () => {
    expect(wxCodeOf({ errno: 1509005, errCode: 10003 })).toBe(10012);
    expect(wxCodeOf({ errno: 1500101, errCode: 10001 })).toBe(10000);
  });

  it('falls back to errCode when the errno is not a Bluetooth one', () => {
    expect(wxCodeOf({ errno: 103, errCode: 10001 })).toBe(10001);
    expect(wxCodeOf({ errno: 1509010, errCode: 10008 })).toBe(10008);
  });

  it('has no code when there is neither a known errno nor a numeric errCode', () => {
    for (const failure of [{}, { errno: 103 }, { errCode: '10001' }, { errno: '1500102' }, null, undefined, 'fail', 10001]) {
      expect(wxCodeOf(failure)).toBeUndefined();
    }
  });
});

describe('wxFailureToError: errno first, then errCode', () => {
  it.each(STEPS)('at %s, errno 1500102 (not available) means the adapter is off whatever errCode says', (step) => {
    const err = wxFailureToError(step, { errno: 1500102, errCode: 10008, errMsg: 'fail' });
    expect(err).toBeInstanceOf(LockError);
    expect(err.code).toBe('BLE_ADAPTER_OFF');
    expect(err.wxErrCode).toBe(10001);
  });

  it('maps an errno-only failure through the code it stands for (no errCode at all)', () => {
    expect(wxFailureToError('services', { errno: 1500101 }).code).toBe('BLE_NOT_INIT');
    expect(wxFailureToError('write', { errno: 1509003 }).code).toBe('BLE_DISCONNECTED');
    expect(wxFailureToError('startScan', { errno: 1500105 }).code).toBe('BLE_UNSUPPORTED');
    const timedOut = wxFailureToError('connect', { errno: 1509005 });
    expect([timedOut.code, timedOut.wxErrCode, timedOut.officialCode]).toEqual(['BLE_CONNECT_TIMEOUT', 10012, 10002]);
  });

  it('uses errCode when the errno is unknown, and keeps the errno as the diagnostic code when there is no errCode', () => {
    const withCode = wxFailureToError('notify', { errno: 1509010, errCode: 10006 });
    expect([withCode.code, withCode.wxErrCode]).toEqual(['BLE_DISCONNECTED', 10006]);
    const without = wxFailureToError('openAdapter', { errno: 1509010 });
    expect([without.code, without.wxErrCode]).toEqual(['BLE_ADAPTER_FAILED', 1509010]);
  });

  it('never lets errCode override the errno it disagrees with (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STEPS), fc.constantFrom(...ERRNO_MEANS), fc.integer(), (step, [errno], errCode) => {
        const both = wxFailureToError(step, { errno, errCode });
        const alone = wxFailureToError(step, { errno });
        expect([both.code, both.wxErrCode]).toEqual([alone.code, alone.wxErrCode]);
      }),
    );
  });
});

describe('wxFailureToError: codes and steps', () => {
  it.each([
    [10000, 'BLE_NOT_INIT'],
    [10001, 'BLE_ADAPTER_OFF'],
    [10006, 'BLE_DISCONNECTED'],
    [10009, 'BLE_UNSUPPORTED'],
  ])('errCode %i means %s at every step', (errCode, code) => {
    for (const step of STEPS) {
      const err = wxFailureToError(step, { errCode, errMsg: 'x:fail' });
      expect([step, err.code, err.wxErrCode]).toEqual([step, code, errCode]);
    }
  });

  it('10012 is a connect timeout at createBLEConnection only; elsewhere the step failed', () => {
    expect(wxFailureToError('connect', { errCode: 10012 }).code).toBe('BLE_CONNECT_TIMEOUT');
    for (const step of STEPS.filter((s) => s !== 'connect')) {
      expect(wxFailureToError(step, { errCode: 10012 }).code).toBe(STEP_FAILED[step]);
    }
  });

  it.each([10002, 10003, 10004, 10005, 10007, 10008, 10013, -1, 0])('errCode %i means the step failed', (errCode) => {
    for (const step of STEPS) {
      const err = wxFailureToError(step, { errCode });
      expect([step, err.code, err.wxErrCode]).toEqual([step, STEP_FAILED[step], errCode]);
    }
  });

  it.each([null, undefined, 'openBluetoothAdapter:fail', 10001, true])(
    'a failure that is not an object (%p) means the step failed, with no wx code',
    (failure) => {
      for (const step of STEPS) {
        const err = wxFailureToError(step, failure);
        expect([step, err.code, err.wxErrCode]).toEqual([step, STEP_FAILED[step], undefined]);
        expect(err.message).toBe(`${step} failed (no errCode)`);
      }
    },
  );

  it('maps nothing from codes that are not numbers', () => {
    expect(wxFailureToError('write', { errCode: '10001', errno: '1500102', state: '3' }).code).toBe('BLE_WRITE_FAILED');
    expect(wxFailureToError('write', { errCode: '10001' }).wxErrCode).toBeUndefined();
  });
});

describe('wxFailureToError: permissions', () => {
  it('errno 103, the user refusing scope.bluetooth, is a refused permission, not a Bluetooth failure', () => {
    const err = wxFailureToError('openAdapter', { errno: 103, errMsg: 'openBluetoothAdapter:fail auth deny' });
    expect([err.code, err.officialCode, err.wxErrCode]).toEqual(['BLE_PERMISSION_DENIED', 10039, 103]);
    expect(err.message).toBe('openAdapter failed (wx errno 103)');
  });

  it('errno 103 wins whatever else the failure says: an errCode, another errMsg, an iOS state', () => {
    const err = wxFailureToError('openAdapter', { errno: 103, errCode: 10001, errMsg: 'fail', state: 4 });
    expect([err.code, err.wxErrCode]).toEqual(['BLE_PERMISSION_DENIED', 10001]);
  });

  it.each([
    [3, 'BLE_NO_SYSTEM_PERMISSION'],
    [103, 'BLE_PERMISSION_DENIED'],
    [104, 'BLE_PERMISSION_DENIED'],
    [112, 'BLE_PERMISSION_DENIED'],
    [1509008, 'BLE_LOCATION_DENIED'],
  ])('errno %i means %s at every step', (errno, code) => {
    for (const step of STEPS) expect([step, wxFailureToError(step, { errno, errCode: 10008 }).code]).toEqual([step, code]);
  });

  it.each(['openBluetoothAdapter:fail auth deny', 'fail:auth denied', 'FAIL AUTH DENY'])(
    'an errMsg saying "%s" without an errno is a refused permission',
    (errMsg) => {
      expect(wxFailureToError('openAdapter', { errMsg }).code).toBe('BLE_PERMISSION_DENIED');
      expect(wxFailureToError('openAdapter', { errMsg, errCode: 10001 }).code).toBe('BLE_PERMISSION_DENIED');
    },
  );

  it('an errMsg that does not say "auth den" changes nothing', () => {
    for (const errMsg of ['openBluetoothAdapter:fail', 'auth', 'deny auth', 'fail authentication']) {
      expect(wxFailureToError('openAdapter', { errMsg }).code).toBe('BLE_ADAPTER_FAILED');
    }
  });
});

describe('wxFailureToError: the iOS adapter state', () => {
  it('state 3 (WeChat lacks the iOS Bluetooth permission) is not "turn Bluetooth on"', () => {
    const err = wxFailureToError('openAdapter', { errCode: 10001, state: 3 });
    expect([err.code, err.officialCode]).toEqual(['BLE_NO_SYSTEM_PERMISSION', 10014]);
  });

  it('state 4 is the adapter switched off, even without a code', () => {
    const err = wxFailureToError('openAdapter', { state: 4 });
    expect([err.code, err.officialCode]).toEqual(['BLE_ADAPTER_OFF', 10012]);
  });

  it.each([0, 1, 2, 5])('state %i says nothing more: the code decides', (state) => {
    expect(wxFailureToError('openAdapter', { errCode: 10001, state }).code).toBe('BLE_ADAPTER_OFF');
    expect(wxFailureToError('openAdapter', { errCode: 10008, state }).code).toBe('BLE_ADAPTER_FAILED');
  });
});

describe('the message a developer reads', () => {
  it('names the step and the errno when there is one (the number to look up), else the errCode', () => {
    expect(wxFailureToError('connect', { errno: 1509005, errCode: 10012 }).message).toBe('connect failed (wx errno 1509005)');
    expect(wxFailureToError('write', { errCode: 10008 }).message).toBe('write failed (wx errCode 10008)');
    expect(wxFailureToError('services', { errno: 1500103 }).message).toBe('services failed (wx errno 1500103)');
    expect(wxFailureToError('notify', { errMsg: 'fail' }).message).toBe('notify failed (no errCode)');
  });

  it('never repeats the errMsg wx gave (it can carry the device id)', () => {
    const err = wxFailureToError('connect', { errCode: 10003, errMsg: 'createBLEConnection:fail AA:BB:CC:DD:EE:FF' });
    expect(err.message).not.toContain('AA:BB');
  });
});

describe('wxTimeoutError: no answer from wx', () => {
  it.each(STEPS)('at %s names the step and the limit', (step) => {
    const err = wxTimeoutError(step, 12345);
    expect(err).toBeInstanceOf(LockError);
    expect(err.code).toBe(step === 'connect' ? 'BLE_CONNECT_TIMEOUT' : STEP_FAILED[step]);
    expect(err.message).toBe(`${step}: no answer from wx within 12345 ms`);
    expect(err.wxErrCode).toBeUndefined();
  });

  it('every code it answers is one of ours', () => {
    for (const step of STEPS) expect(Object.values(ErrorCode)).toContain(wxTimeoutError(step, 1).code);
  });
});
