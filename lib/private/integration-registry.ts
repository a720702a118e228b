import type { IConstruct } from 'constructs';
import { Stack } from 'aws-cdk-lib';

/**
 * What makes two integrations of one API the same backend call: two integrations with the same
 * fingerprint on one API and in one stack can share one `AWS::ApiGatewayV2::Integration`.
 */
export interface IntegrationFingerprint {
  readonly type: string;
  readonly subtype?: string;
  readonly uri?: string;
  readonly method?: string;
  readonly connectionId?: string;
  readonly connectionType?: string;
  readonly payloadFormatVersion?: string;
  readonly secureServerName?: string;
  readonly timeoutMillis?: number | string;
  readonly parameterMapping?: { readonly [key: string]: string };
  readonly credentialsArn?: string;
}

interface ApiIntegrations {
  /** Whether identical integrations share one resource (on unless the API opts out). */
  sharing: boolean;
  /** Integration resources by stack and fingerprint. */
  readonly byFingerprint: Map<string, IConstruct>;
  /** Every integration resource this app created for the API. */
  count: number;
}

const registries = new WeakMap<object, ApiIntegrations>();

function registryOf(api: object): ApiIntegrations {
  let registry = registries.get(api);
  if (!registry) {
    registry = { sharing: true, byFingerprint: new Map(), count: 0 };
    registries.set(api, registry);
  }
  return registry;
}

/** Sets whether identical integrations of an API share one resource. */
export function setIntegrationSharing(api: object, sharing: boolean): void {
  registryOf(api).sharing = sharing;
}

/** Whether identical integrations of an API share one resource. */
export function integrationSharing(api: object): boolean {
  return registryOf(api).sharing;
}

/**
 * The key under which an integration resource can be shared: the stack it lives in (a route
 * in another stack gets its own copy, so no stack references another's integration) and the
 * backend call. Tokens are kept as their string form, which names one underlying value.
 */
export function sharingKey(scope: IConstruct, fingerprint: IntegrationFingerprint): string {
  const mapping = fingerprint.parameterMapping;
  const sortedMapping = mapping ? Object.keys(mapping).sort().map(key => [key, mapping[key]]) : undefined;
  return JSON.stringify([
    Stack.of(scope).node.addr,
    fingerprint.type, fingerprint.subtype, fingerprint.uri, fingerprint.method,
    fingerprint.connectionId, fingerprint.connectionType, fingerprint.payloadFormatVersion,
    fingerprint.secureServerName, fingerprint.timeoutMillis, sortedMapping, fingerprint.credentialsArn,
  ]);
}

/** The shared integration resource for a key, if one exists. */
export function findSharedIntegration(api: object, key: string): IConstruct | undefined {
  return registryOf(api).byFingerprint.get(key);
}

/** How many integration resources this app created for an API. */
export function integrationCount(api: object): number {
  return registryOf(api).count;
}

/** Records a new integration resource of an API; `key` is undefined when it is not shared. */
export function recordIntegration(api: object, integration: IConstruct, key: string | undefined): void {
  const registry = registryOf(api);
  if (key !== undefined) registry.byFingerprint.set(key, integration);
  registry.count += 1;
}
