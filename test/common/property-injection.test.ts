import { App, PropertyInjectors, Stack } from 'aws-cdk-lib';
import type { InjectionContext } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import type { HttpApiProps, HttpRouteProps, HttpStageProps, WebSocketApiProps } from '../../lib';
import {
  ApiKey,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  RateLimitedApiKey,
  WebSocketApi,
} from '../../lib';
import { ApiGatewayV2Error } from '../../lib/private/error';
import { constructorEntry, injectProps } from '../../lib/private/property-injection';
import { ENTRIES } from '../../lib/private/signatures';
import * as lib from '../../lib';
import { urlIntegration } from '../support';

describe('property injection', () => {
  test('every construct class has its own PROPERTY_INJECTION_ID', () => {
    expect(HttpApi.PROPERTY_INJECTION_ID).toBe('cdk-apigatewayv2.HttpApi');
    expect(HttpStage.PROPERTY_INJECTION_ID).toBe('cdk-apigatewayv2.HttpStage');
    expect(ApiKey.PROPERTY_INJECTION_ID).toBe('cdk-apigatewayv2.ApiKey');
    expect(RateLimitedApiKey.PROPERTY_INJECTION_ID).toBe('cdk-apigatewayv2.RateLimitedApiKey');
  });

  test('the props an injector returns are checked as the constructor checks its own', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: HttpApi.PROPERTY_INJECTION_ID,
      inject: (props: HttpApiProps) => ({ ...props, templateCompatibility: 'aws-cdk' as any }),
    });
    let thrown: unknown;
    try {
      new HttpApi(new Stack(app, 'Stack'), 'Api');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiGatewayV2Error);
    expect((thrown as Error).message).toMatch(/^Stack\/Api: invalid `templateCompatibility` 'aws-cdk' in new HttpApi\(\): use TemplateCompatibility\./);
  });

  test('every PROPERTY_INJECTION_ID names a constructor the argument checks know', () => {
    const ids = Object.values(lib).flatMap(value => typeof value === 'function' && typeof (value as any).PROPERTY_INJECTION_ID === 'string'
      ? [(value as any).PROPERTY_INJECTION_ID as string] : []);
    expect(ids.length).toBeGreaterThan(15);
    expect(ids.filter(id => !(constructorEntry(id) in ENTRIES))).toEqual([]);
  });

  test('an injector on the app changes a new HttpApi\'s props', () => {
    const app = new App();
    const contexts: InjectionContext[] = [];
    PropertyInjectors.of(app).add({
      constructUniqueId: HttpApi.PROPERTY_INJECTION_ID,
      inject: (props: HttpApiProps, context: InjectionContext) => {
        contexts.push(context);
        return { ...props, description: 'injected' };
      },
    });
    const stack = new Stack(app, 'Stack');
    new HttpApi(stack, 'Api');

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { Description: 'injected' });
    expect(contexts).toHaveLength(1);
    expect(contexts[0].scope).toBe(stack);
    expect(contexts[0].id).toBe('Api');
  });

  test('explicit props reach the injector, which can override them', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: HttpApi.PROPERTY_INJECTION_ID,
      inject: (props: HttpApiProps) => ({ ...props, description: `${props.description} and injected` }),
    });
    const stack = new Stack(app, 'Stack');
    new HttpApi(stack, 'Api', { description: 'given' });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { Description: 'given and injected' });
  });

  test('an injector on a stage\'s scope applies to HttpStage, including the props passed to super', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    const stages = new Construct(stack, 'Stages');
    PropertyInjectors.of(stages).add({
      constructUniqueId: HttpStage.PROPERTY_INJECTION_ID,
      inject: (props: HttpStageProps) => ({ ...props, stageName: 'injected', detailedMetricsEnabled: true }),
    });
    const stage = new HttpStage(stages, 'Stage', { httpApi: api, stageName: 'beta' });
    new HttpStage(stack, 'Outside', { httpApi: api, stageName: 'outside' });

    expect(stage.stageName).toBe('injected');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'injected',
      DefaultRouteSettings: { DetailedMetricsEnabled: true },
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'outside' });
    t.resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
  });

  test('an injector on one stack does not apply to another stack', () => {
    const app = new App();
    const injected = new Stack(app, 'Injected');
    const other = new Stack(app, 'Other');
    PropertyInjectors.of(injected).add({
      constructUniqueId: HttpApi.PROPERTY_INJECTION_ID,
      inject: (props: HttpApiProps) => ({ ...props, description: 'injected' }),
    });
    new HttpApi(injected, 'Api');
    new HttpApi(other, 'Api');

    Template.fromStack(injected).hasResourceProperties('AWS::ApiGatewayV2::Api', { Description: 'injected' });
    Template.fromStack(other).hasResourceProperties('AWS::ApiGatewayV2::Api', { Description: Match.absent() });
  });

  test('the nearest scope with an injector for the class wins', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: HttpApi.PROPERTY_INJECTION_ID,
      inject: (props: HttpApiProps) => ({ ...props, description: 'from app' }),
    });
    const stack = new Stack(app, 'Stack');
    PropertyInjectors.of(stack).add({
      constructUniqueId: HttpApi.PROPERTY_INJECTION_ID,
      inject: (props: HttpApiProps) => ({ ...props, description: 'from stack' }),
    });
    // A scope in between with injectors for other classes only: the search goes on past it.
    const group = new Construct(stack, 'Group');
    PropertyInjectors.of(group).add({
      constructUniqueId: WebSocketApi.PROPERTY_INJECTION_ID,
      inject: (props: WebSocketApiProps) => props,
    });
    new HttpApi(group, 'Api');

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { Description: 'from stack' });
  });

  test('a WebSocketApi injector', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: WebSocketApi.PROPERTY_INJECTION_ID,
      inject: (props: WebSocketApiProps) => ({ ...props, apiName: 'injected-name', description: 'injected' }),
    });
    const stack = new Stack(app, 'Stack');
    const api = new WebSocketApi(stack, 'Api');

    expect(api.webSocketApiName).toBe('injected-name');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'injected-name',
      Description: 'injected',
      ProtocolType: 'WEBSOCKET',
    });
  });

  test('an HttpRoute injector', () => {
    const app = new App();
    PropertyInjectors.of(app).add({
      constructUniqueId: HttpRoute.PROPERTY_INJECTION_ID,
      inject: (props: HttpRouteProps) => ({ ...props, routeKey: HttpRouteKey.with('/injected', HttpMethod.POST) }),
    });
    const stack = new Stack(app, 'Stack');
    const api = new HttpApi(stack, 'Api');
    const [route] = api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('Books') });

    expect(route.path).toBe('/injected');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /injected' });
    t.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
  });

  test('a RateLimitedApiKey injector, and the ApiKey injector for the key it creates', () => {
    const app = new App();
    PropertyInjectors.of(app).add(
      {
        constructUniqueId: RateLimitedApiKey.PROPERTY_INJECTION_ID,
        inject: (props: object) => ({ ...props, apiKeyName: 'rate-limited', description: 'rate limited' }),
      },
      {
        constructUniqueId: ApiKey.PROPERTY_INJECTION_ID,
        inject: (props: object) => ({ ...props, enabled: false }),
      },
    );
    const stack = new Stack(app, 'Stack');
    new RateLimitedApiKey(stack, 'Key');

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::ApiKey', {
      Name: 'rate-limited',
      Description: 'rate limited',
      Enabled: false,
    });
  });

  test('no injector leaves the template unchanged, and attaches no PropertyInjectors to any scope', () => {
    const build = (app: App): Template => {
      const stack = new Stack(app, 'Stack');
      const api = new HttpApi(stack, 'Api');
      api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('Books') });
      new WebSocketApi(stack, 'Ws');
      new RateLimitedApiKey(stack, 'Key', { apiKeyName: 'key' });
      expect(PropertyInjectors.hasPropertyInjectors(stack)).toBe(false);
      return Template.fromStack(stack);
    };

    const plainApp = new App();
    const plain = build(plainApp).toJSON();
    expect(PropertyInjectors.hasPropertyInjectors(plainApp)).toBe(false);

    // Injectors for other classes only.
    const otherApp = new App();
    PropertyInjectors.of(otherApp).add({ constructUniqueId: 'some.OtherConstruct', inject: (props: object) => ({ ...props, description: 'x' }) });
    expect(build(otherApp).toJSON()).toEqual(plain);
  });

  test('injectProps returns the props themselves without an injector', () => {
    const stack = new Stack(new App(), 'Stack');
    const props = { description: 'd' };
    expect(injectProps(HttpApi.PROPERTY_INJECTION_ID, props, stack, 'Api')).toBe(props);
    expect(PropertyInjectors.hasPropertyInjectors(stack)).toBe(false);
  });
});
