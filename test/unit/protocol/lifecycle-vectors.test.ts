/**
 * One it() per vector of shared/vectors/ttlock-lifecycle.json, read from the file at run time.
 * Requests are rebuilt from their inputs with our encoders and compared byte for byte; replies are
 * decoded with our decoders to the expected fields; list exchanges are replayed page by page in order.
 * An unknown vector kind fails, so a vector added to the file cannot be skipped silently.
 */
import { hex, loadVectors, toHex } from '../../helpers/vectors';
import {
  decodeCheckAdminReply,
  decodeCheckRandomReply,
  decodeCheckUserTimeReply,
  decodeFrame,
  decodeFrameHeader,
  decodeInitPasswordsReply,
  decodeListPage,
  decodeLockData,
  decodeLockTimeReply,
  decodeManagePasscodeReply,
  decodeReply,
  decodeTimeCalibrateReply,
  DEFAULT_HEADER,
  encodeCheckAdmin,
  encodeCheckRandom,
  encodeCheckUserTime,
  encodeClearPasscodes,
  encodeDeletePasscode,
  encodeFrame,
  encodeGetLockTime,
  encodeInitPasswords,
  encodeListPasscodes,
  encodeModifyPasscode,
  encodePwdInfo,
  encodeTimeCalibrate,
  FEATURE_MODIFY_PASSCODE,
  hasFeature,
  LIST_END,
  lockDataWithResetTable,
  lockTimeToEpochMs,
  packCodeAndKey,
  PERMANENT_END_MS,
  PERMANENT_START_MS,
  toLockTime,
  type FrameHeader,
  type ListedPasscode,
  type LockData,
  type ResetTable,
} from '../../../plugin/protocol';
import { isLockError } from '../../../plugin/core/errors';

const file = loadVectors('ttlock-lifecycle');
const fixed = file.meta.fixed_inputs;
/**
 * Decoded in a hook, not while the file loads: code run at load time counts for no test, so a
 * mutation run would treat every mutant it reaches (lockData, AES, credentials) as "static" and run
 * it against every test (test/README.md, "Mutation testing").
 */
let lockData: LockData;
beforeAll(() => {
  lockData = decodeLockData(fixed.lockData_string_official_encode);
});
const TZ: number = fixed.lock_timezoneRawOffset_ms;
/** Requests that take lockData.lockVersion's header; every other request uses the canned 5.3.1.1.1 (§1.2). */
const LOCK_VERSION_COMMANDS = [0x41, 0x55, 0x34];

function headerFor(command: number): FrameHeader {
  return LOCK_VERSION_COMMANDS.includes(command) ? lockData.lockVersion : DEFAULT_HEADER;
}

/** "2025-02-01 08:00" lock-local → the 5 wire bytes. */
function wall(text: string): Uint8Array {
  return toLockTime(Date.parse(text.replace(' ', 'T') + ':00Z'), 0);
}

function plainOf(frame: string): Uint8Array {
  return decodeFrame(hex(frame), lockData.aesKey).plaintext;
}

function refusal(fn: () => unknown): { code: string; remoteCode?: number } {
  try {
    fn();
  } catch (err) {
    if (isLockError(err)) return { code: err.code, remoteCode: err.remoteCode };
    throw err;
  }
  throw new Error('expected the decoder to throw');
}

/** "9912010100" = YY MM DD hh mm written as decimal pairs. */
function decimalFields(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) as string[], Number);
}

const PERMANENT_WINDOW = { start: toLockTime(PERMANENT_START_MS, TZ), end: toLockTime(PERMANENT_END_MS, TZ) };

/** Our encoder's plaintext for a request vector (or a request frame inside a sequence). */
function requestPlaintext(command: number, v: any, context: { psFromLock?: number }): Uint8Array {
  const inputs = v.inputs ?? {};
  switch (command) {
    case 0x41:
      return encodeCheckAdmin(lockData);
    case 0x30:
      return encodeCheckRandom(context.psFromLock as number, lockData.unlockKey);
    case 0x55: {
      const window = inputs.start ? { start: decimalFields(inputs.start), end: decimalFields(inputs.end) } : PERMANENT_WINDOW;
      return encodeCheckUserTime({ ...window, lockFlagPos: inputs.lockFlagPos ?? lockData.lockFlagPos, uid: inputs.uid ?? lockData.uid });
    }
    case 0x43:
      return encodeTimeCalibrate(inputs.timestampMs ?? 1717216496000, inputs.timezoneRawOffset ?? TZ);
    case 0x34:
    case 0x01:
      return encodeGetLockTime();
    case 0x07:
      return encodeListPasscodes(inputs.sequence ?? 0);
    case 0x31:
      return encodeInitPasswords(context.psFromLock === undefined ? fixedTable(inputs) : decodedTable(v));
    case 0x03:
      return manageRequest(v);
    default:
      throw new Error(`no encoder for command ${command}`);
  }
}

function manageRequest(v: any): Uint8Array {
  const op = v.plaintext.slice(0, 2);
  if (op === '01') return encodeClearPasscodes();
  if (op === '03') return encodeDeletePasscode(v.inputs.passcode);
  const i = v.inputs;
  const keepWindow = !(i.startMs > 0 && i.endMs > 0);
  const window = keepWindow ? {} : { start: toLockTime(i.startMs, i.timezoneRawOffset), end: toLockTime(i.endMs, i.timezoneRawOffset) };
  if (i.start_lock_local) {
    // The lock-local text and the ms inputs must name the same minutes.
    expect(toHex(window.start as Uint8Array)).toBe(toHex(wall(i.start_lock_local)));
    expect(toHex(window.end as Uint8Array)).toBe(toHex(wall(i.end_lock_local)));
  }
  return encodeModifyPasscode({ originalPasscode: i.originalPasscode, passcode: i.newPasscode === '' ? undefined : i.newPasscode, ...window });
}

function fixedTable(inputs: any): ResetTable {
  return { firstYear: inputs.first_year, entries: inputs.entries.map((e: any) => ({ code: e.code, secretKey: e.secretKey })) };
}

function decodedTable(v: any): ResetTable {
  const d = v.decoded_init_plaintext;
  const entries = d.entries.map((e: any) => ({ code: e.code, secretKey: String(e.secretKey_int).padStart(10, '0') }));
  return { firstYear: 2000 + d.year_byte, entries };
}

function checkRequest(command: number, v: any, expectedPlaintext: string, expectedFrame: string, context = {}): void {
  const plaintext = requestPlaintext(command, v, context);
  expect(toHex(plaintext)).toBe(expectedPlaintext);
  const header = command === 0x34 ? decodeFrameHeader(hex(expectedFrame)).header : headerFor(command);
  expect(toHex(encodeFrame(command, plaintext, lockData.aesKey, header))).toBe(expectedFrame);
}

/** Decodes one lock reply with the decoder for the request it answers; returns what it read. */
function readReply(command: number, frame: string, op?: number): unknown {
  const reply = decodeReply(plainOf(frame));
  switch (command) {
    case 0x41: return decodeCheckAdminReply(reply);
    case 0x55: return decodeCheckUserTimeReply(reply);
    case 0x30: return decodeCheckRandomReply(reply);
    case 0x43: return decodeTimeCalibrateReply(reply);
    case 0x34: return decodeLockTimeReply(reply, TZ);
    case 0x31: return decodeInitPasswordsReply(reply);
    case 0x07: return decodeListPage(reply);
    case 0x03: return decodeManagePasscodeReply(reply, op as number);
    default: return reply;
  }
}

function expectedRecord(r: any): ListedPasscode {
  const entry: ListedPasscode = { type: r.type_ble, passcode: r.passcode, originalPasscode: r.original_passcode, start: fields(r.start_lock_local) };
  if (r.end_lock_local) entry.end = fields(r.end_lock_local);
  if (r.cycle_type !== null) entry.cycleType = r.cycle_type;
  return entry;
}

function fields(text: string) {
  const [y, mo, d, h, mi] = text.split(/[- :]/).map(Number);
  return { year: y, month: mo, day: d, hour: h, minute: mi };
}

/** Android swaps BLE types 1 and 2 into the cloud numbering (§5.3). */
const ANDROID_TYPE: Record<number, number> = { 1: 2, 2: 1, 3: 3, 4: 4 };

function checkListExchange(v: any): void {
  const listed: ListedPasscode[] = [];
  let sequence = 0;
  for (let i = 0; i < v.frames.length; i += 2) {
    const [request, response] = [v.frames[i], v.frames[i + 1]];
    checkRequest(0x07, { inputs: { sequence } }, request.plaintext, request.frame);
    const official = v.official_android_result_minute_precision;
    if (typeof official[0] === 'string') {
      const code = Number(/int=(\d+)/.exec(official[0])![1]);
      expect(refusal(() => readReply(0x07, response.frame))).toEqual({ code: 'LOCK_REPORTED', remoteCode: code });
      return;
    }
    expect(toHex(plainOf(response.frame))).toBe(response.plaintext);
    const page = readReply(0x07, response.frame) as { passcodes: ListedPasscode[]; next: number };
    expect(page.passcodes).toEqual(response.records.map(expectedRecord));
    listed.push(...page.passcodes);
    const last = i + 2 >= v.frames.length;
    expect(page.next === LIST_END).toBe(last);
    sequence = page.next;
  }
  const asAndroid = listed.map((p) => ({
    keyboardPwd: p.originalPasscode,
    newKeyboardPwd: p.passcode,
    startDate: lockTimeToEpochMs(p.start, TZ),
    endDate: p.end ? lockTimeToEpochMs(p.end, TZ) : 0,
    keyboardPwdType: ANDROID_TYPE[p.type],
    cycleType: p.cycleType ?? 0,
  }));
  expect(asAndroid).toEqual(v.official_android_result_minute_precision);
}

function checkSequence(v: any): void {
  let psFromLock: number | undefined;
  let lastCommand = 0;
  for (const f of v.frames) {
    if (f.dir === 'app->lock') {
      lastCommand = parseInt(f.cmd, 16);
      checkRequest(lastCommand, v, f.plaintext, f.frame, { psFromLock });
      continue;
    }
    expect(toHex(plainOf(f.frame))).toBe(f.plaintext);
    const ok = decodeReply(plainOf(f.frame)).ok;
    if (!ok) {
      const err = refusal(() => readReply(lastCommand, f.frame));
      expect(err.code).toBe('LOCK_REPORTED');
      continue;
    }
    const value = readReply(lastCommand, f.frame);
    if (lastCommand === 0x41 || lastCommand === 0x55) psFromLock = value as number;
  }
}

function checkResponse(v: any): void {
  expect(toHex(plainOf(v.frame))).toBe(v.plaintext);
  const e = v.expected_decode;
  const command = parseInt(e.echo, 16);
  const op = e.op_echo === undefined ? undefined : parseInt(e.op_echo, 16);
  if (e.status === '00') {
    expect(refusal(() => readReply(command, v.frame, op))).toEqual({ code: 'LOCK_REPORTED', remoteCode: e.error });
    return;
  }
  const value = readReply(command, v.frame, op) as any;
  if (command === 0x03) expect(value).toEqual({ battery: e.battery });
  if (command === 0x34) {
    expect(value.epochMs).toBe(e.epochMs_at_plus8);
    expect(value.epochMs).toBe(v.official_seconds_floor);
    const { year, month, day, hour, minute, second } = value.fields;
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(`${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}`).toBe(e.lock_local);
  }
}

const byKind: Record<string, (v: any) => void> = {
  'request-frame': (v) => checkRequest(parseInt(v.command, 16), v, v.plaintext, v.frame),
  'response-frame (simulated lock)': checkResponse,
  'request/response sequence': checkSequence,
  'list exchange (requests official, replies simulated)': checkListExchange,
  'response sequence (simulated lock)': (v) => {
    const [fail, query, answer] = v.frames;
    expect(refusal(() => readReply(0x03, fail.frame, 5))).toEqual({ code: 'LOCK_REPORTED', remoteCode: v.expected_final_error });
    expect(toHex(encodeFrame(0x01, encodeGetLockTime(), lockData.aesKey))).toBe(query.frame);
    expect(toHex(plainOf(answer.frame))).toBe(answer.plaintext);
  },
  'client-side rule': (v) => {
    expect(v.frames).toEqual([]);
    expect(hasFeature('1', FEATURE_MODIFY_PASSCODE)).toBe(false);
    expect(hasFeature(fixed.lockData_json.featureValue, FEATURE_MODIFY_PASSCODE)).toBe(true);
    expect(lockData.featureValue).toBe(fixed.lockData_json.featureValue);
  },
  'pwdInfo encoding': (v) => {
    const entries = JSON.parse(v.inputs.pwdInfo_json);
    const table = { firstYear: entries[0].year, entries: entries.map((e: any) => ({ code: e.code, secretKey: e.secretKey })) };
    expect(String(v.inputs.timestamp).padEnd(16, '0')).toBe(v.aes_key_ascii);
    expect(encodePwdInfo(table, v.inputs.timestamp)).toBe(v.pwdInfo);
  },
  unit: (v) => {
    for (const [input, expected] of Object.entries(v.cases)) {
      const [code, secretKey] = input.split('/');
      expect(toHex(packCodeAndKey({ code: Number(code), secretKey }))).toBe(expected);
    }
  },
  'request/response sequence + new lockData': (v) => {
    checkSequence(v);
    const table = decodedTable(v);
    expect(encodePwdInfo(table, v.timestamp)).toBe(v.pwdInfo);
    expect(lockDataWithResetTable(fixed.lockData_string_official_encode, v.pwdInfo, v.timestamp)).toBe(v.new_lockData);
  },
};

describe('ttlock-lifecycle.json known-answer vectors', () => {
  it('has the number of vectors its meta block announces', () => {
    expect(file.vectors).toHaveLength(file.meta.counts.vectors);
  });

  const cases: Array<[string, any]> = file.vectors.map((v: any) => [v.id, v]);
  it.each(cases)('%s', (_id, v) => {
    const check = byKind[v.kind];
    if (!check) throw new Error(`unknown vector kind "${v.kind}"`);
    check(v);
  });
});
