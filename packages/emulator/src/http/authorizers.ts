import type { ApiModel, AuthorizerModel, RouteModel, StageModel } from '../assembly/model';
import { evaluatePolicy, isPolicyDocument } from '../auth/iam-policy';
import { checkJwt, keyIdOf, renderClaims, scopesOf } from '../auth/jwt';
import { checkIam } from '../auth/iam-authorization';
import { invokeLambdaAuthorizer, isObject } from '../auth/lambda-authorizer';
import type { GatewayContext } from '../context';
import { routeArn, v1AuthorizerEvent, v2AuthorizerEvent } from './events';
import type { AuthorizerOutcome, EventInput } from './events';
import { GatewayErrors } from './responses';
import type { GatewayResponse } from './responses';
import { evaluate } from './selection';
import type { SelectionSources } from './selection';

/** The decision on a request: let through (with what integrations see), or answer with an error. */
export type AuthorizationResult =
  | { readonly allowed: true; readonly outcome?: AuthorizerOutcome; readonly note?: string }
  | { readonly allowed: false; readonly response: GatewayResponse; readonly note: string };

/** What the route authorizers need beyond the event input. */
export interface AuthorizationInput extends EventInput {
  readonly stagePath: string;
  readonly sources: SelectionSources;
}

/** A Lambda authorizer's result, as cached. */
interface CachedDecision {
  readonly expires: number;
  readonly response: Record<string, unknown>;
}

/** Runs the authorization of HTTP API routes: JWT, Lambda (REQUEST) and IAM. */
export class RouteAuthorizers {
  private readonly cache = new Map<string, CachedDecision>();

  constructor(private readonly ctx: GatewayContext) {}

  /** A short description of a route's authorization, for the request log. */
  static describe(route: RouteModel): string | undefined {
    if (route.authorizationType === 'NONE') return undefined;
    return route.authorizer ? `${route.authorizationType} ${route.authorizer.name}` : route.authorizationType;
  }

  async authorize(route: RouteModel, input: AuthorizationInput): Promise<AuthorizationResult> {
    switch (route.authorizationType) {
      case 'NONE':
        return { allowed: true };
      case 'AWS_IAM':
        return this.iam(input);
      case 'JWT':
      case 'CUSTOM':
        if (!route.authorizer) return { allowed: false, response: GatewayErrors.internal(), note: route.authorizerProblem ?? 'the route has no authorizer' };
        return route.authorizer.type === 'JWT' ? this.jwt(route, route.authorizer, input) : this.lambda(route.authorizer, input);
      default:
        return { allowed: false, response: GatewayErrors.internal(), note: `authorization type ${String(route.authorizationType)} is not supported` };
    }
  }

  /** JWT authorizers [doc: http-api-jwt-authorizer]. */
  private async jwt(route: RouteModel, authorizer: AuthorizerModel, input: AuthorizationInput): Promise<AuthorizationResult> {
    const source = authorizer.identitySource[0] ?? '$request.header.Authorization';
    const raw = evaluate(source, input.sources);
    if (!raw) {
      return { allowed: false, response: GatewayErrors.unauthorized([['www-authenticate', 'Bearer']]), note: `no token in ${source}` };
    }
    const token = raw.replace(/^Bearer\s+/i, '').trim();
    const issuer = authorizer.jwt?.issuer ?? '';
    let keys;
    try {
      keys = await this.ctx.jwks.keys(this.ctx.keySourceFor(issuer), keyIdOf(token));
    } catch (e) {
      return {
        allowed: false,
        response: GatewayErrors.unauthorized([['www-authenticate', 'Bearer scope="" error="invalid_token"']]),
        note: `the keys of issuer ${issuer} cannot be fetched (${(e as Error).message}); to run offline, serve the issuer locally (\`localIssuer\`, \`--local-issuer\`) or give its JWKS (\`jwks\`)`,
      };
    }
    const check = checkJwt(token, keys, { issuer, audience: authorizer.jwt?.audience ?? [], now: this.ctx.clock() });
    if (!check.valid) {
      const description = check.audience ? ` error_description="${check.reason}"` : '';
      return {
        allowed: false,
        response: GatewayErrors.unauthorized([['www-authenticate', `Bearer scope="" error="invalid_token"${description}`]]),
        note: check.reason,
      };
    }
    const tokenScopes = scopesOf(check.claims);
    if (route.authorizationScopes.length > 0 && !route.authorizationScopes.some(scope => tokenScopes.includes(scope))) {
      return { allowed: false, response: GatewayErrors.forbidden(), note: `the token has none of the route's scopes ${route.authorizationScopes.join(', ')}` };
    }
    return {
      allowed: true,
      outcome: { kind: 'jwt', claims: renderClaims(check.claims), scopes: route.authorizationScopes.length > 0 ? tokenScopes : null },
    };
  }

  /** Lambda (REQUEST) authorizers [doc: http-api-lambda-authorizer]. */
  private async lambda(authorizer: AuthorizerModel, input: AuthorizationInput): Promise<AuthorizationResult> {
    const identity: string[] = [];
    for (const source of authorizer.identitySource) {
      const value = evaluate(source, input.sources);
      if (value === undefined || value === '') {
        return { allowed: false, response: GatewayErrors.unauthorized(), note: `identity source ${source} is missing, so the authorizer is not invoked` };
      }
      identity.push(value);
    }
    const caching = authorizer.resultTtlSeconds > 0 && identity.length > 0;
    const key = `${authorizer.id}\u0000${identity.join('\u0000')}`;
    const now = this.ctx.clock();
    const cached = caching ? this.cache.get(key) : undefined;
    let response: Record<string, unknown>;
    let latencyMs = 0;
    let note = '';
    if (cached && cached.expires > now) {
      response = cached.response;
      note = ' (cached)';
    } else {
      const invoked = await this.invokeAuthorizer(authorizer, input, identity);
      if (!invoked.ok) return { allowed: false, response: invoked.response, note: invoked.note };
      response = invoked.response;
      latencyMs = invoked.latencyMs;
      if (caching) this.cache.set(key, { expires: now + authorizer.resultTtlSeconds * 1000, response });
    }
    const context = isObject(response.context) ? response.context : null;
    if (authorizer.payloadFormatVersion === '2.0' && authorizer.enableSimpleResponses) {
      if (typeof response.isAuthorized !== 'boolean') {
        return { allowed: false, response: GatewayErrors.internal(), note: 'the authorizer\'s simple response has no boolean `isAuthorized`' };
      }
      if (!response.isAuthorized) return { allowed: false, response: GatewayErrors.forbidden(), note: `denied${note}` };
      return { allowed: true, outcome: { kind: 'lambda', context, latencyMs }, note: `allowed${note}` };
    }
    if (!isPolicyDocument(response.policyDocument)) {
      return { allowed: false, response: GatewayErrors.internal(), note: 'the authorizer\'s response has no `policyDocument` with statements' };
    }
    const decision = evaluatePolicy(response.policyDocument, 'execute-api:Invoke', routeArn(input));
    if (decision !== 'allow') {
      return { allowed: false, response: GatewayErrors.forbidden(), note: `the policy ${decision === 'deny' ? 'denies' : 'does not allow'} ${routeArn(input)}${note}` };
    }
    const principalId = typeof response.principalId === 'string' ? response.principalId : undefined;
    return { allowed: true, outcome: { kind: 'lambda', context, principalId, latencyMs }, note: `allowed${note}` };
  }

  private async invokeAuthorizer(authorizer: AuthorizerModel, input: AuthorizationInput, identity: string[]):
  Promise<{ ok: true; response: Record<string, unknown>; latencyMs: number } | { ok: false; response: GatewayResponse; note: string }> {
    const event = authorizer.payloadFormatVersion === '2.0'
      ? v2AuthorizerEvent({ ...input, identitySource: identity })
      : v1AuthorizerEvent({ ...input, identitySource: identity });
    const invoked = await invokeLambdaAuthorizer(this.ctx, authorizer, event);
    if (invoked.ok) return invoked;
    const response = invoked.status === 401 ? GatewayErrors.unauthorized() : invoked.status === 502 ? GatewayErrors.badGateway() : GatewayErrors.internal();
    return { ok: false, response, note: invoked.note };
  }

  /** IAM authorization [doc: http-api-access-control-iam], in "signed" or "verify" mode. */
  private iam(input: AuthorizationInput): AuthorizationResult {
    const decision = checkIam(input.request, this.ctx.iam, this.ctx.clock(), input.api.account);
    if (!decision.allowed) return { allowed: false, response: GatewayErrors.forbidden([['x-amzn-errortype', decision.errorType]]), note: decision.note };
    return { allowed: true, outcome: { kind: 'iam', identity: decision.identity }, note: decision.note };
  }
}

/** The `$context` variables of a request, flattened, for parameter mapping and identity sources. */
export function contextVariables(api: ApiModel, stage: StageModel, input: { request: EventInput['request']; match?: EventInput['match'] }, outcome?: AuthorizerOutcome): Record<string, string> {
  const request = input.request;
  const vars: Record<string, string> = {
    'accountId': api.account,
    'apiId': api.id,
    'domainName': request.host,
    'domainPrefix': request.host.split(/[.:]/)[0],
    'extendedRequestId': request.requestId,
    'httpMethod': request.method,
    'identity.sourceIp': request.sourceIp,
    'identity.userAgent': request.headers.find(([n]) => n.toLowerCase() === 'user-agent')?.[1] ?? '',
    'path': request.path,
    'protocol': 'HTTP/1.1',
    'requestId': request.requestId,
    'requestTime': new Date(request.time).toISOString(),
    'requestTimeEpoch': String(request.time),
    'stage': stage.name,
  };
  if (input.match) vars.routeKey = input.match.route.key;
  if (outcome?.kind === 'jwt') {
    for (const [name, value] of Object.entries(outcome.claims)) vars[`authorizer.claims.${name}`] = value;
  } else if (outcome?.kind === 'lambda') {
    if (outcome.principalId) vars['authorizer.principalId'] = outcome.principalId;
    for (const [name, value] of Object.entries(outcome.context ?? {})) vars[`authorizer.${name}`] = typeof value === 'string' ? value : JSON.stringify(value);
  } else if (outcome?.kind === 'iam') {
    vars['identity.accessKey'] = outcome.identity.accessKey;
    vars['identity.accountId'] = outcome.identity.accountId;
    vars['identity.userArn'] = outcome.identity.userArn;
    vars['identity.user'] = outcome.identity.userId;
    vars['identity.caller'] = outcome.identity.userId;
  }
  return vars;
}
