import { App, Aws, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import fc from 'fast-check';
import { ApiMapping, DomainName, EndpointType, HttpApi, IpAddressType, SecurityPolicy, WebSocketApi, WebSocketStage } from '../../lib';
import { CERT_ARN, certificate, errorOf, newStack } from '../support';

function domainProps(s: Stack): { [key: string]: any } {
  const domains = Template.fromStack(s).findResources('AWS::ApiGatewayV2::DomainName');
  const ids = Object.keys(domains);
  expect(ids).toHaveLength(1);
  return domains[ids[0]].Properties;
}

describe('DomainName', () => {
  test('minimal: one REGIONAL endpoint, no security policy, no mutual TLS', () => {
    const s = newStack();
    new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s) });

    expect(domainProps(s)).toEqual({
      DomainName: 'api.example.com',
      DomainNameConfigurations: [{ CertificateArn: CERT_ARN, EndpointType: 'REGIONAL' }],
    });
    expect(Object.keys(Template.fromStack(s).findResources('AWS::ApiGatewayV2::DomainName'))).toEqual(['DNFDC76583']);
  });

  test('every endpoint option and mutual TLS', () => {
    const s = newStack();
    const bucket = new s3.Bucket(s, 'Truststore');
    new DomainName(s, 'DN', {
      domainName: 'api.example.com',
      certificate: certificate(s),
      certificateName: 'api-cert',
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
      ipAddressType: IpAddressType.DUAL_STACK,
      ownershipCertificate: certificate(s, 'Ownership', 'arn:aws:acm:us-east-1:111111111111:certificate/own'),
      mtls: { bucket, key: 'ca.pem', version: 'v7' },
    });

    Template.fromStack(s).hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.com',
      DomainNameConfigurations: [{
        CertificateArn: CERT_ARN,
        CertificateName: 'api-cert',
        EndpointType: 'REGIONAL',
        SecurityPolicy: 'TLS_1_2',
        IpAddressType: 'dualstack',
        OwnershipVerificationCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/own',
      }],
      MutualTlsAuthentication: {
        TruststoreUri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^Truststore') }, '/ca.pem']] },
        TruststoreVersion: 'v7',
      },
    });
    expect(Object.keys(domainProps(s)).sort()).toEqual(['DomainName', 'DomainNameConfigurations', 'MutualTlsAuthentication']);
  });

  test('mutual TLS without a version uses the latest truststore object', () => {
    const s = newStack();
    new DomainName(s, 'DN', {
      domainName: 'api.example.com',
      certificate: certificate(s),
      mtls: { bucket: s3.Bucket.fromBucketName(s, 'B', 'trust-bucket'), key: 'ca.pem' },
    });
    expect(domainProps(s).MutualTlsAuthentication).toEqual({ TruststoreUri: 's3://trust-bucket/ca.pem' });
  });

  test('EDGE and TLS 1.0 are written as given', () => {
    const s = newStack();
    new DomainName(s, 'DN', {
      domainName: 'api.example.com', certificate: certificate(s), endpointType: EndpointType.EDGE, securityPolicy: SecurityPolicy.TLS_1_0,
    });
    expect(domainProps(s).DomainNameConfigurations).toEqual([{ CertificateArn: CERT_ARN, EndpointType: 'EDGE', SecurityPolicy: 'TLS_1_0' }]);
  });

  test('attributes: the Ref, the Regional endpoint and the ARN', () => {
    const s = newStack();
    const dn = new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s) });
    expect(s.resolve(dn.name)).toEqual({ Ref: 'DNFDC76583' });
    expect(s.resolve(dn.regionalDomainName)).toEqual({ 'Fn::GetAtt': ['DNFDC76583', 'RegionalDomainName'] });
    expect(s.resolve(dn.regionalHostedZoneId)).toEqual({ 'Fn::GetAtt': ['DNFDC76583', 'RegionalHostedZoneId'] });
    expect(s.resolve(dn.domainNameRef)).toEqual({
      domainName: { Ref: 'DNFDC76583' },
      domainNameArn: { 'Fn::GetAtt': ['DNFDC76583', 'DomainNameArn'] },
    });
  });

  test('fromDomainNameAttributes', () => {
    const s = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const dn = DomainName.fromDomainNameAttributes(s, 'Imported', {
      name: 'api.example.com', regionalDomainName: 'd-abc.execute-api.eu-west-1.amazonaws.com', regionalHostedZoneId: 'Z2FDTNDATAQYW2',
    });
    expect(dn.name).toBe('api.example.com');
    expect(dn.regionalDomainName).toBe('d-abc.execute-api.eu-west-1.amazonaws.com');
    expect(dn.regionalHostedZoneId).toBe('Z2FDTNDATAQYW2');
    expect(s.resolve(dn.domainNameRef)).toEqual({
      domainName: 'api.example.com',
      domainNameArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:eu-west-1:123456789012:/domainnames/api.example.com']] },
    });
  });

  describe('addEndpoint', () => {
    test('adds a second endpoint of another type', () => {
      const s = newStack();
      const dn = new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s) });
      dn.addEndpoint({ certificate: certificate(s, 'Edge', 'arn:aws:acm:us-east-1:111111111111:certificate/edge'), endpointType: EndpointType.EDGE });
      expect(domainProps(s).DomainNameConfigurations).toEqual([
        { CertificateArn: CERT_ARN, EndpointType: 'REGIONAL' },
        { CertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/edge', EndpointType: 'EDGE' },
      ]);
    });

    test('refuses a second endpoint of the same type (unset counts as REGIONAL)', () => {
      const s = newStack();
      const dn = new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s) });
      const error = errorOf(() => dn.addEndpoint({ certificate: certificate(s, 'Other'), endpointType: EndpointType.REGIONAL }));
      expect(error.message).toBe('Stack/DN: the domain already has a REGIONAL endpoint: a domain has one endpoint of each type; change `endpointType` [cdk-apigatewayv2:domainEndpoint]');
      expect(() => dn.addEndpoint({ certificate: certificate(s, 'Third') })).toThrow(/already has a REGIONAL endpoint/);
    });

    test('refuses an ownership certificate on a domain without mutual TLS', () => {
      const s = newStack();
      const dn = new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s) });
      expect(errorOf(() => dn.addEndpoint({
        certificate: certificate(s, 'Edge'), endpointType: EndpointType.EDGE, ownershipCertificate: certificate(s, 'Own'),
      })).message).toMatch(/`ownershipCertificate` is only used with mutual TLS, which this domain does not have/);
    });
  });

  describe('ownership certificate', () => {
    test('refused without mutual TLS', () => {
      const s = newStack();
      const error = errorOf(() => new DomainName(s, 'DN', {
        domainName: 'api.example.com', certificate: certificate(s), ownershipCertificate: certificate(s, 'Own'),
      }));
      expect(error.message).toBe('Stack/DN: `ownershipCertificate` is only used with mutual TLS: set `mtls` too, or remove `ownershipCertificate` [cdk-apigatewayv2:ownershipCertificate]');
    });

    test('accepted with mutual TLS', () => {
      const s = newStack();
      new DomainName(s, 'DN', {
        domainName: 'api.example.com',
        certificate: certificate(s),
        ownershipCertificate: certificate(s, 'Own'),
        mtls: { bucket: s3.Bucket.fromBucketName(s, 'B', 'trust'), key: 'ca.pem' },
      });
      expect(domainProps(s).DomainNameConfigurations[0].OwnershipVerificationCertificateArn).toBe(CERT_ARN);
    });
  });

  describe('domain name rules', () => {
    const refused: [string, RegExp][] = [
      ['', /^Stack\/DN: `domainName` is empty: give the custom domain name/],
      ['Api.Example.com', /API Gateway does not support uppercase letters in domain names; use 'api.example.com'/],
      ['localhost', /at least two labels/],
      ['api..example.com', /it has an empty label/],
      ['api.example.com.', /it has an empty label/],
      ['-api.example.com', /label '-api' must be letters, digits and hyphens, not starting or ending with a hyphen/],
      ['api-.example.com', /label 'api-' must be letters/],
      ['my_api.example.com', /label 'my_api' must be letters/],
      ['bücher.example', /label 'bücher' must be letters.*punycode/],
      [`${'a'.repeat(64)}.example.com`, /is 64 characters, over the limit of 63/],
      ['api.*.example.com', /a wildcard is only allowed as the whole first label/],
      ['*api.example.com', /a wildcard is only allowed as the whole first label/],
      [`${Array(64).fill('abc').join('.')}.com`, /259 characters is over the DNS limit of 253/],
    ];
    test.each(refused)('refuses %j', (name, message) => {
      const s = newStack();
      expect(errorOf(() => new DomainName(s, 'DN', { domainName: name, certificate: certificate(s) })).message).toMatch(message);
    });

    const accepted = [
      'example.com', 'api.example.com', '*.example.com', 'a-b-c.example.com', '123.example.com',
      'xn--bcher-kva.example', `${'a'.repeat(63)}.example.com`, `${Array(62).fill('abc').join('.')}.com`,
    ];
    test.each(accepted)('accepts %j', (name) => {
      const s = newStack();
      new DomainName(s, 'DN', { domainName: name, certificate: certificate(s) });
      expect(domainProps(s).DomainName).toBe(name);
    });

    test('253 characters is the longest name', () => {
      const s = newStack();
      const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
      expect(name).toHaveLength(253);
      new DomainName(s, 'DN', { domainName: name, certificate: certificate(s) });
      expect(() => new DomainName(s, 'DN2', { domainName: `e${name}`, certificate: certificate(s, 'C2') })).toThrow(/254 characters/);
    });

    test('an unresolved name is not checked', () => {
      const s = newStack();
      new DomainName(s, 'DN', { domainName: Fn.importValue('DomainName'), certificate: certificate(s) });
      expect(domainProps(s).DomainName).toEqual({ 'Fn::ImportValue': 'DomainName' });
    });

    test('property: names built from valid labels are accepted', () => {
      const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/);
      fc.assert(fc.property(fc.boolean(), fc.array(label, { minLength: 2, maxLength: 5 }), (wildcard, labels) => {
        const s = newStack();
        const name = `${wildcard ? '*.' : ''}${labels.join('.')}`;
        new DomainName(s, 'DN', { domainName: name, certificate: certificate(s) });
      }), { numRuns: 50 });
    });
  });

  describe('alias records (hostedZone)', () => {
    function zone(s: Stack, name = 'example.com'): route53.IHostedZone {
      return route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z123', zoneName: name });
    }

    test('an IPv4 domain gets an A alias record to its Regional endpoint', () => {
      const s = newStack();
      new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s), hostedZone: zone(s) });
      const template = Template.fromStack(s);
      template.resourceCountIs('AWS::Route53::RecordSet', 1);
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'api.example.com.',
        Type: 'A',
        HostedZoneId: 'Z123',
        AliasTarget: {
          DNSName: { 'Fn::GetAtt': ['DNFDC76583', 'RegionalDomainName'] },
          HostedZoneId: { 'Fn::GetAtt': ['DNFDC76583', 'RegionalHostedZoneId'] },
        },
      });
      expect(Object.keys(template.findResources('AWS::Route53::RecordSet'))[0]).toMatch(/^DNAliasRecord/);
    });

    test('a dual-stack domain gets A and AAAA records', () => {
      const s = newStack();
      const dn = new DomainName(s, 'DN', {
        domainName: 'api.example.com', certificate: certificate(s), ipAddressType: IpAddressType.DUAL_STACK, hostedZone: zone(s),
      });
      const template = Template.fromStack(s);
      template.resourceCountIs('AWS::Route53::RecordSet', 2);
      template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.com.', Type: 'A' });
      template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.com.', Type: 'AAAA' });
      expect(dn.node.tryFindChild('AliasRecordIpv6')).toBeDefined();
    });

    test('the zone apex and wildcard names', () => {
      const s = newStack();
      new DomainName(s, 'Apex', { domainName: 'example.com', certificate: certificate(s), hostedZone: zone(s) });
      new DomainName(s, 'Wild', { domainName: '*.example.com', certificate: certificate(s, 'C2'), hostedZone: route53.HostedZone.fromHostedZoneAttributes(s, 'Z2', { hostedZoneId: 'Z1', zoneName: 'example.com.' }) });
      const template = Template.fromStack(s);
      template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'example.com.', Type: 'A' });
      template.hasResourceProperties('AWS::Route53::RecordSet', { Name: '*.example.com.', Type: 'A' });
    });

    test('addAliasRecords in more zones (e.g. public and private) gives each its records', () => {
      const s = newStack();
      const dn = new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s) });
      const first = dn.addAliasRecords(zone(s));
      const second = dn.addAliasRecords(route53.HostedZone.fromHostedZoneAttributes(s, 'Private', { hostedZoneId: 'Z9', zoneName: 'example.com' }));
      expect(first.map(r => r.node.id)).toEqual(['AliasRecord']);
      expect(second.map(r => r.node.id)).toEqual(['AliasRecord2']);
      Template.fromStack(s).resourceCountIs('AWS::Route53::RecordSet', 2);
    });

    test('refuses a domain name that is not in the zone', () => {
      const s = newStack();
      const error = errorOf(() => new DomainName(s, 'DN', { domainName: 'api.example.org', certificate: certificate(s), hostedZone: zone(s) }));
      expect(error.message).toBe('Stack/DN: domain name \'api.example.org\' is not in hosted zone \'example.com\': pass the zone that holds the domain name [cdk-apigatewayv2:domainDnsRecord]');
      const other = route53.HostedZone.fromHostedZoneAttributes(s, 'Other', { hostedZoneId: 'Z2', zoneName: 'example.com' });
      expect(() => new DomainName(s, 'DN2', { domainName: 'notexample.com', certificate: certificate(s, 'C2'), hostedZone: other }))
        .toThrow(/is not in hosted zone/);
    });

    test('refuses a domain without a REGIONAL endpoint', () => {
      const s = newStack();
      expect(errorOf(() => new DomainName(s, 'DN', {
        domainName: 'api.example.com', certificate: certificate(s), endpointType: EndpointType.EDGE, hostedZone: zone(s),
      })).message).toMatch(/alias records need a REGIONAL endpoint, whose address they point to, and this domain has none/);
    });
  });

  describe('two domains of one name', () => {
    const NAME = 'api.example.com';
    function stackIn(app: App, id: string, env?: { account?: string; region?: string }): Stack {
      return new Stack(app, id, { env });
    }
    function regionalCertificate(s: Stack, region: string, id = 'Cert'): acm.ICertificate {
      return certificate(s, id, `arn:aws:acm:${region}:111111111111:certificate/abc`);
    }
    function warningsOf(s: Stack): string[] {
      return Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('domainNameMayCollide')).map(w => String(w.entry.data));
    }

    test('refused in one known account and Region, naming both domains (HTTP and WebSocket share the namespace)', () => {
      const app = new App();
      const env = { account: '111111111111', region: 'eu-west-1' };
      const a = stackIn(app, 'A', env);
      const b = stackIn(app, 'B', env);
      const http = new DomainName(a, 'HttpDomain', { domainName: NAME, certificate: regionalCertificate(a, 'eu-west-1') });
      new ApiMapping(a, 'M', { api: new HttpApi(a, 'Api'), domainName: http });
      const error = errorOf(() => {
        const ws = new DomainName(b, 'WsDomain', { domainName: NAME, certificate: regionalCertificate(b, 'eu-west-1') });
        const api = new WebSocketApi(b, 'Ws');
        new ApiMapping(b, 'M', { api, domainName: ws, stage: new WebSocketStage(b, 'Prod', { webSocketApi: api, stageName: 'prod' }) });
      });
      expect(error.message).toBe('B/WsDomain: duplicate `domainName` \'api.example.com\': the domain name at A/HttpDomain has it too, in the same '
        + 'account and Region, and API Gateway keeps one custom domain name of a name per Region; create the domain once and pass that '
        + 'construct to every API mapping, or import it with DomainName.fromDomainNameAttributes() [cdk-apigatewayv2:duplicateDomainName]');
      expect(error.constructPath).toBe('B/WsDomain');
    });

    test('refused twice in one environment-agnostic stack, which deploys to one place', () => {
      const s = newStack();
      new DomainName(s, 'One', { domainName: NAME, certificate: certificate(s) });
      expect(errorOf(() => new DomainName(s, 'Two', { domainName: NAME, certificate: certificate(s, 'C2') })).message)
        .toMatch(/^Stack\/Two: duplicate `domainName` 'api.example.com': the domain name at Stack\/One has it too/);
    });

    test('environment-agnostic stacks may deploy to different Regions: a warning, not a refusal, and each keeps its own mappings', () => {
      const app = new App();
      const a = stackIn(app, 'A');
      const b = stackIn(app, 'B');
      for (const s of [a, b]) {
        const dn = new DomainName(s, 'DN', { domainName: NAME, certificate: certificate(s) });
        new ApiMapping(s, 'M', { api: new HttpApi(s, 'Api'), domainName: dn });
      }
      expect(warningsOf(a)).toEqual([]);
      expect(warningsOf(b)).toEqual([expect.stringMatching(/^`domainName` 'api.example.com' is also created at A\/DN: the account or Region of one of their stacks is unknown at synth time/)]);
      Template.fromStack(b).resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    });

    test('a known Region beside an unknown one warns too', () => {
      const app = new App();
      const a = stackIn(app, 'A', { region: 'eu-west-1' });
      const b = stackIn(app, 'B', { account: '111111111111', region: Aws.REGION });
      new DomainName(a, 'DN', { domainName: NAME, certificate: regionalCertificate(a, 'eu-west-1') });
      new DomainName(b, 'DN', { domainName: NAME, certificate: certificate(b) });
      expect(warningsOf(b)).toHaveLength(1);
    });

    test('one known Region and two known accounts warns: the name is unique within a Region across accounts', () => {
      const app = new App();
      const a = stackIn(app, 'A', { account: '111111111111', region: 'eu-west-1' });
      const b = stackIn(app, 'B', { account: '222222222222', region: 'eu-west-1' });
      new DomainName(a, 'DN', { domainName: NAME, certificate: regionalCertificate(a, 'eu-west-1') });
      new DomainName(b, 'DN', { domainName: NAME, certificate: regionalCertificate(b, 'eu-west-1') });
      expect(warningsOf(b)).toEqual([expect.stringMatching(/both deploy to eu-west-1, and a custom domain name is unique within a Region, across accounts/)]);
    });

    test('valid neighbour: different known Regions, a different name, or a domain and an import of it', () => {
      const app = new App();
      const east = stackIn(app, 'East', { account: '111111111111', region: 'us-east-1' });
      const west = stackIn(app, 'West', { account: '111111111111', region: 'us-west-2' });
      new DomainName(east, 'DN', { domainName: NAME, certificate: regionalCertificate(east, 'us-east-1') });
      new DomainName(east, 'Other', { domainName: 'other.example.com', certificate: regionalCertificate(east, 'us-east-1', 'OtherCert') });
      DomainName.fromDomainNameAttributes(east, 'Imported', { name: NAME, regionalDomainName: 'd', regionalHostedZoneId: 'Z' });
      new DomainName(west, 'DN', { domainName: NAME, certificate: regionalCertificate(west, 'us-west-2') });
      expect([...warningsOf(east), ...warningsOf(west)]).toEqual([]);
      Template.fromStack(west).resourceCountIs('AWS::ApiGatewayV2::DomainName', 1);
    });

    test('unresolved names are not compared', () => {
      const s = newStack();
      new DomainName(s, 'One', { domainName: Fn.importValue('Name'), certificate: certificate(s) });
      new DomainName(s, 'Two', { domainName: Fn.importValue('Name'), certificate: certificate(s, 'C2') });
      Template.fromStack(s).resourceCountIs('AWS::ApiGatewayV2::DomainName', 2);
    });
  });

  describe('certificate Region', () => {
    const ARN_IN = (region: string) => `arn:aws:acm:${region}:111111111111:certificate/abc`;
    const inRegion = (region: string) => new Stack(new App(), 'Stack', { env: { region } });

    test('a REGIONAL endpoint refuses a certificate (by ARN) of another known Region', () => {
      const s = inRegion('eu-west-1');
      const error = errorOf(() => new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s, 'Cert', ARN_IN('us-east-1')) }));
      expect(error.message).toBe('Stack/DN: invalid `certificate` of the REGIONAL endpoint: the certificate is in us-east-1 and the domain in eu-west-1, '
        + 'and a Regional custom domain name needs an ACM certificate in its own Region; request or import the certificate in eu-west-1 [cdk-apigatewayv2:certificateRegion]');
    });

    test('a REGIONAL endpoint refuses a certificate created in a stack of another Region', () => {
      const app = new App();
      const certStack = new Stack(app, 'Certs', { env: { region: 'us-east-1' }, crossRegionReferences: true });
      const cert = new acm.Certificate(certStack, 'Cert', { domainName: 'api.example.com' });
      const s = new Stack(app, 'Api', { env: { region: 'eu-west-1' }, crossRegionReferences: true });
      expect(errorOf(() => new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: cert })).message)
        .toMatch(/the certificate is in us-east-1 and the domain in eu-west-1/);
    });

    test('addEndpoint checks the added certificate', () => {
      const s = inRegion('eu-west-1');
      const dn = new DomainName(s, 'DN', { domainName: 'api.example.com', endpointType: EndpointType.EDGE, certificate: certificate(s, 'Edge', ARN_IN('us-east-1')) });
      expect(() => dn.addEndpoint({ certificate: certificate(s, 'Cert', ARN_IN('eu-central-1')) })).toThrow(/the certificate is in eu-central-1 and the domain in eu-west-1/);
    });

    test('an EDGE endpoint refuses a certificate outside us-east-1', () => {
      const s = inRegion('eu-west-1');
      expect(errorOf(() => new DomainName(s, 'DN', {
        domainName: 'api.example.com', endpointType: EndpointType.EDGE, certificate: certificate(s, 'Cert', ARN_IN('eu-west-1')),
      })).message).toBe('Stack/DN: invalid `certificate` of the EDGE endpoint: the certificate is in eu-west-1, and an edge-optimized custom '
        + 'domain name needs an ACM certificate in us-east-1; request or import the certificate there [cdk-apigatewayv2:certificateRegion]');
    });

    test('valid neighbours: the same Region, us-east-1 for EDGE, and unknown Regions', () => {
      const s = inRegion('eu-west-1');
      new DomainName(s, 'Regional', { domainName: 'a.example.com', certificate: certificate(s, 'C1', ARN_IN('eu-west-1')) });
      new DomainName(s, 'Edge', { domainName: 'b.example.com', endpointType: EndpointType.EDGE, certificate: certificate(s, 'C2', ARN_IN('us-east-1')) });
      new DomainName(s, 'Created', { domainName: 'c.example.com', certificate: new acm.Certificate(s, 'C3', { domainName: 'c.example.com' }) });
      new DomainName(s, 'Imported', { domainName: 'd.example.com', certificate: certificate(s, 'C4', Fn.importValue('CertArn')) });
      new DomainName(s, 'TokenRegion', { domainName: 'e.example.com', certificate: certificate(s, 'C5', `arn:aws:acm:${Aws.REGION}:111111111111:certificate/abc`) });
      const agnostic = newStack();
      new DomainName(agnostic, 'DN', { domainName: 'a.example.com', certificate: certificate(agnostic, 'C1', ARN_IN('ap-south-1')) });
      Template.fromStack(s).resourceCountIs('AWS::ApiGatewayV2::DomainName', 5);
    });
  });

  describe('mutual TLS truststore', () => {
    test('refuses an empty `mtls.key`', () => {
      const s = newStack();
      const bucket = new s3.Bucket(s, 'Truststore');
      expect(errorOf(() => new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s), mtls: { bucket, key: '' } })).message)
        .toBe('Stack/DN: `mtls.key` is empty: give the key of the truststore object in the bucket, e.g. \'truststore.pem\' [cdk-apigatewayv2:mtlsTruststoreKey]');
    });

    test('valid neighbours: a one-character key, and a token', () => {
      const s = newStack();
      const bucket = new s3.Bucket(s, 'Truststore');
      new DomainName(s, 'DN', { domainName: 'api.example.com', certificate: certificate(s), mtls: { bucket, key: 'a' } });
      new DomainName(s, 'DN2', { domainName: 'b.example.com', certificate: certificate(s, 'C2'), mtls: { bucket, key: Fn.importValue('Key') } });
      Template.fromStack(s).resourceCountIs('AWS::ApiGatewayV2::DomainName', 2);
    });
  });
});
