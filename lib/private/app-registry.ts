import type { IConstruct } from 'constructs';
import { Stack, Token } from 'aws-cdk-lib';
import type { IDomainNameRef } from 'aws-cdk-lib/aws-apigatewayv2';

/**
 * What this app knows that belongs to no single API: the custom domain names its mappings use,
 * and the API Gateway account logging roles it creates. There is one per construct tree (app).
 */

/** The protocol of an API, when it can be told. */
export type ApiProtocolName = 'HTTP' | 'WEBSOCKET';

/** One endpoint configuration of a domain name created by this library. */
export interface DomainEndpointSettings {
  readonly endpointType: string;
  readonly securityPolicy?: string;
  readonly ipAddressType?: string;
}

/** A mapping recorded on its domain. */
export interface DomainMappingEntry {
  readonly key?: string;
  readonly protocol?: ApiProtocolName;
  readonly mapping: IConstruct;
}

/**
 * The mappings this app creates on one domain name, and, when the domain was created by this
 * library, a view of its endpoints.
 */
export class DomainRecord {
  public readonly mappings: DomainMappingEntry[] = [];
  /** The `DomainName` construct of this library that creates the domain, when this app creates it. */
  public owner?: IConstruct;
  /** The domain's endpoints; undefined for imported domains, whose settings are unknown. */
  public endpoints?: () => DomainEndpointSettings[];
}

/** The registry of one app. */
export class AppRegistry {
  /** The API Gateway account logging roles created in this app, in creation order. */
  public readonly accountLoggingRoles: IConstruct[] = [];
  private readonly domainsByKey = new Map<string, DomainRecord>();
  /** The records of each literal name, one per environment, with the stack that made each. */
  private readonly domainsByName = new Map<string, { readonly stack: Stack; readonly record: DomainRecord }[]>();
  private readonly domainsByObject = new WeakMap<object, DomainRecord>();
  private readonly givenNames = new WeakMap<object, string>();

  /** Records the name a domain of this library was created with, for the rules that compare domains. */
  public registerDomainName(domain: IDomainNameRef, name: string): void {
    this.givenNames.set(domain, name);
  }

  /** The name of a domain as given, when known at synth time. */
  public literalDomainName(domain: IDomainNameRef): string | undefined {
    const name = this.givenNames.get(domain) ?? domain.domainNameRef.domainName;
    return Token.isUnresolved(name) ? undefined : name;
  }

  /**
   * The record of a domain. Domains whose name is known at synth time share one record per
   * environment (a custom domain name is unique within a Region), so that a domain and an
   * import of it see the same mappings; others get one per object. An environment is certain
   * when the account and Region are both known; a stack whose account or Region is a token
   * (environment-agnostic) is its own environment, as it may deploy anywhere.
   */
  public domain(domain: IDomainNameRef): DomainRecord {
    const name = this.literalDomainName(domain);
    if (name === undefined) {
      return getOrCreate(this.domainsByObject, domain, () => new DomainRecord());
    }
    const stack = Stack.of(domain);
    const key = `${environmentKey(stack)}|${name}`;
    let record = this.domainsByKey.get(key);
    if (!record) {
      record = new DomainRecord();
      this.domainsByKey.set(key, record);
      const sameName = this.domainsByName.get(name) ?? [];
      sameName.push({ stack, record });
      this.domainsByName.set(name, sameName);
    }
    return record;
  }

  /**
   * The records of the domains named `name` in environments other than that of `record`, with
   * the stack each was first seen in.
   */
  public otherEnvironments(name: string, record: DomainRecord): { readonly stack: Stack; readonly record: DomainRecord }[] {
    return (this.domainsByName.get(name) ?? []).filter(entry => entry.record !== record);
  }
}

/**
 * What identifies the environment a stack deploys to: its account and Region when both are
 * known at synth time, else the top-level stack itself (nested stacks deploy with their parent).
 */
function environmentKey(stack: Stack): string {
  if (!Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region)) {
    return `env:${stack.account}:${stack.region}`;
  }
  let top = stack;
  while (top.nestedStackParent) top = top.nestedStackParent;
  return `stack:${top.node.path}`;
}

const registries = new WeakMap<IConstruct, AppRegistry>();

/** The registry of the app that `scope` belongs to. */
export function appRegistryOf(scope: IConstruct): AppRegistry {
  return getOrCreate(registries, scope.node.root, () => new AppRegistry());
}

function getOrCreate<K extends object, V>(map: WeakMap<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
