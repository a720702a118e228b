/**
 * Drop-in proof for WebSocket APIs. The app is written once, against aws-cdk-lib's API, in
 * test/common/aws-cdk-lib-apps/websocket.ts, and test/common/aws-cdk-lib-templates.test.ts
 * compares its whole template built with aws-cdk-lib and with this library. Here: what the app
 * covers, CloudFormation's schema validation of it with this library's additions, and the seed
 * README's WebSocket examples written against this library.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ours from '../../lib';
import * as ourAuthorizers from '../../lib/authorizers';
import * as ourIntegrations from '../../lib/integrations';
import { AWS_CDK_LIB, THIS_LIBRARY } from '../common/aws-cdk-lib-apps/builds';
import { synthesize } from '../common/aws-cdk-lib-apps/template-diff';
import { WEBSOCKET_APPS } from '../common/aws-cdk-lib-apps/websocket';
import { lambdaFunction } from '../support';

const PARITY_APP = WEBSOCKET_APPS['WebSocket parity app: routes, authorizers, integrations, stage, domain, grants, metrics'];

/** The parity app, built with this library in `app`. */
function ourApp(app = new App()): Stack {
  PARITY_APP(THIS_LIBRARY, app);
  return app.node.findChild('Stack') as Stack;
}

test('the parity app covers every resource type of API Gateway v2', () => {
  const resources = synthesize(PARITY_APP, AWS_CDK_LIB).templates.Stack.Resources as { [id: string]: { Type: string } };
  const types = new Set(Object.values(resources).map(r => r.Type));
  expect([...types].filter(t => t.startsWith('AWS::ApiGatewayV2::')).sort()).toEqual([
    'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::ApiMapping', 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::DomainName',
    'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::RouteResponse', 'AWS::ApiGatewayV2::Stage',
  ]);
});

test('the app, with this library\'s additions, passes aws-cdk-lib\'s CloudFormation schema validation, findings as errors', () => {
  const before = process.env.CDK_VALIDATION;
  delete process.env.CDK_VALIDATION;
  try {
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:strictCfnValidateErrors': true } });
    const stack = ourApp(app);
    const api = stack.node.findChild('Api') as ours.WebSocketApi;
    const ping = new ourIntegrations.WebSocketMockIntegration('PingIntegration', { requestTemplates: { $default: '{"statusCode": 200}' }, templateSelectionExpression: '\\$default' });
    ping.addResponse({ responseKey: ours.WebSocketIntegrationResponseKey.DEFAULT, responseTemplates: { $default: '{"pong": true}' }, templateSelectionExpression: '\\$default' });
    ping.addResponse({ responseKey: ours.WebSocketIntegrationResponseKey.fromStatusCode(500), contentHandling: ours.ContentHandling.CONVERT_TO_TEXT });
    api.addRoute('ping', {
      integration: ping,
      routeResponse: { responseModels: { $default: 'Pong' }, modelSelectionExpression: '$default' },
      requestParameters: { 'route.request.header.X-Client': true },
      requestModels: { $default: 'Ping' },
      modelSelectionExpression: '$request.body.kind',
      operationName: 'Ping',
    });
    new ours.WebSocketStage(stack, 'Logged', {
      webSocketApi: api,
      stageName: 'logged',
      loggingLevel: ours.WebSocketLoggingLevel.INFO,
      dataTraceEnabled: false,
      cloudWatchRole: true,
      routeSettings: [{ routeKey: 'ping', loggingLevel: ours.WebSocketLoggingLevel.ERROR, throttle: { rateLimit: 5, burstLimit: 10 }, dataTraceEnabled: true }],
    });
    // The library's own warnings (two-way routes without integration responses, the domain's IP
    // address type) are expected here; schema findings would be errors, and fail synth.
    const messages = app.synth().getStackArtifact(stack.artifactId).messages;
    expect(messages.filter(m => m.level === 'error')).toEqual([]);
    expect(messages.filter(m => m.level === 'warning' && !String(m.entry.data).includes('[ack: cdk-apigatewayv2:'))).toEqual([]);
  } finally {
    process.env.CDK_VALIDATION = before;
  }
});

describe('the seed README\'s WebSocket examples, on this library', () => {
  function readmeStack(): Stack {
    return new Stack(new App(), 'Stack');
  }

  test('the `$connect`, `$disconnect` and `$default` routes, and a stage', () => {
    const stack = readmeStack();
    const webSocketApi = new ours.WebSocketApi(stack, 'mywsapi', {
      connectRouteOptions: { integration: new ourIntegrations.WebSocketLambdaIntegration('ConnectIntegration', lambdaFunction(stack, 'ConnectIntegrationHandler')) },
      disconnectRouteOptions: { integration: new ourIntegrations.WebSocketLambdaIntegration('DisconnectIntegration', lambdaFunction(stack, 'DisconnectIntegrationHandler')) },
      defaultRouteOptions: { integration: new ourIntegrations.WebSocketLambdaIntegration('DefaultIntegration', lambdaFunction(stack, 'DefaultIntegrationHandler')) },
    });
    new ours.WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev', autoDeploy: true });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 3);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'dev', AutoDeploy: true });
  });

  test('the WebSocket URL and the callback URL', () => {
    const stack = readmeStack();
    const webSocketStage = new ours.WebSocketStage(stack, 'mystage', { webSocketApi: new ours.WebSocketApi(stack, 'mywsapi'), stageName: 'dev' });
    expect(JSON.stringify(stack.resolve(webSocketStage.url))).toMatch(/^\{"Fn::Join":\["",\["wss:\/\/".*"\/dev"\]\]\}$/);
    expect(JSON.stringify(stack.resolve(webSocketStage.callbackUrl))).toMatch(/^\{"Fn::Join":\["",\["https:\/\/".*"\/dev"\]\]\}$/);
  });

  test('any other route, and one that returns a result', () => {
    const stack = readmeStack();
    const webSocketApi = new ours.WebSocketApi(stack, 'mywsapi');
    webSocketApi.addRoute('sendmessage', { integration: new ourIntegrations.WebSocketLambdaIntegration('SendMessageIntegration', lambdaFunction(stack, 'SendMessageIntegrationHandler')), returnResponse: true });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'sendmessage', RouteResponseSelectionExpression: '$default' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', { RouteResponseKey: '$default' });
  });

  test('importing an existing WebSocket API', () => {
    const stack = readmeStack();
    const webSocketApi = ours.WebSocketApi.fromWebSocketApiAttributes(stack, 'mywsapi', { webSocketId: 'api-1234' });
    expect(webSocketApi.apiId).toBe('api-1234');
  });

  test('the management API permission, per stage and for all stages', () => {
    const stack = readmeStack();
    const fn = new iam.Role(stack, 'Fn', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const webSocketApi = new ours.WebSocketApi(stack, 'mywsapi');
    const stage = new ours.WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev' });
    stage.grantManagementApiAccess(fn);
    webSocketApi.grantManageConnections(fn);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: 'execute-api:ManageConnections', Resource: { 'Fn::Join': ['', Match.arrayWith(['/dev/*/@connections/*'])] } },
          { Action: 'execute-api:ManageConnections', Resource: { 'Fn::Join': ['', Match.arrayWith(['/*/*/@connections/*'])] } },
        ],
      },
    });
  });

  test('requiring an API key', () => {
    const stack = readmeStack();
    new ours.WebSocketApi(stack, 'mywsapi', { apiKeySelectionExpression: ours.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { ApiKeySelectionExpression: '$request.header.x-api-key' });
  });

  test('a Lambda authorizer on `$connect`', () => {
    const stack = readmeStack();
    new ours.WebSocketApi(stack, 'mywsapi', {
      connectRouteOptions: { integration: new ourIntegrations.WebSocketLambdaIntegration('ConnectIntegration', lambdaFunction(stack, 'ConnectIntegrationHandler')), authorizer: new ourAuthorizers.WebSocketLambdaAuthorizer('Authorizer', lambdaFunction(stack, 'AuthorizerHandler')) },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$connect', AuthorizationType: 'CUSTOM' });
  });
});
