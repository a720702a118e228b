/**
 * Drop-in proof: the same app written once against aws-cdk-lib's `aws-apigatewayv2` and once
 * against this library (only the imports differ) gives the same resources, with the same
 * logical ids and properties.
 */
import { App, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer as UpstreamIamAuthorizer, HttpJwtAuthorizer as UpstreamJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ours from '../../lib';
import { comparableResources, urlIntegration } from '../support';

const BACKEND = 'https://backend.example.com';
const ISSUER = 'https://issuer.example.com';

/**
 * This library's counterpart of aws-cdk-lib's `HttpJwtAuthorizer` (the authorizers submodule is
 * not written yet): one `HttpAuthorizer` under the API, created on the first bind.
 */
class JwtAuthorizer implements ours.IHttpRouteAuthorizer {
  private authorizer?: ours.HttpAuthorizer;

  constructor(private readonly id: string, private readonly issuer: string, private readonly audience: string[]) {}

  public bind(options: ours.HttpRouteAuthorizerBindOptions): ours.HttpRouteAuthorizerConfig {
    this.authorizer ??= new ours.HttpAuthorizer(options.scope, this.id, {
      httpApi: options.route.httpApi,
      identitySource: ['$request.header.Authorization'],
      type: ours.HttpAuthorizerType.JWT,
      authorizerName: this.id,
      jwtAudience: this.audience,
      jwtIssuer: this.issuer,
    });
    return { authorizerId: this.authorizer.authorizerId, authorizationType: 'JWT' };
  }
}

/** This library's counterpart of aws-cdk-lib's `HttpIamAuthorizer`. */
class IamAuthorizer implements ours.IHttpRouteAuthorizer {
  public bind(): ours.HttpRouteAuthorizerConfig {
    return { authorizationType: 'AWS_IAM' };
  }
}

/** The app, written for aws-cdk-lib. */
function upstreamApp(): Stack {
  const stack = new Stack(new App(), 'Stack');
  const api = new upstream.HttpApi(stack, 'Api', {
    description: 'the books API',
    corsPreflight: {
      allowOrigins: ['https://example.com'],
      allowMethods: [upstream.CorsHttpMethod.GET, upstream.CorsHttpMethod.POST],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['X-Request-Id'],
      allowCredentials: true,
      maxAge: Duration.hours(1),
    },
    defaultIntegration: new HttpUrlIntegration('DefaultIntegration', BACKEND),
    defaultAuthorizer: new UpstreamJwtAuthorizer('Jwt', ISSUER, { jwtAudience: ['books-client'] }),
    defaultAuthorizationScopes: ['books/read'],
  });
  const books = new HttpUrlIntegration('BooksIntegration', BACKEND);
  api.addRoutes({ path: '/books', methods: [upstream.HttpMethod.GET, upstream.HttpMethod.POST], integration: books });
  api.addRoutes({ path: '/books/{id}', integration: new HttpUrlIntegration('BookIntegration', BACKEND), authorizationScopes: ['books/write'] });
  api.addRoutes({ path: '/health', methods: [upstream.HttpMethod.GET], integration: books, authorizer: new upstream.HttpNoneAuthorizer() });
  const [admin] = api.addRoutes({ path: '/admin', integration: books, authorizer: new UpstreamIamAuthorizer() });
  const standalone = new upstream.HttpRoute(stack, 'Standalone', {
    httpApi: api,
    routeKey: upstream.HttpRouteKey.with('/standalone/{proxy+}', upstream.HttpMethod.PUT),
    integration: books,
  });
  const beta = new upstream.HttpStage(stack, 'Beta', {
    httpApi: api,
    stageName: 'beta',
    description: 'the beta stage',
    throttle: { rateLimit: 100, burstLimit: 50 },
    stageVariables: { backend: 'beta.example.com', mode: 'test' },
    detailedMetricsEnabled: true,
  });
  const prod = api.addStage('Prod', { stageName: 'prod', autoDeploy: false });
  const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
  admin.grantInvoke(role, { httpMethods: [upstream.HttpMethod.GET, upstream.HttpMethod.DELETE] });

  new CfnOutput(stack, 'Url', { value: api.url! });
  new CfnOutput(stack, 'Endpoint', { value: api.apiEndpoint });
  new CfnOutput(stack, 'BetaUrl', { value: beta.url });
  new CfnOutput(stack, 'ProdUrl', { value: prod.url });
  new CfnOutput(stack, 'ExecuteArn', { value: api.arnForExecuteApi() });
  new CfnOutput(stack, 'ExecuteArnGet', { value: api.arnForExecuteApi('any', '/books', 'prod') });
  new CfnOutput(stack, 'StandaloneArn', { value: standalone.routeArn });
  new CfnOutput(stack, 'AdminArn', { value: admin.routeArn });
  return stack;
}

/** The same app, written for this library: only the imports differ. */
function ourApp(): Stack {
  const stack = new Stack(new App(), 'Stack');
  const api = new ours.HttpApi(stack, 'Api', {
    // Sharing identical integrations is a deliberate difference (see test/http/integration-sharing.test.ts);
    // with it off, the template equals aws-cdk-lib's.
    shareIntegrations: false,
    description: 'the books API',
    corsPreflight: {
      allowOrigins: ['https://example.com'],
      allowMethods: [ours.CorsHttpMethod.GET, ours.CorsHttpMethod.POST],
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['X-Request-Id'],
      allowCredentials: true,
      maxAge: Duration.hours(1),
    },
    defaultIntegration: urlIntegration('DefaultIntegration', BACKEND),
    defaultAuthorizer: new JwtAuthorizer('Jwt', ISSUER, ['books-client']),
    defaultAuthorizationScopes: ['books/read'],
  });
  const books = urlIntegration('BooksIntegration', BACKEND);
  api.addRoutes({ path: '/books', methods: [ours.HttpMethod.GET, ours.HttpMethod.POST], integration: books });
  api.addRoutes({ path: '/books/{id}', integration: urlIntegration('BookIntegration', BACKEND), authorizationScopes: ['books/write'] });
  api.addRoutes({ path: '/health', methods: [ours.HttpMethod.GET], integration: books, authorizer: new ours.HttpNoneAuthorizer() });
  const [admin] = api.addRoutes({ path: '/admin', integration: books, authorizer: new IamAuthorizer() });
  const standalone = new ours.HttpRoute(stack, 'Standalone', {
    httpApi: api,
    routeKey: ours.HttpRouteKey.with('/standalone/{proxy+}', ours.HttpMethod.PUT),
    integration: books,
  });
  const beta = new ours.HttpStage(stack, 'Beta', {
    httpApi: api,
    stageName: 'beta',
    description: 'the beta stage',
    throttle: { rateLimit: 100, burstLimit: 50 },
    stageVariables: { backend: 'beta.example.com', mode: 'test' },
    detailedMetricsEnabled: true,
  });
  const prod = api.addStage('Prod', { stageName: 'prod', autoDeploy: false });
  const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
  admin.grantInvoke(role, { httpMethods: [ours.HttpMethod.GET, ours.HttpMethod.DELETE] });

  new CfnOutput(stack, 'Url', { value: api.url! });
  new CfnOutput(stack, 'Endpoint', { value: api.apiEndpoint });
  new CfnOutput(stack, 'BetaUrl', { value: beta.url });
  new CfnOutput(stack, 'ProdUrl', { value: prod.url });
  new CfnOutput(stack, 'ExecuteArn', { value: api.arnForExecuteApi() });
  new CfnOutput(stack, 'ExecuteArnGet', { value: api.arnForExecuteApi('any', '/books', 'prod') });
  new CfnOutput(stack, 'StandaloneArn', { value: standalone.routeArn });
  new CfnOutput(stack, 'AdminArn', { value: admin.routeArn });
  return stack;
}

/**
 * Routes where this library deliberately differs: aws-cdk-lib writes the API's default scopes
 * on routes that opted out of the JWT default authorizer (`HttpNoneAuthorizer`, IAM), which
 * CloudFormation rejects ("Authorization Scopes are only valid for COGNITO_USER_POOLS and JWT
 * authorization types"). This library leaves them out.
 */
const SCOPES_DROPPED = { ApiGEThealthA417CA46: 'NONE', ApiANYadmin74D9D3E3: 'AWS_IAM' } as const;

describe('parity with aws-cdk-lib aws-apigatewayv2', () => {
  // One synth of each app for every test below.
  const theirs = upstreamApp();
  const mine = ourApp();
  const theirResources = comparableResources(theirs);
  const myResources = comparableResources(mine);

  test('urlIntegration is configured like HttpUrlIntegration', () => {
    const integrations = Object.values(theirResources).filter(r => r.Type === 'AWS::ApiGatewayV2::Integration');
    expect(integrations).toHaveLength(3);
    for (const integration of integrations) {
      expect(integration.Properties).toEqual({
        ApiId: { Ref: 'ApiF70053CD' },
        IntegrationType: 'HTTP_PROXY',
        IntegrationUri: BACKEND,
        IntegrationMethod: 'ANY',
        PayloadFormatVersion: '1.0',
      });
    }
  });

  test('the same logical ids', () => {
    // The ids a deployed stack depends on, spelled out: a change here replaces resources.
    const ids = [
      'ApiANYadmin74D9D3E3',
      'ApiANYbooksid8004C727',
      'ApiANYbooksidBookIntegration4CE1B624',
      'ApiDefaultRoute1D83B0D8',
      'ApiDefaultRouteDefaultIntegrationDF849BE0',
      'ApiDefaultStage189A7074',
      'ApiF70053CD',
      'ApiGETbooks8DB43838',
      'ApiGETbooksBooksIntegration54B29E73',
      'ApiGEThealthA417CA46',
      'ApiJwt046D4791',
      'ApiPOSTbooks6D69C47B',
      'ApiProdD750B56E',
      'BetaC60672CA',
      'CallerBA8D1D35',
      'CallerDefaultPolicy0AE726D9',
      'StandaloneC2E2F93B',
    ];
    expect(Object.keys(theirResources).sort()).toEqual(ids);
    expect(Object.keys(myResources).sort()).toEqual(ids);
  });

  test.each(Object.keys(theirResources).filter(id => !(id in SCOPES_DROPPED)))(
    'resource %s has the same type, properties and dependencies', (id) => {
      expect(myResources[id]).toEqual(theirResources[id]);
    });

  test.each(Object.entries(SCOPES_DROPPED))('deliberate: %s (%s route) gets no default scopes', (id, authorizationType) => {
    const theirRoute = theirResources[id].Properties as Record<string, unknown>;
    expect(theirRoute.AuthorizationType).toBe(authorizationType);
    expect(theirRoute.AuthorizationScopes).toEqual(['books/read']);
    const { AuthorizationScopes: _dropped, ...rest } = theirRoute;
    expect(myResources[id]).toEqual({ ...theirResources[id], Properties: rest });
  });

  test('the same outputs: urls, endpoint and ARNs', () => {
    const outputs = Template.fromStack(mine).toJSON().Outputs;
    expect(Object.keys(outputs).sort()).toEqual(['AdminArn', 'BetaUrl', 'Endpoint', 'ExecuteArn', 'ExecuteArnGet', 'ProdUrl', 'StandaloneArn', 'Url']);
    expect(outputs).toEqual(Template.fromStack(theirs).toJSON().Outputs);
  });
});

describe('deliberate differences from aws-cdk-lib', () => {
  test('HttpRouteKey.with(path) without a method: ANY instead of aws-cdk-lib\'s "undefined"', () => {
    expect(upstream.HttpRouteKey.with('/x').key).toBe('undefined /x');
    expect(ours.HttpRouteKey.with('/x').key).toBe('ANY /x');
  });

  test('a duplicate route key under another construct scope is refused at synth time', () => {
    // aws-cdk-lib synthesizes two `GET /books` routes; the deployment then fails with a 409.
    const theirStack = new Stack(new App(), 'Stack');
    const theirApi = new upstream.HttpApi(theirStack, 'Api');
    theirApi.addRoutes({ path: '/books', methods: [upstream.HttpMethod.GET], integration: new HttpUrlIntegration('A', BACKEND) });
    new upstream.HttpRoute(theirStack, 'Again', {
      httpApi: theirApi, routeKey: upstream.HttpRouteKey.with('/books', upstream.HttpMethod.GET), integration: new HttpUrlIntegration('B', BACKEND),
    });
    Template.fromStack(theirStack).resourceCountIs('AWS::ApiGatewayV2::Route', 2);

    const myStack = new Stack(new App(), 'Stack');
    const myApi = new ours.HttpApi(myStack, 'Api');
    myApi.addRoutes({ path: '/books', methods: [ours.HttpMethod.GET], integration: urlIntegration('A', BACKEND) });
    expect(() => new ours.HttpRoute(myStack, 'Again', {
      httpApi: myApi, routeKey: ours.HttpRouteKey.with('/books', ours.HttpMethod.GET), integration: urlIntegration('B', BACKEND),
    })).toThrow('Stack/Again: duplicate `routeKey` \'GET /books\'');
  });

  test('conflicting sibling variables and a greedy variable before the end are refused at synth time', () => {
    const theirStack = new Stack(new App(), 'Stack');
    const theirApi = new upstream.HttpApi(theirStack, 'Api');
    const theirs = new HttpUrlIntegration('A', BACKEND);
    theirApi.addRoutes({ path: '/pets/{id}', methods: [upstream.HttpMethod.GET], integration: theirs });
    theirApi.addRoutes({ path: '/pets/{petId}', methods: [upstream.HttpMethod.PUT], integration: theirs });
    theirApi.addRoutes({ path: '/files/{proxy+}/meta', integration: theirs });
    Template.fromStack(theirStack).resourceCountIs('AWS::ApiGatewayV2::Route', 3);

    const myApi = new ours.HttpApi(new Stack(new App(), 'Stack'), 'Api');
    const mine = urlIntegration('A', BACKEND);
    myApi.addRoutes({ path: '/pets/{id}', methods: [ours.HttpMethod.GET], integration: mine });
    expect(() => myApi.addRoutes({ path: '/pets/{petId}', methods: [ours.HttpMethod.PUT], integration: mine }))
      .toThrow('rename \'{petId}\' to \'{id}\'');
    expect(() => myApi.addRoutes({ path: '/files/{proxy+}/meta', integration: mine }))
      .toThrow('greedy variable \'{proxy+}\' must be the last segment');
  });
});

describe('parity of metrics, imports and cross-stack routes', () => {
  const METRICS = ['metricClientError', 'metricServerError', 'metricDataProcessed', 'metricCount', 'metricIntegrationLatency', 'metricLatency'] as const;

  test.each(METRICS)('%s renders the same metric', (method) => {
    const theirStack = new Stack(new App(), 'Stack');
    const myStack = new Stack(new App(), 'Stack');
    const theirMetric = new upstream.HttpApi(theirStack, 'Api')[method]({ period: Duration.minutes(1) });
    const myMetric = new ours.HttpApi(myStack, 'Api')[method]({ period: Duration.minutes(1) });
    const shape = (stack: Stack, m: typeof myMetric) => stack.resolve({
      namespace: m.namespace, metricName: m.metricName, statistic: m.statistic, period: m.period.toSeconds(), dimensions: m.dimensions,
    });
    expect(shape(myStack, myMetric)).toEqual(shape(theirStack, theirMetric));
  });

  test('a route on an imported API', () => {
    const build = (lib: 'upstream' | 'ours') => {
      const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
      let arn: string;
      if (lib === 'upstream') {
        const api = upstream.HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123', apiEndpoint: 'https://abc123.example.com' });
        const r = new upstream.HttpRoute(stack, 'Route', {
          httpApi: api, routeKey: upstream.HttpRouteKey.with('/books/{id}', upstream.HttpMethod.GET), integration: new HttpUrlIntegration('Integration', BACKEND),
        });
        arn = r.routeArn;
        new CfnOutput(stack, 'Execute', { value: api.arnForExecuteApi('GET', '/books') });
      } else {
        const api = ours.HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123', apiEndpoint: 'https://abc123.example.com' });
        const r = new ours.HttpRoute(stack, 'Route', {
          httpApi: api, routeKey: ours.HttpRouteKey.with('/books/{id}', ours.HttpMethod.GET), integration: urlIntegration('Integration', BACKEND),
        });
        arn = r.routeArn;
        new CfnOutput(stack, 'Execute', { value: api.arnForExecuteApi('GET', '/books') });
      }
      new CfnOutput(stack, 'RouteArn', { value: arn });
      const json = Template.fromStack(stack).toJSON();
      return { resources: comparableResources(stack), outputs: json.Outputs };
    };
    const theirs = build('upstream');
    const mine = build('ours');
    expect(Object.keys(mine.resources).sort()).toEqual(['RouteA67450D2', 'RouteIntegrationDA299D52']);
    expect(mine).toEqual(theirs);
  });

  test('a route in another stack than its API', () => {
    const build = (lib: 'upstream' | 'ours') => {
      const app = new App();
      const apiStack = new Stack(app, 'ApiStack');
      const routeStack = new Stack(app, 'RouteStack');
      if (lib === 'upstream') {
        const api = new upstream.HttpApi(apiStack, 'Api');
        new upstream.HttpRoute(routeStack, 'Route', {
          httpApi: api, routeKey: upstream.HttpRouteKey.with('/books', upstream.HttpMethod.GET), integration: new HttpUrlIntegration('Integration', BACKEND),
        });
      } else {
        const api = new ours.HttpApi(apiStack, 'Api');
        new ours.HttpRoute(routeStack, 'Route', {
          httpApi: api, routeKey: ours.HttpRouteKey.with('/books', ours.HttpMethod.GET), integration: urlIntegration('Integration', BACKEND),
        });
      }
      app.synth();
      return {
        api: Template.fromStack(apiStack).toJSON(),
        route: Template.fromStack(routeStack).toJSON(),
        dependencies: routeStack.dependencies.map(s => s.stackName),
      };
    };
    const theirs = build('upstream');
    const mine = build('ours');
    expect(mine.dependencies).toEqual(['ApiStack']);
    expect(Object.keys(mine.route.Resources).sort()).toEqual(['RouteA67450D2', 'RouteIntegrationDA299D52']);
    expect(mine).toEqual(theirs);
  });
});
