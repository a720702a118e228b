/**
 * The one catalog of what this library reports: every error and warning, by id, with its kind
 * and a one-line description. The README's table "Errors and warnings" lists the same entries
 * (a test keeps the two equal), and `refuse()` and `warn()` take only ids from here.
 *
 * An id names a rule, not a call site: the checks of one rule share its id. Ids are stable:
 * users acknowledge warnings by id (`Annotations.of(scope).acknowledgeWarning(id)`), and match
 * errors by id, so an id is never renamed; a retired rule's id is never reused.
 *
 * Every id is printed as `cdk-apigatewayv2:{id}`.
 */

/** The namespace of every id, as it is printed. */
export const ID_PREFIX = 'cdk-apigatewayv2:';

/** Whether a rule refuses the input or warns about it. */
export type Kind = 'error' | 'warning';

/** One entry of the catalog. */
export interface CatalogEntry {
  /** Whether the rule refuses the input or warns about it. */
  readonly kind: Kind;
  /** What the rule checks, in one line (the README table shows it). */
  readonly description: string;
}

const error = (description: string): CatalogEntry & { kind: 'error' } => ({ kind: 'error', description });
const warning = (description: string): CatalogEntry & { kind: 'warning' } => ({ kind: 'warning', description });

/** Every error and warning of this library; the keys are the ids without their prefix. */
export const CATALOG = {
  // --- Routes (both protocols)
  routeKey: error('an HTTP route key is `METHOD /path` or `$default`, with a method API Gateway knows'),
  routePath: error('a route path starts with `/`, has no empty segment, and uses `{name}` or a final `{name+}` for variables'),
  routeVariableConflict: error('routes that share a parent path use one variable name at the same level'),
  duplicateRoute: error('an API has one route per route key'),
  webSocketRouteKey: error('a WebSocket route key is a non-empty string'),
  routeAuthorizationType: error("an authorizer's authorization type is one the route's protocol supports"),
  webSocketRouteAuthorizer: error('a WebSocket API authorizes a connection once, on its `$connect` route only'),
  authorizationScopes: error('authorization scopes need a JWT or Cognito authorizer on the route'),
  tooManyAuthorizationScopes: error('a route has at most 10 authorization scopes'),
  routeArnPath: error('the path of an execute-api ARN in a grant fits an IAM resource ARN'),
  executeApiArnPath: error('a path given to `arnForExecuteApi` starts with `/`'),
  grantInvoke: error('`grantInvoke` needs a route that uses IAM authorization and methods the route serves'),
  requestParameters: error('a WebSocket route request parameter names a query string or header'),
  routeResponse: error('a WebSocket route response has the key `$default` and a route that returns responses'),
  duplicateRouteResponse: error('a WebSocket route has one route response per response key'),

  // --- Stages
  stageName: error('a stage name is 1 to 128 letters, digits, `-` and `_` (or `$default` for HTTP APIs)'),
  duplicateStageName: error('the stages of an API have unique names'),
  defaultStageOptions: error('`defaultStageOptions` and `defaultDomainMapping` need the `$default` stage'),
  defaultStageName: error('the default stage of an HTTP API is named `$default`'),
  stageVariables: error('stage variable names and values use the characters and lengths API Gateway allows, at most 100 a stage'),
  throttle: error('throttle rate limits are finite numbers of 0 or more, burst limits whole numbers from 0 to 2,147,483,647'),
  accessLogFormat: error('an access log format includes `$context.requestId` or `$context.extendedRequestId`'),
  accessLogFormatSize: error('an access log format is at most 3 KB (3,072 bytes of UTF-8), a quota AWS does not raise'),
  stageDomainMapping: error('a stage has one `domainMapping`'),

  // --- Integrations
  integrationTarget: error('an HTTP integration has an `integrationUri` or an `integrationSubtype`'),
  payloadFormatVersion: error('payload format 2.0 is for Lambda proxy integrations; every other integration takes 1.0'),
  integrationSubtype: error('an integration subtype is one its integration class and type support'),
  integrationUri: error('an integration URI is a URL, ARN or action of the form its integration type needs'),
  integrationId: error('an integration id is not one that CDK hides in logical ids (`Default`, `Resource`)'),
  integrationReuse: error('an integration object serves one API'),
  tooManyIntegrations: error('an HTTP API has at most 300 integrations'),
  integrationTimeout: error('an integration timeout is between 50 ms and 30 s (HTTP) or 29 s (WebSocket)'),
  integrationConnection: error('a WebSocket VPC_LINK integration is of type HTTP or HTTP_PROXY and has a `connectionId`'),
  vpcLinkRequired: error('a private integration whose VPC is unknown is given a `vpcLink`'),
  vpcLinkKind: error('a WebSocket HTTP integration takes a REST API VPC link, not an HTTP API one'),
  parameterMapping: error('an HTTP parameter mapping uses keys and values API Gateway accepts'),
  serviceParameterMapping: error('an AWS service integration maps the parameters its action takes, each once'),
  appConfigApplication: error('the AppConfig environment and profile belong to the integration\'s application'),
  integrationResponseKey: error('a WebSocket integration response key is a status code or a non-empty regular expression'),
  duplicateIntegrationResponse: error('a WebSocket integration has one integration response per key'),

  // --- Authorizers
  identitySource: error('an identity source names a request header, query string, context or stage variable the authorizer can read'),
  authorizerCacheTtl: error('an authorizer caches results for at most 1 hour'),
  authorizerRole: error('`role` is only for Lambda authorizers'),
  iamAuthorizer: error('IAM authorization needs no authorizer resource'),
  jwtAuthorizer: error('a JWT authorizer has an issuer and 1 to 50 audiences'),
  lambdaAuthorizerUri: error('a Lambda authorizer has an `authorizerUri`'),
  userPoolClients: error('a Cognito authorizer has 1 to 50 user pool clients'),
  authorizerReuse: error('an authorizer object serves one API'),

  // --- Custom domains and API mappings
  domainName: error('a custom domain name is a lowercase DNS name of at least two labels, with at most a leading wildcard'),
  domainEndpoint: error('a custom domain has at most one endpoint of each type'),
  ownershipCertificate: error('`ownershipCertificate` is only used with mutual TLS'),
  domainDnsRecord: error('alias records need a REGIONAL endpoint and a hosted zone that holds the domain name'),
  apiMappingKey: error('an API mapping key is a non-empty path of allowed characters, single-level for WebSocket APIs'),
  duplicateMapping: error('a domain has one mapping per API mapping key'),
  mappingProtocol: error('a domain maps HTTP APIs or WebSocket APIs, not both, on the endpoints it supports'),
  multiLevelMapping: error('multi-level mappings need a REGIONAL TLS_1_2 domain, at most 200 a domain'),
  mappingStage: error('a mapping of an API without a default stage names its stage'),
  duplicateDomainName: error('a custom domain name is created once per account and Region (and once per stack)'),
  certificateRegion: error("a REGIONAL endpoint's certificate is in the domain's Region, an EDGE endpoint's in us-east-1"),
  mtlsTruststoreKey: error('a mutual TLS truststore key is not empty'),

  // --- WebSocket API keys, usage plans and logging
  apiKeyValue: error('an API key value has 20 to 128 characters'),
  duplicateApiKey: error('a usage plan associates an API key once'),
  quotaSettings: error('a usage plan quota\'s limit and offset are whole numbers of 0 or more'),
  accountLoggingRole: error('a stack has one ApiGatewayAccountLoggingRole'),

  // --- OpenAPI documents
  apiDefinitionFile: error('an OpenAPI document file exists and is valid JSON or YAML'),
  apiDefinitionAsset: error('an OpenAPI document asset is one file, not a directory or archive'),
  openApiDocument: error('an OpenAPI document is an OpenAPI 3.0 object with objects for `info` and `paths`'),
  openApiRoute: error('the paths and operations of an OpenAPI document are routes an HTTP API can have'),
  openApiIntegration: error('an integration in an OpenAPI document has a type, URI and settings HTTP APIs accept'),
  openApiPayloadFormat: error('an integration in an OpenAPI document has payload format `1.0`, or `2.0` for Lambda'),
  openApiAuthorizer: error('an authorizer in an OpenAPI document is a JWT or Lambda authorizer HTTP APIs accept'),
  openApiSecurity: error('the security of an operation names one defined security scheme, with scopes only for JWT'),
  openApiCors: error('the CORS configuration of an OpenAPI document is an object with a `maxAge` of at most one day'),
  openApiEndpoint: error('the endpoint configuration of an OpenAPI document has valid values'),
  openApiTags: error('the tags of an OpenAPI document are at most 50, with valid keys and values'),
  openApiImportWarning: error('with `failOnWarnings` (the default), what API Gateway reports on import as a warning fails the deploy'),
  openApiBinding: error('what code binds to an OpenAPI document (integrations, authorizers, routes) does not clash with the document'),
  routeIntegrations: error('`routeIntegrations` binds a route key or an operationId of the document, naming one route'),
  openApiOperationId: error('an operationId names one route'),
  openApiRedundantProperty: error('an API imported from an OpenAPI document has no properties beside the document that CloudFormation refuses'),
  openApiInS3: error('an API whose OpenAPI document is in S3 cannot be changed or read by code'),
  openApiAuthorizerUnsupported: error('an authorizer written into an OpenAPI document is one of this library\'s'),
  openApiExportSource: error('an OpenAPI export reads an HttpApi or SpecHttpApi, not an imported API'),
  openApiExportFileName: error('an OpenAPI export\'s file name has no directory'),
  corsCredentialsWildcard: error('CORS `allowCredentials` is not used with the origin `*`'),

  // --- References, imports and the library itself
  attributeUnavailable: error('an attribute that an imported or disabled resource lacks is not read'),
  incompleteReference: error('a reference passed where a full construct is needed has the attributes this library reads'),
  foreignObject: error('an object of aws-cdk-lib\'s API Gateway v2 modules is not passed where this library needs its own'),
  awsCdkLibViewUnsupported: error('the aws-cdk-lib view of an HTTP API does not support this method'),
  apiProtocol: error('an API object is used as one protocol only'),
  templateCompatibility: error('the context `cdk-apigatewayv2:templateCompatibility` is `aws-cdk-lib` or `cdk-apigatewayv2`'),
  stackResources: error('a stack holds at most the number of resources CloudFormation allows'),
  unknownStageRoute: error('route settings of a stage name routes of its API'),
  argumentType: error('a JavaScript caller passes every required argument and prop, each of its declared type'),
  internalError: error('a bug in this library: please report it'),

  // --- Warnings: CORS and HTTP authorizers
  corsWildcardWithCredentials: warning("CORS `allowHeaders` or `allowMethods` of '*' with credentials, which browsers do not expand"),
  corsMaxAge: warning('a CORS `maxAge` over the one day API Gateway documents (browsers cache preflights for less)'),
  corsPreflightAuthorized: warning('an authorized route that catches CORS preflight requests, which carry no credentials'),
  simpleResponsesPayload: warning('simple responses on a Lambda authorizer whose payload format is not 2.0'),
  authorizerSettingsIgnored: warning('authorizer settings that the authorizer type does not use'),
  jwtIssuerNotHttps: warning('a JWT issuer that is not an https:// URL'),

  // --- Warnings: integrations, VPC links, domains
  vpcLinkSharedSubnetWithoutSecurityGroup: warning('a VPC link without security groups on imported subnets, which fails if they are shared from another account'),
  unknownServiceParameter: warning('a parameter mapping key that the AWS service action does not document'),
  mappingKeyEmptyLevel: warning('an API mapping key with an empty level (`a//b`, a leading or trailing `/`)'),
  ipAddressTypeMismatch: warning('an API mapped to a domain whose `ipAddressType` differs from the API\'s'),
  awsCdkLibObject: warning('an object of aws-cdk-lib\'s API Gateway v2 modules, which works but escapes this library\'s checks'),
  routeSettingsOtherStack: warning('stage route settings for a route of another stack, which must deploy first'),
  domainNameMayCollide: warning('custom domains of one name in stacks that may deploy to the same account and Region'),
  payloadFormatVersionUnknown: warning('a custom payload format version other than 1.0 and 2.0'),
  stageVariableUrl: warning('an integration URL that begins with a stage variable, which API Gateway cannot check before a request'),
  parameterMappingNameSeparator: warning('a header or query string name with `.` or `:` in a parameter mapping key'),

  // --- Warnings: WebSocket APIs
  webSocketTwoWayWithoutIntegrationResponse: warning('a WebSocket route that returns responses through a non-proxy integration without integration response'),
  webSocketApiKeySelectionExpression: warning('a WebSocket `apiKeySelectionExpression` that API Gateway does not document'),
  webSocketDefaultStageName: warning('a WebSocket stage named `$default`, which clients reach at `/$default`, not at the root'),
  webSocketRouteResponseForeignRoute: warning('a route response on a route that is not a WebSocketRoute of this library'),
  webSocketProxyIntegrationResponse: warning('an integration response on a proxy integration, where it has no effect'),
  webSocketLoggingNeedsAccountRole: warning('a WebSocket stage that logs, with no API Gateway CloudWatch Logs role in the app'),
  webSocketLoggingRoleOrder: warning('a WebSocket stage that logs, whose stack cannot be ordered after the logging role\'s stack'),
  apiKeyValueNotAlphanumeric: warning('an API key value with characters other than letters and digits'),
  accountLoggingRoleTwice: warning('account logging roles in two stacks of the same environment, which overwrite each other'),
  usagePlanStageMissing: warning('a usage plan `apiStages` entry without `stage`, which is skipped'),
  usagePlanStageApiMismatch: warning('a usage plan `apiStages` entry whose `api` is not the API of its `stage`'),
  webSocketResponseKeyRegexDialect: warning('an integration response pattern whose regex syntax Java (API Gateway) and JavaScript read differently'),
  webSocketRouteSelectionExpressionEmpty: warning('an empty WebSocket route selection expression'),
  webSocketStaticRouteSelectionWithoutRoute: warning('a static route selection expression with no route of that key'),

  // --- Warnings: quotas that AWS raises
  routesQuota: warning('an API with more routes than the default quota'),
  stagesQuota: warning('an API with more stages than the default quota'),
  authorizersQuota: warning('an HTTP API with more authorizers than the default quota'),
  lambdaAuthorizersQuota: warning('a WebSocket API with more Lambda authorizers than the default quota'),
  integrationsQuota: warning('a WebSocket API with more integrations than the default quota'),

  // --- Warnings: OpenAPI documents and exports
  openApiBucketVersion: warning('an OpenAPI document in a bucket without `objectVersion` or `etag`, whose replacement does not update the API'),
  openApiIntegrationType: warning('an integration type of REST APIs, which the import skips (with `failOnWarnings: false`)'),
  openApiPathStart: warning('a path that does not start with `/`, which the import skips (with `failOnWarnings: false`)'),
  openApiServerUrl: warning('a server with an endpoint configuration but no `url` (with `failOnWarnings: false`)'),
  openApiRootSecurity: warning('root-level `security`, which HTTP API imports ignore'),
  openApiUnusedIntegration: warning('an integration bound by code that no operation refers to'),
  openApiUnusedAuthorizer: warning('an authorizer bound by code that no route requires'),
  openApiRestOnlyField: warning('a field only REST APIs use, which HTTP APIs ignore'),
  openApiLargeBody: warning('an inline OpenAPI document that takes much of the 1 MB template'),
  openApiPathItemRef: warning('a `$ref` on a path item, which the import does not follow'),
  openApiDefaultPath: warning('a route for the literal path `/$default`, likely meant as the `$default` route'),
  openApiPathParameter: warning('a path parameter that is not a variable of its path'),
  openApiNoIntegration: warning('a route without an integration'),
  openApiCorsWildcard: warning("a document CORS configuration of '*' with credentials, which browsers do not expand"),
  openApiTagWithoutValue: warning('a root tag without a value'),
  openApiUnsupportedExtension: warning('an x-amazon-apigateway extension that HTTP APIs do not support'),
  openApiTagsDropped: warning('tags on an API imported from a document, from which API Gateway reads tags instead'),
  openApiExportRoute: warning('a route left out of an OpenAPI export'),
  openApiExportAuthorizer: warning('an authorizer that an OpenAPI export cannot write as a security scheme'),
} as const satisfies Record<string, CatalogEntry>;

/** Every id of the catalog, without its prefix. */
export type CatalogId = keyof typeof CATALOG;

/** The ids of the errors. */
export type ErrorId = { [K in CatalogId]: (typeof CATALOG)[K]['kind'] extends 'error' ? K : never }[CatalogId];

/** The ids of the warnings. */
export type WarningId = { [K in CatalogId]: (typeof CATALOG)[K]['kind'] extends 'warning' ? K : never }[CatalogId];

/** An id as it is printed: `cdk-apigatewayv2:routePath`. */
export function printedId(id: CatalogId): string {
  return `${ID_PREFIX}${id}`;
}
