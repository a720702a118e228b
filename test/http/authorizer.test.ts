import { Stack } from 'aws-cdk-lib';
import { Duration, Lazy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { HttpAuthorizerProps } from '../../lib';
import { AuthorizerPayloadVersion, HttpApi, HttpAuthorizer, HttpAuthorizerType, HttpMethod, HttpNoneAuthorizer } from '../../lib';
import { errorOf, httpApiStack, newStack, urlIntegration } from '../support';

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc';
const LAMBDA_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:auth/invocations';

/** Creates a JWT authorizer with valid defaults, overridden by `props`. */
function jwt(stack: Stack, api: HttpApi, props: Partial<HttpAuthorizerProps> = {}): HttpAuthorizer {
  return new HttpAuthorizer(stack, 'Jwt', {
    httpApi: api,
    type: HttpAuthorizerType.JWT,
    identitySource: ['$request.header.Authorization'],
    jwtAudience: ['client-1'],
    jwtIssuer: ISSUER,
    ...props,
  });
}

/** Creates a Lambda authorizer with valid defaults, overridden by `props`. */
function lambda(stack: Stack, api: HttpApi, props: Partial<HttpAuthorizerProps> = {}): HttpAuthorizer {
  return new HttpAuthorizer(stack, 'Lambda', {
    httpApi: api,
    type: HttpAuthorizerType.LAMBDA,
    identitySource: ['$request.header.Authorization'],
    authorizerUri: LAMBDA_URI,
    ...props,
  });
}

/** The properties of the one `AWS::ApiGatewayV2::Authorizer` in the stack. */
function authorizerProps(stack: Stack): { [key: string]: any } {
  const authorizers = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Authorizer');
  const ids = Object.keys(authorizers);
  expect(ids).toHaveLength(1);
  return authorizers[ids[0]].Properties;
}

describe('JWT authorizers', () => {
  test('render the audience, issuer and identity source; the name defaults to the construct id', () => {
    const { stack, api } = httpApiStack();
    jwt(stack, api, { jwtAudience: ['client-1', 'client-2'] });
    expect(authorizerProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      Name: 'Jwt',
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: ['client-1', 'client-2'], Issuer: ISSUER },
    });
  });

  test('`authorizerName` sets the name', () => {
    const { stack, api } = httpApiStack();
    jwt(stack, api, { authorizerName: 'my-authorizer' });
    expect(authorizerProps(stack).Name).toBe('my-authorizer');
  });

  test('a query string identity source is accepted', () => {
    const { stack, api } = httpApiStack();
    jwt(stack, api, { identitySource: ['$request.querystring.token'] });
    expect(authorizerProps(stack).IdentitySource).toEqual(['$request.querystring.token']);
  });

  test('without an issuer it is refused, naming `jwtIssuer`', () => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => jwt(stack, api, { jwtIssuer: undefined }));
    expect(error.message).toContain('`jwtIssuer`');
    expect(error.message).toContain('set the URL of the token issuer');
    expect(error.constructPath).toBe('Stack/Jwt');
  });

  test('an empty issuer is refused', () => {
    const { stack, api } = httpApiStack();
    expect(() => jwt(stack, api, { jwtIssuer: '' })).toThrow(/`jwtIssuer`/);
  });

  test.each([[undefined], [[]]])('an audience of %j is refused, naming `jwtAudience`', (jwtAudience) => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => jwt(stack, api, { jwtAudience }));
    expect(error.message).toContain('`jwtAudience`');
    expect(error.message).toContain('list the audiences');
  });

  test('50 audiences are accepted, 51 refused', () => {
    const audiences = (n: number) => Array.from({ length: n }, (_, i) => `client-${i}`);
    const { stack, api } = httpApiStack();
    jwt(stack, api, { jwtAudience: audiences(50) });
    expect(authorizerProps(stack).JwtConfiguration.Audience).toHaveLength(50);

    const other = httpApiStack();
    const error = errorOf(() => jwt(other.stack, other.api, { jwtAudience: audiences(51) }));
    expect(error.message).toContain('too many `jwtAudience` entries: 51 given');
    expect(error.message).toContain('at most 50');
  });

  test.each([
    [[]],
    [['$request.header.Authorization', '$request.header.X-Token']],
    [['$context.identity.sourceIp']],
    [['$stageVariables.token']],
  ])('identity source %j is refused: a JWT needs exactly one header or query string', (identitySource) => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => jwt(stack, api, { identitySource }));
    expect(error.message).toContain('`identitySource`');
    expect(error.message).toContain('for a JWT authorizer');
    expect(error.message).toContain('give exactly one \'$request.header.NAME\' or \'$request.querystring.NAME\'');
  });

  test('a single unresolved identity source is not checked', () => {
    const { stack, api } = httpApiStack();
    jwt(stack, api, { identitySource: [Lazy.string({ produce: () => '$context.x' })] });
    expect(authorizerProps(stack).IdentitySource).toEqual(['$context.x']);
  });

  test('a role is refused, naming `role` and the fix', () => {
    const { stack, api } = httpApiStack();
    const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('apigateway.amazonaws.com') });
    const error = errorOf(() => jwt(stack, api, { role }));
    expect(error.message).toContain('`role` is only for Lambda authorizers, not JWT ones');
    expect(error.message).toContain('remove it');
  });

  test('writes no payload format version', () => {
    const { stack, api } = httpApiStack();
    jwt(stack, api);
    expect(authorizerProps(stack).AuthorizerPayloadFormatVersion).toBeUndefined();
  });
});

describe('Lambda authorizers', () => {
  test('minimal props: REQUEST type, payload 2.0, the uri; no caching, credentials or simple responses', () => {
    const { stack, api } = httpApiStack();
    lambda(stack, api);
    expect(authorizerProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      Name: 'Lambda',
      AuthorizerType: 'REQUEST',
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerUri: LAMBDA_URI,
      AuthorizerPayloadFormatVersion: '2.0',
    });
  });

  test('every prop is rendered', () => {
    const { stack, api } = httpApiStack();
    const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('apigateway.amazonaws.com') });
    lambda(stack, api, {
      authorizerName: 'auth',
      identitySource: ['$request.header.Authorization', '$request.querystring.key', '$context.routeKey', '$stageVariables.tenant'],
      enableSimpleResponses: true,
      payloadFormatVersion: AuthorizerPayloadVersion.VERSION_2_0,
      resultsCacheTtl: Duration.minutes(5),
      role,
    });
    expect(authorizerProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      Name: 'auth',
      AuthorizerType: 'REQUEST',
      IdentitySource: ['$request.header.Authorization', '$request.querystring.key', '$context.routeKey', '$stageVariables.tenant'],
      AuthorizerUri: LAMBDA_URI,
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 300,
      AuthorizerCredentialsArn: { 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as any), 'Arn'] },
    });
  });

  test('payload 1.0 is written as given', () => {
    const { stack, api } = httpApiStack();
    lambda(stack, api, { payloadFormatVersion: AuthorizerPayloadVersion.VERSION_1_0 });
    expect(authorizerProps(stack).AuthorizerPayloadFormatVersion).toBe('1.0');
  });

  test('without a uri it is refused, naming `authorizerUri`', () => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => lambda(stack, api, { authorizerUri: undefined }));
    expect(error.message).toContain('`authorizerUri`');
    expect(error.message).toContain('set the function\'s invocation URI');
  });

  test('a TTL of exactly 1 hour is accepted; 1 hour and 1 second is refused', () => {
    const { stack, api } = httpApiStack();
    lambda(stack, api, { resultsCacheTtl: Duration.hours(1) });
    expect(authorizerProps(stack).AuthorizerResultTtlInSeconds).toBe(3600);

    const other = httpApiStack();
    const error = errorOf(() => lambda(other.stack, other.api, { resultsCacheTtl: Duration.seconds(3601) }));
    expect(error.message).toContain('`resultsCacheTtl` 1 hour 1 second');
    expect(error.message).toContain('at most 1 hour');
    expect(error.message).toContain('use Duration.hours(1) or less');
  });

  test('caching with no identity source is refused, naming both settings', () => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => lambda(stack, api, { identitySource: [], resultsCacheTtl: Duration.seconds(1) }));
    expect(error.message).toContain('`identitySource`');
    expect(error.message).toContain('`resultsCacheTtl`');
    expect(error.message).toContain('Duration.seconds(0)');
  });

  test('no identity source with a TTL of 0, or with no TTL, is accepted', () => {
    const { stack, api } = httpApiStack();
    lambda(stack, api, { identitySource: [], resultsCacheTtl: Duration.seconds(0) });
    expect(authorizerProps(stack)).toMatchObject({ IdentitySource: [], AuthorizerResultTtlInSeconds: 0 });

    const other = httpApiStack();
    lambda(other.stack, other.api, { identitySource: [] });
    expect(authorizerProps(other.stack).AuthorizerResultTtlInSeconds).toBeUndefined();
  });

  test('an unresolved TTL is not checked', () => {
    const { stack, api } = httpApiStack();
    lambda(stack, api, { identitySource: [], resultsCacheTtl: Duration.seconds(Lazy.number({ produce: () => 7200 })) });
    expect(authorizerProps(stack).AuthorizerResultTtlInSeconds).toBe(7200);
  });
});

describe('identity sources of HTTP APIs', () => {
  test.each([
    ['$request.header.X-Api-Key'],
    ['$request.querystring.key'],
    ['$context.identity.sourceIp'],
    ['$stageVariables.tenant'],
  ])('%s is accepted', (source) => {
    const { stack, api } = httpApiStack();
    lambda(stack, api, { identitySource: [source] });
    expect(authorizerProps(stack).IdentitySource).toEqual([source]);
  });

  test.each([
    ['route.request.header.Authorization'],
    ['Authorization'],
    ['$request.header.'],
    ['$request.body.token'],
    ['$request.header.Has Space'],
    ['request.header.Authorization'],
  ])('%s is refused, listing the HTTP syntax', (source) => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => lambda(stack, api, { identitySource: ['$request.header.Authorization', source] }));
    expect(error.message).toContain(`\`identitySource\` '${source}'`);
    expect(error.message).toContain('\'$request.header.NAME\', \'$request.querystring.NAME\', \'$context.NAME\' or \'$stageVariables.NAME\'');
  });

  test('an unresolved identity source is not checked', () => {
    const { stack, api } = httpApiStack();
    const source = Lazy.string({ produce: () => 'anything' });
    lambda(stack, api, { identitySource: [source] });
    expect(authorizerProps(stack).IdentitySource).toEqual(['anything']);
  });
});

describe('IAM type', () => {
  test('is refused: CloudFormation accepts only JWT and REQUEST authorizers', () => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => new HttpAuthorizer(stack, 'Iam', {
      httpApi: api,
      type: HttpAuthorizerType.IAM,
      identitySource: ['$request.header.Authorization'],
    }));
    expect(error.message).toContain('`type` IAM');
    expect(error.message).toContain('only JWT and REQUEST');
    expect(error.message).toContain('HttpIamAuthorizer');
  });
});

describe('HttpAuthorizer members', () => {
  test('authorizerId is the Ref; authorizerRef holds it and the API id', () => {
    const { stack, api } = httpApiStack();
    const authorizer = jwt(stack, api);
    const logicalId = stack.getLogicalId(authorizer.node.defaultChild as CfnAuthorizer);
    expect(authorizer.node.defaultChild).toBeInstanceOf(CfnAuthorizer);
    expect(stack.resolve(authorizer.authorizerId)).toEqual({ Ref: logicalId });
    expect(stack.resolve(authorizer.authorizerRef)).toEqual({ authorizerId: { Ref: logicalId }, apiId: { Ref: 'ApiF70053CD' } });
  });

  test('the enum values match CloudFormation', () => {
    expect(HttpAuthorizerType.JWT).toBe('JWT');
    expect(HttpAuthorizerType.LAMBDA).toBe('REQUEST');
    expect(HttpAuthorizerType.IAM).toBe('AWS_IAM');
    expect(AuthorizerPayloadVersion.VERSION_1_0).toBe('1.0');
    expect(AuthorizerPayloadVersion.VERSION_2_0).toBe('2.0');
  });
});

describe('HttpAuthorizer.fromHttpAuthorizerAttributes', () => {
  test('bound to routes through addRoutes, it gives AuthorizerId and AuthorizationType', () => {
    const { stack, api } = httpApiStack();
    const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Imported', { authorizerId: 'auth123', authorizerType: 'JWT' });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('Books'), authorizer, authorizationScopes: ['read'] });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /books',
      AuthorizerId: 'auth123',
      AuthorizationType: 'JWT',
      AuthorizationScopes: ['read'],
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
  });

  test('a Lambda authorizer is imported with type CUSTOM', () => {
    const { stack, api } = httpApiStack();
    const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Imported', { authorizerId: 'auth123', authorizerType: 'CUSTOM' });
    api.addRoutes({ path: '/books', integration: urlIntegration('Books'), authorizer });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /books',
      AuthorizerId: 'auth123',
      AuthorizationType: 'CUSTOM',
      AuthorizationScopes: Match.absent(),
    });
  });

  test('bind returns the attributes as given', () => {
    const { stack, api } = httpApiStack();
    const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Imported', { authorizerId: 'auth123', authorizerType: 'JWT' });
    const [route] = api.addRoutes({ path: '/x', integration: urlIntegration('X') });
    expect(authorizer.bind({ route, scope: api })).toEqual({ authorizerId: 'auth123', authorizationType: 'JWT' });
  });
});

describe('HttpNoneAuthorizer', () => {
  test('bind returns NONE and no authorizer id', () => {
    const { stack, api } = httpApiStack();
    const [route] = api.addRoutes({ path: '/x', integration: urlIntegration('X') });
    const none = new HttpNoneAuthorizer();
    expect(none.authorizationType).toBe('NONE');
    expect(none.bind({ route, scope: stack })).toEqual({ authorizationType: 'NONE' });
  });

  test('on a route, it overrides the API\'s default authorizer', () => {
    const stack = newStack();
    const defaultAuthorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Default', { authorizerId: 'auth123', authorizerType: 'JWT' });
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer, defaultAuthorizationScopes: ['read'] });
    api.addRoutes({ path: '/open', methods: [HttpMethod.GET], integration: urlIntegration('Open'), authorizer: new HttpNoneAuthorizer() });
    api.addRoutes({ path: '/closed', methods: [HttpMethod.GET], integration: urlIntegration('Closed') });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /open',
      AuthorizationType: 'NONE',
      AuthorizerId: Match.absent(),
      AuthorizationScopes: Match.absent(),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /closed',
      AuthorizationType: 'JWT',
      AuthorizerId: 'auth123',
      AuthorizationScopes: ['read'],
    });
  });
});

describe('settings of another authorizer type', () => {
  const warningsOf = (stack: Stack) => Annotations.fromStack(stack)
    .findWarning('*', Match.stringLikeRegexp('authorizerSettingsIgnored|simpleResponsesPayload'))
    .map(w => String(w.entry.data));

  test('Lambda settings on a JWT authorizer and JWT settings on a Lambda authorizer warn', () => {
    const stack = new Stack();
    const httpApi = new HttpApi(stack, 'Api');
    new HttpAuthorizer(stack, 'Jwt', {
      httpApi, type: HttpAuthorizerType.JWT, identitySource: ['$request.header.Authorization'],
      jwtIssuer: 'https://issuer.example.com', jwtAudience: ['a'], enableSimpleResponses: true,
    });
    new HttpAuthorizer(stack, 'Lambda', {
      httpApi, type: HttpAuthorizerType.LAMBDA, identitySource: ['$request.header.Authorization'],
      authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/fn', jwtIssuer: 'https://issuer.example.com',
    });
    expect(warningsOf(stack)).toEqual([
      expect.stringMatching(/^`enableSimpleResponses` is not used by JWT authorizers; remove it/),
      expect.stringMatching(/^`jwtIssuer` is not used by REQUEST authorizers; remove it/),
    ]);
  });

  test('simple responses with payload 1.0 warn; with 2.0 they do not', () => {
    const build = (version: AuthorizerPayloadVersion) => {
      const stack = new Stack();
      new HttpAuthorizer(stack, 'Lambda', {
        httpApi: new HttpApi(stack, 'Api'), type: HttpAuthorizerType.LAMBDA, identitySource: ['$request.header.Authorization'],
        authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/fn', enableSimpleResponses: true, payloadFormatVersion: version,
      });
      return warningsOf(stack);
    };
    expect(build(AuthorizerPayloadVersion.VERSION_1_0)).toEqual([expect.stringContaining('simple responses (`enableSimpleResponses`) are a feature of the 2.0 authorizer payload')]);
    expect(build(AuthorizerPayloadVersion.VERSION_2_0)).toEqual([]);
  });
});

describe('an imported authorizer', () => {
  test('serves the routes of one API, and is refused on a second', () => {
    const stack = new Stack();
    const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Imported', { authorizerId: 'abc', authorizerType: 'JWT' });
    const one = new HttpApi(stack, 'One');
    one.addRoutes({ path: '/a', integration: urlIntegration('A'), authorizer });
    one.addRoutes({ path: '/b', integration: urlIntegration('B'), authorizer });
    const two = new HttpApi(stack, 'Two');
    expect(() => two.addRoutes({ path: '/a', integration: urlIntegration('C'), authorizer }))
      .toThrow('imported authorizer Default/Imported already serves another API: an authorizer belongs to one API');
  });
});
