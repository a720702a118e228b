import { Duration, Names } from 'aws-cdk-lib';
import type { IRoleRef } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { HttpRouteAuthorizerBindOptions, HttpRouteAuthorizerConfig, IHttpRouteAuthorizer } from '../../http/authorizer';
import { AuthorizerPayloadVersion, HttpAuthorizer, HttpAuthorizerType } from '../../http/authorizer';
import type { OpenApiSchemeOptions, OpenApiSecurityScheme } from '../../http/private/openapi/render';
import { openApiRenderers } from '../../http/private/openapi/renderers';
import { executeApiSourceArn, lambdaInvocationUri } from '../../private/arns';
import { allowInvokeFrom, grantApiInvoke } from '../../private/lambda-permission';
import { AuthorizerBinding, DEFAULT_IDENTITY_SOURCE } from '../private/binding';
import { checkArguments } from '../../private/guard';

/**
 * The kinds of response a Lambda authorizer returns.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html#http-api-lambda-authorizer.payload-format-response
 */
export enum HttpLambdaResponseType {
  /** A simple response: a JSON object with a boolean `isAuthorized` and an optional `context` (payload format 2.0). */
  SIMPLE,
  /** An IAM policy document that allows or denies `execute-api:Invoke`. */
  IAM,
}

/**
 * Properties of an `HttpLambdaAuthorizer`.
 */
export interface HttpLambdaAuthorizerProps {
  /**
   * The name of the authorizer.
   * @default - the `id` given to the constructor
   */
  readonly authorizerName?: string;

  /**
   * Where the caller's identity is read from: `$request.header.NAME`,
   * `$request.querystring.NAME`, `$context.NAME` or `$stageVariables.NAME`. API Gateway
   * answers 401 without invoking the function when a listed source is missing from a request,
   * and caches results per combination of their values. An empty list is accepted only with
   * caching off (`resultsCacheTtl` of zero).
   * @default - the `Authorization` header (`$request.header.Authorization`)
   */
  readonly identitySource?: string[];

  /**
   * How long API Gateway caches the function's answer for the same identity sources: 0 to
   * 1 hour. A duration of zero turns caching off.
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;

  /**
   * The kinds of response the function may return. With `SIMPLE` among them, API Gateway sends
   * payload format 2.0 and accepts simple responses (and IAM policies); otherwise it sends
   * payload format 1.0 and expects an IAM policy.
   * @default - `HttpLambdaResponseType.IAM` only
   */
  readonly responseTypes?: HttpLambdaResponseType[];

  /**
   * The role API Gateway assumes to invoke the function. The role must allow
   * `lambda:InvokeFunction` on it; no Lambda permission is added then.
   * @default - no role: a Lambda permission lets API Gateway invoke the function
   */
  readonly role?: IRoleRef;
}

/**
 * Authorizes HTTP API routes with a Lambda function (a `REQUEST` authorizer; routes get the
 * authorization type `CUSTOM`).
 *
 * The `AWS::ApiGatewayV2::Authorizer` is created, with the construct id `id`, under the API of
 * the first route that uses this object, together with one `AWS::Lambda::Permission` that lets
 * that authorizer invoke the function (none when `role` is given). Later routes of the same API
 * share both. Routes of another API are refused: create one `HttpLambdaAuthorizer` per API.
 *
 * Results are cached for 5 minutes by default, keyed by the identity sources.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const authHandler: lambda.Function;
 * declare const api: apigwv2.HttpApi;
 *
 * // The function answers {"isAuthorized": true} or false; answers are cached per key.
 * const authorizer = new authorizers.HttpLambdaAuthorizer('PartnerKey', authHandler, {
 *   responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE],
 *   identitySource: ['$request.header.x-partner-key'],
 *   resultsCacheTtl: Duration.minutes(5),
 * });
 *
 * api.addRoutes({
 *   path: '/books/{id}/stock',
 *   methods: [apigwv2.HttpMethod.PUT],
 *   integration: new integrations.HttpUrlIntegration('Stock', 'https://warehouse.example.com/stock/{id}'),
 *   authorizer,
 * });
 */
export class HttpLambdaAuthorizer implements IHttpRouteAuthorizer {
  /** The authorization type of the routes this authorizer protects: `CUSTOM`. */
  public readonly authorizationType = 'CUSTOM';
  private readonly binding: AuthorizerBinding<HttpAuthorizer>;

  /**
   * @param id the construct id of the authorizer, created under the API
   * @param handler the function that authorizes requests
   * @param props the response types, cache and other settings
   */
  constructor(private readonly id: string, private readonly handler: IFunction, private readonly props: HttpLambdaAuthorizerProps = {}) {
    checkArguments('authorizers.HttpLambdaAuthorizer.new', [id, handler, props]);
    this.binding = new AuthorizerBinding('HttpLambdaAuthorizer', id);
  }

  /**
   * The id of the authorizer, known once a route uses this authorizer.
   */
  public get authorizerId(): string {
    return this.binding.authorizerId;
  }

  public bind(options: HttpRouteAuthorizerBindOptions): HttpRouteAuthorizerConfig {
    checkArguments('authorizers.HttpLambdaAuthorizer.bind', [options], this);
    const authorizer = this.binding.bind(options.route.httpApi, options.route, () => {
      const responseTypes = this.props.responseTypes ?? [HttpLambdaResponseType.IAM];
      const simple = responseTypes.includes(HttpLambdaResponseType.SIMPLE);
      const created = new HttpAuthorizer(options.scope, this.id, {
        httpApi: options.route.httpApi,
        type: HttpAuthorizerType.LAMBDA,
        authorizerName: this.props.authorizerName ?? this.id,
        identitySource: this.props.identitySource ?? [DEFAULT_IDENTITY_SOURCE],
        enableSimpleResponses: simple || undefined,
        payloadFormatVersion: simple ? AuthorizerPayloadVersion.VERSION_2_0 : AuthorizerPayloadVersion.VERSION_1_0,
        authorizerUri: lambdaInvocationUri(this.handler),
        resultsCacheTtl: this.props.resultsCacheTtl ?? Duration.minutes(5),
        role: this.props.role,
      });
      if (!this.props.role) {
        // One permission per authorizer, limited to it; the construct id matches aws-cdk-lib's.
        allowInvokeFrom(this.handler, `${Names.nodeUniqueId(created.node)}-Permission`, options.scope,
          executeApiSourceArn(options.route, options.route.httpApi.apiId, `authorizers/${created.authorizerId}`));
      }
      return created;
    });
    return { authorizerId: authorizer.authorizerId, authorizationType: this.authorizationType };
  }

  /**
   * This authorizer as the security scheme of an OpenAPI document. For an API that imports
   * the document, the function allows the API to invoke it (one permission per function and
   * API, shared with integrations), unless a `role` invokes it.
   * @internal
   */
  public _renderOpenApiScheme(options: OpenApiSchemeOptions): OpenApiSecurityScheme {
    const simple = (this.props.responseTypes ?? [HttpLambdaResponseType.IAM]).includes(HttpLambdaResponseType.SIMPLE);
    if (options.forImport && !this.props.role) {
      // Authorizer ids are unknown until the import creates them: the permission covers the API.
      grantApiInvoke(this.handler, options.api, options.scope);
    }
    return {
      name: this.props.authorizerName ?? this.id,
      authorizationType: 'CUSTOM',
      scheme: openApiRenderers().lambdaScheme({
        authorizerUri: lambdaInvocationUri(this.handler),
        payloadFormatVersion: simple ? AuthorizerPayloadVersion.VERSION_2_0 : AuthorizerPayloadVersion.VERSION_1_0,
        enableSimpleResponses: simple || undefined,
        resultsCacheTtlSeconds: (this.props.resultsCacheTtl ?? Duration.minutes(5)).toSeconds(),
        identitySource: this.props.identitySource ?? [DEFAULT_IDENTITY_SOURCE],
        credentialsArn: this.props.role?.roleRef.roleArn,
      }),
    };
  }
}
