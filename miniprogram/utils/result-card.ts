/**
 * The result card both demo pages show under their form: a title, a few lines, and for failures the
 * error code, the official message, lockwire's description and what the user can do about it: one
 * short instruction per error code, in Chinese and English. Codes are the official TTLock plugin
 * numbers lockwire returns (README, error-code table); lock-reported codes (below 256) are the lock's.
 */

const ADVICE: Record<number, string> = {
  1: '通信受干扰，请重试。 The reply was garbled (CRC); try again.',
  2: '这把钥匙不是管理员钥匙。 This eKey is not an admin key; use the admin eKey.',
  3: '管理员校验失败：请重新获取 lockData。 The lock refused the admin check; fetch the lockData again.',
  10: '门锁电量耗尽，请更换电池。 The lock\'s battery is empty; replace the batteries.',
  13: '钥匙已失效（锁被重置过）：请重新获取 lockData。 The eKey was invalidated (lock reset); fetch a fresh lockData.',
  15: '密码须为 4–9 位数字。 The passcode must be 4 to 9 digits.',
  20: '锁上已有这个密码：换一个，或保留现有的。 The lock already has this passcode: choose another one, or keep it.',
  22: '锁的密码存储已满：先在 TTLock 应用中删除不用的密码。 The lock\'s passcode memory is full: delete unused passcodes in the TTLock app first.',
  27: '锁不接受这个指令或参数：检查日期是否在 2000–2099 年内。 The lock rejected the command; check the dates are within 2000–2099.',
  32: '参数无效：检查开始和结束时间。 Invalid parameter: check the start and end times.',
  10001: '锁可能已被重置：请在 TTLock 中重新添加门锁并获取新的 lockData。 The lock may have been reset: add it again in TTLock and use the new lockData.',
  10002: '连接超时：靠近门锁后重试。 Connecting timed out: move closer to the lock and retry.',
  10003: '蓝牙连接中断。若在写入时断开，密码可能已保存：重试，若返回 20 说明第一次已成功。 The Bluetooth link dropped. If it dropped while writing, the passcode may be stored: retry, and a 20 (already exists) means the first attempt worked.',
  10005: 'lockData 无效：从 TTLock 云端（/v3/key/list）重新获取，不要手动修改。 The lockData is invalid: fetch it again from the TTLock cloud (/v3/key/list) and do not edit it.',
  10012: '请打开手机蓝牙。 Turn on the phone\'s Bluetooth.',
  10017: '门锁没有回应：触摸键盘唤醒门锁后重试。 The lock did not answer: touch its keypad to wake it and retry.',
  10022: '操作已取消。 The operation was cancelled.',
  10039: '请在设置中允许小程序使用蓝牙。 Allow this mini-program to use Bluetooth in its settings.',
  10302: '网络请求失败：检查中继地址，以及插件的 request 合法域名。 The request failed: check the relay URL and the plugin\'s request domain list.',
  10305: '中继返回了异常的 HTTP 状态：查看中继日志。 The relay answered with an HTTP error: check the relay\'s log.',
  10307: '中继或涂鸦云返回了错误码（见上方说明）。 The relay or the Tuya cloud returned an error code (see the description above).',
  10404: '没有找到门锁：站到门锁旁，触摸键盘唤醒它后重试。 The lock was not found: stand next to it, touch the keypad to wake it, and retry.',
  10503: '蓝牙连接失败：重试，仍失败则关闭再打开蓝牙。 The connection failed: retry; if it keeps failing, turn Bluetooth off and on.',
  11002: '当前设备不支持蓝牙：请在手机上使用。 This device has no Bluetooth support: use a phone.',
  11003: '参数有误：按说明修改标出的字段。 Invalid input: fix the field named in the description.',
  11005: '需要管理员钥匙（userType 110301）。 This needs an admin eKey (userType 110301).',
};

/** Codes that all mean "the Bluetooth link did not work out"; the same advice fits them. */
const LINK_CODES = [10018, 10033, 10508, 10513, 13007, 13008];

const FALLBACK = '请重试；仍失败请记下错误码联系支持。 Try again; if it keeps failing, note the code and contact support.';

export function adviceFor(errorCode: number): string {
  if (ADVICE[errorCode]) return ADVICE[errorCode];
  if (LINK_CODES.includes(errorCode)) return ADVICE[10503];
  return FALLBACK;
}

export interface ResultCard {
  ok: boolean;
  title: string;
  lines: string[];
  /** Empty on success. */
  advice: string;
}

/** The part of a plugin result (TTLockError shape) that a failure card needs. */
export interface FailureLike {
  errorCode: number;
  errorMsg: string;
  description: string;
}

export function successCard(title: string, lines: string[]): ResultCard {
  return { ok: true, title: `✓ ${title}`, lines, advice: '' };
}

export function failureCard(result: FailureLike): ResultCard {
  const lines = [`错误码 Error code: ${result.errorCode}`, result.errorMsg];
  if (result.description && result.description !== result.errorMsg) lines.push(result.description);
  return {
    ok: false,
    title: `✗ 失败 Failed (${result.errorCode})`,
    lines,
    advice: adviceFor(result.errorCode),
  };
}

/** A battery figure as the card shows it, or '' when the lock did not report one. */
export function batteryLine(electricQuantity: number | undefined): string {
  return typeof electricQuantity === 'number' ? `电量 Battery: ${electricQuantity}%` : '';
}
