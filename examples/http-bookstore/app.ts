// A bookstore HTTP API: reads go to an existing catalog service over HTTPS, writes go to a
// Lambda function. Writes need a JWT with the `books:write` scope; the warehouse updates stock
// with a partner key that a Lambda authorizer checks. The API is served at
// https://api.bookstore.example.com, whose certificate and DNS records the stack creates.
//
// Synthesize it from the repository root with `npm run example`, or from this folder with
// `npx cdk synth` (after `npm run compile`). cdk-nag's AwsSolutions checks run on every synth.
import { App, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { AppProps, StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  CorsHttpMethod, DomainName, HttpApi, HttpMethod, HttpRouteKey, IpAddressType, LogGroupLogDestination,
} from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration, HttpUrlIntegration } from 'cdk-apigatewayv2/integrations';

/** The catalog service that answers reads. */
const CATALOG_URL = 'https://catalog.example.com';
/** The hosted zone the stack creates; delegate it from `example.com` (see the `NameServers` output). */
const ZONE_NAME = 'bookstore.example.com';
/** The API's custom domain. */
const API_DOMAIN = `api.${ZONE_NAME}`;
/** The identity provider that issues the bookstore's access tokens, and the audience they name. */
const JWT_ISSUER = 'https://auth.bookstore.example.com';
const JWT_AUDIENCE = 'bookstore-web';
/** SHA-256 of the warehouse's partner key ('change-me'): the function holds the hash, never the key. */
const PARTNER_KEY_SHA256 = 'e2186dbdb1bb4193608605e84f33208765b5693b55edd4f730a719a100eeea6f';

/** Handles the writes; a stand-in for a real function that would store the books. */
const HANDLER_CODE = `
exports.handler = async (event) => {
  const id = event.pathParameters && event.pathParameters.id;
  const status = event.requestContext.http.method === 'POST' ? 201 : 200;
  return { statusCode: status, body: JSON.stringify({ id: id || 'new', route: event.routeKey }) };
};
`;

/** Lets a request through when its `x-partner-key` header hashes to the partner's key hash. */
const AUTHORIZER_CODE = `
const crypto = require('crypto');
exports.handler = async (event) => {
  const key = (event.headers && event.headers['x-partner-key']) || '';
  const digest = crypto.createHash('sha256').update(key).digest();
  const expected = Buffer.from(process.env.PARTNER_KEY_SHA256, 'hex');
  const isAuthorized = digest.length === expected.length && crypto.timingSafeEqual(digest, expected);
  return { isAuthorized, context: { partner: isAuthorized ? 'warehouse' : 'none' } };
};
`;

/**
 * The access log line: JSON, so that CloudWatch Logs Insights can query its fields, with the
 * HTTP API context variables (REST APIs have others).
 */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  stage: '$context.stage',
  routeKey: '$context.routeKey',
  status: '$context.status',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  responseLength: '$context.responseLength',
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

/**
 * The bookstore: an HTTP API with CORS, a JWT authorizer on the writes and a Lambda authorizer
 * on the stock updates, two stages with throttling and JSON access logs, and a custom domain
 * with its certificate and DNS records.
 */
export class BookstoreStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'cdk-apigatewayv2 example: the bookstore HTTP API', ...props });

    // The custom domain: a hosted zone, a certificate validated by DNS in it, and the domain,
    // which creates its A and AAAA alias records in the zone (`hostedZone`).
    const zone = new route53.PublicHostedZone(this, 'Zone', { zoneName: ZONE_NAME });
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: API_DOMAIN,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    const domain = new DomainName(this, 'ApiDomain', {
      domainName: API_DOMAIN,
      certificate,
      ipAddressType: IpAddressType.DUAL_STACK,
      hostedZone: zone,
    });

    // No automatic `$default` stage: the one added below has access logs and throttling.
    const api = new HttpApi(this, 'BookstoreApi', {
      description: 'Books: list, create, read, update, delete, and stock updates',
      createDefaultStage: false,
      ipAddressType: IpAddressType.DUAL_STACK,
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

    // Writes: one function, one integration, reused by four routes.
    const handler = new lambda.Function(this, 'BooksHandler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER_CODE),
      timeout: Duration.seconds(10),
    });
    acknowledgeBasicExecutionRole(handler);
    const writeBooks = new HttpLambdaIntegration('WriteBooks', handler);

    // Customers' writes: a token from the bookstore's identity provider, with the write scope.
    const jwt = new HttpJwtAuthorizer('CustomerJwt', JWT_ISSUER, { jwtAudience: [JWT_AUDIENCE] });
    const writeScopes = ['books:write'];

    // The warehouse's stock updates: its partner key, checked by a function. Simple responses
    // (`{ isAuthorized }`), cached per key for five minutes.
    const partnerAuthorizerFn = new lambda.Function(this, 'PartnerAuthorizerFn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(AUTHORIZER_CODE),
      timeout: Duration.seconds(3),
      environment: { PARTNER_KEY_SHA256 },
    });
    acknowledgeBasicExecutionRole(partnerAuthorizerFn);
    const partner = new HttpLambdaAuthorizer('PartnerKey', partnerAuthorizerFn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.x-partner-key'],
      resultsCacheTtl: Duration.minutes(5),
    });

    const [listRoute] = api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: listBooks });
    const [getRoute] = api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET], integration: getBook });
    api.addRoutes({ path: '/books', methods: [HttpMethod.POST], integration: writeBooks, authorizer: jwt, authorizationScopes: writeScopes });
    api.addRoutes({
      path: '/books/{id}',
      methods: [HttpMethod.PUT, HttpMethod.DELETE],
      integration: writeBooks,
      authorizer: jwt,
      authorizationScopes: writeScopes,
    });
    api.addRoutes({ path: '/books/{id}/stock', methods: [HttpMethod.PUT], integration: writeBooks, authorizer: partner });

    // The catalog is public on purpose: cdk-nag's APIG4 finds routes without authorization.
    for (const route of [listRoute, getRoute]) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'the catalog is public: anyone may list and read books; writes need a JWT, stock updates a partner key',
      });
    }

    // One log group for both stages; each line names its stage.
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const accessLogSettings = { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT };

    // `$default`, at the API's root URL and at https://api.bookstore.example.com/.
    const prod = api.addStage('DefaultStage', {
      autoDeploy: true,
      throttle: { rateLimit: 500, burstLimit: 1000 },
      accessLogSettings,
      domainMapping: { domainName: domain },
    });

    // `beta`, at https://api.bookstore.example.com/beta.
    const beta = api.addStage('BetaStage', {
      stageName: 'beta',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 50 },
      accessLogSettings,
      domainMapping: { domainName: domain, mappingKey: 'beta' },
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

    new CfnOutput(this, 'ApiUrl', { value: prod.url, description: 'URL of the $default stage at the execute-api endpoint' });
    new CfnOutput(this, 'DomainUrl', { value: prod.domainUrl, description: 'URL of the $default stage at the custom domain' });
    new CfnOutput(this, 'BetaUrl', { value: beta.domainUrl, description: 'URL of the beta stage at the custom domain' });
    new CfnOutput(this, 'NameServers', {
      value: Fn.join(',', zone.hostedZoneNameServers!),
      description: `delegate ${ZONE_NAME} to these name servers, or the certificate is never validated`,
    });
  }
}

/** The example app, with cdk-nag's AwsSolutions checks: `cdk synth` fails on any finding. */
export function createApp(props?: AppProps): App {
  const app = new App(props);
  new BookstoreStack(app, 'HttpBookstore');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

// Runs when the CDK CLI executes this file (cdk.json), not when a test imports it.
if (require.main === module) {
  createApp().synth();
}
