import type { Duration } from 'aws-cdk-lib';

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
 *
 * @example
 * new apigwv2.HttpApi(this, 'HttpProxyApi', {
 *   corsPreflight: {
 *     allowHeaders: ['Authorization'],
 *     allowMethods: [
 *       apigwv2.CorsHttpMethod.GET,
 *       apigwv2.CorsHttpMethod.HEAD,
 *       apigwv2.CorsHttpMethod.OPTIONS,
 *       apigwv2.CorsHttpMethod.POST,
 *     ],
 *     allowOrigins: ['*'],
 *     maxAge: Duration.days(1),
 *   },
 * });
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
   * How long browsers cache a preflight response, in whole seconds. API Gateway documents at
   * most 86,400 seconds (one day), and browsers cap it lower (Chromium at two hours); a longer
   * one synthesizes as given, with a warning.
   * @see https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-model-cors
   * @default Duration.seconds(0)
   */
  readonly maxAge?: Duration;
}
