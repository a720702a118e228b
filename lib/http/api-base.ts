import type { Construct } from 'constructs';
import type { IApiRef } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpRouteAuthorizer } from './authorizer';
import type { BatchHttpRouteOptions } from './route';
import { httpRegistryOf } from './private/registry';
import { HttpMethod, HttpRoute, HttpRouteKey } from './route';
import type { IHttpStage } from './stage';
import type * as vpcLinkModule from './vpc-link';
import type { VpcLink, VpcLinkProps } from './vpc-link';
import type { IApi } from '../common/api';
import { ApiBase } from '../common/api';
import { executeApiArn } from '../private/arns';
import { refuse, shown, withScope } from '../private/error';
import { loadModule } from '../private/lazy';
import { tokenFreeId } from '../private/construct';
import { checkArguments } from '../private/guard';

/**
 * A reference to an HTTP API.
 */
export interface IHttpApiRef extends IApiRef {
  /**
   * Whether this is an HTTP API: always true.
   */
  readonly isHttpApi: boolean;
}

/**
 * An HTTP API, created or imported.
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * // An HTTP API of another stack or app, imported by its id: its routes are checked against
 * // each other, not against routes this app cannot see.
 * const api: apigwv2.IHttpApi = apigwv2.HttpApi.fromHttpApiAttributes(this, 'BooksApi', {
 *   httpApiId: Fn.importValue('BooksApiId'),
 * });
 * api.addRoutes({
 *   path: '/authors',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Authors', 'https://authors.example.com'),
 * });
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
   * @param method the HTTP method, with `ANY` written as `*` (default `*`)
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
   * The methods, one route for each.
   * @default - `HttpMethod.ANY` only
   */
  readonly methods?: HttpMethod[];

  /**
   * The authorizer of these routes. `HttpNoneAuthorizer` opts out of the API's default.
   * @default - the API's `defaultAuthorizer`
   */
  readonly authorizer?: IHttpRouteAuthorizer;

  /**
   * Scopes these routes require (JWT authorizers only). An empty list opts out of the API's
   * default scopes.
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
 * What created and imported HTTP APIs share: metrics, ARNs, VPC links and route adders.
 * `HttpApi` extends it, and so does the API that `HttpApi.fromHttpApiAttributes` returns. It
 * is public so that these shared members are documented, and called by their names, in every
 * language; it is not meant to be extended outside this library.
 *
 * @example
 * declare const api: apigwv2.HttpApi;
 * declare const role: iam.Role;
 *
 * // What an HttpApi and its imports share: route adders, metrics, execute-api ARNs.
 * const clientErrorMetric = api.metricClientError();
 * const latency = api.metricLatency({ statistic: 'p99' });
 * role.addToPolicy(new iam.PolicyStatement({
 *   actions: ['execute-api:Invoke'],
 *   resources: [api.arnForExecuteApi('GET', '/books', 'prod')],
 * }));
 */
export abstract class HttpApiBase extends ApiBase implements IHttpApi {
  public abstract readonly apiId: string;
  /** The identifier of this HTTP API (the same as `apiId`). */
  public abstract readonly httpApiId: string;
  public abstract readonly apiEndpoint: string;
  public abstract readonly defaultAuthorizer?: IHttpRouteAuthorizer;
  public abstract readonly defaultAuthorizationScopes?: string[];
  public abstract readonly defaultStage?: IHttpStage;
  public readonly isHttpApi = true;
  private readonly vpcLinks = new Map<string, VpcLink>();

  public metricClientError(props?: MetricOptions): Metric {
    checkArguments('HttpApiBase.metricClientError', [props], this);
    return this.metric('4xx', { statistic: 'Sum', ...props });
  }

  public metricServerError(props?: MetricOptions): Metric {
    checkArguments('HttpApiBase.metricServerError', [props], this);
    return this.metric('5xx', { statistic: 'Sum', ...props });
  }

  public metricDataProcessed(props?: MetricOptions): Metric {
    checkArguments('HttpApiBase.metricDataProcessed', [props], this);
    return this.metric('DataProcessed', { statistic: 'Sum', ...props });
  }

  public metricCount(props?: MetricOptions): Metric {
    checkArguments('HttpApiBase.metricCount', [props], this);
    return this.metric('Count', { statistic: 'SampleCount', ...props });
  }

  public metricIntegrationLatency(props?: MetricOptions): Metric {
    checkArguments('HttpApiBase.metricIntegrationLatency', [props], this);
    return this.metric('IntegrationLatency', props);
  }

  public metricLatency(props?: MetricOptions): Metric {
    checkArguments('HttpApiBase.metricLatency', [props], this);
    return this.metric('Latency', props);
  }

  public arnForExecuteApi(method?: string, path?: string, stage?: string): string {
    checkArguments('HttpApiBase.arnForExecuteApi', [method, path, stage], this);
    return executeApiArn(this, method, path, stage);
  }

  public addVpcLink(options: VpcLinkProps): VpcLink {
    checkArguments('HttpApiBase.addVpcLink', [options], this);
    const vpcId = options.vpc.vpcId;
    const existing = this.vpcLinks.get(vpcId);
    if (existing) return existing;
    // Most APIs have no VPC link: load the module when one is added.
    const { VpcLink: VpcLinkClass } = loadModule<typeof vpcLinkModule>('http/vpc-link');
    const link = new VpcLinkClass(this, `VpcLink-${this.vpcLinks.size + 1}`, options);
    this.vpcLinks.set(vpcId, link);
    return link;
  }

  /**
   * Adds one route per method on a path. Each route's construct id is its method followed by
   * its path (`GET/books`) under the API, as in aws-cdk-lib, or the API's construct id, the
   * method and the path (`BooksApiGET/books`) under another `scope`.
   */
  public addRoutes(options: AddRoutesOptions): HttpRoute[] {
    checkArguments('HttpApiBase.addRoutes', [options], this);
    const methods = options.methods ?? [HttpMethod.ANY];
    const scope = options.scope ?? this;
    const prefix = scope === this ? '' : this.node.id;
    if (options.openApi?.operationId !== undefined && methods.length > 1) {
      refuse('openApiOperationId', `\`openApi.operationId\` ${shown(options.openApi.operationId)} names one route, and these options add ${methods.length} `
        + `(${methods.join(', ')} ${shown(options.path)}): add the routes one method at a time, each with its own operationId`, this);
    }
    return methods.map(method => {
      const routeKey = withScope(this, () => HttpRouteKey.with(options.path, method));
      // Refused here, before a construct id collision would be.
      httpRegistryOf(this).assertRouteFree(routeKey.key, this);
      return new HttpRoute(scope, `${prefix}${method}${tokenFreeId(scope, options.path, 'TokenPath')}`, {
        httpApi: this,
        routeKey,
        integration: options.integration,
        authorizer: options.authorizer,
        authorizationScopes: options.authorizationScopes,
        openApi: options.openApi,
      });
    });
  }
}
