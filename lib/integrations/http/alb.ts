import type { IApplicationListener } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { HttpPrivateIntegrationOptions } from './base-types';
import { listenerVpc, privateIntegrationConfig, vpcLinkFor } from './private/integration';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpRouteIntegration } from '../../http/integration';
import { refuse } from '../../private/error';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpAlbIntegration`.
 */
export interface HttpAlbIntegrationProps extends HttpPrivateIntegrationOptions {}

/**
 * Forwards requests to an Application Load Balancer listener inside a VPC, through a VPC
 * link (a private integration). Without `vpcLink`, the API's VPC link for the load
 * balancer's VPC is used, and created on first use.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * const vpc = new ec2.Vpc(this, 'VPC');
 * const alb = new elbv2.ApplicationLoadBalancer(this, 'AppLoadBalancer', { vpc });
 * const listener = alb.addListener('Listener', {
 *   port: 80,
 *   defaultAction: elbv2.ListenerAction.fixedResponse(200),
 * });
 *
 * // The API's VPC link into the load balancer's VPC is created on first use.
 * const api = new apigwv2.HttpApi(this, 'HttpApi');
 * api.addRoutes({
 *   path: '/books/{proxy+}',
 *   integration: new integrations.HttpAlbIntegration('BooksIntegration', listener),
 * });
 */
export class HttpAlbIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param listener the listener requests go to
   * @param props options
   */
  constructor(id: string, private readonly listener: IApplicationListener, private readonly props: HttpAlbIntegrationProps = {}) {
    checkArguments('integrations.HttpAlbIntegration.new', [id, listener, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    checkArguments('integrations.HttpAlbIntegration.bind', [options], this);
    const vpc = this.props.vpcLink?.vpc ?? listenerVpc(this.listener);
    if (!vpc) {
      refuse('vpcLinkRequired', `\`vpcLink\` is required for integration '${this.constructId}': the VPC of listener ${this.listener.node.path} is unknown `
        + '(the listener or its load balancer is imported); pass a `vpcLink` (e.g. VpcLink.fromVpcLinkAttributes())', options.scope);
    }
    const vpcLink = vpcLinkFor(options, this.props.vpcLink, vpc);
    return privateIntegrationConfig(this.props, vpcLink, this.listener.listenerArn);
  }
}
