import type { Construct } from 'constructs';
import type { IResource } from 'aws-cdk-lib';
import { Lazy, Names, Resource, Token } from 'aws-cdk-lib';
import type { IApiKeyRef, IUsagePlanRef, UsagePlanReference } from 'aws-cdk-lib/aws-apigateway';
import { CfnUsagePlan, CfnUsagePlanKey } from 'aws-cdk-lib/aws-apigateway';
import type { IWebSocketApi } from './api';
import type { IWebSocketStage } from './stage';
import type { ThrottleSettings } from '../common/stage';
import { refuse, warn } from '../private/error';
import { validateThrottle } from '../private/validators';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/**
 * The time period over which a usage plan's quota is counted.
 */
export enum Period {
  /** The quota resets every day. */
  DAY = 'DAY',
  /** The quota resets every week. */
  WEEK = 'WEEK',
  /** The quota resets every month. */
  MONTH = 'MONTH',
}

/**
 * How many requests a client may make per period.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/api/API_QuotaSettings.html
 */
export interface QuotaSettings {
  /**
   * The most requests a client may make in one period: a whole number, 0 or more.
   * @default - no limit
   */
  readonly limit?: number;

  /**
   * The number of requests taken off the limit in the first period, for a plan that starts
   * part-way through a period: a whole number, 0 or more.
   * @default - no offset
   */
  readonly offset?: number;

  /**
   * The period the limit applies to.
   * @default - no period
   */
  readonly period?: Period;
}

/**
 * A stage of a WebSocket API that a usage plan covers.
 */
export interface UsagePlanPerApiStage {
  /**
   * The WebSocket API. The usage plan takes the API of `stage`; this one only adds a
   * deployment dependency when given to the constructor.
   * @default - the API of `stage`
   */
  readonly api?: IWebSocketApi;

  /**
   * The stage. An entry without a stage is skipped.
   * @default - none: the entry is skipped
   */
  readonly stage?: IWebSocketStage;
}

/**
 * Properties of a `UsagePlan`.
 */
export interface UsagePlanProps {
  /**
   * The API stages the plan covers.
   * @default - none; add them with `addApiStage`
   */
  readonly apiStages?: UsagePlanPerApiStage[];

  /**
   * A description of the plan.
   * @default - no description
   */
  readonly description?: string;

  /**
   * How many requests each API key may make per period.
   * @default - no quota
   */
  readonly quota?: QuotaSettings;

  /**
   * The request rate and burst allowed for each API key.
   * @default - no throttling
   */
  readonly throttle?: ThrottleSettings;

  /**
   * The plan's name.
   * @default - no name
   */
  readonly usagePlanName?: string;
}

/**
 * Options of `addApiKey`.
 */
export interface AddApiKeyOptions {
  /**
   * The CloudFormation logical id of the `AWS::ApiGateway::UsagePlanKey` resource.
   * @default - derived from the construct path
   */
  readonly overrideLogicalId?: string;
}

/**
 * A usage plan, created or imported.
 *
 * @example
 * // A usage plan of another stack, imported by its id, takes this app's keys.
 * const plan: apigwv2.IUsagePlan = apigwv2.UsagePlan.fromUsagePlanId(this, 'PartnerPlan', 'abc123');
 * plan.addApiKey(new apigwv2.ApiKey(this, 'PartnerKey'));
 */
export interface IUsagePlan extends IResource, IUsagePlanRef {
  /**
   * The identifier of the usage plan.
   * @attribute
   */
  readonly usagePlanId: string;

  /**
   * Associates an API key with this usage plan.
   *
   * @param apiKey the API key
   * @param options options for the association
   */
  addApiKey(apiKey: IApiKeyRef, options?: AddApiKeyOptions): void;
}

/**
 * What created and imported usage plans share: adding API keys, and the plan's reference.
 * `UsagePlan` extends it, and so does the plan that `UsagePlan.fromUsagePlanId` returns. It
 * is public so that these shared members are documented, and called by their names, in every
 * language; it is not meant to be extended outside this library.
 *
 * @example
 * declare const plan: apigwv2.UsagePlan;
 *
 * const key = new apigwv2.ApiKey(this, 'MobileKey');
 * plan.addApiKey(key, { overrideLogicalId: 'MobileUsagePlanKey' });
 */
export abstract class UsagePlanBase extends Resource implements IUsagePlan {
  public abstract readonly usagePlanId: string;

  public addApiKey(apiKey: IApiKeyRef, options?: AddApiKeyOptions): void {
    checkArguments('UsagePlanBase.addApiKey', [apiKey, options], this);
    const id = `UsagePlanKeyResource:${Names.nodeUniqueId(apiKey.node)}`;
    if (this.node.tryFindChild(id)) {
      refuse('duplicateApiKey', `\`addApiKey\` got the API key '${apiKey.node.path}' a second time: a key is associated with a usage plan once; remove the repeated call`, this);
    }
    const resource = new CfnUsagePlanKey(this, id, {
      keyId: apiKey.apiKeyRef.apiKeyId,
      keyType: 'API_KEY',
      usagePlanId: this.usagePlanId,
    });
    if (options?.overrideLogicalId) {
      resource.overrideLogicalId(options.overrideLogicalId);
    }
  }

  public get usagePlanRef(): UsagePlanReference {
    return { usagePlanId: this.usagePlanId };
  }
}

/**
 * A usage plan (`AWS::ApiGateway::UsagePlan`): throttling and quotas for the API keys of
 * WebSocket API stages.
 *
 * @resource AWS::ApiGateway::UsagePlan
 *
 * @example
 * declare const integration: apigwv2.WebSocketRouteIntegration;
 *
 * const webSocketApi = new apigwv2.WebSocketApi(this, 'MeteredApi', {
 *   apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
 * });
 * webSocketApi.addRoute('query', { integration, apiKeyRequired: true });
 * const stage = new apigwv2.WebSocketStage(this, 'Metered', { webSocketApi, stageName: 'metered' });
 *
 * const plan = new apigwv2.UsagePlan(this, 'Plan', {
 *   apiStages: [{ api: webSocketApi, stage }],
 *   quota: { limit: 10000, period: apigwv2.Period.MONTH },
 *   throttle: { rateLimit: 10, burstLimit: 20 },
 * });
 * plan.addApiKey(new apigwv2.ApiKey(this, 'PartnerKey'));
 */
export class UsagePlan extends UsagePlanBase {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.UsagePlan';

  /**
   * Imports an existing usage plan.
   *
   * @param scope the parent construct
   * @param id the construct id
   * @param usagePlanId the identifier of the usage plan
   */
  public static fromUsagePlanId(scope: Construct, id: string, usagePlanId: string): IUsagePlan {
    checkArguments('UsagePlan.fromUsagePlanId', [scope, id, usagePlanId]);
    class Import extends UsagePlanBase {
      public readonly usagePlanId = usagePlanId;
    }
    return new Import(scope, id);
  }

  /**
   * The identifier of the usage plan.
   * @attribute
   */
  public readonly usagePlanId: string;

  private readonly apiStages = new Array<UsagePlanPerApiStage>();

  constructor(scope: Construct, id: string, props: UsagePlanProps = {}) {
    checkArguments('UsagePlan.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(UsagePlan.PROPERTY_INJECTION_ID, props, scope, id);
    validateQuota(this, props.quota);
    validateThrottle(this, 'throttle', props.throttle?.rateLimit, props.throttle?.burstLimit);

    const resource = new CfnUsagePlan(this, 'Resource', {
      apiStages: Lazy.any({ produce: () => this.renderApiStages() }),
      description: props.description,
      quota: props.quota
        ? { limit: props.quota.limit, offset: props.quota.offset, period: props.quota.period }
        : undefined,
      throttle: props.throttle
        ? { burstLimit: props.throttle.burstLimit, rateLimit: props.throttle.rateLimit }
        : undefined,
      usagePlanName: props.usagePlanName,
    });
    this.usagePlanId = resource.ref;

    for (const apiStage of props.apiStages ?? []) {
      this.addApiStage(apiStage);
      if (apiStage.stage) {
        this.node.addDependency(apiStage.stage);
      }
      if (apiStage.api) {
        this.node.addDependency(apiStage.api);
      }
    }
  }

  /**
   * Adds a stage that the plan covers. Unlike stages given to the constructor, it adds no
   * deployment dependency.
   *
   * @param apiStage the stage
   */
  public addApiStage(apiStage: UsagePlanPerApiStage): void {
    checkArguments('UsagePlan.addApiStage', [apiStage], this);
    if (!apiStage.stage) {
      warn(this, 'usagePlanStageMissing',
        'an entry of `apiStages` has no `stage` and is skipped: a usage plan covers stages, not whole APIs; set `stage`');
    } else if (apiStage.api && apiStage.api.apiId !== apiStage.stage.api.apiId) {
      warn(this, 'usagePlanStageApiMismatch',
        `an entry of \`apiStages\` names the API '${apiStage.api.node.path}' but a stage of '${apiStage.stage.api.node.path}': the plan covers the stage's API; drop \`api\` or pass a stage of that API`);
    }
    this.apiStages.push(apiStage);
  }

  private renderApiStages(): CfnUsagePlan.ApiStageProperty[] | undefined {
    const rendered = this.apiStages
      .filter((apiStage) => apiStage.stage !== undefined)
      .map((apiStage) => ({ apiId: apiStage.stage!.api.apiId, stage: apiStage.stage!.stageName }));
    return rendered.length > 0 ? rendered : undefined;
  }
}

/** A quota's limit and offset are whole numbers of 0 or more (its period, one of `Period`, is checked with the arguments). */
function validateQuota(scope: Construct, quota?: QuotaSettings): void {
  if (!quota) return;
  for (const [name, value] of [['limit', quota.limit], ['offset', quota.offset]] as const) {
    if (value !== undefined && !Token.isUnresolved(value) && !(Number.isInteger(value) && value >= 0)) {
      refuse('quotaSettings', `invalid \`quota.${name}\` ${value}: use a whole number of requests of 0 or more`, scope);
    }
  }
}
