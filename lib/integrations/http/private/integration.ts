import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../../http/integration';
import { HttpConnectionType, HttpIntegrationType, PayloadFormatVersion } from '../../../http/integration';
import { HttpMethod } from '../../../http/route';
import type { IVpcLink, VpcLink, VpcLinkProps } from '../../../http/vpc-link';
import { refuse } from '../../../private/error';
import type { HttpPrivateIntegrationOptions } from '../base-types';

/**
 * What the private integrations (load balancers, Cloud Map) share: the VPC link they go
 * through, and the integration they render.
 */

/**
 * The VPC link of a private integration: the one given, else the API's link for `vpc`,
 * created on first use.
 */
export function vpcLinkFor(options: HttpRouteIntegrationBindOptions, vpcLink: IVpcLink | undefined, vpc: IVpc): IVpcLink {
  if (vpcLink) return vpcLink;
  const api = options.route.httpApi as { addVpcLink?: (props: VpcLinkProps) => VpcLink };
  if (typeof api.addVpcLink !== 'function') {
    refuse('vpcLinkRequired', 'the route\'s API cannot create a VPC link: pass `vpcLink` to the integration', options.scope);
  }
  return api.addVpcLink({ vpc });
}

/** An `HTTP_PROXY` integration through a VPC link, with payload format 1.0. */
export function privateIntegrationConfig(props: HttpPrivateIntegrationOptions, vpcLink: IVpcLink, uri: string): HttpRouteIntegrationConfig {
  return {
    type: HttpIntegrationType.HTTP_PROXY,
    connectionType: HttpConnectionType.VPC_LINK,
    connectionId: vpcLink.vpcLinkId,
    uri,
    method: props.method ?? HttpMethod.ANY,
    payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
    secureServerName: props.secureServerName,
    parameterMapping: props.parameterMapping,
    timeout: props.timeout,
  };
}

/**
 * The VPC of a listener's load balancer. Only listeners created in this app know their load
 * balancer; imported ones (and load balancers imported without a VPC) give undefined.
 */
export function listenerVpc(listener: object): IVpc | undefined {
  return (listener as { loadBalancer?: { vpc?: IVpc } }).loadBalancer?.vpc;
}
