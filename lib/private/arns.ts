import type { IConstruct } from 'constructs';
import { ArnFormat, Aws, Stack, Token } from 'aws-cdk-lib';
import type { IApiRef } from 'aws-cdk-lib/aws-apigatewayv2';
import { refuse, shown } from './error';

/**
 * The `execute-api` ARN of an API for a method, path and stage:
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{method}{path}`.
 */
export function executeApiArn(api: IApiRef, method?: string, path?: string, stage?: string): string {
  if (path !== undefined && !Token.isUnresolved(path) && !path.startsWith('/')) {
    refuse(`invalid \`path\` ${shown(path)} for arnForExecuteApi: a path starts with '/'; use '/${path}'`, api);
  }
  const verb = method?.toUpperCase() === 'ANY' ? '*' : method;
  return executeApiResourceArn(api, `${stage ?? '*'}/${verb ?? '*'}${path ?? '/*'}`);
}

/** `arn:{partition}:execute-api:{region}:{account}:{apiId}/{resourceName}`. */
export function executeApiResourceArn(api: IApiRef, resourceName: string): string {
  return Stack.of(api).formatArn({
    service: 'execute-api',
    account: api.env.account,
    region: api.env.region,
    resource: api.apiRef.apiId,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    resourceName,
  });
}

/** The host name of an API's default endpoint, in the region of the stack of `scope`. */
export function executeApiHost(apiId: string, scope: IConstruct): string {
  const stack = Stack.of(scope);
  return `${apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
}

/** The partition token, for ARNs built by hand. */
export const PARTITION = Aws.PARTITION;
