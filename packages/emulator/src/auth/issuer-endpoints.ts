import type { IncomingMessage, RequestListener, ServerResponse } from 'http';
import type { LocalIssuer, MintTokenOptions } from './local-issuer';

/**
 * The local issuer's HTTP endpoints: OpenID discovery (`/.well-known/openid-configuration`), its
 * JWKS (`/.well-known/jwks.json`) and `POST /token`, which answers a token for the JSON
 * `MintTokenOptions` of its body.
 */
export function issuerEndpoints(issuer: { url: () => string; issuer: LocalIssuer; mint: (options: MintTokenOptions) => string }): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = (req.url ?? '/').split('?')[0];
    const base = issuer.url();
    if (req.method === 'GET' && url === '/.well-known/openid-configuration') {
      send(200, {
        issuer: base,
        jwks_uri: `${base}/.well-known/jwks.json`,
        token_endpoint: `${base}/token`,
        response_types_supported: ['token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    } else if (req.method === 'GET' && url === '/.well-known/jwks.json') {
      send(200, { keys: issuer.issuer.jwks() });
    } else if (req.method === 'POST' && url === '/token') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          const options = (text.trim() === '' ? {} : JSON.parse(text)) as MintTokenOptions;
          send(200, { access_token: issuer.mint(options), token_type: 'Bearer', expires_in: options.expiresInSeconds ?? 3600 });
        } catch (e) {
          send(400, { message: (e as Error).message });
        }
      });
    } else {
      send(404, { message: 'Not Found' });
    }
  };
}
