import type { WebSocketIntegrationResponseOptions } from '../../websocket/integration-response';
import type { WebSocketRouteIntegrationBindOptions, WebSocketRouteIntegrationConfig } from '../../websocket/integration';
import { WebSocketIntegrationType, WebSocketRouteIntegration } from '../../websocket/integration';
import { checkArguments } from '../../private/guard';

/**
 * Properties of a `WebSocketMockIntegration`.
 */
export interface WebSocketMockIntegrationProps {
  /**
   * Velocity templates that make the mock's response status, by template selection key, e.g.
   * the template `{"statusCode": 200}` under the key `$default`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html
   * @default - no request templates
   */
  readonly requestTemplates?: { [contentType: string]: string };

  /**
   * The expression that selects a request template, e.g. `\$default`.
   * @default - no template selection expression
   */
  readonly templateSelectionExpression?: string;

  /**
   * Integration responses: what a two-way route sends back. More can be added with
   * `addResponse()`.
   * @default - no integration responses
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];
}

/**
 * Answers a route's messages in API Gateway itself, without a backend (a `MOCK`
 * integration). To send something back, make the route two-way (`returnResponse`) and give the
 * integration a response.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integrations.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const webSocketApi: apigwv2.WebSocketApi;
 *
 * const ping = new integrations.WebSocketMockIntegration('Ping', {
 *   requestTemplates: { 'application/json': '{"statusCode": 200}' },
 *   templateSelectionExpression: '\\$default',
 * });
 * ping.addResponse({
 *   responseKey: apigwv2.WebSocketIntegrationResponseKey.DEFAULT,
 *   responseTemplates: { 'application/json': '{"message": "pong"}' },
 * });
 * webSocketApi.addRoute('ping', { integration: ping, returnResponse: true });
 */
export class WebSocketMockIntegration extends WebSocketRouteIntegration {
  /**
   * @param id the construct id of the integration resource, created under the first route
   * @param props templates and responses
   */
  constructor(id: string, private readonly props: WebSocketMockIntegrationProps = {}) {
    checkArguments('integrations.WebSocketMockIntegration.new', [id, props]);
    super(id);
  }

  public bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    checkArguments('integrations.WebSocketMockIntegration.bind', [options], this);
    void options; // unused; named `options` as in aws-cdk-lib, for keyword arguments in other languages
    return {
      type: WebSocketIntegrationType.MOCK,
      uri: '',
      requestTemplates: this.props.requestTemplates,
      templateSelectionExpression: this.props.templateSelectionExpression,
      responses: this.props.responses,
    };
  }
}
