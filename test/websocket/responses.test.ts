import type { Stack } from 'aws-cdk-lib';
import { Lazy, Resource } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { IIntegrationResponseRef, IRouteResponseRef, RouteReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnIntegrationResponse, CfnRouteResponse } from 'aws-cdk-lib/aws-apigatewayv2';
import fc from 'fast-check';
import type { IWebSocketApi, IWebSocketRoute } from '../../lib';
import {
  ContentHandling,
  WebSocketApi,
  WebSocketIntegration,
  WebSocketIntegrationResponse,
  WebSocketIntegrationResponseKey,
  WebSocketIntegrationType,
  WebSocketRouteResponse,
} from '../../lib';
import { WebSocketLambdaIntegration, WebSocketMockIntegration } from '../../lib/integrations';
import { ConfigIntegration, errorOf, lambdaFunction, newStack } from '../support';

function mockIntegration(): { stack: Stack; api: WebSocketApi; integration: WebSocketIntegration } {
  const stack = newStack();
  const api = new WebSocketApi(stack, 'Api');
  const integration = new WebSocketIntegration(stack, 'Mock', { webSocketApi: api, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '' });
  return { stack, api, integration };
}

function integrationResponses(stack: Stack): { [logicalId: string]: any } {
  return Template.fromStack(stack).findResources('AWS::ApiGatewayV2::IntegrationResponse');
}

describe('WebSocketIntegrationResponseKey', () => {
  test('the named keys', () => {
    expect(WebSocketIntegrationResponseKey.DEFAULT.key).toBe('$default');
    expect(WebSocketIntegrationResponseKey.SUCCESS.key).toBe('/2\\d\\d/');
    expect(WebSocketIntegrationResponseKey.CLIENT_ERROR.key).toBe('/4\\d\\d/');
    expect(WebSocketIntegrationResponseKey.SERVER_ERROR.key).toBe('/5\\d\\d/');
    expect(WebSocketIntegrationResponseKey.SERVER_ERROR.toString()).toBe('/5\\d\\d/');
  });

  test('fromStatusCode takes every status code from 100 to 599', () => {
    fc.assert(fc.property(fc.integer({ min: 100, max: 599 }), (code) => {
      expect(WebSocketIntegrationResponseKey.fromStatusCode(code).key).toBe(`/${code}/`);
    }));
  });

  test('fromStatusCode refuses anything else', () => {
    const outside = fc.oneof(fc.integer({ max: 99 }), fc.integer({ min: 600 }), fc.double({ min: 100, max: 599, noInteger: true, noNaN: true }));
    fc.assert(fc.property(outside, (code) => {
      expect(errorOf(() => WebSocketIntegrationResponseKey.fromStatusCode(code)).problem)
        .toBe(`invalid \`statusCode\` ${code} for an integration response key: use a whole number from 100 to 599`);
    }));
    // NaN is no number CloudFormation can carry: the argument check refuses it.
    expect(errorOf(() => WebSocketIntegrationResponseKey.fromStatusCode(Number.NaN)).message)
      .toBe('invalid `statusCode` NaN in WebSocketIntegrationResponseKey.fromStatusCode(): give a finite number [cdk-apigatewayv2:argumentType]');
  });

  test('fromRegExp encloses the pattern in slashes', () => {
    expect(WebSocketIntegrationResponseKey.fromRegExp('4\\d\\d|5\\d\\d').key).toBe('/4\\d\\d|5\\d\\d/');
    expect(WebSocketIntegrationResponseKey.fromRegExp('.*Error.*').key).toBe('/.*Error.*/');
    fc.assert(fc.property(fc.stringMatching(/^[0-9\\d|]{1,12}$/).filter(p => !p.endsWith('\\') && !/\\\\/.test(p)), (pattern) => {
      expect(WebSocketIntegrationResponseKey.fromRegExp(pattern).key).toBe(`/${pattern}/`);
    }));
  });

  test('fromRegExp refuses an empty pattern, a pattern in slashes and one that is no regular expression', () => {
    expect(errorOf(() => WebSocketIntegrationResponseKey.fromRegExp('')).message)
      .toBe("invalid `pattern` '' for an integration response key: the regular expression is empty; give one such as '2\\d\\d', or use WebSocketIntegrationResponseKey.DEFAULT [cdk-apigatewayv2:integrationResponseKey]");
    expect(errorOf(() => WebSocketIntegrationResponseKey.fromRegExp('/2\\d\\d/')).message)
      .toBe("invalid `pattern` '/2\\d\\d/' for an integration response key: give it without the enclosing slashes, which are added for you; use '2\\d\\d' [cdk-apigatewayv2:integrationResponseKey]");
    expect(errorOf(() => WebSocketIntegrationResponseKey.fromRegExp('4(\\d')).message)
      .toMatch(/^invalid `pattern` '4\(\\d' for an integration response key: it is not a regular expression \(.+\); fix the pattern \[cdk-apigatewayv2:integrationResponseKey\]$/);
  });

  test('valid neighbours: a one-character pattern, a pattern with an inner slash, and a token', () => {
    expect(WebSocketIntegrationResponseKey.fromRegExp('2').key).toBe('/2/');
    expect(WebSocketIntegrationResponseKey.fromRegExp('a/b').key).toBe('/a/b/');
    const token = Lazy.string({ produce: () => '2\\d\\d' });
    expect(WebSocketIntegrationResponseKey.fromRegExp(token).key).toBe(`/${token}/`);
  });
});

describe('integration response keys that Java and JavaScript read differently (warned: the guide does not name the dialect)', () => {
  function dialectWarnings(pattern: string): string[] {
    const { stack, integration } = mockIntegration();
    integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.fromRegExp(pattern) });
    return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('webSocketResponseKeyRegexDialect')).map(w => String(w.entry.data));
  }

  test.each([
    ['4\\d++', 'a possessive quantifier'],
    ['(?>4\\d\\d)', 'an atomic group'],
    ['(?i).*error.*', 'inline flags'],
    ['\\A5\\d\\d\\z', '\\A (start of input)'],
    ['\\p{Digit}+', '\\p{...} (a character property)'],
    ['[0-9&&[^5]]00', "'&&' in a character class"],
    ['[^]*', "'[^]' (an empty class in JavaScript, an error in Java)"],
  ])('%p is accepted with a warning naming %p', (pattern, construct) => {
    const warnings = dialectWarnings(pattern);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`integration response key '/${pattern}/' uses `);
    expect(warnings[0]).toContain(construct);
    expect(warnings[0]).toContain("API Gateway matches keys with its own regex engine (Java's)");
  });

  test('Java-only syntax that JavaScript cannot compile is no longer refused; other broken patterns still are', () => {
    expect(WebSocketIntegrationResponseKey.fromRegExp('5\\d*+').key).toBe('/5\\d*+/');
    expect(() => WebSocketIntegrationResponseKey.fromRegExp('5(\\d')).toThrow(/it is not a regular expression/);
  });

  test.each(['2\\d\\d', '4\\d\\d|5\\d\\d', '.*Error.*', '(?:4|5)\\d{2}', '[a-z]+?', '\\++'])('valid neighbour %p gets no warning', (pattern) => {
    expect(dialectWarnings(pattern)).toEqual([]);
  });
});

describe('WebSocketIntegrationResponse', () => {
  test('every prop is rendered', () => {
    const { stack, integration } = mockIntegration();
    const response = new WebSocketIntegrationResponse(stack, 'Response', {
      integration,
      responseKey: WebSocketIntegrationResponseKey.fromStatusCode(404),
      responseTemplates: { $default: '{"error": "not found"}' },
      templateSelectionExpression: '\\$default',
      contentHandling: ContentHandling.CONVERT_TO_TEXT,
      responseParameters: { 'method.response.header.X-Reason': "'missing'" },
    });

    expect(response.node.defaultChild).toBeInstanceOf(CfnIntegrationResponse);
    expect(response.integration).toBe(integration);
    expect(response.responseKey.key).toBe('/404/');
    expect(stack.resolve(response.integrationResponseId)).toEqual({ Ref: 'Response598E6E8D' });
    expect(integrationResponses(stack)).toEqual({
      Response598E6E8D: {
        Type: 'AWS::ApiGatewayV2::IntegrationResponse',
        Properties: {
          ApiId: { Ref: 'ApiF70053CD' },
          IntegrationId: { Ref: 'MockAFF4BD5B' },
          IntegrationResponseKey: '/404/',
          ResponseTemplates: { $default: '{"error": "not found"}' },
          TemplateSelectionExpression: '\\$default',
          ContentHandlingStrategy: 'CONVERT_TO_TEXT',
          ResponseParameters: { 'method.response.header.X-Reason': "'missing'" },
        },
      },
    });
  });

  test('is an aws-cdk-lib IIntegrationResponseRef of its API, integration and id', () => {
    const { stack, integration } = mockIntegration();
    const ref: IIntegrationResponseRef = integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
    expect(stack.resolve(ref.integrationResponseRef)).toEqual({
      apiId: { Ref: 'ApiF70053CD' },
      integrationId: { Ref: 'MockAFF4BD5B' },
      integrationResponseId: { Ref: 'MockResponsedefault226B479A' },
    });
  });

  test('WebSocketIntegration.addResponse creates `Response-{key}` children under the integration', () => {
    const { stack, integration } = mockIntegration();
    integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
    integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.SUCCESS });

    expect(integration.node.children.map(c => c.node.id)).toEqual(['Resource', 'Response-$default', 'Response-2\\d\\d']);
    expect(Object.keys(integrationResponses(stack))).toEqual(['MockResponsedefault226B479A', 'MockResponse2dd5EE31C4F']);
  });

  describe('one integration response per key and integration', () => {
    test('addResponse twice with one key is refused', () => {
      const { integration } = mockIntegration();
      integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.CLIENT_ERROR });
      expect(errorOf(() => integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.fromRegExp('4\\d\\d') })).message)
        .toBe("Stack/Mock: duplicate integration response `responseKey` '/4\\d\\d/': the integration Stack/Mock already has it (Stack/Mock/Response-4\\d\\d), "
          + 'and API Gateway allows one integration response per key; merge the two, or use another key [cdk-apigatewayv2:duplicateIntegrationResponse]');
    });

    test('a standalone response with a key the integration has is refused', () => {
      const { stack, integration } = mockIntegration();
      integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
      const error = errorOf(() => new WebSocketIntegrationResponse(stack, 'Again', { integration, responseKey: WebSocketIntegrationResponseKey.DEFAULT }));
      expect(error.message).toBe("Stack/Again: duplicate integration response `responseKey` '$default': the integration Stack/Mock already has it (Stack/Mock/Response-$default), "
        + 'and API Gateway allows one integration response per key; merge the two, or use another key [cdk-apigatewayv2:duplicateIntegrationResponse]');
    });

    test('a route integration\'s config and addResponse with one key are refused', () => {
      const stack = newStack();
      const api = new WebSocketApi(stack, 'Api');
      const integration = new WebSocketMockIntegration('Mock', { responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT }] });
      integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
      expect(() => api.addRoute('send', { integration })).toThrow(/duplicate integration response `responseKey` '\$default': the integration Stack\/Api\/send-Route\/Mock already has it/);
    });

    test('valid neighbours: every named key on one integration, and one key on two integrations', () => {
      const { stack, api, integration } = mockIntegration();
      for (const responseKey of [WebSocketIntegrationResponseKey.DEFAULT, WebSocketIntegrationResponseKey.SUCCESS,
        WebSocketIntegrationResponseKey.CLIENT_ERROR, WebSocketIntegrationResponseKey.SERVER_ERROR]) {
        integration.addResponse({ responseKey });
      }
      new WebSocketIntegration(stack, 'Other', { webSocketApi: api, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '' })
        .addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
      expect(Object.keys(integrationResponses(stack))).toHaveLength(5);
    });
  });

  test('a response on a proxy integration gets a warning: API Gateway returns proxy output as it is', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const proxy = new WebSocketLambdaIntegration('Proxy', lambdaFunction(stack, 'ProxyHandler'));
    proxy.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
    api.addRoute('send', { integration: proxy, returnResponse: true });
    Annotations.fromStack(stack).hasWarning('/Stack/Api/send-Route/Proxy/Response-$default', Match.stringLikeRegexp(
      "integration response '\\$default' on an AWS_PROXY integration has no effect"));
  });

  test('valid neighbour: responses on AWS, HTTP and MOCK integrations get no warning', () => {
    const { stack, api, integration } = mockIntegration();
    integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
    for (const type of [WebSocketIntegrationType.AWS, WebSocketIntegrationType.HTTP]) {
      new WebSocketIntegration(stack, type, { webSocketApi: api, integrationType: type, integrationUri: 'https://example.com' })
        .addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
    }
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('integration responses of route integrations', () => {
  test('addResponse before the first bind waits, and is created with the integration', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const integration = new WebSocketMockIntegration('Mock', { responses: [{ responseKey: WebSocketIntegrationResponseKey.SUCCESS }] });
    integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT });
    expect(stack.node.findAll().filter(c => c instanceof WebSocketIntegrationResponse)).toHaveLength(0);

    api.addRoute('send', { integration, returnResponse: true });
    api.addRoute('other', { integration, returnResponse: true });
    const keys = Object.values(integrationResponses(stack)).map(r => r.Properties.IntegrationResponseKey);
    expect(keys).toEqual(['/2\\d\\d/', '$default']);
    expect(api.node.findChild('send-Route').node.findChild('Mock').node.tryFindChild('Response-$default')).toBeInstanceOf(WebSocketIntegrationResponse);
  });

  test('addResponse after the first bind creates the response at once', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const integration = new WebSocketMockIntegration('Mock');
    api.addRoute('send', { integration, returnResponse: true });
    integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.DEFAULT, responseTemplates: { $default: '{"pong": true}' } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', {
      IntegrationId: { Ref: 'ApisendRouteMock35BAF308' },
      IntegrationResponseKey: '$default',
      ResponseTemplates: { $default: '{"pong": true}' },
    });
  });

  test('a two-way MOCK route: request template, integration response and route response', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const ping = new WebSocketMockIntegration('Ping', {
      requestTemplates: { $default: '{"statusCode": 200}' },
      templateSelectionExpression: '\\$default',
      responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT, responseTemplates: { $default: '{"pong": "$context.connectionId"}' } }],
    });
    api.addRoute('ping', { integration: ping, returnResponse: true });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ping', RouteResponseSelectionExpression: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', { RouteResponseKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode": 200}' } });
    template.hasResourceProperties('AWS::ApiGatewayV2::IntegrationResponse', { IntegrationResponseKey: '$default' });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a two-way HTTP route with a response per status class', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    api.addRoute('lookup', {
      returnResponse: true,
      integration: new ConfigIntegration('Lookup', {
        type: WebSocketIntegrationType.HTTP,
        uri: 'https://backend.example.com/lookup',
        method: 'POST',
        responses: [
          { responseKey: WebSocketIntegrationResponseKey.SUCCESS, responseTemplates: { $default: '$input.body' } },
          { responseKey: WebSocketIntegrationResponseKey.CLIENT_ERROR, responseTemplates: { $default: '{"error": "bad request"}' } },
        ],
      }),
    });
    expect(Object.values(integrationResponses(stack)).map(r => r.Properties.IntegrationResponseKey)).toEqual(['/2\\d\\d/', '/4\\d\\d/']);
  });
});

describe('WebSocketRouteResponse', () => {
  test('a standalone route response on a route: every prop, and the route turns two-way', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const route = api.addRoute('send', { integration: new WebSocketLambdaIntegration('Send', lambdaFunction(stack, 'SendHandler')) });
    const response = new WebSocketRouteResponse(stack, 'Reply', { route, responseModels: { $default: 'Reply' }, modelSelectionExpression: '$default' });

    expect(response.node.defaultChild).toBeInstanceOf(CfnRouteResponse);
    expect(response.node.defaultChild!.node.id).toBe('Default');
    expect(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::RouteResponse')).toEqual({
      Reply: {
        Type: 'AWS::ApiGatewayV2::RouteResponse',
        Properties: {
          ApiId: { Ref: 'ApiF70053CD' },
          RouteId: { Ref: 'ApisendRouteD98007E4' },
          RouteResponseKey: '$default',
          ResponseModels: { $default: 'Reply' },
          ModelSelectionExpression: '$default',
        },
      },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'send', RouteResponseSelectionExpression: '$default' });
  });

  test('is an aws-cdk-lib IRouteResponseRef of its API, route and id', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const route = api.addRoute('send', { integration: new WebSocketLambdaIntegration('Send', lambdaFunction(stack, 'SendHandler')) });
    const ref: IRouteResponseRef = new WebSocketRouteResponse(stack, 'Reply', { route });
    expect(stack.resolve(ref.routeResponseRef)).toEqual({
      apiId: { Ref: 'ApiF70053CD' },
      routeId: { Ref: 'ApisendRouteD98007E4' },
      routeResponseId: { Ref: 'Reply' },
    });
  });

  test('on a route that is not a WebSocketRoute of this library: created, with a warning about its selection expression', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    class ForeignRoute extends Resource implements IWebSocketRoute {
      public readonly routeId = 'route123';
      public readonly routeKey = 'send';
      public readonly webSocketApi: IWebSocketApi = api;
      public get routeRef(): RouteReference {
        return { apiId: api.apiId, routeId: this.routeId };
      }
    }
    new WebSocketRouteResponse(stack, 'Reply', { route: new ForeignRoute(stack, 'Foreign') });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', { RouteId: 'route123', RouteResponseKey: '$default' });
    Annotations.fromStack(stack).hasWarning('/Stack/Reply', Match.stringLikeRegexp(
      'the route Stack/Foreign is not a WebSocketRoute of this library, so its `RouteResponseSelectionExpression` is left as it is'));
  });
});
