/** Formatting of the demo transcript: one labelled line per fact, indented continuation lines. */
import type { PasscodeEntry, VirtualLock } from '../../simulator';

const LABEL_WIDTH = 10;

export function line(label: string, text: string): void {
  console.log(`${label.padEnd(LABEL_WIDTH)}${text}`);
}

export function more(text: string): void {
  console.log(`${' '.repeat(LABEL_WIDTH)}${text}`);
}

export function heading(text: string): void {
  console.log('');
  console.log(`== ${text}`);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

type LockTime = PasscodeEntry['start'];

export function lockTimeText(t: LockTime): string {
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)} ${pad2(t.hour)}:${pad2(t.minute)}`;
}

export function utcOffsetText(rawOffsetMs: number): string {
  const minutes = Math.round(rawOffsetMs / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${pad2(abs % 60)}` : ''}`;
}

export function describeLock(lock: VirtualLock, platform: string): string {
  return (
    `${lock.name}  ${lock.mac}  (${platform}, battery ${lock.battery}%, ` +
    `clock ${utcOffsetText(lock.timezoneRawOffset)}, ${lock.passcodes().length}/${lock.capacity} passcodes stored)`
  );
}

const TYPE_NAMES: Record<number, string> = { 1: 'permanent', 2: 'one-time', 3: 'period' };

export function printStore(lock: VirtualLock): void {
  const stored = lock.passcodes();
  line('lock', `now stores ${stored.length} passcode${stored.length === 1 ? '' : 's'} (in the lock's own time):`);
  for (const p of stored) {
    const window = p.end ? `${lockTimeText(p.start)} -> ${lockTimeText(p.end)}` : `from ${lockTimeText(p.start)}`;
    more(`${p.passcode.padEnd(10)}${(TYPE_NAMES[p.type] ?? `type ${p.type}`).padEnd(11)}${window}`);
  }
}
