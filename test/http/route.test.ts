import { App, Resource, Stack } from 'aws-cdk-lib';
import type { ApiReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpApiRef, IHttpRouteAuthorizer } from '../../lib';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey } from '../../lib';
import { errorOf, newStack, RecordingUrlIntegration, template, urlIntegration } from '../support';

/** An authorizer returning a fixed bind result, recording what each bind received. */
class FakeAuthorizer implements IHttpRouteAuthorizer {
  public readonly binds: HttpRouteAuthorizerBindOptions[] = [];
  constructor(private readonly config: HttpRouteAuthorizerConfig) {}
  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    this.binds.push(options);
    return this.config;
  }
}

const jwtAuthorizer = (scopes?: string[]) =>
  new FakeAuthorizer({ authorizerId: 'auth-1', authorizationType: 'JWT', authorizationScopes: scopes });
const iamAuthorizer = () => new FakeAuthorizer({ authorizationType: 'AWS_IAM' });

/** Properties of the only route with this key. */
function routeProps(stack: Stack, routeKey: string): Record<string, unknown> {
  const routes = Object.values(template(stack).findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
  expect(routes).toHaveLength(1);
  return routes[0].Properties;
}

/**
 * The text of a resolved `Fn::Join` of strings and Refs, with `${Ref}` for each Ref, e.g.
 * `arn:${AWS::Partition}:execute-api:...`.
 */
function joined(stack: Stack, value: string): string {
  const resolved = stack.resolve(value);
  if (typeof resolved === 'string') return resolved;
  const [separator, parts] = resolved['Fn::Join'];
  return (parts as unknown[]).map(part => {
    if (typeof part === 'string') return part;
    const ref = (part as { Ref?: string }).Ref;
    if (ref === undefined) throw new Error(`unexpected part ${JSON.stringify(part)}`);
    return `\${${ref}}`;
  }).join(separator);
}

const ARN_PREFIX = 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiF70053CD}';

function apiIn(stack: Stack, props = {}): HttpApi {
  return new HttpApi(stack, 'Api', props);
}

function route(stack: Stack, api: IHttpApiRef, id: string, routeKey: HttpRouteKey, extra: Partial<{
  authorizer: IHttpRouteAuthorizer;
  authorizationScopes: string[];
}> = {}): HttpRoute {
  return new HttpRoute(stack, id, { httpApi: api, routeKey, integration: urlIntegration(`${id}Integration`), ...extra });
}

describe('HttpRouteKey', () => {
  test('with(path) without a method is ANY', () => {
    // aws-cdk-lib gives the key 'undefined /x' here; this library deliberately writes ANY.
    const key = HttpRouteKey.with('/x');
    expect(key.key).toBe('ANY /x');
    expect(key.method).toBe(HttpMethod.ANY);
    expect(key.path).toBe('/x');
  });

  test.each(Object.values(HttpMethod))('with(path, %s)', (method) => {
    const key = HttpRouteKey.with('/books/{id}', method);
    expect(key.key).toBe(`${method} /books/{id}`);
    expect(key.method).toBe(method);
    expect(key.path).toBe('/books/{id}');
  });

  test('the root path', () => {
    expect(HttpRouteKey.with('/', HttpMethod.GET).key).toBe('GET /');
  });

  test('DEFAULT is $default, method ANY, no path', () => {
    expect(HttpRouteKey.DEFAULT.key).toBe('$default');
    expect(HttpRouteKey.DEFAULT.method).toBe(HttpMethod.ANY);
    expect(HttpRouteKey.DEFAULT.path).toBeUndefined();
  });

  test('an invalid path is refused with the fix', () => {
    expect(errorOf(() => HttpRouteKey.with('/a//b')).message)
      .toBe('invalid route `path` \'/a//b\': a path must not contain an empty segment (\'//\'): use \'/a/b\' [cdk-apigatewayv2:routePath]');
    expect(errorOf(() => HttpRouteKey.with('/{}')).message)
      .toBe('invalid route `path` \'/{}\': variable \'{}\' has no name: name it, e.g. \'{id}\' [cdk-apigatewayv2:routePath]');
  });
});

describe('HttpRoute authorization', () => {
  test('a route without an authorizer is NONE, with no authorizer id and no scopes', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const r = route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), { authorizationScopes: ['ignored'] });
    expect(routeProps(stack, 'GET /books')).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      RouteKey: 'GET /books',
      AuthorizationType: 'NONE',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'RouteRouteIntegrationE5D8C342' }]] },
    });
    expect(r.node.tryFindChild('RouteIntegration')).toBeDefined();
  });

  test('every route without an authorizer states NONE, including $default', () => {
    const stack = newStack();
    const api = apiIn(stack, { defaultIntegration: urlIntegration('DefaultIntegration'), defaultAuthorizationScopes: ['read'] });
    api.addRoutes({ path: '/a', methods: [HttpMethod.GET, HttpMethod.POST], integration: urlIntegration('A') });
    route(stack, api, 'Direct', HttpRouteKey.with('/b'));
    const routes = Object.values(template(stack).findResources('AWS::ApiGatewayV2::Route')).map((r: any) => r.Properties);
    expect(routes).toHaveLength(4);
    for (const props of routes) {
      expect(props.AuthorizationType).toBe('NONE');
      expect(props.AuthorizerId).toBeUndefined();
      expect(props.AuthorizationScopes).toBeUndefined();
    }
  });

  test('a JWT authorizer binds with the route and the API as scope', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const authorizer = jwtAuthorizer(['read']);
    const r = route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), { authorizer });
    expect(routeProps(stack, 'GET /books')).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: 'auth-1',
      AuthorizationScopes: ['read'],
    });
    expect(authorizer.binds).toHaveLength(1);
    expect(authorizer.binds[0].route).toBe(r);
    expect(authorizer.binds[0].scope).toBe(api);
  });

  test('an IAM authorizer gives AWS_IAM without an authorizer id', () => {
    const stack = newStack();
    const api = apiIn(stack);
    route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), { authorizer: iamAuthorizer() });
    const props = routeProps(stack, 'GET /books');
    expect(props.AuthorizationType).toBe('AWS_IAM');
    expect(props.AuthorizerId).toBeUndefined();
    expect(props.AuthorizationScopes).toBeUndefined();
  });

  test('the API default authorizer applies to routes created directly', () => {
    const stack = newStack();
    const api = apiIn(stack, { defaultAuthorizer: jwtAuthorizer(), defaultAuthorizationScopes: ['read'] });
    route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET));
    expect(routeProps(stack, 'GET /books')).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: 'auth-1', AuthorizationScopes: ['read'] });
  });

  test('a route authorizer replaces the default one', () => {
    const stack = newStack();
    const api = apiIn(stack, { defaultAuthorizer: jwtAuthorizer() });
    const other = new FakeAuthorizer({ authorizerId: 'auth-2', authorizationType: 'CUSTOM' });
    route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), { authorizer: other });
    expect(routeProps(stack, 'GET /books')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: 'auth-2' });
  });

  test('HttpNoneAuthorizer overrides the default authorizer: NONE, no authorizer id, no default scopes', () => {
    const stack = newStack();
    const api = apiIn(stack, { defaultAuthorizer: jwtAuthorizer(), defaultAuthorizationScopes: ['read'] });
    route(stack, api, 'Route', HttpRouteKey.with('/health', HttpMethod.GET), { authorizer: new HttpNoneAuthorizer() });
    expect(routeProps(stack, 'GET /health')).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      RouteKey: 'GET /health',
      AuthorizationType: 'NONE',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'RouteRouteIntegrationE5D8C342' }]] },
    });
  });

  test('HttpNoneAuthorizer binds to NONE', () => {
    const none = new HttpNoneAuthorizer();
    expect(none.authorizationType).toBe('NONE');
    expect(none.bind({} as HttpRouteAuthorizerBindOptions)).toEqual({ authorizationType: 'NONE' });
  });

  test('an authorization type outside AWS_IAM, JWT, CUSTOM and NONE is refused', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const error = errorOf(() => route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), {
      authorizer: new FakeAuthorizer({ authorizerId: 'x', authorizationType: 'COGNITO_USER_POOLS' }),
    }));
    expect(error.message).toBe('Stack/Route: invalid authorization type \'COGNITO_USER_POOLS\' from the `authorizer` of route \'GET /books\': '
      + 'an authorizer\'s bind() returns one of AWS_IAM, JWT, CUSTOM, NONE [cdk-apigatewayv2:routeAuthorizationType]');
  });

  test.each(['AWS_IAM', 'JWT', 'CUSTOM', 'NONE'])('authorization type %s passes', (authorizationType) => {
    const stack = newStack();
    const api = apiIn(stack);
    route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), { authorizer: new FakeAuthorizer({ authorizationType }) });
    expect(routeProps(stack, 'GET /books').AuthorizationType).toBe(authorizationType);
  });
});

describe('authorization scope merging', () => {
  function scopesOf(apiProps: object, routeOptions: { authorizer?: IHttpRouteAuthorizer; authorizationScopes?: string[] }): unknown {
    const stack = newStack();
    const api = apiIn(stack, apiProps);
    route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), routeOptions);
    return routeProps(stack, 'GET /books').AuthorizationScopes;
  }

  test('the authorizer scopes alone', () => {
    expect(scopesOf({}, { authorizer: jwtAuthorizer(['read']) })).toEqual(['read']);
  });

  test('the union of authorizer scopes and route scopes, without duplicates', () => {
    expect(scopesOf({}, { authorizer: jwtAuthorizer(['read', 'list']), authorizationScopes: ['write', 'read', 'write'] }))
      .toEqual(['read', 'list', 'write']);
  });

  test('the API default scopes when the route names none', () => {
    expect(scopesOf({ defaultAuthorizationScopes: ['admin'] }, { authorizer: jwtAuthorizer(['read']) })).toEqual(['read', 'admin']);
  });

  test('route scopes replace the API default scopes', () => {
    expect(scopesOf({ defaultAuthorizationScopes: ['admin'] }, { authorizer: jwtAuthorizer(['read']), authorizationScopes: ['write'] }))
      .toEqual(['read', 'write']);
  });

  test('authorizationScopes [] removes the API default scopes', () => {
    expect(scopesOf({ defaultAuthorizer: jwtAuthorizer(), defaultAuthorizationScopes: ['admin'] }, { authorizationScopes: [] })).toBeUndefined();
    expect(scopesOf({ defaultAuthorizationScopes: ['admin'] }, { authorizer: jwtAuthorizer(['read']), authorizationScopes: [] })).toEqual(['read']);
  });

  test('no scopes at all renders no AuthorizationScopes', () => {
    expect(scopesOf({}, { authorizer: jwtAuthorizer() })).toBeUndefined();
    expect(scopesOf({}, { authorizer: jwtAuthorizer([]) })).toBeUndefined();
  });

  test('no scopes without an authorizer, whatever the route or API says', () => {
    expect(scopesOf({ defaultAuthorizationScopes: ['admin'] }, {})).toBeUndefined();
    expect(scopesOf({ defaultAuthorizationScopes: ['admin'] }, { authorizationScopes: ['write'] })).toBeUndefined();
  });

  // API Gateway accepts scopes only on JWT routes ("Authorization Scopes are only valid for
  // COGNITO_USER_POOLS and JWT authorization types"). aws-cdk-lib writes them on any route with
  // an authorizer, which then fails to deploy; see parity.test.ts.
  test.each([
    ['HttpNoneAuthorizer', () => new HttpNoneAuthorizer()],
    ['an IAM authorizer', iamAuthorizer],
    ['a Lambda (CUSTOM) authorizer', () => new FakeAuthorizer({ authorizerId: 'l', authorizationType: 'CUSTOM' })],
  ])('the API default scopes are dropped on a route with %s', (_name, authorizer) => {
    expect(scopesOf({ defaultAuthorizer: jwtAuthorizer(), defaultAuthorizationScopes: ['admin'] }, { authorizer: authorizer() })).toBeUndefined();
  });

  test('route scopes on a route without a JWT authorizer are refused', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const error = errorOf(() => route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), {
      authorizer: iamAuthorizer(), authorizationScopes: ['write'],
    }));
    expect(error.message).toBe('Stack/Route: `authorizationScopes` ["write"] on route \'GET /books\', whose authorization type is AWS_IAM: '
      + 'API Gateway accepts scopes only on routes with a JWT authorizer; remove the scopes (or the API\'s `defaultAuthorizationScopes`), '
      + 'or use a JWT authorizer [cdk-apigatewayv2:authorizationScopes]');
  });

  test('the API default scopes with a default authorizer that is not JWT are refused', () => {
    const stack = newStack();
    const api = apiIn(stack, { defaultAuthorizer: iamAuthorizer(), defaultAuthorizationScopes: ['admin'] });
    const error = errorOf(() => api.addRoutes({ path: '/books', integration: urlIntegration('A') }));
    expect(error.message).toContain('`authorizationScopes` ["admin"] on route \'ANY /books\', whose authorization type is AWS_IAM');
  });

  test('the $default route refuses default scopes with a default authorizer that is not JWT', () => {
    const stack = newStack();
    const error = errorOf(() => apiIn(stack, {
      defaultIntegration: urlIntegration('DefaultIntegration'),
      defaultAuthorizer: new HttpNoneAuthorizer(),
      defaultAuthorizationScopes: ['admin'],
    }));
    expect(error.message).toContain('Stack/Api/DefaultRoute: `authorizationScopes` ["admin"] on route \'$default\', whose authorization type is NONE');
  });

  test('scopes from an authorizer that is not JWT are refused', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const error = errorOf(() => route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), {
      authorizer: new FakeAuthorizer({ authorizerId: 'l', authorizationType: 'CUSTOM', authorizationScopes: ['read'] }),
    }));
    expect(error.message).toContain('`authorizationScopes` ["read"] on route \'GET /books\', whose authorization type is CUSTOM');
  });

  test('a non-JWT route that opts out with [] passes', () => {
    expect(scopesOf({ defaultAuthorizer: iamAuthorizer(), defaultAuthorizationScopes: ['admin'] }, { authorizationScopes: [] })).toBeUndefined();
  });
});

describe('routeArn', () => {
  test.each([
    [HttpRouteKey.with('/books', HttpMethod.GET), '/*/GET/books'],
    [HttpRouteKey.with('/books'), '/*/*/books'],
    [HttpRouteKey.with('/books/{id}', HttpMethod.DELETE), '/*/DELETE/books/*'],
    [HttpRouteKey.with('/books/{id}/reviews/{reviewId}', HttpMethod.GET), '/*/GET/books/*'],
    [HttpRouteKey.with('/files/{proxy+}', HttpMethod.PUT), '/*/PUT/files/*'],
    [HttpRouteKey.with('/', HttpMethod.GET), '/*/GET/'],
    [HttpRouteKey.DEFAULT, '/*/*/'],
  ])('%o gives %s', (routeKey, suffix) => {
    const stack = newStack();
    const api = apiIn(stack);
    const r = route(stack, api, 'Route', routeKey);
    expect(joined(stack, r.routeArn)).toBe(`${ARN_PREFIX}${suffix}`);
  });

  test('a path of 1000 characters passes; 1001 is refused', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const ok = `/${'a'.repeat(999)}`;
    route(stack, api, 'Ok', HttpRouteKey.with(ok, HttpMethod.GET));
    const error = errorOf(() => route(stack, api, 'Long', HttpRouteKey.with(`/${'b'.repeat(1000)}`, HttpMethod.GET)));
    expect(error.message).toBe('Stack/Long: invalid route `path`: 1001 characters is over the 1000 an IAM resource ARN can hold; shorten the path [cdk-apigatewayv2:routeArnPath]');
  });

  test('an explicit stack environment is used', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    const r = route(stack, api, 'Route', HttpRouteKey.with('/books/{id}', HttpMethod.GET));
    expect(joined(stack, r.routeArn)).toBe('arn:${AWS::Partition}:execute-api:eu-west-1:111111111111:abc123/*/GET/books/*');
  });
});

describe('grantInvoke', () => {
  function arnsOf(stack: Stack): string[] {
    const policies = Object.values(template(stack).findResources('AWS::IAM::Policy'));
    expect(policies).toHaveLength(1);
    const statements: any[] = (policies[0] as any).Properties.PolicyDocument.Statement;
    for (const statement of statements) {
      expect(statement.Action).toBe('execute-api:Invoke');
      expect(statement.Effect).toBe('Allow');
    }
    const resources = statements.flatMap(statement => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]));
    return resources.map((arn: { 'Fn::Join': [string, unknown[]] }) => {
      const [separator, parts] = arn['Fn::Join'];
      return parts.map(p => (typeof p === 'string' ? p : `\${${(p as { Ref: string }).Ref}}`)).join(separator);
    });
  }

  function setup(routeKey: HttpRouteKey, authorizer: IHttpRouteAuthorizer | undefined = iamAuthorizer()) {
    const stack = newStack();
    const api = apiIn(stack);
    const r = route(stack, api, 'Route', routeKey, authorizer ? { authorizer } : {});
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    return { stack, route: r, role };
  }

  test('grants execute-api:Invoke on the route ARN for its own method', () => {
    const { stack, route: r, role } = setup(HttpRouteKey.with('/books/{id}', HttpMethod.GET));
    const grant = r.grantInvoke(role);
    expect(grant.success).toBe(true);
    expect(arnsOf(stack)).toEqual([`${ARN_PREFIX}/*/GET/books/*`]);
  });

  test('a GET route may name GET, duplicates collapse', () => {
    const { stack, route: r, role } = setup(HttpRouteKey.with('/books', HttpMethod.GET));
    r.grantInvoke(role, { httpMethods: [HttpMethod.GET, HttpMethod.GET] });
    expect(arnsOf(stack)).toEqual([`${ARN_PREFIX}/*/GET/books`]);
  });

  test('an ANY route grants * by default, and other methods on request', () => {
    const { stack, route: r, role } = setup(HttpRouteKey.with('/books'));
    r.grantInvoke(role);
    r.grantInvoke(role, { httpMethods: [HttpMethod.GET, HttpMethod.POST] });
    expect(arnsOf(stack)).toEqual([
      `${ARN_PREFIX}/*/*/books`,
      `${ARN_PREFIX}/*/GET/books`,
      `${ARN_PREFIX}/*/POST/books`,
    ]);
  });

  test('a GET route refuses to grant POST', () => {
    const { route: r, role } = setup(HttpRouteKey.with('/books', HttpMethod.GET));
    const error = errorOf(() => r.grantInvoke(role, { httpMethods: [HttpMethod.GET, HttpMethod.POST] }));
    expect(error.message).toBe('Stack/Route: invalid `httpMethods` POST for grantInvoke on route \'GET /books\': '
      + 'a GET route can only grant GET; grant the other methods on their own routes [cdk-apigatewayv2:grantInvoke]');
  });

  test.each([
    ['no authorizer', undefined],
    ['a JWT authorizer', jwtAuthorizer()],
    ['HttpNoneAuthorizer', new HttpNoneAuthorizer()],
  ])('is refused on a route with %s', (_name, authorizer) => {
    const stack = newStack();
    const api = apiIn(stack);
    const r = route(stack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET), authorizer ? { authorizer } : {});
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    const error = errorOf(() => r.grantInvoke(role));
    expect(error.message).toBe('Stack/Route: cannot grantInvoke on route \'GET /books\': it does not use IAM authorization; '
      + 'give the route (or the API\'s defaultAuthorizer) an HttpIamAuthorizer [cdk-apigatewayv2:grantInvoke]');
    template(stack).resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('works with an IAM default authorizer', () => {
    const stack = newStack();
    const api = apiIn(stack, { defaultAuthorizer: iamAuthorizer() });
    const [r] = api.addRoutes({ path: '/admin', methods: [HttpMethod.DELETE], integration: urlIntegration('A') });
    r.grantInvoke(new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() }));
    expect(arnsOf(stack)).toEqual([`${ARN_PREFIX}/*/DELETE/admin`]);
  });
});

describe('HttpRouteIntegration reuse', () => {
  test('one integration object on two routes of one API: one Integration, bound once', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const integration = new RecordingUrlIntegration('Shared');
    const first = new HttpRoute(stack, 'First', { httpApi: api, routeKey: HttpRouteKey.with('/a', HttpMethod.GET), integration });
    new HttpRoute(stack, 'Second', { httpApi: api, routeKey: HttpRouteKey.with('/b', HttpMethod.GET), integration });
    const t = template(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    expect(integration.bindCount).toBe(1);
    expect(first.node.tryFindChild('Shared')).toBeDefined();
    const target = { 'Fn::Join': ['', ['integrations/', { Ref: 'FirstShared0501C7F7' }]] };
    expect(routeProps(stack, 'GET /a').Target).toEqual(target);
    expect(routeProps(stack, 'GET /b').Target).toEqual(target);
  });

  test('two integration objects with the same settings give two Integrations when the API opts out of sharing', () => {
    const stack = newStack();
    const api = apiIn(stack, { shareIntegrations: false });
    route(stack, api, 'First', HttpRouteKey.with('/a', HttpMethod.GET));
    route(stack, api, 'Second', HttpRouteKey.with('/b', HttpMethod.GET));
    template(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });

  test('one integration object on a second API is refused', () => {
    const stack = newStack();
    const one = new HttpApi(stack, 'One');
    const two = new HttpApi(stack, 'Two');
    const integration = new RecordingUrlIntegration('Shared');
    one.addRoutes({ path: '/a', integration });
    const error = errorOf(() => two.addRoutes({ path: '/a', integration }));
    expect(error.message).toBe('Stack/Two/ANY--a: integration \'Shared\' already serves the API at Stack/One: '
      + 'an integration object belongs to one API; create another one for this API [cdk-apigatewayv2:integrationReuse]');
    expect(integration.bindCount).toBe(1);
  });
});

describe('cross-stack routes', () => {
  test('a route in another stack holds its integration, without a dependency cycle', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new HttpApi(apiStack, 'Api', { defaultAuthorizer: jwtAuthorizer(), defaultAuthorizationScopes: ['read'] });
    const r = new HttpRoute(routeStack, 'Route', {
      httpApi: api,
      routeKey: HttpRouteKey.with('/books', HttpMethod.GET),
      integration: urlIntegration('Integration'),
    });

    const assembly = app.synth();
    expect(assembly.stacks.map(s => s.stackName).sort()).toEqual(['ApiStack', 'RouteStack']);
    expect(routeStack.dependencies).toEqual([apiStack]);
    expect(apiStack.dependencies).toEqual([]);

    const apiTemplate = Template.fromStack(apiStack);
    apiTemplate.resourceCountIs('AWS::ApiGatewayV2::Integration', 0);
    apiTemplate.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    const routeTemplate = Template.fromStack(routeStack);
    routeTemplate.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    const importedApiId = { 'Fn::ImportValue': Match.stringLikeRegexp('^ApiStack:ExportsOutputRefApi') };
    routeTemplate.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ApiId: importedApiId });
    routeTemplate.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: importedApiId,
      RouteKey: 'GET /books',
      AuthorizationType: 'JWT',
      AuthorizerId: 'auth-1',
      AuthorizationScopes: ['read'],
    });
    expect(r.node.tryFindChild('Integration')).toBeDefined();
  });

  test('routes in another stack are checked against the API routes', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new HttpApi(apiStack, 'Api');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('A') });
    const error = errorOf(() => route(routeStack, api, 'Route', HttpRouteKey.with('/books', HttpMethod.GET)));
    expect(error.message).toContain('RouteStack/Route: duplicate `routeKey` \'GET /books\'');
  });
});

describe('route members', () => {
  test('routeId, routeRef, path, routeKey and httpApi', () => {
    const stack = newStack();
    const api = apiIn(stack);
    const r = route(stack, api, 'Route', HttpRouteKey.with('/books/{id}', HttpMethod.GET));
    expect(stack.resolve(r.routeId)).toEqual({ Ref: 'RouteA67450D2' });
    expect(stack.resolve(r.routeRef)).toEqual({ apiId: { Ref: 'ApiF70053CD' }, routeId: { Ref: 'RouteA67450D2' } });
    expect(r.path).toBe('/books/{id}');
    expect(r.routeKey.key).toBe('GET /books/{id}');
    expect(r.httpApi).toBe(api);
  });

  test('the $default route has no path', () => {
    const stack = newStack();
    const r = route(stack, apiIn(stack), 'Route', HttpRouteKey.DEFAULT);
    expect(r.path).toBeUndefined();
  });

  test('an httpApi that is only a reference is refused', () => {
    class RefOnly extends Resource implements IHttpApiRef {
      public readonly isHttpApi = true;
      constructor(scope: Construct, id: string) {
        super(scope, id);
      }
      public get apiRef(): ApiReference {
        return { apiId: 'abc123' };
      }
    }
    const stack = newStack();
    const error = errorOf(() => route(stack, new RefOnly(stack, 'Ref'), 'Route', HttpRouteKey.with('/books')));
    expect(error.message).toBe('Stack/Ref: `httpApi` Stack/Ref is a reference without apiId, apiEndpoint, arnForExecuteApi, metricClientError: '
      + 'pass an HttpApi, or import one with HttpApi.fromHttpApiAttributes() [cdk-apigatewayv2:incompleteReference]');
  });
});
