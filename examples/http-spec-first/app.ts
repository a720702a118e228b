// A spec-first HTTP API: the routes come from openapi.yaml, read at synth time and checked
// against API Gateway's import rules. The app binds what only code knows to the document: the
// Lambda function behind the shared integration `pets`, the integration of the operation
// `adoptPet`, and the JWT authorizer behind the security scheme `staff`. API Gateway creates
// the routes, integrations and authorizers from the document; the stack holds the API, its
// stage with access logs, the function and its one permission.
//
// Synthesize it from the repository root with `npm run example`, or from this folder with
// `npx cdk synth` (after `npm run compile`). cdk-nag's AwsSolutions checks run on every synth.
import * as path from 'path';
import { App, CfnOutput, Duration, RemovalPolicy, Stack, Tags, Validations } from 'aws-cdk-lib';
import type { AppProps, StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CorsHttpMethod, HttpApiDefinition, LogGroupLogDestination, SpecHttpApi } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';

/** The identity provider of the shelter's staff, and the audience of its tokens. */
const JWT_ISSUER = 'https://auth.shelter.example.com';
const JWT_AUDIENCE = 'shelter-staff';

/** Answers every operation; a stand-in for a real function that would store pets. */
const HANDLER_CODE = `
exports.handler = async (event) => ({
  statusCode: event.requestContext.http.method === 'POST' ? 201 : 200,
  body: JSON.stringify({ route: event.routeKey, petId: event.pathParameters && event.pathParameters.petId }),
});
`;

/** The pet adoption API, defined by openapi.yaml. */
export class PetAdoptionStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'cdk-apigatewayv2 example: a spec-first HTTP API', ...props });

    const handler = new lambda.Function(this, 'PetsHandler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER_CODE),
      timeout: Duration.seconds(10),
    });
    // cdk-nag finds the AWS managed policy that lets the function write its own logs.
    Validations.of(handler.role!).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'AWSLambdaBasicExecutionRole only lets the function write its own logs to CloudWatch Logs',
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const api = new SpecHttpApi(this, 'PetAdoptionApi', {
      // Read at synth time (relative to this file, wherever `cdk synth` runs).
      apiDefinition: HttpApiDefinition.fromFile(path.join(__dirname, 'openapi.yaml')),
      // Written into the document, where API Gateway reads them.
      description: 'Pets up for adoption, and their adoptions (spec-first example)',
      corsPreflight: {
        allowOrigins: ['https://shelter.example.com'],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
      // `$ref: '#/components/x-amazon-apigateway-integrations/pets'` in the document.
      integrations: { pets: new HttpLambdaIntegration('Pets', handler) },
      // The operation without an integration in the document.
      routeIntegrations: { adoptPet: new HttpLambdaIntegration('Adoptions', handler) },
      // The security scheme `staff` of the document.
      authorizers: { staff: new HttpJwtAuthorizer('Staff', JWT_ISSUER, { jwtAudience: [JWT_AUDIENCE] }) },
      defaultStageOptions: {
        throttle: { rateLimit: 100, burstLimit: 200 },
        accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: AccessLogFormat.clf() },
      },
    });
    // Tags of the API go into the document too (CloudFormation refuses them beside it).
    Tags.of(this).add('project', 'pet-adoption');

    new CfnOutput(this, 'ApiUrl', { value: api.url!, description: 'URL of the $default stage' });
  }
}

/** The example app, with cdk-nag's AwsSolutions checks: `cdk synth` fails on any finding. */
export function createApp(props?: AppProps): App {
  const app = new App(props);
  new PetAdoptionStack(app, 'HttpSpecFirst');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

// Runs when the CDK CLI executes this file (cdk.json), not when a test imports it.
if (require.main === module) {
  createApp().synth();
}
