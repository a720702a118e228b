import * as http from 'http';
import * as https from 'https';
import type { GatewayResponse } from './responses';

/** Hop-by-hop headers, which a proxy does not forward. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

export type ForwardResult =
  | { readonly ok: true; readonly response: GatewayResponse }
  | { readonly ok: false; readonly timedOut: boolean; readonly message: string };

/**
 * Sends a request on to an HTTP backend and returns its response as it is (status, headers,
 * body), as an HTTP_PROXY integration does [doc]. The `Host` header becomes the backend's;
 * hop-by-hop headers are dropped [unverified: which headers API Gateway adds or drops].
 */
export function forward(url: URL, method: string, headers: ReadonlyArray<readonly [string, string]>, body: Buffer, timeoutMs: number): Promise<ForwardResult> {
  return new Promise(resolve => {
    const outgoing: [string, string][] = headers.filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())).map(([n, v]) => [n, v]);
    outgoing.push(['host', url.host]);
    if (body.length > 0) outgoing.push(['content-length', String(body.length)]);
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const done = (result: ForwardResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const req = client.request(url, { method, headers: outgoing.flat() as unknown as http.OutgoingHttpHeaders, setHost: false }, res => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const responseHeaders: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (!HOP_BY_HOP.has(res.rawHeaders[i].toLowerCase())) responseHeaders.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        }
        done({ ok: true, response: { status: res.statusCode ?? 502, headers: responseHeaders, body: Buffer.concat(chunks) } });
      });
      res.on('error', error => done({ ok: false, timedOut: false, message: error.message }));
    });
    req.setTimeout(timeoutMs, () => {
      done({ ok: false, timedOut: true, message: `no response within ${timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', error => done({ ok: false, timedOut: false, message: error.message }));
    req.end(body);
  });
}
