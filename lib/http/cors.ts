import type { IConstruct } from 'constructs';
import { Annotations } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { refuse } from '../private/error';
import { MAX_CORS_MAX_AGE_SECONDS } from '../private/validators';

/**
 * The methods a CORS preflight response allows.
 */
export enum CorsHttpMethod {
  /** Every method. */
  ANY = '*',
  /** DELETE */
  DELETE = 'DELETE',
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** PATCH */
  PATCH = 'PATCH',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
}

/**
 * The CORS configuration of an HTTP API. With it, API Gateway answers preflight `OPTIONS`
 * requests itself and ignores CORS headers returned by integrations.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
export interface CorsPreflightOptions {
  /**
   * Whether browsers may send credentials (cookies, authorization headers). Not allowed
   * together with the origin `*`.
   * @default false
   */
  readonly allowCredentials?: boolean;

  /**
   * The request headers browsers may send.
   * @default - no headers allowed
   */
  readonly allowHeaders?: string[];

  /**
   * The methods browsers may use.
   * @default - no methods allowed
   */
  readonly allowMethods?: CorsHttpMethod[];

  /**
   * The origins that may call the API, e.g. `https://example.com`, or `*`.
   * @default - no origins allowed
   */
  readonly allowOrigins?: string[];

  /**
   * The response headers browsers may read.
   * @default - none
   */
  readonly exposeHeaders?: string[];

  /**
   * How long browsers cache a preflight response: at most 86,400 seconds (one day).
   * @default Duration.seconds(0)
   */
  readonly maxAge?: Duration;
}

/**
 * Checks a CORS configuration and renders it for CloudFormation.
 */
export function renderCors(scope: IConstruct, cors?: CorsPreflightOptions): CfnApi.CorsProperty | undefined {
  if (!cors) return undefined;
  const origins = cors.allowOrigins ?? [];
  if (cors.allowCredentials && origins.includes('*')) {
    refuse('invalid `corsPreflight`: `allowCredentials` cannot be used with the origin \'*\' (browsers refuse it); '
      + 'list the allowed origins explicitly in `allowOrigins`', scope);
  }
  if (cors.allowCredentials && ((cors.allowMethods ?? []).includes(CorsHttpMethod.ANY) || (cors.allowHeaders ?? []).includes('*'))) {
    Annotations.of(scope).addWarningV2('cdk-apigatewayv2:corsWildcardWithCredentials',
      'browsers do not expand \'*\' in `allowMethods` or `allowHeaders` for requests with credentials; '
      + 'list the methods and headers explicitly when `allowCredentials` is true');
  }
  const maxAge = cors.maxAge;
  if (maxAge && !maxAge.isUnresolved() && maxAge.toSeconds({ integral: false }) > MAX_CORS_MAX_AGE_SECONDS) {
    refuse(`invalid \`corsPreflight.maxAge\` ${maxAge.toHumanString()}: API Gateway accepts at most ${MAX_CORS_MAX_AGE_SECONDS} seconds (one day); `
      + 'use Duration.days(1) or less', scope);
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
