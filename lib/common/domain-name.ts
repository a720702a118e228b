import type { Construct } from 'constructs';
import type { IResource } from 'aws-cdk-lib';
import { ArnFormat, Lazy, Resource, Stack, Token } from 'aws-cdk-lib';
import type { DomainNameReference, IDomainNameRef } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnDomainName } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificateRef } from 'aws-cdk-lib/aws-certificatemanager';
import type { IHostedZone, RecordSet } from 'aws-cdk-lib/aws-route53';
import { AaaaRecord, ARecord, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { IpAddressType } from './api';
import type { DomainEndpointSettings } from '../private/app-registry';
import { appRegistryOf } from '../private/app-registry';
import { checkCertificateRegion, checkDomainNameCollision, checkNewEndpoint, validateDomainName, validateTruststoreKey } from '../private/domain-rules';
import { refuse, shown } from '../private/error';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/**
 * The TLS version and cipher suite of a custom domain name.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
 */
export enum SecurityPolicy {
  /** TLS 1.0 (REST APIs only: HTTP and WebSocket APIs need TLS 1.2). */
  TLS_1_0 = 'TLS_1_0',
  /** TLS 1.2. */
  TLS_1_2 = 'TLS_1_2',
}

/**
 * The endpoint type of a custom domain name.
 */
export enum EndpointType {
  /** Edge-optimized, through CloudFront (REST APIs only). */
  EDGE = 'EDGE',
  /** Regional: the type HTTP and WebSocket APIs need. */
  REGIONAL = 'REGIONAL',
}

/**
 * A custom domain name, created or imported.
 *
 * @example
 * declare const zone: route53.IHostedZone;
 *
 * const dn: apigwv2.IDomainName = apigwv2.DomainName.fromDomainNameAttributes(this, 'Imported', {
 *   name: 'api.example.com',
 *   regionalDomainName: 'd-abc123.execute-api.us-east-1.amazonaws.com',
 *   regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
 * });
 * new route53.ARecord(this, 'Alias', {
 *   zone,
 *   recordName: 'api',
 *   target: route53.RecordTarget.fromAlias(new targets.ApiGatewayv2DomainProperties(dn.regionalDomainName, dn.regionalHostedZoneId)),
 * });
 */
export interface IDomainName extends IResource, IDomainNameRef {
  /**
   * The custom domain name.
   * @attribute
   */
  readonly name: string;

  /**
   * The domain name of the Regional endpoint, the target of DNS alias records.
   * @attribute
   */
  readonly regionalDomainName: string;

  /**
   * The Route 53 hosted zone ID of the Regional endpoint.
   * @attribute
   */
  readonly regionalHostedZoneId: string;
}

/**
 * The attributes of an existing custom domain name, to import it.
 */
export interface DomainNameAttributes {
  /** The custom domain name. */
  readonly name: string;
  /** The domain name of its Regional endpoint. */
  readonly regionalDomainName: string;
  /** The Route 53 hosted zone ID of its Regional endpoint. */
  readonly regionalHostedZoneId: string;
}

/**
 * One endpoint configuration of a custom domain name.
 */
export interface EndpointOptions {
  /**
   * The ACM certificate of the domain name: in the domain's own Region for a REGIONAL
   * endpoint, in us-east-1 for an EDGE one. A certificate whose Region is known at synth time
   * (from its ARN, or the stack of a certificate created in this app) and is another Region is
   * refused, when the domain's Region is known too.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-custom-domains-prerequisites.html
   */
  readonly certificate: ICertificateRef;

  /**
   * A friendly name for the certificate.
   * @default - no friendly name
   */
  readonly certificateName?: string;

  /**
   * The endpoint type. HTTP and WebSocket APIs can only be mapped to a domain name with a
   * REGIONAL endpoint.
   * @default EndpointType.REGIONAL
   */
  readonly endpointType?: EndpointType;

  /**
   * The TLS version and cipher suite. HTTP and WebSocket APIs, and multi-level mappings, need
   * TLS 1.2.
   * @default - not set: API Gateway uses `SecurityPolicy.TLS_1_2`
   */
  readonly securityPolicy?: SecurityPolicy;

  /**
   * A public ACM certificate that proves you own the domain name. It is needed only with mutual
   * TLS, when `certificate` is imported into ACM or issued by a private CA.
   * @default - none (valid only with `mtls`)
   */
  readonly ownershipCertificate?: ICertificateRef;

  /**
   * The IP address types the domain name accepts. With `DUAL_STACK`, `hostedZone` also creates
   * an AAAA record.
   * @default - IPv4 only (API Gateway's default)
   */
  readonly ipAddressType?: IpAddressType;
}

/**
 * Mutual TLS: clients present certificates that a truststore in S3 validates.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mutual-tls.html
 */
export interface MTLSConfig {
  /** The bucket that holds the truststore. */
  readonly bucket: IBucket;
  /** The key of the truststore object (a PEM bundle of CA certificates); not empty. */
  readonly key: string;
  /**
   * The version of the truststore object. Pinning one needs a versioned bucket.
   * @default - the latest version
   */
  readonly version?: string;
}

/**
 * Properties of a `DomainName`.
 *
 * @example
 * declare const bucket: s3.Bucket;
 *
 * new apigwv2.DomainName(this, 'DomainName', {
 *   domainName: 'api.example.com',
 *   certificate: acm.Certificate.fromCertificateArn(this, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc'),
 *   mtls: {
 *     bucket,
 *     key: 'someca.pem',
 *   },
 * });
 */
export interface DomainNameProps extends EndpointOptions {
  /**
   * The custom domain name, e.g. `api.example.com` or `*.example.com`: lowercase letters,
   * digits and hyphens, labels of at most 63 characters, at most 253 in all.
   *
   * API Gateway keeps one custom domain name of a name per Region (HTTP, WebSocket and REST
   * alike): a second `DomainName` of the same name in the same known account and Region, or in
   * the same stack, is refused; one in a stack whose account or Region is unknown at synth
   * time, or in another account of the same Region, gets the warning
   * `cdk-apigatewayv2:domainNameMayCollide`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html
   */
  readonly domainName: string;

  /**
   * Mutual TLS authentication.
   * @default - no mutual TLS
   */
  readonly mtls?: MTLSConfig;

  /**
   * A Route 53 hosted zone in which to create the alias records of this domain name: an A
   * record, and an AAAA record when `ipAddressType` is `DUAL_STACK`. The domain name must be
   * in the zone, and the endpoint REGIONAL. This option is not in aws-cdk-lib.
   *
   * @default - no DNS records; create them yourself, e.g. with `addAliasRecords()`
   */
  readonly hostedZone?: IHostedZone;
}

/**
 * A custom domain name for HTTP and WebSocket APIs (`AWS::ApiGatewayV2::DomainName`).
 *
 * @resource AWS::ApiGatewayV2::DomainName
 *
 * @example
 * declare const zone: route53.IHostedZone;
 *
 * new apigwv2.DomainName(this, 'DN', {
 *   domainName: 'api.example.com',
 *   certificate: new acm.Certificate(this, 'Cert', {
 *     domainName: 'api.example.com',
 *     validation: acm.CertificateValidation.fromDns(zone),
 *   }),
 *   ipAddressType: apigwv2.IpAddressType.DUAL_STACK,
 *   hostedZone: zone,
 * });
 */
export class DomainName extends Resource implements IDomainName {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.DomainName';

  /**
   * Imports an existing custom domain name. Checks that need the domain's settings (endpoint
   * type, TLS version, IP address type) are skipped for imports.
   */
  public static fromDomainNameAttributes(scope: Construct, id: string, attrs: DomainNameAttributes): IDomainName {
    checkArguments('DomainName.fromDomainNameAttributes', [scope, id, attrs]);
    const domainNameArn = Stack.of(scope).formatArn({
      service: 'apigateway',
      arnFormat: ArnFormat.SLASH_RESOURCE_SLASH_RESOURCE_NAME,
      resource: 'domainnames',
      resourceName: attrs.name,
    });
    class Import extends Resource implements IDomainName {
      public readonly regionalDomainName = attrs.regionalDomainName;
      public readonly regionalHostedZoneId = attrs.regionalHostedZoneId;
      public readonly name = attrs.name;
      public readonly domainNameRef: DomainNameReference = { domainName: attrs.name, domainNameArn };
    }
    return new Import(scope, id);
  }

  /** The custom domain name (a reference to the resource). */
  public readonly name: string;

  /** The domain name as given (the `name` attribute is a reference to the resource). */
  private readonly givenName: string;
  private readonly resource: CfnDomainName;
  private readonly endpoints: CfnDomainName.DomainNameConfigurationProperty[] = [];
  private readonly hasMtls: boolean;
  private aliasRecordSets = 0;

  constructor(scope: Construct, id: string, props: DomainNameProps) {
    checkArguments('DomainName.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(DomainName.PROPERTY_INJECTION_ID, props, scope, id);
    validateDomainNameProps(this, props);
    this.givenName = props.domainName;
    this.hasMtls = props.mtls !== undefined;
    const apps = appRegistryOf(this);
    apps.registerDomainName(this, props.domainName);
    const record = apps.domain(this);
    checkDomainNameCollision(this, props.domainName, record);
    record.owner = this;
    record.endpoints = () => this.endpoints.map(endpointSettings);

    this.resource = new CfnDomainName(this, 'Resource', {
      domainName: props.domainName,
      domainNameConfigurations: Lazy.any({ produce: () => this.endpoints }, { omitEmptyArray: false }),
      mutualTlsAuthentication: props.mtls
        ? { truststoreUri: props.mtls.bucket.s3UrlForObject(props.mtls.key), truststoreVersion: props.mtls.version }
        : undefined,
    });
    this.name = this.resource.ref;

    if (props.certificate) this.addEndpoint(props);
    if (props.hostedZone) this.addAliasRecords(props.hostedZone);
  }

  /**
   * Adds an endpoint configuration, e.g. to migrate the domain from one endpoint type to
   * another: add the new endpoint, move the DNS records to it, then remove the old one.
   * A domain has at most one endpoint of each type.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-migrate.html
   */
  public addEndpoint(options: EndpointOptions): void {
    checkArguments('DomainName.addEndpoint', [options], this);
    const endpoint: CfnDomainName.DomainNameConfigurationProperty = {
      certificateArn: options.certificate.certificateRef.certificateArn,
      certificateName: options.certificateName,
      endpointType: options.endpointType ?? EndpointType.REGIONAL,
      ownershipVerificationCertificateArn: options.ownershipCertificate?.certificateRef.certificateArn,
      securityPolicy: options.securityPolicy,
      ipAddressType: options.ipAddressType,
    };
    if (this.endpoints.some(existing => existing.endpointType === endpoint.endpointType)) {
      refuse('domainEndpoint', `the domain already has a ${endpoint.endpointType} endpoint: a domain has one endpoint of each type; change \`endpointType\``, this);
    }
    if (options.ownershipCertificate && !this.hasMtls) {
      refuse('ownershipCertificate', '`ownershipCertificate` is only used with mutual TLS, which this domain does not have: remove `ownershipCertificate`', this);
    }
    checkCertificateRegion(this, options.certificate, endpoint.endpointType as string);
    checkNewEndpoint(this, appRegistryOf(this).domain(this), endpointSettings(endpoint));
    this.endpoints.push(endpoint);
  }

  /**
   * Creates the Route 53 alias records of this domain name in a hosted zone: an A record, and
   * an AAAA record when the REGIONAL endpoint accepts `DUAL_STACK` addresses. The domain
   * name must be in the zone. This method is not in aws-cdk-lib.
   *
   * @param zone the hosted zone that holds the domain name
   * @returns the records created
   */
  public addAliasRecords(zone: IHostedZone): RecordSet[] {
    checkArguments('DomainName.addAliasRecords', [zone], this);
    const regional = this.endpoints.find(e => e.endpointType === EndpointType.REGIONAL);
    if (!regional) {
      refuse('domainDnsRecord', 'alias records need a REGIONAL endpoint, whose address they point to, and this domain has none: add one with addEndpoint()', this);
    }
    const zoneName = zone.zoneName.replace(/\.$/, '');
    const name = this.givenName;
    if (!Token.isUnresolved(zoneName) && !Token.isUnresolved(name) && name !== zoneName && !name.endsWith(`.${zoneName}`)) {
      refuse('domainDnsRecord', `domain name ${shown(name)} is not in hosted zone ${shown(zoneName)}: pass the zone that holds the domain name`, this);
    }
    this.aliasRecordSets += 1;
    const suffix = this.aliasRecordSets === 1 ? '' : String(this.aliasRecordSets);
    const target = RecordTarget.fromAlias(new ApiGatewayv2DomainProperties(this.regionalDomainName, this.regionalHostedZoneId));
    const records: RecordSet[] = [new ARecord(this, `AliasRecord${suffix}`, { zone, recordName: name, target })];
    if (regional.ipAddressType === IpAddressType.DUAL_STACK) {
      records.push(new AaaaRecord(this, `AliasRecordIpv6${suffix}`, { zone, recordName: name, target }));
    }
    return records;
  }

  /** The domain name of the Regional endpoint. */
  public get regionalDomainName(): string {
    return this.resource.attrRegionalDomainName;
  }

  /** The Route 53 hosted zone ID of the Regional endpoint. */
  public get regionalHostedZoneId(): string {
    return this.resource.attrRegionalHostedZoneId;
  }

  public get domainNameRef(): DomainNameReference {
    return { domainName: this.name, domainNameArn: this.resource.attrDomainNameArn };
  }
}

/** The checks of a domain name's own props: the name, and an ownership certificate only with mutual TLS. */
function validateDomainNameProps(domain: DomainName, props: DomainNameProps): void {
  validateDomainName(domain, props.domainName);
  if (props.mtls) validateTruststoreKey(domain, props.mtls.key);
  if (props.ownershipCertificate && !props.mtls) {
    refuse('ownershipCertificate', '`ownershipCertificate` is only used with mutual TLS: set `mtls` too, or remove `ownershipCertificate`', domain);
  }
}

function endpointSettings(endpoint: CfnDomainName.DomainNameConfigurationProperty): DomainEndpointSettings {
  return {
    endpointType: endpoint.endpointType ?? EndpointType.REGIONAL,
    securityPolicy: endpoint.securityPolicy,
    ipAddressType: endpoint.ipAddressType,
  };
}
