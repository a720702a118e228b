import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { HttpRouteIntegrationBindOptions } from '../../../lib';
import { HttpApi, HttpMethod, MappingValue, ParameterMapping, VpcLink } from '../../../lib';
import { HttpAlbIntegration } from '../../../lib/integrations';
import { ApiGatewayV2Error } from '../../../lib/private/error';

function stack(): Stack {
  return new Stack(new App(), 'Stack');
}

function albListener(s: Stack, vpc: ec2.IVpc, id = 'Lb'): elbv2.ApplicationListener {
  const lb = new elbv2.ApplicationLoadBalancer(s, id, { vpc });
  return lb.addListener('Listener', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
}

describe('HttpAlbIntegration', () => {
  test('default: an HTTP_PROXY integration through the API\'s VPC link for the load balancer\'s VPC', () => {
    const s = stack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    const listener = albListener(s, vpc);
    const api = new HttpApi(s, 'Api');
    api.addRoutes({ path: '/books', integration: new HttpAlbIntegration('Books', listener) });

    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    const [linkId] = Object.keys(template.findResources('AWS::ApiGatewayV2::VpcLink'));
    expect(linkId).toMatch(/^ApiVpcLink1/);
    template.hasResourceProperties('AWS::ApiGatewayV2::VpcLink', { SecurityGroupIds: [], SubnetIds: Match.arrayWith([{ Ref: 'VpcPrivateSubnet1Subnet536B997A' }]) });
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    expect(Object.values(integrations).map(i => i.Properties)).toEqual([{
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: linkId },
      IntegrationUri: { Ref: expect.stringMatching(/^LbListener/) },
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
    }]);
  });

  test('every option', () => {
    const s = stack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    const vpcLink = new VpcLink(s, 'Link', { vpc });
    new HttpApi(s, 'Api').addRoutes({
      path: '/books',
      integration: new HttpAlbIntegration('Books', albListener(s, vpc), {
        vpcLink,
        method: HttpMethod.PATCH,
        secureServerName: 'books.internal.example.com',
        parameterMapping: new ParameterMapping().appendHeader('x-api', MappingValue.custom('books')),
        timeout: Duration.seconds(10),
      }),
    });

    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionId: { Ref: 'Link1234EF21' },
      IntegrationMethod: 'PATCH',
      TlsConfig: { ServerNameToVerify: 'books.internal.example.com' },
      RequestParameters: { 'append:header.x-api': 'books' },
      TimeoutInMillis: 10000,
    });
  });

  test('integrations on the same VPC share one link; another VPC gets another', () => {
    const s = stack();
    const vpc1 = new ec2.Vpc(s, 'Vpc1');
    const vpc2 = new ec2.Vpc(s, 'Vpc2');
    const api = new HttpApi(s, 'Api');
    api.addRoutes({ path: '/a', integration: new HttpAlbIntegration('A', albListener(s, vpc1, 'LbA')) });
    api.addRoutes({ path: '/b', integration: new HttpAlbIntegration('B', albListener(s, vpc1, 'LbB')) });
    api.addRoutes({ path: '/c', integration: new HttpAlbIntegration('C', albListener(s, vpc2, 'LbC')) });

    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 2);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 3);
    expect(api.node.tryFindChild('VpcLink-1')).toBeDefined();
    expect(api.node.tryFindChild('VpcLink-2')).toBeDefined();
  });

  test('an imported listener without a `vpcLink` is refused', () => {
    const s = stack();
    const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(s, 'Listener', {
      listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/lb/1/2',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-1'),
    });
    const api = new HttpApi(s, 'Api');
    let error: unknown;
    try {
      api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: new HttpAlbIntegration('Books', listener) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiGatewayV2Error);
    expect((error as Error).message).toBe('Stack/Api/GET--books: `vpcLink` is required for integration \'Books\': the VPC of listener Stack/Listener is unknown '
      + '(the listener or its load balancer is imported); pass a `vpcLink` (e.g. VpcLink.fromVpcLinkAttributes()) [cdk-apigatewayv2:vpcLinkRequired]');
  });

  test('a listener of a load balancer imported without its VPC needs a `vpcLink` too', () => {
    const s = stack();
    const lb = elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(s, 'Lb', {
      loadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/lb/1',
      securityGroupId: 'sg-1',
    });
    const listener = lb.addListener('Listener', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    expect(() => new HttpApi(s, 'Api').addRoutes({ path: '/books', integration: new HttpAlbIntegration('Books', listener) }))
      .toThrow(/the VPC of listener Stack\/Lb\/Listener is unknown/);
  });

  test('an API that cannot create VPC links needs a `vpcLink`', () => {
    const s = stack();
    const integration = new HttpAlbIntegration('Books', albListener(s, new ec2.Vpc(s, 'Vpc')));
    const route = { httpApi: { node: s.node } } as unknown as HttpRouteIntegrationBindOptions['route'];
    expect(() => integration.bind({ route, scope: s })).toThrow(/^Stack: the route's API cannot create a VPC link: pass `vpcLink` to the integration \[cdk-apigatewayv2:vpcLinkRequired\]$/);
  });

  test('an imported listener with a `vpcLink` is accepted', () => {
    const s = stack();
    const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(s, 'Listener', {
      listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/lb/1/2',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(s, 'Sg', 'sg-1'),
    });
    const vpcLink = VpcLink.fromVpcLinkAttributes(s, 'Link', { vpcLinkId: 'vl-1', vpc: new ec2.Vpc(s, 'Vpc') });
    new HttpApi(s, 'Api').addRoutes({ path: '/books', integration: new HttpAlbIntegration('Books', listener, { vpcLink }) });
    Template.fromStack(s).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionId: 'vl-1',
      IntegrationUri: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/lb/1/2',
    });
  });

  test('a timeout over 30 s is refused, as for every HTTP integration', () => {
    const s = stack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    expect(() => new HttpApi(s, 'Api').addRoutes({ path: '/x', integration: new HttpAlbIntegration('X', albListener(s, vpc), { timeout: Duration.seconds(31) }) }))
      .toThrow(/invalid `timeout` 31 seconds/);
  });
});
