import type { IConstruct } from 'constructs';
import { CfnResource } from 'aws-cdk-lib';

/**
 * The CloudFormation resource of an L2 construct, to depend on it alone rather than on every
 * resource under the construct (a domain's DNS records, a route's integration).
 */
export function resourceOf(construct: IConstruct): IConstruct {
  const child = construct.node.defaultChild;
  return child instanceof CfnResource ? child : construct;
}
