import { createPublicKey, verify as verifySignature } from 'crypto';
import type { JsonWebKey, KeyObject } from 'crypto';

/** A JSON Web Key, as a JWKS document lists it. */
export interface Jwk {
  readonly kty: string;
  readonly kid?: string;
  readonly alg?: string;
  readonly use?: string;
  readonly n?: string;
  readonly e?: string;
}

/** What a JWT authorizer checks a token against. */
export interface JwtExpectations {
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Now, epoch ms. */
  readonly now: number;
}

/** The outcome of checking a token. */
export type JwtCheck =
  | { readonly valid: true; readonly claims: Record<string, unknown> }
  | { readonly valid: false; readonly reason: string; readonly audience?: boolean };

/** API Gateway accepts only RSA signatures [doc: "Currently, only RSA-based algorithms are supported"]. */
const ALGORITHMS: Record<string, string> = { RS256: 'RSA-SHA256', RS384: 'RSA-SHA384', RS512: 'RSA-SHA512' };

function decodePart(part: string): Record<string, unknown> | undefined {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** Public keys by key id, from a JWKS document's keys. */
export function keysById(jwks: readonly Jwk[]): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  for (const jwk of jwks) {
    if (jwk.kty !== 'RSA' || !jwk.kid || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
    try {
      keys.set(jwk.kid, createPublicKey({ key: jwk as unknown as JsonWebKey, format: 'jwk' }));
    } catch {
      // A malformed key is skipped: a token signed with it fails as with an unknown key id.
    }
  }
  return keys;
}

/** The `kid` of a token's header, or undefined when the token cannot be decoded. */
export function keyIdOf(token: string): string | undefined {
  try {
    const kid = decodePart(token.split('.')[0])?.kid;
    return typeof kid === 'string' ? kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks a token as an HTTP API JWT authorizer does [doc: http-api-jwt-authorizer]: an RSA
 * signature by a key of the issuer's JWKS named by the header's `kid`, `iss` equal to the
 * issuer, `aud` or `client_id` matching an audience, `exp` in the future, `nbf` and `iat` in
 * the past (no clock skew).
 */
export function checkJwt(token: string, keys: Map<string, KeyObject>, expected: JwtExpectations): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { valid: false, reason: 'the token is not a JWS compact serialization' };
  let header: Record<string, unknown> | undefined;
  let claims: Record<string, unknown> | undefined;
  try {
    header = decodePart(parts[0]);
    claims = decodePart(parts[1]);
  } catch {
    return { valid: false, reason: 'the token cannot be decoded' };
  }
  if (!header || !claims) return { valid: false, reason: 'the token\'s header or claims are not a JSON object' };
  const algorithm = ALGORITHMS[String(header.alg)];
  if (!algorithm) return { valid: false, reason: `the signing algorithm ${JSON.stringify(header.alg)} is not RSA (RS256, RS384, RS512)` };
  const key = typeof header.kid === 'string' ? keys.get(header.kid) : undefined;
  if (!key) return { valid: false, reason: `no key of the issuer's JWKS has the token's kid ${JSON.stringify(header.kid)}` };
  const signed = verifySignature(algorithm, Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2], 'base64url'));
  if (!signed) return { valid: false, reason: 'the signature is not valid' };
  if (claims.iss !== expected.issuer) return { valid: false, reason: `the issuer ${JSON.stringify(claims.iss)} is not ${expected.issuer}` };
  const audiences = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
  if (!audiences.some((aud: unknown) => expected.audience.includes(String(aud))) && !expected.audience.includes(String(claims.client_id))) {
    return { valid: false, reason: 'the token does not have a valid audience', audience: true };
  }
  const seconds = expected.now / 1000;
  if (typeof claims.exp !== 'number') return { valid: false, reason: 'the token has no exp claim' };
  if (claims.exp <= seconds) return { valid: false, reason: 'the token has expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > seconds) return { valid: false, reason: 'the token is not valid yet (nbf)' };
  if (typeof claims.iat === 'number' && claims.iat > seconds) return { valid: false, reason: 'the token was issued in the future (iat)' };
  return { valid: true, claims };
}

/** The scopes a token grants: `scope` (space-separated) or `scp` (a list, or space-separated). */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const scopes: string[] = [];
  for (const value of [claims.scope, claims.scp]) {
    if (typeof value === 'string') scopes.push(...value.split(' ').filter(s => s !== ''));
    else if (Array.isArray(value)) scopes.push(...value.map(String));
  }
  return scopes;
}

/**
 * Claims as API Gateway hands them to integrations [obs]: every value a string, arrays as
 * `[a b c]`, objects as `map[key:value]` with sorted keys [unverified], null values left out.
 */
export function renderClaims(claims: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    const rendered = renderClaim(value);
    if (rendered !== undefined) out[name] = rendered;
  }
  return out;
}

function renderClaim(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return `[${value.map(item => renderClaim(item) ?? '<nil>').join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${renderClaim(v) ?? '<nil>'}`).join(' ')}]`;
  }
  return String(value);
}
