import { App, Names, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { WebSocketApi, WebSocketRoute } from '../../../lib';
import { WebSocketIamAuthorizer, WebSocketLambdaAuthorizer } from '../../../lib/authorizers';
import { WebSocketMockIntegration } from '../../../lib/integrations';
import { arnOf, errorOf, executeApiArn, invocationUri, lambdaFunction, onlyProps, resources, routeProps, webSocketApiStack } from '../../support';

const AUTHORIZER = 'AWS::ApiGatewayV2::Authorizer';
const PERMISSION = 'AWS::Lambda::Permission';

function connect(id = 'ConnectIntegration'): WebSocketMockIntegration {
  return new WebSocketMockIntegration(id);
}

describe('WebSocketLambdaAuthorizer', () => {
  test('defaults: a REQUEST authorizer named after its id, reading the Authorization header', () => {
    const { stack, api } = webSocketApiStack();
    const authorizer = new WebSocketLambdaAuthorizer('Auth', lambdaFunction(stack, 'AuthFn'));
    api.addRoute('$connect', { integration: connect(), authorizer });

    const [authorizerId] = Object.keys(resources(stack, AUTHORIZER));
    expect(authorizerId).toMatch(/^ApiAuth[0-9A-F]{8}$/);
    const fnId = Object.keys(resources(stack, 'AWS::Lambda::Function'))[0];
    expect(onlyProps(stack, AUTHORIZER)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      AuthorizerType: 'REQUEST',
      Name: 'Auth',
      IdentitySource: ['route.request.header.Authorization'],
      AuthorizerUri: invocationUri(fnId),
    });
    expect(routeProps(stack, '$connect')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
    expect(stack.resolve(authorizer.authorizerId)).toEqual({ Ref: authorizerId });
    expect(authorizer.authorizationType).toBe('CUSTOM');
  });

  test('name and identity sources', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('$connect', {
      integration: connect(),
      authorizer: new WebSocketLambdaAuthorizer('Auth', lambdaFunction(stack), {
        authorizerName: 'token-authorizer',
        identitySource: ['route.request.querystring.token', 'stageVariables.realm', 'context.routeKey'],
      }),
    });

    expect(onlyProps(stack, AUTHORIZER)).toMatchObject({
      Name: 'token-authorizer',
      IdentitySource: ['route.request.querystring.token', 'stageVariables.realm', 'context.routeKey'],
    });
  });

  test('one Lambda permission, for this authorizer only, under the API with aws-cdk-lib\'s construct id', () => {
    const { stack, api } = webSocketApiStack();
    const authFn = lambdaFunction(stack, 'AuthFn');
    api.addRoute('$connect', { integration: connect(), authorizer: new WebSocketLambdaAuthorizer('Auth', authFn) });

    const [authorizerId] = Object.keys(resources(stack, AUTHORIZER));
    const fnId = Object.keys(resources(stack, 'AWS::Lambda::Function'))[0];
    expect(Object.values(resources(stack, PERMISSION)).map(p => p.Properties)).toEqual([{
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: arnOf('execute-api', 'account', { Ref: 'ApiF70053CD' }, '/authorizers/', { Ref: authorizerId }),
    }]);
    const authorizerNode = api.node.findChild('Auth');
    expect(api.node.tryFindChild(`${Names.nodeUniqueId(authorizerNode.node)}-Permission`)).toBeDefined();
  });

  test('binds once per API: a second bind from the same API reuses the authorizer and its permission', () => {
    const { stack, api } = webSocketApiStack();
    const authorizer = new WebSocketLambdaAuthorizer('Auth', lambdaFunction(stack));
    const route = api.addRoute('$connect', { integration: connect(), authorizer });
    // An import of the same API (the same apiId) counts as the same API.
    const imported = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: api.apiId });
    const again = authorizer.bind({ route, scope: api });
    new WebSocketRoute(stack, 'ViaImport', { webSocketApi: imported, routeKey: '$connect', integration: connect('Other'), authorizer });

    expect(again).toEqual({ authorizerId: authorizer.authorizerId, authorizationType: 'CUSTOM' });
    const routes = Object.values(resources(stack, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map(r => r.Properties.AuthorizerId)).toEqual([{ Ref: 'ApiAuth3D21DCFE' }, { Ref: 'ApiAuth3D21DCFE' }]);
    const template = Template.fromStack(stack);
    template.resourceCountIs(AUTHORIZER, 1);
    template.resourceCountIs(PERMISSION, 1);
  });

  test('an authorizer object serves one API; one object per API is fine', () => {
    const { stack, api } = webSocketApiStack();
    const other = new WebSocketApi(stack, 'Other');
    const authFn = lambdaFunction(stack);
    const authorizer = new WebSocketLambdaAuthorizer('Auth', authFn);
    api.addRoute('$connect', { integration: connect(), authorizer });

    const error = errorOf(() => other.addRoute('$connect', { integration: connect(), authorizer }));
    expect(error.message).toMatch(/invalid `authorizer` WebSocketLambdaAuthorizer 'Auth': it already authorizes connections to API 'Stack\/Api', .* cannot authorize routes of API 'Stack\/Other'; create one WebSocketLambdaAuthorizer per API \[cdk-apigatewayv2:authorizerReuse\]$/);

    const { stack: stack2, api: api2 } = webSocketApiStack();
    const other2 = new WebSocketApi(stack2, 'Other');
    const authFn2 = lambdaFunction(stack2);
    api2.addRoute('$connect', { integration: connect(), authorizer: new WebSocketLambdaAuthorizer('Auth', authFn2) });
    other2.addRoute('$connect', { integration: connect(), authorizer: new WebSocketLambdaAuthorizer('Auth', authFn2) });
    Template.fromStack(stack2).resourceCountIs(AUTHORIZER, 2);
    Template.fromStack(stack2).resourceCountIs(PERMISSION, 2);
  });

  test('authorizerId is refused before a route uses the authorizer', () => {
    const stack = new Stack();
    const authorizer = new WebSocketLambdaAuthorizer('Auth', lambdaFunction(stack));
    expect(errorOf(() => authorizer.authorizerId).message).toMatch(/^cannot read `authorizerId` of WebSocketLambdaAuthorizer 'Auth' yet/);
  });

  describe('identity sources in WebSocket syntax (checked by the core)', () => {
    test.each([
      ['$request.header.Authorization', /this is HTTP API syntax; use 'route.request.header.Authorization'/],
      ['$request.querystring.token', /this is HTTP API syntax; use 'route.request.querystring.token'/],
      ['$context.routeKey', /this is HTTP API syntax; use 'context.routeKey'/],
      ['header.Authorization', /use 'route.request.header.NAME'/],
    ])('%s is refused', (source, hint) => {
      const { stack, api } = webSocketApiStack();
      const authorizer = new WebSocketLambdaAuthorizer('Auth', lambdaFunction(stack), { identitySource: [source] });
      const error = errorOf(() => api.addRoute('$connect', { integration: connect(), authorizer }));
      expect(error.message).toMatch(/invalid `identitySource` .* for a WebSocket authorizer/);
      expect(error.message).toMatch(hint);
    });

    test.each(['route.request.header.Authorization', 'route.request.querystring.token', 'stageVariables.realm', 'context.identity.sourceIp'])('%s is accepted', source => {
      const { stack, api } = webSocketApiStack();
      api.addRoute('$connect', { integration: connect(), authorizer: new WebSocketLambdaAuthorizer('Auth', lambdaFunction(stack), { identitySource: [source] }) });
      expect(onlyProps(stack, AUTHORIZER).IdentitySource).toEqual([source]);
    });
  });

  test('only the $connect route takes an authorizer (checked by the core)', () => {
    const { stack, api } = webSocketApiStack();
    const authFn = lambdaFunction(stack);
    const error = errorOf(() => api.addRoute('sendmessage', { integration: connect(), authorizer: new WebSocketLambdaAuthorizer('Auth', authFn) }));
    expect(error.message).toMatch(/`authorizer` on route 'sendmessage': .* only the '\$connect' route takes an authorizer; move it to the \$connect route/);
    api.addRoute('$connect', { integration: connect(), authorizer: new WebSocketLambdaAuthorizer('Auth2', authFn) });
    expect(routeProps(stack, '$connect').AuthorizationType).toBe('CUSTOM');
  });

  test('a route in another stack: the authorizer lives with the API, the permission names the route\'s stack', () => {
    const app = new App();
    const apiStackOnly = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new WebSocketApi(apiStackOnly, 'Api');
    new WebSocketRoute(routeStack, 'Connect', {
      webSocketApi: api,
      routeKey: '$connect',
      integration: connect(),
      authorizer: new WebSocketLambdaAuthorizer('Auth', lambdaFunction(apiStackOnly)),
    });
    expect(() => app.synth()).not.toThrow();
    Template.fromStack(apiStackOnly).resourceCountIs(AUTHORIZER, 1);
  });
});

describe('WebSocketIamAuthorizer', () => {
  test('AWS_IAM on $connect, with no authorizer resource and no permission; one object serves any API', () => {
    const { stack, api } = webSocketApiStack();
    const other = new WebSocketApi(stack, 'Other');
    const authorizer = new WebSocketIamAuthorizer();
    api.addRoute('$connect', { integration: connect(), authorizer });
    other.addRoute('$connect', { integration: connect(), authorizer });

    const template = Template.fromStack(stack);
    template.resourceCountIs(AUTHORIZER, 0);
    template.resourceCountIs(PERMISSION, 0);
    for (const route of Object.values(resources(stack, 'AWS::ApiGatewayV2::Route'))) {
      expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(route.Properties.AuthorizerId).toBeUndefined();
    }
    expect(authorizer.authorizationType).toBe('AWS_IAM');
  });

  test('clients need execute-api:Invoke on $connect', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('$connect', { integration: connect(), authorizer: new WebSocketIamAuthorizer() });
    const client = new iam.Role(stack, 'Client', { assumedBy: new iam.AccountRootPrincipal() });
    client.addToPolicy(new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [api.arnForExecuteApiV2('$connect', 'prod')] }));

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: executeApiArn('/prod/$connect') }] },
    });
  });

  test('only the $connect route takes it (checked by the core)', () => {
    const { api } = webSocketApiStack();
    expect(errorOf(() => api.addRoute('$default', { integration: connect(), authorizer: new WebSocketIamAuthorizer() })).message)
      .toMatch(/`authorizer` on route '\$default'/);
  });
});
