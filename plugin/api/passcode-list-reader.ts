/**
 * Reading the lock's whole passcode list page by page on one login (lifecycle spec §5): what
 * getAllValidPasscode returns and what settles a lost write reply.
 */
import { Code, LockError } from '../core/errors';
import { bytesToHex } from '../core/bytes';
import { CMD_PWD_LIST, decodeListPage, encodeListPasscodes, LIST_END, type ListedPasscode } from '../protocol';
import type { LinkSession } from './link-session';

/** 250 codes at three or more per page need at most 84 pages; anything far beyond is a looping lock. */
const MAX_PAGES = 512;

export async function readAllPasscodes(session: LinkSession): Promise<ListedPasscode[]> {
  const all: ListedPasscode[] = [];
  let sequence = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { passcodes, next } = decodeListPage(await session.adminRequest(CMD_PWD_LIST, encodeListPasscodes(sequence)));
    all.push(...passcodes);
    if (next === LIST_END) return all;
    // The official SDK follows any other value; a value that does not move forward would loop forever.
    if (next <= sequence) throw new LockError(Code.PROTO_UNEXPECTED, `passcode list page at ${sequence} points back to ${next}`);
    sequence = next;
  }
  throw new LockError(Code.PROTO_UNEXPECTED, `passcode list did not end within ${MAX_PAGES} pages`);
}

/** The listed record whose current value is `passcode`. */
export async function findListed(session: LinkSession, passcode: string): Promise<ListedPasscode | undefined> {
  return (await readAllPasscodes(session)).filter((p) => p.passcode === passcode)[0];
}

/** Whether a listed record has exactly this 5-byte lock-local window. */
export function sameWindow(listed: ListedPasscode, start: Uint8Array, end: Uint8Array): boolean {
  const bytes = (t: ListedPasscode['start']) => bytesToHex(Uint8Array.of(t.year - 2000, t.month, t.day, t.hour, t.minute));
  return listed.end !== undefined && bytes(listed.start) === bytesToHex(start) && bytes(listed.end) === bytesToHex(end);
}
