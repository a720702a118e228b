import { CfnParameter, Duration, Fn, Lazy, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IApiRef } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IConstruct } from 'constructs';
import type { HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../../lib';
import {
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpApiHelper,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  IpAddressType,
} from '../../lib';
import { certificate, errorOf, newStack, RecordingUrlIntegration, template, urlIntegration } from '../support';

/** An authorizer that returns a fixed bind result, like a JWT authorizer of an existing authorizer id. */
class FixedAuthorizer implements IHttpRouteAuthorizer {
  constructor(private readonly config: HttpRouteAuthorizerConfig) {}
  public bind(): HttpRouteAuthorizerConfig {
    return this.config;
  }
}

const jwt = (scopes?: string[]) => new FixedAuthorizer({ authorizerId: 'auth-1', authorizationType: 'JWT', authorizationScopes: scopes });

function logicalId(construct: IConstruct): string {
  const child = construct.node.defaultChild as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

function scopes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `scope-${i + 1}`);
}

describe('HttpApi with minimal props', () => {
  test('an HTTP API named after its construct id, with an auto-deployed $default stage', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const t = template(stack);

    expect(t.toJSON().Resources.ApiF70053CD).toEqual({
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: { Name: 'Api', ProtocolType: 'HTTP' },
    });
    expect(t.toJSON().Resources.ApiDefaultStage189A7074).toEqual({
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: { ApiId: { Ref: 'ApiF70053CD' }, StageName: '$default', AutoDeploy: true },
    });
    expect(Object.keys(t.toJSON().Resources)).toHaveLength(2);
    expect(api.httpApiName).toBe('Api');
    expect(api.defaultStage).toBeInstanceOf(HttpStage);
    expect((api.defaultStage as HttpStage).node.id).toBe('DefaultStage');
    expect(api.defaultStage!.stageName).toBe('$default');
    expect(api.isHttpApi).toBe(true);
    expect(api.disableExecuteApiEndpoint).toBeUndefined();
    expect(api.defaultAuthorizer).toBeUndefined();
    expect(api.defaultAuthorizationScopes).toBeUndefined();
  });

  test('apiId, httpApiId and apiRef.apiId are the Api Ref; the default child is aws-cdk-lib CfnApi', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const ref: IApiRef = api;
    expect(stack.resolve(api.apiId)).toEqual({ Ref: 'ApiF70053CD' });
    expect(stack.resolve(api.httpApiId)).toEqual({ Ref: 'ApiF70053CD' });
    expect(stack.resolve(ref.apiRef.apiId)).toEqual({ Ref: 'ApiF70053CD' });
    expect(api.node.defaultChild).toBeInstanceOf(CfnApi);
    expect((api.node.defaultChild as CfnApi).node.id).toBe('Resource');
  });

  test('apiEndpoint is the ApiEndpoint attribute', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expect(stack.resolve(api.apiEndpoint)).toEqual({ 'Fn::GetAtt': ['ApiF70053CD', 'ApiEndpoint'] });
  });

  test('url is the $default stage URL', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expect(stack.resolve(api.url)).toEqual({
      'Fn::Join': ['', [
        'https://', { Ref: 'ApiF70053CD' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/',
      ]],
    });
  });
});

describe('HttpApi props', () => {
  test('apiName and description', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { apiName: 'books-api', description: 'the books API' });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'books-api',
      Description: 'the books API',
      ProtocolType: 'HTTP',
    });
    expect(api.httpApiName).toBe('books-api');
  });

  test('defaultIntegration creates the $default route `DefaultRoute` and its integration', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultIntegration: urlIntegration('DefaultIntegration') });
    const resources = template(stack).toJSON().Resources;

    expect(api.node.findChild('DefaultRoute')).toBeInstanceOf(HttpRoute);
    expect(resources.ApiDefaultRoute1D83B0D8).toEqual({
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'ApiF70053CD' },
        RouteKey: '$default',
        AuthorizationType: 'NONE',
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'ApiDefaultRouteDefaultIntegrationDF849BE0' }]] },
      },
    });
    expect(resources.ApiDefaultRouteDefaultIntegrationDF849BE0.Properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://backend.example.com',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
    });
  });

  test('the $default route gets the default authorizer and scopes', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', {
      defaultIntegration: urlIntegration('DefaultIntegration'),
      defaultAuthorizer: jwt(),
      defaultAuthorizationScopes: ['books/read', 'books/write'],
    });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default',
      AuthorizationType: 'JWT',
      AuthorizerId: 'auth-1',
      AuthorizationScopes: ['books/read', 'books/write'],
    });
    expect(api.defaultAuthorizationScopes).toEqual(['books/read', 'books/write']);
  });

  test('createDefaultStage false: no stage, no defaultStage, no url', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
    expect(api.defaultStage).toBeUndefined();
    expect(api.url).toBeUndefined();
  });

  test('createDefaultStage true is the default', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { createDefaultStage: true });
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
  });

  test('corsPreflight renders every setting, maxAge in seconds', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', {
      corsPreflight: {
        allowCredentials: true,
        allowHeaders: ['Authorization'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.ANY],
        allowOrigins: ['https://example.com', 'https://www.example.com'],
        exposeHeaders: ['X-Total-Count'],
        maxAge: Duration.minutes(10),
      },
    });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowCredentials: true,
        AllowHeaders: ['Authorization'],
        AllowMethods: ['GET', '*'],
        AllowOrigins: ['https://example.com', 'https://www.example.com'],
        ExposeHeaders: ['X-Total-Count'],
        MaxAge: 600,
      },
    });
  });

  test('corsPreflight with only origins renders only origins', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { corsPreflight: { allowOrigins: ['*'] } });
    expect(template(stack).toJSON().Resources.ApiF70053CD.Properties.CorsConfiguration).toEqual({ AllowOrigins: ['*'] });
  });

  test('no corsPreflight, no CorsConfiguration', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api');
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  test('disableExecuteApiEndpoint is rendered, and apiEndpoint is refused', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { disableExecuteApiEndpoint: true });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    expect(api.disableExecuteApiEndpoint).toBe(true);
    const error = errorOf(() => api.apiEndpoint);
    expect(error.message).toBe('Stack/Api: `apiEndpoint` is not available because `disableExecuteApiEndpoint` is true: '
      + 'use a custom domain\'s URL, or enable the endpoint [cdk-apigatewayv2:attributeUnavailable]');
    expect(error.constructPath).toBe('Stack/Api');
  });

  test('disableExecuteApiEndpoint false keeps apiEndpoint readable', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { disableExecuteApiEndpoint: false });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    expect(stack.resolve(api.apiEndpoint)).toEqual({ 'Fn::GetAtt': ['ApiF70053CD', 'ApiEndpoint'] });
  });

  test('routeSelectionExpression true sets the HTTP expression; false leaves it out', () => {
    const stack = newStack();
    new HttpApi(stack, 'On', { routeSelectionExpression: true });
    new HttpApi(stack, 'Off', { routeSelectionExpression: false });
    const resources = template(stack).toJSON().Resources;
    const apis = Object.values(resources).filter((r: any) => r.Type === 'AWS::ApiGatewayV2::Api') as any[];
    expect(apis.map(a => a.Properties.RouteSelectionExpression)).toEqual(['${request.method} ${request.path}', undefined]);
  });

  test.each([
    [IpAddressType.IPV4, 'ipv4'],
    [IpAddressType.DUAL_STACK, 'dualstack'],
  ])('ipAddressType %s', (ipAddressType, rendered) => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { ipAddressType });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { IpAddressType: rendered });
  });
});

describe('HttpApi.addRoutes', () => {
  test('one route per method, with construct ids `${method}${path}`', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const routes = api.addRoutes({
      path: '/books',
      methods: [HttpMethod.GET, HttpMethod.POST],
      integration: urlIntegration('BooksIntegration'),
    });

    expect(routes).toHaveLength(2);
    // The construct id is `${method}${path}`; the constructs library writes its '/' as '--'.
    expect(routes.map(r => r.node.id)).toEqual(['GET--books', 'POST--books']);
    expect(routes.map(r => r.node.scope)).toEqual([api, api]);
    expect(routes.map(logicalId)).toEqual(['ApiGETbooks8DB43838', 'ApiPOSTbooks6D69C47B']);
    expect(routes.map(r => r.routeKey.key)).toEqual(['GET /books', 'POST /books']);
    const resources = template(stack).toJSON().Resources;
    expect(resources.ApiGETbooks8DB43838.Properties.RouteKey).toBe('GET /books');
    expect(resources.ApiPOSTbooks6D69C47B.Properties.RouteKey).toBe('POST /books');
  });

  test('methods default to ANY', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const [route] = api.addRoutes({ path: '/books/{id}', integration: urlIntegration('BookIntegration') });
    expect(route.node.id).toBe('ANY--books--{id}');
    expect(logicalId(route)).toBe('ApiANYbooksid8004C727');
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /books/{id}', AuthorizationType: 'NONE' });
  });

  test('the integration is created once, under the first route, and reused by later routes', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const integration = new RecordingUrlIntegration('BooksIntegration');
    const [get] = api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    api.addRoutes({ path: '/authors', integration });

    const t = template(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    expect(get.node.tryFindChild('BooksIntegration')).toBeDefined();
    expect(integration.bindCount).toBe(1);
    const targets = Object.values(t.findResources('AWS::ApiGatewayV2::Route')).map((r: any) => r.Properties.Target);
    expect(targets).toEqual(Array(3).fill({ 'Fn::Join': ['', ['integrations/', { Ref: 'ApiGETbooksBooksIntegration54B29E73' }]] }));
  });

  test('addRoutes refuses a key it already created', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('A') });
    const error = errorOf(() => api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('B') }));
    expect(error.message).toBe('Stack/Api: duplicate `routeKey` \'GET /books\': an HTTP API has one route per method and path: '
      + 'remove the second route or change its method or path [cdk-apigatewayv2:duplicateRoute]');
  });

  test('the same path with other methods, and ANY beside GET, pass', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const integration = new RecordingUrlIntegration('A');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration });
    api.addRoutes({ path: '/books', methods: [HttpMethod.POST, HttpMethod.ANY], integration });
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Route', 3);
  });
});

describe('HttpApi.addStage', () => {
  test('creates a stage under the API', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const stage = api.addStage('Beta', { stageName: 'beta', autoDeploy: true });
    expect(stage).toBeInstanceOf(HttpStage);
    expect(stage.node.path).toBe('Stack/Api/Beta');
    expect(stage.api).toBe(api);
    expect(logicalId(stage)).toBe('ApiBeta2B1A7D74');
    expect(template(stack).toJSON().Resources.ApiBeta2B1A7D74).toEqual({
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: { ApiId: { Ref: 'ApiF70053CD' }, StageName: 'beta', AutoDeploy: true },
    });
    expect(stack.resolve(stage.url)).toEqual({
      'Fn::Join': ['', [
        'https://', { Ref: 'ApiF70053CD' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/beta',
      ]],
    });
  });
});

describe('HttpApi.fromHttpApiAttributes', () => {
  test('apiId, httpApiId, apiRef and apiEndpoint as given', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123', apiEndpoint: 'https://abc123.example.com' });
    expect(api.apiId).toBe('abc123');
    expect(api.apiRef.apiId).toBe('abc123');
    expect(api.apiEndpoint).toBe('https://abc123.example.com');
    expect(api.isHttpApi).toBe(true);
    expect(api.defaultStage).toBeUndefined();
    expect(api.defaultAuthorizer).toBeUndefined();
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Api', 0);
  });

  test('apiEndpoint is refused when it was not given', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    const error = errorOf(() => api.apiEndpoint);
    expect(error.message).toBe('Stack/Imported: the `apiEndpoint` of this imported HTTP API is unknown: '
      + 'pass `apiEndpoint` to HttpApi.fromHttpApiAttributes() [cdk-apigatewayv2:attributeUnavailable]');
  });

  test('routes of an import are created, and checked against each other', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    const integration = new RecordingUrlIntegration('Integration');
    const route = new HttpRoute(stack, 'Get', { httpApi: api, routeKey: HttpRouteKey.with('/pets/{id}', HttpMethod.GET), integration });
    new HttpRoute(stack, 'Put', { httpApi: api, routeKey: HttpRouteKey.with('/pets/{id}', HttpMethod.PUT), integration });

    const t = template(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { ApiId: 'abc123', RouteKey: 'GET /pets/{id}', AuthorizationType: 'NONE' });
    t.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ApiId: 'abc123' });
    expect(route.httpApi).toBe(api);

    const duplicate = errorOf(() => new HttpRoute(stack, 'Again', {
      httpApi: api, routeKey: HttpRouteKey.with('/pets/{id}', HttpMethod.GET), integration,
    }));
    expect(duplicate.message).toContain('duplicate `routeKey` \'GET /pets/{id}\'');
    const conflict = errorOf(() => new HttpRoute(stack, 'Conflict', {
      httpApi: api, routeKey: HttpRouteKey.with('/pets/{petId}', HttpMethod.DELETE), integration,
    }));
    expect(conflict.message).toContain('rename \'{petId}\' to \'{id}\'');
  });

  test('two imports of the same API id keep separate route tables', () => {
    // Each import only sees the routes added through it: this app cannot see deployed routes.
    const stack = newStack();
    const a = HttpApi.fromHttpApiAttributes(stack, 'A', { httpApiId: 'abc123' });
    const b = HttpApi.fromHttpApiAttributes(stack, 'B', { httpApiId: 'abc123' });
    new HttpRoute(stack, 'RouteA', { httpApi: a, routeKey: HttpRouteKey.with('/x', HttpMethod.GET), integration: urlIntegration('IA') });
    new HttpRoute(stack, 'RouteB', { httpApi: b, routeKey: HttpRouteKey.with('/x', HttpMethod.GET), integration: urlIntegration('IB') });
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Route', 2);
  });
});

describe('metrics', () => {
  test.each([
    ['metricClientError', '4xx', 'Sum'],
    ['metricServerError', '5xx', 'Sum'],
    ['metricDataProcessed', 'DataProcessed', 'Sum'],
    ['metricCount', 'Count', 'SampleCount'],
    ['metricIntegrationLatency', 'IntegrationLatency', 'Average'],
    ['metricLatency', 'Latency', 'Average'],
  ] as const)('%s is %s, %s, by ApiId in AWS/ApiGateway', (method, metricName, statistic) => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const metric = api[method]();
    expect(metric.metricName).toBe(metricName);
    expect(metric.statistic).toBe(statistic);
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.period.toSeconds()).toBe(300);
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: 'ApiF70053CD' } });
  });

  test('options override the defaults', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const metric = api.metricClientError({ statistic: 'Maximum', period: Duration.minutes(1) });
    expect(metric.statistic).toBe('Maximum');
    expect(metric.period.toSeconds()).toBe(60);
    expect(metric.metricName).toBe('4xx');
  });

  test('metric(name) of an import uses the imported id', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    const metric = api.metric('Custom');
    expect(metric.metricName).toBe('Custom');
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.dimensions).toEqual({ ApiId: 'abc123' });
    expect(api.metricCount().statistic).toBe('SampleCount');
  });
});

describe('arnForExecuteApi', () => {
  const arn = (resource: string) => ({
    'Fn::Join': ['', [
      'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
      { Ref: 'ApiF70053CD' }, resource,
    ]],
  });

  test('defaults: every stage, method and path', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expect(stack.resolve(api.arnForExecuteApi())).toEqual(arn('/*/*/*'));
  });

  test('method, path and stage', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expect(stack.resolve(api.arnForExecuteApi('GET', '/books', 'prod'))).toEqual(arn('/prod/GET/books'));
    expect(stack.resolve(api.arnForExecuteApi('POST'))).toEqual(arn('/*/POST/*'));
  });

  test.each(['ANY', 'any', 'Any'])('method %s becomes *', (method) => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expect(stack.resolve(api.arnForExecuteApi(method, '/books'))).toEqual(arn('/*/*/books'));
  });

  test('a path without a leading / is refused', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const error = errorOf(() => api.arnForExecuteApi('GET', 'books'));
    expect(error.message).toBe('Stack/Api: invalid `path` \'books\' for arnForExecuteApi: a path starts with \'/\'; use \'/books\' [cdk-apigatewayv2:executeApiArnPath]');
  });

  test('an import uses its id and the stack environment', () => {
    const stack = new Stack(undefined, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    expect(stack.resolve(api.arnForExecuteApi('GET', '/books'))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:111111111111:abc123/*/GET/books']],
    });
  });
});

describe('refused route sets, with their valid neighbours', () => {
  function apiIn(stack: Stack, props = {}): HttpApi {
    return new HttpApi(stack, 'Api', props);
  }

  test('addRoutes twice with the same key', () => {
    const stack = newStack();
    const api = apiIn(stack);
    api.addRoutes({ path: '/books', integration: urlIntegration('A') });
    const error = errorOf(() => api.addRoutes({ path: '/books', integration: urlIntegration('B') }));
    expect(error.message).toContain('duplicate `routeKey` \'ANY /books\'');
    expect(error.message).toContain('remove the second route or change its method or path');
  });

  test('a route created with new HttpRoute, then the same key with addRoutes', () => {
    const stack = newStack();
    const api = apiIn(stack);
    new HttpRoute(stack, 'Direct', { httpApi: api, routeKey: HttpRouteKey.with('/books', HttpMethod.GET), integration: urlIntegration('A') });
    const error = errorOf(() => api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('B') }));
    expect(error.message).toBe('Stack/Api: duplicate `routeKey` \'GET /books\': an HTTP API has one route per method and path: '
      + 'remove the second route or change its method or path [cdk-apigatewayv2:duplicateRoute]');
  });

  test('addRoutes, then the same key with new HttpRoute', () => {
    const stack = newStack();
    const api = apiIn(stack);
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('A') });
    const error = errorOf(() => new HttpRoute(stack, 'Direct', {
      httpApi: api, routeKey: HttpRouteKey.with('/books', HttpMethod.GET), integration: urlIntegration('B'),
    }));
    expect(error.message).toContain('Stack/Direct: duplicate `routeKey` \'GET /books\'');
  });

  test('a direct route beside addRoutes with another method passes', () => {
    const stack = newStack();
    const api = apiIn(stack);
    new HttpRoute(stack, 'Direct', { httpApi: api, routeKey: HttpRouteKey.with('/books', HttpMethod.GET), integration: urlIntegration('A') });
    api.addRoutes({ path: '/books', methods: [HttpMethod.POST], integration: urlIntegration('B') });
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Route', 2);
  });

  test('two $default routes: defaultIntegration and new HttpRoute(HttpRouteKey.DEFAULT)', () => {
    const stack = newStack();
    const api = apiIn(stack, { defaultIntegration: urlIntegration('DefaultIntegration') });
    const error = errorOf(() => new HttpRoute(stack, 'Other', {
      httpApi: api, routeKey: HttpRouteKey.DEFAULT, integration: urlIntegration('Other'),
    }));
    expect(error.message).toContain('Stack/Other: duplicate `routeKey` \'$default\'');
  });

  test('one $default route created with new HttpRoute passes', () => {
    const stack = newStack();
    const api = apiIn(stack);
    new HttpRoute(stack, 'Catchall', { httpApi: api, routeKey: HttpRouteKey.DEFAULT, integration: urlIntegration('A') });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
  });

  test('conflicting sibling variables', () => {
    const stack = newStack();
    const api = apiIn(stack);
    api.addRoutes({ path: '/pets/{id}', methods: [HttpMethod.GET], integration: urlIntegration('A') });
    const error = errorOf(() => api.addRoutes({ path: '/pets/{petId}', methods: [HttpMethod.DELETE], integration: urlIntegration('B') }));
    expect(error.message).toBe('Stack/Api/DELETE--pets--{petId}: conflicting `routeKey` \'DELETE /pets/{petId}\': '
      + 'variable \'{petId}\' sits under \'/pets\' where route \'GET /pets/{id}\' has \'{id}\', '
      + 'and API Gateway allows one variable name per level: rename \'{petId}\' to \'{id}\' [cdk-apigatewayv2:routeVariableConflict]');
  });

  test('the same variable name on a level, and other names on other levels, pass', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const integration = new RecordingUrlIntegration('A');
    api.addRoutes({ path: '/pets/{id}', methods: [HttpMethod.GET], integration });
    api.addRoutes({ path: '/pets/{id}', methods: [HttpMethod.DELETE], integration });
    api.addRoutes({ path: '/pets/{id}/toys/{toyId}', integration });
    api.addRoutes({ path: '/owners/{petId}', integration });
    api.addRoutes({ path: '/pets/{proxy+}', integration });
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Route', 5);
  });

  test('a greedy variable that is not the last segment', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const error = errorOf(() => api.addRoutes({ path: '/files/{proxy+}/meta', integration: urlIntegration('A') }));
    expect(error.message).toBe('Stack/Api: invalid route `path` \'/files/{proxy+}/meta\': greedy variable \'{proxy+}\' must be the last segment: '
      + 'end the path there or use \'{proxy}\' [cdk-apigatewayv2:routePath]');
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Route', 0);
  });

  test('a greedy variable as the last segment passes', () => {
    const stack = newStack();
    apiIn(stack).addRoutes({ path: '/files/{proxy+}', integration: urlIntegration('A') });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /files/{proxy+}' });
  });

  test('a variable name used twice in one path', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const error = errorOf(() => api.addRoutes({ path: '/users/{id}/posts/{id}', integration: urlIntegration('A') }));
    expect(error.message).toBe('Stack/Api: invalid route `path` \'/users/{id}/posts/{id}\': variable name \'id\' appears more than once: '
      + 'give each variable in a path its own name [cdk-apigatewayv2:routePath]');
  });

  test('distinct variable names in one path pass', () => {
    const stack = newStack();
    apiIn(stack).addRoutes({ path: '/users/{id}/posts/{postId}', integration: urlIntegration('A') });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /users/{id}/posts/{postId}' });
  });

  test('a path without a leading /', () => {
    const stack = newStack();
    const error = errorOf(() => apiIn(stack).addRoutes({ path: 'books', integration: urlIntegration('A') }));
    expect(error.message).toBe('Stack/Api: invalid route `path` \'books\': a path must start with \'/\': use \'/books\' [cdk-apigatewayv2:routePath]');
  });

  test('a path with a trailing /', () => {
    const stack = newStack();
    const error = errorOf(() => apiIn(stack).addRoutes({ path: '/books/', integration: urlIntegration('A') }));
    expect(error.message).toBe('Stack/Api: invalid route `path` \'/books/\': a path must not end with \'/\': use \'/books\' [cdk-apigatewayv2:routePath]');
  });

  test('the root path / passes', () => {
    const stack = newStack();
    const [route] = apiIn(stack).addRoutes({ path: '/', methods: [HttpMethod.GET], integration: urlIntegration('A') });
    expect(route.node.id).toBe('GET--');
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /' });
  });
});

describe('refused CORS settings, with their valid neighbours', () => {
  test('allowCredentials with the origin *', () => {
    const stack = newStack();
    const error = errorOf(() => new HttpApi(stack, 'Api', { corsPreflight: { allowCredentials: true, allowOrigins: ['https://a.example.com', '*'] } }));
    expect(error.message).toBe('Stack/Api: invalid `corsPreflight`: `allowCredentials` cannot be used with the origin \'*\' '
      + '(browsers refuse it); list the allowed origins explicitly in `allowOrigins` [cdk-apigatewayv2:corsCredentialsWildcard]');
  });

  test('allowCredentials with listed origins, and * without credentials, pass', () => {
    const stack = newStack();
    new HttpApi(stack, 'A', { corsPreflight: { allowCredentials: true, allowOrigins: ['https://a.example.com'] } });
    new HttpApi(stack, 'B', { corsPreflight: { allowCredentials: false, allowOrigins: ['*'] } });
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Api', 2);
  });

  test('maxAge over 86,400 seconds is written as given, with a warning (CloudFormation takes any integer)', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { corsPreflight: { allowOrigins: ['*'], maxAge: Duration.seconds(86_401) } });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: ['*'], MaxAge: 86_401 } });
    expect(Annotations.fromStack(stack).findWarning('/Stack/Api', Match.anyValue()).map(w => w.entry.data)).toEqual([
      '`corsPreflight.maxAge` 1 day 1 second is over the 86400 seconds (one day) API Gateway documents, and browsers cache a preflight '
      + 'response for a shorter time anyway (Firefox one day, Chromium two hours); use Duration.days(1) or less '
      + '[ack: cdk-apigatewayv2:corsMaxAge]',
    ]);
  });

  test('maxAge of exactly 86,400 seconds passes without a warning', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { corsPreflight: { allowOrigins: ['*'], maxAge: Duration.days(1) } });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: { AllowOrigins: ['*'], MaxAge: 86_400 } });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('authorization scopes limit', () => {
  test('more than 10 default scopes are refused on the route that uses them', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt(), defaultAuthorizationScopes: scopes(11) });
    const error = errorOf(() => api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('A') }));
    expect(error.message).toBe('Stack/Api/GET--books: too many `authorizationScopes` on route \'GET /books\': 11 given, '
      + 'API Gateway allows at most 10; keep the ones the route needs [cdk-apigatewayv2:tooManyAuthorizationScopes]');
  });

  test('more than 10 scopes from the authorizer and the route together are refused', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt(['a', 'b', 'c', 'd', 'e']) });
    const error = errorOf(() => api.addRoutes({
      path: '/books', integration: urlIntegration('A'), authorizationScopes: ['f', 'g', 'h', 'i', 'j', 'k'],
    }));
    expect(error.message).toContain('too many `authorizationScopes` on route \'ANY /books\': 11 given');
  });

  test('exactly 10 scopes pass, counted after removing duplicates', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt(['a', 'b', 'c', 'd', 'e']), defaultAuthorizationScopes: scopes(10) });
    api.addRoutes({ path: '/ten', integration: urlIntegration('A'), authorizationScopes: ['a', 'f', 'g', 'h', 'i', 'j'] });
    api.addRoutes({ path: '/defaults', integration: urlIntegration('B'), authorizer: jwt() });
    const t = template(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /ten', AuthorizationScopes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /defaults', AuthorizationScopes: scopes(10) });
  });

  test('11 default scopes do not matter on a route without an authorizer', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizationScopes: scopes(11) });
    api.addRoutes({ path: '/open', integration: urlIntegration('A') });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /open', AuthorizationScopes: Match.absent() });
  });
});

describe('default authorizer on addRoutes', () => {
  test('routes get the default authorizer and scopes; HttpNoneAuthorizer and [] opt out', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: jwt(), defaultAuthorizationScopes: ['read'] });
    const integration = new RecordingUrlIntegration('A');
    api.addRoutes({ path: '/default', integration });
    api.addRoutes({ path: '/own-scopes', integration, authorizationScopes: ['write'] });
    api.addRoutes({ path: '/no-scopes', integration, authorizationScopes: [] });
    api.addRoutes({ path: '/open', integration, authorizer: new HttpNoneAuthorizer() });
    const routes = template(stack).findResources('AWS::ApiGatewayV2::Route');
    const byKey = Object.fromEntries(Object.values(routes).map((r: any) => [r.Properties.RouteKey, r.Properties]));
    expect(byKey['ANY /default']).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: 'auth-1', AuthorizationScopes: ['read'] });
    expect(byKey['ANY /own-scopes']).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: 'auth-1', AuthorizationScopes: ['write'] });
    expect(byKey['ANY /no-scopes']).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: 'auth-1' });
    expect(byKey['ANY /no-scopes'].AuthorizationScopes).toBeUndefined();
    expect(byKey['ANY /open']).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      RouteKey: 'ANY /open',
      AuthorizationType: 'NONE',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'ApiANYdefaultAE6E84BA6' }]] },
    });
  });
});

describe('defaultStageOptions', () => {
  test('configure the $default stage, which stays auto-deployed', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', {
      defaultStageOptions: { throttle: { rateLimit: 10, burstLimit: 20 }, detailedMetricsEnabled: true, stageVariables: { env: 'prod' } },
    });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20, DetailedMetricsEnabled: true },
      StageVariables: { env: 'prod' },
    });
  });

  test('autoDeploy can be turned off', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { defaultStageOptions: { autoDeploy: false } });
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: false });
  });

  test('another stage name, a domain mapping of its own, or createDefaultStage: false are refused', () => {
    const stack = newStack();
    expect(() => new HttpApi(stack, 'A', { defaultStageOptions: { stageName: 'prod' } }))
      .toThrow("invalid `defaultStageOptions.stageName` 'prod': the default stage is named '$default'");
    expect(() => new HttpApi(stack, 'B', { createDefaultStage: false, defaultStageOptions: { autoDeploy: true } }))
      .toThrow('`defaultStageOptions` configures the `$default` stage, which `createDefaultStage: false` leaves out');
    expect(() => new HttpApi(stack, 'C', { defaultStageOptions: { stageName: '$default' } })).not.toThrow();
  });
});

describe('HttpApiHelper', () => {
  test('gives the same execute-api ARNs as the API, for an imported API too', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const helper = HttpApiHelper.fromHttpApi(api);
    expect(stack.resolve(helper.arnForExecuteApi('ANY', '/books', 'prod'))).toEqual(stack.resolve(api.arnForExecuteApi('ANY', '/books', 'prod')));
    const imported = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    expect(stack.resolve(HttpApiHelper.fromHttpApi(imported).arnForExecuteApi('GET', '/books'))).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':abc123/*/GET/books']],
    });
  });

  test('refuses a path without a leading slash', () => {
    const stack = newStack();
    expect(() => HttpApiHelper.fromHttpApi(new HttpApi(stack, 'Api')).arnForExecuteApi('GET', 'books')).toThrow("invalid `path` 'books' for arnForExecuteApi");
  });
});

describe('route paths only known at deploy time', () => {
  test('each route gets a construct id without the token (`{METHOD}TokenPath{hash}`), and its key keeps the token', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const path = new CfnParameter(stack, 'Path').valueAsString;
    const [get, post] = api.addRoutes({ path, methods: [HttpMethod.GET, HttpMethod.POST], integration: urlIntegration('A') });
    const [other] = api.addRoutes({ path: Fn.importValue('OtherPath'), integration: urlIntegration('B') });
    expect([get.node.id, post.node.id, other.node.id]).toEqual([
      expect.stringMatching(/^GETTokenPath[0-9A-F]{8}$/), expect.stringMatching(/^POSTTokenPath[0-9A-F]{8}$/), expect.stringMatching(/^ANYTokenPath[0-9A-F]{8}$/)]);
    expect(get.node.id.slice(3)).toBe(post.node.id.slice(4));
    expect(other.node.id.slice(3)).not.toBe(get.node.id.slice(3));
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: { 'Fn::Join': ['', ['GET ', { Ref: 'Path' }]] } });
  });

  test('a token that cannot be resolved yet when the route is added gets `{METHOD}TokenPath{n}`', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    let ready = false;
    const path = Lazy.string({ produce: () => {
      if (!ready) throw new Error('not yet');
      return '/late';
    } });
    const [route] = api.addRoutes({ path, methods: [HttpMethod.GET], integration: urlIntegration('A') });
    ready = true;
    expect(route.node.id).toBe('GETTokenPath1');
    template(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /late' });
  });

  test('a route\'s id does not change when a route with another token path is added before it', () => {
    const idOf = (before: boolean): string => {
      const stack = newStack();
      const api = new HttpApi(stack, 'Api');
      if (before) api.addRoutes({ path: Fn.importValue('OtherPath'), integration: urlIntegration('B') });
      return api.addRoutes({ path: new CfnParameter(stack, 'Path').valueAsString, methods: [HttpMethod.GET], integration: urlIntegration('A') })[0].node.id;
    };
    expect(idOf(true)).toBe(idOf(false));
  });

  test('valid neighbour: a literal path keeps aws-cdk-lib\'s id', () => {
    const api = new HttpApi(newStack(), 'Api');
    expect(api.addRoutes({ path: '/books', integration: urlIntegration('A') })[0].node.id).toBe('ANY--books');
  });
});

test('a mapping key only known at deploy time gives the mapping the id `{domain}TokenKey`; a literal key keeps aws-cdk-lib\'s', () => {
  const stack = newStack();
  const domainName = new DomainName(stack, 'Domain', { domainName: 'api.example.com', certificate: certificate(stack) });
  const tokenKey = new HttpApi(stack, 'A', { defaultDomainMapping: { domainName, mappingKey: new CfnParameter(stack, 'Key').valueAsString } });
  const literalKey = new HttpApi(stack, 'B', { defaultDomainMapping: { domainName, mappingKey: 'b' } });
  expect(tokenKey.defaultStage!.node.children.map(c => c.node.id)).toContain('Stack--DomainTokenKey');
  expect(literalKey.defaultStage!.node.children.map(c => c.node.id)).toContain('Stack--Domainb');
});
