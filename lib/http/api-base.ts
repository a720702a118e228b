import type { IConstruct } from 'constructs';
import type { IApiRef } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpRouteAuthorizer } from './authorizer';
import type { IHttpStage } from './stage';
import type { VpcLinkProps } from './vpc-link';
import { VpcLink } from './vpc-link';
import type { IApi } from '../common/api';
import { ApiBase } from '../common/api';
import { executeApiArn } from '../private/arns';
import { refuse } from '../private/error';
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
   * The execute-api ARN of this API, for IAM policies.
   *
   * @param method the HTTP method; `ANY` becomes `*` (default `*`)
   * @param path the resource path, starting with '/' (default `/*`)
   * @param stage the stage (default `*`)
   */
  arnForExecuteApi(method?: string, path?: string, stage?: string): string;
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
   * Records a route of this API; refuses duplicate keys and conflicting path variables.
   * @internal
   */
  public _registerRoute(routeKey: string, route: IConstruct): ParsedRoute {
    const parsed = this.routeTable.add(routeKey, route);
    this.routeOwners.set(routeKey, route);
    return parsed;
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

/**
 * Turns a reference to an HTTP API into the full `IHttpApi`, refusing references that are
 * not HTTP APIs of this library's shape.
 */
export function toIHttpApi(x: IHttpApiRef): IHttpApi {
  const api = x as Partial<IHttpApi>;
  const wanted: (keyof IHttpApi)[] = ['apiId', 'apiEndpoint', 'arnForExecuteApi', 'metricClientError'];
  const missing = wanted.filter(member => !(member in api));
  if (missing.length > 0) {
    refuse(`\`httpApi\` ${x.node.path} is a reference without ${missing.join(', ')}: pass an HttpApi, or import one with HttpApi.fromHttpApiAttributes()`, x);
  }
  return api as IHttpApi;
}
