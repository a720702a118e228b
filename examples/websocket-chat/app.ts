// A chat over WebSocket. Clients connect to wss://.../prod?token=NAME (a Lambda authorizer
// checks the token on `$connect`), then send `{"action": "sendmessage", "message": "hi"}`:
// everyone connected receives `{"from": "NAME", "message": "hi"}`, and the sender gets
// `{"sent": N}` back on the same connection (a two-way route). Connections are kept in a
// DynamoDB table; messages reach clients through the stage's `@connections` API.
//
// Synthesize it from the repository root with `npm run example`, or from this folder with
// `npx cdk synth` (after `npm run compile`). cdk-nag's AwsSolutions checks run on every synth.
import { App, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { AppProps, CfnElement, StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiGatewayAccountLoggingRole, LogGroupLogDestination, WebSocketApi, WebSocketLoggingLevel, WebSocketStage } from 'cdk-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { WebSocketLambdaIntegration } from 'cdk-apigatewayv2/integrations';

/**
 * Lets a connection in when its `token` query string names a user. A stand-in for a real
 * check, such as verifying a JWT. Browsers cannot set headers on a WebSocket connection, so
 * the token travels in the query string.
 */
const AUTHORIZER_CODE = `
exports.handler = async (event) => {
  const token = (event.queryStringParameters && event.queryStringParameters.token) || '';
  const allowed = /^[A-Za-z0-9_-]{1,32}$/.test(token);
  return {
    principalId: allowed ? token : 'anonymous',
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: allowed ? 'Allow' : 'Deny', Resource: event.methodArn }],
    },
    context: { user: token },
  };
};
`;

/** `$connect` records the connection and its user; `$disconnect` forgets it. */
const CONNECTIONS_CODE = `
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand, DeleteCommand } = require('@aws-sdk/lib-dynamodb');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TableName = process.env.TABLE_NAME;

exports.handler = async (event) => {
  const { routeKey, connectionId, authorizer } = event.requestContext;
  if (routeKey === '$connect') {
    // A connection lasts at most 2 hours; the item expires (TTL) an hour after that.
    const expiresAt = Math.floor(Date.now() / 1000) + 3 * 3600;
    await db.send(new PutCommand({ TableName, Item: { connectionId, user: authorizer.user, expiresAt } }));
  } else {
    await db.send(new DeleteCommand({ TableName, Key: { connectionId } }));
  }
  return { statusCode: 200 };
};
`;

/**
 * `sendmessage` posts the message to every connection and answers the sender with the count;
 * `$default` (any other action) tells the sender what to send.
 */
const MESSAGES_CODE = `
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand, ScanCommand, DeleteCommand } = require('@aws-sdk/lib-dynamodb');
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const connections = new ApiGatewayManagementApiClient({ endpoint: process.env.CALLBACK_URL });
const TableName = process.env.TABLE_NAME;

async function post(connectionId, data) {
  try {
    await connections.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    return true;
  } catch (e) {
    if (e.name !== 'GoneException') throw e;
    await db.send(new DeleteCommand({ TableName, Key: { connectionId } }));
    return false;
  }
}

exports.handler = async (event) => {
  const { routeKey, connectionId } = event.requestContext;
  if (routeKey !== 'sendmessage') {
    await post(connectionId, JSON.stringify({ error: 'send {"action": "sendmessage", "message": "..."}' }));
    return { statusCode: 200 };
  }
  let message = '';
  try {
    message = String(JSON.parse(event.body || '{}').message || '').slice(0, 1000);
  } catch (e) {
    return { statusCode: 400, body: JSON.stringify({ error: 'the message is not JSON' }) };
  }
  const sender = await db.send(new GetCommand({ TableName, Key: { connectionId } }));
  const data = JSON.stringify({ from: sender.Item ? sender.Item.user : 'unknown', message });
  let sent = 0;
  let ExclusiveStartKey;
  do {
    const page = await db.send(new ScanCommand({ TableName, ProjectionExpression: 'connectionId', ExclusiveStartKey }));
    for (const item of page.Items || []) {
      if (await post(item.connectionId, data)) sent++;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { statusCode: 200, body: JSON.stringify({ sent }) };
};
`;

/**
 * The access log line: JSON, so that CloudWatch Logs Insights can query its fields, with the
 * WebSocket context variables (the event type and the connection).
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  status: '$context.status',
  sourceIp: '$context.identity.sourceIp',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
}));

/**
 * cdk-nag finds that a Lambda function's role uses the AWS managed policy that lets it write its
 * own logs. The policy grants exactly that, and AWS maintains it.
 */
function acknowledgeBasicExecutionRole(fn: lambda.Function): void {
  Validations.of(fn.role!).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs to CloudWatch Logs',
  });
}

/** A Node.js function with inline code. */
function chatFunction(scope: Construct, id: string, code: string, environment?: { [key: string]: string }): lambda.Function {
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(code),
    timeout: Duration.seconds(10),
    environment,
  });
  acknowledgeBasicExecutionRole(fn);
  return fn;
}

/**
 * The chat: a WebSocket API with `$connect` (behind a Lambda authorizer), `$disconnect`,
 * `$default` and a two-way `sendmessage` route, a `prod` stage with throttling, JSON access
 * logs and execution logs, and a table of connections.
 */
export class ChatStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'cdk-apigatewayv2 example: a WebSocket chat', ...props });

    const table = new dynamodb.Table(this, 'Connections', {
      partitionKey: { name: 'connectionId', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // `$connect` and `$disconnect`: one function, one integration object, so one integration
    // resource and one Lambda permission for both routes.
    const connectionsFn = chatFunction(this, 'ConnectionsHandler', CONNECTIONS_CODE, { TABLE_NAME: table.tableName });
    table.grantWriteData(connectionsFn);
    const connections = new WebSocketLambdaIntegration('Connections', connectionsFn);

    // Only `$connect` takes an authorizer: API Gateway authorizes a connection once, when it
    // opens, and every later message belongs to it.
    const authorizerFn = chatFunction(this, 'AuthorizerHandler', AUTHORIZER_CODE);
    const authorizer = new WebSocketLambdaAuthorizer('TokenAuthorizer', authorizerFn, {
      identitySource: ['route.request.querystring.token'],
    });

    const api = new WebSocketApi(this, 'ChatApi', {
      description: 'A chat: connect with ?token=NAME, send {"action": "sendmessage", "message": "..."}',
      connectRouteOptions: { integration: connections, authorizer },
    });
    const disconnectRoute = api.addRoute('$disconnect', { integration: connections });

    const stage = new WebSocketStage(this, 'ProdStage', {
      webSocketApi: api,
      stageName: 'prod',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(new logs.LogGroup(this, 'AccessLogs', {
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        })),
        format: ACCESS_LOG_FORMAT,
      },
      loggingLevel: WebSocketLoggingLevel.ERROR,
      // Access and execution logs need the account's CloudWatch Logs role for API Gateway:
      // this stack owns it (one stack per account and Region should).
      cloudWatchRole: true,
    });

    // `$default` and `sendmessage`: one function, allowed to post to the stage's connections.
    const messagesFn = chatFunction(this, 'MessagesHandler', MESSAGES_CODE, {
      TABLE_NAME: table.tableName,
      CALLBACK_URL: stage.callbackUrl,
    });
    table.grantReadWriteData(messagesFn);
    stage.grantManagementApiAccess(messagesFn);
    const messages = new WebSocketLambdaIntegration('Messages', messagesFn);
    const defaultRoute = api.addRoute('$default', { integration: messages });
    const sendRoute = api.addRoute('sendmessage', { integration: messages, returnResponse: true });

    this.acknowledgeFindings(api, [disconnectRoute, defaultRoute, sendRoute], messagesFn);

    new CfnOutput(this, 'ChatUrl', { value: stage.url, description: 'connect with wscat -c "<url>?token=NAME"' });
    new CfnOutput(this, 'CallbackUrl', { value: stage.callbackUrl, description: 'the @connections API of the prod stage' });
  }

  /** What cdk-nag finds that this design needs, with the reasons. */
  private acknowledgeFindings(api: WebSocketApi, openRoutes: Construct[], messagesFn: lambda.Function): void {
    for (const route of openRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'API Gateway authorizes a WebSocket connection once, on $connect (Lambda authorizer), and refuses authorizers on other routes; '
          + 'their messages come only from authorized connections',
      });
    }
    const apiLogicalId = this.getLogicalId(api.node.defaultChild as CfnElement);
    Validations.of(messagesFn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiLogicalId}>/prod/*/@connections/*]`,
      reason: 'the function posts to whichever clients are connected to the prod stage; connection ids exist only at run time',
    });
    const loggingRole = ApiGatewayAccountLoggingRole.ofStack(this).role!;
    Validations.of(loggingRole).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for API Gateway\'s logging role, and AWS maintains it',
    });
  }
}

/** The example app, with cdk-nag's AwsSolutions checks: `cdk synth` fails on any finding. */
export function createApp(props?: AppProps): App {
  const app = new App(props);
  new ChatStack(app, 'WebSocketChat');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

// Runs when the CDK CLI executes this file (cdk.json), not when a test imports it.
if (require.main === module) {
  createApp().synth();
}
