import { Duration, NestedStack } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import * as fc from 'fast-check';
import type { Backends } from './backends';
import type { GeneratedDomain, MappingKind } from './domains';
import { mappingArb } from './domains';
import type { StageSpec } from './stages';
import { stageArb, stageOptions } from './stages';
import type { HttpRouteIntegration, IHttpRouteAuthorizer , HttpStage} from '../../../lib';
import {
  CorsHttpMethod, HttpApi, HttpIntegrationSubtype, HttpMethod, HttpNoneAuthorizer, HttpRouteKey,
  IpAddressType, MappingValue, ParameterMapping, PayloadFormatVersion, TemplateCompatibility, VpcLink,
} from '../../../lib';
import { HttpIamAuthorizer, HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType, HttpUserPoolAuthorizer } from '../../../lib/authorizers';
import {
  HttpAlbIntegration, HttpAppConfigIntegration, HttpEventBridgeIntegration, HttpKinesisIntegration, HttpLambdaIntegration,
  HttpNlbIntegration, HttpServiceDiscoveryIntegration, HttpSqsIntegration, HttpStepFunctionsIntegration, HttpUrlIntegration,
} from '../../../lib/integrations';

export const HTTP_INTEGRATIONS = [
  'lambda', 'lambda-1.0', 'url', 'url-mapped', 'alb', 'alb-own-link', 'nlb', 'cloud-map',
  'sqs-send', 'sqs-receive', 'sqs-delete', 'sqs-purge', 'eventbridge', 'kinesis',
  'sfn-start', 'sfn-sync', 'sfn-stop', 'appconfig',
] as const;
export type HttpIntegrationKind = typeof HTTP_INTEGRATIONS[number];

export const HTTP_AUTHORIZERS = ['jwt', 'user-pool', 'lambda-simple', 'lambda-iam', 'iam'] as const;
export type HttpAuthorizerKind = typeof HTTP_AUTHORIZERS[number];

/** A route of an HTTP API: under resource `/r{resource}`, in one of four shapes. */
export interface HttpRouteSpec {
  readonly resource: number;
  readonly shape: 'plain' | 'variable' | 'nested' | 'greedy';
  readonly methods: HttpMethod[];
  readonly integration: HttpIntegrationKind;
  /** Reuse the previous route's integration object when it is of the same kind. */
  readonly share: boolean;
  /** The API's default authorizer, none, or one of the route's own. */
  readonly authorizer: 'default' | 'none' | HttpAuthorizerKind;
  readonly scopes: boolean;
}

export interface HttpApiSpec {
  readonly compatibility: 'default' | 'aws-cdk-lib';
  readonly cors: boolean;
  readonly disableExecuteApiEndpoint: boolean;
  readonly dualStack: boolean;
  readonly defaultAuthorizer?: HttpAuthorizerKind;
  readonly defaultIntegration?: HttpIntegrationKind;
  readonly routes: HttpRouteSpec[];
  /** Routes added in a nested stack (`addRoutes({ scope })`). */
  readonly routesInNestedStack: boolean;
  /** The `$default` stage's options, or no `$default` stage. */
  readonly defaultStage?: StageSpec;
  readonly stages: Array<StageSpec & { readonly name: string }>;
  readonly mapping: MappingKind;
}

const methodArb = fc.constantFrom(HttpMethod.ANY, HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.HEAD, HttpMethod.OPTIONS);
const integrationArb = fc.constantFrom(...HTTP_INTEGRATIONS);
const authorizerArb = fc.constantFrom(...HTTP_AUTHORIZERS);

const routeArb: fc.Arbitrary<HttpRouteSpec> = fc.record({
  resource: fc.integer({ min: 0, max: 4 }),
  shape: fc.constantFrom('plain' as const, 'variable' as const, 'nested' as const, 'greedy' as const),
  methods: fc.uniqueArray(methodArb, { minLength: 1, maxLength: 3 }),
  integration: integrationArb,
  share: fc.boolean(),
  authorizer: fc.oneof(fc.constantFrom('default' as const, 'none' as const), authorizerArb),
  scopes: fc.boolean(),
});

export const httpApiArb: fc.Arbitrary<HttpApiSpec> = fc.record({
  compatibility: fc.constantFrom('default' as const, 'aws-cdk-lib' as const),
  cors: fc.boolean(),
  disableExecuteApiEndpoint: fc.boolean(),
  dualStack: fc.boolean(),
  defaultAuthorizer: fc.option(authorizerArb, { nil: undefined }),
  defaultIntegration: fc.option(integrationArb, { nil: undefined }),
  routes: fc.array(routeArb, { maxLength: 6 }),
  routesInNestedStack: fc.boolean(),
  defaultStage: fc.option(stageArb, { nil: undefined, freq: 4 }),
  stages: fc.uniqueArray(fc.record({ name: fc.constantFrom('beta', 'prod', 'dev-1', 'v1_2') }).chain(({ name }) => stageArb.map(s => ({ ...s, name }))),
    { maxLength: 2, selector: s => s.name }),
  mapping: mappingArb,
});

const PATHS: Record<HttpRouteSpec['shape'], (r: number) => string> = {
  plain: r => `/r${r}`,
  variable: r => `/r${r}/{id}`,
  nested: r => `/r${r}/{id}/items`,
  greedy: r => `/r${r}/files/{proxy+}`,
};

/** Builds an HTTP API from its spec, in `stack`, with its id. */
export function buildHttpApi(stack: Stack, id: string, spec: HttpApiSpec, backends: Backends, domain?: GeneratedDomain): HttpApi {
  let integrations = 0;
  const newIntegration = (kind: HttpIntegrationKind) => httpIntegration(kind, `${id}Int${++integrations}`, backends);
  const authorizers = new Map<HttpAuthorizerKind, IHttpRouteAuthorizer>();
  const authorizer = (kind: HttpAuthorizerKind) => {
    if (!authorizers.has(kind)) authorizers.set(kind, httpAuthorizer(kind, `${id}${kind}`, backends));
    return authorizers.get(kind)!;
  };
  const isJwt = (kind?: HttpAuthorizerKind) => kind === 'jwt' || kind === 'user-pool';
  const wantsDefaultMapping = domain && spec.mapping === 'default-stage' && spec.defaultStage;

  const api = new HttpApi(stack, id, {
    templateCompatibility: spec.compatibility === 'aws-cdk-lib' ? TemplateCompatibility.AWS_CDK_LIB : undefined,
    description: 'a generated HTTP API',
    corsPreflight: spec.cors ? { allowOrigins: ['https://app.example.com'], allowMethods: [CorsHttpMethod.ANY], maxAge: Duration.hours(1) } : undefined,
    disableExecuteApiEndpoint: spec.disableExecuteApiEndpoint,
    ipAddressType: spec.dualStack ? IpAddressType.DUAL_STACK : undefined,
    defaultAuthorizer: spec.defaultAuthorizer ? authorizer(spec.defaultAuthorizer) : undefined,
    defaultAuthorizationScopes: isJwt(spec.defaultAuthorizer) ? ['books:read'] : undefined,
    defaultIntegration: spec.defaultIntegration ? newIntegration(spec.defaultIntegration) : undefined,
    createDefaultStage: spec.defaultStage !== undefined,
    defaultStageOptions: spec.defaultStage ? stageOptions(spec.defaultStage, backends) : undefined,
    defaultDomainMapping: wantsDefaultMapping ? domain.mapping() : undefined,
  });

  const scope: Construct | undefined = spec.routesInNestedStack && spec.routes.length > 0 ? new NestedStack(stack, `${id}Routes`) : undefined;
  const taken = new Set<string>();
  const routeKeys: HttpRouteKey[] = [];
  let previous: { kind: HttpIntegrationKind; integration: HttpRouteIntegration } | undefined;
  for (const route of spec.routes) {
    const path = PATHS[route.shape](route.resource);
    const methods = route.methods.filter(m => !taken.has(`${m} ${path}`));
    if (methods.length === 0) continue;
    methods.forEach(m => taken.add(`${m} ${path}`));
    const integration = route.share && previous?.kind === route.integration ? previous.integration : newIntegration(route.integration);
    previous = { kind: route.integration, integration };
    const own = route.authorizer === 'default' ? undefined
      : route.authorizer === 'none' ? new HttpNoneAuthorizer() : authorizer(route.authorizer);
    const effective = route.authorizer === 'default' ? spec.defaultAuthorizer : route.authorizer === 'none' ? undefined : route.authorizer;
    api.addRoutes({
      path,
      methods,
      integration,
      authorizer: own,
      authorizationScopes: route.scopes && isJwt(effective) ? ['books:write'] : undefined,
      scope,
    });
    routeKeys.push(...methods.map(m => HttpRouteKey.with(path, m)));
  }

  const stages: HttpStage[] = [];
  for (const stageSpec of spec.stages) {
    const mapNamed = domain && spec.mapping === 'stage' && stages.length === 0;
    stages.push(api.addStage(`${stageSpec.name}Stage`, {
      ...stageOptions(stageSpec, backends),
      stageName: stageSpec.name,
      domainMapping: mapNamed ? domain.mapping() : undefined,
      routeSettings: stageSpec.routeSettings && routeKeys.length > 0
        ? [{ routeKey: routeKeys[0], throttle: { rateLimit: 5, burstLimit: 10 }, detailedMetricsEnabled: true }] : undefined,
    }));
  }
  if (spec.defaultStage?.routeSettings && routeKeys.length > 0) {
    (api.defaultStage as HttpStage).addRouteSettings(routeKeys[routeKeys.length - 1], { detailedMetricsEnabled: true });
  }
  const mapped = stages[0] ?? api.defaultStage;
  if (domain && mapped && (spec.mapping === 'api-mapping' || spec.mapping === 'multi-level')) {
    domain.apiMapping(`${id}Mapping`, api, mapped, spec.mapping === 'multi-level');
  }
  return api;
}

/** An integration object of the given kind, new each time. */
export function httpIntegration(kind: HttpIntegrationKind, id: string, backends: Backends): HttpRouteIntegration {
  switch (kind) {
    case 'lambda':
      return new HttpLambdaIntegration(id, backends.handler, { timeout: Duration.seconds(10) });
    case 'lambda-1.0':
      return new HttpLambdaIntegration(id, backends.handler, { payloadFormatVersion: PayloadFormatVersion.VERSION_1_0, scopePermissionToRoute: true });
    case 'url':
      return new HttpUrlIntegration(id, 'https://backend.example.com/items');
    case 'url-mapped':
      return new HttpUrlIntegration(id, 'https://backend.example.com', {
        method: HttpMethod.GET,
        timeout: Duration.millis(500),
        parameterMapping: new ParameterMapping()
          .appendHeader('x-request-id', MappingValue.contextVariable('requestId'))
          .overwriteQueryString('format', MappingValue.custom('json'))
          .removeHeader('x-debug'),
      });
    case 'alb':
      return new HttpAlbIntegration(id, backends.albListener);
    case 'alb-own-link':
      return new HttpAlbIntegration(id, backends.albListener, {
        vpcLink: ownVpcLink(backends),
        secureServerName: 'app.internal.example.com',
      });
    case 'nlb':
      return new HttpNlbIntegration(id, backends.nlbListener, { method: HttpMethod.POST });
    case 'cloud-map':
      return new HttpServiceDiscoveryIntegration(id, backends.cloudMapService, { vpcLink: ownVpcLink(backends), timeout: Duration.seconds(5) });
    case 'sqs-send':
      return new HttpSqsIntegration(id, { queue: backends.queue });
    case 'sqs-receive':
      return new HttpSqsIntegration(id, {
        queue: backends.queue,
        subtype: HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE,
        parameterMapping: new ParameterMapping().custom('QueueUrl', backends.queue.queueUrl).custom('MaxNumberOfMessages', '$request.querystring.max'),
      });
    case 'sqs-delete':
      return new HttpSqsIntegration(id, { queue: backends.queue, subtype: HttpIntegrationSubtype.SQS_DELETE_MESSAGE });
    case 'sqs-purge':
      return new HttpSqsIntegration(id, { queue: backends.queue, subtype: HttpIntegrationSubtype.SQS_PURGE_QUEUE });
    case 'eventbridge':
      return new HttpEventBridgeIntegration(id, { eventBusRef: backends.bus.eventBusRef });
    case 'kinesis':
      return new HttpKinesisIntegration(id, { stream: backends.stream });
    case 'sfn-start':
      return new HttpStepFunctionsIntegration(id, {
        stateMachine: backends.stateMachine(sfn.StateMachineType.STANDARD),
        parameterMapping: new ParameterMapping()
          .custom('StateMachineArn', backends.stateMachine(sfn.StateMachineType.STANDARD).stateMachineArn)
          .custom('Input', '$request.body'),
      });
    case 'sfn-sync':
      return new HttpStepFunctionsIntegration(id, {
        stateMachine: backends.stateMachine(sfn.StateMachineType.EXPRESS),
        subtype: HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION,
      });
    case 'sfn-stop':
      return new HttpStepFunctionsIntegration(id, {
        stateMachine: backends.stateMachine(sfn.StateMachineType.STANDARD),
        subtype: HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
      });
    case 'appconfig':
      return new HttpAppConfigIntegration(id, { ...backends.appConfig, clientId: MappingValue.requestHeader('x-client-id') });
  }
}

/** The app's own VPC link, with a security group (the integrations that take `vpcLink` share it). */
function ownVpcLink(backends: Backends): VpcLink {
  const existing = backends.stack.node.tryFindChild('OwnVpcLink');
  if (existing) return existing as VpcLink;
  return new VpcLink(backends.stack, 'OwnVpcLink', { vpc: backends.vpc, securityGroups: [backends.vpcLinkSecurityGroup] });
}

/** An authorizer object of the given kind, for one API. */
export function httpAuthorizer(kind: HttpAuthorizerKind, id: string, backends: Backends): IHttpRouteAuthorizer {
  switch (kind) {
    case 'jwt':
      return new HttpJwtAuthorizer(id, 'https://issuer.example.com', { jwtAudience: ['web', 'mobile'] });
    case 'user-pool':
      return new HttpUserPoolAuthorizer(id, backends.userPool);
    case 'lambda-simple':
      return new HttpLambdaAuthorizer(id, backends.authorizerFunction, {
        responseTypes: [HttpLambdaResponseType.SIMPLE],
        identitySource: ['$request.header.x-api-key', '$context.routeKey'],
      });
    case 'lambda-iam':
      return new HttpLambdaAuthorizer(id, backends.authorizerFunction, { resultsCacheTtl: Duration.seconds(0), identitySource: [] });
    case 'iam':
      return new HttpIamAuthorizer();
  }
}
