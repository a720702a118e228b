import type { IServiceRef } from 'aws-cdk-lib/aws-servicediscovery';
import type { HttpPrivateIntegrationOptions } from './base-types';
import { privateIntegrationConfig } from './private/integration';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpRouteIntegration } from '../../http/integration';
import { refuse } from '../../private/error';

/**
 * Properties of an `HttpServiceDiscoveryIntegration`.
 */
export interface HttpServiceDiscoveryIntegrationProps extends HttpPrivateIntegrationOptions {}

/**
 * Forwards requests to an AWS Cloud Map service inside a VPC, through a VPC link (a private
 * integration). `vpcLink` is required: a Cloud Map service does not tell its VPC.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 */
export class HttpServiceDiscoveryIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param service the Cloud Map service requests go to
   * @param props options, among them `vpcLink`, which is required
   */
  constructor(id: string, private readonly service: IServiceRef, private readonly props: HttpServiceDiscoveryIntegrationProps = {}) {
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    if (!this.props.vpcLink) {
      refuse(`\`vpcLink\` is required for integration '${this.constructId}': a Cloud Map service does not tell its VPC; `
        + 'pass a `vpcLink` into the VPC of the service\'s instances', options.scope);
    }
    return privateIntegrationConfig(this.props, this.props.vpcLink, this.service.serviceRef.serviceArn);
  }
}
