// A bookstore HTTP API: reads go to an existing catalog service over HTTPS, writes go to a
// Lambda function. Synthesize it from the repository root with `npm run example`, or from
// this folder with `npx cdk synth` (after `npm run compile`).
import { App, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpRouteKey, LogGroupLogDestination } from 'cdk-apigatewayv2';
import { HttpLambdaIntegration, HttpUrlIntegration } from 'cdk-apigatewayv2/integrations';

/** The catalog service that answers reads. */
const CATALOG_URL = 'https://catalog.example.com';

/** Handles the writes; a stand-in for a real function that would store the books. */
const HANDLER_CODE = `
exports.handler = async (event) => {
  const id = event.pathParameters && event.pathParameters.id;
  const status = event.requestContext.http.method === 'POST' ? 201 : 200;
  return { statusCode: status, body: JSON.stringify({ id: id || 'new', route: event.routeKey }) };
};
`;

/**
 * The bookstore: an HTTP API with CORS, a `beta` stage with throttling and access logs, and
 * the `$default` stage that every HTTP API gets.
 */
export class BookstoreStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'cdk-apigatewayv2 example: the bookstore HTTP API', ...props });

    const api = new HttpApi(this, 'BookstoreApi', {
      description: 'Books: list, create, read, update, delete',
      corsPreflight: {
        allowOrigins: ['https://bookstore.example.com'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['content-type', 'authorization'],
        maxAge: Duration.hours(1),
      },
    });

    // Reads: forwarded to the catalog service; `{id}` in the URL is the route's path variable.
    const listBooks = new HttpUrlIntegration('ListBooks', `${CATALOG_URL}/books`);
    const getBook = new HttpUrlIntegration('GetBook', `${CATALOG_URL}/books/{id}`, {
      timeout: Duration.seconds(5),
    });

    // Writes: one function, one integration, reused by three routes.
    const handler = new lambda.Function(this, 'BooksHandler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER_CODE),
      timeout: Duration.seconds(10),
    });
    const writeBooks = new HttpLambdaIntegration('WriteBooks', handler);

    // Authorization: every route is public for now, which the summary shows as NONE. When the
    // `cdk-apigatewayv2/authorizers` submodule is available, the writes get an `authorizer`
    // (a JWT or Lambda authorizer) here, or the API a `defaultAuthorizer`.
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: listBooks });
    api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET], integration: getBook });
    api.addRoutes({ path: '/books', methods: [HttpMethod.POST], integration: writeBooks });
    api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.PUT, HttpMethod.DELETE], integration: writeBooks });

    const accessLogs = new logs.LogGroup(this, 'BetaAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const beta = api.addStage('BetaStage', {
      stageName: 'beta',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 50 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
      // Per route, over the stage's throttle: creating books is limited harder.
      routeSettings: [
        { routeKey: HttpRouteKey.with('/books', HttpMethod.POST), throttle: { rateLimit: 10, burstLimit: 5 } },
      ],
    });
    // The same, added later: deleting books, slower still, with detailed metrics.
    beta.addRouteSettings(HttpRouteKey.with('/books/{id}', HttpMethod.DELETE), {
      throttle: { rateLimit: 1, burstLimit: 2 },
      detailedMetricsEnabled: true,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url!, description: 'URL of the $default stage' });
    new CfnOutput(this, 'BetaUrl', { value: beta.url, description: 'URL of the beta stage' });
  }
}

// Runs when the CDK CLI executes this file (cdk.json), not when a test imports the stack.
if (require.main === module) {
  const app = new App();
  new BookstoreStack(app, 'HttpBookstore');
  app.synth();
}
