import type { ApiModel } from './assembly/model';

/**
 * Replaces the execute-api URLs of served APIs (`https://`, and `wss://` of WebSocket APIs) with
 * their local listeners' URLs: functions that call their own APIs, or post to their connections
 * at a stage's `callbackUrl`, reach the emulator.
 */
export function localUrls(value: string, served: ReadonlyArray<readonly [ApiModel, string]>): string {
  if (!value.includes('.execute-api.')) return value;
  let out = value;
  for (const [api, url] of served) {
    const host = `${api.id}.execute-api.${api.region}.amazonaws.com`;
    out = out.split(`https://${host}`).join(url).split(`wss://${host}`).join(url.replace(/^http/, 'ws'));
  }
  return out;
}

/**
 * The hosts functions reach the served APIs at over HTTPS, and the local listener each goes to
 * over plain HTTP: the listener's own `host:port` (as handlers build it from
 * `requestContext.domainName`), with `localhost` and `127.0.0.1`, and the API's execute-api host
 * name on port 443.
 */
export function localHttpsHosts(served: ReadonlyArray<readonly [ApiModel, string]>): Record<string, string> {
  const hosts: Record<string, string> = {};
  for (const [api, url] of served) {
    const { hostname, port } = new URL(url);
    for (const host of new Set([hostname, '127.0.0.1', 'localhost', '[::1]'])) hosts[`${host}:${port}`] = url;
    hosts[`${api.id}.execute-api.${api.region}.amazonaws.com:443`] = url;
  }
  return hosts;
}
