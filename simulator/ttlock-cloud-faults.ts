/**
 * Faults the mock TTLock cloud can be told to produce, per path ("/v3/keyboardPwd/add") or on any path,
 * each a given number of times (default once): an injected errcode, HTTP 500, a garbled body, a dropped
 * connection before processing, a lost answer AFTER processing (the "outcome unknown" case), a delay,
 * or a token that dies under the caller.
 */
export type MockTTLockFault =
  | { kind: 'errcode'; errcode: number; on?: string; times?: number }
  | { kind: 'http-500'; on?: string; times?: number }
  | { kind: 'garbled'; on?: string; times?: number }
  | { kind: 'drop'; on?: string; times?: number }
  | { kind: 'lose-answer'; on?: string; times?: number }
  | { kind: 'slow'; delayMs: number; on?: string; times?: number }
  | { kind: 'expire-token'; on?: string };

export interface Faults {
  add(fault: MockTTLockFault): void;
  take(path: string, kinds: MockTTLockFault['kind'][]): MockTTLockFault | undefined;
  /** Answers that replace processing: 'drop', or a status and body. */
  before(path: string): 'drop' | { status: number; text: string } | undefined;
  delay(path: string): number;
}

export function createFaults(): Faults {
  const list: MockTTLockFault[] = [];
  function take(path: string, kinds: MockTTLockFault['kind'][]): MockTTLockFault | undefined {
    const i = list.findIndex((f) => kinds.includes(f.kind) && (f.on === undefined || f.on === path));
    if (i < 0) return undefined;
    const fault = list[i];
    const left = ('times' in fault && fault.times !== undefined ? fault.times : 1) - 1;
    if (left > 0) list[i] = { ...fault, times: left } as MockTTLockFault;
    else list.splice(i, 1);
    return fault;
  }
  return {
    add: (fault) => void list.push(fault),
    take,
    before(path) {
      const f = take(path, ['drop', 'errcode', 'http-500', 'garbled']);
      if (!f) return undefined;
      if (f.kind === 'drop') return 'drop';
      if (f.kind === 'http-500') return { status: 500, text: '<html>500 Internal Server Error</html>' };
      if (f.kind === 'garbled') return { status: 200, text: '{"errcode":0,"list":[' };
      const code = (f as { errcode: number }).errcode;
      return { status: 200, text: JSON.stringify({ errcode: code, errmsg: 'injected', description: 'injected' }) };
    },
    delay(path) {
      const f = take(path, ['slow']);
      return f && f.kind === 'slow' ? f.delayMs : 0;
    },
  };
}
