import type { IServiceRef } from 'aws-cdk-lib/aws-servicediscovery';
import type { HttpPrivateIntegrationOptions } from './base-types';
import { privateIntegrationConfig } from './private/integration';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpRouteIntegration } from '../../http/integration';
import { refuse } from '../../private/error';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpServiceDiscoveryIntegration`.
 */
export interface HttpServiceDiscoveryIntegrationProps extends HttpPrivateIntegrationOptions {}

/**
 * Forwards requests to an AWS Cloud Map service inside a VPC, through a VPC link (a private
 * integration). `vpcLink` is required: a Cloud Map service does not tell its VPC.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 * import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
 *
 * declare const vpc: ec2.Vpc;
 * declare const api: apigwv2.HttpApi;
 *
 * const namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', { name: 'internal', vpc });
 * const service = namespace.createService('Orders', { dnsRecordType: servicediscovery.DnsRecordType.SRV });
 *
 * // A Cloud Map service does not tell its VPC: the integration needs a VPC link.
 * const vpcLink = new apigwv2.VpcLink(this, 'VpcLink', {
 *   vpc,
 *   securityGroups: [new ec2.SecurityGroup(this, 'VpcLinkSg', { vpc })],
 * });
 * api.addRoutes({
 *   path: '/orders/{proxy+}',
 *   integration: new integrations.HttpServiceDiscoveryIntegration('Orders', service, {
 *     vpcLink,
 *     timeout: Duration.seconds(5),
 *   }),
 * });
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
    checkArguments('integrations.HttpServiceDiscoveryIntegration.new', [id, service, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    checkArguments('integrations.HttpServiceDiscoveryIntegration.bind', [options], this);
    if (!this.props.vpcLink) {
      refuse('vpcLinkRequired', `\`vpcLink\` is required for integration '${this.constructId}': a Cloud Map service does not tell its VPC; `
        + 'pass a `vpcLink` into the VPC of the service\'s instances', options.scope);
    }
    return privateIntegrationConfig(this.props, this.props.vpcLink, this.service.serviceRef.serviceArn);
  }
}
