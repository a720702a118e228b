import type { Duration } from 'aws-cdk-lib';
import { Token } from 'aws-cdk-lib';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpIntegrationType, HttpRouteIntegration, PayloadFormatVersion } from '../../http/integration';
import type { ParameterMapping } from '../../http/parameter-mapping';
import { HttpMethod } from '../../http/route';
import { refuse, shown } from '../../private/error';
import { isAbsoluteHttpUrl, startsWithStageVariable } from '../../private/validators';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpUrlIntegration`.
 */
export interface HttpUrlIntegrationProps {
  /**
   * The method used to call the URL.
   * @default HttpMethod.ANY (the request's own method)
   */
  readonly method?: HttpMethod;

  /**
   * How requests are transformed before they reach the URL.
   * @default - requests are forwarded unchanged
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * How long API Gateway waits for the URL: 50 ms to 30 s.
   * @default Duration.seconds(30) (API Gateway's default)
   */
  readonly timeout?: Duration;
}

/**
 * Forwards requests to an HTTP(S) URL (an `HTTP_PROXY` integration).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 *
 * // `{id}` in the URL is the route's path variable.
 * api.addRoutes({
 *   path: '/books/{id}',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('GetBook', 'https://catalog.example.com/books/{id}', {
 *     timeout: Duration.seconds(5),
 *   }),
 * });
 */
export class HttpUrlIntegration extends HttpRouteIntegration {
  /**
   * @param id the construct id of the integration resource
   * @param url the absolute http:// or https:// URL requests go to, which may contain path
   *   variables of the route, e.g. `https://backend.example.com/books/{id}`
   * @param props options
   */
  constructor(id: string, private readonly url: string, private readonly props: HttpUrlIntegrationProps = {}) {
    checkArguments('integrations.HttpUrlIntegration.new', [id, url, props]);
    super(id);
    // A URL that a stage variable begins is warned about when the integration is created.
    if (!Token.isUnresolved(url) && !isAbsoluteHttpUrl(url) && !startsWithStageVariable(url)) {
      refuse('integrationUri', `invalid \`url\` ${shown(url)} of integration '${id}': use an absolute URL starting with http:// or https://`);
    }
  }

  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return {
      method: this.props.method ?? HttpMethod.ANY,
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
      type: HttpIntegrationType.HTTP_PROXY,
      uri: this.url,
      parameterMapping: this.props.parameterMapping,
      timeout: this.props.timeout,
    };
  }
}
