// An HTTP API with 1,000 routes. A CloudFormation stack holds at most 500 resources, so the
// routes live in four nested stacks of 250 each, while the API, its authorizer, its stage and
// the one Lambda function behind every route stay in the parent stack. The library still checks
// all 1,000 routes together (duplicates, conflicting path variables), and gives each nested
// stack its own copy of the integration and one Lambda permission, so that no nested stack
// refers to another.
//
// Synthesize it from the repository root with `npm run example`, or from this folder with
// `npx cdk synth` (after `npm run compile`). cdk-nag's AwsSolutions checks run on every synth.
import { App, CfnOutput, Duration, NestedStack, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { AppProps, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';

/** The parts of the API, one nested stack each. */
export const AREAS = ['catalog', 'orders', 'customers', 'inventory'];
/** Collections per area: each has five routes (list, create, read, update, delete). */
export const COLLECTIONS_PER_AREA = 50;

/** One function answers every route; a stand-in for a real router. */
const HANDLER_CODE = `
exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({ route: event.routeKey, id: (event.pathParameters || {}).id }),
});
`;

/**
 * The parent stack: the API, its JWT authorizer, its `$default` stage with access logs, the
 * function, and one nested stack of routes per area.
 */
export class LargeApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'cdk-apigatewayv2 example: an HTTP API with 1,000 routes over nested stacks', ...props });

    const handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER_CODE),
      timeout: Duration.seconds(10),
    });
    Validations.of(handler.role!).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs to CloudWatch Logs',
    });

    // Every route requires a token with the `api:access` scope. The authorizer is created in
    // this stack, with the API; the nested stacks' routes refer to it.
    const api = new HttpApi(this, 'LargeApi', {
      description: '1,000 routes over four nested stacks',
      createDefaultStage: false,
      defaultAuthorizer: new HttpJwtAuthorizer('Jwt', 'https://auth.example.com', { jwtAudience: ['large-api'] }),
      defaultAuthorizationScopes: ['api:access'],
    });
    // Past 300 routes the library warns: 300 is API Gateway's default quota of routes per API.
    Validations.of(api).acknowledge({
      id: 'cdk-apigatewayv2:routesQuota',
      reason: 'the example needs 1,000 routes: request a routes-per-API quota increase in Service Quotas before deploying it',
    });

    // One integration object for all routes: each nested stack gets one integration resource
    // and one Lambda permission for its 250 routes.
    const integration = new HttpLambdaIntegration('Handler', handler);
    for (const area of AREAS) {
      const routes = new NestedStack(this, `${area[0].toUpperCase()}${area.slice(1)}Routes`, {
        description: `the /${area} routes of the large HTTP API`,
      });
      for (let i = 0; i < COLLECTIONS_PER_AREA; i++) {
        const path = `/${area}/c${String(i).padStart(2, '0')}`;
        api.addRoutes({ path, methods: [HttpMethod.GET, HttpMethod.POST], integration, scope: routes });
        api.addRoutes({ path: `${path}/{id}`, methods: [HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE], integration, scope: routes });
      }
    }

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = api.addStage('DefaultStage', {
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'URL of the $default stage' });
  }
}

/** The example app, with cdk-nag's AwsSolutions checks: `cdk synth` fails on any finding. */
export function createApp(props?: AppProps): App {
  const app = new App(props);
  new LargeApiStack(app, 'HttpLargeApi');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

// Runs when the CDK CLI executes this file (cdk.json), not when a test imports it.
if (require.main === module) {
  createApp().synth();
}
