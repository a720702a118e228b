// Lambda (REQUEST) authorizers: payload 1.0 and 2.0, simple and IAM policy responses, identity
// sources, the result cache with its TTL and key, failures, and the context integrations see.
import { Duration } from 'aws-cdk-lib';
import { CfnAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpApi, HttpMethod, PayloadFormatVersion } from 'cdk-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { emulate } from 'cdk-apigatewayv2-emulator';
import type { Emulator } from 'cdk-apigatewayv2-emulator';
import { ECHO_HANDLER, echoedEvent, inlineFunction, synth } from './util';

/** Decides by the `x-decision` header; reports its invocation count and the event it got. */
const AUTHORIZER = `
let invocations = 0;
exports.handler = async (event) => {
  invocations += 1;
  const headers = event.headers || {};
  const decision = headers['x-decision'] || headers['X-Decision'] || 'allow';
  if (decision === 'throw-unauthorized') throw new Error('Unauthorized');
  if (decision === 'throw') throw new Error('database down');
  if (decision === 'invalid') return { hello: 'world' };
  const context = { invocation: invocations, stringKey: 'value', numberKey: 1, booleanKey: true, arrayKey: ['a', 'b'], mapKey: { k: 'v' } };
  const seen = { version: event.version, type: event.type, identitySource: event.identitySource, routeArn: event.routeArn, methodArn: event.methodArn, authorizationToken: event.authorizationToken, hasBody: 'body' in event };
  if (event.version === '2.0' && !event.policyWanted && process.env.MODE === 'simple') {
    return { isAuthorized: decision === 'allow', context: { ...context, seen: JSON.stringify(seen) } };
  }
  const arn = event.routeArn || event.methodArn;
  const prefix = arn.split('/').slice(0, 2).join('/');
  return {
    principalId: 'user-' + invocations,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: 'execute-api:Invoke', Effect: decision === 'allow' ? 'Allow' : 'Deny', Resource: prefix + '/GET/*' },
        { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: prefix + '/GET/*/secret' },
      ],
    },
    context: { ...context, seen: JSON.stringify(seen) },
  };
};
`;

let emulator: Emulator;
let clockOffset = 0;

beforeAll(async () => {
  const assembly = synth(stack => {
    const echo = inlineFunction(stack, 'Echo', ECHO_HANDLER);
    const simpleFn = inlineFunction(stack, 'SimpleAuthorizer', AUTHORIZER, { environment: { MODE: 'simple' } });
    const policyFn = inlineFunction(stack, 'PolicyAuthorizer', AUTHORIZER, { environment: { MODE: 'policy' } });
    const api = new HttpApi(stack, 'Api');
    const route = (path: string, authorizer: HttpLambdaAuthorizer, version = PayloadFormatVersion.VERSION_2_0) => api.addRoutes({
      path, methods: [HttpMethod.GET], authorizer,
      integration: new HttpLambdaIntegration(path.replace(/\W/g, ''), echo, { payloadFormatVersion: version }),
    });
    const simple = new HttpLambdaAuthorizer('Simple', simpleFn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE], identitySource: ['$request.header.x-decision'], resultsCacheTtl: Duration.seconds(0),
    });
    route('/simple', simple);
    route('/simple-v1-integration', simple, PayloadFormatVersion.VERSION_1_0);
    const cached = new HttpLambdaAuthorizer('Cached', simpleFn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE], identitySource: ['$request.header.x-key', '$request.querystring.tenant'], resultsCacheTtl: Duration.seconds(300),
    });
    route('/cached', cached);
    route('/cached-too', cached);
    const policy = new HttpLambdaAuthorizer('Policy', policyFn, { identitySource: ['$request.header.x-decision', '$request.header.x-user'], resultsCacheTtl: Duration.seconds(0) });
    route('/policy/{id}', policy);
    const policyV2 = new HttpLambdaAuthorizer('PolicyV2', policyFn, { identitySource: ['$request.header.x-decision'], resultsCacheTtl: Duration.seconds(0) });
    route('/policy-v2/{id}', policyV2);
    // A 2.0 authorizer answering with IAM policies: no L2 setting makes one, the L1 does.
    const cfn = api.node.findAll().filter((c): c is CfnAuthorizer => c instanceof CfnAuthorizer).find(c => c.name === 'PolicyV2')!;
    cfn.addPropertyOverride('AuthorizerPayloadFormatVersion', '2.0');
  });
  emulator = await emulate({ assembly, clock: () => Date.now() + clockOffset });
});

afterAll(() => emulator?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${emulator.url()}${path}`, { headers });
const lastNote = () => emulator.requests[emulator.requests.length - 1].authorizer;

describe('payload 2.0 with simple responses', () => {
  test('isAuthorized true lets the request through with the context under authorizer.lambda, as returned', async () => {
    const event = await echoedEvent(await get('/simple', { 'x-decision': 'allow' }));
    const { seen, invocation: _invocation, ...context } = event.requestContext.authorizer.lambda;
    expect(context).toEqual({ stringKey: 'value', numberKey: 1, booleanKey: true, arrayKey: ['a', 'b'], mapKey: { k: 'v' } });
    expect(JSON.parse(seen)).toEqual({
      version: '2.0', type: 'REQUEST', identitySource: ['allow'], hasBody: false,
      routeArn: expect.stringMatching(/^arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/\$default\/GET\/simple$/),
    });
  });

  test('isAuthorized false answers 403 Forbidden', async () => {
    const response = await get('/simple', { 'x-decision': 'deny' });
    expect([response.status, await response.text()]).toEqual([403, '{"message":"Forbidden"}']);
  });

  test('a payload 1.0 integration sees the context flattened, with principalId and integrationLatency', async () => {
    const event = await echoedEvent(await get('/simple-v1-integration', { 'x-decision': 'allow' }));
    expect(event.requestContext.authorizer).toEqual(expect.objectContaining({ stringKey: 'value', numberKey: 1, integrationLatency: expect.any(Number) }));
  });
});

describe('identity sources and failures', () => {
  test('a missing identity source answers 401 without invoking the authorizer', async () => {
    const response = await get('/simple');
    expect([response.status, await response.text()]).toEqual([401, '{"message":"Unauthorized"}']);
    expect(lastNote()).toMatch(/identity source \$request\.header\.x-decision is missing, so the authorizer is not invoked/);
    expect((await get('/cached', { 'x-key': 'k' })).status).toBe(401);
  });

  test('throwing Unauthorized answers 401; another error or an invalid response 500', async () => {
    expect((await get('/simple', { 'x-decision': 'throw-unauthorized' })).status).toBe(401);
    const failed = await get('/simple', { 'x-decision': 'throw' });
    expect([failed.status, await failed.text()]).toEqual([500, '{"message":"Internal Server Error"}']);
    expect(lastNote()).toMatch(/the authorizer failed: Error: database down/);
    expect((await get('/simple', { 'x-decision': 'invalid' })).status).toBe(500);
    expect(lastNote()).toMatch(/no boolean `isAuthorized`/);
  });
});

describe('IAM policy responses', () => {
  test('payload 1.0: the policy is evaluated on the method ARN; an explicit Deny wins', async () => {
    const allowed = await get('/policy/1', { 'x-decision': 'allow', 'x-user': 'ann' });
    const event = await echoedEvent(allowed);
    expect(event.requestContext.authorizer.lambda.stringKey).toBe('value');
    expect(JSON.parse(event.requestContext.authorizer.lambda.seen)).toEqual({
      version: '1.0', type: 'REQUEST', identitySource: 'allow,ann', authorizationToken: 'allow,ann', hasBody: false,
      methodArn: expect.stringMatching(/^arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/\$default\/GET\/policy\/1$/),
    });
    expect((await get('/policy/secret', { 'x-decision': 'allow', 'x-user': 'ann' })).status).toBe(403);
    expect(lastNote()).toMatch(/the policy denies arn:aws:execute-api:.*\/GET\/policy\/secret/);
    expect((await get('/policy/1', { 'x-decision': 'deny', 'x-user': 'ann' })).status).toBe(403);
  });

  test('payload 2.0 without simple responses takes a policy too', async () => {
    expect((await get('/policy-v2/1', { 'x-decision': 'allow' })).status).toBe(200);
    expect((await get('/policy-v2/secret', { 'x-decision': 'allow' })).status).toBe(403);
  });
});

describe('the result cache', () => {
  const invocation = async (path: string, key: string, tenant = 't1') => {
    const response = await get(`${path}?tenant=${tenant}`, { 'x-key': key, 'x-decision': 'allow' });
    return (await echoedEvent(response)).requestContext.authorizer.lambda.invocation as number;
  };

  test('is keyed by the identity source values, shared by the routes of the authorizer, and expires after its TTL', async () => {
    const first = await invocation('/cached', 'k1');
    expect(await invocation('/cached', 'k1')).toBe(first);
    expect(lastNote()).toBe('CUSTOM Cached: allowed (cached)');
    expect(await invocation('/cached-too', 'k1')).toBe(first);
    const other = await invocation('/cached', 'k2');
    expect(other).not.toBe(first);
    expect(await invocation('/cached', 'k1', 't2')).not.toBe(first);
    clockOffset += 301 * 1000;
    expect(await invocation('/cached', 'k1')).not.toBe(first);
  });

  test('caches refusals too, but not errors', async () => {
    const denied = await get('/cached?tenant=t9', { 'x-key': 'k9', 'x-decision': 'deny' });
    expect(denied.status).toBe(403);
    // Same identity source values: the cached refusal answers, whatever the other headers say.
    const again = await get('/cached?tenant=t9', { 'x-key': 'k9', 'x-decision': 'allow' });
    expect(again.status).toBe(403);
    expect(lastNote()).toBe('CUSTOM Cached: denied (cached)');
    expect((await get('/cached?tenant=t8', { 'x-key': 'k8', 'x-decision': 'throw' })).status).toBe(500);
    expect((await get('/cached?tenant=t8', { 'x-key': 'k8', 'x-decision': 'allow' })).status).toBe(200);
  });
});
