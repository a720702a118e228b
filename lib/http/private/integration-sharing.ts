import type { IConstruct } from 'constructs';
import { Stack } from 'aws-cdk-lib';
import type { HttpRouteIntegrationConfig } from '../integration';

/**
 * When two integrations of an HTTP API are the same backend call. The API's registry keeps the
 * shared resources under the key `sharingKey` makes and whether the API shares at all.
 */

/**
 * What makes two integrations of one API the same backend call: two integrations with the same
 * fingerprint on one API and in one stack can share one `AWS::ApiGatewayV2::Integration`.
 */
interface IntegrationFingerprint {
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

/**
 * The key under which an integration resource can be shared: the stack it lives in (a route
 * in another stack gets its own copy, so no stack references another's integration) and the
 * backend call. Tokens are kept as their string form, which names one underlying value.
 */
export function integrationSharingKey(scope: IConstruct, config: HttpRouteIntegrationConfig): string {
  const fingerprint = fingerprintOf(config);
  const mapping = fingerprint.parameterMapping;
  const sortedMapping = mapping ? Object.keys(mapping).sort().map(key => [key, mapping[key]]) : undefined;
  return JSON.stringify([
    Stack.of(scope).node.addr,
    fingerprint.type, fingerprint.subtype, fingerprint.uri, fingerprint.method,
    fingerprint.connectionId, fingerprint.connectionType, fingerprint.payloadFormatVersion,
    fingerprint.secureServerName, fingerprint.timeoutMillis, sortedMapping, fingerprint.credentialsArn,
  ]);
}

/** What makes two integration configs the same backend call. */
function fingerprintOf(config: HttpRouteIntegrationConfig): IntegrationFingerprint {
  const timeout = config.timeout;
  return {
    type: config.type,
    subtype: config.subtype,
    uri: config.uri,
    method: config.method,
    connectionId: config.connectionId,
    connectionType: config.connectionType,
    payloadFormatVersion: config.payloadFormatVersion.version,
    secureServerName: config.secureServerName,
    timeoutMillis: timeout === undefined ? undefined : timeout.isUnresolved() ? timeout.toString() : timeout.toMilliseconds(),
    parameterMapping: config.parameterMapping?.mappings,
    credentialsArn: config.credentials?.credentialsArn,
  };
}
