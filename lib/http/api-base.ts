import type { Construct, IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import type { IApiRef } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpRouteAuthorizer } from './authorizer';
import type { BatchHttpRouteOptions } from './route';
import { HttpMethod, HttpRoute, HttpRouteKey } from './route';
import type { IHttpStage } from './stage';
import type { VpcLinkProps } from './vpc-link';
import { VpcLink } from './vpc-link';
import type { IApi } from '../common/api';
import { ApiBase } from '../common/api';
import { executeApiArn } from '../private/arns';
import { refuse } from '../private/error';
import { AUTHORIZERS_PER_API, HTTP_ROUTE_MOVE, HTTP_ROUTES_PER_API, STAGES_PER_API, warnPastQuota, watchResourceLimit } from '../private/quotas';
import type { ParsedRoute } from '../private/route-table';
import { RouteTable } from '../private/route-table';

/**
 * A reference to an HTTP API.
 */
export interface IHttpApiRef extends IApiRef {
  /**
   * Whether this is an HTTP API; always true.
   */
  readonly isHttpApi: boolean;
}

/**
 * An HTTP API, created or imported.
 */
export interface IHttpApi extends IApi, IHttpApiRef {
  /**
   * The authorizer routes get when they name none.
   * @default - no default authorizer
   */
  readonly defaultAuthorizer?: IHttpRouteAuthorizer;

  /**
   * The authorization scopes routes get when they name none.
   * @default - no default scopes
   */
  readonly defaultAuthorizationScopes?: string[];

  /**
   * The `$default` stage created with the API.
   * @default - no default stage
   */
  readonly defaultStage?: IHttpStage;

  /** The number of client-side errors (4xx). @default - sum over 5 minutes */
  metricClientError(props?: MetricOptions): Metric;
  /** The number of server-side errors (5xx). @default - sum over 5 minutes */
  metricServerError(props?: MetricOptions): Metric;
  /** The amount of data processed, in bytes. @default - sum over 5 minutes */
  metricDataProcessed(props?: MetricOptions): Metric;
  /** The number of requests. @default - SampleCount over 5 minutes */
  metricCount(props?: MetricOptions): Metric;
  /** The time between API Gateway relaying a request to the backend and receiving its response. @default - no statistic */
  metricIntegrationLatency(props?: MetricOptions): Metric;
  /** The time between API Gateway receiving a request and returning its response. @default - no statistic */
  metricLatency(props?: MetricOptions): Metric;

  /**
   * Adds a VPC link for private integrations, or returns the one this API already has for the
   * same VPC. Links are created under the API with the ids `VpcLink-1`, `VpcLink-2`, ...
   */
  addVpcLink(options: VpcLinkProps): VpcLink;

  /**
   * Adds one route per method on a path. On an imported API, the routes are checked against
   * the other routes added through the same import, not against routes this app cannot see.
   */
  addRoutes(options: AddRoutesOptions): HttpRoute[];

  /**
   * The execute-api ARN of this API, for IAM policies.
   *
   * @param method the HTTP method; `ANY` becomes `*` (default `*`)
   * @param path the resource path, starting with '/' (default `/*`)
   * @param stage the stage (default `*`)
   */
  arnForExecuteApi(method?: string, path?: string, stage?: string): string;
}

/**
 * Options to add routes to an HTTP API: one route per method on a path.
 */
export interface AddRoutesOptions extends BatchHttpRouteOptions {
  /**
   * The path, starting with '/', e.g. `/books/{id}`.
   */
  readonly path: string;

  /**
   * The methods; one route is created for each.
   * @default [HttpMethod.ANY]
   */
  readonly methods?: HttpMethod[];

  /**
   * The authorizer of these routes; `HttpNoneAuthorizer` opts out of the API's default.
   * @default - the API's `defaultAuthorizer`
   */
  readonly authorizer?: IHttpRouteAuthorizer;

  /**
   * Scopes these routes require (JWT authorizers only); `[]` opts out of the API's default scopes.
   * @default - the API's `defaultAuthorizationScopes`
   */
  readonly authorizationScopes?: string[];

  /**
   * Where the routes are created, e.g. another stack or a nested stack, to spread a large API
   * over several stacks. The routes still belong to this API: its duplicate, conflict and quota
   * checks see them. A route outside the API's stack gets its integration (and Lambda
   * permission) in its own stack, so no dependency cycle forms.
   * @default - the API itself
   */
  readonly scope?: Construct;
}

/**
 * What created and imported HTTP APIs share: metrics, ARNs and the route table.
 * @internal
 */
export abstract class HttpApiBase extends ApiBase implements IHttpApi {
  public abstract readonly apiId: string;
  public abstract readonly httpApiId: string;
  public abstract readonly apiEndpoint: string;
  public readonly isHttpApi = true;
  private readonly routeTable = new RouteTable();
  private readonly routeOwners = new Map<string, IConstruct>();
  private readonly vpcLinks = new Map<string, VpcLink>();
  private stageCount = 0;
  private readonly stageNames = new Map<string, IConstruct>();
  private authorizerCount = 0;

  public metricClientError(props?: MetricOptions): Metric {
    return this.metric('4xx', { statistic: 'Sum', ...props });
  }

  public metricServerError(props?: MetricOptions): Metric {
    return this.metric('5xx', { statistic: 'Sum', ...props });
  }

  public metricDataProcessed(props?: MetricOptions): Metric {
    return this.metric('DataProcessed', { statistic: 'Sum', ...props });
  }

  public metricCount(props?: MetricOptions): Metric {
    return this.metric('Count', { statistic: 'SampleCount', ...props });
  }

  public metricIntegrationLatency(props?: MetricOptions): Metric {
    return this.metric('IntegrationLatency', props);
  }

  public metricLatency(props?: MetricOptions): Metric {
    return this.metric('Latency', props);
  }

  public arnForExecuteApi(method?: string, path?: string, stage?: string): string {
    return executeApiArn(this, method, path, stage);
  }

  public addVpcLink(options: VpcLinkProps): VpcLink {
    const vpcId = options.vpc.vpcId;
    const existing = this.vpcLinks.get(vpcId);
    if (existing) return existing;
    const link = new VpcLink(this, `VpcLink-${this.vpcLinks.size + 1}`, options);
    this.vpcLinks.set(vpcId, link);
    return link;
  }

  /**
   * Adds one route per method on a path. The routes' construct ids are `${method}${path}`
   * under the API (as in aws-cdk-lib), or `${apiId}${method}${path}` under another `scope`.
   */
  public addRoutes(options: AddRoutesOptions): HttpRoute[] {
    const methods = options.methods ?? [HttpMethod.ANY];
    const scope = options.scope ?? this;
    const prefix = scope === this ? '' : this.node.id;
    if (options.openApi?.operationId !== undefined && methods.length > 1) {
      refuse(`\`openApi.operationId\` '${options.openApi.operationId}' names one route, and these options add ${methods.length} `
        + `(${methods.join(', ')} ${options.path}): add the routes one method at a time, each with its own operationId`, this);
    }
    return methods.map(method => {
      const routeKey = HttpRouteKey.with(options.path, method);
      this._assertRouteFree(routeKey.key);
      return new HttpRoute(scope, `${prefix}${method}${options.path}`, {
        httpApi: this,
        routeKey,
        integration: options.integration,
        authorizer: options.authorizer,
        authorizationScopes: options.authorizationScopes,
        openApi: options.openApi,
      });
    });
  }

  /**
   * Records a route of this API; refuses duplicate keys and conflicting path variables.
   * @internal
   */
  public _registerRoute(routeKey: string, route: IConstruct): ParsedRoute {
    const parsed = this.routeTable.add(routeKey, route);
    this.routeOwners.set(routeKey, route);
    warnPastQuota(this, 'routes', this.routeTable.size, HTTP_ROUTES_PER_API);
    // An imported API has no validation of its own: each route's stack watches its size.
    watchResourceLimit(route, HTTP_ROUTE_MOVE);
    return parsed;
  }

  /**
   * Records a stage's name; refuses a name another stage of this API has, which
   * CloudFormation would only reject at deploy time.
   * @internal
   */
  public _registerStageName(stageName: string, stage: IConstruct): void {
    if (Token.isUnresolved(stageName)) return;
    const existing = this.stageNames.get(stageName);
    if (existing) {
      const fix = stageName === '$default'
        ? 'give this stage a `stageName`, or create the API with `createDefaultStage: false`'
        : 'give this stage another `stageName`';
      refuse(`duplicate \`stageName\` '${stageName}': the stage at ${existing.node.path} already has it, and the stages of an API have unique names; ${fix}`, stage);
    }
    this.stageNames.set(stageName, stage);
  }

  /**
   * Counts a stage of this API, for its quota.
   * @internal
   */
  public _noteStage(): void {
    this.stageCount += 1;
    warnPastQuota(this, 'stages', this.stageCount, STAGES_PER_API);
  }

  /**
   * Counts an authorizer of this API, for its quota.
   * @internal
   */
  public _noteAuthorizer(): void {
    this.authorizerCount += 1;
    warnPastQuota(this, 'authorizers', this.authorizerCount, AUTHORIZERS_PER_API);
  }

  /**
   * Refuses a route key that this API already has, before a construct id collision would.
   * @internal
   */
  public _assertRouteFree(routeKey: string): void {
    if (this.routeTable.has(routeKey)) this.routeTable.add(routeKey, this);
  }

  /**
   * The route with this key that this construct tree knows of, if any.
   * @internal
   */
  public _findRoute(routeKey: string): IConstruct | undefined {
    return this.routeOwners.get(routeKey);
  }

  /**
   * Every route of this API that this construct tree knows of, in the order they were added.
   * @internal
   */
  public _routes(): ParsedRoute[] {
    return this.routeTable.routes();
  }
}
