/**
 * The custom domain, mutual TLS, VPC link and private integration examples of the seed README
 * (aws-cdk-lib's former alpha module), in TypeScript, each synthesized and checked for the
 * resources it implies.
 */
import type { CfnElement } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elb from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as apigwv2 from '../../lib';
import { HttpAlbIntegration, HttpLambdaIntegration, HttpUrlIntegration } from '../../lib/integrations';

const certArn = 'arn:aws:acm:us-east-1:111111111111:certificate';
const domainName = 'example.com';

function handler(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

/** The custom domain example, on which the stage, shared-domain and domainUrl examples build. */
function customDomain(stack: Stack): { dn: apigwv2.DomainName; api: apigwv2.HttpApi } {
  const dn = new apigwv2.DomainName(stack, 'DN', {
    domainName: domainName,
    certificate: acm.Certificate.fromCertificateArn(stack, 'cert', certArn),
  });
  const api = new apigwv2.HttpApi(stack, 'HttpProxyProdApi', {
    defaultIntegration: new HttpLambdaIntegration('DefaultIntegration', handler(stack)),
    // https://${dn.domainName}/foo goes to prodApi $default stage
    defaultDomainMapping: {
      domainName: dn,
      mappingKey: 'foo',
    },
  });
  return { dn, api };
}

describe('seed README: Custom Domain', () => {
  test('a domain and the default mapping of an API', () => {
    const stack = new Stack();
    customDomain(stack);

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'example.com',
      DomainNameConfigurations: [{ CertificateArn: certArn, EndpointType: 'REGIONAL' }],
    });
    template.hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: { ApiId: { Ref: Match.stringLikeRegexp('^HttpProxyProdApi') }, DomainName: { Ref: Match.stringLikeRegexp('^DN') }, Stage: '$default', ApiMappingKey: 'foo' },
      DependsOn: [Match.stringLikeRegexp('^DN'), Match.stringLikeRegexp('^HttpProxyProdApiDefaultStage')],
    });
    template.hasResource('AWS::ApiGatewayV2::Stage', { Properties: { StageName: '$default' }, DependsOn: [Match.stringLikeRegexp('^DN')] });
  });

  test('a specific stage mapped to the domain', () => {
    const stack = new Stack();
    const { dn, api } = customDomain(stack);

    api.addStage('beta', {
      stageName: 'beta',
      autoDeploy: true,
      // https://${dn.domainName}/bar goes to the beta stage
      domainMapping: {
        domainName: dn,
        mappingKey: 'bar',
      },
    });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: 'beta', ApiMappingKey: 'bar' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'beta', AutoDeploy: true });
  });

  test('one domain shared by stages of different APIs, and domainUrl', () => {
    const stack = new Stack();
    const { dn, api } = customDomain(stack);
    api.addStage('beta', { stageName: 'beta', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'bar' } });

    const apiDemo = new apigwv2.HttpApi(stack, 'DemoApi', {
      defaultIntegration: new HttpUrlIntegration('DefaultIntegration', 'https://demo.example.com'),
      // https://${dn.domainName}/demo goes to apiDemo $default stage
      defaultDomainMapping: {
        domainName: dn,
        mappingKey: 'demo',
      },
    });
    const demoDomainUrl = apiDemo.defaultStage?.domainUrl;

    // The table of the seed README: three mappings on one domain.
    const template = Template.fromStack(stack);
    const rows = Object.values(template.findResources('AWS::ApiGatewayV2::ApiMapping'))
      .map(m => [m.Properties.ApiId.Ref.replace(/[0-9A-F]{8}$/, ''), m.Properties.Stage, m.Properties.ApiMappingKey]);
    expect(rows.sort()).toEqual([
      ['DemoApi', '$default', 'demo'],
      ['HttpProxyProdApi', '$default', 'foo'],
      ['HttpProxyProdApi', 'beta', 'bar'],
    ]);
    const dnId = stack.getLogicalId(dn.node.defaultChild as CfnElement);
    expect(stack.resolve(demoDomainUrl)).toEqual({ 'Fn::Join': ['', ['https://', { Ref: dnId }, '/demo']] });
  });

  test('a second mapping without a key on the shared domain is refused', () => {
    const stack = new Stack();
    const { dn } = customDomain(stack);
    new apigwv2.HttpApi(stack, 'Root', { defaultDomainMapping: { domainName: dn } });
    expect(() => new apigwv2.HttpApi(stack, 'Root2', { defaultDomainMapping: { domainName: dn } }))
      .toThrow(/already maps its root \(no `apiMappingKey`\)/);
  });
});

describe('seed README: Mutual TLS (mTLS)', () => {
  test('a truststore in S3, pinned to a version', () => {
    const stack = new Stack();
    const bucket = new s3.Bucket(stack, 'Bucket', { versioned: true });

    new apigwv2.DomainName(stack, 'DomainName', {
      domainName,
      certificate: acm.Certificate.fromCertificateArn(stack, 'cert', certArn),
      mtls: {
        bucket,
        key: 'someca.pem',
        version: 'version',
      },
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'example.com',
      MutualTlsAuthentication: {
        TruststoreUri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Bucket') }, '/someca.pem']] },
        TruststoreVersion: 'version',
      },
    });
  });
});

describe('seed README: VPC Link and Private Integration', () => {
  test('a VPC link to a private VPC, and an ALB integration', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'VPC');
    const alb = new elb.ApplicationLoadBalancer(stack, 'AppLoadBalancer', { vpc });
    // The seed example reads alb.listeners[0] of a load balancer without listeners; give it one.
    alb.addListener('Listener', { port: 80, defaultAction: elb.ListenerAction.fixedResponse(200) });

    const vpcLink = new apigwv2.VpcLink(stack, 'VpcLink', { vpc });

    // Creating an HTTP ALB Integration:
    const albIntegration = new HttpAlbIntegration('ALBIntegration', alb.listeners[0]);
    new apigwv2.HttpApi(stack, 'Api').addRoutes({ path: '/app', integration: albIntegration });

    const template = Template.fromStack(stack);
    // The explicit link and the API's own link for the same VPC.
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::VpcLink', {
      Name: Match.stringLikeRegexp('VpcLink'),
      SubnetIds: [{ Ref: Match.stringLikeRegexp('^VPCPrivateSubnet1') }, { Ref: Match.stringLikeRegexp('^VPCPrivateSubnet2') }],
      SecurityGroupIds: [],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY',
      ConnectionType: 'VPC_LINK',
      IntegrationUri: { Ref: Match.stringLikeRegexp('^AppLoadBalancerListener') },
      PayloadFormatVersion: '1.0',
    });
    expect(vpcLink.vpc).toBe(vpc);
  });

  test('an existing VPC link, imported', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'VPC');

    const awesomeLink = apigwv2.VpcLink.fromVpcLinkAttributes(stack, 'awesome-vpc-link', {
      vpcLinkId: 'us-east-1_oiuR12Abd',
      vpc,
    });

    expect(awesomeLink.vpcLinkId).toBe('us-east-1_oiuR12Abd');
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::VpcLink', 0);
  });
});
