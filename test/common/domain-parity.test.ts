/**
 * Drop-in proof for custom domains, API mappings, VPC links and private integrations: the same
 * app written once against aws-cdk-lib and once against this library (only the imports
 * differ) gives the same resources, logical ids, properties and dependencies.
 */
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import * as upstreamIntegrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as ours from '../../lib';
import * as ourIntegrations from '../../lib/integrations';
import { comparableResources } from '../support';

const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/abc';
const EDGE_CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/edge';

/** What both apps need besides the API Gateway constructs. */
interface Backends {
  readonly stack: Stack;
  readonly vpc: ec2.Vpc;
  readonly alb: elbv2.ApplicationListener;
  readonly nlb: elbv2.NetworkListener;
  readonly service: servicediscovery.Service;
  readonly bucket: s3.Bucket;
}

function backends(): Backends {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new ec2.Vpc(stack, 'Vpc');
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc }).addListener('Listener', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
  const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc }).addListener('Listener', { port: 80 });
  nlb.addTargets('Targets', { port: 80 });
  const service = new servicediscovery.PrivateDnsNamespace(stack, 'Namespace', { name: 'books.local', vpc }).createService('Service');
  const bucket = new s3.Bucket(stack, 'Truststore');
  return { stack, vpc, alb, nlb, service, bucket };
}

/** The app, written for aws-cdk-lib. */
function upstreamApp(): Stack {
  const { stack, vpc, alb, nlb, service, bucket } = backends();
  const dn = new upstream.DomainName(stack, 'DN', {
    domainName: 'api.example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT),
    certificateName: 'api',
    mtls: { bucket, key: 'ca.pem', version: 'v1' },
  });
  dn.addEndpoint({ certificate: acm.Certificate.fromCertificateArn(stack, 'EdgeCert', EDGE_CERT), endpointType: upstream.EndpointType.EDGE });
  const other = new upstream.DomainName(stack, 'Other', {
    domainName: 'other.example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'OtherCert', CERT),
    securityPolicy: upstream.SecurityPolicy.TLS_1_2,
    ipAddressType: upstream.IpAddressType.DUAL_STACK,
  });
  const imported = upstream.DomainName.fromDomainNameAttributes(stack, 'Imported', { name: 'old.example.com', regionalDomainName: 'd-1', regionalHostedZoneId: 'Z1' });

  const api = new upstream.HttpApi(stack, 'Api', {
    defaultIntegration: new upstreamIntegrations.HttpUrlIntegration('DefaultIntegration', 'https://example.com'),
    defaultDomainMapping: { domainName: dn, mappingKey: 'foo' },
  });
  const beta = api.addStage('beta', { stageName: 'beta', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'bar' } });
  const demo = new upstream.HttpApi(stack, 'DemoApi', { defaultDomainMapping: { domainName: dn, mappingKey: 'demo' } });
  const root = new upstream.HttpApi(stack, 'RootApi', { defaultDomainMapping: { domainName: other } });
  const mapping = new upstream.ApiMapping(stack, 'Mapping', { api: demo, domainName: other, apiMappingKey: 'orders/v1' });
  new upstream.ApiMapping(stack, 'ImportedMapping', { api: root, domainName: imported, stage: root.defaultStage, apiMappingKey: 'legacy' });

  const link = new upstream.VpcLink(stack, 'Link', { vpc, vpcLinkName: 'books', securityGroups: [new ec2.SecurityGroup(stack, 'Sg', { vpc })] });
  api.addRoutes({ path: '/alb', integration: new upstreamIntegrations.HttpAlbIntegration('Alb', alb, { secureServerName: 'alb.example.com' }) });
  api.addRoutes({ path: '/nlb', methods: [upstream.HttpMethod.GET], integration: new upstreamIntegrations.HttpNlbIntegration('Nlb', nlb, { method: upstream.HttpMethod.GET }) });
  api.addRoutes({ path: '/cloudmap', integration: new upstreamIntegrations.HttpServiceDiscoveryIntegration('CloudMap', service, { vpcLink: link }) });
  api.addRoutes({ path: '/linked', integration: new upstreamIntegrations.HttpAlbIntegration('Linked', alb, { vpcLink: link, method: upstream.HttpMethod.POST }) });

  new CfnOutput(stack, 'DefaultDomainUrl', { value: api.defaultStage!.domainUrl });
  new CfnOutput(stack, 'BetaDomainUrl', { value: beta.domainUrl });
  new CfnOutput(stack, 'MappingUrl', { value: mapping.domainUrl });
  new CfnOutput(stack, 'RegionalName', { value: dn.regionalDomainName });
  new CfnOutput(stack, 'RegionalZone', { value: dn.regionalHostedZoneId });
  new CfnOutput(stack, 'DomainArn', { value: dn.domainNameRef.domainNameArn });
  new CfnOutput(stack, 'ImportedArn', { value: imported.domainNameRef.domainNameArn });
  return stack;
}

/** The same app, written for this library: only the imports differ. */
function ourApp(): Stack {
  const { stack, vpc, alb, nlb, service, bucket } = backends();
  const dn = new ours.DomainName(stack, 'DN', {
    domainName: 'api.example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT),
    certificateName: 'api',
    mtls: { bucket, key: 'ca.pem', version: 'v1' },
  });
  dn.addEndpoint({ certificate: acm.Certificate.fromCertificateArn(stack, 'EdgeCert', EDGE_CERT), endpointType: ours.EndpointType.EDGE });
  const other = new ours.DomainName(stack, 'Other', {
    domainName: 'other.example.com',
    certificate: acm.Certificate.fromCertificateArn(stack, 'OtherCert', CERT),
    securityPolicy: ours.SecurityPolicy.TLS_1_2,
    ipAddressType: ours.IpAddressType.DUAL_STACK,
  });
  const imported = ours.DomainName.fromDomainNameAttributes(stack, 'Imported', { name: 'old.example.com', regionalDomainName: 'd-1', regionalHostedZoneId: 'Z1' });

  const api = new ours.HttpApi(stack, 'Api', {
    defaultIntegration: new ourIntegrations.HttpUrlIntegration('DefaultIntegration', 'https://example.com'),
    defaultDomainMapping: { domainName: dn, mappingKey: 'foo' },
  });
  const beta = api.addStage('beta', { stageName: 'beta', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'bar' } });
  const demo = new ours.HttpApi(stack, 'DemoApi', { defaultDomainMapping: { domainName: dn, mappingKey: 'demo' } });
  const root = new ours.HttpApi(stack, 'RootApi', { defaultDomainMapping: { domainName: other } });
  const mapping = new ours.ApiMapping(stack, 'Mapping', { api: demo, domainName: other, apiMappingKey: 'orders/v1' });
  new ours.ApiMapping(stack, 'ImportedMapping', { api: root, domainName: imported, stage: root.defaultStage, apiMappingKey: 'legacy' });

  const link = new ours.VpcLink(stack, 'Link', { vpc, vpcLinkName: 'books', securityGroups: [new ec2.SecurityGroup(stack, 'Sg', { vpc })] });
  api.addRoutes({ path: '/alb', integration: new ourIntegrations.HttpAlbIntegration('Alb', alb, { secureServerName: 'alb.example.com' }) });
  api.addRoutes({ path: '/nlb', methods: [ours.HttpMethod.GET], integration: new ourIntegrations.HttpNlbIntegration('Nlb', nlb, { method: ours.HttpMethod.GET }) });
  api.addRoutes({ path: '/cloudmap', integration: new ourIntegrations.HttpServiceDiscoveryIntegration('CloudMap', service, { vpcLink: link }) });
  api.addRoutes({ path: '/linked', integration: new ourIntegrations.HttpAlbIntegration('Linked', alb, { vpcLink: link, method: ours.HttpMethod.POST }) });

  new CfnOutput(stack, 'DefaultDomainUrl', { value: api.defaultStage!.domainUrl });
  new CfnOutput(stack, 'BetaDomainUrl', { value: beta.domainUrl });
  new CfnOutput(stack, 'MappingUrl', { value: mapping.domainUrl });
  new CfnOutput(stack, 'RegionalName', { value: dn.regionalDomainName });
  new CfnOutput(stack, 'RegionalZone', { value: dn.regionalHostedZoneId });
  new CfnOutput(stack, 'DomainArn', { value: dn.domainNameRef.domainNameArn });
  new CfnOutput(stack, 'ImportedArn', { value: imported.domainNameRef.domainNameArn });
  return stack;
}

describe('parity with aws-cdk-lib: domains, mappings, VPC links, private integrations', () => {
  const theirs = upstreamApp();
  const mine = ourApp();
  const theirResources = comparableResources(theirs);
  const myResources = comparableResources(mine);

  test('the same logical ids', () => {
    const ids = [
      'DNFDC76583',
      'Other34654A52',
      'ApiDefaultStageStackDNfooFE4FF792',
      'ApibetaStackDNbar8A6D6EC1',
      'DemoApiDefaultStageStackDNdemo48976E11',
      'RootApiDefaultStageStackOtherundefined339E719C',
      'MappingE24B359D',
      'ImportedMapping2B1A5BBF',
      'Link1234EF21',
      'ApiVpcLink13AAD2823',
    ];
    for (const id of ids) {
      expect(theirResources[id]).toBeDefined();
      expect(myResources[id]).toBeDefined();
    }
    expect(Object.keys(myResources).sort()).toEqual(Object.keys(theirResources).sort());
  });

  test('the same resources: properties and dependencies', () => {
    expect(myResources).toEqual(theirResources);
  });

  test('the same attributes and URLs', () => {
    expect(Template.fromStack(mine).toJSON().Outputs).toEqual(Template.fromStack(theirs).toJSON().Outputs);
  });

  test('the VPC link created for the private integrations is VpcLink-1, under the API', () => {
    const created = Object.entries(myResources).filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::VpcLink').map(([id]) => id).sort();
    expect(created).toEqual(['ApiVpcLink13AAD2823', 'Link1234EF21']);
  });
});
