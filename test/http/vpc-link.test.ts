import type { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HttpApi, VpcLink } from '../../lib';
import { newStack } from '../support';

function vpcLinkProps(s: Stack): { [key: string]: any } {
  const links = Template.fromStack(s).findResources('AWS::ApiGatewayV2::VpcLink');
  const ids = Object.keys(links);
  expect(ids).toHaveLength(1);
  return links[ids[0]].Properties;
}

/** A VPC imported by attributes: its subnets are imported, so they may be shared from another account. */
function importedVpc(s: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(s, 'Shared', {
    vpcId: 'vpc-123',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-a', 'subnet-b'],
  });
}

const SHARED_SUBNET_WARNING = 'this VPC link has no security group, and 2 of its subnets are imported, so they may be shared from another account: '
  + 'API Gateway then fails the deploy with "For a shared subnet, at least one security-group-id should be provided"; '
  + 'pass `securityGroups` or call addSecurityGroups() [ack: cdk-apigatewayv2:vpcLinkSharedSubnetWithoutSecurityGroup]';

describe('VpcLink', () => {
  test('defaults: the private subnets with egress, no security group, a generated name', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    new VpcLink(s, 'Link', { vpc });

    expect(vpcLinkProps(s)).toEqual({
      Name: 'StackLink6E3C6650',
      SubnetIds: [{ Ref: 'VpcPrivateSubnet1Subnet536B997A' }, { Ref: 'VpcPrivateSubnet2Subnet3788AAA1' }],
      SecurityGroupIds: [],
    });
    expect(Object.keys(Template.fromStack(s).findResources('AWS::ApiGatewayV2::VpcLink'))).toEqual(['Link1234EF21']);
  });

  test('name, subnet selection and security groups', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    const sg = new ec2.SecurityGroup(s, 'Sg', { vpc });
    const link = new VpcLink(s, 'Link', { vpc, vpcLinkName: 'books-link', subnets: { subnetType: ec2.SubnetType.PUBLIC }, securityGroups: [sg] });

    expect(vpcLinkProps(s)).toEqual({
      Name: 'books-link',
      SubnetIds: [{ Ref: 'VpcPublicSubnet1Subnet5C2D37C4' }, { Ref: 'VpcPublicSubnet2Subnet691E08A3' }],
      SecurityGroupIds: [{ 'Fn::GetAtt': ['SgD4954771', 'GroupId'] }],
    });
    expect(link.vpc).toBe(vpc);
    expect(s.resolve(link.vpcLinkId)).toEqual({ Ref: 'Link1234EF21' });
    expect(s.resolve(link.vpcLinkRef)).toEqual({ vpcLinkId: { Ref: 'Link1234EF21' } });
  });

  test('addSubnets and addSecurityGroups, after construction', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    const link = new VpcLink(s, 'Link', { vpc });
    link.addSubnets(...vpc.publicSubnets);
    link.addSecurityGroups(new ec2.SecurityGroup(s, 'A', { vpc }), ec2.SecurityGroup.fromSecurityGroupId(s, 'B', 'sg-123'));

    const props = vpcLinkProps(s);
    expect(props.SubnetIds).toHaveLength(4);
    expect(props.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^A/), 'GroupId'] }, 'sg-123']);
  });

  test('fromVpcLinkAttributes', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    const link = VpcLink.fromVpcLinkAttributes(s, 'Imported', { vpcLinkId: 'vl-123', vpc });
    expect(link.vpcLinkId).toBe('vl-123');
    expect(link.vpc).toBe(vpc);
    expect(link.vpcLinkRef).toEqual({ vpcLinkId: 'vl-123' });
    Template.fromStack(s).resourceCountIs('AWS::ApiGatewayV2::VpcLink', 0);
  });

  describe('shared subnets', () => {
    test('imported subnets without a security group get a warning', () => {
      const s = newStack();
      new VpcLink(s, 'Link', { vpc: importedVpc(s) });
      Annotations.fromStack(s).hasWarning('/Stack/Link', SHARED_SUBNET_WARNING);
      expect(vpcLinkProps(s).SubnetIds).toEqual(['subnet-a', 'subnet-b']);
    });

    test('a security group, given or added later, silences it', () => {
      const s = newStack();
      const vpc = importedVpc(s);
      new VpcLink(s, 'Given', { vpc, securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-1')] });
      new VpcLink(s, 'Later', { vpc }).addSecurityGroups(ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg2', 'sg-2'));
      Annotations.fromStack(s).hasNoWarning('/Stack/Given', Match.anyValue());
      Annotations.fromStack(s).hasNoWarning('/Stack/Later', Match.anyValue());
    });

    test('subnets this app creates give no warning', () => {
      const s = newStack();
      new VpcLink(s, 'Link', { vpc: new ec2.Vpc(s, 'Vpc') });
      Annotations.fromStack(s).hasNoWarning('*', Match.anyValue());
    });

    test('one imported subnet added to a VPC of this app is enough for the warning', () => {
      const s = newStack();
      const link = new VpcLink(s, 'Link', { vpc: new ec2.Vpc(s, 'Vpc') });
      link.addSubnets(ec2.Subnet.fromSubnetId(s, 'Shared', 'subnet-shared'));
      Annotations.fromStack(s).hasWarning('/Stack/Link', Match.stringLikeRegexp('and 1 of its subnets are imported'));
    });
  });
});

describe('HttpApi.addVpcLink', () => {
  test('one link per VPC, with ids VpcLink-1, VpcLink-2', () => {
    const s = newStack();
    const api = new HttpApi(s, 'Api');
    const vpc1 = new ec2.Vpc(s, 'Vpc1');
    const vpc2 = new ec2.Vpc(s, 'Vpc2');

    const a = api.addVpcLink({ vpc: vpc1 });
    const again = api.addVpcLink({ vpc: vpc1, vpcLinkName: 'ignored' });
    const b = api.addVpcLink({ vpc: vpc2 });

    expect(again).toBe(a);
    expect(a.node.path).toBe('Stack/Api/VpcLink-1');
    expect(b.node.path).toBe('Stack/Api/VpcLink-2');
    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 2);
    expect(Object.keys(template.findResources('AWS::ApiGatewayV2::VpcLink')).sort())
      .toEqual([expect.stringMatching(/^ApiVpcLink1/), expect.stringMatching(/^ApiVpcLink2/)]);
  });

  test('the options are passed to the link', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    new HttpApi(s, 'Api').addVpcLink({ vpc, vpcLinkName: 'mine', securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-1')] });
    expect(vpcLinkProps(s)).toMatchObject({ Name: 'mine', SecurityGroupIds: ['sg-1'] });
  });

  test('imported APIs add links too, each keeping its own', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    const imported = HttpApi.fromHttpApiAttributes(s, 'Imported', { httpApiId: 'abc' });
    const link = imported.addVpcLink({ vpc });
    expect(link.node.path).toBe('Stack/Imported/VpcLink-1');
    expect(imported.addVpcLink({ vpc })).toBe(link);
    expect(new HttpApi(s, 'Api').addVpcLink({ vpc })).not.toBe(link);
  });
});
