/**
 * Random (algorithmic) passcodes (ttlock-cloud-api.md §5.5): the cloud derives the code and the lock
 * validates it offline, so no gateway is needed. The hour grid and the first-use windows are checked
 * before the call (rules.ts); a lost answer is never asked again, since that would spend another code.
 */
import { mayHaveHappened } from './call';
import type { TTLockCore } from './core';
import { TTLockError } from './errors';
import { RandomPasscodeType, checkId, checkName, checkRandomRequest } from './rules';

export interface RandomPasscodeInput {
  lockId: number;
  type: RandomPasscodeType;
  startDate: number;
  endDate?: number;
  name?: string;
}

export interface RandomPasscodeResult {
  keyboardPwdId?: number;
  passcode: string;
  type: RandomPasscodeType;
  startDate: number;
  endDate?: number;
  firstUseBy?: number;
  /** One sentence for whoever hands the code out. */
  rule: string;
}

/** A cloud-generated code the lock validates offline: no gateway, hour grid, first-use windows. */
export async function getRandomPasscode(core: TTLockCore, input: RandomPasscodeInput): Promise<RandomPasscodeResult> {
  const lockId = checkId(input?.lockId, 'lockId');
  const req = checkRandomRequest(input.type, input.startDate, input.endDate, core.now());
  const name = checkName(input.name);
  let r: { keyboardPwd?: unknown; keyboardPwdId?: unknown };
  try {
    r = await core.write('passcode get (random)', '/v3/keyboardPwd/get', {
      lockId, keyboardPwdType: req.keyboardPwdType, keyboardPwdName: name, startDate: req.startDate, endDate: req.endDate, keyboardPwdVersion: 4,
    });
  } catch (err) {
    if (!mayHaveHappened(err)) throw err;
    // Asking again would issue another code from the lock's budget for this start time.
    throw new TTLockError('outcome-unknown', `passcode get (random) on lock ${lockId}: the answer was lost; a code may have been issued`, {
      advice: 'list the passcodes (search by name) before asking again',
      cause: err,
    });
  }
  if (typeof r.keyboardPwd !== 'string' && typeof r.keyboardPwd !== 'number') throw new TTLockError('protocol', 'random passcode answer lacks keyboardPwd');
  return {
    keyboardPwdId: typeof r.keyboardPwdId === 'number' ? r.keyboardPwdId : undefined,
    passcode: String(r.keyboardPwd),
    type: input.type,
    startDate: req.startDate,
    endDate: req.endDate,
    firstUseBy: req.firstUseBy,
    rule: req.rule,
  };
}
