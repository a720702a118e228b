import type { IConstruct } from 'constructs';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { refuse, warn } from '../../private/error';
import { LIMITS } from '../../private/limits';
import type { CorsPreflightOptions } from '../cors';
import { CorsHttpMethod } from '../cors';

/**
 * Checks a CORS configuration and renders it for CloudFormation.
 */
export function renderCors(scope: IConstruct, cors?: CorsPreflightOptions): CfnApi.CorsProperty | undefined {
  if (!cors) return undefined;
  const origins = cors.allowOrigins ?? [];
  if (cors.allowCredentials && origins.includes('*')) {
    refuse('corsCredentialsWildcard', 'invalid `corsPreflight`: `allowCredentials` cannot be used with the origin \'*\' (browsers refuse it); '
      + 'list the allowed origins explicitly in `allowOrigins`', scope);
  }
  if (cors.allowCredentials && ((cors.allowMethods ?? []).includes(CorsHttpMethod.ANY) || (cors.allowHeaders ?? []).includes('*'))) {
    warn(scope, 'corsWildcardWithCredentials',
      'browsers do not expand \'*\' in `allowMethods` or `allowHeaders` for requests with credentials; '
      + 'list the methods and headers explicitly when `allowCredentials` is true');
  }
  const maxAge = cors.maxAge;
  const maxSeconds = LIMITS.corsMaxAgeSeconds.value;
  if (maxAge && !maxAge.isUnresolved() && maxAge.toSeconds({ integral: false }) > maxSeconds) {
    // API Gateway's API reference documents -1 to 86400, but CloudFormation's schema takes any
    // integer and deployed apps use more (aws-cdk-lib's README shows 10 days): warn, do not refuse.
    warn(scope, 'corsMaxAge',
      `\`corsPreflight.maxAge\` ${maxAge.toHumanString()} is over the ${maxSeconds} seconds (one day) API Gateway documents, `
      + 'and browsers cache a preflight response for a shorter time anyway (Firefox one day, Chromium two hours); '
      + 'use Duration.days(1) or less');
  }
  return {
    allowCredentials: cors.allowCredentials,
    allowHeaders: cors.allowHeaders,
    allowMethods: cors.allowMethods,
    allowOrigins: cors.allowOrigins,
    exposeHeaders: cors.exposeHeaders,
    maxAge: maxAge?.toSeconds(),
  };
}

/** What the preflight check needs to know of a route. */
interface PreflightRoute {
  readonly key: string;
  readonly method?: string;
  readonly path?: string;
  readonly authorizationType: string;
}

/**
 * With CORS configured, a catch-all route (`$default`, or `ANY` on a greedy path such as
 * `/{proxy+}`) that has an authorizer also receives browsers' preflight `OPTIONS` requests,
 * which carry no credentials: the authorizer refuses them and the browser blocks the call.
 * Warns for each such route that no unauthorized `OPTIONS` route covers.
 */
export function warnPreflightBlocked(scope: IConstruct, routes: PreflightRoute[]): void {
  const openOptions = new Set(routes
    .filter(r => r.method === 'OPTIONS' && r.authorizationType === 'NONE' && r.path !== undefined)
    .map(r => r.path as string));
  const rootCatchAll = [...openOptions].some(path => /^\/\{[^/]+\+\}$/.test(path));
  for (const route of routes) {
    if (route.authorizationType === 'NONE') continue;
    const greedy = route.method === 'ANY' && route.path !== undefined && /\/\{[^/]+\+\}$/.test(route.path);
    if (route.key !== '$default' && !greedy) continue;
    if (rootCatchAll || (route.path !== undefined && openOptions.has(route.path))) continue;
    const fixPath = greedy ? (route.path as string) : '/{proxy+}';
    warn(scope, 'corsPreflightAuthorized',
      `route '${route.key}' has a ${route.authorizationType} authorizer and catches CORS preflight requests, which carry no `
      + `credentials, so browsers' calls fail; add a route 'OPTIONS ${fixPath}' with an HttpNoneAuthorizer (its integration `
      + 'may return anything: API Gateway answers with the CORS headers)');
  }
}
