import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  HttpApi, HttpIntegration, HttpIntegrationType, HttpMethod, HttpRoute, HttpRouteKey, MappingValue, ParameterMapping, PayloadFormatVersion,
} from '../../lib';
import { HttpLambdaIntegration, HttpUrlIntegration } from '../../lib/integrations';
import { bigStack, urlIntegration } from '../support';

const BACKEND = 'https://backend.example.com';

function integrations(stack: Stack): { [logicalId: string]: { [key: string]: unknown } } {
  return Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Integration');
}

function targets(stack: Stack): string[] {
  const routes = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Route');
  return Object.values(routes).map(r => JSON.stringify(stack.resolve((r as { Properties: { Target: unknown } }).Properties.Target)));
}

describe('identical integrations share one resource', () => {
  test('objects with the same backend call share the first one\'s integration', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('A', BACKEND) });
    api.addRoutes({ path: '/b', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('B', BACKEND) });
    api.addRoutes({ path: '/c', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('C', BACKEND) });

    expect(Object.keys(integrations(stack))).toEqual([expect.stringMatching(/^ApiGETaA[0-9A-F]{8}$/)]);
    expect(new Set(targets(stack)).size).toBe(1);
  });

  test.each([
    ['URI', new HttpUrlIntegration('B', 'https://other.example.com')],
    ['method', new HttpUrlIntegration('B', BACKEND, { method: HttpMethod.POST })],
    ['timeout', new HttpUrlIntegration('B', BACKEND, { timeout: Duration.seconds(5) })],
    ['parameter mapping', new HttpUrlIntegration('B', BACKEND, {
      parameterMapping: new ParameterMapping().overwriteHeader('x-a', MappingValue.custom('1')),
    })],
  ])('a different %s keeps its own integration', (_what, other) => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new HttpUrlIntegration('A', BACKEND) });
    api.addRoutes({ path: '/b', integration: other });

    expect(Object.keys(integrations(stack))).toHaveLength(2);
  });

  test('parameter mappings with the same entries in another order are the same call', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    const mapping = (first: string, second: string) => new ParameterMapping()
      .overwriteHeader(first, MappingValue.custom('1')).overwriteHeader(second, MappingValue.custom('1'));
    api.addRoutes({ path: '/a', integration: new HttpUrlIntegration('A', BACKEND, { parameterMapping: mapping('x-a', 'x-b') }) });
    api.addRoutes({ path: '/b', integration: new HttpUrlIntegration('B', BACKEND, { parameterMapping: mapping('x-b', 'x-a') }) });

    expect(Object.keys(integrations(stack))).toHaveLength(1);
  });

  test('Lambda integrations of one function share an integration and a permission; another payload version does not', () => {
    const stack = new Stack();
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new HttpLambdaIntegration('A', fn) });
    api.addRoutes({ path: '/b', integration: new HttpLambdaIntegration('B', fn) });
    api.addRoutes({ path: '/c', integration: new HttpLambdaIntegration('C', fn, { payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
  });

  test('shareIntegrations: false keeps one integration per object, like aws-cdk-lib', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api', { shareIntegrations: false });
    api.addRoutes({ path: '/a', integration: new HttpUrlIntegration('A', BACKEND) });
    api.addRoutes({ path: '/b', integration: new HttpUrlIntegration('B', BACKEND) });

    expect(Object.keys(integrations(stack))).toHaveLength(2);
  });

  test('sharing is per API', () => {
    const stack = new Stack();
    new HttpApi(stack, 'One').addRoutes({ path: '/a', integration: new HttpUrlIntegration('A', BACKEND) });
    new HttpApi(stack, 'Two').addRoutes({ path: '/a', integration: new HttpUrlIntegration('A', BACKEND) });

    expect(Object.keys(integrations(stack))).toHaveLength(2);
  });

  test('400 routes over 50 backends need 50 integrations', () => {
    const stack = bigStack();
    const api = new HttpApi(stack, 'Api');
    for (let i = 0; i < 400; i++) {
      api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration: new HttpUrlIntegration(`I${i}`, `https://backend${i % 50}.example.com`) });
    }
    expect(Object.keys(integrations(stack))).toHaveLength(50);
  });

  test('logical ids of existing resources stay the same when routes are added', () => {
    const build = (extra: number) => {
      const stack = new Stack();
      const api = new HttpApi(stack, 'Api');
      for (let i = 0; i < 5 + extra; i++) {
        api.addRoutes({ path: `/r${i}`, integration: new HttpUrlIntegration(`I${i}`, `https://backend${i % 3}.example.com`) });
      }
      return Template.fromStack(stack).toJSON().Resources as Record<string, unknown>;
    };
    const before = build(0);
    const after = build(4);
    for (const [id, resource] of Object.entries(before)) {
      expect(after[id]).toEqual(resource);
    }
  });
});

describe('the 300-integration quota', () => {
  const addDistinct = (api: HttpApi, count: number) => {
    for (let i = 0; i < count; i++) {
      api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration: urlIntegration(`I${i}`, `https://backend${i}.example.com`) });
    }
  };

  test('300 integrations pass', () => {
    const stack = bigStack();
    addDistinct(new HttpApi(stack, 'Api'), 300);
    expect(Object.keys(integrations(stack))).toHaveLength(300);
  });

  test('the 301st is refused, naming the quota and the fix', () => {
    const stack = bigStack();
    const api = new HttpApi(stack, 'Api');
    addDistinct(api, 300);
    expect(() => api.addRoutes({ path: '/one-more', integration: urlIntegration('Extra', 'https://extra.example.com') }))
      .toThrow('Stack/Api/ANY--one-more: too many integrations on the HTTP API at Stack/Api: integration \'Extra\' would be number 301, '
        + 'and API Gateway allows at most 300 per HTTP API (a quota it does not raise); reuse one integration object for routes that call the same backend');
  });

  test('integrations created directly count too, as WebSocket ones do', () => {
    const stack = bigStack();
    const api = new HttpApi(stack, 'Api');
    addDistinct(api, 299);
    new HttpIntegration(stack, 'Direct', { httpApi: api, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: 'https://direct.example.com' });
    expect(() => api.addRoutes({ path: '/one-more', integration: urlIntegration('Extra', 'https://extra.example.com') }))
      .toThrow("integration 'Extra' would be number 301");
  });

  test('a 301st route on a shared integration passes', () => {
    const stack = bigStack();
    const api = new HttpApi(stack, 'Api');
    addDistinct(api, 300);
    api.addRoutes({ path: '/one-more', integration: urlIntegration('Extra', 'https://backend0.example.com') });
    expect(Object.keys(integrations(stack))).toHaveLength(300);
  });
});

describe('routes in other stacks', () => {
  test('an integration object used in two stacks gets a copy in each, with no dependency cycle', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new HttpApi(apiStack, 'Api');
    const shared = new HttpUrlIntegration('Shared', BACKEND);
    // The other stack binds it first: its copy must not become the API stack's integration.
    new HttpRoute(routeStack, 'Remote', { httpApi: api, routeKey: HttpRouteKey.with('/remote', HttpMethod.GET), integration: shared });
    api.addRoutes({ path: '/local', integration: shared });

    expect(() => app.synth()).not.toThrow();
    expect(Object.keys(integrations(apiStack))).toHaveLength(1);
    expect(Object.keys(integrations(routeStack))).toHaveLength(1);
  });
});

describe('reserved integration ids', () => {
  test.each(['Default', 'Resource'])('%p is refused, since CDK leaves it out of logical ids', (id) => {
    expect(() => urlIntegration(id)).toThrow(`invalid integration id '${id}': CDK hides the id '${id}' in logical ids`);
  });

  test('a longer id containing them passes', () => {
    expect(() => urlIntegration('DefaultIntegration')).not.toThrow();
  });
});
