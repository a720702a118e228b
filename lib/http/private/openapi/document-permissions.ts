import type { IConstruct } from 'constructs';
import { Names, Reference, Token, Tokenization } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { JsonObject } from './model';
import { EXT, isObject, operationsOf } from './model';
import type { IHttpApi } from '../../api-base';
import { executeApiResourceArn } from '../../../private/arns';

/**
 * Lets the API invoke the Lambda functions of this app that the document itself names (a
 * token such as `fn.functionArn` in an integration's `uri` or an authorizer's
 * `authorizerUri`), as it does for integrations and authorizers bound in code: one permission
 * per function and API, with the construct id those use, so that each function gets one
 * whichever way it is named. Integrations and authorizers with credentials (a role API
 * Gateway assumes) need none. Literal ARNs name functions this app cannot see: they get none.
 *
 * @param skip the names of shared integrations and security schemes rendered from code, whose
 *   functions were granted when they were bound
 */
export function grantDocumentFunctions(api: IHttpApi, document: JsonObject, skip: ReadonlySet<string>): void {
  const uris: unknown[] = [];
  const lambdaUri = (integration: unknown) => isObject(integration) && typeof integration.type === 'string'
    && integration.type.toLowerCase() === 'aws_proxy' && integration.integrationSubtype === undefined && integration.credentials === undefined
    ? integration.uri : undefined;
  for (const op of operationsOf(document)) uris.push(lambdaUri(op.operation[EXT.INTEGRATION]));
  const shared = document.components?.[EXT.INTEGRATIONS];
  for (const [name, integration] of Object.entries(isObject(shared) ? shared : {})) {
    if (!skip.has(name)) uris.push(lambdaUri(integration));
  }
  const schemes = document.components?.securitySchemes;
  for (const [name, scheme] of Object.entries(isObject(schemes) ? schemes : {})) {
    const authorizer = isObject(scheme) ? scheme[EXT.AUTHORIZER] : undefined;
    if (skip.has(name) || !isObject(authorizer) || authorizer.authorizerCredentials !== undefined) continue;
    if (String(authorizer.type).toLowerCase() === 'request') uris.push(authorizer.authorizerUri);
  }
  for (const fn of uris.flatMap(functionsIn)) {
    const id = `InvokePermission-${Names.nodeUniqueId(fn.node)}`;
    if (api.node.tryFindChild(id)) continue;
    fn.addPermission(id, {
      scope: api,
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: executeApiResourceArn(api, '*'),
    });
  }
}

/** The Lambda functions of this app whose attributes a string refers to. */
function functionsIn(uri: unknown): IFunction[] {
  if (typeof uri !== 'string' || !Token.isUnresolved(uri)) return [];
  return Tokenization.reverseString(uri).tokens
    .filter((token): token is Reference => token instanceof Reference)
    .map(token => token.target.node.scope)
    .filter((scope): scope is IConstruct & IFunction => isFunction(scope));
}

function isFunction(scope: IConstruct | undefined): boolean {
  const candidate = scope as Partial<IFunction> | undefined;
  return typeof candidate?.addPermission === 'function' && typeof candidate.functionArn === 'string';
}
