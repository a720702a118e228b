// A code-first HTTP API that publishes its OpenAPI document. The routes are built in code, with
// their operation ids, summaries and tags; at synth time two documents are written into the
// cloud assembly (cdk.out): `library-api.openapi.json` for readers and client generators, and
// `library-api.import.yaml` with API Gateway's extensions, which `aws apigatewayv2 import-api`
// or a SpecHttpApi elsewhere can create the same API from.
//
// Synthesize it from the repository root with `npm run example`, or from this folder with
// `npx cdk synth` (after `npm run compile`). cdk-nag's AwsSolutions checks run on every synth.
import { App, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { AppProps, StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HttpApi, HttpApiOpenApiDocument, HttpMethod, HttpNoneAuthorizer, LogGroupLogDestination, OpenApiFormat } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';

/** The library's identity provider, and the audience of its tokens. */
const JWT_ISSUER = 'https://auth.library.example.com';
const JWT_AUDIENCE = 'library-app';

/** Answers every route; a stand-in for a real function that would lend books. */
const HANDLER_CODE = `
exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ route: event.routeKey }) });
`;

/** A lending library's API, built in code, with its OpenAPI documents. */
export class LibraryStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'cdk-apigatewayv2 example: an HTTP API built in code, exported as OpenAPI', ...props });

    const handler = new lambda.Function(this, 'LibraryHandler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER_CODE),
      timeout: Duration.seconds(10),
    });
    Validations.of(handler.role!).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs to CloudWatch Logs',
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });

    const api = new HttpApi(this, 'LibraryApi', {
      description: 'Books to borrow, and loans',
      defaultAuthorizer: new HttpJwtAuthorizer('Members', JWT_ISSUER, { jwtAudience: [JWT_AUDIENCE] }),
      defaultStageOptions: {
        accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.clf() },
      },
    });
    const books = new HttpLambdaIntegration('Books', handler);

    const [catalog] = api.addRoutes({
      path: '/books', methods: [HttpMethod.GET], integration: books, authorizer: new HttpNoneAuthorizer(),
      openApi: { operationId: 'listBooks', summary: 'List the books', tags: ['catalog'] },
    });
    Validations.of(catalog).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'the catalog is public on purpose: anyone may browse the books; loans need a member token',
    });
    api.addRoutes({
      path: '/books/{isbn}/loans', methods: [HttpMethod.POST], integration: books, authorizationScopes: ['loans:write'],
      openApi: { operationId: 'borrowBook', summary: 'Borrow a book', description: 'Lends the book to the caller for three weeks.', tags: ['loans'] },
    });
    api.addRoutes({
      path: '/loans/{loanId}', methods: [HttpMethod.DELETE], integration: books, authorizationScopes: ['loans:write'],
      openApi: { operationId: 'returnBook', summary: 'Return a book', tags: ['loans'] },
    });

    // For readers: no extensions, so no ARNs or integration details.
    new HttpApiOpenApiDocument(this, 'ReaderDocument', { api, fileName: 'library-api.openapi.json', version: '1.2.0' });
    // For import elsewhere: with API Gateway's extensions, in YAML.
    new HttpApiOpenApiDocument(this, 'ImportDocument', {
      api, fileName: 'library-api.import.yaml', format: OpenApiFormat.YAML, includeExtensions: true, version: '1.2.0',
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url!, description: 'URL of the $default stage' });
  }
}

/** The example app, with cdk-nag's AwsSolutions checks: `cdk synth` fails on any finding. */
export function createApp(props?: AppProps): App {
  const app = new App(props);
  new LibraryStack(app, 'HttpOpenApiExport');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

// Runs when the CDK CLI executes this file (cdk.json), not when a test imports it.
if (require.main === module) {
  createApp().synth();
}
