import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { HttpApi, HttpMethod, MappingValue, ParameterMapping, VpcLink } from '../../../lib';
import { HttpNlbIntegration } from '../../../lib/integrations';
import { ApiGatewayV2Error } from '../../../lib/private/error';

function stack(): Stack {
  return new Stack(new App(), 'Stack');
}

function nlbListener(s: Stack, vpc: ec2.IVpc): elbv2.NetworkListener {
  const lb = new elbv2.NetworkLoadBalancer(s, 'Lb', { vpc });
  const listener = lb.addListener('Listener', { port: 80 });
  listener.addTargets('Targets', { port: 80 });
  return listener;
}

describe('HttpNlbIntegration', () => {
  test('default: an HTTP_PROXY integration through the API\'s VPC link for the load balancer\'s VPC', () => {
    const s = stack();
    const vpc = new ec2.Vpc(s, 'Vpc');
    const api = new HttpApi(s, 'Api');
    api.addRoutes({ path: '/books', integration: new HttpNlbIntegration('Books', nlbListener(s, vpc)) });

    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    const [linkId] = Object.keys(template.findResources('AWS::ApiGatewayV2::VpcLink'));
    expect(linkId).toMatch(/^ApiVpcLink1/);
    expect(Object.values(template.findResources('AWS::ApiGatewayV2::Integration')).map(i => i.Properties)).toEqual([{
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
    new HttpApi(s, 'Api').addRoutes({
      path: '/books',
      integration: new HttpNlbIntegration('Books', nlbListener(s, vpc), {
        vpcLink: new VpcLink(s, 'Link', { vpc }),
        method: HttpMethod.GET,
        secureServerName: 'books.internal.example.com',
        parameterMapping: new ParameterMapping().overwritePath(MappingValue.requestPath()),
        timeout: Duration.millis(500),
      }),
    });

    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionId: { Ref: 'Link1234EF21' },
      IntegrationMethod: 'GET',
      TlsConfig: { ServerNameToVerify: 'books.internal.example.com' },
      RequestParameters: { 'overwrite:path': '$request.path' },
      TimeoutInMillis: 500,
    });
  });

  test('an imported listener without a `vpcLink` is refused; with one it is accepted', () => {
    const s = stack();
    const listener = elbv2.NetworkListener.fromNetworkListenerArn(s, 'Listener', 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/net/lb/1/2');
    const api = new HttpApi(s, 'Api');
    let error: unknown;
    try {
      api.addRoutes({ path: '/books', integration: new HttpNlbIntegration('Books', listener) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiGatewayV2Error);
    expect((error as Error).message).toMatch(/`vpcLink` is required for integration 'Books': the VPC of listener Stack\/Listener is unknown \(the listener or its load balancer is imported\)/);

    const vpcLink = VpcLink.fromVpcLinkAttributes(s, 'Link', { vpcLinkId: 'vl-1', vpc: new ec2.Vpc(s, 'Vpc') });
    api.addRoutes({ path: '/authors', integration: new HttpNlbIntegration('Authors', listener, { vpcLink }) });
    Template.fromStack(s).hasResourceProperties('AWS::ApiGatewayV2::Integration', { ConnectionId: 'vl-1' });
  });
});
