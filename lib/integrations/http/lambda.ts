import type { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpIntegrationType, HttpRouteIntegration, PayloadFormatVersion } from '../../http/integration';
import type { ParameterMapping } from '../../http/parameter-mapping';
import { grantRouteInvoke } from '../../private/lambda-permission';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpLambdaIntegration`.
 */
export interface HttpLambdaIntegrationProps {
  /**
   * The payload format sent to the function.
   * @default PayloadFormatVersion.VERSION_2_0
   */
  readonly payloadFormatVersion?: PayloadFormatVersion;

  /**
   * How requests are transformed before they reach the function.
   * @default - requests are forwarded unchanged
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * How long API Gateway waits for the function: 50 ms to 30 s.
   * @default Duration.seconds(30) (API Gateway's default)
   */
  readonly timeout?: Duration;

  /**
   * Whether to add one Lambda permission per route, limited to the route's path, instead of
   * one permission per function and API.
   *
   * A function's resource policy holds at most 20 KB, which per-route permissions exceed at
   * about 55 routes. The default shared permission lets the API
   * (`arn:{partition}:execute-api:{region}:{account}:{apiId}/*`) invoke the function through
   * any of its routes and stages.
   *
   * @default - false; true under `TemplateCompatibility.AWS_CDK_LIB` (aws-cdk-lib's default)
   */
  readonly scopePermissionToRoute?: boolean;
}

/**
 * Invokes a Lambda function (an `AWS_PROXY` integration), and allows the API to invoke it.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const handler: lambda.Function;
 * declare const api: apigwv2.HttpApi;
 *
 * // One Lambda permission for the function and the API, however many routes use it.
 * const orders = new integrations.HttpLambdaIntegration('Orders', handler, {
 *   timeout: Duration.seconds(10),
 * });
 * api.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: orders });
 * api.addRoutes({ path: '/orders/{id}', methods: [apigwv2.HttpMethod.GET], integration: orders });
 */
export class HttpLambdaIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param handler the function requests go to
   * @param props options
   */
  constructor(id: string, private readonly handler: IFunction, private readonly props: HttpLambdaIntegrationProps = {}) {
    checkArguments('integrations.HttpLambdaIntegration.new', [id, handler, props]);
    super(id);
    this.constructId = id;
  }

  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return {
      type: HttpIntegrationType.AWS_PROXY,
      uri: this.handler.functionArn,
      payloadFormatVersion: this.props.payloadFormatVersion ?? PayloadFormatVersion.VERSION_2_0,
      parameterMapping: this.props.parameterMapping,
      timeout: this.props.timeout,
    };
  }

  protected completeBind(options: HttpRouteIntegrationBindOptions): void {
    const route = options.route;
    grantRouteInvoke(this.handler, route.httpApi, options.scope, this.props.scopePermissionToRoute,
      { id: `${this.constructId}-Permission`, resourceName: `*/*${route.path ?? ''}` }, true);
  }
}
