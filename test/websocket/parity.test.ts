/**
 * Drop-in proof for WebSocket APIs: the same app written once against aws-cdk-lib's
 * `aws-apigatewayv2` modules and once against this library (only the imports differ) gives the
 * same resources, with the same logical ids and properties. Then the seed README's WebSocket
 * examples, written against this library.
 */
import { App, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketAwsIntegration, WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ours from '../../lib';
import * as ourAuthorizers from '../../lib/authorizers';
import * as ourIntegrations from '../../lib/integrations';
import { lambdaFunction } from '../support';

const QUEUE_URI = 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/messages';
const AUTHORIZER_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

/** The app, written for aws-cdk-lib. */
function upstreamApp(): Stack {
  const stack = new Stack(new App(), 'Stack');
  const role = new iam.Role(stack, 'InvokeRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
  const api = new upstream.WebSocketApi(stack, 'Api', {
    apiName: 'chat',
    description: 'the chat API',
    routeSelectionExpression: '$request.body.type',
    apiKeySelectionExpression: upstream.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
    ipAddressType: upstream.IpAddressType.DUAL_STACK,
    disableSchemaValidation: true,
    connectRouteOptions: {
      integration: new WebSocketMockIntegration('ConnectIntegration'),
      authorizer: upstream.WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'ImportedAuth', { authorizerId: 'auth123', authorizerType: 'CUSTOM' }),
    },
    disconnectRouteOptions: { integration: new WebSocketMockIntegration('DisconnectIntegration') },
    defaultRouteOptions: { integration: new WebSocketMockIntegration('DefaultIntegration', { requestTemplates: { $default: '{"statusCode": 200}' } }), returnResponse: true },
  });
  const sqs = new WebSocketAwsIntegration('SqsIntegration', {
    integrationUri: QUEUE_URI,
    integrationMethod: 'POST',
    credentialsRole: role,
    contentHandling: upstream.ContentHandling.CONVERT_TO_TEXT,
    passthroughBehavior: upstream.PassthroughBehavior.NEVER,
    requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
    requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
    templateSelectionExpression: '\\$default',
    timeout: Duration.seconds(10),
  });
  api.addRoute('sendmessage', { integration: sqs, returnResponse: true });
  api.addRoute('broadcast', { integration: sqs });
  new upstream.WebSocketRoute(stack, 'KeyedRoute', { webSocketApi: api, routeKey: 'keyed', integration: new WebSocketMockIntegration('KeyedIntegration'), apiKeyRequired: true });
  new upstream.WebSocketAuthorizer(stack, 'Authorizer', {
    webSocketApi: api,
    type: upstream.WebSocketAuthorizerType.LAMBDA,
    identitySource: ['route.request.header.Authorization', 'route.request.querystring.token'],
    authorizerUri: AUTHORIZER_URI,
    authorizerName: 'token',
  });
  new upstream.WebSocketIntegration(stack, 'Standalone', {
    webSocketApi: api,
    integrationType: upstream.WebSocketIntegrationType.AWS_PROXY,
    integrationUri: AUTHORIZER_URI,
    timeout: Duration.millis(500),
  });

  const domain = new upstream.DomainName(stack, 'Domain', {
    domainName: 'ws.example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERTIFICATE_ARN),
  });
  const stage = new upstream.WebSocketStage(stack, 'Stage', {
    webSocketApi: api,
    stageName: 'prod',
    autoDeploy: true,
    description: 'production',
    throttle: { rateLimit: 100, burstLimit: 50 },
    detailedMetricsEnabled: true,
    stageVariables: { backend: 'queue', mode: 'live' },
    accessLogSettings: { destination: new upstream.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')) },
    domainMapping: { domainName: domain, mappingKey: 'chat' },
  });
  stage.addStageVariable('extra', 'x');

  const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.AccountRootPrincipal() });
  api.grantManageConnections(consumer);
  stage.grantManagementApiAccess(consumer);
  stage.metric('MessageCount').createAlarm(stack, 'StageAlarm', { threshold: 1, evaluationPeriods: 1 });
  api.metric('ConnectCount', { statistic: 'Sum' }).createAlarm(stack, 'ApiAlarm', { threshold: 1, evaluationPeriods: 1 });

  const imported = upstream.WebSocketApi.fromWebSocketApiAttributes(stack, 'ImportedApi', { webSocketId: 'abc123', apiEndpoint: 'wss://abc123.example.com' });
  const importedStage = upstream.WebSocketStage.fromWebSocketStageAttributes(stack, 'ImportedStage', { api: imported, stageName: 'dev' });
  importedStage.metric('ConnectCount').createAlarm(stack, 'ImportedAlarm', { threshold: 1, evaluationPeriods: 1 });

  new CfnOutput(stack, 'Url', { value: stage.url });
  new CfnOutput(stack, 'CallbackUrl', { value: stage.callbackUrl });
  new CfnOutput(stack, 'Arn', { value: api.arnForExecuteApiV2('sendmessage', 'prod') });
  new CfnOutput(stack, 'AllArn', { value: api.arnForExecuteApiV2() });
  new CfnOutput(stack, 'Endpoint', { value: api.apiEndpoint });
  new CfnOutput(stack, 'ImportedEndpoint', { value: imported.apiEndpoint });
  return stack;
}

/** The same app, written for this library. */
function ourApp(app = new App()): Stack {
  const stack = new Stack(app, 'Stack');
  const role = new iam.Role(stack, 'InvokeRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
  const api = new ours.WebSocketApi(stack, 'Api', {
    apiName: 'chat',
    description: 'the chat API',
    routeSelectionExpression: '$request.body.type',
    apiKeySelectionExpression: ours.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
    ipAddressType: ours.IpAddressType.DUAL_STACK,
    disableSchemaValidation: true,
    connectRouteOptions: {
      integration: new ourIntegrations.WebSocketMockIntegration('ConnectIntegration'),
      authorizer: ours.WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'ImportedAuth', { authorizerId: 'auth123', authorizerType: 'CUSTOM' }),
    },
    disconnectRouteOptions: { integration: new ourIntegrations.WebSocketMockIntegration('DisconnectIntegration') },
    defaultRouteOptions: { integration: new ourIntegrations.WebSocketMockIntegration('DefaultIntegration', { requestTemplates: { $default: '{"statusCode": 200}' } }), returnResponse: true },
  });
  const sqs = new ourIntegrations.WebSocketAwsIntegration('SqsIntegration', {
    integrationUri: QUEUE_URI,
    integrationMethod: 'POST',
    credentialsRole: role,
    contentHandling: ours.ContentHandling.CONVERT_TO_TEXT,
    passthroughBehavior: ours.PassthroughBehavior.NEVER,
    requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
    requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
    templateSelectionExpression: '\\$default',
    timeout: Duration.seconds(10),
  });
  api.addRoute('sendmessage', { integration: sqs, returnResponse: true });
  api.addRoute('broadcast', { integration: sqs });
  new ours.WebSocketRoute(stack, 'KeyedRoute', { webSocketApi: api, routeKey: 'keyed', integration: new ourIntegrations.WebSocketMockIntegration('KeyedIntegration'), apiKeyRequired: true });
  new ours.WebSocketAuthorizer(stack, 'Authorizer', {
    webSocketApi: api,
    type: ours.WebSocketAuthorizerType.LAMBDA,
    identitySource: ['route.request.header.Authorization', 'route.request.querystring.token'],
    authorizerUri: AUTHORIZER_URI,
    authorizerName: 'token',
  });
  new ours.WebSocketIntegration(stack, 'Standalone', {
    webSocketApi: api,
    integrationType: ours.WebSocketIntegrationType.AWS_PROXY,
    integrationUri: AUTHORIZER_URI,
    timeout: Duration.millis(500),
  });

  const domain = new ours.DomainName(stack, 'Domain', {
    domainName: 'ws.example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERTIFICATE_ARN),
  });
  const stage = new ours.WebSocketStage(stack, 'Stage', {
    webSocketApi: api,
    stageName: 'prod',
    autoDeploy: true,
    description: 'production',
    throttle: { rateLimit: 100, burstLimit: 50 },
    detailedMetricsEnabled: true,
    stageVariables: { backend: 'queue', mode: 'live' },
    accessLogSettings: { destination: new ours.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')) },
    domainMapping: { domainName: domain, mappingKey: 'chat' },
  });
  stage.addStageVariable('extra', 'x');

  const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.AccountRootPrincipal() });
  api.grantManageConnections(consumer);
  stage.grantManagementApiAccess(consumer);
  stage.metric('MessageCount').createAlarm(stack, 'StageAlarm', { threshold: 1, evaluationPeriods: 1 });
  api.metric('ConnectCount', { statistic: 'Sum' }).createAlarm(stack, 'ApiAlarm', { threshold: 1, evaluationPeriods: 1 });

  const imported = ours.WebSocketApi.fromWebSocketApiAttributes(stack, 'ImportedApi', { webSocketId: 'abc123', apiEndpoint: 'wss://abc123.example.com' });
  const importedStage = ours.WebSocketStage.fromWebSocketStageAttributes(stack, 'ImportedStage', { api: imported, stageName: 'dev' });
  importedStage.metric('ConnectCount').createAlarm(stack, 'ImportedAlarm', { threshold: 1, evaluationPeriods: 1 });

  new CfnOutput(stack, 'Url', { value: stage.url });
  new CfnOutput(stack, 'CallbackUrl', { value: stage.callbackUrl });
  new CfnOutput(stack, 'Arn', { value: api.arnForExecuteApiV2('sendmessage', 'prod') });
  new CfnOutput(stack, 'AllArn', { value: api.arnForExecuteApiV2() });
  new CfnOutput(stack, 'Endpoint', { value: api.apiEndpoint });
  new CfnOutput(stack, 'ImportedEndpoint', { value: imported.apiEndpoint });
  return stack;
}

describe('the same app on aws-cdk-lib and on this library', () => {
  const theirs = Template.fromStack(upstreamApp()).toJSON();
  const mine = Template.fromStack(ourApp()).toJSON();

  test('has the same resources, logical ids and properties', () => {
    expect(Object.keys(mine.Resources).sort()).toEqual(Object.keys(theirs.Resources).sort());
    expect(mine.Resources).toEqual(theirs.Resources);
  });

  test('has the same outputs: URLs, ARNs and endpoints', () => {
    expect(mine.Outputs).toEqual(theirs.Outputs);
  });

  test('covers every resource type of the comparison', () => {
    const types = new Set(Object.values(theirs.Resources).map((r: any) => r.Type));
    expect([...types].filter(t => t.startsWith('AWS::ApiGatewayV2::')).sort()).toEqual([
      'AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::ApiMapping', 'AWS::ApiGatewayV2::Authorizer', 'AWS::ApiGatewayV2::DomainName',
      'AWS::ApiGatewayV2::Integration', 'AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::RouteResponse', 'AWS::ApiGatewayV2::Stage',
    ]);
  });
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
