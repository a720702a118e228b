import type { KeyObject } from 'crypto';
import { keysById } from './jwt';
import type { Jwk } from './jwt';
import type { LocalIssuer } from './local-issuer';

/** Where a JWT authorizer's keys come from. */
export type KeySource =
  /** The emulator's local issuer. */
  | { readonly kind: 'local' }
  /** OpenID discovery at `<url>/.well-known/openid-configuration`, then its `jwks_uri`, as API Gateway does. */
  | { readonly kind: 'discovery'; readonly url: string }
  /** A JWKS document at this URL. */
  | { readonly kind: 'jwks-uri'; readonly url: string }
  /** These keys. */
  | { readonly kind: 'jwks'; readonly keys: Jwk[] };

/** API Gateway's time limit for the discovery and JWKS endpoints [doc: quotas, 1,500 ms]. */
const FETCH_TIMEOUT_MS = 1500;
/** How long fetched keys are used [doc: up to an hour]; an unknown `kid` fetches again sooner. */
const CACHE_MS = 60 * 60 * 1000;
const REFETCH_AFTER_MS = 5000;

/** Fetches and caches the public keys of JWT issuers. */
export class JwksStore {
  private readonly cache = new Map<string, { keys: Map<string, KeyObject>; fetched: number }>();

  constructor(private readonly localIssuer: LocalIssuer, private readonly clock: () => number) {}

  /** The keys of a source; fetched again when `kid` is not among the cached ones. Throws when they cannot be fetched. */
  async keys(source: KeySource, kid: string | undefined): Promise<Map<string, KeyObject>> {
    if (source.kind === 'local') return keysById(this.localIssuer.jwks());
    if (source.kind === 'jwks') return keysById(source.keys);
    const cached = this.cache.get(source.url);
    const now = this.clock();
    if (cached && now - cached.fetched < CACHE_MS && (kid === undefined || cached.keys.has(kid) || now - cached.fetched < REFETCH_AFTER_MS)) {
      return cached.keys;
    }
    const jwksUri = source.kind === 'jwks-uri' ? source.url : await this.discover(source.url);
    const document = await fetchJson(jwksUri);
    const keys = keysById(Array.isArray(document.keys) ? document.keys as Jwk[] : []);
    this.cache.set(source.url, { keys, fetched: now });
    return keys;
  }

  private async discover(issuer: string): Promise<string> {
    const document = await fetchJson(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    if (typeof document.jwks_uri !== 'string') throw new Error(`the discovery document of ${issuer} has no jwks_uri`);
    return document.jwks_uri;
  }
}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const document: unknown = await response.json();
  if (document === null || typeof document !== 'object') throw new Error(`${url} did not answer a JSON object`);
  return document as Record<string, unknown>;
}
