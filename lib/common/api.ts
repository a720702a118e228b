import type { IResource } from 'aws-cdk-lib';
import { Resource } from 'aws-cdk-lib';
import type { IApiRef, ApiReference } from 'aws-cdk-lib/aws-apigatewayv2';
import type { MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { checkArguments } from '../private/guard';

/**
 * An API Gateway v2 API, HTTP or WebSocket.
 *
 * @example
 * declare const api: apigwv2.IApi;
 *
 * // An alarm on any API, HTTP or WebSocket, created here or imported.
 * new cloudwatch.Alarm(this, 'ServerErrors', {
 *   metric: api.metric('5xx', { statistic: 'Sum', period: Duration.minutes(1) }),
 *   threshold: 1,
 *   evaluationPeriods: 3,
 * });
 */
export interface IApi extends IResource, IApiRef {
  /**
   * The identifier of this API.
   * @attribute
   */
  readonly apiId: string;

  /**
   * The default endpoint of this API (`https://{apiId}.execute-api.{region}.amazonaws.com`
   * for HTTP, `wss://...` for WebSocket).
   * @attribute
   */
  readonly apiEndpoint: string;

  /**
   * A CloudWatch metric of this API in the `AWS/ApiGateway` namespace.
   *
   * @param metricName the metric's name, e.g. `Count` or `4xx`
   * @param props options for the metric
   * @default - average over 5 minutes
   */
  metric(metricName: string, props?: MetricOptions): Metric;
}

/**
 * The IP address types an API or a domain name accepts.
 */
export enum IpAddressType {
  /** IPv4 addresses only. */
  IPV4 = 'ipv4',
  /** IPv4 and IPv6 addresses. */
  DUAL_STACK = 'dualstack',
}

/**
 * What HTTP and WebSocket APIs, created or imported, share: the API's metrics and its
 * reference. `HttpApi` and `WebSocketApi` extend it, and so do the APIs their imports return.
 * It is public so that these shared members are documented, and called by their names, in
 * every language; it is not meant to be extended outside this library.
 *
 * @example
 * declare const httpApi: apigwv2.HttpApi;
 * declare const webSocketApi: apigwv2.WebSocketApi;
 *
 * // Any metric of the AWS/ApiGateway namespace, for either kind of API.
 * const requests = httpApi.metric('Count', { statistic: 'SampleCount' });
 * const messages = webSocketApi.metric('MessageCount', { statistic: 'Sum', period: Duration.minutes(1) });
 */
export abstract class ApiBase extends Resource implements IApi {
  public abstract readonly apiId: string;
  public abstract readonly apiEndpoint: string;

  public metric(metricName: string, props?: MetricOptions): Metric {
    checkArguments('ApiBase.metric', [metricName, props], this);
    return new Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: { ApiId: this.apiId },
      ...props,
    }).attachTo(this);
  }

  public get apiRef(): ApiReference {
    return { apiId: this.apiId };
  }
}
