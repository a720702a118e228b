import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import type { AppSet } from './modules';
import { lambdaFunction } from '../../support/resources';

/*
 * Custom domains, API mappings, VPC links and private integrations, written against
 * aws-cdk-lib's API only: the seed README's examples (test/common/seed-domain-examples.test.ts),
 * the integrations README's private integrations, and the app of
 * test/common/domain-parity.test.ts.
 */

const CERT_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate';

export const DOMAIN_APPS: AppSet = {
  'seed: a custom domain mapped to the $default stage of two APIs and a beta stage, and domainUrl': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const handler = lambdaFunction(stack, 'Handler');
    const dn = new apigwv2.DomainName(stack, 'DN', {
      domainName: 'example.com',
      certificate: acm.Certificate.fromCertificateArn(stack, 'cert', CERT_ARN),
    });
    const api = new apigwv2.HttpApi(stack, 'HttpProxyProdApi', {
      defaultIntegration: new integrations.HttpLambdaIntegration('DefaultIntegration', handler),
      defaultDomainMapping: { domainName: dn, mappingKey: 'foo' },
    });
    api.addStage('beta', { stageName: 'beta', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'bar' } });
    const apiDemo = new apigwv2.HttpApi(stack, 'DemoApi', {
      defaultIntegration: new integrations.HttpLambdaIntegration('DefaultIntegration', handler),
      defaultDomainMapping: { domainName: dn, mappingKey: 'demo' },
    });
    new CfnOutput(stack, 'DemoDomainUrl', { value: apiDemo.defaultStage!.domainUrl });
  },

  'seed: mutual TLS': ({ apigwv2 }, app) => {
    const stack = new Stack(app, 'Stack');
    new apigwv2.DomainName(stack, 'DomainName', {
      domainName: 'example.com',
      certificate: acm.Certificate.fromCertificateArn(stack, 'cert', CERT_ARN),
      mtls: { bucket: new s3.Bucket(stack, 'Bucket', { versioned: true }), key: 'someca.pem', version: 'version' },
    });
  },

  'seed: a VPC link, an ALB integration, an imported VPC link': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'VPC');
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'AppLoadBalancer', { vpc });
    alb.addListener('Listener', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    new apigwv2.VpcLink(stack, 'VpcLink', { vpc });
    const albIntegration = new integrations.HttpAlbIntegration('ALBIntegration', alb.listeners[0]);
    new apigwv2.HttpApi(stack, 'Api').addRoutes({ path: '/app', integration: albIntegration });
    const awesomeLink = apigwv2.VpcLink.fromVpcLinkAttributes(stack, 'awesome-vpc-link', { vpcLinkId: 'us-east-1_oiuR12Abd', vpc });
    new apigwv2.HttpApi(stack, 'Linked').addRoutes({
      path: '/app', integration: new integrations.HttpAlbIntegration('ALBIntegration', alb.listeners[0], { vpcLink: awesomeLink }),
    });
  },

  'integrations README: ALB, NLB and Cloud Map private integrations, with parameter mappings': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'VPC');
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'alb', { vpc });
    const albListener = alb.addListener('listener', { port: 80 });
    albListener.addTargets('target', { port: 80 });
    new apigwv2.HttpApi(stack, 'AlbApi', { defaultIntegration: new integrations.HttpAlbIntegration('DefaultIntegration', albListener) });
    new apigwv2.HttpApi(stack, 'MappedAlbApi', {
      defaultIntegration: new integrations.HttpAlbIntegration('DefaultIntegration', albListener, {
        parameterMapping: new apigwv2.ParameterMapping().appendHeader('header2', apigwv2.MappingValue.requestHeader('header1')).removeHeader('header1'),
      }),
    });
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'nlb', { vpc });
    const nlbListener = nlb.addListener('listener', { port: 80 });
    nlbListener.addTargets('target', { port: 80 });
    new apigwv2.HttpApi(stack, 'NlbApi', { defaultIntegration: new integrations.HttpNlbIntegration('DefaultIntegration', nlbListener) });
    const vpcLink = new apigwv2.VpcLink(stack, 'VpcLink', { vpc });
    const namespace = new servicediscovery.PrivateDnsNamespace(stack, 'Namespace', { name: 'boobar.com', vpc });
    const service = namespace.createService('Service');
    new apigwv2.HttpApi(stack, 'CloudMapApi', {
      defaultIntegration: new integrations.HttpServiceDiscoveryIntegration('DefaultIntegration', service, { vpcLink }),
    });
  },

  'VPC links added to an API, with more subnets and security groups': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'VPC');
    const api = new apigwv2.HttpApi(stack, 'Api');
    const link = api.addVpcLink({ vpc, vpcLinkName: 'first' });
    link.addSecurityGroups(new ec2.SecurityGroup(stack, 'Sg', { vpc }));
    link.addSubnets(...vpc.publicSubnets);
    const listener = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc }).addListener('Listener', { port: 80 });
    listener.addTargets('Targets', { port: 80 });
    api.addRoutes({ path: '/nlb', integration: new integrations.HttpNlbIntegration('Nlb', listener, { vpcLink: link }) });
    new CfnOutput(stack, 'LinkId', { value: link.vpcLinkId });
  },

  'Cloud Map integration with a timeout': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'VPC');
    const vpcLink = new apigwv2.VpcLink(stack, 'VpcLink', { vpc });
    const service = new servicediscovery.PrivateDnsNamespace(stack, 'Namespace', { name: 'boobar.com', vpc }).createService('Service');
    new apigwv2.HttpApi(stack, 'Api', {
      defaultIntegration: new integrations.HttpServiceDiscoveryIntegration('DefaultIntegration', service, {
        vpcLink, timeout: Duration.seconds(10), method: apigwv2.HttpMethod.GET, secureServerName: 'internal.boobar.com',
      }),
    });
  },

  'domain parity app: domains, endpoints, mappings, VPC links, private integrations, outputs': ({ apigwv2, integrations }, app) => {
    const stack = new Stack(app, 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc');
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc }).addListener('Listener', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc }).addListener('Listener', { port: 80 });
    nlb.addTargets('Targets', { port: 80 });
    const service = new servicediscovery.PrivateDnsNamespace(stack, 'Namespace', { name: 'books.local', vpc }).createService('Service');
    const bucket = new s3.Bucket(stack, 'Truststore');
    const dn = new apigwv2.DomainName(stack, 'DN', {
      domainName: 'api.example.com',
      certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', `${CERT_ARN}/abc`),
      certificateName: 'api',
      mtls: { bucket, key: 'ca.pem', version: 'v1' },
    });
    dn.addEndpoint({ certificate: acm.Certificate.fromCertificateArn(stack, 'EdgeCert', `${CERT_ARN}/edge`), endpointType: apigwv2.EndpointType.EDGE });
    const other = new apigwv2.DomainName(stack, 'Other', {
      domainName: 'other.example.com',
      certificate: acm.Certificate.fromCertificateArn(stack, 'OtherCert', `${CERT_ARN}/abc`),
      securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
      ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
    });
    const imported = apigwv2.DomainName.fromDomainNameAttributes(stack, 'Imported', { name: 'old.example.com', regionalDomainName: 'd-1', regionalHostedZoneId: 'Z1' });
    const api = new apigwv2.HttpApi(stack, 'Api', {
      defaultIntegration: new integrations.HttpUrlIntegration('DefaultIntegration', 'https://example.com'),
      defaultDomainMapping: { domainName: dn, mappingKey: 'foo' },
    });
    const beta = api.addStage('beta', { stageName: 'beta', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'bar' } });
    const demo = new apigwv2.HttpApi(stack, 'DemoApi', { defaultDomainMapping: { domainName: dn, mappingKey: 'demo' } });
    const root = new apigwv2.HttpApi(stack, 'RootApi', { defaultDomainMapping: { domainName: other } });
    const mapping = new apigwv2.ApiMapping(stack, 'Mapping', { api: demo, domainName: other, apiMappingKey: 'orders/v1' });
    new apigwv2.ApiMapping(stack, 'ImportedMapping', { api: root, domainName: imported, stage: root.defaultStage, apiMappingKey: 'legacy' });
    const link = new apigwv2.VpcLink(stack, 'Link', { vpc, vpcLinkName: 'books', securityGroups: [new ec2.SecurityGroup(stack, 'Sg', { vpc })] });
    api.addRoutes({ path: '/alb', integration: new integrations.HttpAlbIntegration('Alb', alb, { secureServerName: 'alb.example.com' }) });
    api.addRoutes({ path: '/nlb', methods: [apigwv2.HttpMethod.GET], integration: new integrations.HttpNlbIntegration('Nlb', nlb, { method: apigwv2.HttpMethod.GET }) });
    api.addRoutes({ path: '/cloudmap', integration: new integrations.HttpServiceDiscoveryIntegration('CloudMap', service, { vpcLink: link }) });
    api.addRoutes({ path: '/linked', integration: new integrations.HttpAlbIntegration('Linked', alb, { vpcLink: link, method: apigwv2.HttpMethod.POST }) });
    new CfnOutput(stack, 'DefaultDomainUrl', { value: api.defaultStage!.domainUrl });
    new CfnOutput(stack, 'BetaDomainUrl', { value: beta.domainUrl });
    new CfnOutput(stack, 'MappingUrl', { value: mapping.domainUrl });
    new CfnOutput(stack, 'RegionalName', { value: dn.regionalDomainName });
    new CfnOutput(stack, 'RegionalZone', { value: dn.regionalHostedZoneId });
    new CfnOutput(stack, 'DomainArn', { value: dn.domainNameRef.domainNameArn });
    new CfnOutput(stack, 'ImportedArn', { value: imported.domainNameRef.domainNameArn });
  },
};
