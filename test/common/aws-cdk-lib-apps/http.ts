import { CfnOutput, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { AppSet } from './modules';
import { lambdaFunction } from '../../support/resources';

/*
 * HTTP API apps written against aws-cdk-lib's API only: the snippets of aws-cdk-lib's module
 * READMEs (the seed README of test/http/seed-examples.test.ts, and the integrations' and
 * authorizers' READMEs), the app of test/http/parity.test.ts, and apps that cover every HTTP
 * integration and authorizer of aws-cdk-lib.
 */

const BACKEND = 'https://backend.example.com';
const BOOKS_PROXY = 'https://get-books-proxy.example.com';
const ISSUER = 'https://issuer.example.com';

export const HTTP_APPS: AppSet = {
  // ---- the seed README (aws-cdk-lib's former alpha module): Defining HTTP APIs, CORS, stages, metrics

  'seed: GET /books to a URL, ANY /books to a Lambda function': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const bookStoreDefaultFn = lambdaFunction(stack, 'BookStoreDefaultFn');
    const getBooksIntegration = new integrations.HttpUrlIntegration('GetBooksIntegration', BOOKS_PROXY);
    const bookStoreDefaultIntegration = new integrations.HttpLambdaIntegration('BooksIntegration', bookStoreDefaultFn);
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: getBooksIntegration });
    httpApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.ANY], integration: bookStoreDefaultIntegration });
  },

  'seed: disableExecuteApiEndpoint': ({ apigwv2 }, app) => {
    new apigwv2.HttpApi(new Stack(app, 'Stack'), 'HttpApi', { disableExecuteApiEndpoint: true });
  },

  'seed: defaultIntegration': ({ apigwv2, integrations }, app) => {
    new apigwv2.HttpApi(new Stack(app, 'Stack'), 'HttpProxyApi', {
      defaultIntegration: new integrations.HttpUrlIntegration('DefaultIntegration', 'https://example.com'),
    });
  },

  'seed: CORS with a maxAge of 10 days': ({ apigwv2 }, app) => {
    new apigwv2.HttpApi(new Stack(app, 'Stack'), 'HttpProxyApi', {
      corsPreflight: {
        allowHeaders: ['Authorization'],
        allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.HEAD, apigwv2.CorsHttpMethod.OPTIONS, apigwv2.CorsHttpMethod.POST],
        allowOrigins: ['*'],
        maxAge: Duration.days(10),
      },
    });
  },

  'seed: a beta stage, and a $default stage on an API without one': ({ apigwv2 }, app) => {
    const stack = new Stack(app, 'Stack');
    const api = new apigwv2.HttpApi(stack, 'Api');
    const stage = new apigwv2.HttpStage(stack, 'Stage', { httpApi: api, stageName: 'beta' });
    const bare = new apigwv2.HttpApi(stack, 'Bare', { createDefaultStage: false });
    new apigwv2.HttpStage(stack, 'DefaultStage', { httpApi: bare });
    new CfnOutput(stack, 'BetaUrl', { value: stage.url });
  },

  'seed: metrics of an API and a stage': ({ apigwv2 }, app) => {
    const stack = new Stack(app, 'Stack');
    const api = new apigwv2.HttpApi(stack, 'my-api');
    const stage = new apigwv2.HttpStage(stack, 'Stage', { httpApi: api, stageName: 'prod' });
    api.metricClientError().createAlarm(stack, 'ApiErrors', { threshold: 1, evaluationPeriods: 1 });
    stage.metricClientError().createAlarm(stack, 'StageErrors', { threshold: 1, evaluationPeriods: 1 });
  },

  // ---- the integrations README

  'integrations README: Lambda': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const booksIntegration = new integrations.HttpLambdaIntegration('BooksIntegration', lambdaFunction(stack, 'BooksDefaultFn'));
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: booksIntegration });
  },

  'integrations README: Lambda permissions scoped to the API (scopePermissionToRoute: false)': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const booksDefaultFn = lambdaFunction(stack, 'BooksDefaultFn');
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    const getBooksIntegration = new integrations.HttpLambdaIntegration('GetBooksIntegration', booksDefaultFn, { scopePermissionToRoute: false });
    const createBookIntegration = new integrations.HttpLambdaIntegration('CreateBookIntegration', booksDefaultFn, { scopePermissionToRoute: false });
    httpApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: getBooksIntegration });
    httpApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.POST], integration: createBookIntegration });
  },

  'integrations README: HTTP proxy': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: new integrations.HttpUrlIntegration('BooksIntegration', BOOKS_PROXY) });
  },

  'integrations README: Step Functions, start, start sync and stop': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const stateMachine = new sfn.StateMachine(stack, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
      stateMachineType: sfn.StateMachineType.EXPRESS,
    });
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({
      path: '/start',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpStepFunctionsIntegration('StartExecutionIntegration', {
        stateMachine, subtype: apigwv2.HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION,
      }),
    });
    httpApi.addRoutes({
      path: '/start-sync',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpStepFunctionsIntegration('StartSyncExecutionIntegration', {
        stateMachine, subtype: apigwv2.HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION,
      }),
    });
    httpApi.addRoutes({
      path: '/stop',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpStepFunctionsIntegration('StopExecutionIntegration', {
        stateMachine,
        subtype: apigwv2.HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
        parameterMapping: new apigwv2.ParameterMapping().custom('ExecutionArn', '$request.querystring.executionArn'),
      }),
    });
  },

  'Step Functions: stop without a parameter mapping, and a default start': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const stateMachine = new sfn.StateMachine(stack, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
    });
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/start', methods: [apigwv2.HttpMethod.POST], integration: new integrations.HttpStepFunctionsIntegration('Start', { stateMachine }) });
    httpApi.addRoutes({
      path: '/stop',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpStepFunctionsIntegration('Stop', { stateMachine, subtype: apigwv2.HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION }),
    });
  },

  'integrations README: SQS, every subtype': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Queue');
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/default', methods: [apigwv2.HttpMethod.POST], integration: new integrations.HttpSqsIntegration('defaultIntegration', { queue }) });
    const subtypes = {
      '/send-message': apigwv2.HttpIntegrationSubtype.SQS_SEND_MESSAGE,
      '/receive-message': apigwv2.HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE,
      '/delete-message': apigwv2.HttpIntegrationSubtype.SQS_DELETE_MESSAGE,
      '/purge-queue': apigwv2.HttpIntegrationSubtype.SQS_PURGE_QUEUE,
    };
    for (const [path, subtype] of Object.entries(subtypes)) {
      httpApi.addRoutes({ path, methods: [apigwv2.HttpMethod.POST], integration: new integrations.HttpSqsIntegration(`${path.slice(1)}Integration`, { queue, subtype }) });
    }
    httpApi.addRoutes({
      path: '/mapped',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpSqsIntegration('mappedIntegration', {
        queue,
        parameterMapping: new apigwv2.ParameterMapping().custom('QueueUrl', queue.queueUrl).custom('MessageBody', '$request.body.MessageBody'),
      }),
    });
  },

  'SQS: a queue with a customer-managed KMS key': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, 'Key') });
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/send', methods: [apigwv2.HttpMethod.POST], integration: new integrations.HttpSqsIntegration('Send', { queue }) });
    httpApi.addRoutes({
      path: '/receive',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpSqsIntegration('Receive', { queue, subtype: apigwv2.HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE }),
    });
  },

  'integrations README: EventBridge': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const bus = new events.EventBus(stack, 'Bus');
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({
      path: '/default',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpEventBridgeIntegration('DefaultEventBridgeIntegration', { eventBusRef: bus.eventBusRef }),
    });
    httpApi.addRoutes({
      path: '/put-events',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpEventBridgeIntegration('ExplicitSubtypeIntegration', {
        eventBusRef: bus.eventBusRef, subtype: apigwv2.HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS,
      }),
    });
    httpApi.addRoutes({
      path: '/mapped',
      methods: [apigwv2.HttpMethod.POST],
      integration: new integrations.HttpEventBridgeIntegration('MappedIntegration', {
        eventBusRef: bus.eventBusRef,
        parameterMapping: new apigwv2.ParameterMapping()
          .custom('Detail', '$request.body.Detail')
          .custom('DetailType', '$request.body.DetailType')
          .custom('Source', '$request.body.Source')
          .custom('EventBusName', bus.eventBusName),
      }),
    });
  },

  // ---- Lambda integrations and their permissions

  'Lambda: one function behind many routes, integrations, APIs and stacks': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const routes = new Stack(app, 'Routes');
    const handler = lambdaFunction(stack, 'Handler');
    const other = lambdaFunction(stack, 'Other');
    const api = new apigwv2.HttpApi(stack, 'Api', { defaultIntegration: new integrations.HttpLambdaIntegration('DefaultIntegration', handler) });
    const books = new integrations.HttpLambdaIntegration('Books', handler, { timeout: Duration.seconds(10) });
    api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: books });
    api.addRoutes({ path: '/books/{id}', integration: books });
    api.addRoutes({
      path: '/v1/books',
      integration: new integrations.HttpLambdaIntegration('V1', handler, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
        parameterMapping: new apigwv2.ParameterMapping().appendHeader('x-version', apigwv2.MappingValue.custom('1')),
      }),
    });
    api.addRoutes({ path: '/other', integration: new integrations.HttpLambdaIntegration('Other', other, { scopePermissionToRoute: true }) });
    api.addRoutes({ path: '/all', integration: new integrations.HttpLambdaIntegration('All', other, { scopePermissionToRoute: false }) });
    const second = new apigwv2.HttpApi(stack, 'Second');
    second.addRoutes({ path: '/books', integration: new integrations.HttpLambdaIntegration('Books', handler) });
    new apigwv2.HttpRoute(routes, 'Elsewhere', {
      httpApi: api,
      routeKey: apigwv2.HttpRouteKey.with('/elsewhere', apigwv2.HttpMethod.GET),
      integration: new integrations.HttpLambdaIntegration('Elsewhere', handler),
    });
  },

  'Lambda: routes on an imported API': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const api = apigwv2.HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123', apiEndpoint: 'https://abc123.example.com' });
    const handler = lambdaFunction(stack, 'Handler');
    new apigwv2.HttpRoute(stack, 'Route', {
      httpApi: api,
      routeKey: apigwv2.HttpRouteKey.with('/books/{id}', apigwv2.HttpMethod.GET),
      integration: new integrations.HttpLambdaIntegration('Integration', handler),
    });
    new apigwv2.HttpRoute(stack, 'Other', {
      httpApi: api,
      routeKey: apigwv2.HttpRouteKey.with('/books', apigwv2.HttpMethod.POST),
      integration: new integrations.HttpLambdaIntegration('Integration', handler),
    });
  },

  'integration objects that configure the same backend call': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const api = new apigwv2.HttpApi(stack, 'Api');
    for (const path of ['/a', '/b', '/c']) {
      api.addRoutes({ path, methods: [apigwv2.HttpMethod.GET], integration: new integrations.HttpUrlIntegration('Backend', BACKEND) });
    }
    new apigwv2.HttpIntegration(stack, 'Direct', { httpApi: api, integrationType: apigwv2.HttpIntegrationType.HTTP_PROXY, integrationUri: BACKEND });
  },

  'routes, stages and integrations with every setting': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const api = new apigwv2.HttpApi(stack, 'Api', { apiName: 'books', createDefaultStage: false });
    api.addRoutes({
      path: '/proxy/{proxy+}',
      methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.PATCH],
      integration: new integrations.HttpUrlIntegration('Proxy', 'https://backend.example.com/{proxy}', {
        method: apigwv2.HttpMethod.GET,
        timeout: Duration.seconds(20),
        parameterMapping: new apigwv2.ParameterMapping()
          .overwritePath(apigwv2.MappingValue.requestPathParam('proxy'))
          .appendQueryString('source', apigwv2.MappingValue.contextVariable('requestId'))
          .overwriteHeader('x-stage', apigwv2.MappingValue.stageVariable('backend'))
          .removeQueryString('debug'),
      }),
    });
    const direct = new apigwv2.HttpIntegration(stack, 'Direct', {
      httpApi: api,
      integrationType: apigwv2.HttpIntegrationType.AWS_PROXY,
      integrationSubtype: apigwv2.HttpIntegrationSubtype.SQS_SEND_MESSAGE,
      credentials: apigwv2.IntegrationCredentials.fromRole(role),
      payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0,
      parameterMapping: new apigwv2.ParameterMapping().custom('QueueUrl', 'https://sqs.us-east-1.amazonaws.com/111111111111/q').custom('MessageBody', '$request.body'),
      timeout: Duration.seconds(5),
    });
    new CfnOutput(stack, 'DirectId', { value: direct.integrationId });
    new apigwv2.HttpStage(stack, 'Logged', {
      httpApi: api,
      stageName: 'logged',
      autoDeploy: true,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'Logs')),
        format: apigw.AccessLogFormat.custom(JSON.stringify({ requestId: '$context.requestId', status: '$context.status' })),
      },
    });
    new apigwv2.HttpStage(stack, 'Plain', { httpApi: api, stageName: 'plain', accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(new logs.LogGroup(stack, 'PlainLogs')) } });
  },

  'a route key without a method': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const api = new apigwv2.HttpApi(stack, 'Api');
    new apigwv2.HttpRoute(stack, 'Route', { httpApi: api, routeKey: apigwv2.HttpRouteKey.with('/books'), integration: new integrations.HttpUrlIntegration('Books', BACKEND) });
  },

  // ---- the authorizers README

  'authorizers README: a JWT default authorizer with default scopes': ({ apigwv2, authorizers }, app) => {
    const authorizer = new authorizers.HttpJwtAuthorizer('DefaultAuthorizer', 'https://test.us.auth0.com', { jwtAudience: ['3131231'] });
    new apigwv2.HttpApi(new Stack(app, 'Stack'), 'HttpApi', { defaultAuthorizer: authorizer, defaultAuthorizationScopes: ['manage:books'] });
  },

  'authorizers README: routes of a JWT default authorizer, one without it': ({ apigwv2, integrations, authorizers }, app) => {
    const authorizer = new authorizers.HttpJwtAuthorizer('DefaultAuthorizer', 'https://test.us.auth0.com', { jwtAudience: ['3131231'] });
    const api = new apigwv2.HttpApi(new Stack(app, 'Stack'), 'HttpApi', { defaultAuthorizer: authorizer, defaultAuthorizationScopes: ['read:books'] });
    api.addRoutes({ integration: new integrations.HttpUrlIntegration('BooksIntegration', BOOKS_PROXY), path: '/books', methods: [apigwv2.HttpMethod.GET] });
    api.addRoutes({ integration: new integrations.HttpUrlIntegration('BooksIdIntegration', BOOKS_PROXY), path: '/books/{id}', methods: [apigwv2.HttpMethod.GET] });
    api.addRoutes({
      integration: new integrations.HttpUrlIntegration('BooksIntegration', BOOKS_PROXY), path: '/books', methods: [apigwv2.HttpMethod.POST], authorizationScopes: ['write:books'],
    });
    api.addRoutes({
      integration: new integrations.HttpUrlIntegration('LoginIntegration', BOOKS_PROXY), path: '/login', methods: [apigwv2.HttpMethod.POST], authorizer: new apigwv2.HttpNoneAuthorizer(),
    });
  },

  'authorizers README: a JWT authorizer on one route': ({ apigwv2, integrations, authorizers }, app) => {
    const authorizer = new authorizers.HttpJwtAuthorizer('BooksAuthorizer', 'https://test.us.auth0.com', { jwtAudience: ['3131231'] });
    const api = new apigwv2.HttpApi(new Stack(app, 'Stack'), 'HttpApi');
    api.addRoutes({ integration: new integrations.HttpUrlIntegration('BooksIntegration', BOOKS_PROXY), path: '/books', authorizer });
  },

  'authorizers README: a user pool authorizer': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const authorizer = new authorizers.HttpUserPoolAuthorizer('BooksAuthorizer', new cognito.UserPool(stack, 'UserPool'));
    const api = new apigwv2.HttpApi(stack, 'HttpApi');
    api.addRoutes({ integration: new integrations.HttpUrlIntegration('BooksIntegration', BOOKS_PROXY), path: '/books', authorizer });
  },

  'authorizers README: a Lambda authorizer with a role, and its id in outputs': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const authHandler = lambdaFunction(stack, 'AuthHandler', '({ isAuthorized: true })');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const withRole = new authorizers.HttpLambdaAuthorizer('BooksAuthorizer', authHandler, { responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE], role });
    const plain = new authorizers.HttpLambdaAuthorizer('PlainAuthorizer', authHandler, { responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE] });
    const api = new apigwv2.HttpApi(stack, 'HttpApi');
    api.addRoutes({ integration: new integrations.HttpUrlIntegration('BooksIntegration', BOOKS_PROXY), path: '/books', authorizer: withRole });
    api.addRoutes({ integration: new integrations.HttpUrlIntegration('PlainIntegration', BOOKS_PROXY), path: '/plain', authorizer: plain });
    new CfnOutput(stack, 'authorizerId', { value: plain.authorizerId });
    new CfnOutput(stack, 'authorizerType', { value: plain.authorizationType });
  },

  'authorizers README: an IAM default authorizer and grantInvoke': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi', { defaultAuthorizer: new authorizers.HttpIamAuthorizer() });
    const routes = httpApi.addRoutes({ integration: new integrations.HttpUrlIntegration('BooksIntegration', BOOKS_PROXY), path: '/books/{book}' });
    routes[0].grantInvoke(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
  },

  'authorizers README: an imported authorizer': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const imported = apigwv2.HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'HttpAuthorizer', {
      authorizerId: Fn.importValue('authorizerId'),
      authorizerType: Fn.importValue('authorizerType'),
    });
    void imported;
    const custom = apigwv2.HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Custom', { authorizerId: Fn.importValue('authorizerId'), authorizerType: 'CUSTOM' });
    const jwt = apigwv2.HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Jwt', { authorizerId: 'abc123', authorizerType: 'JWT' });
    const api = new apigwv2.HttpApi(stack, 'HttpApi');
    api.addRoutes({ integration: new integrations.HttpUrlIntegration('Books', BOOKS_PROXY), path: '/books', authorizer: custom });
    api.addRoutes({ integration: new integrations.HttpUrlIntegration('Jwt', BOOKS_PROXY), path: '/jwt', authorizer: jwt, authorizationScopes: ['read'] });
  },

  'HTTP authorizers parity app: JWT default with scopes, user pool, Lambda, IAM': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const fn = lambdaFunction(stack, 'AuthFn', '({ isAuthorized: true })');
    const pool = new cognito.UserPool(stack, 'Pool');
    const role = new iam.Role(stack, 'InvokeRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    const api = new apigwv2.HttpApi(stack, 'Api', {
      defaultAuthorizer: new authorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['books'] }),
      defaultAuthorizationScopes: ['books:read'],
    });
    const backend = new integrations.HttpUrlIntegration('Backend', BACKEND);
    api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: backend });
    api.addRoutes({ path: '/me', integration: backend, authorizer: new authorizers.HttpUserPoolAuthorizer('UserPool', pool), authorizationScopes: ['profile'] });
    const lambdaAuthorizer = new authorizers.HttpLambdaAuthorizer('Lambda', fn);
    api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.PUT], integration: backend, authorizer: lambdaAuthorizer });
    api.addRoutes({
      path: '/simple',
      integration: backend,
      authorizer: new authorizers.HttpLambdaAuthorizer('Simple', fn, {
        responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE],
        identitySource: ['$request.header.X-Api-Key'],
        resultsCacheTtl: Duration.seconds(30),
        authorizerName: 'simple-authorizer',
        role,
      }),
    });
    const [signed] = api.addRoutes({ path: '/signed', methods: [apigwv2.HttpMethod.GET], integration: backend, authorizer: new authorizers.HttpIamAuthorizer() });
    signed.grantInvoke(reader);
  },

  'HTTP authorizers with more options: token source, user pool clients and Region, both Lambda response types, none': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const pool = new cognito.UserPool(stack, 'Pool');
    const api = new apigwv2.HttpApi(stack, 'Api', {
      defaultAuthorizer: new authorizers.HttpJwtAuthorizer('Jwt', ISSUER, { jwtAudience: ['books'], identitySource: ['$request.header.X-Token'] }),
      defaultAuthorizationScopes: ['books:read'],
    });
    const backend = new integrations.HttpUrlIntegration('Backend', BACKEND);
    api.addRoutes({
      path: '/me', integration: backend,
      authorizer: new authorizers.HttpUserPoolAuthorizer('UserPool', pool, { userPoolClients: [pool.addClient('Client')], userPoolRegion: 'eu-west-1' }),
    });
    api.addRoutes({
      path: '/both',
      integration: backend,
      authorizer: new authorizers.HttpLambdaAuthorizer('Both', lambdaFunction(stack, 'AuthFn', '({ isAuthorized: true })'), {
        responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE, authorizers.HttpLambdaResponseType.IAM],
      }),
    });
    api.addRoutes({ path: '/open', methods: [apigwv2.HttpMethod.GET], integration: backend, authorizer: new apigwv2.HttpNoneAuthorizer() });
  },

  // ---- the app of test/http/parity.test.ts

  'HTTP parity app: CORS, default integration and authorizer, stages, grants, outputs': ({ apigwv2, integrations, authorizers }, app) => {
    const stack = new Stack(app, 'Stack');
    const api = new apigwv2.HttpApi(stack, 'Api', {
      description: 'the books API',
      corsPreflight: {
        allowOrigins: ['https://example.com'],
        allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST],
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['X-Request-Id'],
        allowCredentials: true,
        maxAge: Duration.hours(1),
      },
      defaultIntegration: new integrations.HttpUrlIntegration('DefaultIntegration', BACKEND),
      defaultAuthorizer: new authorizers.HttpJwtAuthorizer('Jwt', ISSUER, { jwtAudience: ['books-client'] }),
      defaultAuthorizationScopes: ['books/read'],
      routeSelectionExpression: true,
      ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
    });
    const books = new integrations.HttpUrlIntegration('BooksIntegration', BACKEND);
    api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: books });
    api.addRoutes({ path: '/books/{id}', integration: new integrations.HttpUrlIntegration('BookIntegration', BACKEND), authorizationScopes: ['books/write'] });
    api.addRoutes({ path: '/health', methods: [apigwv2.HttpMethod.GET], integration: books, authorizer: new apigwv2.HttpNoneAuthorizer() });
    const [admin] = api.addRoutes({ path: '/admin', integration: books, authorizer: new authorizers.HttpIamAuthorizer() });
    const standalone = new apigwv2.HttpRoute(stack, 'Standalone', {
      httpApi: api,
      routeKey: apigwv2.HttpRouteKey.with('/standalone/{proxy+}', apigwv2.HttpMethod.PUT),
      integration: books,
    });
    const beta = new apigwv2.HttpStage(stack, 'Beta', {
      httpApi: api,
      stageName: 'beta',
      description: 'the beta stage',
      throttle: { rateLimit: 100, burstLimit: 50 },
      stageVariables: { backend: 'beta.example.com', mode: 'test' },
      detailedMetricsEnabled: true,
    });
    beta.addStageVariable('extra', 'x');
    const prod = api.addStage('Prod', { stageName: 'prod', autoDeploy: false });
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    admin.grantInvoke(role, { httpMethods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.DELETE] });
    new CfnOutput(stack, 'Url', { value: api.url! });
    new CfnOutput(stack, 'Endpoint', { value: api.apiEndpoint });
    new CfnOutput(stack, 'BetaUrl', { value: beta.url });
    new CfnOutput(stack, 'ProdUrl', { value: prod.url });
    new CfnOutput(stack, 'ExecuteArn', { value: api.arnForExecuteApi() });
    new CfnOutput(stack, 'ExecuteArnGet', { value: api.arnForExecuteApi('any', '/books', 'prod') });
    new CfnOutput(stack, 'StandaloneArn', { value: standalone.routeArn });
    new CfnOutput(stack, 'AdminArn', { value: admin.routeArn });
  },

  'HTTP parity app: a route on an imported API, and one in another stack': ({ apigwv2, integrations }, app) => {
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new apigwv2.HttpApi(apiStack, 'Api');
    new apigwv2.HttpRoute(routeStack, 'Route', {
      httpApi: api, routeKey: apigwv2.HttpRouteKey.with('/books', apigwv2.HttpMethod.GET), integration: new integrations.HttpUrlIntegration('Integration', BACKEND),
    });
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const imported = apigwv2.HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123', apiEndpoint: 'https://abc123.example.com' });
    const route = new apigwv2.HttpRoute(stack, 'Route', {
      httpApi: imported, routeKey: apigwv2.HttpRouteKey.with('/books/{id}', apigwv2.HttpMethod.GET), integration: new integrations.HttpUrlIntegration('Integration', BACKEND),
    });
    new CfnOutput(stack, 'Execute', { value: imported.arnForExecuteApi('GET', '/books') });
    new CfnOutput(stack, 'RouteArn', { value: route.routeArn });
  },
};
