/**
 * The error-code table: `Code` (what the plugin's sources write, inlined as numbers in the bundle) and
 * the named table of official numbers must list the same codes in the same order, or an error would
 * carry another code's name and official number.
 */
import { Code, ErrorCode, hasCode, isLockError, LockError, OFFICIAL_CODE } from '../../../plugin/core/errors';

describe('error codes (core/errors.ts)', () => {
  it('Code and the named table list the same codes in the same order', () => {
    const enumNames = Object.keys(Code).filter((k) => Number.isNaN(Number(k)));
    expect(enumNames).toEqual(ErrorCode);
    ErrorCode.forEach((name, i) => expect(Code[name]).toBe(i));
    expect(OFFICIAL_CODE).toHaveLength(ErrorCode.length);
  });

  it('a LockError carries its code by name and answers the official number', () => {
    const e = new LockError(Code.BLE_CONNECT_TIMEOUT, 'x');
    expect([e.code, e.officialCode]).toEqual(['BLE_CONNECT_TIMEOUT', 10002]);
    expect(new LockError(Code.INVALID_OPTION, 'x').officialCode).toBe(11003);
    expect(new LockError(Code.INTERNAL, 'x').officialCode).toBe(99999);
  });

  it("LOCK_REPORTED answers the lock's byte, 19 when the reply had none; other codes ignore remoteCode", () => {
    expect(new LockError(Code.LOCK_REPORTED, 'x', { remoteCode: 21 }).officialCode).toBe(21);
    expect(new LockError(Code.LOCK_REPORTED, 'x').officialCode).toBe(19);
    expect(new LockError(Code.CLOUD_SERVER_ERROR, 'x', { remoteCode: 7 }).officialCode).toBe(10307);
  });

  it('hasCode matches any of the codes given, also for an error of another copy of the plugin', () => {
    const e = new LockError(Code.TIMEOUT, 'x');
    expect(hasCode(e, Code.TIMEOUT)).toBe(true);
    expect(hasCode(e, Code.BLE_DISCONNECTED, Code.TIMEOUT)).toBe(true);
    expect(hasCode(e, Code.BLE_DISCONNECTED)).toBe(false);
    const foreign = { name: 'LockError', code: 'BLE_NOT_INIT', message: 'x' };
    expect(isLockError(foreign)).toBe(true);
    expect(hasCode(foreign, Code.BLE_NOT_INIT)).toBe(true);
    expect(hasCode(new Error('TIMEOUT'), Code.TIMEOUT)).toBe(false);
  });
});
