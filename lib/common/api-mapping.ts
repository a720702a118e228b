import type { Construct } from 'constructs';
import type { IResource } from 'aws-cdk-lib';
import { Resource } from 'aws-cdk-lib';
import type { ApiMappingReference, IApiMappingRef, IApiRef, IDomainNameRef } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnApiMapping } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IDomainName } from './domain-name';
import type { IStage } from './stage';
import { protocolOf, registerMapping, validateMappingKey } from '../private/domain-rules';
import { refuse } from '../private/error';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/**
 * An API mapping, created or imported.
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 * declare const dn: apigwv2.DomainName;
 *
 * const mapping: apigwv2.IApiMapping = new apigwv2.ApiMapping(this, 'Books', { api, domainName: dn, apiMappingKey: 'books' });
 * new CfnOutput(this, 'BooksMappingId', { value: mapping.apiMappingId });
 */
export interface IApiMapping extends IResource, IApiMappingRef {
  /**
   * The identifier of this API mapping.
   * @attribute
   */
  readonly apiMappingId: string;
}

/**
 * Properties of an `ApiMapping`.
 */
export interface ApiMappingProps {
  /**
   * The path under the domain name that leads to the stage, e.g. `orders` or, for HTTP APIs
   * on a REGIONAL TLS 1.2 domain, the multi-level `orders/v1`. At most 300 of the characters
   * letters, digits and `$-_.+!*'()`, plus `/` between levels. Keys are unique per domain.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html
   * @default - no key: the stage is served at the root of the domain
   */
  readonly apiMappingKey?: string;

  /**
   * The API to map. HTTP and WebSocket APIs cannot share a domain name.
   */
  readonly api: IApiRef;

  /**
   * The custom domain name.
   */
  readonly domainName: IDomainNameRef;

  /**
   * The stage to map.
   * @default - the API's `defaultStage` (HTTP APIs); required for WebSocket APIs
   */
  readonly stage?: IStage;
}

/**
 * The attributes of an existing API mapping, to import it.
 */
export interface ApiMappingAttributes {
  /** The identifier of the API mapping. */
  readonly apiMappingId: string;

  /**
   * The custom domain name of the mapping.
   * @default - reading `apiMappingRef.domainName` of the import is refused
   */
  readonly domainName?: string;
}

/**
 * Maps a stage of an API to a path of a custom domain name (`AWS::ApiGatewayV2::ApiMapping`).
 * The mapping depends on its stage, so that it is never created before the stage exists.
 *
 * @resource AWS::ApiGatewayV2::ApiMapping
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 * declare const dn: apigwv2.DomainName;
 *
 * // https://{domain}/orders/v1 goes to the API's $default stage.
 * new apigwv2.ApiMapping(this, 'OrdersV1', {
 *   api,
 *   domainName: dn,
 *   stage: api.defaultStage,
 *   apiMappingKey: 'orders/v1',
 * });
 */
export class ApiMapping extends Resource implements IApiMapping {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.ApiMapping';

  /**
   * Imports an existing API mapping.
   */
  public static fromApiMappingAttributes(scope: Construct, id: string, attrs: ApiMappingAttributes): IApiMapping {
    checkArguments('ApiMapping.fromApiMappingAttributes', [scope, id, attrs]);
    class Import extends Resource implements IApiMapping {
      public readonly apiMappingId = attrs.apiMappingId;

      public get apiMappingRef(): ApiMappingReference {
        const domainName = (): string => attrs.domainName
          ?? refuse('attributeUnavailable', 'the `domainName` of this imported API mapping is unknown: pass `domainName` to ApiMapping.fromApiMappingAttributes()', this);
        return {
          apiMappingId: this.apiMappingId,
          get domainName(): string {
            return domainName();
          },
        };
      }
    }
    return new Import(scope, id);
  }

  /** The identifier of this API mapping. */
  public readonly apiMappingId: string;

  /**
   * The mapping key.
   * @default - no key: the root of the domain
   */
  public readonly mappingKey?: string;

  private readonly _domainName: IDomainNameRef;

  constructor(scope: Construct, id: string, props: ApiMappingProps) {
    checkArguments('ApiMapping.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(ApiMapping.PROPERTY_INJECTION_ID, props, scope, id);
    const stage = stageToMap(this, props);
    validateMappingKey(this, props.apiMappingKey, protocolOf(props.api));
    registerMapping(this, props.domainName, props.api, props.apiMappingKey);

    const resource = new CfnApiMapping(this, 'Resource', {
      apiId: props.api.apiRef.apiId,
      domainName: props.domainName.domainNameRef.domainName,
      stage: stage.stageName,
      apiMappingKey: props.apiMappingKey,
    });
    // The stage name is a literal, so without this dependency CloudFormation may create the
    // mapping first and fail with "Invalid stage identifier specified".
    this.node.addDependency(stage);

    this.apiMappingId = resource.ref;
    this.mappingKey = props.apiMappingKey;
    this._domainName = props.domainName;
  }

  /**
   * The custom domain name of this mapping. Reading it is refused when the domain was given as
   * a reference without the Regional endpoint attributes.
   */
  public get domainName(): IDomainName {
    const domain = this._domainName as Partial<IDomainName>;
    if ('regionalDomainName' in domain && 'regionalHostedZoneId' in domain) return domain as IDomainName;
    return refuse('incompleteReference', `\`domainName\` ${this._domainName.node.path} is a reference without \`regionalDomainName\` and \`regionalHostedZoneId\`: `
      + 'pass a DomainName, or import one with DomainName.fromDomainNameAttributes()', this);
  }

  public get apiMappingRef(): ApiMappingReference {
    const domain = this._domainName;
    return {
      apiMappingId: this.apiMappingId,
      get domainName(): string {
        return domain.domainNameRef.domainName;
      },
    };
  }

  /**
   * The URL of the mapped stage through the custom domain: `https://{domainName}/{mappingKey}`.
   */
  public get domainUrl(): string {
    return `https://${this._domainName.domainNameRef.domainName}/${this.mappingKey ?? ''}`;
  }
}

/** The stage a mapping maps: the one given, else the API's default stage; refused when there is neither. */
function stageToMap(mapping: ApiMapping, props: ApiMappingProps): IStage {
  const stage = props.stage ?? (props.api as { defaultStage?: IStage }).defaultStage;
  if (!stage) {
    refuse('mappingStage', '`stage` is required: the API has no default stage (WebSocket APIs never have one, HTTP APIs not with `createDefaultStage: false`); pass the stage to map', mapping);
  }
  return stage;
}
