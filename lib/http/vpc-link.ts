import type { Construct, IConstruct } from 'constructs';
import type { IResource } from 'aws-cdk-lib';
import { CfnResource, Lazy, Names, Resource } from 'aws-cdk-lib';
import type { IVpcLinkRef, VpcLinkReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnVpcLink } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ISecurityGroupRef, ISubnetRef, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { SubnetType } from 'aws-cdk-lib/aws-ec2';
import { injectProps } from '../private/property-injection';
import { whenBuilt } from '../private/when-built';
import { warn } from '../private/error';
import { checkArguments } from '../private/guard';

/**
 * A VPC link, created or imported.
 *
 * @example
 * declare const vpc: ec2.Vpc;
 *
 * const awesomeLink: apigwv2.IVpcLink = apigwv2.VpcLink.fromVpcLinkAttributes(this, 'awesome-vpc-link', {
 *   vpcLinkId: 'us-east-1_oiuR12Abd',
 *   vpc,
 * });
 */
export interface IVpcLink extends IResource, IVpcLinkRef {
  /**
   * The identifier of this VPC link.
   * @attribute
   */
  readonly vpcLinkId: string;

  /**
   * The VPC this link reaches into.
   */
  readonly vpc: IVpc;
}

/**
 * Properties of a `VpcLink`.
 */
export interface VpcLinkProps {
  /**
   * The VPC this link reaches into.
   */
  readonly vpc: IVpc;

  /**
   * The name of the VPC link.
   * @default - a name generated from the construct path
   */
  readonly vpcLinkName?: string;

  /**
   * The subnets API Gateway creates its network interfaces in.
   * @default - the VPC's private subnets with egress (`SubnetType.PRIVATE_WITH_EGRESS`)
   */
  readonly subnets?: SubnetSelection;

  /**
   * The security groups of the link's network interfaces. A link on subnets shared from
   * another account needs at least one.
   * @default - none
   */
  readonly securityGroups?: ISecurityGroupRef[];
}

/**
 * The attributes of an existing VPC link, to import it.
 */
export interface VpcLinkAttributes {
  /** The identifier of the VPC link. */
  readonly vpcLinkId: string;
  /** The VPC the link reaches into. */
  readonly vpc: IVpc;
}

/**
 * A VPC link for private integrations of HTTP APIs (`AWS::ApiGatewayV2::VpcLink`): lets
 * routes reach load balancers and Cloud Map services inside a VPC.
 *
 * @resource AWS::ApiGatewayV2::VpcLink
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vpc-links.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 * import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
 *
 * declare const vpc: ec2.Vpc;
 * declare const api: apigwv2.HttpApi;
 * declare const service: servicediscovery.Service;
 *
 * const vpcLink = new apigwv2.VpcLink(this, 'VpcLink', {
 *   vpc,
 *   securityGroups: [new ec2.SecurityGroup(this, 'VpcLinkSg', { vpc })],
 * });
 * api.addRoutes({
 *   path: '/orders/{proxy+}',
 *   integration: new integrations.HttpServiceDiscoveryIntegration('Orders', service, { vpcLink }),
 * });
 */
export class VpcLink extends Resource implements IVpcLink {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.VpcLink';

  /**
   * Imports an existing VPC link.
   */
  public static fromVpcLinkAttributes(scope: Construct, id: string, attrs: VpcLinkAttributes): IVpcLink {
    checkArguments('VpcLink.fromVpcLinkAttributes', [scope, id, attrs]);
    class Import extends Resource implements IVpcLink {
      public readonly vpcLinkId = attrs.vpcLinkId;
      public readonly vpc = attrs.vpc;
      public readonly vpcLinkRef: VpcLinkReference = { vpcLinkId: attrs.vpcLinkId };
    }
    return new Import(scope, id);
  }

  /** The identifier of this VPC link. */
  public readonly vpcLinkId: string;
  /** The VPC this link reaches into. */
  public readonly vpc: IVpc;
  private readonly subnets: ISubnetRef[] = [];
  private readonly securityGroups: ISecurityGroupRef[] = [];

  constructor(scope: Construct, id: string, props: VpcLinkProps) {
    checkArguments('VpcLink.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(VpcLink.PROPERTY_INJECTION_ID, props, scope, id);
    this.vpc = props.vpc;

    const resource = new CfnVpcLink(this, 'Resource', {
      name: props.vpcLinkName || Lazy.string({ produce: () => Names.uniqueId(this) }),
      subnetIds: Lazy.list({ produce: () => this.subnets.map(subnet => subnet.subnetRef.subnetId) }),
      securityGroupIds: Lazy.list({ produce: () => this.securityGroups.map(group => group.securityGroupRef.securityGroupId) }),
    });
    this.vpcLinkId = resource.ref;

    const { subnets } = props.vpc.selectSubnets(props.subnets ?? { subnetType: SubnetType.PRIVATE_WITH_EGRESS });
    this.addSubnets(...subnets);
    if (props.securityGroups) this.addSecurityGroups(...props.securityGroups);

    // Subnets and security groups may be added after construction: look once the app is built.
    whenBuilt(this, () => this.warnOnSharedSubnets());
  }

  /**
   * Adds subnets to this VPC link.
   */
  public addSubnets(...subnets: ISubnetRef[]): void {
    checkArguments('VpcLink.addSubnets', [subnets], this);
    this.subnets.push(...subnets);
  }

  /**
   * Adds security groups to this VPC link.
   */
  public addSecurityGroups(...groups: ISecurityGroupRef[]): void {
    checkArguments('VpcLink.addSecurityGroups', [groups], this);
    this.securityGroups.push(...groups);
  }

  public get vpcLinkRef(): VpcLinkReference {
    return { vpcLinkId: this.vpcLinkId };
  }

  /**
   * API Gateway refuses a VPC link on a subnet shared from another account (AWS RAM) unless
   * it has a security group. A shared subnet can only reach this app as an imported one, so
   * any subnet this app did not create (no `AWS::EC2::Subnet` under it) may be shared.
   */
  private warnOnSharedSubnets(): void {
    if (this.securityGroups.length > 0) return;
    const imported = this.subnets.filter(subnet => !createdHere(subnet));
    if (imported.length === 0) return;
    warn(this, 'vpcLinkSharedSubnetWithoutSecurityGroup',
      `this VPC link has no security group, and ${imported.length} of its subnets are imported, so they may be shared from another account: `
      + 'API Gateway then fails the deploy with "For a shared subnet, at least one security-group-id should be provided"; '
      + 'pass `securityGroups` or call addSecurityGroups()');
  }
}

/** Whether a subnet construct was created in this app: an `ec2.Subnet` holds its L1. */
function createdHere(subnet: IConstruct): boolean {
  return subnet.node.children.some(child => CfnResource.isCfnResource(child) && child.cfnResourceType === 'AWS::EC2::Subnet');
}
