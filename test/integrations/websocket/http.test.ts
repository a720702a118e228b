import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ContentHandling, HttpMethod, PassthroughBehavior, VpcLink, WebSocketApi, WebSocketIntegrationResponseKey } from '../../../lib';
import { WebSocketHttpIntegration, WebSocketHttpProxyIntegration } from '../../../lib/integrations';
import { errorOf, INTEGRATION, onlyProps, resources, webSocketApiStack } from '../../support';

const BACKEND = 'https://chat.example.com/messages';
const NLB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/chat/50dc6c495c0c9188';

function nlb(stack: Stack, id = 'Nlb'): elbv2.INetworkLoadBalancer {
  return elbv2.NetworkLoadBalancer.fromNetworkLoadBalancerAttributes(stack, id, { loadBalancerArn: NLB_ARN });
}

describe('WebSocketHttpProxyIntegration', () => {
  test('minimal: HTTP_PROXY to the URL with the method ANY, over the internet', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('$default', { integration: new WebSocketHttpProxyIntegration('Backend', BACKEND) });

    expect(onlyProps(stack, INTEGRATION)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: BACKEND,
      IntegrationMethod: 'ANY',
    });
  });

  test('method, request parameters and timeout', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('sendmessage', {
      integration: new WebSocketHttpProxyIntegration('Backend', BACKEND, {
        method: HttpMethod.POST,
        requestParameters: { 'integration.request.header.ConnectionId': 'context.connectionId' },
        timeout: Duration.seconds(3),
      }),
    });

    expect(onlyProps(stack, INTEGRATION)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: BACKEND,
      IntegrationMethod: 'POST',
      RequestParameters: { 'integration.request.header.ConnectionId': 'context.connectionId' },
      TimeoutInMillis: 3000,
    });
  });

  test('an integration response on a proxy integration gets the core\'s warning', () => {
    const { stack, api } = webSocketApiStack();
    const integration = new WebSocketHttpProxyIntegration('Backend', BACKEND);
    integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
    api.addRoute('$default', { integration });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('has no effect'));
  });
});

describe('WebSocketHttpIntegration', () => {
  test('HTTP with templates, passthrough, content handling and responses', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('sendmessage', {
      integration: new WebSocketHttpIntegration('Backend', BACKEND, {
        method: HttpMethod.PUT,
        requestTemplates: { $default: '{ "text": $input.json(\'$.message\') }' },
        templateSelectionExpression: '\\$default',
        passthroughBehavior: PassthroughBehavior.NEVER,
        contentHandling: ContentHandling.CONVERT_TO_TEXT,
        requestParameters: { 'integration.request.querystring.room': 'route.request.body.room' },
        responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT }],
      }),
      returnResponse: true,
    });

    expect(onlyProps(stack, INTEGRATION)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP',
      IntegrationUri: BACKEND,
      IntegrationMethod: 'PUT',
      RequestTemplates: { $default: '{ "text": $input.json(\'$.message\') }' },
      TemplateSelectionExpression: '\\$default',
      PassthroughBehavior: 'NEVER',
      ContentHandlingStrategy: 'CONVERT_TO_TEXT',
      RequestParameters: { 'integration.request.querystring.room': 'route.request.body.room' },
    });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::IntegrationResponse', 1);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('timeout: 49 ms is refused when a route binds it, 50 ms is accepted', () => {
    const { stack, api } = webSocketApiStack();
    const tooShort = new WebSocketHttpIntegration('TooShort', BACKEND, { timeout: Duration.millis(49) });
    expect(errorOf(() => api.addRoute('a', { integration: tooShort })).message).toMatch(/invalid `timeout` 49 millis: WebSocket API integrations allow 50 ms to 29 s/);
    api.addRoute('b', { integration: new WebSocketHttpIntegration('Ok', BACKEND, { timeout: Duration.millis(50) }) });
    expect(onlyProps(stack, INTEGRATION).TimeoutInMillis).toBe(50);
  });
});

describe('url: an absolute http(s) URL', () => {
  test.each([
    ['https', 'https://chat.example.com'],
    ['http, with a port, path and query', 'http://10.0.0.12:8080/chat?room=1'],
    ['a stage variable host', 'https://${stageVariables.backendHost}/chat'],
    ['upper-case scheme', 'HTTPS://chat.example.com'],
  ])('%s is accepted by both classes', (_name, url) => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('a', { integration: new WebSocketHttpIntegration('Http', url) });
    api.addRoute('b', { integration: new WebSocketHttpProxyIntegration('Proxy', url) });
    expect(Object.values(resources(stack, INTEGRATION)).map(i => i.Properties.IntegrationUri)).toEqual([url, url]);
  });

  test.each([
    ['a host without a scheme', 'chat.example.com'],
    ['a relative path', '/chat'],
    ['a WebSocket URL', 'wss://chat.example.com'],
    ['another scheme', 'ftp://chat.example.com'],
    ['a space', 'https://chat example.com'],
    ['no host', 'https://'],
    ['an empty string', ''],
  ])('%s is refused by both classes', (_name, url) => {
    for (const make of [() => new WebSocketHttpIntegration('Backend', url), () => new WebSocketHttpProxyIntegration('Backend', url)]) {
      expect(errorOf(make).message).toMatch(/^invalid `url` .* of integration 'Backend': use an absolute URL starting with http:\/\/ or https:\/\//);
    }
  });

  test.each(['${stageVariables.url}', '${stageVariables.url}/chat'])('%s (a stage variable begins the URL) is warned about, not refused', (url) => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('a', { integration: new WebSocketHttpIntegration('Http', url) });
    api.addRoute('b', { integration: new WebSocketHttpProxyIntegration('Proxy', url) });
    expect(Object.values(resources(stack, INTEGRATION)).map(i => i.Properties.IntegrationUri)).toEqual([url, url]);
    const warned = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('cdk-apigatewayv2:stageVariableUrl'));
    expect(warned.map(w => w.id)).toEqual(['/Stack/Api/a-Route/Http', '/Stack/Api/b-Route/Proxy']);
    expect(warned[0].entry.data).toMatch(/^`integrationUri` '\$\{stageVariables\.url\}.*' begins with a stage variable/);
  });

  test('a stage variable inside a URL with its own scheme is not warned about', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('a', { integration: new WebSocketHttpIntegration('Http', 'https://${stageVariables.host}/chat') });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('stageVariableUrl'));
  });

  test('a token is taken as it is', () => {
    const { stack, api } = webSocketApiStack();
    const url = Lazy.string({ produce: () => BACKEND });
    api.addRoute('$default', { integration: new WebSocketHttpProxyIntegration('Backend', url) });
    expect(onlyProps(stack, INTEGRATION).IntegrationUri).toBe(BACKEND);
  });
});

describe('private integrations through a VPC link', () => {
  test('a REST API VPC link (aws_apigateway.VpcLink) connects the integration', () => {
    const { stack, api } = webSocketApiStack();
    const link = new apigateway.VpcLink(stack, 'Link', { targets: [nlb(stack)] });
    api.addRoute('$default', { integration: new WebSocketHttpProxyIntegration('Backend', 'http://chat.internal:8080', { vpcLink: link }) });

    expect(onlyProps(stack, INTEGRATION)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'http://chat.internal:8080',
      IntegrationMethod: 'ANY',
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: 'Link1234EF21' },
    });
    expect(onlyProps(stack, 'AWS::ApiGateway::VpcLink')).toEqual({ Name: 'StackLink6E3C6650', TargetArns: [NLB_ARN] });
  });

  test('one integration over several routes is connected once; an HTTP integration takes a link too', () => {
    const { stack, api } = webSocketApiStack();
    const link = new apigateway.VpcLink(stack, 'Link', { targets: [nlb(stack)] });
    const proxy = new WebSocketHttpProxyIntegration('Proxy', 'http://chat.internal', { vpcLink: link });
    api.addRoute('$connect', { integration: proxy });
    api.addRoute('$disconnect', { integration: proxy });
    api.addRoute('send', { integration: new WebSocketHttpIntegration('Http', 'http://chat.internal/send', { vpcLink: link }) });

    const found = Object.values(resources(stack, INTEGRATION)).map(i => i.Properties);
    expect(found).toHaveLength(2);
    for (const props of found) {
      expect(props).toMatchObject({ ConnectionType: 'VPC_LINK', ConnectionId: { Ref: 'Link1234EF21' } });
    }
  });

  test('imported links: by id, and the L1 CfnVpcLink', () => {
    const { stack, api } = webSocketApiStack();
    const imported = apigateway.VpcLink.fromVpcLinkId(stack, 'Imported', 'abc123');
    const l1 = new apigateway.CfnVpcLink(stack, 'L1', { name: 'l1', targetArns: [NLB_ARN] });
    api.addRoute('a', { integration: new WebSocketHttpProxyIntegration('A', 'http://a.internal', { vpcLink: imported }) });
    api.addRoute('b', { integration: new WebSocketHttpProxyIntegration('B', 'http://b.internal', { vpcLink: l1 }) });

    expect(Object.values(resources(stack, INTEGRATION)).map(i => i.Properties.ConnectionId)).toEqual(['abc123', { Ref: 'L1' }]);
  });

  test('a VPC link without targets fails synthesis (aws-cdk-lib refuses it); with a target added later it synthesizes', () => {
    const build = (addTarget: boolean) => {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      const api = new WebSocketApi(stack, 'Api');
      const link = new apigateway.VpcLink(stack, 'Link');
      api.addRoute('$default', { integration: new WebSocketHttpProxyIntegration('Backend', 'http://chat.internal', { vpcLink: link }) });
      if (addTarget) link.addTargets(nlb(stack));
      return () => app.synth();
    };
    expect(build(false)).toThrow(/No targets added to vpc link/);
    expect(build(true)).not.toThrow();
  });

  describe('VPC links of HTTP APIs (AWS::ApiGatewayV2::VpcLink) are refused', () => {
    const refused = /^invalid `vpcLink` .* of integration 'Backend': it is a VPC link of HTTP APIs \(AWS::ApiGatewayV2::VpcLink\), and WebSocket APIs reach private backends only through the VPC links of REST APIs/;

    test.each([
      ['this library\'s VpcLink', (stack: Stack) => new VpcLink(stack, 'V2', { vpc: new ec2.Vpc(stack, 'Vpc') })],
      ['an import of it', (stack: Stack) => VpcLink.fromVpcLinkAttributes(stack, 'V2', { vpcLinkId: 'v2', vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['a'] }) })],
      ['aws-cdk-lib\'s VpcLink', (stack: Stack) => new upstream.VpcLink(stack, 'V2', { vpc: new ec2.Vpc(stack, 'Vpc') })],
      ['aws-cdk-lib\'s CfnVpcLink', (stack: Stack) => new upstream.CfnVpcLink(stack, 'V2', { name: 'v2', subnetIds: [] })],
    ])('%s', (_name, make) => {
      const stack = new Stack();
      // TypeScript accepts these (the reference interfaces have the same shape); other languages do not.
      const vpcLink = make(stack) as unknown as apigateway.IVpcLinkRef;
      expect(errorOf(() => new WebSocketHttpProxyIntegration('Backend', 'http://chat.internal', { vpcLink })).message).toMatch(refused);
      expect(errorOf(() => new WebSocketHttpIntegration('Backend', 'http://chat.internal', { vpcLink })).message).toMatch(refused);
    });
  });
});
