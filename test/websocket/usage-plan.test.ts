import { App, Lazy, Names, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv1 from 'aws-cdk-lib/aws-apigateway';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketApi } from '../../lib/websocket/api';
import { ApiKey } from '../../lib/websocket/api-key';
import { WebSocketStage } from '../../lib/websocket/stage';
import type { ThrottleSettings } from '../../lib/common/stage';
import type { QuotaSettings, UsagePlanProps } from '../../lib/websocket/usage-plan';
import { Period, UsagePlan } from '../../lib/websocket/usage-plan';
import { errorOf, newStack } from '../support';

/** A stack with a WebSocket API and its `dev` stage. */
function apiStack(): { stack: Stack; api: WebSocketApi; stage: WebSocketStage } {
  const stack = newStack();
  const api = new WebSocketApi(stack, 'Api');
  const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
  return { stack, api, stage };
}

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

/** The logical id of the L1 below `construct`. */
function logicalIdOf(construct: { node: { defaultChild?: unknown } }): string {
  const child = construct.node.defaultChild as apigwv1.CfnUsagePlan;
  return Stack.of(child).resolve(child.logicalId);
}

describe('UsagePlan', () => {
  test('without props, an AWS::ApiGateway::UsagePlan with no properties, under the construct id Resource', () => {
    const stack = newStack();
    const plan = new UsagePlan(stack, 'Plan');

    const { logicalId, resource } = onlyResource(stack, 'AWS::ApiGateway::UsagePlan');
    expect(resource.Properties ?? {}).toEqual({});
    expect(plan.node.defaultChild).toBeInstanceOf(apigwv1.CfnUsagePlan);
    expect((plan.node.defaultChild as apigwv1.CfnUsagePlan).node.id).toBe('Resource');
    expect(stack.resolve(plan.usagePlanId)).toEqual({ Ref: logicalId });
    expect(stack.resolve(plan.usagePlanRef.usagePlanId)).toEqual({ Ref: logicalId });
    expect(resourcesOf(stack, 'AWS::ApiGateway::UsagePlanKey')).toEqual({});
  });

  test('every prop reaches the template', () => {
    const { stack, api, stage } = apiStack();
    new UsagePlan(stack, 'Plan', {
      apiStages: [{ api, stage }],
      description: 'for partners',
      quota: { limit: 10_000, offset: 100, period: Period.MONTH },
      throttle: { rateLimit: 50.5, burstLimit: 100 },
      usagePlanName: 'partners',
    });

    const { resource } = onlyResource(stack, 'AWS::ApiGateway::UsagePlan');
    expect(resource.Properties).toEqual({
      ApiStages: [{ ApiId: { Ref: logicalIdOf(api) }, Stage: 'dev' }],
      Description: 'for partners',
      Quota: { Limit: 10_000, Offset: 100, Period: 'MONTH' },
      Throttle: { BurstLimit: 100, RateLimit: 50.5 },
      UsagePlanName: 'partners',
    });
  });

  test('an empty quota and throttle render as empty objects, as in aws-cdk-lib', () => {
    const stack = newStack();
    new UsagePlan(stack, 'Plan', { quota: {}, throttle: {} });
    const { resource } = onlyResource(stack, 'AWS::ApiGateway::UsagePlan');
    expect(resource.Properties).toEqual({ Quota: {}, Throttle: {} });
  });

  test('Period has the three values API Gateway accepts', () => {
    expect(Object.values(Period)).toEqual(['DAY', 'WEEK', 'MONTH']);
  });

  describe('API stages', () => {
    test('the API id comes from the stage; an entry with only a stage is enough', () => {
      const { stack, api, stage } = apiStack();
      new UsagePlan(stack, 'Plan', { apiStages: [{ stage }] });
      Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        ApiStages: [{ ApiId: { Ref: logicalIdOf(api) }, Stage: 'dev' }],
      });
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    });

    test('stages of several APIs are rendered in order', () => {
      const { stack, api, stage } = apiStack();
      const other = new WebSocketApi(stack, 'Other');
      const prod = new WebSocketStage(stack, 'Prod', { webSocketApi: other, stageName: 'prod' });
      const plan = new UsagePlan(stack, 'Plan', { apiStages: [{ api, stage }] });
      plan.addApiStage({ api: other, stage: prod });
      expect(onlyResource(stack, 'AWS::ApiGateway::UsagePlan').resource.Properties.ApiStages).toEqual([
        { ApiId: { Ref: logicalIdOf(api) }, Stage: 'dev' },
        { ApiId: { Ref: logicalIdOf(other) }, Stage: 'prod' },
      ]);
    });

    test('addApiStage after construction is rendered lazily', () => {
      const { stack, api, stage } = apiStack();
      const plan = new UsagePlan(stack, 'Plan');
      plan.addApiStage({ api, stage });
      Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        ApiStages: [{ ApiId: { Ref: logicalIdOf(api) }, Stage: 'dev' }],
      });
    });

    test('an entry without a stage is skipped, with a warning', () => {
      const { stack, api } = apiStack();
      new UsagePlan(stack, 'Plan', { apiStages: [{ api }] });
      const { resource } = onlyResource(stack, 'AWS::ApiGateway::UsagePlan');
      expect(resource.Properties?.ApiStages).toBeUndefined();
      Annotations.fromStack(stack).hasWarning('/Stack/Plan', Match.stringLikeRegexp('has no `stage` and is skipped'));
    });

    test('an entry whose `api` is not the stage\'s API renders the stage\'s API, with a warning', () => {
      const { stack, api, stage } = apiStack();
      const other = new WebSocketApi(stack, 'Other');
      new UsagePlan(stack, 'Plan', { apiStages: [{ api: other, stage }] });
      Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        ApiStages: [{ ApiId: { Ref: logicalIdOf(api) }, Stage: 'dev' }],
      });
      Annotations.fromStack(stack).hasWarning('/Stack/Plan', Match.stringLikeRegexp("names the API 'Stack/Other' but a stage of 'Stack/Api'"));
    });

    test('imported APIs and stages work', () => {
      const stack = newStack();
      const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Api', { webSocketId: 'abc123' });
      const stage = WebSocketStage.fromWebSocketStageAttributes(stack, 'Stage', { api, stageName: 'prod' });
      new UsagePlan(stack, 'Plan', { apiStages: [{ api, stage }] });
      const { resource } = onlyResource(stack, 'AWS::ApiGateway::UsagePlan');
      expect(resource.Properties.ApiStages).toEqual([{ ApiId: 'abc123', Stage: 'prod' }]);
      expect(resource.DependsOn).toBeUndefined();
    });

    test('stages given to the constructor add dependencies on the stage and the API', () => {
      const { stack, api, stage } = apiStack();
      new UsagePlan(stack, 'Plan', { apiStages: [{ api, stage }] });
      const { resource } = onlyResource(stack, 'AWS::ApiGateway::UsagePlan');
      expect([...resource.DependsOn].sort()).toEqual([logicalIdOf(api), logicalIdOf(stage)].sort());
    });

    test('addApiStage adds no dependency', () => {
      const { stack, api, stage } = apiStack();
      new UsagePlan(stack, 'Plan').addApiStage({ api, stage });
      expect(onlyResource(stack, 'AWS::ApiGateway::UsagePlan').resource.DependsOn).toBeUndefined();
    });
  });

  describe('addApiKey', () => {
    test('creates an AWS::ApiGateway::UsagePlanKey of type API_KEY with the derived construct id', () => {
      const stack = newStack();
      const plan = new UsagePlan(stack, 'Plan');
      const key = new ApiKey(stack, 'Key');
      plan.addApiKey(key);

      const { logicalId, resource } = onlyResource(stack, 'AWS::ApiGateway::UsagePlanKey');
      expect(resource.Properties).toEqual({
        KeyId: { Ref: logicalIdOf(key) },
        KeyType: 'API_KEY',
        UsagePlanId: { Ref: logicalIdOf(plan) },
      });
      const child = plan.node.findChild(`UsagePlanKeyResource:${Names.nodeUniqueId(key.node)}`) as apigwv1.CfnUsagePlanKey;
      expect(child).toBeInstanceOf(apigwv1.CfnUsagePlanKey);
      expect(stack.resolve(child.logicalId)).toBe(logicalId);
    });

    test('overrideLogicalId sets the logical id', () => {
      const stack = newStack();
      const plan = new UsagePlan(stack, 'Plan');
      plan.addApiKey(new ApiKey(stack, 'Key'), { overrideLogicalId: 'MyUsagePlanKey' });
      expect(onlyResource(stack, 'AWS::ApiGateway::UsagePlanKey').logicalId).toBe('MyUsagePlanKey');
    });

    test('takes any IApiKeyRef: imported keys and aws-cdk-lib\'s REST API keys', () => {
      const stack = newStack();
      const plan = new UsagePlan(stack, 'Plan');
      plan.addApiKey(ApiKey.fromApiKeyId(stack, 'Imported', 'key123'));
      const restKey = new apigwv1.ApiKey(stack, 'RestKey');
      plan.addApiKey(restKey);

      const keys = Object.values(resourcesOf(stack, 'AWS::ApiGateway::UsagePlanKey')).map((r) => r.Properties.KeyId);
      expect(keys).toEqual(['key123', { Ref: stack.resolve((restKey.node.defaultChild as apigwv1.CfnApiKey).logicalId) }]);
    });

    test('an imported usage plan takes keys too', () => {
      const stack = newStack();
      const plan = UsagePlan.fromUsagePlanId(stack, 'Plan', 'plan123');
      plan.addApiKey(new ApiKey(stack, 'Key'));
      Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
        UsagePlanId: 'plan123',
        KeyType: 'API_KEY',
      });
    });

    test('the same key twice is refused; two keys are accepted', () => {
      const stack = newStack();
      const plan = new UsagePlan(stack, 'Plan');
      const key = new ApiKey(stack, 'Key');
      plan.addApiKey(key);
      plan.addApiKey(new ApiKey(stack, 'Other'));
      expect(Object.keys(resourcesOf(stack, 'AWS::ApiGateway::UsagePlanKey'))).toHaveLength(2);

      const error = errorOf(() => plan.addApiKey(key));
      expect(error.message).toBe("Stack/Plan: `addApiKey` got the API key 'Stack/Key' a second time: a key is associated with a usage plan once; remove the repeated call [cdk-apigatewayv2:duplicateApiKey]");
      expect(error.constructPath).toBe('Stack/Plan');
    });
  });

  test('fromUsagePlanId imports a plan without creating resources', () => {
    const stack = newStack();
    const plan = UsagePlan.fromUsagePlanId(stack, 'Plan', 'plan123');
    expect(plan.usagePlanId).toBe('plan123');
    expect(plan.usagePlanRef).toEqual({ usagePlanId: 'plan123' });
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  describe('synth-time checks', () => {
    function planWith(props: UsagePlanProps): Stack {
      const stack = newStack();
      new UsagePlan(stack, 'Plan', props);
      return stack;
    }

    const WHOLE = 'use a whole number of requests of 0 or more';
    const BURST = 'use a whole number of requests from 0 to 2147483647 (a 32-bit integer)';
    const RATE = 'use a finite number of requests per second of 0 or more';
    const lazyNumber = (n: number) => Token.asNumber(Lazy.number({ produce: () => n }));

    test.each<[string, QuotaSettings, string]>([
      ['a negative limit', { limit: -1 }, `invalid \`quota.limit\` -1: ${WHOLE}`],
      ['a fractional limit', { limit: 1.5 }, `invalid \`quota.limit\` 1.5: ${WHOLE}`],
      ['a negative offset', { offset: -1 }, `invalid \`quota.offset\` -1: ${WHOLE}`],
      ['a fractional offset', { offset: 2.5 }, `invalid \`quota.offset\` 2.5: ${WHOLE}`],
    ])('a quota with %s is refused', (_label, quota, message) => {
      const error = errorOf(() => planWith({ quota }));
      expect(error.message).toBe(`Stack/Plan: ${message} [cdk-apigatewayv2:quotaSettings]`);
      expect(error.constructPath).toBe('Stack/Plan');
    });

    test.each<[string, QuotaSettings, string]>([
      ['a NaN limit', { limit: NaN }, 'invalid `quota.limit` NaN in new UsagePlan(): give a finite number'],
      ['an unknown period (JavaScript)', { period: 'YEAR' as Period }, "invalid `quota.period` 'YEAR' in new UsagePlan(): use Period.DAY, Period.WEEK or Period.MONTH"],
    ])('a quota with %s is refused with the arguments', (_label, quota, message) => {
      const error = errorOf(() => planWith({ quota }));
      expect(error.message).toBe(`Stack/Plan: ${message} [cdk-apigatewayv2:argumentType]`);
      expect(error.constructPath).toBe('Stack/Plan');
    });

    test.each<[string, QuotaSettings]>([
      ['zero limit and offset', { limit: 0, offset: 0, period: Period.DAY }],
      ['large whole numbers', { limit: 1_000_000, offset: 999, period: Period.WEEK }],
      ['no offset', { limit: 1, period: Period.MONTH }],
      ['unresolved numbers', { limit: lazyNumber(-1), offset: lazyNumber(0.5) }],
      ['an unresolved period', { period: Lazy.string({ produce: () => 'DAY' }) as Period }],
    ])('a quota with %s is accepted', (_label, quota) => {
      expect(() => Template.fromStack(planWith({ quota }))).not.toThrow();
    });

    test.each<[string, ThrottleSettings, string]>([
      ['a negative burst', { burstLimit: -1 }, `invalid \`throttle.burstLimit\` -1: ${BURST}`],
      ['a fractional burst', { burstLimit: 2.5 }, `invalid \`throttle.burstLimit\` 2.5: ${BURST}`],
      ['a burst past 32 bits', { burstLimit: 2 ** 31 }, `invalid \`throttle.burstLimit\` 2147483648: ${BURST}`],
      ['a negative rate', { rateLimit: -0.5 }, `invalid \`throttle.rateLimit\` -0.5: ${RATE}`],
    ])('a throttle with %s is refused', (_label, throttle, message) => {
      const error = errorOf(() => planWith({ throttle }));
      expect(error.message).toBe(`Stack/Plan: ${message} [cdk-apigatewayv2:throttle]`);
      expect(error.constructPath).toBe('Stack/Plan');
    });

    test.each<[string, ThrottleSettings, string]>([
      ['a NaN rate', { rateLimit: NaN }, 'invalid `throttle.rateLimit` NaN in new UsagePlan(): give a finite number'],
      ['an infinite rate', { rateLimit: Infinity }, 'invalid `throttle.rateLimit` Infinity in new UsagePlan(): give a finite number'],
    ])('a throttle with %s is refused with the arguments', (_label, throttle, message) => {
      expect(errorOf(() => planWith({ throttle })).message).toBe(`Stack/Plan: ${message} [cdk-apigatewayv2:argumentType]`);
    });

    test.each<[string, ThrottleSettings]>([
      ['zero rate and burst', { burstLimit: 0, rateLimit: 0 }],
      ['a fractional rate', { burstLimit: 5000, rateLimit: 10.25 }],
      ['the largest burst and a rate far above the account quota (AWS raises quotas)', { burstLimit: 2 ** 31 - 1, rateLimit: 1e9 }],
      ['unresolved numbers', { burstLimit: lazyNumber(-1), rateLimit: lazyNumber(-1) }],
    ])('a throttle with %s is accepted', (_label, throttle) => {
      expect(() => Template.fromStack(planWith({ throttle }))).not.toThrow();
    });
  });

  test('the same app gives the same resources as aws-cdk-lib (logical ids and properties)', () => {
    function build(lib: 'ours' | 'upstream'): { [id: string]: any } {
      const stack = new Stack(new App(), 'Stack');
      const props = {
        description: 'for partners',
        throttle: { rateLimit: 10, burstLimit: 20 },
        usagePlanName: 'partners',
      };
      if (lib === 'ours') {
        const api = new WebSocketApi(stack, 'Api');
        const stage = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
        const plan = new UsagePlan(stack, 'Plan', {
          ...props,
          quota: { limit: 10_000, offset: 10, period: Period.WEEK },
          apiStages: [{ api, stage }],
        });
        plan.addApiKey(new ApiKey(stack, 'Key', { value: 'abcdefghij0123456789' }));
        plan.addApiKey(new ApiKey(stack, 'Key2'), { overrideLogicalId: 'Overridden' });
        UsagePlan.fromUsagePlanId(stack, 'Imported', 'plan123').addApiKey(ApiKey.fromApiKeyId(stack, 'ImportedKey', 'key123'));
      } else {
        const api = new upstream.WebSocketApi(stack, 'Api');
        const stage = new upstream.WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev' });
        const plan = new upstream.UsagePlan(stack, 'Plan', {
          ...props,
          quota: { limit: 10_000, offset: 10, period: upstream.Period.WEEK },
          apiStages: [{ api, stage }],
        });
        plan.addApiKey(new upstream.ApiKey(stack, 'Key', { value: 'abcdefghij0123456789' }));
        plan.addApiKey(new upstream.ApiKey(stack, 'Key2'), { overrideLogicalId: 'Overridden' });
        upstream.UsagePlan.fromUsagePlanId(stack, 'Imported', 'plan123').addApiKey(upstream.ApiKey.fromApiKeyId(stack, 'ImportedKey', 'key123'));
      }
      const resources = Template.fromStack(stack).toJSON().Resources as { [id: string]: any };
      return Object.fromEntries(Object.entries(resources).filter(([, r]) => r.Type.startsWith('AWS::ApiGateway::')));
    }

    const ours = build('ours');
    expect(Object.keys(ours)).toHaveLength(6);
    expect(ours).toEqual(build('upstream'));
  });
});
