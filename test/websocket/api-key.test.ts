import { App, Lazy, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv1 from 'aws-cdk-lib/aws-apigateway';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import fc from 'fast-check';
import { WebSocketApi } from '../../lib/websocket/api';
import type { IApiKey } from '../../lib/websocket/api-key';
import { ApiKey, RateLimitedApiKey } from '../../lib/websocket/api-key';
import { WebSocketStage } from '../../lib/websocket/stage';
import { Period, UsagePlan } from '../../lib/websocket/usage-plan';
import { ApiGatewayV2Error } from '../../lib/private/error';
import { errorOf, newStack } from '../support';

const READ = ['apigateway:GET'];
const WRITE = ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'];
const ALPHANUMERIC_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');

/** The resources of one type in the stack, by logical id. */
function resourcesOf(stack: Stack, type: string): { [logicalId: string]: any } {
  return Template.fromStack(stack).findResources(type);
}

/** The one resource of a type in the stack, with its logical id. */
function onlyResource(stack: Stack, type: string): { logicalId: string; resource: any } {
  const found = resourcesOf(stack, type);
  const ids = Object.keys(found);
  expect(ids).toHaveLength(1);
  return { logicalId: ids[0], resource: found[ids[0]] };
}

/** The ARN of an API key with the given id (a literal or a resolved token), in an environment-agnostic stack. */
function keyArnOf(keyId: string | object): unknown {
  const tail = typeof keyId === 'string' ? [`::/apikeys/${keyId}`] : ['::/apikeys/', keyId];
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ...tail]] };
}

/** The statements of the one IAM policy in the stack. */
function policyStatements(stack: Stack): unknown[] {
  return onlyResource(stack, 'AWS::IAM::Policy').resource.Properties.PolicyDocument.Statement;
}

/** A key value of `length` letters and digits. */
function valueOf(length: number): string {
  return 'Zz9'.repeat(Math.ceil(length / 3)).slice(0, length);
}

describe('ApiKey', () => {
  test('without props, an AWS::ApiGateway::ApiKey that is enabled, under the construct id Resource', () => {
    const stack = newStack();
    const key = new ApiKey(stack, 'Key');

    const { logicalId, resource } = onlyResource(stack, 'AWS::ApiGateway::ApiKey');
    expect(resource.Properties).toEqual({ Enabled: true });
    expect(key.node.defaultChild).toBeInstanceOf(apigwv1.CfnApiKey);
    expect((key.node.defaultChild as apigwv1.CfnApiKey).node.id).toBe('Resource');
    expect(stack.resolve(key.keyId)).toEqual({ Ref: logicalId });
    expect(stack.resolve(key.apiKeyRef.apiKeyId)).toEqual({ Ref: logicalId });
    expect(stack.resolve(key.keyArn)).toEqual(keyArnOf({ Ref: logicalId }));
  });

  test('every prop reaches the template', () => {
    const stack = newStack();
    new ApiKey(stack, 'Key', {
      apiKeyName: 'partner-key',
      value: 'abcdefghij0123456789ABCDEFGHIJ',
      description: 'for a partner',
      customerId: 'customer-1',
      enabled: false,
      generateDistinctId: true,
    });
    expect(onlyResource(stack, 'AWS::ApiGateway::ApiKey').resource.Properties).toEqual({
      Name: 'partner-key',
      Value: 'abcdefghij0123456789ABCDEFGHIJ',
      Description: 'for a partner',
      CustomerId: 'customer-1',
      Enabled: false,
      GenerateDistinctId: true,
    });
  });

  test('the ARN takes the region of the stack', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const key = ApiKey.fromApiKeyId(stack, 'Key', 'key123');
    expect(stack.resolve(key.keyArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1::/apikeys/key123']] });
  });

  test('fromApiKeyId imports a key without creating resources', () => {
    const stack = newStack();
    const key = ApiKey.fromApiKeyId(stack, 'Key', 'key123');
    expect(key.keyId).toBe('key123');
    expect(key.apiKeyRef).toEqual({ apiKeyId: 'key123' });
    expect(stack.resolve(key.keyArn)).toEqual(keyArnOf('key123'));
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  describe('grants', () => {
    test.each<[string, (key: ApiKey, role: iam.IGrantable) => iam.Grant, string[]]>([
      ['grantRead', (key, role) => key.grantRead(role), READ],
      ['grantWrite', (key, role) => key.grantWrite(role), WRITE],
      ['grantReadWrite', (key, role) => key.grantReadWrite(role), [...READ, ...WRITE]],
    ])('%s allows exactly its actions on the key', (_name, grant, actions) => {
      const stack = newStack();
      const key = new ApiKey(stack, 'Key');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      expect(grant(key, role).success).toBe(true);

      const keyId = onlyResource(stack, 'AWS::ApiGateway::ApiKey').logicalId;
      expect(policyStatements(stack)).toEqual([{
        Action: actions.length === 1 ? actions[0] : actions,
        Effect: 'Allow',
        Resource: keyArnOf({ Ref: keyId }),
      }]);
    });

    test('an imported key grants on its ARN', () => {
      const stack = newStack();
      const key: IApiKey = ApiKey.fromApiKeyId(stack, 'Key', 'key123');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
      (key as ApiKey).grantRead(role);
      expect(policyStatements(stack)).toEqual([{ Action: 'apigateway:GET', Effect: 'Allow', Resource: keyArnOf('key123') }]);
    });
  });

  describe('`value` checks', () => {
    test.each([0, 1, 19, 129, 500])('%i characters are refused, and the message does not show the secret', (length) => {
      const stack = newStack();
      const error = errorOf(() => new ApiKey(stack, 'Key', { value: valueOf(length) }));
      expect(error.message).toBe(`Stack/Key: invalid \`value\` of ${length} characters: an API key value has 20 to 128 characters; `
        + `${length < 20 ? 'lengthen' : 'shorten'} it, or leave \`value\` unset to let API Gateway generate one [cdk-apigatewayv2:apiKeyValue]`);
      expect(error.constructPath).toBe('Stack/Key');
      if (length >= 3) {
        expect(error.message).not.toContain(valueOf(length));
      }
    });

    test.each([20, 21, 64, 127, 128])('%i characters are accepted', (length) => {
      const stack = newStack();
      new ApiKey(stack, 'Key', { value: valueOf(length) });
      expect(onlyResource(stack, 'AWS::ApiGateway::ApiKey').resource.Properties.Value).toBe(valueOf(length));
    });

    test('a value beyond ASCII is refused only when it is out of range however its characters are counted', () => {
      // 5 emoji: 5 code points, 10 UTF-16 units, 20 UTF-8 bytes; 128 'é': 128 code points, 256 bytes
      for (const value of ['😀'.repeat(5), 'é'.repeat(128)]) {
        const stack = newStack();
        new ApiKey(stack, 'Key', { value });
        Annotations.fromStack(stack).hasWarning('/Stack/Key', Match.stringLikeRegexp('documents API key values as alphanumeric'));
      }
      expect(errorOf(() => new ApiKey(newStack(), 'Key', { value: '😀'.repeat(4) })).message).toMatch(/invalid `value` of 4 characters: .* lengthen it/);
      expect(errorOf(() => new ApiKey(newStack(), 'Key', { value: 'é'.repeat(129) })).message).toMatch(/invalid `value` of 129 characters: .* shorten it/);
    });

    test('any alphanumeric value of 20 to 128 characters is accepted without a warning', () => {
      fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...ALPHANUMERIC_CHARS), minLength: 20, maxLength: 128 }), (value) => {
        const stack = newStack();
        new ApiKey(stack, 'Key', { value });
        Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
      }), { numRuns: 30 });
    });

    test('any value outside 20 to 128 characters is refused', () => {
      const tooShort = fc.string({ unit: fc.constantFrom(...ALPHANUMERIC_CHARS), maxLength: 19 });
      const tooLong = fc.string({ unit: fc.constantFrom(...ALPHANUMERIC_CHARS), minLength: 129, maxLength: 300 });
      fc.assert(fc.property(fc.oneof(tooShort, tooLong), (value) => {
        expect(() => new ApiKey(newStack(), 'Key', { value })).toThrow(ApiGatewayV2Error);
      }), { numRuns: 50 });
    });

    test.each(['abcdefghij-0123456789', 'a_b.c~d-e_f.g~h-i_j.k', '01234567-89ab-cdef-0123-456789abcdef'])(
      'a value with characters other than letters and digits (%s) is accepted with a warning', (value) => {
        const stack = newStack();
        new ApiKey(stack, 'Key', { value });
        expect(onlyResource(stack, 'AWS::ApiGateway::ApiKey').resource.Properties.Value).toBe(value);
        Annotations.fromStack(stack).hasWarning('/Stack/Key', Match.stringLikeRegexp('API Gateway documents API key values as alphanumeric'));
        const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
        expect(JSON.stringify(warnings)).not.toContain(value);
      });

    test('unresolved values are not checked', () => {
      const stack = newStack();
      new ApiKey(stack, 'Short', { value: Lazy.string({ produce: () => 'short' }) });
      new ApiKey(stack, 'Secret', { value: SecretValue.secretsManager('partner-key').unsafeUnwrap() });
      expect(Object.keys(resourcesOf(stack, 'AWS::ApiGateway::ApiKey'))).toHaveLength(2);
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });
  });
});

describe('RateLimitedApiKey', () => {
  test('without usage-plan props, only the key: construct id Resource, enabled by default', () => {
    const stack = newStack();
    const key = new RateLimitedApiKey(stack, 'Key');

    const { logicalId, resource } = onlyResource(stack, 'AWS::ApiGateway::ApiKey');
    expect(resource.Properties).toEqual({ Enabled: true });
    expect(key.node.findChild('Resource')).toBeInstanceOf(ApiKey);
    expect(key.node.tryFindChild('UsagePlanResource')).toBeUndefined();
    expect(resourcesOf(stack, 'AWS::ApiGateway::UsagePlan')).toEqual({});
    expect(resourcesOf(stack, 'AWS::ApiGateway::UsagePlanKey')).toEqual({});
    expect(stack.resolve(key.keyId)).toEqual({ Ref: logicalId });
    expect(stack.resolve(key.apiKeyRef.apiKeyId)).toEqual({ Ref: logicalId });
    expect(stack.resolve(key.keyArn)).toEqual(keyArnOf({ Ref: logicalId }));
  });

  test('the key props reach the key', () => {
    const stack = newStack();
    new RateLimitedApiKey(stack, 'Key', {
      apiKeyName: 'partner-key',
      value: 'abcdefghij0123456789',
      description: 'for a partner',
      customerId: 'customer-1',
      enabled: false,
      generateDistinctId: true,
      throttle: { rateLimit: 1 },
    });
    expect(onlyResource(stack, 'AWS::ApiGateway::ApiKey').resource.Properties).toEqual({
      Name: 'partner-key',
      Value: 'abcdefghij0123456789',
      Description: 'for a partner',
      CustomerId: 'customer-1',
      Enabled: false,
      GenerateDistinctId: true,
    });
  });

  test.each<[string, object]>([
    ['throttle', { throttle: { rateLimit: 10, burstLimit: 20 } }],
    ['quota', { quota: { limit: 1000, period: Period.DAY } }],
    ['apiStages', { apiStages: [] }],
  ])('with %s, a usage plan UsagePlanResource that holds the key', (_name, props) => {
    const stack = newStack();
    const key = new RateLimitedApiKey(stack, 'Key', props);

    const plan = key.node.findChild('UsagePlanResource');
    expect(plan).toBeInstanceOf(UsagePlan);
    const planId = onlyResource(stack, 'AWS::ApiGateway::UsagePlan').logicalId;
    const keyId = onlyResource(stack, 'AWS::ApiGateway::ApiKey').logicalId;
    expect(onlyResource(stack, 'AWS::ApiGateway::UsagePlanKey').resource.Properties).toEqual({
      KeyId: { Ref: keyId },
      KeyType: 'API_KEY',
      UsagePlanId: { Ref: planId },
    });
  });

  test('the plan gets the stages, quota and throttle, and depends on the stages', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
    new RateLimitedApiKey(stack, 'Key', {
      apiStages: [{ api, stage }],
      quota: { limit: 1000, offset: 5, period: Period.WEEK },
      throttle: { rateLimit: 10, burstLimit: 20 },
    });
    const { resource } = onlyResource(stack, 'AWS::ApiGateway::UsagePlan');
    const apiId = stack.resolve((api.node.defaultChild as upstream.CfnApi).logicalId);
    const stageId = stack.resolve((stage.node.defaultChild as upstream.CfnStage).logicalId);
    expect(resource.Properties).toEqual({
      ApiStages: [{ ApiId: { Ref: apiId }, Stage: 'dev' }],
      Quota: { Limit: 1000, Offset: 5, Period: 'WEEK' },
      Throttle: { BurstLimit: 20, RateLimit: 10 },
    });
    expect([...resource.DependsOn].sort()).toEqual([apiId, stageId].sort());
  });

  test('bad usage-plan settings and key values are refused', () => {
    expect(errorOf(() => new RateLimitedApiKey(newStack(), 'Key', { quota: { limit: -5 } })).message)
      .toBe('Stack/Key/UsagePlanResource: invalid `quota.limit` -5: use a whole number of requests of 0 or more [cdk-apigatewayv2:quotaSettings]');
    expect(errorOf(() => new RateLimitedApiKey(newStack(), 'Key', { throttle: { burstLimit: 0.5 } })).message)
      .toBe('Stack/Key/UsagePlanResource: invalid `throttle.burstLimit` 0.5: use a whole number of requests from 0 to 2147483647 (a 32-bit integer) [cdk-apigatewayv2:throttle]');
    expect(errorOf(() => new RateLimitedApiKey(newStack(), 'Key', { value: 'short' })).constructPath).toBe('Stack/Key/Resource');
  });

  test('grants act on the key', () => {
    const stack = newStack();
    const key = new RateLimitedApiKey(stack, 'Key', { throttle: { rateLimit: 1 } });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    key.grantReadWrite(role);
    const keyId = onlyResource(stack, 'AWS::ApiGateway::ApiKey').logicalId;
    expect(policyStatements(stack)).toEqual([{ Action: [...READ, ...WRITE], Effect: 'Allow', Resource: keyArnOf({ Ref: keyId }) }]);
  });
});

test('the same app gives the same resources as aws-cdk-lib (logical ids, properties, grants)', () => {
  function build(lib: 'ours' | 'upstream'): { [id: string]: any } {
    const stack = new Stack(new App(), 'Stack');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    const keyProps = { apiKeyName: 'k1', value: 'abcdefghij0123456789', description: 'd', customerId: 'c', generateDistinctId: true };
    if (lib === 'ours') {
      const api = new WebSocketApi(stack, 'Api');
      const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
      new ApiKey(stack, 'Key', keyProps).grantRead(role);
      new RateLimitedApiKey(stack, 'Plain').grantWrite(role);
      new RateLimitedApiKey(stack, 'Limited', {
        apiStages: [{ api, stage }],
        quota: { limit: 100, period: Period.DAY },
        throttle: { rateLimit: 5, burstLimit: 10 },
      }).grantReadWrite(role);
      (ApiKey.fromApiKeyId(stack, 'Imported', 'key123') as ApiKey).grantRead(role);
    } else {
      const api = new upstream.WebSocketApi(stack, 'Api');
      const stage = new upstream.WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
      new upstream.ApiKey(stack, 'Key', keyProps).grantRead(role);
      new upstream.RateLimitedApiKey(stack, 'Plain').grantWrite(role);
      new upstream.RateLimitedApiKey(stack, 'Limited', {
        apiStages: [{ api, stage }],
        quota: { limit: 100, period: upstream.Period.DAY },
        throttle: { rateLimit: 5, burstLimit: 10 },
      }).grantReadWrite(role);
      (upstream.ApiKey.fromApiKeyId(stack, 'Imported', 'key123') as upstream.ApiKey).grantRead(role);
    }
    const resources = Template.fromStack(stack).toJSON().Resources as { [id: string]: any };
    return Object.fromEntries(Object.entries(resources)
      .filter(([, r]) => r.Type.startsWith('AWS::ApiGateway::') || r.Type === 'AWS::IAM::Policy'));
  }

  const ours = build('ours');
  expect(Object.values(ours).map((r) => r.Type).sort()).toEqual([
    'AWS::ApiGateway::ApiKey', 'AWS::ApiGateway::ApiKey', 'AWS::ApiGateway::ApiKey',
    'AWS::ApiGateway::UsagePlan', 'AWS::ApiGateway::UsagePlanKey', 'AWS::IAM::Policy',
  ]);
  expect(ours).toEqual(build('upstream'));
});
