import type { IResource } from 'aws-cdk-lib';
import type { IAuthorizerRef } from 'aws-cdk-lib/aws-apigatewayv2';

/**
 * An authorizer of an API Gateway v2 API.
 */
export interface IAuthorizer extends IResource, IAuthorizerRef {
  /**
   * The identifier of this authorizer.
   * @attribute
   */
  readonly authorizerId: string;
}
