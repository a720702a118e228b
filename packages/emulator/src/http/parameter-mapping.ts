import type { RequestView } from './events';
import type { GatewayResponse } from './responses';
import { evaluate } from './selection';
import type { SelectionSources } from './selection';

/** A request after parameter mapping: its headers, query string and path for the integration. */
export interface MappedRequest extends RequestView {
  /** The path for the integration (without the stage), possibly overwritten. */
  readonly path: string;
}

/**
 * Applies an integration's request parameters [doc]: `append|overwrite|remove:header.<name>`,
 * `append|overwrite|remove:querystring.<name>` and `overwrite:path`. Every value is evaluated
 * against the request as the client sent it, then the changes are made.
 */
export function mapRequest(parameters: Record<string, string>, view: MappedRequest, sources: SelectionSources): MappedRequest {
  const headers = view.headers.map(([n, v]) => [n, v] as [string, string]);
  let query = view.query.map(([n, v]) => [n, v] as [string, string]);
  let path = view.path;
  let queryChanged = false;
  const changes = Object.entries(parameters).map(([key, value]) => ({ key, value: evaluate(value, sources) }));
  for (const { key, value } of changes) {
    const match = /^(append|overwrite|remove):(header|querystring)\.(.+)$/.exec(key);
    if (key === 'overwrite:path') {
      if (value !== undefined) path = value.startsWith('/') ? value : `/${value}`;
      continue;
    }
    if (!match) continue;
    const [, action, where, name] = match;
    if (where === 'header') {
      applyChange(headers, action, name, value, true);
    } else {
      queryChanged = true;
      query = applyChange(query, action, name, value, false);
    }
  }
  const rawQueryString = queryChanged
    ? query.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&')
    : view.rawQueryString;
  return { headers, query, rawQueryString, path };
}

function applyChange(pairs: [string, string][], action: string, name: string, value: string | undefined, caseInsensitive: boolean): [string, string][] {
  const same = (other: string) => (caseInsensitive ? other.toLowerCase() === name.toLowerCase() : other === name);
  if (action === 'remove' || action === 'overwrite') {
    for (let i = pairs.length - 1; i >= 0; i--) if (same(pairs[i][0])) pairs.splice(i, 1);
  }
  if (action !== 'remove' && value !== undefined) pairs.push([name, value]);
  return pairs;
}

/**
 * Applies an integration's response parameters for the response's status code [doc]:
 * `append|overwrite|remove:header.<name>` and `overwrite:statuscode`.
 */
export function mapResponse(parameters: Record<string, Record<string, string>>, response: GatewayResponse, sources: SelectionSources): GatewayResponse {
  const mapping = parameters[String(response.status)];
  if (!mapping) return response;
  const withResponse: SelectionSources = { ...sources, response: { headers: response.headers, body: response.body } };
  const headers = response.headers.map(([n, v]) => [n, v] as [string, string]);
  let status = response.status;
  for (const [key, raw] of Object.entries(mapping)) {
    const value = evaluate(raw, withResponse);
    if (key === 'overwrite:statuscode') {
      const code = Number(value);
      if (Number.isInteger(code) && code >= 100 && code <= 599) status = code;
      continue;
    }
    const match = /^(append|overwrite|remove):header\.(.+)$/.exec(key);
    if (match) applyChange(headers, match[1], match[2], value, true);
  }
  return { status, headers, body: response.body };
}
