import type { IConstruct } from 'constructs';
import type { IResource } from 'aws-cdk-lib';
import { ArnFormat, Aws, Stack, Token } from 'aws-cdk-lib';
import type { IApiRef } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { refuse, shown } from './error';

/**
 * Every `execute-api` ARN and Lambda invocation URI the library writes is built here.
 */

/**
 * The `execute-api` ARN of an API for a method, path and stage:
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{method}{path}`.
 */
export function executeApiArn(api: IApiRef, method?: string, path?: string, stage?: string): string {
  if (path !== undefined && !Token.isUnresolved(path) && !path.startsWith('/')) {
    refuse('executeApiArnPath', `invalid \`path\` ${shown(path)} for arnForExecuteApi: a path starts with '/'; use '/${path}'`, api);
  }
  const verb = method?.toUpperCase() === 'ANY' ? '*' : method;
  return executeApiResourceArn(api, `${stage ?? '*'}/${verb ?? '*'}${path ?? '/*'}`);
}

/**
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{resourceName}`, in the account and
 * Region of the API.
 */
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

/**
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{resourceName}`, in the account and
 * Region of the stack of `scope`: the source ARN of a Lambda permission created there.
 */
export function executeApiSourceArn(scope: IConstruct, apiId: string, resourceName: string): string {
  return Stack.of(scope).formatArn({
    service: 'execute-api',
    resource: apiId,
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    resourceName,
  });
}

/**
 * The ARN of an HTTP route for IAM policies, in the account and Region of the route:
 * `arn:{partition}:execute-api:{region}:{account}:{apiId}/*\/{method}{path}`.
 */
export function routeArn(route: IResource, apiId: string, verb: string, path: string): string {
  return `arn:${Aws.PARTITION}:execute-api:${route.env.region}:${route.env.account}:${apiId}/*/${verb}${path}`;
}

/** The host name of an API's default endpoint, in the region of the stack of `scope`. */
export function executeApiHost(apiId: string, scope: IConstruct): string {
  const stack = Stack.of(scope);
  return `${apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
}

/**
 * The URI through which API Gateway invokes a function, in the partition and Region of the
 * stack of `scope`: `arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`.
 */
export function lambdaInvocationUri(handler: IFunction, scope: IConstruct = handler): string {
  return Stack.of(scope).formatArn({
    service: 'apigateway',
    account: 'lambda',
    resource: 'path/2015-03-31/functions',
    arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    resourceName: `${handler.functionArn}/invocations`,
  });
}
