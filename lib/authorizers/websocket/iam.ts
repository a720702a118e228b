import type {
  IWebSocketRouteAuthorizer,
  WebSocketRouteAuthorizerBindOptions,
  WebSocketRouteAuthorizerConfig,
} from '../../websocket/authorizer';
import { WebSocketAuthorizerType } from '../../websocket/authorizer';

/**
 * Authorizes the connections of a WebSocket API with IAM: clients sign the connection request
 * with Signature Version 4, and their policies must allow `execute-api:Invoke` on the
 * `$connect` route, e.g. `api.arnForExecuteApiV2('$connect', 'prod')`.
 *
 * Creates no resource, so one object may serve any number of APIs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
 */
export class WebSocketIamAuthorizer implements IWebSocketRouteAuthorizer {
  /** The authorization type of the route this authorizer protects: `AWS_IAM`. */
  public readonly authorizationType = WebSocketAuthorizerType.IAM;

  public bind(_options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    return { authorizationType: this.authorizationType };
  }
}
