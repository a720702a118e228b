import type { Construct } from 'constructs';
import type { IResource } from 'aws-cdk-lib';
import { ArnFormat, Resource, Stack, Token } from 'aws-cdk-lib';
import type { ApiKeyReference, IApiKeyRef } from 'aws-cdk-lib/aws-apigateway';
import { CfnApiKey } from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { QuotaSettings, UsagePlanPerApiStage } from './usage-plan';
import { UsagePlan } from './usage-plan';
import type { ThrottleSettings } from '../common/stage';
import { refuse, warn } from '../private/error';
import { LIMITS } from '../private/limits';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/** The shortest and longest API key values API Gateway accepts. */
const MIN_KEY_VALUE_LENGTH = LIMITS.apiKeyValueMinLength.value;
const MAX_KEY_VALUE_LENGTH = LIMITS.apiKeyValueMaxLength.value;
const ALPHANUMERIC = /^[A-Za-z0-9]*$/;

const READ_ACTIONS = ['apigateway:GET'];
const WRITE_ACTIONS = ['apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE'];

/**
 * An API key (an API Gateway v1 resource, also used by WebSocket APIs): a value that
 * clients send and that usage plans meter and throttle.
 *
 * @example
 * declare const plan: apigwv2.UsagePlan;
 *
 * // An existing key, added to a usage plan of this app.
 * const partnerKey: apigwv2.IApiKey = apigwv2.ApiKey.fromApiKeyId(this, 'PartnerKey', 'a1b2c3d4e5');
 * plan.addApiKey(partnerKey);
 */
export interface IApiKey extends IResource, IApiKeyRef {
  /**
   * The identifier of the API key.
   * @attribute
   */
  readonly keyId: string;

  /**
   * The ARN of the API key, `arn:{partition}:apigateway:{region}::/apikeys/{keyId}`.
   * @attribute
   */
  readonly keyArn: string;
}

/**
 * Options to create an API key.
 */
export interface ApiKeyOptions {
  /**
   * The name of the API key.
   * @default - a name CloudFormation generates
   */
  readonly apiKeyName?: string;

  /**
   * The value of the API key: 20 to 128 characters. API Gateway documents the value as
   * alphanumeric; other characters get a warning.
   *
   * @default - a value API Gateway generates
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
   */
  readonly value?: string;

  /**
   * A description of the API key.
   * @default - no description
   */
  readonly description?: string;
}

/**
 * Properties of an `ApiKey`.
 */
export interface ApiKeyProps extends ApiKeyOptions {
  /**
   * An AWS Marketplace customer identifier, for integrating with the AWS SaaS Marketplace.
   * @default - no customer identifier
   */
  readonly customerId?: string;

  /**
   * Whether clients can use the API key.
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Whether the key identifier differs from the key value.
   * @default false
   */
  readonly generateDistinctId?: boolean;
}

/**
 * What created and imported API keys share: the grants and the key's reference. `ApiKey` and
 * `RateLimitedApiKey` extend it, and so does the key that `ApiKey.fromApiKeyId` returns. It is
 * public so that these shared members are documented, and called by their names, in every
 * language; it is not meant to be extended outside this library.
 *
 * @example
 * declare const keyRotator: lambda.Function;
 *
 * const key = new apigwv2.ApiKey(this, 'PartnerKey', { description: 'the warehouse' });
 * key.grantReadWrite(keyRotator);
 */
export abstract class ApiKeyBase extends Resource implements IApiKey {
  public abstract readonly keyId: string;
  public abstract readonly keyArn: string;

  /**
   * Permits the principal to read this API key (`apigateway:GET`).
   *
   * @param grantee the principal
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    checkArguments('ApiKeyBase.grantRead', [grantee], this);
    return iam.Grant.addToPrincipal({ grantee, actions: READ_ACTIONS, resourceArns: [this.keyArn] });
  }

  /**
   * Permits the principal to change and delete this API key (`apigateway:POST`, `PUT`,
   * `PATCH` and `DELETE`).
   *
   * @param grantee the principal
   */
  public grantWrite(grantee: iam.IGrantable): iam.Grant {
    checkArguments('ApiKeyBase.grantWrite', [grantee], this);
    return iam.Grant.addToPrincipal({ grantee, actions: WRITE_ACTIONS, resourceArns: [this.keyArn] });
  }

  /**
   * Permits the principal to read, change and delete this API key.
   *
   * @param grantee the principal
   */
  public grantReadWrite(grantee: iam.IGrantable): iam.Grant {
    checkArguments('ApiKeyBase.grantReadWrite', [grantee], this);
    return iam.Grant.addToPrincipal({ grantee, actions: [...READ_ACTIONS, ...WRITE_ACTIONS], resourceArns: [this.keyArn] });
  }

  public get apiKeyRef(): ApiKeyReference {
    return { apiKeyId: this.keyId };
  }
}

/**
 * An API key (`AWS::ApiGateway::ApiKey`). Clients of a WebSocket API that requires API keys
 * send it when they connect; usage plans that hold it throttle and meter them.
 *
 * @resource AWS::ApiGateway::ApiKey
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 * declare const stage: apigwv2.WebSocketStage;
 *
 * const plan = new apigwv2.UsagePlan(this, 'Plan', {
 *   apiStages: [{ api: webSocketApi, stage }],
 *   throttle: { rateLimit: 10, burstLimit: 20 },
 * });
 * plan.addApiKey(new apigwv2.ApiKey(this, 'PartnerKey', { apiKeyName: 'warehouse' }));
 */
export class ApiKey extends ApiKeyBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.ApiKey';

  /**
   * Imports an existing API key.
   *
   * @param scope the parent construct
   * @param id the construct id
   * @param apiKeyId the identifier of the API key
   */
  public static fromApiKeyId(scope: Construct, id: string, apiKeyId: string): IApiKey {
    checkArguments('ApiKey.fromApiKeyId', [scope, id, apiKeyId]);
    class Import extends ApiKeyBase {
      public readonly keyId = apiKeyId;
      public readonly keyArn = apiKeyArn(scope, apiKeyId);
    }
    return new Import(scope, id);
  }

  /**
   * The identifier of the API key.
   * @attribute
   */
  public readonly keyId: string;

  /**
   * The ARN of the API key.
   * @attribute
   */
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: ApiKeyProps = {}) {
    checkArguments('ApiKey.new', [scope, id, props]);
    props = injectProps(ApiKey.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, { physicalName: props.apiKeyName });
    validateApiKeyValue(this, props.value);

    const resource = new CfnApiKey(this, 'Resource', {
      customerId: props.customerId,
      description: props.description,
      enabled: props.enabled ?? true,
      generateDistinctId: props.generateDistinctId,
      name: this.physicalName,
      value: props.value,
    });
    this.keyId = resource.ref;
    this.keyArn = apiKeyArn(this, this.keyId);
  }
}

/**
 * Properties of a `RateLimitedApiKey`.
 */
export interface RateLimitedApiKeyProps extends ApiKeyProps {
  /**
   * The API stages the key's usage plan covers.
   * @default - none
   */
  readonly apiStages?: UsagePlanPerApiStage[];

  /**
   * How many requests the key may make per period.
   * @default - no quota
   */
  readonly quota?: QuotaSettings;

  /**
   * The request rate and burst allowed for the key.
   * @default - no throttling
   */
  readonly throttle?: ThrottleSettings;
}

/**
 * An API key with its own usage plan. The plan (construct id `UsagePlanResource`) is created
 * only when `apiStages`, `quota` or `throttle` is given.
 *
 * @resource AWS::ApiGateway::ApiKey
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 * declare const stage: apigwv2.WebSocketStage;
 *
 * // A key with a usage plan of its own: throttled, and at most 10,000 requests a month.
 * new apigwv2.RateLimitedApiKey(this, 'TrialKey', {
 *   apiStages: [{ api: webSocketApi, stage }],
 *   quota: { limit: 10000, period: apigwv2.Period.MONTH },
 *   throttle: { rateLimit: 10, burstLimit: 20 },
 * });
 */
export class RateLimitedApiKey extends ApiKeyBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.RateLimitedApiKey';

  /**
   * The identifier of the API key.
   * @attribute
   */
  public readonly keyId: string;

  /**
   * The ARN of the API key.
   * @attribute
   */
  public readonly keyArn: string;

  constructor(scope: Construct, id: string, props: RateLimitedApiKeyProps = {}) {
    checkArguments('RateLimitedApiKey.new', [scope, id, props]);
    props = injectProps(RateLimitedApiKey.PROPERTY_INJECTION_ID, props, scope, id);
    super(scope, id, { physicalName: props.apiKeyName });

    const key = new ApiKey(this, 'Resource', props);
    if (props.apiStages || props.quota || props.throttle) {
      new UsagePlan(this, 'UsagePlanResource', {
        apiStages: props.apiStages,
        quota: props.quota,
        throttle: props.throttle,
      }).addApiKey(key);
    }
    this.keyId = key.keyId;
    this.keyArn = key.keyArn;
  }
}

/** `arn:{partition}:apigateway:{region}::/apikeys/{keyId}`, in the region of the stack of `scope`. */
function apiKeyArn(scope: Construct, keyId: string): string {
  return Stack.of(scope).formatArn({
    service: 'apigateway',
    account: '',
    resource: '/apikeys',
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    resourceName: keyId,
  });
}

/**
 * API Gateway refuses values shorter than 20 or longer than 128 characters ("API Key value
 * should be at least 20 characters", "... exceeds maximum size of 128 characters"). Its guide
 * calls the value alphanumeric, but no error for other characters is documented and keys with
 * '-' are reported to deploy, so those get a warning. How API Gateway counts characters beyond
 * ASCII is not documented, so a value is refused only when it is out of range however counted
 * (code points, UTF-16 units or UTF-8 bytes; for ASCII they agree). The value is a secret:
 * messages show its length, never the value.
 */
function validateApiKeyValue(scope: Construct, value?: string): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const codePoints = Array.from(value);
  const utf8Bytes = codePoints.reduce((sum, c) => sum + utf8Length(c.codePointAt(0)!), 0);
  if (utf8Bytes < MIN_KEY_VALUE_LENGTH || codePoints.length > MAX_KEY_VALUE_LENGTH) {
    refuse('apiKeyValue', `invalid \`value\` of ${codePoints.length} characters: an API key value has ${MIN_KEY_VALUE_LENGTH} to ${MAX_KEY_VALUE_LENGTH} characters; `
      + `${codePoints.length > MAX_KEY_VALUE_LENGTH ? 'shorten' : 'lengthen'} it, or leave \`value\` unset to let API Gateway generate one`, scope);
  }
  if (!ALPHANUMERIC.test(value)) {
    warn(scope, 'apiKeyValueNotAlphanumeric',
      'the API key `value` has characters other than A-Z, a-z and 0-9: API Gateway documents API key values as alphanumeric; use letters and digits only');
  }
}

/** The number of UTF-8 bytes of a code point. */
function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}
