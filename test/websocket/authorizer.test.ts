import type { Stack } from 'aws-cdk-lib';
import { Lazy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import fc from 'fast-check';
import type { WebSocketAuthorizerProps } from '../../lib';
import { WebSocketApi, WebSocketAuthorizer, WebSocketAuthorizerType, WebSocketNoneAuthorizer } from '../../lib';
import { WebSocketMockIntegration } from '../../lib/integrations';
import { errorOf, newStack } from '../support';

const AUTHORIZER_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';

function lambdaAuthorizer(overrides: Partial<WebSocketAuthorizerProps> = {}): { stack: Stack; create: () => WebSocketAuthorizer } {
  const stack = newStack();
  const api = new WebSocketApi(stack, 'Api');
  return {
    stack,
    create: () => new WebSocketAuthorizer(stack, 'Auth', {
      webSocketApi: api,
      type: WebSocketAuthorizerType.LAMBDA,
      identitySource: ['route.request.header.Authorization'],
      authorizerUri: AUTHORIZER_URI,
      ...overrides,
    }),
  };
}

function authorizerProps(stack: Stack): { [key: string]: any } {
  const resources = Object.values(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Authorizer'));
  expect(resources).toHaveLength(1);
  return resources[0].Properties;
}

describe('WebSocketAuthorizer', () => {
  test('the types have CloudFormation\'s values', () => {
    expect(WebSocketAuthorizerType.LAMBDA).toBe('REQUEST');
    expect(WebSocketAuthorizerType.IAM).toBe('AWS_IAM');
  });

  test('a Lambda authorizer, named after its construct id', () => {
    const { stack, create } = lambdaAuthorizer();
    const authorizer = create();

    expect(authorizer.node.defaultChild).toBeInstanceOf(CfnAuthorizer);
    expect(authorizerProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      Name: 'Auth',
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.header.Authorization'],
      AuthorizerUri: AUTHORIZER_URI,
    });
    expect(stack.resolve(authorizer.authorizerId)).toEqual({ Ref: 'AuthC256A5EC' });
    expect(stack.resolve(authorizer.authorizerRef)).toEqual({ authorizerId: { Ref: 'AuthC256A5EC' }, apiId: { Ref: 'ApiF70053CD' } });
  });

  test('every prop is rendered: the name and the role', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/invoke-authorizer');
    new WebSocketAuthorizer(stack, 'Auth', {
      webSocketApi: api,
      type: WebSocketAuthorizerType.LAMBDA,
      identitySource: ['route.request.querystring.token', 'stageVariables.tenant', 'context.sourceIp'],
      authorizerUri: AUTHORIZER_URI,
      authorizerName: 'token-authorizer',
      role,
    });
    expect(authorizerProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      Name: 'token-authorizer',
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token', 'stageVariables.tenant', 'context.sourceIp'],
      AuthorizerUri: AUTHORIZER_URI,
      AuthorizerCredentialsArn: 'arn:aws:iam::123456789012:role/invoke-authorizer',
    });
  });

  test('a Lambda authorizer without `authorizerUri` is refused; with one it is accepted', () => {
    const { create } = lambdaAuthorizer({ authorizerUri: undefined });
    expect(errorOf(create).message).toBe('Stack/Auth: a Lambda authorizer needs `authorizerUri`: set the function\'s invocation URI, '
      + 'arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations [cdk-apigatewayv2:lambdaAuthorizerUri]');
    lambdaAuthorizer().create();
  });

  test('an IAM authorizer resource is refused: CloudFormation creates only REQUEST authorizers for WebSocket APIs', () => {
    const { create } = lambdaAuthorizer({ type: WebSocketAuthorizerType.IAM, authorizerUri: undefined });
    expect(errorOf(create).message).toBe('Stack/Auth: `type` IAM needs no authorizer resource (CloudFormation creates only REQUEST authorizers for WebSocket APIs): '
      + 'give the $connect route an authorizer whose bind() returns the authorization type AWS_IAM, e.g. WebSocketIamAuthorizer [cdk-apigatewayv2:iamAuthorizer]');
  });

  describe('identity sources use WebSocket syntax', () => {
    test.each([
      ['$request.header.Authorization', 'route.request.header.Authorization'],
      ['$request.querystring.token', 'route.request.querystring.token'],
      ['$context.identity.sourceIp', 'context.identity.sourceIp'],
      ['$stageVariables.tenant', 'stageVariables.tenant'],
    ])('the HTTP API source %s is refused, suggesting %s', (source, fix) => {
      const { create } = lambdaAuthorizer({ identitySource: [source] });
      expect(errorOf(create).message).toBe(`Stack/Auth: invalid \`identitySource\` '${source}' for a WebSocket authorizer: this is HTTP API syntax; use '${fix}' [cdk-apigatewayv2:identitySource]`);
    });

    test.each(['Authorization', 'header.Authorization', 'route.request.path.id', 'route.request.header.', 'method.request.header.Authorization', ''])(
      'the source %j is refused, listing the forms', (source) => {
        const { create } = lambdaAuthorizer({ identitySource: ['route.request.header.Authorization', source] });
        expect(errorOf(create).message).toBe(`Stack/Auth: invalid \`identitySource\` '${source}' for a WebSocket authorizer: `
          + "use 'route.request.header.NAME', 'route.request.querystring.NAME', 'stageVariables.NAME' or 'context.NAME' [cdk-apigatewayv2:identitySource]");
      });

    test('valid neighbours: every WebSocket form, with any name of letters, digits, `.`, `_` and `-`', () => {
      const prefixes = ['route.request.header.', 'route.request.querystring.', 'stageVariables.', 'context.'];
      const name = fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/);
      fc.assert(fc.property(fc.constantFrom(...prefixes), name, (prefix, n) => {
        const { create } = lambdaAuthorizer({ identitySource: [`${prefix}${n}`] });
        create();
      }), { numRuns: 50 });
    });

    test('valid neighbours: no identity source, and one that is a token', () => {
      lambdaAuthorizer({ identitySource: [] }).create();
      const { stack, create } = lambdaAuthorizer({ identitySource: [Lazy.string({ produce: () => '$request.header.X' })] });
      create();
      expect(authorizerProps(stack).IdentitySource).toEqual(['$request.header.X']);
    });
  });

  test('fromWebSocketAuthorizerAttributes binds with the given id and type and creates nothing', () => {
    const stack = newStack();
    const imported = WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'Imported', { authorizerId: 'auth123', authorizerType: 'CUSTOM' });
    const api = new WebSocketApi(stack, 'Api');
    const route = api.addRoute('$connect', { integration: new WebSocketMockIntegration('Connect'), authorizer: imported });

    expect(imported.bind({ route, scope: api })).toEqual({ authorizerId: 'auth123', authorizationType: 'CUSTOM' });
    expect((imported as any).authorizerId).toBe('auth123');
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
  });

  test('WebSocketNoneAuthorizer binds to the authorization type NONE', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const route = api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
    expect(new WebSocketNoneAuthorizer().bind({ route, scope: api })).toEqual({ authorizationType: 'NONE' });
  });
});

describe('an imported WebSocket authorizer', () => {
  test('serves the $connect route of one API, and is refused on a second', () => {
    const stack = newStack();
    const authorizer = WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'Imported', { authorizerId: 'abc', authorizerType: 'CUSTOM' });
    const one = new WebSocketApi(stack, 'One');
    one.addRoute('$connect', { integration: new WebSocketMockIntegration('A'), authorizer });
    const two = new WebSocketApi(stack, 'Two');
    expect(() => two.addRoute('$connect', { integration: new WebSocketMockIntegration('B'), authorizer }))
      .toThrow('imported authorizer Stack/Imported already serves another API: an authorizer belongs to one API');
  });
});
