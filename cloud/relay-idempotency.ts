/**
 * Optional idempotency for relay requests: a request with an `Idempotency-Key` header claims that key
 * for its principal in the shared store (memory or Redis) before anything is sent upstream. A repeat
 * with the same key replays the first answer, waits-and-says-so while the first is still running, and
 * is refused when the body differs. Answers where nothing changed upstream release the key, so a retry
 * can really retry; a success or an unknown outcome stays, so a retry can never make a second change.
 */
import { createHash } from 'node:crypto';
import type { SharedStore } from './stores/shared-store';

export type IdempotencyRecord =
  | { state: 'pending'; fp: string; until: number }
  | { state: 'done'; fp: string; status: number; body: unknown };

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in-progress' }
  | { kind: 'lost' }
  | { kind: 'mismatch' };

/** Letters, digits and `_-.:`, 1 to 128: a UUID fits, and nothing odd reaches the store's key space. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-.:]{1,128}$/;

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A fingerprint of what was asked, without secret fields (a PIN's hash would be easy to reverse). */
export function fingerprint(action: string, intent: object, secretFields: readonly string[]): string {
  const copy = JSON.parse(JSON.stringify(intent)) as { fields?: Record<string, unknown> };
  for (const f of secretFields) if (copy.fields) delete copy.fields[f];
  return sha(`${action}\n${JSON.stringify(copy)}`);
}

export interface Idempotency {
  claim(principal: string, key: string, fp: string, until: number): Promise<Claim>;
  finish(principal: string, key: string, fp: string, status: number, body: unknown): Promise<void>;
  release(principal: string, key: string): Promise<void>;
}

export function createIdempotency(store: SharedStore, ttlMs: number, now: () => number): Idempotency {
  const keyOf = (principal: string, key: string) => `idem:${sha(principal)}:${sha(key)}`;
  return {
    async claim(principal, key, fp, until) {
      const k = keyOf(principal, key);
      const pending: IdempotencyRecord = { state: 'pending', fp, until };
      if (await store.setIfAbsent(k, JSON.stringify(pending), ttlMs)) return { kind: 'claimed' };
      let rec: IdempotencyRecord;
      try {
        rec = JSON.parse((await store.get(k)) ?? 'null');
      } catch {
        return { kind: 'in-progress' };
      }
      if (!rec) return { kind: 'in-progress' }; // released or expired a moment ago: the caller may retry
      if (rec.fp !== fp) return { kind: 'mismatch' };
      if (rec.state === 'done') return { kind: 'replay', status: rec.status, body: rec.body };
      return now() > rec.until ? { kind: 'lost' } : { kind: 'in-progress' };
    },
    async finish(principal, key, fp, status, body) {
      const rec: IdempotencyRecord = { state: 'done', fp, status, body };
      await store.set(keyOf(principal, key), JSON.stringify(rec), ttlMs);
    },
    async release(principal, key) {
      const k = keyOf(principal, key);
      const text = await store.get(k);
      if (text) await store.deleteIfEquals(k, text);
    },
  };
}
