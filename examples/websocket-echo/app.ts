// An echo over WebSocket that needs no other AWS service, so that it runs on the local emulator
// as it would on AWS. Clients connect to wss://.../prod?token=NAME (a Lambda authorizer checks
// the token on `$connect`), then send:
//
//   {"action": "echo", "text": "hi"}        the route response answers `hi` (a two-way route)
//   {"action": "broadcast", "text": "hi"}   the handler posts {"from": "NAME", "text": "HI"} to
//                                           the sender through the stage's @connections API
//   anything else                            `$default` answers with what to send
//
// Synthesize it from the repository root with `npm run example` (which also runs it on the
// emulator with two clients), or from this folder with `npx cdk synth` (after `npm run compile`).
// cdk-nag's AwsSolutions checks run on every synth.
import { App, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { AppProps, CfnElement, StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiGatewayAccountLoggingRole, LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'cdk-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { WebSocketLambdaIntegration } from 'cdk-apigatewayv2/integrations';

/**
 * Lets a connection in when its `token` query string parameter is a user name (a stand-in for
 * a real check, such as verifying a JWT). Browsers cannot set headers on a WebSocket, so the
 * token travels in the query string.
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

/**
 * Every route: `$connect` and `$disconnect` log; `echo` answers through its route response;
 * `broadcast` posts to the sender through the @connections API, at the URL that the event's
 * domain name and stage make (as the AWS documentation builds it).
 */
const HANDLER_CODE = `
const { ApiGatewayManagementApiClient, PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');

exports.handler = async (event) => {
  const { routeKey, connectionId, domainName, stage, authorizer } = event.requestContext;
  if (routeKey === '$connect' || routeKey === '$disconnect') {
    console.log(routeKey + ' ' + connectionId + ' (' + authorizer.user + ')');
    return { statusCode: 200 };
  }
  let message = {};
  try {
    message = JSON.parse(event.body);
  } catch (e) {
    // not JSON: $default answers
  }
  const text = String(message.text || '').slice(0, 1000);
  if (routeKey === 'echo') return { statusCode: 200, body: text };
  if (routeKey === 'broadcast') {
    const connections = new ApiGatewayManagementApiClient({ endpoint: 'https://' + domainName + '/' + stage });
    const data = JSON.stringify({ from: authorizer.user, text: text.toUpperCase() });
    await connections.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    return { statusCode: 200 };
  }
  return { statusCode: 200, body: 'send {"action": "echo" or "broadcast", "text": "..."}' };
};
`;

/** The access log line: JSON, with the WebSocket context variables (the event type and the connection). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  eventType: '$context.eventType',
  routeKey: '$context.routeKey',
  connectionId: '$context.connectionId',
  status: '$context.status',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
}));

/** A Node.js function with inline code, whose basic execution role cdk-nag flags (acknowledged). */
function echoFunction(scope: Construct, id: string, code: string): lambda.Function {
  const fn = new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(code),
    timeout: Duration.seconds(10),
  });
  Validations.of(fn.role!).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs to CloudWatch Logs',
  });
  return fn;
}

/**
 * The echo: a WebSocket API with `$connect` behind a Lambda authorizer, `$disconnect`,
 * `$default` and `echo` (two-way), `broadcast` (answers through @connections), and a `prod`
 * stage with throttling and JSON access logs.
 */
export class EchoStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'cdk-apigatewayv2 example: a WebSocket echo that answers through @connections', ...props });

    const handler = echoFunction(this, 'EchoHandler', HANDLER_CODE);
    const integration = new WebSocketLambdaIntegration('Echo', handler);
    const authorizer = new WebSocketLambdaAuthorizer('TokenAuthorizer', echoFunction(this, 'AuthorizerHandler', AUTHORIZER_CODE), {
      identitySource: ['route.request.querystring.token'],
    });

    const api = new WebSocketApi(this, 'EchoApi', {
      description: 'An echo: connect with ?token=NAME, send {"action": "echo" or "broadcast", "text": "..."}',
      connectRouteOptions: { integration, authorizer },
    });
    const disconnectRoute = api.addRoute('$disconnect', { integration });
    const defaultRoute = api.addRoute('$default', { integration, returnResponse: true });
    const echoRoute = api.addRoute('echo', { integration, returnResponse: true });
    const broadcastRoute = api.addRoute('broadcast', { integration });

    const stage = new WebSocketStage(this, 'ProdStage', {
      webSocketApi: api,
      stageName: 'prod',
      autoDeploy: true,
      throttle: { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(new logs.LogGroup(this, 'AccessLogs', {
          retention: logs.RetentionDays.ONE_MONTH,
          removalPolicy: RemovalPolicy.DESTROY,
        })),
        format: ACCESS_LOG_FORMAT,
      },
      // Access logs need the account's CloudWatch Logs role for API Gateway: this stack owns it.
      cloudWatchRole: true,
    });
    stage.grantManagementApiAccess(handler);

    this.acknowledgeFindings(api, [disconnectRoute, defaultRoute, echoRoute, broadcastRoute], handler);
    new CfnOutput(this, 'EchoUrl', { value: stage.url, description: 'connect with wscat -c "<url>?token=NAME"' });
  }

  /** What cdk-nag finds that this design needs, with the reasons. */
  private acknowledgeFindings(api: WebSocketApi, openRoutes: Construct[], handler: lambda.Function): void {
    for (const route of openRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'API Gateway authorizes a WebSocket connection once, on $connect (Lambda authorizer), and refuses authorizers on other routes; '
          + 'their messages come only from authorized connections',
      });
    }
    const apiLogicalId = this.getLogicalId(api.node.defaultChild as CfnElement);
    Validations.of(handler.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${apiLogicalId}>/prod/*/@connections/*]`,
      reason: 'the function posts to the connection that sent the message; connection ids exist only at run time',
    });
    Validations.of(ApiGatewayAccountLoggingRole.ofStack(this).role!).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason: 'AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for API Gateway\'s logging role, and AWS maintains it',
    });
  }
}

/** The example app, with cdk-nag's AwsSolutions checks: `cdk synth` fails on any finding. */
export function createApp(props?: AppProps): App {
  const app = new App(props);
  new EchoStack(app, 'WebSocketEcho');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

// Runs when the CDK CLI executes this file (cdk.json), not when a test imports it.
if (require.main === module) {
  createApp().synth();
}
