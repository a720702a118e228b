import type { INetworkListener } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { HttpPrivateIntegrationOptions } from './base-types';
import { listenerVpc, privateIntegrationConfig, vpcLinkFor } from './private/integration';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpRouteIntegration } from '../../http/integration';
import { refuse } from '../../private/error';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpNlbIntegration`.
 */
export interface HttpNlbIntegrationProps extends HttpPrivateIntegrationOptions {}

/**
 * Forwards requests to a Network Load Balancer listener inside a VPC, through a VPC link
 * (a private integration). Without `vpcLink`, the API's VPC link for the load balancer's VPC
 * is used, and created on first use.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const vpc: ec2.Vpc;
 * declare const api: apigwv2.HttpApi;
 * declare const targetGroup: elbv2.NetworkTargetGroup;
 *
 * const nlb = new elbv2.NetworkLoadBalancer(this, 'Nlb', { vpc });
 * const listener = nlb.addListener('Listener', { port: 443, defaultTargetGroups: [targetGroup] });
 * api.addRoutes({
 *   path: '/inventory/{proxy+}',
 *   integration: new integrations.HttpNlbIntegration('Inventory', listener, {
 *     secureServerName: 'inventory.internal.example.com',
 *   }),
 * });
 */
export class HttpNlbIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param listener the listener requests go to
   * @param props options
   */
  constructor(id: string, private readonly listener: INetworkListener, private readonly props: HttpNlbIntegrationProps = {}) {
    checkArguments('integrations.HttpNlbIntegration.new', [id, listener, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    checkArguments('integrations.HttpNlbIntegration.bind', [options], this);
    const vpc = this.props.vpcLink?.vpc ?? listenerVpc(this.listener);
    if (!vpc) {
      refuse('vpcLinkRequired', `\`vpcLink\` is required for integration '${this.constructId}': the VPC of listener ${this.listener.node.path} is unknown `
        + '(the listener or its load balancer is imported); pass a `vpcLink` (e.g. VpcLink.fromVpcLinkAttributes())', options.scope);
    }
    const vpcLink = vpcLinkFor(options, this.props.vpcLink, vpc);
    return privateIntegrationConfig(this.props, vpcLink, this.listener.listenerArn);
  }
}
