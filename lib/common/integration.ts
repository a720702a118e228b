import type { IResource } from 'aws-cdk-lib';
import type { IIntegrationRef } from 'aws-cdk-lib/aws-apigatewayv2';

/**
 * An integration of an API Gateway v2 API: the backend a route sends requests to.
 */
export interface IIntegration extends IResource, IIntegrationRef {
  /**
   * The identifier of this integration.
   * @attribute
   */
  readonly integrationId: string;
}
