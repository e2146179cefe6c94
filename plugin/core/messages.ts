/**
 * errorMsg texts for the official codes, in Chinese like the official plugin (ttlock-plugin-api.md §1).
 * Kept apart from the error class so the class stays small and the table stays reviewable.
 */
const MESSAGES: Record<number, string> = {
  0: '成功',
  1: '通信错误（CRC 校验失败），请重试',
  2: '不是管理员，没有权限',
  3: '管理员校验失败',
  5: '锁处于设置模式',
  6: '锁没有管理员',
  10: '电量耗尽',
  13: '钥匙无效（lockFlagPos 过低，钥匙已被重置）',
  14: '钥匙已过期',
  15: '密码长度无效，须为 4–9 位数字',
  16: '管理员密码与删除密码相同',
  18: '用户未登录（未通过管理员校验）',
  19: '操作失败或锁不支持该操作',
  20: '密码已存在',
  21: '密码不存在',
  22: '存储空间不足',
  27: '无效指令',
  28: '锁已冻结',
  32: '参数无效',
  10001: '锁可能已被重置，请重新添加',
  10002: '蓝牙连接超时，请确认设备在附近',
  10003: '设备已断开连接',
  10005: '无效的钥匙数据（lockData）',
  10009: '插件不支持该设备类型',
  10012: '请打开系统蓝牙开关',
  10014: '请在 iOS 设置中允许微信使用蓝牙',
  10015: '请允许微信使用位置信息（Android 扫描蓝牙需要）',
  10017: '设备通信超时，无响应',
  10018: '蓝牙特征值不存在',
  10022: '操作已中断',
  10030: '打开蓝牙适配器失败',
  10033: '数据发送失败',
  10034: '数据解析失败',
  10039: '用户拒绝了蓝牙授权（scope.bluetooth）',
  10041: '开始扫描蓝牙设备失败',
  10302: '网络请求失败，请检查域名白名单',
  10305: '网络请求失败，HTTP 状态码异常',
  10307: '服务器返回错误码',
  10404: '扫描超时，未找到设备',
  10503: '蓝牙连接失败，请重试',
  10508: '无法启用蓝牙特征值通知',
  10513: '蓝牙服务不存在',
  11002: '当前平台不支持蓝牙',
  11003: '参数错误',
  11005: '非管理员用户无法执行此操作',
  13007: '获取蓝牙服务失败',
  13008: '获取蓝牙特征值失败',
  99999: '操作失败',
};

export function officialMessage(code: number): string {
  return MESSAGES[code] ?? `操作失败（错误码 ${code}）`;
}

/** True for a code in the official table (lets the log keep error codes while masking other numbers). */
export function isOfficialCode(code: number): boolean {
  return Object.prototype.hasOwnProperty.call(MESSAGES, code);
}
