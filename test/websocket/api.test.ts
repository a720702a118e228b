import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  IpAddressType,
  WebSocketApi,
  WebSocketApiKeySelectionExpression,
  WebSocketRoute,
  WebSocketStage,
} from '../../lib';
import { WebSocketMockIntegration } from '../../lib/integrations';
import { errorOf, newStack } from '../support';

/** The properties of the one resource of a type in the stack. */
function onlyProps(stack: Stack, type: string): { [key: string]: any } {
  const resources = Template.fromStack(stack).findResources(type);
  const ids = Object.keys(resources);
  expect(ids).toHaveLength(1);
  return resources[ids[0]].Properties;
}

const API_ARN_PREFIX = ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: 'ApiF70053CD' }];

describe('WebSocketApi defaults', () => {
  test('a WEBSOCKET API named after its id, with the route selection expression `$request.body.action`, and nothing else', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api');

    expect(onlyProps(stack, 'AWS::ApiGatewayV2::Api')).toEqual({
      Name: 'Api',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    expect(Object.keys(template.toJSON().Resources)).toEqual(['ApiF70053CD']);
  });

  test('attributes: apiId, apiEndpoint, apiRef, webSocketApiName, isWebsocketApi, and aws-cdk-lib\'s CfnApi as defaultChild', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    expect(api.node.defaultChild).toBeInstanceOf(CfnApi);
    expect(api.node.defaultChild!.node.id).toBe('Resource');
    expect(stack.resolve(api.apiId)).toEqual({ Ref: 'ApiF70053CD' });
    expect(stack.resolve(api.apiEndpoint)).toEqual({ 'Fn::GetAtt': ['ApiF70053CD', 'ApiEndpoint'] });
    expect(stack.resolve(api.apiRef)).toEqual({ apiId: { Ref: 'ApiF70053CD' } });
    expect(api.webSocketApiName).toBe('Api');
    expect(api.isWebsocketApi).toBe(true);
  });
});

describe('WebSocketApi props', () => {
  test('every prop is rendered', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api', {
      apiName: 'chat',
      description: 'the chat API',
      routeSelectionExpression: '${request.body.type}',
      apiKeySelectionExpression: WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
      ipAddressType: IpAddressType.DUAL_STACK,
      disableSchemaValidation: true,
    });

    expect(onlyProps(stack, 'AWS::ApiGatewayV2::Api')).toEqual({
      Name: 'chat',
      Description: 'the chat API',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '${request.body.type}',
      ApiKeySelectionExpression: '$request.header.x-api-key',
      IpAddressType: 'dualstack',
      DisableSchemaValidation: true,
    });
  });

  test('`disableSchemaValidation: false` and IPv4 are written as given', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api', { disableSchemaValidation: false, ipAddressType: IpAddressType.IPV4 });
    expect(onlyProps(stack, 'AWS::ApiGatewayV2::Api')).toMatchObject({ DisableSchemaValidation: false, IpAddressType: 'ipv4' });
  });

  test('the API key selection expressions: the two documented ones, and a custom one through the public constructor', () => {
    expect(WebSocketApiKeySelectionExpression.HEADER_X_API_KEY.customApiKeySelector).toBe('$request.header.x-api-key');
    expect(WebSocketApiKeySelectionExpression.AUTHORIZER_USAGE_IDENTIFIER_KEY.customApiKeySelector).toBe('$context.authorizer.usageIdentifierKey');

    const stack = newStack();
    new WebSocketApi(stack, 'Api', { apiKeySelectionExpression: WebSocketApiKeySelectionExpression.AUTHORIZER_USAGE_IDENTIFIER_KEY });
    expect(onlyProps(stack, 'AWS::ApiGatewayV2::Api').ApiKeySelectionExpression).toBe('$context.authorizer.usageIdentifierKey');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('an undocumented API key selection expression is written, with a warning', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api', { apiKeySelectionExpression: new WebSocketApiKeySelectionExpression('$request.header.x-my-key') });

    expect(onlyProps(stack, 'AWS::ApiGatewayV2::Api').ApiKeySelectionExpression).toBe('$request.header.x-my-key');
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp(
      "`apiKeySelectionExpression` '\\$request.header.x-my-key' is not one API Gateway documents"));
  });
});

describe('WebSocketApi route selection expression', () => {
  function selectionWarnings(stack: Stack): string[] {
    return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('webSocket(StaticRouteSelectionWithoutRoute|RouteSelectionExpressionEmpty)'))
      .map(w => String(w.entry.data));
  }

  test('an empty expression is written, with a warning (the guide does not say API Gateway refuses it)', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api', { routeSelectionExpression: '' });
    expect(onlyProps(stack, 'AWS::ApiGatewayV2::Api').RouteSelectionExpression).toBe('');
    expect(selectionWarnings(stack)).toEqual([
      "`routeSelectionExpression` '' is empty: API Gateway documents expressions such as '$request.body.action' and static keys, not an empty one; "
      + "leave it unset for '$request.body.action', or give the expression that picks the route [ack: cdk-apigatewayv2:webSocketRouteSelectionExpressionEmpty]",
    ]);
  });

  test('a static expression without a route of that key is warned about once the app is built', () => {
    const stack = newStack();
    new WebSocketApi(stack, 'Api', { routeSelectionExpression: 'action', defaultRouteOptions: { integration: new WebSocketMockIntegration('Fallback') } });
    expect(selectionWarnings(stack)).toEqual([expect.stringMatching(
      /^`routeSelectionExpression` 'action' is static, so every message selects the route key 'action', and this API has no route of that key/)]);
  });

  test('valid neighbours: a static expression with its route (added after the API), the default, and a body expression', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api', { routeSelectionExpression: 'action' });
    api.addRoute('action', { integration: new WebSocketMockIntegration('Action') });
    new WebSocketApi(stack, 'Default');
    new WebSocketApi(stack, 'Body', { routeSelectionExpression: '$request.body.type' });
    expect(selectionWarnings(stack)).toEqual([]);
  });
});

describe('WebSocketApi routes', () => {
  test('connect, disconnect and default route options create `$connect-Route`, `$disconnect-Route` and `$default-Route`', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api', {
      connectRouteOptions: { integration: new WebSocketMockIntegration('Connect') },
      disconnectRouteOptions: { integration: new WebSocketMockIntegration('Disconnect') },
      defaultRouteOptions: { integration: new WebSocketMockIntegration('DefaultIntegration') },
    });

    expect(api.node.children.map(c => c.node.id)).toEqual(['Resource', '$connect-Route', '$disconnect-Route', '$default-Route']);
    const routes = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Route');
    expect(Object.keys(routes).sort()).toEqual(['ApiconnectRoute2B5B23F2', 'ApidefaultRoute40D195EB', 'ApidisconnectRoute1C5CAB1B'].sort());
    expect(Object.values(routes).map(r => r.Properties.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect']);
  });

  test('addRoute creates a WebSocketRoute with the id `${routeKey}-Route` under the API, and may require an API key', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api', { apiKeySelectionExpression: WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
    const route = api.addRoute('sendmessage', { integration: new WebSocketMockIntegration('Send'), apiKeyRequired: true });

    expect(route).toBeInstanceOf(WebSocketRoute);
    expect(route.node.path).toBe('Stack/Api/sendmessage-Route');
    expect(route.routeKey).toBe('sendmessage');
    expect(route.webSocketApi).toBe(api);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: { Ref: 'ApiF70053CD' },
      RouteKey: 'sendmessage',
      ApiKeyRequired: true,
      AuthorizationType: 'NONE',
    });
  });

  test('addStage creates a stage under the API', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const stage = api.addStage('Prod', { stageName: 'prod', autoDeploy: true });

    expect(stage).toBeInstanceOf(WebSocketStage);
    expect(stage.node.path).toBe('Stack/Api/Prod');
    expect(onlyProps(stack, 'AWS::ApiGatewayV2::Stage')).toEqual({ ApiId: { Ref: 'ApiF70053CD' }, StageName: 'prod', AutoDeploy: true });
  });

  describe('route keys are unique per API, however the route is created', () => {
    test('addRoute twice with one key is refused, naming the key and the existing route', () => {
      const stack = newStack();
      const api = new WebSocketApi(stack, 'Api');
      api.addRoute('send', { integration: new WebSocketMockIntegration('A') });
      const error = errorOf(() => api.addRoute('send', { integration: new WebSocketMockIntegration('B') }));
      expect(error.message).toBe("Stack/Api: duplicate `routeKey` 'send': the WebSocket API Stack/Api already has this route (Stack/Api/send-Route), "
        + 'and API Gateway allows one route per key; remove one of them or give it another key [cdk-apigatewayv2:duplicateRoute]');
    });

    test('a route of the props and addRoute with its key is refused', () => {
      const stack = newStack();
      const api = new WebSocketApi(stack, 'Api', { connectRouteOptions: { integration: new WebSocketMockIntegration('A') } });
      expect(() => api.addRoute('$connect', { integration: new WebSocketMockIntegration('B') })).toThrow(/duplicate `routeKey` '\$connect'/);
    });

    test('`new WebSocketRoute` with another construct id but a taken key is refused', () => {
      const stack = newStack();
      const api = new WebSocketApi(stack, 'Api');
      api.addRoute('send', { integration: new WebSocketMockIntegration('A') });
      const error = errorOf(() => new WebSocketRoute(stack, 'Other', { webSocketApi: api, routeKey: 'send', integration: new WebSocketMockIntegration('B') }));
      expect(error.constructPath).toBe('Stack/Other');
      expect(error.message).toMatch(/duplicate `routeKey` 'send'/);
    });

    test('routes added through one import are checked against each other', () => {
      const stack = newStack();
      const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
      api.addRoute('send', { integration: new WebSocketMockIntegration('A') });
      expect(() => new WebSocketRoute(stack, 'Again', { webSocketApi: api, routeKey: 'send', integration: new WebSocketMockIntegration('B') }))
        .toThrow(/duplicate `routeKey` 'send'/);
    });

    test('valid neighbours: distinct keys on one API, keys that differ only in case, and one key on two APIs', () => {
      const stack = newStack();
      const api = new WebSocketApi(stack, 'Api', { defaultRouteOptions: { integration: new WebSocketMockIntegration('D') } });
      api.addRoute('send', { integration: new WebSocketMockIntegration('A') });
      api.addRoute('Send', { integration: new WebSocketMockIntegration('B') });
      new WebSocketApi(stack, 'Other').addRoute('send', { integration: new WebSocketMockIntegration('C') });
      Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Route', 4);
    });
  });

  describe('route keys are not empty', () => {
    test('addRoute with an empty key is refused', () => {
      const stack = newStack();
      const api = new WebSocketApi(stack, 'Api');
      const error = errorOf(() => api.addRoute('', { integration: new WebSocketMockIntegration('A') }));
      expect(error.message).toBe("Stack/Api: invalid `routeKey` '': a WebSocket route key is a non-empty string such as '$connect', '$disconnect', '$default' or 'sendmessage' [cdk-apigatewayv2:webSocketRouteKey]");
    });

    test('`new WebSocketRoute` with an empty key is refused', () => {
      const stack = newStack();
      const api = new WebSocketApi(stack, 'Api');
      expect(() => new WebSocketRoute(stack, 'R', { webSocketApi: api, routeKey: '', integration: new WebSocketMockIntegration('A') }))
        .toThrow(/invalid `routeKey` ''/);
    });

    test('valid neighbour: a one-character key', () => {
      const stack = newStack();
      new WebSocketApi(stack, 'Api').addRoute('a', { integration: new WebSocketMockIntegration('A') });
      Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'a' });
    });
  });
});

describe('WebSocketApi imports', () => {
  test('fromWebSocketApiAttributes keeps the id and endpoint and creates nothing', () => {
    const stack = newStack();
    const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123', apiEndpoint: 'wss://abc123.example.com' });
    expect(api.apiId).toBe('abc123');
    expect(api.apiEndpoint).toBe('wss://abc123.example.com');
    expect(api.isWebsocketApi).toBe(true);
    expect(stack.resolve(api.apiRef)).toEqual({ apiId: 'abc123' });
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  test('reading apiEndpoint of an import without it is refused', () => {
    const stack = newStack();
    const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
    const error = errorOf(() => api.apiEndpoint);
    expect(error.message).toBe('Stack/Imported: the `apiEndpoint` of this imported WebSocket API is unknown: '
      + 'pass `apiEndpoint` to WebSocketApi.fromWebSocketApiAttributes() [cdk-apigatewayv2:attributeUnavailable]');
  });

  test('routes can be added to an import', () => {
    const stack = newStack();
    const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { ApiId: 'abc123', RouteKey: 'send', AuthorizationType: 'NONE' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { ApiId: 'abc123', IntegrationType: 'MOCK' });
  });
});

describe('WebSocketApi grants and ARNs', () => {
  test('grantManageConnections allows execute-api:ManageConnections on every stage\'s @connections', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    api.grantManageConnections(role);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:ManageConnections',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', [...API_ARN_PREFIX, '/*/*/@connections/*']] },
        }],
      },
    });
  });

  test('an imported API grants on its id', () => {
    const stack = newStack();
    const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    api.grantManageConnections(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:ManageConnections',
          Resource: { 'Fn::Join': ['', Match.arrayWith([':abc123/*/*/@connections/*'])] },
        }],
      },
    });
  });

  test('arnForExecuteApiV2: every route of every stage by default, or the given route and stage', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    expect(stack.resolve(api.arnForExecuteApiV2())).toEqual({ 'Fn::Join': ['', [...API_ARN_PREFIX, '/*/*']] });
    expect(stack.resolve(api.arnForExecuteApiV2('$connect', 'prod'))).toEqual({ 'Fn::Join': ['', [...API_ARN_PREFIX, '/prod/$connect']] });
    expect(stack.resolve(api.arnForExecuteApiV2(undefined, 'prod'))).toEqual({ 'Fn::Join': ['', [...API_ARN_PREFIX, '/prod/*']] });
  });

  test('the deprecated arnForExecuteApi keeps the HTTP format; `ANY` becomes `*`', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    expect(stack.resolve(api.arnForExecuteApi())).toEqual({ 'Fn::Join': ['', [...API_ARN_PREFIX, '/*/*/*']] });
    expect(stack.resolve(api.arnForExecuteApi('any', '/chat', 'dev'))).toEqual({ 'Fn::Join': ['', [...API_ARN_PREFIX, '/dev/*/chat']] });
  });

  test('the deprecated arnForExecuteApi refuses a path without a leading slash', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    expect(() => api.arnForExecuteApi('GET', 'chat')).toThrow(/invalid `path` 'chat' for arnForExecuteApi: a path starts with '\/'; use '\/chat'/);
  });

  test('an API in an environment formats its ARNs with the account and Region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const api = new WebSocketApi(stack, 'Api');
    expect(stack.resolve(api.arnForExecuteApiV2('send', 'dev')))
      .toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: 'ApiF70053CD' }, '/dev/send']] });
  });
});

describe('WebSocketApi metrics', () => {
  test('metric() is in the AWS/ApiGateway namespace with the ApiId dimension, averaged over 5 minutes', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const metric = api.metric('MessageCount');
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.metricName).toBe('MessageCount');
    expect(metric.statistic).toBe('Average');
    expect(metric.period.toMinutes()).toBe(5);
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: 'ApiF70053CD' } });
  });

  test.each([
    ['metricConnectCount', 'ConnectCount', 'Sum'],
    ['metricMessageCount', 'MessageCount', 'Sum'],
    ['metricIntegrationError', 'IntegrationError', 'Sum'],
    ['metricClientError', 'ClientError', 'Sum'],
    ['metricExecutionError', 'ExecutionError', 'Sum'],
    ['metricIntegrationLatency', 'IntegrationLatency', 'Average'],
  ] as const)('%s is %s with the statistic %s', (method, metricName, statistic) => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const metric = api[method]();
    expect(metric.metricName).toBe(metricName);
    expect(metric.statistic).toBe(statistic);
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: 'ApiF70053CD' } });
    expect(api[method]({ statistic: 'Maximum' }).statistic).toBe('Maximum');
  });

  test('an imported API has the same metrics', () => {
    const stack = newStack();
    const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
    expect(api.metricMessageCount().dimensions).toEqual({ ApiId: 'abc123' });
  });
});

describe('route keys only known at deploy time', () => {
  test('the route gets a construct id without the token (`TokenRouteKey{hash}-Route`), and its key keeps the token', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const first = api.addRoute(new CfnParameter(stack, 'Key').valueAsString, { integration: new WebSocketMockIntegration('A') });
    const second = api.addRoute(Fn.importValue('OtherKey'), { integration: new WebSocketMockIntegration('B') });
    expect([first.node.id, second.node.id]).toEqual([expect.stringMatching(/^TokenRouteKey[0-9A-F]{8}-Route$/), expect.stringMatching(/^TokenRouteKey[0-9A-F]{8}-Route$/)]);
    expect(first.node.id).not.toBe(second.node.id);
    // Another route added first leaves the id as it is.
    const again = newStack();
    const otherFirst = new WebSocketApi(again, 'Api');
    otherFirst.addRoute(Fn.importValue('OtherKey'), { integration: new WebSocketMockIntegration('B') });
    expect(otherFirst.addRoute(new CfnParameter(again, 'Key').valueAsString, { integration: new WebSocketMockIntegration('A') }).node.id).toBe(first.node.id);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: { Ref: 'Key' } });
  });
});
