import { Duration, Lazy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  WebSocketConnectionType,
  ContentHandling,
  PassthroughBehavior,
  WebSocketApi,
  WebSocketIntegration,
  WebSocketIntegrationResponseKey,
  WebSocketIntegrationType,
} from '../../lib';
import { WebSocketLambdaIntegration, WebSocketMockIntegration } from '../../lib/integrations';
import { ConfigIntegration, errorOf, INTEGRATION, lambdaFunction, newStack, RecordingMockIntegration, resources, webSocketApiStack } from '../support';

const QUEUE_URI = 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/queue';

describe('WebSocketIntegration', () => {
  test('the integration types, content handlings and passthrough behaviours have CloudFormation\'s values', () => {
    expect(Object.values(WebSocketIntegrationType)).toEqual(['AWS_PROXY', 'MOCK', 'AWS', 'HTTP', 'HTTP_PROXY']);
    expect(Object.values(ContentHandling)).toEqual(['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']);
    expect(Object.values(PassthroughBehavior)).toEqual(['WHEN_NO_MATCH', 'NEVER', 'WHEN_NO_TEMPLATES']);
  });

  test('minimal props: the API, the type and the URI', () => {
    const { stack, api } = webSocketApiStack();
    const integration = new WebSocketIntegration(stack, 'Integration', { webSocketApi: api, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '' });

    expect(integration.node.defaultChild).toBeInstanceOf(CfnIntegration);
    expect(Object.values(resources(stack, INTEGRATION))[0].Properties).toEqual({ ApiId: { Ref: 'ApiF70053CD' }, IntegrationType: 'MOCK', IntegrationUri: '' });
    expect(stack.resolve(integration.integrationId)).toEqual({ Ref: 'Integration61740D79' });
    expect(stack.resolve(integration.integrationRef)).toEqual({ apiId: { Ref: 'ApiF70053CD' }, integrationId: { Ref: 'Integration61740D79' } });
    expect(integration.webSocketApi).toBe(api);
  });

  test('every prop is rendered', () => {
    const { stack, api } = webSocketApiStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    new WebSocketIntegration(stack, 'Integration', {
      webSocketApi: api,
      integrationType: WebSocketIntegrationType.AWS,
      integrationUri: QUEUE_URI,
      integrationMethod: 'POST',
      contentHandling: ContentHandling.CONVERT_TO_TEXT,
      credentialsRole: role,
      requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
      templateSelectionExpression: '\\$default',
      timeout: Duration.seconds(10),
      passthroughBehavior: PassthroughBehavior.NEVER,
      responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT }],
    });

    expect(Object.values(resources(stack, INTEGRATION))[0].Properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS',
      IntegrationUri: QUEUE_URI,
      IntegrationMethod: 'POST',
      ContentHandlingStrategy: 'CONVERT_TO_TEXT',
      CredentialsArn: { 'Fn::GetAtt': ['Role1ABCC5F0', 'Arn'] },
      RequestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      RequestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
      TemplateSelectionExpression: '\\$default',
      TimeoutInMillis: 10000,
      PassthroughBehavior: 'NEVER',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', {
      IntegrationId: { Ref: 'Integration61740D79' },
      IntegrationResponseKey: '$default',
    });
  });

  test('HTTP and HTTP_PROXY integrations are written as given', () => {
    const { stack, api } = webSocketApiStack();
    new WebSocketIntegration(stack, 'Http', { webSocketApi: api, integrationType: WebSocketIntegrationType.HTTP, integrationUri: 'https://example.com/chat', integrationMethod: 'POST' });
    new WebSocketIntegration(stack, 'Proxy', { webSocketApi: api, integrationType: WebSocketIntegrationType.HTTP_PROXY, integrationUri: 'https://example.com/chat', integrationMethod: 'ANY' });
    expect(Object.values(resources(stack, INTEGRATION)).map(i => i.Properties.IntegrationType)).toEqual(['HTTP', 'HTTP_PROXY']);
  });

  test('`webSocketApi` of an integration made from a bare API reference is refused', () => {
    const { stack, api } = webSocketApiStack();
    const bare = { isWebsocketApi: true, apiRef: api.apiRef, node: api.node, env: api.env, stack } as any;
    const integration = new WebSocketIntegration(stack, 'Integration', { webSocketApi: bare, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '' });
    expect(stack.resolve(integration.integrationRef.apiId)).toEqual({ Ref: 'ApiF70053CD' });
    expect(() => integration.webSocketApi).toThrow(/`webSocketApi` Stack\/Api is a reference without apiEndpoint: pass a WebSocketApi/);
  });

  describe('timeouts are 50 ms to 29 s', () => {
    test.each([Duration.millis(49), Duration.millis(29_001), Duration.seconds(30), Duration.minutes(1)])('%s is refused', (timeout) => {
      const { stack, api } = webSocketApiStack();
      const error = errorOf(() => new WebSocketIntegration(stack, 'I', { webSocketApi: api, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '', timeout }));
      expect(error.message).toBe(`Stack/I: invalid \`timeout\` ${timeout.toHumanString()}: WebSocket API integrations allow 50 ms to 29 s; choose a value in that range [cdk-apigatewayv2:integrationTimeout]`);
    });

    test('the same check applies to a route integration\'s config', () => {
      const { stack, api } = webSocketApiStack();
      const integration = new WebSocketLambdaIntegration('Send', lambdaFunction(stack), { timeout: Duration.seconds(30) });
      expect(() => api.addRoute('send', { integration }))
        .toThrow(/invalid `timeout` 30 seconds: WebSocket API integrations allow 50 ms to 29 s/);
    });

    test('valid neighbours: 50 ms, 29 s, and a timeout that is a token', () => {
      const { stack, api } = webSocketApiStack();
      for (const [id, timeout] of [['Min', Duration.millis(50)], ['Max', Duration.seconds(29)], ['Token', Duration.millis(Lazy.number({ produce: () => 5000 }))]] as const) {
        new WebSocketIntegration(stack, id, { webSocketApi: api, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '', timeout });
      }
      expect(Object.values(resources(stack, INTEGRATION)).map(i => i.Properties.TimeoutInMillis)).toEqual([50, 29000, 5000]);
    });
  });

  describe('integrations other than MOCK need a URI', () => {
    test.each(['AWS_PROXY', 'AWS', 'HTTP', 'HTTP_PROXY'] as const)('an empty URI on a %s integration is refused', (type) => {
      const { stack, api } = webSocketApiStack();
      const error = errorOf(() => new WebSocketIntegration(stack, 'I', { webSocketApi: api, integrationType: WebSocketIntegrationType[type], integrationUri: '' }));
      expect(error.message).toBe(`Stack/I: empty \`integrationUri\` for a WebSocket integration of type ${type}: set the Lambda invocation URI, AWS service action ARN `
        + 'or URL of the backend (only MOCK integrations go without one) [cdk-apigatewayv2:integrationUri]');
    });

    test('valid neighbours: a MOCK integration without a URI, and a URI that is a token', () => {
      const { stack, api } = webSocketApiStack();
      new WebSocketIntegration(stack, 'Mock', { webSocketApi: api, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '' });
      new WebSocketIntegration(stack, 'Lazy', { webSocketApi: api, integrationType: WebSocketIntegrationType.HTTP, integrationUri: Lazy.string({ produce: () => 'https://x.example.com' }) });
      expect(Object.values(resources(stack, INTEGRATION)).map(i => i.Properties.IntegrationUri)).toEqual(['', 'https://x.example.com']);
    });
  });
});

describe('WebSocketRouteIntegration', () => {
  test('one integration resource per object and API, under the first route; bind() runs on every route', () => {
    const { stack, api } = webSocketApiStack();
    const integration = new RecordingMockIntegration('Shared');
    api.addRoute('$connect', { integration });
    api.addRoute('$disconnect', { integration });
    api.addRoute('$default', { integration });

    expect(integration.boundRouteKeys).toEqual(['$connect', '$disconnect', '$default']);
    expect(Object.keys(resources(stack, INTEGRATION))).toEqual(['ApiconnectRouteShared68C991A6']);
    expect(api.node.findChild('$connect-Route').node.tryFindChild('Shared')).toBeInstanceOf(WebSocketIntegration);
    const targets = Object.values(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Route')).map(r => r.Properties.Target);
    expect(new Set(targets.map(t => JSON.stringify(t))).size).toBe(1);
  });

  test('two objects with the same config give two integration resources', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('a', { integration: new WebSocketMockIntegration('A') });
    api.addRoute('b', { integration: new WebSocketMockIntegration('B') });
    expect(Object.keys(resources(stack, INTEGRATION))).toHaveLength(2);
  });

  test('binding one object to a second API is refused', () => {
    const stack = newStack();
    const integration = new WebSocketMockIntegration('Shared');
    new WebSocketApi(stack, 'First').addRoute('send', { integration });
    const second = new WebSocketApi(stack, 'Second');
    const error = errorOf(() => second.addRoute('send', { integration }));
    expect(error.message).toBe("Stack/Second/send-Route: integration 'Shared' already serves the WebSocket API Stack/First: "
      + 'an integration object belongs to one API; create another one for this API [cdk-apigatewayv2:integrationReuse]');
  });

  test('every field of the config reaches the integration resource', () => {
    const { stack, api } = webSocketApiStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/invoke');
    api.addRoute('send', {
      integration: new ConfigIntegration('Aws', {
        type: WebSocketIntegrationType.AWS,
        uri: QUEUE_URI,
        method: 'POST',
        contentHandling: ContentHandling.CONVERT_TO_BINARY,
        credentialsRole: role,
        requestTemplates: { $default: 'Action=SendMessage' },
        requestParameters: { 'integration.request.header.X-Id': 'context.connectionId' },
        templateSelectionExpression: '\\$default',
        timeout: Duration.seconds(5),
        passthroughBehavior: PassthroughBehavior.WHEN_NO_TEMPLATES,
        responses: [{ responseKey: WebSocketIntegrationResponseKey.SUCCESS, responseTemplates: { $default: '{"ok": true}' } }],
      }),
    });

    expect(Object.values(resources(stack, INTEGRATION))[0].Properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS',
      IntegrationUri: QUEUE_URI,
      IntegrationMethod: 'POST',
      ContentHandlingStrategy: 'CONVERT_TO_BINARY',
      CredentialsArn: 'arn:aws:iam::123456789012:role/invoke',
      RequestTemplates: { $default: 'Action=SendMessage' },
      RequestParameters: { 'integration.request.header.X-Id': 'context.connectionId' },
      TemplateSelectionExpression: '\\$default',
      TimeoutInMillis: 5000,
      PassthroughBehavior: 'WHEN_NO_TEMPLATES',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', {
      IntegrationResponseKey: '/2\\d\\d/',
      ResponseTemplates: { $default: '{"ok": true}' },
    });
  });

  describe('integration ids that would collide with the route\'s own children or vanish from logical ids', () => {
    test.each(['Default', 'Resource'])('the id %s is refused', (id) => {
      const error = errorOf(() => new WebSocketMockIntegration(id));
      expect(error.message).toBe(`invalid integration id '${id}': the first route that binds the integration creates it under itself with this id, where `
        + `'${id}' is the route's own resource or hidden from logical ids; choose another id, e.g. '${id}Integration' [cdk-apigatewayv2:integrationId]`);
    });

    test('valid neighbour: `DefaultIntegration`', () => {
      const { stack, api } = webSocketApiStack();
      api.addRoute('$default', { integration: new WebSocketMockIntegration('DefaultIntegration') });
      expect(Object.keys(resources(stack, INTEGRATION))).toEqual(['ApidefaultRouteDefaultIntegrationE3602C1B']);
    });
  });
});

describe('connection through a VPC link', () => {
  const base = (api: WebSocketApi) => ({ webSocketApi: api, integrationUri: 'http://internal.example.com/chat', integrationMethod: 'POST' });

  test('HTTP integrations render ConnectionType and ConnectionId', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    new WebSocketIntegration(stack, 'Private', {
      ...base(api), integrationType: WebSocketIntegrationType.HTTP_PROXY, connectionType: WebSocketConnectionType.VPC_LINK, connectionId: 'vl-123',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { ConnectionType: 'VPC_LINK', ConnectionId: 'vl-123' });
  });

  test('VPC_LINK on an AWS_PROXY integration, or without a connectionId, is refused', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    expect(() => new WebSocketIntegration(stack, 'Lambda', {
      ...base(api), integrationType: WebSocketIntegrationType.AWS_PROXY, connectionType: WebSocketConnectionType.VPC_LINK, connectionId: 'vl-1',
    })).toThrow('`connectionType` VPC_LINK on a WebSocket integration of type AWS_PROXY: only HTTP and HTTP_PROXY integrations reach private backends');
    expect(() => new WebSocketIntegration(stack, 'NoId', {
      ...base(api), integrationType: WebSocketIntegrationType.HTTP, connectionType: WebSocketConnectionType.VPC_LINK,
    })).toThrow('`connectionType` VPC_LINK needs `connectionId`');
  });
});
