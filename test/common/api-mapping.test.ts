import { App, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnDomainName } from 'aws-cdk-lib/aws-apigatewayv2';
import fc from 'fast-check';
import type { IDomainName } from '../../lib';
import { ApiMapping, DomainName, EndpointType, HttpApi, HttpStage, IpAddressType, SecurityPolicy, WebSocketApi, WebSocketStage } from '../../lib';
import { certificate, errorOf, newStack } from '../support';

function domain(s: Stack, id = 'DN', name = 'api.example.com', props: Partial<ConstructorParameters<typeof DomainName>[2]> = {}): DomainName {
  return new DomainName(s, id, { domainName: name, certificate: certificate(s, `${id}Cert`), ...props });
}

function mappings(s: Stack): { [id: string]: any } {
  return Template.fromStack(s).findResources('AWS::ApiGatewayV2::ApiMapping');
}

const ALLOWED_KEY_CHAR = /^[A-Za-z0-9$\-_.+!*'()]$/;

describe('ApiMapping', () => {
  test('maps the default stage of an HTTP API to the root of the domain, after the stage', () => {
    const s = newStack();
    const api = new HttpApi(s, 'Api');
    const dn = domain(s);
    const mapping = new ApiMapping(s, 'Mapping', { api, domainName: dn });

    expect(mappings(s)).toEqual({
      MappingE24B359D: {
        Type: 'AWS::ApiGatewayV2::ApiMapping',
        Properties: { ApiId: { Ref: 'ApiF70053CD' }, DomainName: { Ref: 'DNFDC76583' }, Stage: '$default' },
        DependsOn: ['ApiDefaultStage189A7074'],
      },
    });
    expect(s.resolve(mapping.apiMappingId)).toEqual({ Ref: 'MappingE24B359D' });
    expect(mapping.mappingKey).toBeUndefined();
    expect(s.resolve(mapping.domainUrl)).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'DNFDC76583' }, '/']] });
    expect(mapping.domainName).toBe(dn);
    expect(s.resolve(mapping.apiMappingRef)).toEqual({ apiMappingId: { Ref: 'MappingE24B359D' }, domainName: { Ref: 'DNFDC76583' } });
  });

  test('a given stage and key', () => {
    const s = newStack();
    const api = new HttpApi(s, 'Api', { createDefaultStage: false });
    const beta = api.addStage('Beta', { stageName: 'beta' });
    const mapping = new ApiMapping(s, 'Mapping', { api, domainName: domain(s), stage: beta, apiMappingKey: 'books' });

    Template.fromStack(s).hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: { ApiId: { Ref: 'ApiF70053CD' }, DomainName: { Ref: 'DNFDC76583' }, Stage: 'beta', ApiMappingKey: 'books' },
      DependsOn: ['ApiBeta2B1A7D74'],
    });
    expect(mapping.mappingKey).toBe('books');
    expect(s.resolve(mapping.domainUrl)).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'DNFDC76583' }, '/books']] });
  });

  test('the dependency on the stage holds when the mapping is in another stack', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const api = new HttpApi(apiStack, 'Api');
    const mappingStack = new Stack(app, 'MappingStack');
    new ApiMapping(mappingStack, 'Mapping', { api, domainName: domain(mappingStack) });
    app.synth();
    expect(mappingStack.dependencies.map(d => d.stackName)).toEqual(['ApiStack']);
  });

  test('an imported domain name is mapped by name', () => {
    const s = newStack();
    const dn = DomainName.fromDomainNameAttributes(s, 'DN', { name: 'api.example.com', regionalDomainName: 'd-1.example', regionalHostedZoneId: 'Z1' });
    const mapping = new ApiMapping(s, 'Mapping', { api: new HttpApi(s, 'Api'), domainName: dn, apiMappingKey: 'v1' });
    Template.fromStack(s).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { DomainName: 'api.example.com', ApiMappingKey: 'v1' });
    expect(mapping.domainUrl).toBe('https://api.example.com/v1');
  });

  test('`domainName` refuses a domain reference without the Regional endpoint attributes', () => {
    const s = newStack();
    const upstream = new CfnDomainName(s, 'L1', { domainName: 'api.example.com' });
    const mapping = new ApiMapping(s, 'Mapping', { api: new HttpApi(s, 'Api'), domainName: upstream });
    expect(errorOf(() => mapping.domainName).message)
      .toBe('Stack/Mapping: `domainName` Stack/L1 is a reference without `regionalDomainName` and `regionalHostedZoneId`: '
        + 'pass a DomainName, or import one with DomainName.fromDomainNameAttributes() [cdk-apigatewayv2:incompleteReference]');
  });

  test('fromApiMappingAttributes', () => {
    const s = newStack();
    const withDomain = ApiMapping.fromApiMappingAttributes(s, 'A', { apiMappingId: 'abc', domainName: 'api.example.com' });
    expect(withDomain.apiMappingId).toBe('abc');
    expect(withDomain.apiMappingRef).toEqual({ apiMappingId: 'abc', domainName: 'api.example.com' });
    const withoutDomain = ApiMapping.fromApiMappingAttributes(s, 'B', { apiMappingId: 'def' });
    expect(withoutDomain.apiMappingRef.apiMappingId).toBe('def');
    expect(errorOf(() => withoutDomain.apiMappingRef.domainName).message)
      .toBe('Stack/B: the `domainName` of this imported API mapping is unknown: pass `domainName` to ApiMapping.fromApiMappingAttributes() [cdk-apigatewayv2:attributeUnavailable]');
  });

  describe('stage', () => {
    test('refused when the HTTP API has no default stage and none is given', () => {
      const s = newStack();
      const api = new HttpApi(s, 'Api', { createDefaultStage: false });
      expect(errorOf(() => new ApiMapping(s, 'Mapping', { api, domainName: domain(s) })).message)
        .toBe('Stack/Mapping: `stage` is required: the API has no default stage (WebSocket APIs never have one, HTTP APIs not with '
          + '`createDefaultStage: false`); pass the stage to map [cdk-apigatewayv2:mappingStage]');
    });

    test('refused for a WebSocket API without a stage; accepted with one', () => {
      const s = newStack();
      const ws = new WebSocketApi(s, 'Ws');
      expect(() => new ApiMapping(s, 'Mapping', { api: ws, domainName: domain(s) })).toThrow(/`stage` is required/);
      new ApiMapping(s, 'Mapping2', { api: ws, domainName: domain(s, 'DN2', 'ws.example.com'), stage: ws.addStage('Prod', { stageName: 'prod' }) });
      Template.fromStack(s).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: 'prod' });
    });
  });

  describe('key rules', () => {
    function map(key: string | undefined, s = newStack(), dn: IDomainName = domain(s)): ApiMapping {
      return new ApiMapping(s, 'Mapping', { api: new HttpApi(s, 'Api'), domainName: dn, apiMappingKey: key });
    }

    test('an empty key is refused; no key maps the root', () => {
      expect(errorOf(() => map('')).message).toBe('Stack/Mapping: invalid `apiMappingKey` \'\': an empty key is not allowed; leave the key unset to map the root of the domain [cdk-apigatewayv2:apiMappingKey]');
      expect(map(undefined).mappingKey).toBeUndefined();
    });

    test('a key of more than 300 characters is refused; 300 is accepted', () => {
      expect(errorOf(() => map('a'.repeat(301))).message).toMatch(/301 characters is over the limit of 300; shorten it \[cdk-apigatewayv2:apiMappingKey\]$/);
      expect(map('a'.repeat(300)).mappingKey).toHaveLength(300);
    });

    test.each(['books?x', 'a b', 'v1#', 'caf\u00e9', 'a,b', 'a:b', 'a@b', 'a%20b', 'a\\b'])('refuses the key %j', (key) => {
      expect(errorOf(() => map(key)).message).toMatch(/is not allowed; use letters, digits and \$-_\.\+!\*'\(\), and '\/' between the levels/);
    });

    test('every allowed character is accepted', () => {
      expect(map("Az09$-_.+!*'()").mappingKey).toBe("Az09$-_.+!*'()");
    });

    test('property: keys of allowed characters pass, any other character is refused', () => {
      const allowed = fc.string({ unit: fc.constantFrom(...("abcXYZ019$-_.+!*'()").split('')), minLength: 1, maxLength: 40 });
      fc.assert(fc.property(allowed, key => {
        expect(map(key).mappingKey).toBe(key);
      }), { numRuns: 40 });
      const bad = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter(c => !ALLOWED_KEY_CHAR.test(c) && c !== '/');
      fc.assert(fc.property(allowed, bad, (key, c) => {
        expect(() => map(`${key}${c}`)).toThrow(/is not allowed/);
      }), { numRuns: 40 });
    });

    test('an unresolved key is not checked', () => {
      const s = newStack();
      map(Fn.importValue('Key'), s);
      Template.fromStack(s).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: { 'Fn::ImportValue': 'Key' } });
    });

    test('multi-level keys on a REGIONAL TLS 1.2 domain (unset policy or TLS_1_2)', () => {
      expect(map('orders/v1/items').mappingKey).toBe('orders/v1/items');
      const s = newStack();
      expect(map('orders/v1', s, domain(s, 'DN', 'api.example.com', { securityPolicy: SecurityPolicy.TLS_1_2 })).mappingKey).toBe('orders/v1');
    });

    test('multi-level keys with an empty level get a warning', () => {
      const s = newStack();
      map('orders//v1', s);
      Annotations.fromStack(s).hasWarning('/Stack/Mapping', Match.stringLikeRegexp("has an empty level \\(a '/' at an end or two in a row\\)"));
      const clean = newStack();
      map('orders/v1', clean);
      Annotations.fromStack(clean).hasNoWarning('*', Match.anyValue());
    });

    test('multi-level keys are refused on a domain with TLS 1.0 or an EDGE endpoint', () => {
      const s = newStack();
      const tls10 = domain(s, 'DN', 'api.example.com', { securityPolicy: SecurityPolicy.TLS_1_0 });
      // TLS 1.0 domains cannot take HTTP APIs at all, so map a REST-like API of unknown protocol.
      const rest = { apiRef: { apiId: 'rest123' }, node: s.node, env: s.env } as any;
      expect(errorOf(() => new ApiMapping(s, 'Mapping', { api: rest, domainName: tls10, apiMappingKey: 'a/b', stage: { stageName: 'prod' } as any })).message)
        .toBe('Stack/Mapping: multi-level `apiMappingKey` \'a/b\' needs a REGIONAL domain name with the TLS_1_2 security policy, but Stack/DN has '
          + 'REGIONAL with TLS_1_0; use a single-level key or a REGIONAL TLS_1_2 domain [cdk-apigatewayv2:multiLevelMapping]');

      const s2 = newStack();
      const both = domain(s2);
      both.addEndpoint({ certificate: certificate(s2, 'Edge'), endpointType: EndpointType.EDGE });
      expect(() => map('a/b', s2, both)).toThrow(/needs a REGIONAL domain name with the TLS_1_2 security policy, but Stack\/DN has REGIONAL with TLS_1_2, EDGE with TLS_1_2/);
      expect(map('ab', newStack(), domain(newStack()))).toBeDefined();
    });

    test('an EDGE endpoint added after a multi-level mapping is refused', () => {
      const s = newStack();
      const dn = domain(s);
      map('orders/v1', s, dn);
      expect(errorOf(() => dn.addEndpoint({ certificate: certificate(s, 'Edge'), endpointType: EndpointType.EDGE })).message)
        .toBe('Stack/DN: cannot add a EDGE endpoint with TLS_1_2: the domain has the multi-level mapping \'orders/v1\' at Stack/Mapping, '
          + 'which needs every endpoint REGIONAL with TLS_1_2 [cdk-apigatewayv2:multiLevelMapping]');
      const s2 = newStack();
      const single = domain(s2);
      map('orders', s2, single);
      single.addEndpoint({ certificate: certificate(s2, 'Edge'), endpointType: EndpointType.EDGE });
    });

    test('WebSocket keys cannot be multi-level', () => {
      const s = newStack();
      const ws = new WebSocketApi(s, 'Ws');
      const stage = ws.addStage('Prod', { stageName: 'prod' });
      expect(errorOf(() => new ApiMapping(s, 'Mapping', { api: ws, domainName: domain(s), stage, apiMappingKey: 'chat/v1' })).message)
        .toBe('Stack/Mapping: invalid `apiMappingKey` \'chat/v1\': WebSocket APIs cannot have multi-level mappings, so the key cannot contain \'/\'; '
          + 'use a single level, e.g. \'chat-v1\' [cdk-apigatewayv2:apiMappingKey]');
      new ApiMapping(s, 'Mapping2', { api: ws, domainName: domain(s, 'DN2', 'ws.example.com'), stage, apiMappingKey: 'chat-v1' });
    });

    test('at most 200 multi-level mappings per domain', () => {
      const s = newStack();
      const api = new HttpApi(s, 'Api');
      const dn = domain(s);
      for (let i = 0; i < 200; i++) {
        new ApiMapping(s, `M${i}`, { api, domainName: dn, apiMappingKey: `v${i}/orders` });
      }
      new ApiMapping(s, 'Single', { api, domainName: dn, apiMappingKey: 'orders' });
      expect(errorOf(() => new ApiMapping(s, 'M200', { api, domainName: dn, apiMappingKey: 'v200/orders' })).message)
        .toMatch(/too many multi-level mappings on domain Stack\/DN: this is number 201, API Gateway allows 200 per domain/);
    });
  });

  describe('rules across the mappings of a domain', () => {
    test('two mappings with the same key are refused; different keys and one root are accepted', () => {
      const s = newStack();
      const dn = domain(s);
      const a = new HttpApi(s, 'A');
      const b = new HttpApi(s, 'B');
      new ApiMapping(s, 'Root', { api: a, domainName: dn });
      new ApiMapping(s, 'Books', { api: b, domainName: dn, apiMappingKey: 'books' });
      new ApiMapping(s, 'Authors', { api: a, domainName: dn, apiMappingKey: 'authors' });
      expect(errorOf(() => new ApiMapping(s, 'Books2', { api: a, domainName: dn, apiMappingKey: 'books' })).message)
        .toBe('Stack/Books2: domain Stack/DN already has a mapping with `apiMappingKey` \'books\' at Stack/Books: keys are unique per domain; choose another key [cdk-apigatewayv2:duplicateMapping]');
      expect(errorOf(() => new ApiMapping(s, 'Root2', { api: b, domainName: dn })).message)
        .toBe('Stack/Root2: domain Stack/DN already maps its root (no `apiMappingKey`) at Stack/Root: a domain has one mapping without a key; give this one a key [cdk-apigatewayv2:duplicateMapping]');
    });

    test('the same key on two domains, or on one name in two Regions, is accepted', () => {
      const app = new App();
      const east = new Stack(app, 'East', { env: { region: 'us-east-1' } });
      const west = new Stack(app, 'West', { env: { region: 'us-west-2' } });
      new ApiMapping(east, 'M', { api: new HttpApi(east, 'Api'), domainName: domain(east), apiMappingKey: 'v1' });
      new ApiMapping(east, 'M2', { api: new HttpApi(east, 'Api2'), domainName: domain(east, 'Other', 'other.example.com'), apiMappingKey: 'v1' });
      const westCertificate = certificate(west, 'WestCert', 'arn:aws:acm:us-west-2:111111111111:certificate/abc');
      new ApiMapping(west, 'M', { api: new HttpApi(west, 'Api'), domainName: domain(west, 'DN', 'api.example.com', { certificate: westCertificate }), apiMappingKey: 'v1' });
      expect(Object.keys(mappings(east))).toHaveLength(2);
    });

    test('a domain and an import of it share the rules', () => {
      const s = newStack();
      const dn = domain(s);
      new ApiMapping(s, 'M', { api: new HttpApi(s, 'A'), domainName: dn, apiMappingKey: 'v1' });
      const imported = DomainName.fromDomainNameAttributes(s, 'Imported', { name: 'api.example.com', regionalDomainName: 'd', regionalHostedZoneId: 'Z' });
      expect(() => new ApiMapping(s, 'M2', { api: new HttpApi(s, 'B'), domainName: imported, apiMappingKey: 'v1' })).toThrow(/already has a mapping with `apiMappingKey` 'v1'/);
    });

    test('separate apps do not see each other', () => {
      for (let i = 0; i < 2; i++) {
        const s = newStack();
        new ApiMapping(s, 'M', { api: new HttpApi(s, 'A'), domainName: domain(s), apiMappingKey: 'v1' });
      }
    });

    test('HTTP and WebSocket APIs cannot share a domain', () => {
      const s = newStack();
      const dn = domain(s);
      new ApiMapping(s, 'Http', { api: new HttpApi(s, 'Api'), domainName: dn, apiMappingKey: 'rest' });
      const ws = new WebSocketApi(s, 'Ws');
      expect(errorOf(() => new ApiMapping(s, 'WsMapping', { api: ws, domainName: dn, stage: ws.addStage('Prod', { stageName: 'prod' }), apiMappingKey: 'chat' })).message)
        .toBe('Stack/WsMapping: domain Stack/DN already maps an HTTP API at Stack/Http: API Gateway does not map WebSocket APIs to the same domain name as '
          + 'HTTP or REST APIs; use a separate domain name for each protocol [cdk-apigatewayv2:mappingProtocol]');
    });

    test('an HTTP API on a domain that maps a WebSocket API is refused too', () => {
      const s = newStack();
      const dn = domain(s);
      const ws = new WebSocketApi(s, 'Ws');
      new ApiMapping(s, 'WsMapping', { api: ws, domainName: dn, stage: ws.addStage('Prod', { stageName: 'prod' }) });
      expect(() => new HttpApi(s, 'Api', { defaultDomainMapping: { domainName: dn, mappingKey: 'rest' } }))
        .toThrow(/domain Stack\/DN already maps a WebSocket API at Stack\/WsMapping/);
    });

    test('a domain whose name is a token keeps its rules per object', () => {
      const s = newStack();
      const dn = new DomainName(s, 'DN', { domainName: Fn.importValue('Name'), certificate: certificate(s) });
      new ApiMapping(s, 'A', { api: new HttpApi(s, 'Api'), domainName: dn, apiMappingKey: 'v1' });
      expect(() => new ApiMapping(s, 'B', { api: new HttpApi(s, 'Api2'), domainName: dn, apiMappingKey: 'v1' })).toThrow(/already has a mapping with `apiMappingKey` 'v1'/);
      new ApiMapping(s, 'C', { api: new HttpApi(s, 'Api3'), domainName: dn, apiMappingKey: 'v2' });
    });

    test('WebSocket APIs may share a domain with each other', () => {
      const s = newStack();
      const dn = domain(s);
      const a = new WebSocketApi(s, 'A');
      const b = new WebSocketApi(s, 'B');
      new ApiMapping(s, 'MA', { api: a, domainName: dn, stage: a.addStage('S', { stageName: 'prod' }), apiMappingKey: 'a' });
      new ApiMapping(s, 'MB', { api: b, domainName: dn, stage: b.addStage('S', { stageName: 'prod' }), apiMappingKey: 'b' });
      expect(Object.keys(mappings(s))).toHaveLength(2);
    });

    test('HTTP APIs need a REGIONAL TLS 1.2 endpoint', () => {
      const s = newStack();
      const edge = domain(s, 'Edge', 'edge.example.com', { endpointType: EndpointType.EDGE });
      expect(errorOf(() => new ApiMapping(s, 'M', { api: new HttpApi(s, 'Api'), domainName: edge })).message)
        .toBe('Stack/M: an HTTP API cannot be mapped to domain Stack/Edge: API Gateway maps them only to REGIONAL domain names with the TLS_1_2 '
          + 'security policy, and this one has EDGE with TLS_1_2; add a REGIONAL endpoint with TLS_1_2 [cdk-apigatewayv2:mappingProtocol]');
      const tls10 = domain(s, 'Old', 'old.example.com', { securityPolicy: SecurityPolicy.TLS_1_0 });
      expect(() => new ApiMapping(s, 'M2', { api: new HttpApi(s, 'Api2'), domainName: tls10 })).toThrow(/this one has REGIONAL with TLS_1_0/);
      edge.addEndpoint({ certificate: certificate(s, 'Regional'), endpointType: EndpointType.REGIONAL });
      new ApiMapping(s, 'M3', { api: new HttpApi(s, 'Api3'), domainName: edge });
    });

    test('checks that need the domain settings are skipped for imported domains', () => {
      const s = newStack();
      const dn = DomainName.fromDomainNameAttributes(s, 'DN', { name: 'edge.example.com', regionalDomainName: 'd', regionalHostedZoneId: 'Z' });
      new ApiMapping(s, 'M', { api: new HttpApi(s, 'Api', { ipAddressType: IpAddressType.DUAL_STACK }), domainName: dn, apiMappingKey: 'a/b' });
      Annotations.fromStack(s).hasNoWarning('*', Match.anyValue());
    });
  });

  describe('IP address types', () => {
    test('a dual-stack API on an IPv4 domain gets a warning', () => {
      const s = newStack();
      new ApiMapping(s, 'M', { api: new HttpApi(s, 'Api', { ipAddressType: IpAddressType.DUAL_STACK }), domainName: domain(s) });
      Annotations.fromStack(s).hasWarning('/Stack/M', Match.stringLikeRegexp(
        "^API Stack/Api accepts 'dualstack' but domain Stack/DN accepts 'ipv4': IPv6 clients can call the API at its own endpoint but not through this domain"));
    });

    test('an IPv4 API on a dual-stack domain gets a warning', () => {
      const s = newStack();
      new ApiMapping(s, 'M', { api: new HttpApi(s, 'Api'), domainName: domain(s, 'DN', 'api.example.com', { ipAddressType: IpAddressType.DUAL_STACK }) });
      Annotations.fromStack(s).hasWarning('/Stack/M', Match.stringLikeRegexp("accepts 'ipv4' but domain Stack/DN accepts 'dualstack': IPv6 clients reach the API only through this domain"));
    });

    test('the same type on both gives no warning', () => {
      const s = newStack();
      new ApiMapping(s, 'M', {
        api: new HttpApi(s, 'Api', { ipAddressType: IpAddressType.DUAL_STACK }),
        domainName: domain(s, 'DN', 'api.example.com', { ipAddressType: IpAddressType.DUAL_STACK }),
      });
      new ApiMapping(s, 'M2', { api: new HttpApi(s, 'Api2', { ipAddressType: IpAddressType.IPV4 }), domainName: domain(s, 'DN2', 'v4.example.com') });
      Annotations.fromStack(s).hasNoWarning('*', Match.anyValue());
    });

    test('WebSocket APIs are compared too', () => {
      const s = newStack();
      const ws = new WebSocketApi(s, 'Ws', { ipAddressType: IpAddressType.DUAL_STACK });
      new ApiMapping(s, 'M', { api: ws, domainName: domain(s), stage: ws.addStage('S', { stageName: 'prod' }) });
      Annotations.fromStack(s).hasWarning('/Stack/M', Match.stringLikeRegexp("API Stack/Ws accepts 'dualstack' but domain Stack/DN accepts 'ipv4'"));
    });
  });
});

describe('domain mappings of stages and APIs', () => {
  test('`defaultDomainMapping`: the mapping under the default stage, named like aws-cdk-lib, the stage after the domain', () => {
    const s = newStack();
    const dn = domain(s);
    const api = new HttpApi(s, 'Api', { defaultDomainMapping: { domainName: dn, mappingKey: 'foo' } });

    const template = Template.fromStack(s);
    template.hasResource('AWS::ApiGatewayV2::Stage', { Properties: { StageName: '$default' }, DependsOn: ['DNFDC76583'] });
    expect(mappings(s)).toEqual({
      ApiDefaultStageStackDNfooFE4FF792: {
        Type: 'AWS::ApiGatewayV2::ApiMapping',
        Properties: { ApiId: { Ref: 'ApiF70053CD' }, DomainName: { Ref: 'DNFDC76583' }, Stage: '$default', ApiMappingKey: 'foo' },
        DependsOn: ['ApiDefaultStage189A7074', 'DNFDC76583'],
      },
    });
    expect(s.resolve(api.defaultStage!.domainUrl)).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'DNFDC76583' }, '/foo']] });
  });

  test('a mapping without a key gets the id `${domain path}undefined`, as in aws-cdk-lib', () => {
    const s = newStack();
    new HttpApi(s, 'Api', { defaultDomainMapping: { domainName: domain(s) } });
    expect(Object.keys(mappings(s))).toEqual([expect.stringMatching(/^ApiDefaultStageStackDNundefined[0-9A-F]{8}$/)]);
  });

  test('`defaultDomainMapping` with `createDefaultStage: false` is refused', () => {
    const s = newStack();
    expect(errorOf(() => new HttpApi(s, 'Api', { createDefaultStage: false, defaultDomainMapping: { domainName: domain(s) } })).message)
      .toBe('Stack/Api: `defaultDomainMapping` maps the `$default` stage, which `createDefaultStage: false` leaves out: '
        + 'remove one of them, or set `domainMapping` on a stage you add [cdk-apigatewayv2:defaultStageOptions]');
  });

  test('a stage `domainMapping` and its `domainUrl`', () => {
    const s = newStack();
    const dn = domain(s);
    const api = new HttpApi(s, 'Api');
    const beta = api.addStage('beta', { stageName: 'beta', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'bar' } });
    Template.fromStack(s).hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: { Stage: 'beta', ApiMappingKey: 'bar' },
      DependsOn: ['ApibetaA27C764F', 'DNFDC76583'],
    });
    Template.fromStack(s).hasResource('AWS::ApiGatewayV2::Stage', { Properties: { StageName: 'beta' }, DependsOn: ['DNFDC76583'] });
    expect(beta.node.tryFindChild('Stack--DNbar')).toBeInstanceOf(ApiMapping);
    expect(s.resolve(beta.domainUrl)).toEqual({ 'Fn::Join': ['', ['https://', { Ref: 'DNFDC76583' }, '/bar']] });
  });

  test('`domainUrl` of a stage without a mapping is refused', () => {
    const s = newStack();
    const api = new HttpApi(s, 'Api');
    expect(errorOf(() => api.defaultStage!.domainUrl).message)
      .toBe('Stack/Api/DefaultStage: `domainUrl` is not available: this stage has no custom domain; set `domainMapping` on the stage (or `defaultDomainMapping` on the API) [cdk-apigatewayv2:attributeUnavailable]');
  });

  test('`domainUrl` of an imported stage is refused', () => {
    const s = newStack();
    const stage = HttpStage.fromHttpStageAttributes(s, 'Stage', { stageName: 'beta', api: new HttpApi(s, 'Api') });
    expect(errorOf(() => stage.domainUrl).message).toMatch(/^Stack\/Stage: the `domainUrl` of an imported HTTP stage is unknown/);
  });

  test('a stage has one domain mapping', () => {
    const s = newStack();
    const dn = domain(s);
    const api = new HttpApi(s, 'Api', { defaultDomainMapping: { domainName: dn, mappingKey: 'v1' } });
    const addDomainMapping = (api.defaultStage as unknown as { _addDomainMapping(o: object): void })._addDomainMapping;
    expect(errorOf(() => addDomainMapping.call(api.defaultStage, { domainName: dn, mappingKey: 'v2' })).message)
      .toBe('Stack/Api/DefaultStage: this stage already has a `domainMapping`: a stage has one; map it again with `new ApiMapping()` [cdk-apigatewayv2:stageDomainMapping]');
    new ApiMapping(s, 'Again', { api, domainName: dn, apiMappingKey: 'v2' });
  });

  test('a stage mapping keeps the domain rules', () => {
    const s = newStack();
    const dn = domain(s);
    const api = new HttpApi(s, 'Api', { defaultDomainMapping: { domainName: dn, mappingKey: 'v1' } });
    expect(errorOf(() => api.addStage('Beta', { stageName: 'beta', domainMapping: { domainName: dn, mappingKey: 'v1' } })).message)
      .toMatch(/^Stack\/Api\/Beta\/Stack--DNv1: domain Stack\/DN already has a mapping with `apiMappingKey` 'v1' at Stack\/Api\/DefaultStage\/Stack--DNv1/);
  });
});

describe('domain mappings of WebSocket stages', () => {
  test('a WebSocket stage\'s `domainMapping` follows the mapping rules', () => {
    const s = newStack();
    const dn = domain(s, 'DN', 'ws.example.com');
    const api = new WebSocketApi(s, 'Ws');
    new WebSocketStage(s, 'Prod', { webSocketApi: api, stageName: 'prod', domainMapping: { domainName: dn, mappingKey: 'chat' } });
    Template.fromStack(s).hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: { ApiMappingKey: 'chat', Stage: 'prod' },
      DependsOn: Match.arrayWith(['DNFDC76583', Match.stringLikeRegexp('^Prod')]),
    });
    expect(() => new WebSocketStage(s, 'Dev', { webSocketApi: api, stageName: 'dev', domainMapping: { domainName: dn, mappingKey: 'chat/v2' } }))
      .toThrow(/WebSocket APIs cannot have multi-level mappings/);
    expect(() => new HttpApi(s, 'Http', { defaultDomainMapping: { domainName: dn, mappingKey: 'rest' } }))
      .toThrow(/already maps a WebSocket API at Stack\/Prod\/Stack--DNchat/);
  });
});
