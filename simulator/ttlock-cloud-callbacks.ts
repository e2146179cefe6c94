/**
 * The mock cloud's callbacks (ttlock-cloud-api.md §7, §11.10): a form-encoded POST to the application's
 * callback URL, answered by the raw body `success`. TTLock documents no signature and no retry policy,
 * so attempts and the pause between them are options here. Every attempt is logged for tests to read.
 */
import * as http from 'node:http';
import * as https from 'node:https';

export interface MockCallbackOptions {
  /** The application's callback URL (http: or https:); none = no callbacks are sent. */
  url?: string;
  /** Attempts per callback until one is answered `success`; default 1 (the real policy is undocumented). */
  attempts?: number;
  pauseMs?: number;
  /** Per-attempt timeout; default 5000 ms. */
  timeoutMs?: number;
  /** Extra CA for an https receiver. */
  ca?: string;
}

export interface MockCallbackRecord {
  notifyType: number;
  /** The form fields as sent. */
  fields: Record<string, string>;
  attempts: number;
  /** Whether the receiver answered `success`. */
  delivered: boolean;
}

export interface MockCallbacks {
  /** POSTs one callback, with retries; resolves when it was delivered or the attempts ran out. */
  send(notifyType: number, fields: Record<string, string | number>): Promise<MockCallbackRecord | undefined>;
  sent: MockCallbackRecord[];
}

function postOnce(url: URL, body: string, o: MockCallbackOptions): Promise<string> {
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
        timeout: o.timeoutMs ?? 5000,
        ...(o.ca ? { ca: o.ca } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks).toString('utf8') : `HTTP ${res.statusCode}`));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('callback timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export function createMockCallbacks(o: MockCallbackOptions, sleep: (ms: number) => Promise<void>): MockCallbacks {
  const sent: MockCallbackRecord[] = [];
  return {
    sent,
    async send(notifyType, fields) {
      if (!o.url) return undefined;
      const form = Object.fromEntries(Object.entries({ notifyType, ...fields }).map(([k, v]) => [k, String(v)]));
      const record: MockCallbackRecord = { notifyType, fields: form, attempts: 0, delivered: false };
      sent.push(record);
      const body = new URLSearchParams(form).toString();
      for (let attempt = 1; attempt <= Math.max(1, o.attempts ?? 1); attempt++) {
        if (attempt > 1) await sleep(o.pauseMs ?? 1000);
        record.attempts = attempt;
        try {
          if ((await postOnce(new URL(o.url), body, o)).trim() === 'success') {
            record.delivered = true;
            break;
          }
        } catch {
          // an unreachable receiver counts as a failed attempt
        }
      }
      return record;
    },
  };
}
