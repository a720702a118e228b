import type { Duration } from 'aws-cdk-lib';
import type { ParameterMapping } from '../../http/parameter-mapping';
import type { HttpMethod } from '../../http/route';
import type { IVpcLink } from '../../http/vpc-link';

/**
 * Options of the private integrations, which reach a load balancer or a Cloud Map service
 * inside a VPC through a VPC link.
 */
export interface HttpPrivateIntegrationOptions {
  /**
   * The VPC link to reach the backend through. Required for Cloud Map services and for
   * imported listeners, whose VPC is unknown.
   * @default - the API's VPC link for the listener's VPC, created on first use (`HttpApi.addVpcLink`)
   */
  readonly vpcLink?: IVpcLink;

  /**
   * The HTTP method used to call the backend.
   * @default HttpMethod.ANY (the request's own method)
   */
  readonly method?: HttpMethod;

  /**
   * The server name API Gateway verifies in the backend's TLS certificate. With it, API
   * Gateway calls the backend over HTTPS.
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-integration-tlsconfig.html
   * @default - no verification: the backend is called over HTTP
   */
  readonly secureServerName?: string;

  /**
   * How requests are transformed before they reach the backend.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
   * @default - requests are forwarded unchanged
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * How long API Gateway waits for the backend: 50 ms to 30 s.
   * @default Duration.seconds(30) (API Gateway's default)
   */
  readonly timeout?: Duration;
}
