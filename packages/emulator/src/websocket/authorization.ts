import type { ApiModel, AuthorizerModel, RouteModel, StageModel } from '../assembly/model';
import { checkIam } from '../auth/iam-authorization';
import { evaluatePolicy, isPolicyDocument } from '../auth/iam-policy';
import { invokeLambdaAuthorizer, isObject } from '../auth/lambda-authorizer';
import type { GatewayContext } from '../context';
import { headerValue, queryValue } from '../http/request';
import type { GatewayRequest } from '../http/request';
import { authorizerEvent, connectArn } from './events';
import type { ConnectionInfo } from './events';

/** The decision on a handshake: let it through (with what later events carry), or refuse it with a status. */
export type ConnectAuthorization =
  | { readonly allowed: true; readonly authorizer?: Record<string, string>; readonly note?: string }
  | { readonly allowed: false; readonly status: number; readonly note: string };

/** A short description of the `$connect` route's authorization, for the request log. */
export function describeAuthorization(route: RouteModel): string | undefined {
  if (route.authorizationType === 'NONE') return undefined;
  return route.authorizer ? `${route.authorizationType} ${route.authorizer.name}` : route.authorizationType;
}

/**
 * Authorizes a handshake as API Gateway does on `$connect`, the only route that takes an
 * authorizer [doc]: a Lambda REQUEST authorizer (an IAM policy evaluated on the `$connect`
 * ARN; a missing identity source answers 401 without invoking it) or IAM (SigV4 in headers or
 * a presigned URL). Refusals are 401 or 403 [doc], failures 500.
 */
export async function authorizeConnect(ctx: GatewayContext, route: RouteModel, request: GatewayRequest, conn: ConnectionInfo): Promise<ConnectAuthorization> {
  switch (route.authorizationType) {
    case 'NONE':
      return { allowed: true };
    case 'AWS_IAM': {
      const decision = checkIam(request, ctx.iam, ctx.clock(), conn.api.account);
      return decision.allowed ? { allowed: true, note: decision.note } : { allowed: false, status: 403, note: decision.note };
    }
    case 'CUSTOM':
      if (!route.authorizer) return { allowed: false, status: 500, note: route.authorizerProblem ?? 'the route has no authorizer' };
      if (route.authorizer.type !== 'REQUEST') return { allowed: false, status: 500, note: `a ${route.authorizer.type} authorizer cannot authorize a WebSocket API` };
      return lambdaAuthorizer(ctx, route.authorizer, request, conn);
    default:
      return { allowed: false, status: 500, note: `authorization type ${route.authorizationType} cannot authorize a WebSocket API's $connect` };
  }
}

async function lambdaAuthorizer(ctx: GatewayContext, authorizer: AuthorizerModel, request: GatewayRequest, conn: ConnectionInfo): Promise<ConnectAuthorization> {
  for (const source of authorizer.identitySource) {
    const value = identitySourceValue(source, request, conn.api, conn.stage);
    if (value === undefined || value === '') {
      return { allowed: false, status: 401, note: `identity source ${source} is missing, so the authorizer is not invoked` };
    }
  }
  const invoked = await invokeLambdaAuthorizer(ctx, authorizer, authorizerEvent(conn, request));
  if (!invoked.ok) return { allowed: false, status: invoked.status, note: invoked.note };
  const response = invoked.response;
  if (!isPolicyDocument(response.policyDocument)) {
    return { allowed: false, status: 500, note: 'the authorizer\'s response has no `policyDocument` with statements' };
  }
  const arn = connectArn(conn.api, conn.stage);
  const decision = evaluatePolicy(response.policyDocument, 'execute-api:Invoke', arn);
  if (decision !== 'allow') return { allowed: false, status: 403, note: `the policy ${decision === 'deny' ? 'denies' : 'does not allow'} ${arn}` };
  // The principal and context reach every later event of the connection, as strings
  // [obs: principalId on $disconnect, boto/boto3#3789; unverified: the stringified context values].
  const context: Record<string, string> = {};
  for (const [name, value] of Object.entries(isObject(response.context) ? response.context : {})) {
    if (value !== undefined && value !== null) context[name] = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  const principalId = typeof response.principalId === 'string' ? response.principalId : undefined;
  return { allowed: true, authorizer: { ...(principalId !== undefined ? { principalId } : {}), ...context }, note: 'allowed' };
}

/**
 * The value of a WebSocket identity source [doc]: `route.request.header.<name>` (any case),
 * `route.request.querystring.<name>`, `stageVariables.<name>` or `context.<name>`.
 */
export function identitySourceValue(source: string, request: GatewayRequest, api: ApiModel, stage: StageModel): string | undefined {
  const match = /^(route\.request\.header|route\.request\.querystring|stageVariables|context)\.(.+)$/.exec(source.replace(/^\$/, ''));
  if (!match) return undefined;
  switch (match[1]) {
    case 'route.request.header': return headerValue(request, match[2]);
    case 'route.request.querystring': return queryValue(request, match[2]);
    case 'stageVariables': return stage.variables[match[2]];
    default: {
      const context: Record<string, string> = {
        'apiId': api.id, 'stage': stage.name, 'routeKey': '$connect', 'eventType': 'CONNECT', 'domainName': request.host,
        'requestId': request.requestId, 'identity.sourceIp': request.sourceIp,
      };
      return context[match[2]];
    }
  }
}
