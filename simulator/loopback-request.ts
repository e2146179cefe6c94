/**
 * `wx.request` as the mini-program runtime behaves, on top of node:http: it sends the JSON body,
 * parses a JSON answer (or hands over the raw text), calls success for any HTTP status and fail only
 * when no answer arrived. Used by the demo and the tests to reach a relay on 127.0.0.1.
 */
import * as http from 'node:http';

export interface WxRequestOption {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  timeout?: number;
  success?: (res: { statusCode: number; data: unknown; header: http.IncomingHttpHeaders }) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: () => void;
}

export interface LoopbackRequest {
  (option: WxRequestOption): { abort(): void };
  /** How many requests were sent. */
  count(): number;
}

export function createLoopbackRequest(): LoopbackRequest {
  let sent = 0;
  const request = (o: WxRequestOption) => {
    sent++;
    const body = o.data === undefined ? '' : typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
    const headers = { ...(o.header ?? {}), 'content-length': String(Buffer.byteLength(body)) };
    const req = http.request(o.url, { method: o.method ?? 'GET', headers, timeout: o.timeout ?? 60_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // wx hands over the raw string when the body is not JSON
        }
        o.success?.({ statusCode: res.statusCode ?? 0, data, header: res.headers });
        o.complete?.();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => {
      o.fail?.({ errMsg: `request:fail ${e.message}` });
      o.complete?.();
    });
    req.end(body);
    return { abort: () => req.destroy(new Error('abort')) };
  };
  return Object.assign(request, { count: () => sent });
}
