import { CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpAuthorizer, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey } from '../../../lib';
import type { HttpJwtAuthorizerProps } from '../../../lib/authorizers';
import { HttpJwtAuthorizer } from '../../../lib/authorizers';
import { errorOf, httpApiStack, onlyId, resources, routeProps, urlIntegration } from '../../support';

const ISSUER = 'https://issuer.example.com/';
const AUTHORIZER = 'AWS::ApiGatewayV2::Authorizer';

function jwt(id = 'BooksAuthorizer', props: Partial<HttpJwtAuthorizerProps> = {}): HttpJwtAuthorizer {
  return new HttpJwtAuthorizer(id, ISSUER, { jwtAudience: ['books-client'], ...props });
}

describe('HttpJwtAuthorizer', () => {
  test('creates a JWT authorizer under the API with the defaults of aws-cdk-lib', () => {
    const { stack, api } = httpApiStack();
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer: jwt() });

    const id = onlyId(stack, AUTHORIZER);
    expect(id).toMatch(/^ApiBooksAuthorizer[0-9A-F]{8}$/);
    expect(resources(stack, AUTHORIZER)[id].Properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      AuthorizerType: 'JWT',
      Name: 'BooksAuthorizer',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: ['books-client'], Issuer: ISSUER },
    });
    expect(routeProps(stack, 'GET /books')).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      RouteKey: 'GET /books',
      Target: expect.anything(),
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: id },
    });
  });

  test('passes `authorizerName`, `identitySource` and several audiences through', () => {
    const { stack, api } = httpApiStack();
    const authorizer = jwt('Auth', {
      authorizerName: 'my-jwt',
      identitySource: ['$request.querystring.token'],
      jwtAudience: ['a', 'b'],
    });
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });

    Template.fromStack(stack).hasResourceProperties(AUTHORIZER, {
      Name: 'my-jwt',
      IdentitySource: ['$request.querystring.token'],
      JwtConfiguration: { Audience: ['a', 'b'], Issuer: ISSUER },
    });
  });

  test('two routes share one authorizer; `authorizerId` is its Ref', () => {
    const { stack, api } = httpApiStack();
    const authorizer = jwt();
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration: urlIntegration(), authorizer });
    new HttpRoute(stack, 'Other', { httpApi: api, routeKey: HttpRouteKey.with('/other'), integration: urlIntegration('Other'), authorizer });

    const id = onlyId(stack, AUTHORIZER);
    for (const key of ['GET /books', 'POST /books', 'ANY /other']) {
      expect(routeProps(stack, key).AuthorizerId).toEqual({ Ref: id });
    }
    expect(stack.resolve(authorizer.authorizerId)).toEqual({ Ref: id });
  });

  test('`authorizerId` before any route uses the authorizer is refused', () => {
    const error = errorOf(() => jwt('Early').authorizerId);
    expect(error.message).toContain('cannot read `authorizerId` of HttpJwtAuthorizer \'Early\' yet');
    expect(error.message).toContain('add a route with this authorizer');
    expect(error.constructPath).toBeUndefined();
  });

  test('routes of a second API are refused, naming both APIs', () => {
    const { stack, api } = httpApiStack();
    const other = new HttpApi(stack, 'OtherApi', { createDefaultStage: false });
    const authorizer = jwt();
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });

    const error = errorOf(() => other.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer }));
    expect(error.constructPath).toBe('Stack/OtherApi/GET--books');
    expect(error.message).toContain('invalid `authorizer` HttpJwtAuthorizer \'BooksAuthorizer\'');
    expect(error.message).toContain('already authorizes routes of API \'Stack/Api\'');
    expect(error.message).toContain('cannot authorize routes of API \'Stack/OtherApi\'');
    expect(error.message).toContain('create one HttpJwtAuthorizer per API');
  });

  test('a default authorizer shared by two APIs is refused on the second API\'s first route', () => {
    const { stack } = httpApiStack();
    const authorizer = jwt();
    new HttpApi(stack, 'A', { defaultIntegration: urlIntegration(), defaultAuthorizer: authorizer });
    const error = errorOf(() => new HttpApi(stack, 'B', { defaultIntegration: urlIntegration(), defaultAuthorizer: authorizer }));
    expect(error.constructPath).toBe('Stack/B/DefaultRoute');
  });

  test('valid neighbour: one authorizer object per API, with the same id', () => {
    const { stack, api } = httpApiStack();
    const other = new HttpApi(stack, 'OtherApi', { createDefaultStage: false });
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer: jwt() });
    other.addRoutes({ path: '/books', integration: urlIntegration(), authorizer: jwt() });

    const authorizers = resources(stack, AUTHORIZER);
    expect(Object.values(authorizers).map(a => a.Properties.ApiId)).toEqual([{ Ref: 'ApiF70053CD' }, { Ref: expect.stringMatching(/^OtherApi/) }]);
  });

  test('an HttpApi and an import of it made from its apiId count as the same API', () => {
    const { stack, api } = httpApiStack();
    const authorizer = jwt();
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });
    const otherStack = new Stack(stack.node.root, 'Other');
    const imported = HttpApi.fromHttpApiAttributes(otherStack, 'Imported', { httpApiId: api.apiId });
    new HttpRoute(otherStack, 'Route', { httpApi: imported, routeKey: HttpRouteKey.with('/more'), integration: urlIntegration(), authorizer });

    expect(Object.keys(resources(stack, AUTHORIZER))).toHaveLength(1);
    expect(Object.keys(resources(otherStack, AUTHORIZER))).toHaveLength(0);
    expect(routeProps(otherStack, 'ANY /more').AuthorizerId).toEqual({ 'Fn::ImportValue': expect.stringContaining('ApiBooksAuthorizer') });
  });

  test('the authorizer id, exported and imported with fromHttpAuthorizerAttributes, authorizes routes elsewhere', () => {
    const { stack, api } = httpApiStack();
    const authorizer = jwt();
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });
    new CfnOutput(stack, 'AuthorizerId', { value: authorizer.authorizerId, exportName: 'BooksAuthorizerId' });
    new CfnOutput(stack, 'ApiId', { value: api.apiId, exportName: 'BooksApiId' });

    const consumer = new Stack(stack.node.root, 'Consumer');
    const imported = HttpApi.fromHttpApiAttributes(consumer, 'BooksApi', { httpApiId: Fn.importValue('BooksApiId') });
    new HttpRoute(consumer, 'GetAuthors', {
      httpApi: imported,
      routeKey: HttpRouteKey.with('/authors', HttpMethod.GET),
      integration: urlIntegration(),
      authorizer: HttpAuthorizer.fromHttpAuthorizerAttributes(consumer, 'BooksAuthorizer', { authorizerId: Fn.importValue('BooksAuthorizerId'), authorizerType: 'JWT' }),
    });

    expect(Template.fromStack(stack).toJSON().Outputs.AuthorizerId).toEqual({
      Value: { Ref: onlyId(stack, AUTHORIZER) },
      Export: { Name: 'BooksAuthorizerId' },
    });
    expect(routeProps(consumer, 'GET /authors')).toMatchObject({
      ApiId: { 'Fn::ImportValue': 'BooksApiId' },
      AuthorizationType: 'JWT',
      AuthorizerId: { 'Fn::ImportValue': 'BooksAuthorizerId' },
    });
  });

  test('two imports with different ids are different APIs', () => {
    const { stack } = httpApiStack();
    const a = HttpApi.fromHttpApiAttributes(stack, 'A', { httpApiId: 'aaa111' });
    const b = HttpApi.fromHttpApiAttributes(stack, 'B', { httpApiId: 'bbb222' });
    const sameAsA = HttpApi.fromHttpApiAttributes(stack, 'SameAsA', { httpApiId: 'aaa111' });
    const authorizer = jwt();
    new HttpRoute(stack, 'RouteA', { httpApi: a, routeKey: HttpRouteKey.with('/a'), integration: urlIntegration(), authorizer });
    new HttpRoute(stack, 'RouteSameAsA', { httpApi: sameAsA, routeKey: HttpRouteKey.with('/a2'), integration: urlIntegration(), authorizer });
    const error = errorOf(() => new HttpRoute(stack, 'RouteB', { httpApi: b, routeKey: HttpRouteKey.with('/b'), integration: urlIntegration(), authorizer }));
    expect(error.constructPath).toBe('Stack/RouteB');
    expect(error.message).toContain('cannot authorize routes of API \'Stack/B\'');
  });

  test('the core\'s JWT rules apply, with the authorizer\'s path', () => {
    const empty = httpApiStack();
    const error = errorOf(() => empty.api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer: jwt('Auth', { jwtAudience: [] }) }));
    expect(error.constructPath).toBe('Stack/Api/Auth');
    expect(error.message).toContain('`jwtAudience`');

    const twoSources = httpApiStack();
    const error2 = errorOf(() => twoSources.api.addRoutes({
      path: '/books',
      integration: urlIntegration(),
      authorizer: jwt('Auth', { identitySource: ['$request.header.Authorization', '$request.header.X'] }),
    }));
    expect(error2.constructPath).toBe('Stack/Api/Auth');
    expect(error2.message).toContain('invalid `identitySource`');
  });

  describe('an issuer that is not https:// (warned: the docs do not say it is refused)', () => {
    function warningsFor(issuer: string): { id: string; data: string }[] {
      const { stack, api } = httpApiStack();
      api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer: new HttpJwtAuthorizer('Auth', issuer, { jwtAudience: ['books-client'] }) });
      return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('jwtIssuerNotHttps')).map(w => ({ id: w.id, data: String(w.entry.data) }));
    }

    test.each(['http://issuer.example.com/', 'issuer.example.com'])('%p is warned about on the authorizer', (issuer) => {
      expect(warningsFor(issuer)).toEqual([{
        id: '/Stack/Api/Auth',
        data: `\`jwtIssuer\` '${issuer}' is not an https:// URL: API Gateway reads the issuer's discovery document and keys from this URL, `
          + 'and its examples are all https:// URLs; use the issuer\'s https:// URL, as in the `iss` claim of its tokens [ack: cdk-apigatewayv2:jwtIssuerNotHttps]',
      }]);
    });

    test.each([ISSUER, 'HTTPS://issuer.example.com', Fn.importValue('Issuer')])('valid neighbour %p is not', (issuer) => {
      expect(warningsFor(issuer)).toEqual([]);
    });
  });
});

describe('default authorization and scopes', () => {
  function defaultApi() {
    const { stack } = httpApiStack();
    const authorizer = jwt('DefaultAuth');
    const api = new HttpApi(stack, 'Scoped', {
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
      defaultAuthorizationScopes: ['books:read'],
    });
    return { stack, api, authorizer };
  }

  test('routes without their own authorizer get the default authorizer and scopes', () => {
    const { stack, api } = defaultApi();
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration() });

    const id = onlyId(stack, AUTHORIZER);
    expect(id).toMatch(/^ScopedDefaultAuth/);
    expect(routeProps(stack, 'GET /books')).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: id },
      AuthorizationScopes: ['books:read'],
    });
  });

  test('route scopes replace the defaults; `[]` removes them', () => {
    const { stack, api } = defaultApi();
    api.addRoutes({ path: '/books', methods: [HttpMethod.POST], integration: urlIntegration(), authorizationScopes: ['books:write'] });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration(), authorizationScopes: [] });

    expect(routeProps(stack, 'POST /books').AuthorizationScopes).toEqual(['books:write']);
    expect(routeProps(stack, 'GET /books').AuthorizationType).toBe('JWT');
    expect(routeProps(stack, 'GET /books').AuthorizationScopes).toBeUndefined();
  });

  test('a route\'s own authorizer overrides the default one', () => {
    const { stack, api } = defaultApi();
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration() });
    api.addRoutes({ path: '/admin', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer: jwt('AdminAuth'), authorizationScopes: ['admin'] });

    const ids = Object.keys(resources(stack, AUTHORIZER));
    expect(ids).toEqual([expect.stringMatching(/^ScopedDefaultAuth/), expect.stringMatching(/^ScopedAdminAuth/)]);
    expect(routeProps(stack, 'GET /books')).toMatchObject({ AuthorizerId: { Ref: ids[0] }, AuthorizationScopes: ['books:read'] });
    expect(routeProps(stack, 'GET /admin')).toMatchObject({ AuthorizerId: { Ref: ids[1] }, AuthorizationScopes: ['admin'] });
  });

  test('HttpNoneAuthorizer opts a route out of the default authorizer and its scopes', () => {
    const { stack, api } = defaultApi();
    api.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer: new HttpNoneAuthorizer() });

    expect(routeProps(stack, 'GET /health')).toEqual({
      ApiId: { Ref: expect.stringMatching(/^Scoped/) },
      RouteKey: 'GET /health',
      Target: expect.anything(),
      AuthorizationType: 'NONE',
    });
    expect(Object.keys(resources(stack, AUTHORIZER))).toHaveLength(0);
  });

  test('the default route gets the default authorizer and scopes', () => {
    const { stack } = httpApiStack();
    new HttpApi(stack, 'Proxy', {
      defaultIntegration: urlIntegration(),
      defaultAuthorizer: jwt(),
      defaultAuthorizationScopes: ['proxy'],
    });
    expect(routeProps(stack, '$default')).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: ['proxy'] });
  });
});
