import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { AppSet } from './modules';
import { lambdaFunction } from '../../support/resources';

/*
 * WebSocket API apps written against aws-cdk-lib's API only: the seed README's WebSocket
 * examples (test/websocket/parity.test.ts), the integrations' and authorizers' READMEs, the
 * apps of the WebSocket parity tests, and every WebSocket integration and authorizer.
 */

const QUEUE_URI = 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/messages';
const AUTHORIZER_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations';

export const WEBSOCKET_APPS: AppSet = {
  // ---- the seed README

  'seed: $connect, $disconnect and $default routes, a stage and its URLs': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const webSocketApi = new apigwv2.WebSocketApi(stack, 'mywsapi', {
      connectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('ConnectIntegration', lambdaFunction(stack, 'ConnectHandler')) },
      disconnectRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('DisconnectIntegration', lambdaFunction(stack, 'DisconnectHandler')) },
      defaultRouteOptions: { integration: new integrations.WebSocketLambdaIntegration('DefaultIntegration', lambdaFunction(stack, 'DefaultHandler')) },
    });
    const webSocketStage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev', autoDeploy: true });
    new CfnOutput(stack, 'Url', { value: webSocketStage.url });
    new CfnOutput(stack, 'CallbackUrl', { value: webSocketStage.callbackUrl });
  },

  'seed: other routes, one that returns a result': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const messageHandler = lambdaFunction(stack, 'MessageHandler');
    const webSocketApi = new apigwv2.WebSocketApi(stack, 'mywsapi');
    webSocketApi.addRoute('sendmessage', { integration: new integrations.WebSocketLambdaIntegration('SendMessageIntegration', messageHandler), returnResponse: true });
    webSocketApi.addRoute('getmessage', { integration: new integrations.WebSocketLambdaIntegration('GetMessageIntegration', messageHandler) });
  },

  'seed: an import, management API grants, API keys': ({ apigwv2 }, app) => {
    const stack = new Stack(app, 'Stack');
    const imported = apigwv2.WebSocketApi.fromWebSocketApiAttributes(stack, 'imported', { webSocketId: 'api-1234' });
    const fn = lambdaFunction(stack, 'Fn');
    const webSocketApi = new apigwv2.WebSocketApi(stack, 'mywsapi', { apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
    const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev' });
    stage.grantManagementApiAccess(fn);
    webSocketApi.grantManageConnections(fn);
    new CfnOutput(stack, 'ImportedId', { value: imported.apiId });
    new CfnOutput(stack, 'ConnectArn', { value: webSocketApi.arnForExecuteApiV2('$connect', 'dev') });
  },

  // ---- the integrations' and authorizers' READMEs

  'integrations README: Lambda, AWS (DynamoDB) and mock integrations': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const webSocketApi = new apigwv2.WebSocketApi(stack, 'mywsapi');
    new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi, stageName: 'dev', autoDeploy: true });
    webSocketApi.addRoute('sendMessage', { integration: new integrations.WebSocketLambdaIntegration('SendMessageIntegration', lambdaFunction(stack, 'MessageHandler')) });
    const apiRole = new iam.Role(stack, 'ApiRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    webSocketApi.addRoute('$connect', {
      integration: new integrations.WebSocketAwsIntegration('DynamodbPutItem', {
        integrationUri: `arn:aws:apigateway:${stack.region}:dynamodb:action/PutItem`,
        integrationMethod: apigwv2.HttpMethod.POST,
        credentialsRole: apiRole,
        requestTemplates: { 'application/json': JSON.stringify({ TableName: table.tableName, Item: { id: { S: '$context.requestId' } } }) },
      }),
    });
    webSocketApi.addRoute('ping', {
      integration: new integrations.WebSocketMockIntegration('DefaultIntegration', {
        requestTemplates: { 'application/json': JSON.stringify({ statusCode: 200 }) },
        templateSelectionExpression: '\\$default',
      }),
      returnResponse: true,
    });
  },

  'authorizers README: a Lambda authorizer on $connect': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const authorizer = new authorizers.WebSocketLambdaAuthorizer('Authorizer', lambdaFunction(stack, 'AuthHandler'));
    const integration = new integrations.WebSocketLambdaIntegration('Integration', lambdaFunction(stack, 'Handler'));
    new apigwv2.WebSocketApi(stack, 'WebSocketApi', { connectRouteOptions: { integration, authorizer } });
  },

  'authorizers README: an IAM authorizer on $connect, and an IAM user allowed to connect': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const webSocketApi = new apigwv2.WebSocketApi(stack, 'WebSocketApi');
    webSocketApi.addRoute('$connect', {
      integration: new integrations.WebSocketLambdaIntegration('Integration', lambdaFunction(stack, 'ConnectHandler')),
      authorizer: new authorizers.WebSocketIamAuthorizer(),
    });
    const user = new iam.User(stack, 'User');
    const webSocketArn = Stack.of(stack).formatArn({ service: 'execute-api', resource: webSocketApi.apiId });
    user.attachInlinePolicy(new iam.Policy(stack, 'AllowInvoke', {
      statements: [new iam.PolicyStatement({ actions: ['execute-api:Invoke'], effect: iam.Effect.ALLOW, resources: [webSocketArn] })],
    }));
  },

  // ---- the apps of the WebSocket parity tests

  'WebSocket parity app: routes, authorizers, integrations, stage, domain, grants, metrics': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const role = new iam.Role(stack, 'InvokeRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const api = new apigwv2.WebSocketApi(stack, 'Api', {
      apiName: 'chat',
      description: 'the chat API',
      routeSelectionExpression: '$request.body.type',
      apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
      ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
      disableSchemaValidation: true,
      connectRouteOptions: {
        integration: new integrations.WebSocketMockIntegration('ConnectIntegration'),
        authorizer: apigwv2.WebSocketAuthorizer.fromWebSocketAuthorizerAttributes(stack, 'ImportedAuth', { authorizerId: 'auth123', authorizerType: 'CUSTOM' }),
      },
      disconnectRouteOptions: { integration: new integrations.WebSocketMockIntegration('DisconnectIntegration') },
      defaultRouteOptions: { integration: new integrations.WebSocketMockIntegration('DefaultIntegration', { requestTemplates: { $default: '{"statusCode": 200}' } }), returnResponse: true },
    });
    const sqs = new integrations.WebSocketAwsIntegration('SqsIntegration', {
      integrationUri: QUEUE_URI,
      integrationMethod: 'POST',
      credentialsRole: role,
      contentHandling: apigwv2.ContentHandling.CONVERT_TO_TEXT,
      passthroughBehavior: apigwv2.PassthroughBehavior.NEVER,
      requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
      templateSelectionExpression: '\\$default',
      timeout: Duration.seconds(10),
    });
    api.addRoute('sendmessage', { integration: sqs, returnResponse: true });
    api.addRoute('broadcast', { integration: sqs });
    new apigwv2.WebSocketRoute(stack, 'KeyedRoute', { webSocketApi: api, routeKey: 'keyed', integration: new integrations.WebSocketMockIntegration('KeyedIntegration'), apiKeyRequired: true });
    new apigwv2.WebSocketAuthorizer(stack, 'Authorizer', {
      webSocketApi: api,
      type: apigwv2.WebSocketAuthorizerType.LAMBDA,
      identitySource: ['route.request.header.Authorization', 'route.request.querystring.token'],
      authorizerUri: AUTHORIZER_URI,
      authorizerName: 'token',
    });
    new apigwv2.WebSocketIntegration(stack, 'Standalone', {
      webSocketApi: api,
      integrationType: apigwv2.WebSocketIntegrationType.AWS_PROXY,
      integrationUri: AUTHORIZER_URI,
      timeout: Duration.millis(500),
    });
    const domain = new apigwv2.DomainName(stack, 'Domain', {
      domainName: 'ws.example.com',
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc'),
    });
    const stage = new apigwv2.WebSocketStage(stack, 'Stage', {
      webSocketApi: api,
      stageName: 'prod',
      autoDeploy: true,
      description: 'production',
      throttle: { rateLimit: 100, burstLimit: 50 },
      detailedMetricsEnabled: true,
      stageVariables: { backend: 'queue', mode: 'live' },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')) },
      domainMapping: { domainName: domain, mappingKey: 'chat' },
    });
    stage.addStageVariable('extra', 'x');
    const consumer = new iam.Role(stack, 'Consumer', { assumedBy: new iam.AccountRootPrincipal() });
    api.grantManageConnections(consumer);
    stage.grantManagementApiAccess(consumer);
    stage.metric('MessageCount').createAlarm(stack, 'StageAlarm', { threshold: 1, evaluationPeriods: 1 });
    api.metric('ConnectCount', { statistic: 'Sum' }).createAlarm(stack, 'ApiAlarm', { threshold: 1, evaluationPeriods: 1 });
    const imported = apigwv2.WebSocketApi.fromWebSocketApiAttributes(stack, 'ImportedApi', { webSocketId: 'abc123', apiEndpoint: 'wss://abc123.example.com' });
    const importedStage = apigwv2.WebSocketStage.fromWebSocketStageAttributes(stack, 'ImportedStage', { api: imported, stageName: 'dev' });
    importedStage.metric('ConnectCount').createAlarm(stack, 'ImportedAlarm', { threshold: 1, evaluationPeriods: 1 });
    new CfnOutput(stack, 'Url', { value: stage.url });
    new CfnOutput(stack, 'CallbackUrl', { value: stage.callbackUrl });
    new CfnOutput(stack, 'Arn', { value: api.arnForExecuteApiV2('sendmessage', 'prod') });
    new CfnOutput(stack, 'AllArn', { value: api.arnForExecuteApiV2() });
    new CfnOutput(stack, 'Endpoint', { value: api.apiEndpoint });
    new CfnOutput(stack, 'ImportedEndpoint', { value: imported.apiEndpoint });
  },

  'WebSocket integrations parity app: one Lambda integration on three routes, content handling, mock, AWS': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const handler = lambdaFunction(stack, 'Handler');
    const other = lambdaFunction(stack, 'Other');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const chat = new integrations.WebSocketLambdaIntegration('Chat', handler, { timeout: Duration.seconds(10) });
    const api = new apigwv2.WebSocketApi(stack, 'Api', {
      connectRouteOptions: { integration: chat },
      disconnectRouteOptions: { integration: chat },
      defaultRouteOptions: { integration: chat, returnResponse: true },
    });
    api.addRoute('sendmessage', { integration: new integrations.WebSocketLambdaIntegration('Send', other, { contentHandling: apigwv2.ContentHandling.CONVERT_TO_TEXT }) });
    api.addRoute('ping', { integration: new integrations.WebSocketMockIntegration('Ping', { requestTemplates: { $default: '{"statusCode": 200}' }, templateSelectionExpression: '\\$default' }) });
    api.addRoute('enqueue', {
      integration: new integrations.WebSocketAwsIntegration('Enqueue', {
        integrationUri: QUEUE_URI,
        integrationMethod: 'POST',
        credentialsRole: role,
        requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
        requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
        templateSelectionExpression: '\\$default',
        passthroughBehavior: apigwv2.PassthroughBehavior.NEVER,
        contentHandling: apigwv2.ContentHandling.CONVERT_TO_BINARY,
        timeout: Duration.seconds(5),
      }),
    });
    new apigwv2.WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'prod', autoDeploy: true });
  },

  'WebSocket authorizers parity app: Lambda authorizers on two APIs, IAM on a third': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const authFn = lambdaFunction(stack, 'AuthFn');
    new apigwv2.WebSocketApi(stack, 'Chat', {
      connectRouteOptions: {
        integration: new integrations.WebSocketMockIntegration('ConnectIntegration'),
        authorizer: new authorizers.WebSocketLambdaAuthorizer('Authorizer', authFn, { identitySource: ['route.request.querystring.token'], authorizerName: 'token' }),
      },
    });
    new apigwv2.WebSocketApi(stack, 'Plain', {
      connectRouteOptions: {
        integration: new integrations.WebSocketMockIntegration('ConnectIntegration'),
        authorizer: new authorizers.WebSocketLambdaAuthorizer('Authorizer', authFn),
      },
    });
    new apigwv2.WebSocketApi(stack, 'Signed', {
      connectRouteOptions: { integration: new integrations.WebSocketMockIntegration('ConnectIntegration'), authorizer: new authorizers.WebSocketIamAuthorizer() },
    });
  },

  'a WebSocket API whose $connect route names no authorizer': ({ apigwv2, integrations }, app) => {
    new apigwv2.WebSocketApi(new Stack(app, 'Stack'), 'Open', {
      connectRouteOptions: { integration: new integrations.WebSocketMockIntegration('ConnectIntegration'), authorizer: new apigwv2.WebSocketNoneAuthorizer() },
    });
  },

  // ---- usage plans, API keys, routes in another stack

  'usage plans and API keys': ({ apigwv2 }, app) => {
    const stack = new Stack(app, 'Stack');
    const api = new apigwv2.WebSocketApi(stack, 'Api', { apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
    const stage = new apigwv2.WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'prod', autoDeploy: true });
    const plan = new apigwv2.UsagePlan(stack, 'Plan', {
      apiStages: [{ api, stage }],
      quota: { limit: 10_000, offset: 0, period: apigwv2.Period.MONTH },
      throttle: { rateLimit: 10, burstLimit: 20 },
      usagePlanName: 'basic',
      description: 'the basic plan',
    });
    plan.addApiKey(new apigwv2.ApiKey(stack, 'Key', { apiKeyName: 'first', description: 'the first key' }));
    new apigwv2.RateLimitedApiKey(stack, 'Limited', { apiStages: [{ api, stage }], quota: { limit: 100, period: apigwv2.Period.DAY } });
  },

  'WebSocket routes and their Lambda integrations in another stack, and on an imported API': ({ apigwv2, integrations }, app) => {
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const handler = lambdaFunction(routeStack, 'Handler');
    const api = new apigwv2.WebSocketApi(apiStack, 'Api');
    new apigwv2.WebSocketRoute(routeStack, 'Route', { webSocketApi: api, routeKey: 'hello', integration: new integrations.WebSocketLambdaIntegration('Hello', handler) });
    new apigwv2.WebSocketRoute(routeStack, 'Again', { webSocketApi: api, routeKey: 'again', integration: new integrations.WebSocketLambdaIntegration('Again', handler) });
    const imported = apigwv2.WebSocketApi.fromWebSocketApiAttributes(routeStack, 'Imported', { webSocketId: 'abc123' });
    new apigwv2.WebSocketRoute(routeStack, 'OnImport', { webSocketApi: imported, routeKey: 'hello', integration: new integrations.WebSocketLambdaIntegration('Hello', handler) });
    new apigwv2.WebSocketRoute(routeStack, 'AgainOnImport', { webSocketApi: imported, routeKey: 'again', integration: new integrations.WebSocketLambdaIntegration('Again', handler) });
  },
};
