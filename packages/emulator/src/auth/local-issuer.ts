import { createHash, generateKeyPairSync, sign } from 'crypto';
import type { KeyObject } from 'crypto';
import type { Jwk } from './jwt';

/** What a minted token holds. */
export interface MintTokenOptions {
  /**
   * The token's `iss`: the issuer of the JWT authorizer it is for.
   * @default - the issuer of the app's JWT authorizers, when they have one issuer served by the local issuer
   */
  readonly issuer?: string;
  /**
   * The token's `aud`.
   * @default - the first audience of the authorizers with that issuer
   */
  readonly audience?: string | string[];
  /**
   * The scopes granted, written to the `scope` claim (space-separated).
   * @default - no scope claim
   */
  readonly scopes?: string[];
  /**
   * The token's `sub`.
   * @default 'local-user'
   */
  readonly subject?: string;
  /**
   * Seconds until the token expires (`exp`); negative for an expired token.
   * @default 3600
   */
  readonly expiresInSeconds?: number;
  /** More claims; they override the ones above. */
  readonly claims?: Record<string, unknown>;
}

/**
 * The emulator's local OpenID issuer: an RSA key pair made on first use, its JWKS, and tokens
 * signed with it. JWT authorizers whose issuer is served locally take their keys from here
 * instead of the issuer's own `jwks_uri`; the tokens keep the issuer's own `iss`.
 */
export class LocalIssuer {
  private key?: { privateKey: KeyObject; jwk: Jwk };

  /** The public keys, as a JWKS document's `keys`. */
  jwks(): Jwk[] {
    return [this.keyPair().jwk];
  }

  /** Signs a token with RS256. `claims` must include `iss`, `aud` and `exp`. */
  sign(claims: Record<string, unknown>): string {
    const { privateKey, jwk } = this.keyPair();
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: jwk.kid })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  private keyPair(): { privateKey: KeyObject; jwk: Jwk } {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const exported = publicKey.export({ format: 'jwk' }) as { n: string; e: string };
      const kid = createHash('sha256').update(exported.n).digest('base64url').slice(0, 16);
      this.key = { privateKey, jwk: { kty: 'RSA', kid, alg: 'RS256', use: 'sig', n: exported.n, e: exported.e } };
    }
    return this.key;
  }
}
