import type { IConstruct } from 'constructs';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { IWebSocketApi } from '../../lib';
import {
  HttpApi, HttpMethod, WebSocketApi, WebSocketAuthorizer, WebSocketAuthorizerType, WebSocketIntegration,
  WebSocketIntegrationType, WebSocketRoute, WebSocketStage,
} from '../../lib';
import { WebSocketMockIntegration } from '../../lib/integrations';
import { bigStack, urlIntegration } from '../support';

const AUTHORIZER_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';

/** The quota warnings recorded on a construct so far, without synthesizing. */
function quotaWarnings(construct: IConstruct): string[] {
  return construct.node.metadata
    .filter(entry => entry.type === 'aws:cdk:warning' && /Quota\]$/.test(String(entry.data)))
    .map(entry => String(entry.data));
}

describe('raisable WebSocket quotas are warnings, each once', () => {
  test('a 301st route warns, naming the quota; 300 do not', () => {
    const stack = bigStack();
    const api = new WebSocketApi(stack, 'Api');
    const integration = new WebSocketMockIntegration('Mock');
    for (let i = 0; i < 300; i++) api.addRoute(`r${i}`, { integration });
    expect(quotaWarnings(api)).toEqual([]);

    api.addRoute('r300', { integration });
    api.addRoute('r301', { integration });
    expect(quotaWarnings(api)).toEqual([
      'this API has more than 300 routes, API Gateway\'s default quota: request an increase in Service Quotas '
      + 'before deploying, or the deploy fails [ack: cdk-apigatewayv2:routesQuota]',
    ]);
    expect(Annotations.fromStack(stack).findWarning('/Stack/Api', Match.stringLikeRegexp('routesQuota'))).toHaveLength(1);
  });

  test('an 11th stage warns; 10 do not', () => {
    const api = new WebSocketApi(bigStack(), 'Api');
    for (let i = 0; i < 10; i++) api.addStage(`Stage${i}`, { stageName: `s${i}` });
    expect(quotaWarnings(api)).toEqual([]);
    api.addStage('Stage10', { stageName: 's10' });
    new WebSocketStage(api.stack, 'Stage11', { webSocketApi: api, stageName: 's11' });
    expect(quotaWarnings(api)).toEqual([expect.stringContaining('this API has more than 10 stages, API Gateway\'s default quota: '
      + 'request an increase in Service Quotas')]);
  });

  test('an 11th Lambda authorizer warns, pointing at AWS Support; 10 do not', () => {
    const stack = bigStack();
    const api = new WebSocketApi(stack, 'Api');
    const add = (i: number) => new WebSocketAuthorizer(stack, `Auth${i}`, {
      webSocketApi: api, type: WebSocketAuthorizerType.LAMBDA, identitySource: ['route.request.header.Authorization'], authorizerUri: AUTHORIZER_URI,
    });
    for (let i = 0; i < 10; i++) add(i);
    expect(quotaWarnings(api)).toEqual([]);
    add(10);
    add(11);
    expect(quotaWarnings(api)).toEqual([
      'this API has more than 10 Lambda authorizers, API Gateway\'s default quota: request an increase from the AWS Support Center '
      + 'before deploying, or the deploy fails [ack: cdk-apigatewayv2:lambdaAuthorizersQuota]',
    ]);
  });

  test('a 301st integration warns, pointing at AWS Support; 300 do not', () => {
    const stack = bigStack();
    const api = new WebSocketApi(stack, 'Api');
    // Integrations that routes create count like those created directly.
    const routed = 5;
    for (let i = 0; i < routed; i++) api.addRoute(`r${i}`, { integration: new WebSocketMockIntegration(`Mock${i}`) });
    const add = (i: number) => new WebSocketIntegration(stack, `Integration${i}`, {
      webSocketApi: api, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '',
    });
    for (let i = routed; i < 300; i++) add(i);
    expect(quotaWarnings(api)).toEqual([]);
    add(300);
    add(301);
    expect(quotaWarnings(api)).toEqual([expect.stringContaining('this API has more than 300 integrations, API Gateway\'s default quota: '
      + 'request an increase from the AWS Support Center')]);
    expect(quotaWarnings(api)[0]).toContain('cdk-apigatewayv2:integrationsQuota');
  });

  test('an imported API counts what this app adds to it', () => {
    const stack = bigStack();
    const api: IWebSocketApi = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
    for (let i = 0; i < 11; i++) new WebSocketStage(stack, `Stage${i}`, { webSocketApi: api, stageName: `s${i}` });
    expect(quotaWarnings(api)).toEqual([expect.stringContaining('more than 10 stages')]);
  });
});

describe('the 500-resource limit of WebSocket APIs', () => {
  /** Adds routes, each with an integration of its own: two resources a route. */
  const addRoutes = (count: number, add: (i: number, integration: WebSocketMockIntegration) => void) => {
    for (let i = 0; i < count; i++) add(i, new WebSocketMockIntegration(`Mock${i}`));
  };

  test('the API\'s stack past 500 resources says which constructs contributed how many', () => {
    const app = new App();
    const stack = new Stack(app, 'Big');
    const api = new WebSocketApi(stack, 'Api');
    addRoutes(250, (i, integration) => api.addRoute(`r${i}`, { integration }));
    expect(() => app.synth()).toThrow("stack 'Big' holds 501 CloudFormation resources, over the limit of 500: "
      + "'Api' 501 (250 AWS::ApiGatewayV2::Integration, 250 AWS::ApiGatewayV2::Route, 1 AWS::ApiGatewayV2::Api). "
      + 'Move routes to another stack or a NestedStack by creating them there with new WebSocketRoute(scope, id, { webSocketApi, routeKey, integration })');
  });

  test('500 resources pass', () => {
    const app = new App();
    const stack = new Stack(app, 'Big');
    const api = new WebSocketApi(stack, 'Api');
    addRoutes(249, (i, integration) => api.addRoute(`r${i}`, { integration }));
    new WebSocketIntegration(stack, 'Extra', { webSocketApi: api, integrationType: WebSocketIntegrationType.MOCK, integrationUri: '' });
    expect(() => app.synth()).not.toThrow();
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources)).toHaveLength(500);
  });

  test('a nested stack with routes past 500 reports its own breakdown, once', () => {
    const app = new App();
    const stack = new Stack(app, 'Chat');
    const api = new WebSocketApi(stack, 'Api');
    const nested = new NestedStack(stack, 'Routes');
    addRoutes(251, (i, integration) => new WebSocketRoute(nested, `Route${i}`, { webSocketApi: api, routeKey: `r${i}`, integration }));

    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("nested stack 'Chat/Routes' holds 502 CloudFormation resources, over the limit of 500, "
      + 'which CloudFormation applies to each nested stack on its own: '
      + "'Route0' 2 (1 AWS::ApiGatewayV2::Integration, 1 AWS::ApiGatewayV2::Route); ");
    // Past eight constructs, the rest are summed up.
    expect(message).toContain('; 243 other constructs 486 (243 AWS::ApiGatewayV2::Integration, 243 AWS::ApiGatewayV2::Route). '
      + 'Move routes to another NestedStack by creating them there with new WebSocketRoute(');
    expect(message.match(/holds \d+ CloudFormation resources/g)).toHaveLength(1);
    expect(message).not.toContain('Number of resources in stack');
  });

  test('a nested stack under the limit passes, with the parent stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Chat');
    const api = new WebSocketApi(stack, 'Api');
    const nested = new NestedStack(stack, 'Routes');
    addRoutes(250, (i, integration) => new WebSocketRoute(nested, `Route${i}`, { webSocketApi: api, routeKey: `r${i}`, integration }));
    expect(() => app.synth()).not.toThrow();
    expect(Object.keys(Template.fromStack(nested).toJSON().Resources)).toHaveLength(500);
  });
});

describe('the 500-resource limit of stacks that hold HTTP routes', () => {
  test('routes added with addRoutes({ scope }) to a nested stack past 500 report its breakdown', () => {
    const app = new App();
    const stack = new Stack(app, 'Books');
    const api = new HttpApi(stack, 'Api');
    const nested = new NestedStack(stack, 'Routes');
    for (let i = 0; i < 251; i++) {
      api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration: urlIntegration(`I${i}`, `https://b${i}.example.com`), scope: nested });
    }
    expect(() => app.synth()).toThrow(/^.*nested stack 'Books\/Routes' holds 502 CloudFormation resources, over the limit of 500, which CloudFormation applies to each nested stack on its own: 'ApiGET--r0' 2 .*Move routes to another NestedStack with addRoutes\(\{ scope \}\)/s);
  });

  test('routes in another top-level stack past 500 report that stack\'s breakdown', () => {
    const app = new App();
    const api = new HttpApi(new Stack(app, 'ApiStack'), 'Api');
    const other = new Stack(app, 'RouteStack');
    for (let i = 0; i < 251; i++) {
      api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration: urlIntegration(`I${i}`, `https://b${i}.example.com`), scope: other });
    }
    expect(() => app.synth()).toThrow("stack 'RouteStack' holds 502 CloudFormation resources, over the limit of 500: 'ApiGET--r0' 2");
  });
});
