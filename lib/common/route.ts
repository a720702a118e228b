import type { IResource } from 'aws-cdk-lib';
import type { IRouteRef } from 'aws-cdk-lib/aws-apigatewayv2';

/**
 * A route of an API Gateway v2 API.
 */
export interface IRoute extends IResource, IRouteRef {
  /**
   * The identifier of this route.
   * @attribute
   */
  readonly routeId: string;
}
