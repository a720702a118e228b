import type { IConstruct } from 'constructs';
import { Arn, ArnFormat, Stack, Token } from 'aws-cdk-lib';
import type { IApiRef, IDomainNameRef } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificateRef } from 'aws-cdk-lib/aws-certificatemanager';
import { CfnCertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { ApiProtocolName, DomainEndpointSettings, DomainRecord } from './app-registry';
import { appRegistryOf } from './app-registry';
import { mayShareEnvironment, mayShareRegion } from './environment';
import { refuse, shown, warn } from './error';
import { LIMITS } from './limits';

const MAX_MULTI_LEVEL_MAPPINGS = LIMITS.multiLevelMappingsPerDomain.value;
const MAX_MAPPING_KEY_LENGTH = LIMITS.mappingKeyLength.value;

/**
 * Synth-time rules of custom domain names and API mappings. The rules that span several
 * mappings of a domain read the domain's record in the app registry.
 *
 * Sources:
 * - https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-domainname.html
 *   ("Uppercase letters are not supported")
 * - https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html
 *   (RFC 1035 names: at most 63 octets a label, 255 in all; wildcard names)
 * - https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html and
 *   websocket-api-mappings.html (mapping key characters, 300 characters, 200 multi-level
 *   mappings, Regional TLS 1.2 domains only, no WebSocket beside HTTP or REST)
 */

/**
 * The protocol of an API: from the `isHttpApi` / `isWebsocketApi` markers that HTTP and
 * WebSocket APIs carry (this library's and aws-cdk-lib's alike), else from its L1.
 */
export function protocolOf(api: IApiRef): ApiProtocolName | undefined {
  const marked = api as { isHttpApi?: unknown; isWebsocketApi?: unknown };
  if (marked.isHttpApi === true) return 'HTTP';
  if (marked.isWebsocketApi === true) return 'WEBSOCKET';
  const resource = api.node.defaultChild;
  if (resource instanceof CfnApi && !Token.isUnresolved(resource.protocolType)) {
    if (resource.protocolType === 'HTTP') return 'HTTP';
    if (resource.protocolType === 'WEBSOCKET') return 'WEBSOCKET';
  }
  return undefined;
}

/** The IP address type of an API defined in this app, `ipv4` when unset; undefined for imports. */
function ipAddressTypeOf(api: IApiRef): string | undefined {
  const resource = api.node.defaultChild;
  if (!(resource instanceof CfnApi)) return undefined;
  const type = resource.ipAddressType;
  if (type !== undefined && Token.isUnresolved(type)) return undefined;
  return type ?? 'ipv4';
}

const MAX_LABEL_LENGTH = LIMITS.domainLabelLength.value;
const DNS_LABEL = new RegExp(`^[a-z0-9](?:[a-z0-9-]{0,${MAX_LABEL_LENGTH - 2}}[a-z0-9])?$`);
const MAX_DOMAIN_NAME_LENGTH = LIMITS.domainNameLength.value;

/**
 * Domain names: RFC 1035 host names of at least two labels, each 1 to 63 letters, digits and
 * hyphens not at either end, at most 253 characters, lowercase, with an optional leading `*.`.
 */
export function validateDomainName(scope: IConstruct, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (name === '') {
    refuse('domainName', '`domainName` is empty: give the custom domain name, e.g. \'api.example.com\'', scope);
  }
  if (name !== name.toLowerCase()) {
    refuse('domainName', `invalid \`domainName\` ${shown(name)}: API Gateway does not support uppercase letters in domain names; use ${shown(name.toLowerCase())}`, scope);
  }
  if (name.length > MAX_DOMAIN_NAME_LENGTH) {
    refuse('domainName', `invalid \`domainName\` ${shown(name)}: ${name.length} characters is over the DNS limit of ${MAX_DOMAIN_NAME_LENGTH}; use a shorter name`, scope);
  }
  const labels = name.split('.');
  if (labels.length < 2) {
    refuse('domainName', `invalid \`domainName\` ${shown(name)}: a custom domain name has at least two labels, e.g. 'api.example.com'`, scope);
  }
  labels.forEach((label, index) => {
    if (index === 0 && label === '*') return;
    if (label.includes('*')) {
      refuse('domainName', `invalid \`domainName\` ${shown(name)}: a wildcard is only allowed as the whole first label, as in '*.example.com'`, scope);
    }
    if (!DNS_LABEL.test(label)) {
      const why = label === '' ? 'it has an empty label (two dots in a row, or a dot at an end)'
        : label.length > MAX_LABEL_LENGTH ? `label ${shown(label)} is ${label.length} characters, over the limit of ${MAX_LABEL_LENGTH}`
          : `label ${shown(label)} must be letters, digits and hyphens, not starting or ending with a hyphen`;
      refuse('domainName', `invalid \`domainName\` ${shown(name)}: ${why}; international names go in their punycode form ('xn--...')`, scope);
    }
  });
}

const MAPPING_KEY = /^[A-Za-z0-9$\-_.+!*'()/]*$/;

/**
 * Mapping keys: not empty, at most 300 of the characters letters, digits and `$-_.+!*'()`,
 * plus `/` for multi-level mappings, which WebSocket APIs cannot have.
 */
export function validateMappingKey(scope: IConstruct, key: string | undefined, protocol: ApiProtocolName | undefined): void {
  if (key === undefined || Token.isUnresolved(key)) return;
  if (key === '') {
    refuse('apiMappingKey', 'invalid `apiMappingKey` \'\': an empty key is not allowed; leave the key unset to map the root of the domain', scope);
  }
  if (key.length > MAX_MAPPING_KEY_LENGTH) {
    refuse('apiMappingKey', `invalid \`apiMappingKey\` ${shown(key)}: ${key.length} characters is over the limit of ${MAX_MAPPING_KEY_LENGTH}; shorten it`, scope);
  }
  if (!MAPPING_KEY.test(key)) {
    const bad = [...key].find(c => !MAPPING_KEY.test(c));
    refuse('apiMappingKey', `invalid \`apiMappingKey\` ${shown(key)}: ${shown(bad)} is not allowed; use letters, digits and $-_.+!*'(), and '/' between the levels of a multi-level key`, scope);
  }
  if (key.includes('/')) {
    if (protocol === 'WEBSOCKET') {
      refuse('apiMappingKey', `invalid \`apiMappingKey\` ${shown(key)}: WebSocket APIs cannot have multi-level mappings, so the key cannot contain '/'; use a single level, e.g. ${shown(key.split('/').filter(s => s).join('-'))}`, scope);
    }
    if (key.startsWith('/') || key.endsWith('/') || key.includes('//')) {
      warn(scope, 'mappingKeyEmptyLevel',
        `\`apiMappingKey\` ${shown(key)} has an empty level (a '/' at an end or two in a row); write the levels without them, e.g. 'orders/v1'`);
    }
  }
}

function isRegionalTls12(endpoint: DomainEndpointSettings): boolean {
  return endpoint.endpointType === 'REGIONAL' && (endpoint.securityPolicy === undefined || endpoint.securityPolicy === 'TLS_1_2');
}

function describeEndpoints(endpoints: DomainEndpointSettings[]): string {
  return endpoints.map(e => `${e.endpointType} with ${e.securityPolicy ?? 'TLS_1_2'}`).join(', ');
}

/**
 * Records a mapping on its domain, refusing what API Gateway refuses across the mappings of one
 * domain, and checks the mapping against the domain's settings when they are known.
 */
export function registerMapping(mapping: IConstruct, domain: IDomainNameRef, api: IApiRef, key: string | undefined): void {
  const protocol = protocolOf(api);
  const registry = appRegistryOf(domain).domain(domain);
  const endpoints = registry.endpoints?.();
  const domainPath = domain.node.path;

  if (endpoints && protocol && !endpoints.some(isRegionalTls12)) {
    refuse('mappingProtocol', `${protocol === 'HTTP' ? 'an HTTP' : 'a WebSocket'} API cannot be mapped to domain ${domainPath}: API Gateway maps them only to `
      + `REGIONAL domain names with the TLS_1_2 security policy, and this one has ${describeEndpoints(endpoints)}; add a REGIONAL endpoint with TLS_1_2`, mapping);
  }
  const multiLevel = key !== undefined && !Token.isUnresolved(key) && key.includes('/');
  if (multiLevel && endpoints && !endpoints.every(isRegionalTls12)) {
    refuse('multiLevelMapping', `multi-level \`apiMappingKey\` ${shown(key)} needs a REGIONAL domain name with the TLS_1_2 security policy, but ${domainPath} has `
      + `${describeEndpoints(endpoints)}; use a single-level key or a REGIONAL TLS_1_2 domain`, mapping);
  }
  if (key === undefined || !Token.isUnresolved(key)) {
    const clash = registry.mappings.find(m => (m.key === undefined || !Token.isUnresolved(m.key)) && (m.key ?? '') === (key ?? ''));
    if (clash) {
      refuse('duplicateMapping', key === undefined
        ? `domain ${domainPath} already maps its root (no \`apiMappingKey\`) at ${clash.mapping.node.path}: a domain has one mapping without a key; give this one a key`
        : `domain ${domainPath} already has a mapping with \`apiMappingKey\` ${shown(key)} at ${clash.mapping.node.path}: keys are unique per domain; choose another key`, mapping);
    }
  }
  if (protocol) {
    const other = registry.mappings.find(m => m.protocol !== undefined && m.protocol !== protocol);
    if (other) {
      refuse('mappingProtocol', `domain ${domainPath} already maps ${other.protocol === 'HTTP' ? 'an HTTP' : 'a WebSocket'} API at ${other.mapping.node.path}: API Gateway does not map `
        + 'WebSocket APIs to the same domain name as HTTP or REST APIs; use a separate domain name for each protocol', mapping);
    }
  }
  if (multiLevel) {
    const count = registry.mappings.filter(m => m.key !== undefined && !Token.isUnresolved(m.key) && m.key.includes('/')).length + 1;
    if (count > MAX_MULTI_LEVEL_MAPPINGS) {
      refuse('multiLevelMapping', `too many multi-level mappings on domain ${domainPath}: this is number ${count}, API Gateway allows ${MAX_MULTI_LEVEL_MAPPINGS} per domain; use single-level keys or another domain`, mapping);
    }
  }
  registry.mappings.push({ key, protocol, mapping });
  warnOnIpAddressTypes(mapping, domainPath, api, endpoints);
}

/** Warns when the API and the domain it is mapped to accept different IP address types. */
function warnOnIpAddressTypes(mapping: IConstruct, domainPath: string, api: IApiRef, endpoints?: DomainEndpointSettings[]): void {
  const regional = endpoints?.find(e => e.endpointType === 'REGIONAL');
  const apiType = ipAddressTypeOf(api);
  if (!regional || apiType === undefined) return;
  if (regional.ipAddressType !== undefined && Token.isUnresolved(regional.ipAddressType)) return;
  const domainType = regional.ipAddressType ?? 'ipv4';
  if (domainType === apiType) return;
  const consequence = apiType === 'dualstack'
    ? 'IPv6 clients can call the API at its own endpoint but not through this domain, which has no IPv6 address'
    : 'IPv6 clients reach the API only through this domain, not at its own endpoint';
  warn(mapping, 'ipAddressTypeMismatch',
    `API ${api.node.path} accepts '${apiType}' but domain ${domainPath} accepts '${domainType}': ${consequence}; `
    + 'give both the same `ipAddressType` unless this is intended');
}

/**
 * Refuses an endpoint that the mappings already on a domain cannot live with: multi-level
 * mappings need every endpoint REGIONAL with TLS_1_2.
 */
export function checkNewEndpoint(scope: IConstruct, registry: DomainRecord, endpoint: DomainEndpointSettings): void {
  if (isRegionalTls12(endpoint)) return;
  const multiLevel = registry.mappings.find(m => m.key !== undefined && !Token.isUnresolved(m.key) && m.key.includes('/'));
  if (multiLevel) {
    refuse('multiLevelMapping', `cannot add a ${endpoint.endpointType} endpoint with ${endpoint.securityPolicy ?? 'TLS_1_2'}: the domain has the multi-level mapping `
      + `${shown(multiLevel.key)} at ${multiLevel.mapping.node.path}, which needs every endpoint REGIONAL with TLS_1_2`, scope);
  }
}

/**
 * Two custom domain names of the same name in one environment: API Gateway keeps one domain
 * name per Region, so the second fails to deploy ("already exists"). Refused when the clash is
 * certain: both domains in the same known account and Region, or in the same deployment (an
 * environment-agnostic stack deploys to one place). Warned about when it is possible: an
 * account or Region is a token, or the Region is the same and the accounts differ (the REST
 * custom domain guide says a name is unique within a Region across all accounts).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html
 */
export function checkDomainNameCollision(domain: IConstruct, name: string, record: DomainRecord): void {
  if (Token.isUnresolved(name)) return;
  if (record.owner) {
    refuse('duplicateDomainName', `duplicate \`domainName\` ${shown(name)}: the domain name at ${record.owner.node.path} has it too, in the same account and Region, `
      + 'and API Gateway keeps one custom domain name of a name per Region; create the domain once and pass that construct to every API mapping, '
      + 'or import it with DomainName.fromDomainNameAttributes()', domain);
  }
  const stack = Stack.of(domain);
  for (const other of appRegistryOf(domain).otherEnvironments(name, record)) {
    if (!other.record.owner || !mayShareRegion(stack, other.stack)) continue;
    const why = mayShareEnvironment(stack, other.stack)
      ? 'the account or Region of one of their stacks is unknown at synth time, so both may deploy to the same account and Region'
      : `both deploy to ${stack.region}, and a custom domain name is unique within a Region, across accounts`;
    warn(domain, 'domainNameMayCollide',
      `\`domainName\` ${shown(name)} is also created at ${other.record.owner.node.path}: ${why}, and there the second deploy fails; `
      + 'give the stacks an explicit `env` in different Regions, or create the domain once');
    return;
  }
}

/** The Region edge-optimized endpoints take their certificate from (in the `aws` partition). */
const EDGE_CERTIFICATE_REGION = 'us-east-1';

/**
 * The certificate of an endpoint is in the Region the endpoint needs: a REGIONAL endpoint's in
 * the domain's own Region, an EDGE endpoint's in us-east-1 (CloudFront reads it there). Checked
 * only when both Regions are known at synth time: the certificate's from its ARN, or from the
 * stack of a certificate created in this app.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains-prerequisites.html
 */
export function checkCertificateRegion(domain: IConstruct, certificate: ICertificateRef, endpointType: string): void {
  const where = certificateLocation(certificate);
  if (where === undefined) return;
  if (endpointType === 'REGIONAL') {
    const region = Stack.of(domain).region;
    if (Token.isUnresolved(region) || where.region === region) return;
    refuse('certificateRegion', `invalid \`certificate\` of the REGIONAL endpoint: the certificate is in ${where.region} and the domain in ${region}, and a Regional `
      + `custom domain name needs an ACM certificate in its own Region; request or import the certificate in ${region}`, domain);
  }
  if (endpointType === 'EDGE' && where.partition === 'aws' && where.region !== EDGE_CERTIFICATE_REGION) {
    refuse('certificateRegion', `invalid \`certificate\` of the EDGE endpoint: the certificate is in ${where.region}, and an edge-optimized custom domain name needs `
      + `an ACM certificate in ${EDGE_CERTIFICATE_REGION}; request or import the certificate there`, domain);
  }
}

/** The Region (and partition, when known) of a certificate, when known at synth time. */
function certificateLocation(certificate: ICertificateRef): { readonly region: string; readonly partition?: string } | undefined {
  const arn = certificate.certificateRef.certificateArn;
  if (!Token.isUnresolved(arn)) {
    let parts;
    try {
      parts = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME);
    } catch {
      return undefined;
    }
    return parts.region ? { region: parts.region, partition: parts.partition } : undefined;
  }
  // A certificate created in this app by ACM itself is in its stack's Region; others (e.g. one
  // a custom resource requests in another Region) are not known.
  if (certificate.node.defaultChild instanceof CfnCertificate) {
    const region = Stack.of(certificate).region;
    return Token.isUnresolved(region) ? undefined : { region };
  }
  return undefined;
}

/**
 * The truststore of mutual TLS is an S3 object, named by `s3://bucket/key`: an empty key names
 * no object, and API Gateway refuses the domain.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mutual-tls.html
 */
export function validateTruststoreKey(scope: IConstruct, key: string): void {
  if (Token.isUnresolved(key)) return;
  if (key === '') {
    refuse('mtlsTruststoreKey', '`mtls.key` is empty: give the key of the truststore object in the bucket, e.g. \'truststore.pem\'', scope);
  }
}
