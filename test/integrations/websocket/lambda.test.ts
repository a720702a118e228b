import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ContentHandling, WebSocketApi, WebSocketRoute } from '../../../lib';
import { WebSocketLambdaIntegration } from '../../../lib/integrations';
import { errorOf, executeApiArn, INTEGRATION, invocationUri, lambdaFunction, onlyProps, PERMISSION, resources, routeProps, webSocketApiStack } from '../../support';

/** The four kinds of route of a chat API, all on one function. */
const ROUTE_KEYS = ['$connect', '$disconnect', '$default', 'sendmessage'];

describe('WebSocketLambdaIntegration', () => {
  test('renders an AWS_PROXY integration with the function\'s invocation URI', () => {
    const { stack, api } = webSocketApiStack();
    const handler = lambdaFunction(stack);
    const route = api.addRoute('sendmessage', { integration: new WebSocketLambdaIntegration('SendMessage', handler) });

    const fnId = Object.keys(resources(stack, 'AWS::Lambda::Function'))[0];
    expect(onlyProps(stack, INTEGRATION)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: invocationUri(fnId),
    });
    // The integration is created under the first route, with the id given to the constructor.
    expect(route.node.tryFindChild('SendMessage')).toBeDefined();
    const integrationId = Object.keys(resources(stack, INTEGRATION))[0];
    expect(integrationId).toMatch(/^ApisendmessageRouteSendMessage[0-9A-F]{8}$/);
    expect(routeProps(stack, 'sendmessage').Target).toEqual({ 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] });
  });

  test('passes timeout and content handling through', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('sendmessage', {
      integration: new WebSocketLambdaIntegration('SendMessage', lambdaFunction(stack), {
        timeout: Duration.seconds(10),
        contentHandling: ContentHandling.CONVERT_TO_TEXT,
      }),
    });

    expect(onlyProps(stack, INTEGRATION)).toMatchObject({ TimeoutInMillis: 10000, ContentHandlingStrategy: 'CONVERT_TO_TEXT' });
  });

  test('$connect, $disconnect, $default and a custom route on one function: one permission, for the whole API', () => {
    const { stack, api } = webSocketApiStack();
    const handler = lambdaFunction(stack);
    const integration = new WebSocketLambdaIntegration('Chat', handler);
    for (const key of ROUTE_KEYS) api.addRoute(key, { integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs(INTEGRATION, 1);
    const permissions = resources(stack, PERMISSION);
    expect(Object.keys(permissions)).toEqual([expect.stringMatching(/^ApiInvokePermissionStackHandler[0-9A-F]+$/)]);
    const fnId = Object.keys(resources(stack, 'AWS::Lambda::Function'))[0];
    expect(Object.values(permissions)[0].Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      // `{apiId}/*` matches `{apiId}/{stage}/{routeKey}` for every stage and route key.
      SourceArn: executeApiArn('/*'),
    });
  });

  test('separate integration objects on one function share the permission too', () => {
    const { stack, api } = webSocketApiStack();
    const handler = lambdaFunction(stack);
    for (const key of ROUTE_KEYS) {
      api.addRoute(key, { integration: new WebSocketLambdaIntegration(`Integration${ROUTE_KEYS.indexOf(key)}`, handler) });
    }

    Template.fromStack(stack).resourceCountIs(INTEGRATION, 4);
    Template.fromStack(stack).resourceCountIs(PERMISSION, 1);
  });

  test('scopePermissionToRoute: one permission per route, limited to its key, as in aws-cdk-lib', () => {
    const { stack, api } = webSocketApiStack();
    const handler = lambdaFunction(stack);
    const integration = new WebSocketLambdaIntegration('Chat', handler, { scopePermissionToRoute: true });
    for (const key of ROUTE_KEYS) api.addRoute(key, { integration });

    const permissions = resources(stack, PERMISSION);
    expect(Object.keys(permissions)).toHaveLength(4);
    // Upstream's SourceArn has no slash between the stage wildcard and the route key.
    expect(Object.values(permissions).map(p => p.Properties.SourceArn)).toEqual(ROUTE_KEYS.map(key => executeApiArn(`/*${key}`)));
    // The construct id is `${id}-Permission`, under each route.
    for (const key of ROUTE_KEYS) {
      expect(api.node.findChild(`${key}-Route`).node.tryFindChild('Chat-Permission')).toBeDefined();
    }
  });

  test('the permission\'s logical id does not depend on the routes', () => {
    const build = (keys: string[]) => {
      const { stack, api } = webSocketApiStack();
      const integration = new WebSocketLambdaIntegration('Chat', lambdaFunction(stack));
      for (const key of keys) api.addRoute(key, { integration });
      return Object.keys(resources(stack, PERMISSION));
    };
    expect(build(['sendmessage'])).toEqual(build(ROUTE_KEYS));
  });

  test('each function and each API gets its own permission', () => {
    const { stack, api } = webSocketApiStack();
    const other = new WebSocketApi(stack, 'Other');
    const a = lambdaFunction(stack, 'A');
    const b = lambdaFunction(stack, 'B');
    api.addRoute('$connect', { integration: new WebSocketLambdaIntegration('A1', a) });
    api.addRoute('$default', { integration: new WebSocketLambdaIntegration('B1', b) });
    other.addRoute('$connect', { integration: new WebSocketLambdaIntegration('A2', a) });

    Template.fromStack(stack).resourceCountIs(PERMISSION, 3);
  });

  test('a route in another stack gets the permission in its own stack, without a cycle', () => {
    const app = new App();
    const apiStackOnly = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new WebSocketApi(apiStackOnly, 'Api');
    new WebSocketRoute(routeStack, 'Route', {
      webSocketApi: api,
      routeKey: 'sendmessage',
      integration: new WebSocketLambdaIntegration('SendMessage', lambdaFunction(routeStack)),
    });

    expect(() => app.synth()).not.toThrow();
    Template.fromStack(apiStackOnly).resourceCountIs(PERMISSION, 0);
    Template.fromStack(routeStack).resourceCountIs(PERMISSION, 1);
  });

  test('an integration object serves one API', () => {
    const { stack, api } = webSocketApiStack();
    const other = new WebSocketApi(stack, 'Other');
    const integration = new WebSocketLambdaIntegration('Chat', lambdaFunction(stack));
    api.addRoute('$connect', { integration });

    expect(errorOf(() => other.addRoute('$connect', { integration })).message).toMatch(/integration 'Chat' already serves the WebSocket API Stack\/Api/);
  });

  describe('timeout: 50 ms to 29 s', () => {
    test.each([Duration.millis(49), Duration.millis(29_001), Duration.seconds(30)])('%s is refused when a route binds it', timeout => {
      const { stack, api } = webSocketApiStack();
      const integration = new WebSocketLambdaIntegration('Chat', lambdaFunction(stack), { timeout });
      expect(errorOf(() => api.addRoute('$default', { integration })).message).toMatch(/invalid `timeout` .*: WebSocket API integrations allow 50 ms to 29 s/);
    });

    test.each([Duration.millis(50), Duration.seconds(29)])('%s is accepted', timeout => {
      const { stack, api } = webSocketApiStack();
      api.addRoute('$default', { integration: new WebSocketLambdaIntegration('Chat', lambdaFunction(stack), { timeout }) });
      expect(onlyProps(stack, INTEGRATION).TimeoutInMillis).toBe(timeout.toMilliseconds());
    });
  });
});
