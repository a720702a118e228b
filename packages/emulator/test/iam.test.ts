// AWS_IAM routes: the "signed" mode (a SigV4 signature must be there) and the "verify" mode
// (it must match configured credentials), with requests signed by aws4 and by curl --aws-sigv4.
import * as aws4 from 'aws4';
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpIamAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { curl, ECHO_HANDLER, echoedEvent, inlineFunction, synth } from './util';

const CREDENTIALS = { accessKeyId: 'AKIALOCALTEST0000001', secretAccessKey: 'local/test/secret/key/0000000000000000000' };
let signed: Emulator;
let verifying: Emulator;

beforeAll(async () => {
  const assembly = synth(stack => {
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/orders/{id}', methods: [HttpMethod.GET, HttpMethod.POST],
      integration: new HttpLambdaIntegration('Echo', inlineFunction(stack, 'Echo', ECHO_HANDLER)), authorizer: new HttpIamAuthorizer(),
    });
  });
  signed = await emulate({ assembly });
  verifying = await emulate({
    assembly,
    iam: { mode: 'verify', credentials: [{ ...CREDENTIALS, userArn: 'arn:aws:iam::123456789012:user/alice' }] },
  });
});

afterAll(async () => {
  await signed?.close();
  await verifying?.close();
});

/** Sends a request signed with SigV4 by aws4. */
function signedFetch(emulator: Emulator, path: string, credentials = CREDENTIALS, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const url = new URL(emulator.url() + path);
  const request = aws4.sign({
    host: url.host, path: url.pathname + url.search, method: init.method ?? 'GET', service: 'execute-api', region: 'us-east-1',
    body: init.body, headers: { ...init.headers },
  }, credentials);
  return fetch(url, { method: request.method, headers: request.headers, body: init.body });
}

test('signed mode: an unsigned request answers 403 Forbidden', async () => {
  const response = await fetch(`${signed.url()}/orders/1`);
  expect([response.status, await response.text()]).toEqual([403, '{"message":"Forbidden"}']);
  expect(response.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
});

test('signed mode: any well-formed signature passes, and the caller reaches the event', async () => {
  const response = await signedFetch(signed, '/orders/1', { accessKeyId: 'AKIAANYONE', secretAccessKey: 'whatever' });
  const event = await echoedEvent(response);
  expect(event.requestContext.authorizer.iam).toEqual({
    accessKey: 'AKIAANYONE',
    accountId: '123456789012',
    callerId: expect.stringMatching(/^AIDA/),
    cognitoIdentity: null,
    principalOrgId: null,
    userArn: 'arn:aws:iam::123456789012:user/local-AKIAANYONE',
    userId: expect.stringMatching(/^AIDA/),
  });
});

test('verify mode: a signature by the configured credentials passes, with a query string and a body', async () => {
  const response = await signedFetch(verifying, '/orders/7?b=2&a=1&a=0', CREDENTIALS, {
    method: 'POST', body: '{"item":"book"}', headers: { 'content-type': 'application/json' },
  });
  const event = await echoedEvent(response);
  expect(event.requestContext.authorizer.iam.userArn).toBe('arn:aws:iam::123456789012:user/alice');
  expect(verifying.requests[verifying.requests.length - 1].authorizer).toBe('AWS_IAM: signature verified');
});

test('verify mode: curl --aws-sigv4 signs requests the emulator verifies', async () => {
  const response = await curl(['--aws-sigv4', 'aws:amz:us-east-1:execute-api', '--user', `${CREDENTIALS.accessKeyId}:${CREDENTIALS.secretAccessKey}`, `${verifying.url()}/orders/9`]);
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body).event.pathParameters).toEqual({ id: '9' });
});

test('verify mode: a wrong secret, an unknown key, a changed request or an old signature answer 403', async () => {
  expect((await signedFetch(verifying, '/orders/1', { ...CREDENTIALS, secretAccessKey: 'wrong' })).status).toBe(403);
  expect(verifying.requests[verifying.requests.length - 1].authorizer).toMatch(/the signature does not match/);
  expect((await signedFetch(verifying, '/orders/1', { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' })).status).toBe(403);
  expect(verifying.requests[verifying.requests.length - 1].authorizer).toMatch(/not among the configured credentials/);

  const url = new URL(`${verifying.url()}/orders/1`);
  const request = aws4.sign({ host: url.host, path: url.pathname, service: 'execute-api', region: 'us-east-1' }, CREDENTIALS);
  expect((await fetch(`${verifying.url()}/orders/2`, { headers: request.headers })).status).toBe(403);

  const old = new Date(Date.now() - 10 * 60 * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const stale = aws4.sign({ host: url.host, path: url.pathname, service: 'execute-api', region: 'us-east-1', headers: { 'X-Amz-Date': old } }, CREDENTIALS);
  expect((await fetch(url, { headers: stale.headers })).status).toBe(403);
  expect(verifying.requests[verifying.requests.length - 1].authorizer).toMatch(/the signature has expired/);
});

test('verify mode: a presigned URL (the signature in the query string) passes until it expires', async () => {
  const url = new URL(`${verifying.url()}/orders/5`);
  const presign = (credentials: typeof CREDENTIALS) => {
    const request = aws4.sign({ host: url.host, path: `${url.pathname}?X-Amz-Expires=60`, service: 'execute-api', region: 'us-east-1', signQuery: true }, credentials);
    return `${verifying.url()}${request.path}`;
  };
  const response = await fetch(presign(CREDENTIALS));
  expect(response.status).toBe(200);
  expect(verifying.requests[verifying.requests.length - 1].authorizer).toBe('AWS_IAM: signature verified');
  expect((await fetch(presign({ ...CREDENTIALS, secretAccessKey: 'wrong' }))).status).toBe(403);
  const expired = aws4.sign({
    host: url.host, path: `${url.pathname}?X-Amz-Expires=60&X-Amz-Date=${new Date(Date.now() - 2 * 60 * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '')}`,
    service: 'execute-api', region: 'us-east-1', signQuery: true,
  }, CREDENTIALS);
  expect((await fetch(`${verifying.url()}${expired.path}`)).status).toBe(403);
  expect(verifying.requests[verifying.requests.length - 1].authorizer).toMatch(/the signature has expired/);
});
