import * as fc from 'fast-check';
import type { Backends } from './backends';
import type { DomainMappingOptions, IApi, IStage } from '../../../lib';
import { ApiMapping, DomainName, EndpointType, IpAddressType, SecurityPolicy } from '../../../lib';

/** A custom domain; the APIs' specs say which of their stages it serves. */
export interface DomainSpec {
  readonly mtls: boolean;
  /** With `mtls`: the public certificate that proves ownership of the name. */
  readonly ownershipCertificate: boolean;
  readonly dualStack: boolean;
  readonly hostedZone: boolean;
  readonly explicitEndpoint: boolean;
}

export const domainArb: fc.Arbitrary<DomainSpec> = fc.record({
  mtls: fc.boolean(),
  ownershipCertificate: fc.boolean(),
  dualStack: fc.boolean(),
  hostedZone: fc.boolean(),
  explicitEndpoint: fc.boolean(),
});

/** How an API's stages are mapped to the domain of its protocol, if the app has one. */
export type MappingKind = 'none' | 'default-stage' | 'stage' | 'api-mapping' | 'multi-level';
export const mappingArb: fc.Arbitrary<MappingKind> = fc.constantFrom('none', 'default-stage', 'stage', 'api-mapping', 'multi-level');

/** A domain of the app, handing out distinct mapping keys (the first may be the root). */
export class GeneratedDomain {
  public readonly domain: DomainName;
  private keys = 0;

  constructor(backends: Backends, id: string, name: string, spec: DomainSpec, private readonly rootFirst: boolean) {
    const stack = backends.stack;
    const certificate = backends.certificate(`${id}Cert`);
    this.domain = new DomainName(stack, id, {
      domainName: name,
      certificate,
      endpointType: spec.explicitEndpoint ? EndpointType.REGIONAL : undefined,
      securityPolicy: spec.explicitEndpoint ? SecurityPolicy.TLS_1_2 : undefined,
      ipAddressType: spec.dualStack ? IpAddressType.DUAL_STACK : undefined,
      mtls: spec.mtls ? { bucket: backends.truststoreBucket, key: `${id.toLowerCase()}/truststore.pem` } : undefined,
      ownershipCertificate: spec.mtls && spec.ownershipCertificate ? backends.certificate(`${id}OwnershipCert`) : undefined,
      hostedZone: spec.hostedZone ? backends.zone : undefined,
    });
  }

  /** The next mapping key: none for the first when the root is free, then `m1`, `m2`, ... */
  public nextKey(): string | undefined {
    this.keys += 1;
    if (this.keys === 1 && this.rootFirst) return undefined;
    return `m${this.keys}`;
  }

  public mapping(): DomainMappingOptions {
    return { domainName: this.domain, mappingKey: this.nextKey() };
  }

  /** An `ApiMapping` of a stage, with a multi-level key when asked (HTTP APIs only). */
  public apiMapping(id: string, api: IApi, stage: IStage, multiLevel: boolean): ApiMapping {
    const key = multiLevel ? `m${++this.keys}/v1` : this.nextKey();
    return new ApiMapping(this.domain.stack, id, { api, stage, domainName: this.domain, apiMappingKey: key });
  }
}
