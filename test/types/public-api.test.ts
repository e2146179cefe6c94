/**
 * Type-level tests of the public API, checked by `npm run typecheck` (tsc over test/): the usage the
 * demo and the README show compiles, and each `@ts-expect-error` line must fail to compile, otherwise
 * tsc reports the directive itself as unused (TS2578) and the type-check fails. The runtime half
 * checks that the typed surface and the real module agree.
 */
import type {
  CreateCustomPasscodeOption,
  CreateCustomPasscodeResult,
  GetAllValidPasscodeResult,
  GetLockTimeResult,
  ModifyPasscodeOption,
  PasscodeInfo,
  ResetPasscodeResult,
  LockwireConfig,
  LockwirePlugin,
  ProgressStep,
  TempPasswordOption,
  TTLockError,
} from '../../typings/index';
import * as pluginModule from '../../plugin/index';

// The way a host gets the types: requirePlugin returns any, the annotation gives the whole surface.
const plugin: LockwirePlugin = pluginModule;

async function compilesLikeTheDemo(lockData: string): Promise<void> {
  const steps: ProgressStep[] = [];
  const option: CreateCustomPasscodeOption = {
    passcode: '246810',
    startDate: Date.now(),
    endDate: '1893456000000',
    lockData,
    onProgress: (step) => steps.push(step),
    disconnectCallback: (r: TTLockError) => console.log(r.errorCode, r.description),
  };
  const result: CreateCustomPasscodeResult = await plugin.createCustomPasscode(option);
  const battery: number | undefined = result.electricQuantity;
  const code: string | undefined = result.passcode;
  await plugin.createCustomPasscode('1234', 0, 0, lockData, (r) => r.errorMsg);
  const config: LockwireConfig = plugin.configure({ replyTimeoutMs: 3000 });
  const tuya: TempPasswordOption = { relayUrl: 'https://relay.example', deviceId: 'd1', password: '123456', effectiveTime: 1, invalidTime: 2 };
  const temp = await plugin.requestTempPassword(tuya);
  void [battery, code, config, temp.id, plugin.VERSION.length];
  const relay = { relayUrl: 'https://relay.example/ttlock', header: { authorization: 'Bearer s' }, lockId: 3000001 };
  const got = await plugin.getLockData(relay);
  const recorded = await plugin.recordPasscode({ ...relay, passcode: '4829104', startDate: 1, endDate: 2 });
  const both = await plugin.createCustomPasscodeAndRecord({ passcode: '4829104', startDate: 0, endDate: 0, relay });
  void [got.lockData, recorded.keyboardPwdId, both.recorded, both.recordError?.errorCode];
}

async function lifecycleCompiles(lockData: string): Promise<void> {
  const modify: ModifyPasscodeOption = { originalPasscode: '1234', passcode: '5678', startDate: 0, endDate: 0, lockData, keepValidity: true };
  const changed: TTLockError = await plugin.modifyPasscode(modify);
  await plugin.modifyPasscode('1234', '5678', 0, 0, lockData, (r) => r.errorCode);
  await plugin.deletePasscode({ passcode: '5678', lockData, onProgress: (s) => s });
  await plugin.deletePasscode('5678', lockData);
  const list: GetAllValidPasscodeResult = await plugin.getAllValidPasscode({ lockData });
  const first: PasscodeInfo | undefined = list.keyboardPwdList?.[0];
  const end: number | undefined = first?.endDate;
  const reset: ResetPasscodeResult = await plugin.resetPasscode({ lockData, serverTime: Date.now() });
  const forCloud: string | undefined = reset.lockData;
  await plugin.setLockTime({ lockData, serverTime: Date.now() });
  await plugin.setLockTime(Date.now(), lockData);
  const clock: GetLockTimeResult = await plugin.getLockTime({ lockData });
  const offset: number | undefined = clock.offsetMs;
  const unknown: boolean | undefined = changed.outcomeUnknown;
  const settled: boolean | undefined = changed.settledAfterDrop;
  plugin.configure({ clockCheck: 'fix', settleOutcomes: false, clockToleranceMs: 60000 });
  void [end, forCloud, offset, unknown, settled];
}

async function wrongLifecycleOptionsDoNotCompile(lockData: string): Promise<void> {
  // @ts-expect-error modifyPasscode needs originalPasscode
  await plugin.modifyPasscode({ passcode: '5678', startDate: 0, endDate: 0, lockData });
  // @ts-expect-error deletePasscode takes the passcode as a string
  await plugin.deletePasscode({ passcode: 5678, lockData });
  // @ts-expect-error getAllValidPasscode needs lockData
  await plugin.getAllValidPasscode({});
  // @ts-expect-error clockCheck is 'off', 'warn' or 'fix'
  plugin.configure({ clockCheck: 'always' });
  // @ts-expect-error the list's dates are numbers (epoch ms)
  const start: string | undefined = (await plugin.getAllValidPasscode({ lockData })).keyboardPwdList?.[0].startDate;
  // @ts-expect-error resetPasscode has no positional form
  await plugin.resetPasscode(lockData);
  void start;
}

async function wrongOptionsDoNotCompile(lockData: string): Promise<void> {
  // @ts-expect-error passcode is a string (a number would lose leading zeros)
  await plugin.createCustomPasscode({ passcode: 246810, startDate: 0, endDate: 0, lockData });
  // @ts-expect-error lockData is required
  await plugin.createCustomPasscode({ passcode: '1234', startDate: 0, endDate: 0 });
  // @ts-expect-error startDate is epoch ms, not a Date
  await plugin.createCustomPasscode({ passcode: '1234', startDate: new Date(), endDate: 0, lockData });
  // @ts-expect-error onProgress receives a step name, not a number
  await plugin.createCustomPasscode({ passcode: '1234', startDate: 0, endDate: 0, lockData, onProgress: (n: number) => n });
  // @ts-expect-error lockId is a number, as TTLock's
  await plugin.getLockData({ relayUrl: 'https://relay.example/ttlock', lockId: '3000001' });
  // @ts-expect-error the convenience needs to know where to record
  await plugin.createCustomPasscodeAndRecord({ passcode: '1234', startDate: 0, endDate: 0, lockData });
  // @ts-expect-error unknown setting
  plugin.configure({ replyTimeout: 3000 });
  // @ts-expect-error the result has no `data` of arbitrary type on success
  const data: string = (await plugin.createCustomPasscode({ passcode: '1234', startDate: 0, endDate: 0, lockData })).data;
  void data;
}

describe('public API types', () => {
  it('the typed surface is the real module surface', () => {
    const exported = Object.keys(pluginModule).sort();
    expect(exported).toEqual(
      ['DEFAULT_CONFIG', 'VERSION', 'configure', 'createCustomPasscode', 'finishOperations', 'requestTempPassword', 'setShowLog', 'stopAllOperations']
        // Tuya password lifecycle through the relay (issue #11)
        .concat(['createOfflinePassword', 'deleteTempPassword', 'freezeTempPassword', 'getDynamicPassword', 'listTempPasswords', 'modifyTempPassword', 'unfreezeTempPassword'])
        // TTLock cloud through the relay (issue #12)
        .concat(['createCustomPasscodeAndRecord', 'getLockData', 'recordPasscode'])
        // the passcode lifecycle over Bluetooth (issue #10)
        .concat(['modifyPasscode', 'deletePasscode', 'getAllValidPasscode', 'resetPasscode', 'setLockTime', 'getLockTime'])
        .sort(),
    );
    for (const name of exported.filter((n) => n !== 'VERSION' && n !== 'DEFAULT_CONFIG')) {
      expect(typeof (pluginModule as Record<string, unknown>)[name]).toBe('function');
    }
    expect(typeof compilesLikeTheDemo).toBe('function');
    expect(typeof wrongOptionsDoNotCompile).toBe('function');
    expect(typeof lifecycleCompiles).toBe('function');
    expect(typeof wrongLifecycleOptionsDoNotCompile).toBe('function');
  });
});
