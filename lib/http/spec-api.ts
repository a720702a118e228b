import type { Construct } from 'constructs';
import { AspectPriority, Lazy } from 'aws-cdk-lib';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpApiDefinition } from './api-definition';
import { HttpApiBase } from './api-base';
import type { IHttpRouteAuthorizer } from './authorizer';
import type { CorsPreflightOptions } from './cors';
import type { HttpRouteIntegration } from './integration';
import type { OpenApiExportOptions } from './openapi-export-options';
import { addStage, checkDefaultStageProps, createDefaultStage, defaultEndpoint, defaultStageUrl } from './private/api-resource';
import { checkDocumentShape, checkImportRules, checkRoutes, checkTags } from './private/openapi/check-document';
import type { CheckContext } from './private/openapi/context';
import { warnDocument } from './private/openapi/context';
import { grantDocumentFunctions } from './private/openapi/document-permissions';
import { DocumentRoutes } from './private/openapi/document-routes';
import { forReaders } from './private/openapi/export';
import type { JsonObject } from './private/openapi/model';
import { EXT, endpointDisabledIn, isObject, operationsOf, securityOf, securitySchemeKinds } from './private/openapi/model';
import { deployManualStages } from './private/openapi/manual-stages';
import { keepTagsOutOfResource, resourcePropertyProblems } from './private/openapi/resource-properties';
import { SpecDocument } from './private/openapi/spec-document';
import type { HttpStage, HttpStageOptions, IHttpStage } from './stage';
import type { IpAddressType } from '../common/api';
import type { DomainMappingOptions } from '../common/stage';
import { renderCors, warnPreflightBlocked } from './private/cors-rules';
import { httpRegistryOf } from './private/registry';
import { refuse } from '../private/error';
import { injectProps } from '../private/property-injection';
import { whenBuilt } from '../private/when-built';
import { checkArguments } from '../private/guard';

/**
 * How API Gateway reads the base path of a document's `servers` when it imports it.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-basePath.html
 */
export enum BasePathMode {
  /** The base path is ignored (API Gateway's default). */
  IGNORE = 'ignore',
  /** The base path is put in front of every route's path. */
  PREPEND = 'prepend',
  /** The first segment of the base path is dropped from the routes' paths. */
  SPLIT = 'split',
}

/**
 * Properties of a `SpecHttpApi`.
 *
 * The props that API Gateway takes from the document (`apiName`, `description`, `version`,
 * `corsPreflight`, `disableExecuteApiEndpoint`, `ipAddressType`), and tags added with
 * `Tags.of()`, are written into inline and file documents, replacing what the document says;
 * CloudFormation refuses them as properties beside the document. Asset and bucket documents
 * cannot be rewritten: these props, and the bindings of integrations and authorizers, are
 * refused with them.
 */
export interface SpecHttpApiProps {
  /** The OpenAPI 3.0 document that defines the API's routes. */
  readonly apiDefinition: HttpApiDefinition;

  /**
   * The name of the API (`info.title`).
   * @default - the document's `info.title`, else the construct id
   */
  readonly apiName?: string;

  /**
   * A description of the API (`info.description`).
   * @default - the document's
   */
  readonly description?: string;

  /**
   * The version of the API (`info.version`).
   * @default - the document's
   */
  readonly version?: string;

  /**
   * CORS configuration (`x-amazon-apigateway-cors`), checked as `HttpApi`'s is.
   * @default - the document's, if any
   */
  readonly corsPreflight?: CorsPreflightOptions;

  /**
   * Whether clients are refused at the default `execute-api` endpoint (written into the
   * endpoint configuration of every entry of `servers`).
   * @default - the document's, else false
   */
  readonly disableExecuteApiEndpoint?: boolean;

  /**
   * The IP address types the API accepts (written into the endpoint configuration of every
   * entry of `servers`).
   * @default - the document's, else IPv4 only
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * Whether the import fails when API Gateway reports warnings about the document. The
   * library refuses at synth time what it knows API Gateway warns about; with this false,
   * such problems are synth-time warnings, and API Gateway skips what it warned about (a
   * route or integration may then be missing without any message at deploy time).
   * @default true (CloudFormation's default is false)
   */
  readonly failOnWarnings?: boolean;

  /**
   * How API Gateway reads the base path of the document's `servers`.
   * @default - BasePathMode.IGNORE (API Gateway's default)
   */
  readonly basePath?: BasePathMode;

  /**
   * Whether to create the `$default` stage, auto-deployed and served at the API's root URL.
   * @default true
   */
  readonly createDefaultStage?: boolean;

  /**
   * Settings of the `$default` stage: throttling, access logs, metrics, stage variables,
   * route settings (for routes the document defines).
   * @default - a `$default` stage with no throttling, logs or variables
   */
  readonly defaultStageOptions?: HttpStageOptions;

  /**
   * Maps the `$default` stage to a custom domain name.
   * @default - no custom domain mapping
   */
  readonly defaultDomainMapping?: DomainMappingOptions;

  /**
   * Integrations built in code, by name, that operations of the document refer to with
   * `x-amazon-apigateway-integration: { $ref: '#/components/x-amazon-apigateway-integrations/NAME' }`.
   * Each is written into the document's `components`; Lambda functions get their permission.
   * @default - none
   */
  readonly integrations?: { [name: string]: HttpRouteIntegration };

  /**
   * Integrations built in code for routes of the document, by route key (`GET /pets`,
   * `$default`) or by the operation's `operationId`. The route must exist in the document and
   * have no integration there. An integration object used by several routes is written once,
   * as a shared integration they refer to.
   * @default - none
   */
  readonly routeIntegrations?: { [routeKeyOrOperationId: string]: HttpRouteIntegration };

  /**
   * Authorizers built in code, by security scheme name: operations of the document require
   * them with `security: [{ NAME: [scopes] }]`. Each becomes the scheme of that name (a plain
   * scheme the document declares, such as `type: http`, is replaced by it); a Lambda
   * authorizer's function gets its permission.
   * @default - none
   */
  readonly authorizers?: { [name: string]: IHttpRouteAuthorizer };

  /**
   * The authorizer of every operation that lists no `security` (except `OPTIONS` operations,
   * which serve CORS preflight requests), and of routes added in code that name none.
   * `security: []` on an operation, or `HttpNoneAuthorizer` on a route, opts out.
   * @default - no default authorizer
   */
  readonly defaultAuthorizer?: IHttpRouteAuthorizer;

  /**
   * Scopes the routes that get the default authorizer require, when it is a JWT authorizer.
   * @default - no scopes
   */
  readonly defaultAuthorizationScopes?: string[];
}

/** Props that are written into the document, so asset and bucket documents cannot take them. */
const REWRITING_PROPS: (keyof SpecHttpApiProps)[] = [
  'apiName', 'description', 'version', 'corsPreflight', 'disableExecuteApiEndpoint', 'ipAddressType',
  'integrations', 'routeIntegrations', 'authorizers', 'defaultAuthorizer', 'defaultAuthorizationScopes',
];

/**
 * An HTTP API defined by an OpenAPI 3.0 document (`AWS::ApiGatewayV2::Api` with `Body` or
 * `BodyS3Location`).
 *
 * API Gateway creates the routes, integrations and authorizers from the document, and
 * CloudFormation does not support mixing them with `AWS::ApiGatewayV2::Route`, `Integration`
 * or `Authorizer` resources. So this API creates none: integrations and authorizers built in
 * code, and routes added with `addRoutes`, are written into the document. Stages, custom
 * domains, metrics and VPC links work as on `HttpApi`. The document is checked at synth time
 * against API Gateway's import rules.
 *
 * @resource AWS::ApiGatewayV2::Api
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const handler: lambda.Function;
 *
 * // openapi.yaml refers to the integration `pets` and requires the security scheme `staff`.
 * const api = new apigwv2.SpecHttpApi(this, 'PetAdoptionApi', {
 *   apiDefinition: apigwv2.HttpApiDefinition.fromFile('openapi.yaml'),
 *   integrations: { pets: new integrations.HttpLambdaIntegration('Pets', handler) },
 *   authorizers: {
 *     staff: new authorizers.HttpJwtAuthorizer('Staff', 'https://auth.example.com', { jwtAudience: ['staff'] }),
 *   },
 *   corsPreflight: { allowOrigins: ['https://pets.example.com'] },
 * });
 * api.addStage('Beta', { stageName: 'beta' });
 */
export class SpecHttpApi extends HttpApiBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.SpecHttpApi';

  /** The identifier of this API. */
  public readonly apiId: string;
  /** The identifier of this API (the same as `apiId`). */
  public readonly httpApiId: string;
  /**
   * The `$default` stage, unless `createDefaultStage` is false.
   * @default - none when `createDefaultStage` is false
   */
  public readonly defaultStage: IHttpStage | undefined;
  /**
   * The authorizer of routes that name none.
   * @default - none
   */
  public readonly defaultAuthorizer?: IHttpRouteAuthorizer;
  /**
   * Scopes that routes with the default JWT authorizer require.
   * @default - none
   */
  public readonly defaultAuthorizationScopes?: string[];
  /**
   * Whether the default `execute-api` endpoint is disabled, by the props or the document.
   * @default - not set: the endpoint is enabled
   */
  public readonly disableExecuteApiEndpoint?: boolean;
  private readonly _apiEndpoint: string;
  private readonly resource: CfnApi;
  private readonly spec?: SpecDocument;
  private readonly s3Location?: unknown;
  /** The local copy of an asset document. */
  private readonly localDocument?: JsonObject;
  private readonly ctx: CheckContext;

  constructor(scope: Construct, id: string, props: SpecHttpApiProps) {
    checkArguments('SpecHttpApi.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(SpecHttpApi.PROPERTY_INJECTION_ID, props, scope, id);
    checkDefaultStageProps(this, props);
    const failOnWarnings = props.failOnWarnings ?? true;
    this.ctx = { scope: this, failOnWarnings };
    this.defaultAuthorizer = props.defaultAuthorizer;
    this.defaultAuthorizationScopes = props.defaultAuthorizationScopes;

    const config = props.apiDefinition.bind(this);
    if (config.inlineDefinition !== undefined) {
      const document = config.inlineDefinition;
      checkDocumentShape(this.ctx, document);
      this.spec = new SpecDocument(this, this.ctx, document);
    } else {
      const rewriting = REWRITING_PROPS.filter(prop => props[prop] !== undefined);
      if (rewriting.length > 0) {
        refuse('openApiInS3', `${rewriting.map(p => `\`${p}\``).join(', ')} cannot be used with a document in S3 (HttpApiDefinition.fromAsset() or `
          + '.fromBucket()): API Gateway reads that document as it is, and nothing can be written into it; write them into the document, '
          + 'or use HttpApiDefinition.fromFile(), which puts the document into the template', this);
      }
      const local = config.localDefinition;
      if (local !== undefined) {
        checkDocumentShape(this.ctx, local);
        checkImportRules(this.ctx, local, checkRoutes(this.ctx, local));
      }
      this.s3Location = config.s3Location;
      this.localDocument = local;
    }
    const shownDocument = this.spec?.document ?? config.localDefinition;
    this.disableExecuteApiEndpoint = props.disableExecuteApiEndpoint ?? (endpointDisabledIn(shownDocument) || undefined);

    this.resource = new CfnApi(this, 'Resource', {
      body: this.spec ? Lazy.any({ produce: () => this.renderDocument() }) : undefined,
      bodyS3Location: config.s3Location,
      failOnWarnings,
      basePath: props.basePath,
    });
    keepTagsOutOfResource(this.resource);
    props.apiDefinition.bindAfterCreate(this, this.resource);
    this.apiId = this.resource.ref;
    this.httpApiId = this.resource.ref;
    this._apiEndpoint = this.resource.attrApiEndpoint;

    if (this.spec) {
      this.spec.writeApiSettings({
        title: props.apiName ?? this.spec.document.info?.title ?? this.node.id,
        description: props.description,
        version: props.version,
        cors: renderCors(this, props.corsPreflight),
        endpoint: { disableExecuteApiEndpoint: props.disableExecuteApiEndpoint, ipAddressType: props.ipAddressType },
      });
      for (const [name, integration] of Object.entries(props.integrations ?? {})) this.spec.bindNamedIntegration(name, integration);
      for (const [name, authorizer] of Object.entries(props.authorizers ?? {})) this.spec.nameAuthorizer(name, authorizer);
      for (const [name, authorizer] of Object.entries(props.authorizers ?? {})) this.spec.bindAuthorizer(authorizer, name);
      for (const [target, integration] of Object.entries(props.routeIntegrations ?? {})) this.spec.bindRouteIntegration(target, integration);
      if (props.defaultAuthorizer) this.spec.applyDefaultAuthorizer(props.defaultAuthorizer, props.defaultAuthorizationScopes);
      checkImportRules(this.ctx, this.spec.document, this.spec.operations);
      grantDocumentFunctions(this, this.spec.document, this.spec.codeNames);
    }
    this.registerRoutes(config.localDefinition);

    whenBuilt(this, () => deployManualStages(this, () => this.spec ? this.renderDocument() : this.s3Location), AspectPriority.MUTATING);
    whenBuilt(this, () => this.warnLate(), AspectPriority.READONLY);
    this.node.addValidation({ validate: () => this.validateResource() });
    this.defaultStage = createDefaultStage(this, props);
  }

  /**
   * The default endpoint of this API. Reading it is refused when the execute-api endpoint is
   * disabled.
   */
  public get apiEndpoint(): string {
    return defaultEndpoint(this, this._apiEndpoint, this.disableExecuteApiEndpoint
      ? 'the execute-api endpoint is disabled (`disableExecuteApiEndpoint`, or the document\'s endpoint configuration)' : undefined);
  }

  /**
   * The URL of the `$default` stage.
   * @default - none when there is no default stage
   */
  public get url(): string | undefined {
    return defaultStageUrl(this);
  }

  /**
   * Adds a stage to this API. A stage that is not auto-deployed gets a deployment that is
   * replaced whenever the document changes.
   */
  public addStage(id: string, options: HttpStageOptions): HttpStage {
    checkArguments('SpecHttpApi.addStage', [id, options], this);
    return addStage(this, id, options);
  }

  /**
   * The OpenAPI document of this API as it is imported, with what code wrote into it (for an
   * asset, the file as it is uploaded). Values only known at deploy time are CDK tokens.
   * Refused for a bucket document, which this app does not read.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, for every jsii language
  public toOpenApi(options: OpenApiExportOptions = {}): any {
    checkArguments('SpecHttpApi.toOpenApi', [options], this);
    const document = this.spec ? this.renderDocument() : this.localDocument;
    if (!document) {
      refuse('openApiInS3', 'this API\'s OpenAPI document is in a bucket, which this app does not read: read the document from the bucket', this);
    }
    return options.includeExtensions ? document : forReaders(document);
  }

  /**
   * Records the document's routes in the API's registry, which checks the routes added in code
   * against them and renders those into the document. A bucket document, which this app does
   * not read, leaves the registry blind to the API's routes.
   */
  private registerRoutes(localDefinition: JsonObject | undefined): void {
    const keys = this.spec?.routeKeys
      ?? (isObject(localDefinition) ? operationsOf(localDefinition).filter(op => op.path.startsWith('/')).map(op => op.routeKey) : undefined);
    const registry = httpRegistryOf(this);
    registry.seesEveryRoute = keys !== undefined;
    registry.defineRoutes(new DocumentRoutes(this, this.spec), keys ?? []);
  }

  /** The document as imported: with the API's tags, including those of `Tags.of()`. */
  private renderDocument(): JsonObject {
    return (this.spec as SpecDocument).render(this.resource.tags.renderTags() as Record<string, string> | undefined);
  }

  /** Warnings about what is only known once the app is built: tags, CORS preflight, unused bindings. */
  private warnLate(): void {
    if (!this.spec) {
      if (this.resource.tags.hasTags()) {
        warnDocument(this.ctx, 'openApiTagsDropped', '', 'the API has tags (e.g. from Tags.of()), which API Gateway reads only from the document, '
          + 'and a document in S3 cannot be rewritten: the API is created without them; write them into the document, or use HttpApiDefinition.fromFile()');
      }
      return;
    }
    this.spec.warnUnused();
    if (this.spec.document[EXT.CORS] === undefined) return;
    const kinds = securitySchemeKinds(this.spec.document);
    warnPreflightBlocked(this, this.spec.operations.map(op => ({
      key: op.routeKey,
      method: op.method,
      path: op.routeKey === '$default' ? undefined : op.path,
      authorizationType: kinds.get(securityOf(op.operation)?.[0]?.[0] ?? '') ?? 'NONE',
    })));
  }

  /**
   * Refuses CloudFormation properties beside the document, and checks the tags written into it.
   */
  private validateResource(): string[] {
    if (this.spec) checkTags(this.ctx, this.renderDocument().tags);
    return resourcePropertyProblems(this.ctx, this.resource);
  }
}
