// JWT authorizers with real signature checks: the local issuer (discovery, JWKS, tokens), a
// configured JWKS URL, the checks API Gateway makes, scopes, and claims as integrations see them.
import { generateKeyPairSync, sign } from 'crypto';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { HttpApi, HttpMethod, PayloadFormatVersion } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { curl, ECHO_HANDLER, echoedEvent, inlineFunction, stubServer, synth } from './util';

const ISSUER = 'https://auth.example.com';
const OTHER_ISSUER = 'https://other.example.com';
const OFFLINE_ISSUER = 'https://offline.example.com';

/** A key pair of the test's own, served as a JWKS by a stub: an issuer the emulator does not know. */
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherJwk = { ...otherKey.publicKey.export({ format: 'jwk' }), kid: 'other-1', alg: 'RS256', use: 'sig' };

function signWith(privateKey: typeof otherKey.privateKey, header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), privateKey).toString('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
let emulator: Emulator;
let jwksHost: Awaited<ReturnType<typeof stubServer>>;

beforeAll(async () => {
  jwksHost = await stubServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [otherJwk] }));
  });
  const assembly = synth(stack => {
    const echo = inlineFunction(stack, 'Echo', ECHO_HANDLER);
    const api = new HttpApi(stack, 'Api');
    const jwt = new HttpJwtAuthorizer('Jwt', ISSUER, { jwtAudience: ['app', 'other-app'] });
    api.addRoutes({ path: '/private', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Private', echo), authorizer: jwt });
    api.addRoutes({ path: '/write', methods: [HttpMethod.POST], integration: new HttpLambdaIntegration('Write', echo), authorizer: jwt, authorizationScopes: ['books:write', 'admin'] });
    api.addRoutes({
      path: '/v1/private', methods: [HttpMethod.GET], authorizer: jwt,
      integration: new HttpLambdaIntegration('PrivateV1', echo, { payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 }),
    });
    const byQuery = new HttpJwtAuthorizer('ByQuery', ISSUER, { jwtAudience: ['app'], identitySource: ['$request.querystring.token'] });
    api.addRoutes({ path: '/query', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Query', echo), authorizer: byQuery });
    const other = new HttpJwtAuthorizer('Other', OTHER_ISSUER, { jwtAudience: ['app'] });
    api.addRoutes({ path: '/other', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('OtherRoute', echo), authorizer: other });
    const offline = new HttpJwtAuthorizer('Offline', OFFLINE_ISSUER, { jwtAudience: ['app'] });
    api.addRoutes({ path: '/offline', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('OfflineRoute', echo), authorizer: offline });
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Web');
    api.addRoutes({
      path: '/pool', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('PoolRoute', echo),
      authorizer: new HttpUserPoolAuthorizer('PoolAuth', pool, { userPoolClients: [client] }),
    });
  });
  emulator = await emulate({
    assembly,
    localIssuer: true,
    jwks: { [OTHER_ISSUER]: `${jwksHost.url}/jwks.json`, [OFFLINE_ISSUER]: 'http://127.0.0.1:9/jwks.json' },
  });
});

afterAll(async () => {
  await emulator?.close();
  await jwksHost?.close();
});

const get = (path: string, token?: string, init: RequestInit = {}) => fetch(`${emulator.url()}${path}`, {
  ...init,
  headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
});

test('the local issuer serves OpenID discovery, its JWKS and tokens over HTTP', async () => {
  const discovery: any = await (await fetch(`${emulator.issuerUrl}/.well-known/openid-configuration`)).json();
  expect(discovery.jwks_uri).toBe(`${emulator.issuerUrl}/.well-known/jwks.json`);
  const jwks: any = await (await fetch(discovery.jwks_uri)).json();
  expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })]);
  const minted = await curl(['-X', 'POST', `${emulator.issuerUrl}/token`, '--data', JSON.stringify({ issuer: ISSUER, audience: 'app' })]);
  const token = JSON.parse(minted.body).access_token;
  expect((await get('/private', token)).status).toBe(200);
});

test('a valid token passes; its claims reach the integration as strings, as API Gateway renders them', async () => {
  const token = emulator.mintToken({
    issuer: ISSUER,
    subject: 'user-1',
    claims: { 'cognito:groups': ['admin', 'poweruser'], 'email_verified': true, 'level': 3, 'address': { city: 'Oslo', zip: '0150' }, 'nickname': null },
  });
  const event = await echoedEvent(await get('/private', token));
  expect(event.requestContext.authorizer).toEqual({
    jwt: {
      claims: {
        'iss': ISSUER,
        'sub': 'user-1',
        'aud': 'app',
        'iat': expect.stringMatching(/^\d{10}$/),
        'exp': expect.stringMatching(/^\d{10}$/),
        'cognito:groups': '[admin poweruser]',
        'email_verified': 'true',
        'level': '3',
        'address': 'map[city:Oslo zip:0150]',
      },
      scopes: null,
    },
  });
});

test('no token, a token of another key, a tampered token, another issuer: 401 Unauthorized', async () => {
  const missing = await get('/private');
  expect([missing.status, await missing.text(), missing.headers.get('www-authenticate')]).toEqual([401, '{"message":"Unauthorized"}', 'Bearer']);

  const foreign = signWith(otherKey.privateKey, { alg: 'RS256', kid: 'other-1' }, { iss: ISSUER, aud: 'app', exp: now() + 60 });
  expect((await get('/private', foreign)).status).toBe(401);
  expect(emulator.requests[emulator.requests.length - 1].authorizer).toMatch(/no key of the issuer's JWKS has the token's kid "other-1"/);

  const [header, , signature] = emulator.mintToken({ issuer: ISSUER }).split('.');
  const tampered = `${header}.${Buffer.from(JSON.stringify({ iss: ISSUER, aud: 'app', exp: now() + 60, sub: 'admin' })).toString('base64url')}.${signature}`;
  expect((await get('/private', tampered)).status).toBe(401);
  expect(emulator.requests[emulator.requests.length - 1].authorizer).toMatch(/the signature is not valid/);

  const wrongIssuer = emulator.mintToken({ issuer: ISSUER, claims: { iss: 'https://evil.example.com' } });
  expect((await get('/private', wrongIssuer)).status).toBe(401);
  const unsigned = `${Buffer.from('{"alg":"HS256","kid":"x"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ISSUER, aud: 'app', exp: now() + 60 })).toString('base64url')}.c2ln`;
  expect((await get('/private', unsigned)).status).toBe(401);
  expect(emulator.requests[emulator.requests.length - 1].authorizer).toMatch(/not RSA/);
});

test('audience: aud or client_id must be one of the audiences; only that failure has an error_description', async () => {
  const wrong = await get('/private', emulator.mintToken({ issuer: ISSUER, audience: 'someone-else' }));
  expect(wrong.status).toBe(401);
  expect(wrong.headers.get('www-authenticate')).toBe('Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"');
  const listed = await get('/private', emulator.mintToken({ issuer: ISSUER, audience: ['x', 'other-app'] }));
  expect(listed.status).toBe(200);
  const clientId = await get('/private', emulator.mintToken({ issuer: ISSUER, claims: { aud: undefined, client_id: 'app' } }));
  expect(clientId.status).toBe(200);
});

test('expiry, not-before and issued-at are checked against the clock, without skew', async () => {
  expect((await get('/private', emulator.mintToken({ issuer: ISSUER, expiresInSeconds: -1 }))).status).toBe(401);
  expect(emulator.requests[emulator.requests.length - 1].authorizer).toMatch(/expired/);
  expect((await get('/private', emulator.mintToken({ issuer: ISSUER, claims: { nbf: now() + 120 } }))).status).toBe(401);
  expect((await get('/private', emulator.mintToken({ issuer: ISSUER, claims: { iat: now() + 120 } }))).status).toBe(401);
});

test('scopes: a route with scopes needs one of them (scope or scp), else 403 Forbidden; the scopes reach the event', async () => {
  const none = await get('/write', emulator.mintToken({ issuer: ISSUER, scopes: ['books:read'] }), { method: 'POST' });
  expect([none.status, await none.text()]).toEqual([403, '{"message":"Forbidden"}']);
  const scoped = await echoedEvent(await get('/write', emulator.mintToken({ issuer: ISSUER, scopes: ['books:read', 'books:write'] }), { method: 'POST' }));
  expect(scoped.requestContext.authorizer.jwt.scopes).toEqual(['books:read', 'books:write']);
  expect(scoped.requestContext.authorizer.jwt.claims.scope).toBe('books:read books:write');
  const scp = await get('/write', emulator.mintToken({ issuer: ISSUER, claims: { scp: ['admin'] } }), { method: 'POST' });
  expect(scp.status).toBe(200);
});

test('payload 1.0 has the claims and scopes under requestContext.authorizer', async () => {
  const event = await echoedEvent(await get('/v1/private', emulator.mintToken({ issuer: ISSUER, subject: 'v1-user' })));
  expect(event.requestContext.authorizer).toEqual({ claims: expect.objectContaining({ sub: 'v1-user', aud: 'app' }), scopes: null });
});

test('the token may come from a query string identity source, without the Bearer prefix', async () => {
  const token = emulator.mintToken({ issuer: ISSUER });
  expect((await fetch(`${emulator.url()}/query?token=${token}`)).status).toBe(200);
  expect((await fetch(`${emulator.url()}/query`)).status).toBe(401);
});

test('an issuer served from a configured JWKS URL: tokens signed with its keys pass', async () => {
  const token = signWith(otherKey.privateKey, { alg: 'RS256', kid: 'other-1', typ: 'JWT' }, { iss: OTHER_ISSUER, aud: 'app', exp: now() + 60, sub: 'elsewhere' });
  const event = await echoedEvent(await get('/other', token));
  expect(event.requestContext.authorizer.jwt.claims.sub).toBe('elsewhere');
  expect(jwksHost.requests.map(r => r.url)).toContain('/jwks.json');
  // The local issuer's tokens are not the other issuer's.
  expect((await get('/other', emulator.mintToken({ issuer: OTHER_ISSUER }))).status).toBe(401);
});

test('keys that cannot be fetched: 401, and the log says how to run offline', async () => {
  const token = signWith(otherKey.privateKey, { alg: 'RS256', kid: 'other-1' }, { iss: OFFLINE_ISSUER, aud: 'app', exp: now() + 60 });
  expect((await get('/offline', token)).status).toBe(401);
  expect(emulator.requests[emulator.requests.length - 1].authorizer).toMatch(/cannot be fetched .*--local-issuer/);
});

test('a Cognito user pool authorizer: the issuer built from the pool resolves, tokens carry the client id', async () => {
  const route = emulator.apis[0].routes.find(r => r.key === 'GET /pool')!;
  expect(route.jwtIssuer).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_[A-Z0-9]{9}$/);
  const token = emulator.mintToken({ issuer: route.jwtIssuer, claims: { aud: undefined, client_id: undefined } });
  expect((await get('/pool', token)).status).toBe(401);
  const accessToken = emulator.mintToken({ issuer: route.jwtIssuer });
  expect((await get('/pool', accessToken)).status).toBe(200);
});

test('mintToken needs an issuer when the local issuer serves several', () => {
  expect(() => emulator.mintToken()).toThrow(/`mintToken` needs an `issuer`: the local issuer serves https:\/\/auth\.example\.com, https:\/\/cognito-idp/);
});
