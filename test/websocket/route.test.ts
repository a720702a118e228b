import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnRoute, CfnRouteResponse } from 'aws-cdk-lib/aws-apigatewayv2';
import type { WebSocketRouteAuthorizerConfig } from '../../lib';
import {
  WebSocketApi,
  WebSocketAuthorizer,
  WebSocketIntegrationResponseKey,
  WebSocketIntegrationType,
  WebSocketNoneAuthorizer,
  WebSocketRoute,
  WebSocketRouteResponse,
} from '../../lib';
import { WebSocketLambdaIntegration, WebSocketMockIntegration } from '../../lib/integrations';
import { WebSocketIamAuthorizer, WebSocketLambdaAuthorizer } from '../../lib/authorizers';
import { ConfigIntegration, errorOf, lambdaFunction, routeProps, webSocketApiStack } from '../support';

describe('WebSocketRoute defaults', () => {
  test('a route states its key, its integration and the authorization type NONE, and nothing else', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });

    expect(routeProps(stack, 'send')).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      RouteKey: 'send',
      AuthorizationType: 'NONE',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'ApisendRouteSend1D48D89C' }]] },
    });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::RouteResponse', 0);
  });

  test('attributes: routeId, routeKey, webSocketApi, routeRef, and aws-cdk-lib\'s CfnRoute as defaultChild', () => {
    const { stack, api } = webSocketApiStack();
    const route = new WebSocketRoute(stack, 'Route', { webSocketApi: api, routeKey: 'send', integration: new WebSocketMockIntegration('Send') });

    expect(route.node.defaultChild).toBeInstanceOf(CfnRoute);
    expect(route.node.defaultChild!.node.id).toBe('Resource');
    expect(stack.resolve(route.routeId)).toEqual({ Ref: 'RouteA67450D2' });
    expect(stack.resolve(route.routeRef)).toEqual({ apiId: { Ref: 'ApiF70053CD' }, routeId: { Ref: 'RouteA67450D2' } });
    expect(route.routeKey).toBe('send');
    expect(route.webSocketApi).toBe(api);
    expect(route.integrationResponseId).toBeUndefined();
  });
});

describe('WebSocketRoute props', () => {
  test('every prop is rendered; request parameters as CloudFormation\'s `{ Required }` constraints', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('$connect', {
      integration: new WebSocketMockIntegration('Connect'),
      apiKeyRequired: true,
      requestParameters: { 'route.request.querystring.token': true, 'route.request.header.X-Client': false },
      requestModels: { '$default': 'ConnectModel' },
      modelSelectionExpression: '$request.body.type',
      operationName: 'Connect',
    });

    expect(routeProps(stack, '$connect')).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      RouteKey: '$connect',
      AuthorizationType: 'NONE',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'ApiconnectRouteConnect247638BF' }]] },
      ApiKeyRequired: true,
      RequestParameters: {
        'route.request.querystring.token': { Required: true },
        'route.request.header.X-Client': { Required: false },
      },
      RequestModels: { $default: 'ConnectModel' },
      ModelSelectionExpression: '$request.body.type',
      OperationName: 'Connect',
    });
  });

  test('`apiKeyRequired: false` is written as given; empty request parameters are left out', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send'), apiKeyRequired: false, requestParameters: {} });
    expect(routeProps(stack, 'send').ApiKeyRequired).toBe(false);
    expect(routeProps(stack, 'send').RequestParameters).toBeUndefined();
  });

  describe('request parameters are headers or query strings of the route request', () => {
    test.each([
      '$request.header.Authorization',
      'method.request.querystring.token',
      'route.request.path.id',
      'route.request.header.',
      'route.request.body.action',
    ])('%s is refused', (name) => {
      const { api } = webSocketApiStack();
      const error = errorOf(() => api.addRoute('$connect', { integration: new WebSocketMockIntegration('C'), requestParameters: { [name]: true } }));
      expect(error.message).toContain(`invalid request parameter '${name}' in \`requestParameters\` of route '$connect': `
        + "WebSocket routes take 'route.request.header.NAME' or 'route.request.querystring.NAME'");
    });

    test('valid neighbours: a header with dashes and a query string with dots', () => {
      const { stack, api } = webSocketApiStack();
      api.addRoute('$connect', {
        integration: new WebSocketMockIntegration('C'),
        requestParameters: { 'route.request.header.X-Api-Version': true, 'route.request.querystring.user.id': false },
      });
      expect(Object.keys(routeProps(stack, '$connect').RequestParameters)).toEqual(['route.request.header.X-Api-Version', 'route.request.querystring.user.id']);
    });
  });
});

describe('WebSocketRoute responses', () => {
  test('`returnResponse` makes the route two-way: the selection expression `$default` and a `$default` route response with the id `Response`', () => {
    const { stack, api } = webSocketApiStack();
    const route = api.addRoute('send', { integration: new WebSocketLambdaIntegration('Send', lambdaFunction(stack, 'SendHandler')), returnResponse: true });

    expect(routeProps(stack, 'send').RouteResponseSelectionExpression).toBe('$default');
    const response = route.node.findChild('Response');
    expect(response).toBeInstanceOf(WebSocketRouteResponse);
    expect(response.node.defaultChild).toBeInstanceOf(CfnRouteResponse);
    const responses = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::RouteResponse');
    expect(responses).toEqual({
      ApisendRouteResponse52774135: {
        Type: 'AWS::ApiGatewayV2::RouteResponse',
        Properties: { ApiId: { Ref: 'ApiF70053CD' }, RouteId: { Ref: 'ApisendRouteD98007E4' }, RouteResponseKey: '$default' },
      },
    });
  });

  test('`returnResponse: false` leaves the route one-way', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send'), returnResponse: false });
    expect(routeProps(stack, 'send').RouteResponseSelectionExpression).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::RouteResponse', 0);
  });

  test('`routeResponse` implies `returnResponse` and sets the response models', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', {
      integration: new WebSocketLambdaIntegration('Send', lambdaFunction(stack, 'SendHandler')),
      routeResponse: { responseModels: { $default: 'Reply' }, modelSelectionExpression: '$default' },
    });
    expect(routeProps(stack, 'send').RouteResponseSelectionExpression).toBe('$default');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', {
      RouteResponseKey: '$default',
      ResponseModels: { $default: 'Reply' },
      ModelSelectionExpression: '$default',
    });
  });

  test('`routeResponse` with `returnResponse: false` is refused; with `returnResponse: true` it is accepted', () => {
    const { stack, api } = webSocketApiStack();
    const error = errorOf(() => api.addRoute('send', { integration: new WebSocketMockIntegration('A'), returnResponse: false, routeResponse: {} }));
    expect(error.message).toBe("Stack/Api/send-Route: `routeResponse` on route 'send' with `returnResponse: false`: a route response makes the route return "
      + 'responses; remove `routeResponse`, or set `returnResponse` to true [cdk-apigatewayv2:routeResponse]');

    api.addRoute('other', { integration: new WebSocketLambdaIntegration('B', lambdaFunction(stack, 'BHandler')), returnResponse: true, routeResponse: { responseModels: { $default: 'M' } } });
  });

  test('addResponse makes a route two-way after it was created', () => {
    const { stack, api } = webSocketApiStack();
    const route = api.addRoute('send', { integration: new WebSocketLambdaIntegration('Send', lambdaFunction(stack, 'SendHandler')) });
    const response = route.addResponse({ responseModels: { $default: 'Reply' } });

    expect(response.responseKey).toBe('$default');
    expect(response.route).toBe(route);
    expect(stack.resolve(response.routeResponseId)).toEqual({ Ref: 'ApisendRouteResponse52774135' });
    expect(routeProps(stack, 'send').RouteResponseSelectionExpression).toBe('$default');
  });

  test('a second `$default` route response is refused, however it is added', () => {
    const { stack, api } = webSocketApiStack();
    const route = api.addRoute('send', { integration: new WebSocketMockIntegration('Send'), returnResponse: true });
    expect(errorOf(() => route.addResponse()).message).toBe("Stack/Api/send-Route: duplicate route response `responseKey` '$default' on route 'send': "
      + 'the route already has it (Stack/Api/send-Route/Response), and a route has one route response per key; configure the existing one instead [cdk-apigatewayv2:duplicateRouteResponse]');
    const error = errorOf(() => new WebSocketRouteResponse(stack, 'Again', { route }));
    expect(error.message).toBe("Stack/Again: duplicate route response `responseKey` '$default' on route 'send': the route already has it "
      + '(Stack/Api/send-Route/Response), and a route has one route response per key; configure the existing one instead [cdk-apigatewayv2:duplicateRouteResponse]');
  });

  test('a route response key other than `$default` is refused; `$default` given explicitly is accepted', () => {
    const { stack, api } = webSocketApiStack();
    const route = api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
    const error = errorOf(() => route.addResponse({ responseKey: '/2\\d\\d/' }));
    expect(error.message).toContain("invalid `responseKey` '/2\\d\\d/' for a route response: API Gateway supports only '$default'; leave `responseKey` unset");

    const other = api.addRoute('other', { integration: new WebSocketMockIntegration('Other') });
    new WebSocketRouteResponse(stack, 'Explicit', { route: other, responseKey: '$default' });
    expect(routeProps(stack, 'other').RouteResponseSelectionExpression).toBe('$default');
  });

  test('a two-way route whose non-proxy integration has no integration response gets a warning', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send'), returnResponse: true });
    Annotations.fromStack(stack).hasWarning('/Stack/Api/send-Route', Match.stringLikeRegexp(
      "route 'send' returns responses, but its MOCK integration has no integration response, so clients get nothing back"));
  });

  test('valid neighbours: a two-way route with an integration response, a proxy integration, or one-way', () => {
    const { stack, api } = webSocketApiStack();
    const mock = new WebSocketMockIntegration('Mock');
    api.addRoute('send', { integration: mock, returnResponse: true });
    mock.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
    api.addRoute('proxy', { integration: new WebSocketLambdaIntegration('Proxy', lambdaFunction(stack, 'ProxyHandler')), returnResponse: true });
    api.addRoute('oneway', { integration: new ConfigIntegration('Aws', { type: WebSocketIntegrationType.AWS, uri: 'arn:aws:apigateway:us-east-1:sqs:path/1/q' }) });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

test('an integration with the id `Response` is refused when the route needs that id for its route response; one-way it is fine', () => {
  const { stack, api } = webSocketApiStack();
  const error = errorOf(() => api.addRoute('send', { integration: new WebSocketMockIntegration('Response'), returnResponse: true }));
  expect(error.message).toBe("Stack/Api/send-Route: cannot add the route response of route 'send': its construct id 'Response' is taken by "
    + 'Stack/Api/send-Route/Response; give the integration another id [cdk-apigatewayv2:duplicateRouteResponse]');

  api.addRoute('oneway', { integration: new WebSocketMockIntegration('Response') });
  Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'oneway' });
});

describe('WebSocketRoute authorizers', () => {
  test('a Lambda authorizer on `$connect`: CUSTOM with the authorizer id, the authorizer created under the API', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('$connect', { integration: new WebSocketMockIntegration('Connect'), authorizer: new WebSocketLambdaAuthorizer('Auth', lambdaFunction(stack, 'AuthHandler')) });

    expect(api.node.tryFindChild('Auth')).toBeInstanceOf(WebSocketAuthorizer);
    expect(routeProps(stack, '$connect')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: 'ApiAuth3D21DCFE' } });
  });

  test('an IAM authorizer on `$connect`: AWS_IAM without an authorizer id', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('$connect', { integration: new WebSocketMockIntegration('Connect'), authorizer: new WebSocketIamAuthorizer() });
    expect(routeProps(stack, '$connect').AuthorizationType).toBe('AWS_IAM');
    expect(routeProps(stack, '$connect').AuthorizerId).toBeUndefined();
  });

  test('an imported authorizer on `$connect`', () => {
    const { stack, api } = webSocketApiStack();
    const authorizer = WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'Imported', { authorizerId: 'auth123', authorizerType: 'CUSTOM' });
    api.addRoute('$connect', { integration: new WebSocketMockIntegration('Connect'), authorizer });
    expect(routeProps(stack, '$connect')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: 'auth123' });
  });

  test.each([
    ['a Lambda authorizer', (stack: Stack) => new WebSocketLambdaAuthorizer('Auth', lambdaFunction(stack, 'AuthHandler'))],
    ['an IAM authorizer', () => new WebSocketIamAuthorizer()],
  ])('%s on a route other than `$connect` is refused', (_name, authorizer) => {
    const { stack, api } = webSocketApiStack();
    const error = errorOf(() => api.addRoute('send', { integration: new WebSocketMockIntegration('Send'), authorizer: authorizer(stack) }));
    expect(error.message).toBe("Stack/Api/send-Route: `authorizer` on route 'send': API Gateway authorizes a WebSocket connection once, when it opens, "
      + "so only the '$connect' route takes an authorizer; move it to the $connect route [cdk-apigatewayv2:webSocketRouteAuthorizer]");
  });

  test('valid neighbour: WebSocketNoneAuthorizer on any route', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send'), authorizer: new WebSocketNoneAuthorizer() });
    expect(routeProps(stack, 'send').AuthorizationType).toBe('NONE');
  });

  test('an authorization type WebSocket routes do not have (JWT) is refused', () => {
    const { api } = webSocketApiStack();
    const jwt = { bind: (): WebSocketRouteAuthorizerConfig => ({ authorizationType: 'JWT', authorizerId: 'x' }) };
    const error = errorOf(() => api.addRoute('$connect', { integration: new WebSocketMockIntegration('C'), authorizer: jwt }));
    expect(error.message).toContain("invalid authorization type 'JWT' from the `authorizer` of route '$connect': WebSocket routes accept NONE, AWS_IAM, CUSTOM");
  });

  test('a route key that is a token is not checked against `$connect`', () => {
    const { stack, api } = webSocketApiStack();
    const routeKey = Lazy.string({ produce: () => '$connect' });
    new WebSocketRoute(stack, 'Lazy', { webSocketApi: api, routeKey, integration: new WebSocketMockIntegration('C'), authorizer: new WebSocketIamAuthorizer() });
    expect(routeProps(stack, '$connect').AuthorizationType).toBe('AWS_IAM');
  });
});

describe('WebSocketRoute across stacks', () => {
  test('a route in another stack than its API synthesizes both stacks without a cycle', () => {
    const app = new App();
    const apiStackOnly = new Stack(app, 'ApiStack');
    const api = new WebSocketApi(apiStackOnly, 'Api');
    const routes = new Stack(app, 'Routes');
    new WebSocketRoute(routes, 'Send', { webSocketApi: api, routeKey: 'send', integration: new WebSocketMockIntegration('Send'), returnResponse: true });

    const assembly = app.synth();
    expect(assembly.stacks.map(s => s.stackName).sort()).toEqual(['ApiStack', 'Routes']);
    Template.fromStack(routes).resourceCountIs('AWS::ApiGatewayV2::Route', 1);
    Template.fromStack(routes).resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    Template.fromStack(apiStackOnly).resourceCountIs('AWS::ApiGatewayV2::Integration', 0);
  });
});
