import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { HttpApi, HttpMethod, ParameterMapping, VpcLink } from '../../../lib';
import { HttpServiceDiscoveryIntegration } from '../../../lib/integrations';
import { ApiGatewayV2Error } from '../../../lib/private/error';

function setup(): { s: Stack; vpc: ec2.Vpc; service: servicediscovery.Service } {
  const s = new Stack(new App(), 'Stack');
  const vpc = new ec2.Vpc(s, 'Vpc');
  const namespace = new servicediscovery.PrivateDnsNamespace(s, 'Namespace', { name: 'books.local', vpc });
  const service = namespace.createService('Service');
  return { s, vpc, service };
}

describe('HttpServiceDiscoveryIntegration', () => {
  test('an HTTP_PROXY integration to the service through the given VPC link', () => {
    const { s, vpc, service } = setup();
    const vpcLink = new VpcLink(s, 'Link', { vpc });
    new HttpApi(s, 'Api').addRoutes({ path: '/books', integration: new HttpServiceDiscoveryIntegration('Books', service, { vpcLink }) });

    const template = Template.fromStack(s);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    expect(Object.values(template.findResources('AWS::ApiGatewayV2::Integration')).map(i => i.Properties)).toEqual([{
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: 'Link1234EF21' },
      IntegrationUri: { 'Fn::GetAtt': [expect.stringMatching(/^NamespaceService/), 'Arn'] },
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
    }]);
  });

  test('every option, and the timeout is passed through (aws-cdk-lib drops it)', () => {
    const { s, vpc, service } = setup();
    new HttpApi(s, 'Api').addRoutes({
      path: '/books',
      integration: new HttpServiceDiscoveryIntegration('Books', service, {
        vpcLink: new VpcLink(s, 'Link', { vpc }),
        method: HttpMethod.POST,
        secureServerName: 'books.local',
        parameterMapping: new ParameterMapping().removeHeader('x-debug'),
        timeout: Duration.seconds(5),
      }),
    });
    Template.fromStack(s).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationMethod: 'POST',
      TlsConfig: { ServerNameToVerify: 'books.local' },
      RequestParameters: { 'remove:header.x-debug': '' },
      TimeoutInMillis: 5000,
    });
  });

  test('without a `vpcLink` it is refused', () => {
    const { s, service } = setup();
    const api = new HttpApi(s, 'Api');
    let error: unknown;
    try {
      api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: new HttpServiceDiscoveryIntegration('Books', service) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiGatewayV2Error);
    expect((error as Error).message).toBe('Stack/Api/GET--books: `vpcLink` is required for integration \'Books\': a Cloud Map service does not tell its VPC; '
      + 'pass a `vpcLink` into the VPC of the service\'s instances [cdk-apigatewayv2:vpcLinkRequired]');
    Template.fromStack(s).resourceCountIs('AWS::ApiGatewayV2::VpcLink', 0);
  });
});
