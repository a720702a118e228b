import type {
  IWebSocketRouteAuthorizer,
  WebSocketRouteAuthorizerBindOptions,
  WebSocketRouteAuthorizerConfig,
} from '../../websocket/authorizer';
import { WebSocketAuthorizerType } from '../../websocket/authorizer';

/**
 * Authorizes the connections of a WebSocket API with IAM: clients sign the connection request
 * with Signature Version 4, and their policies must allow `execute-api:Invoke` on the
 * `$connect` route, whose ARN the API's `arnForExecuteApiV2()` returns for the route key
 * `$connect`.
 *
 * Creates no resource, so one object may serve any number of APIs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const connectHandler: lambda.Function;
 *
 * const api = new apigwv2.WebSocketApi(this, 'ChatApi', {
 *   connectRouteOptions: {
 *     integration: new integrations.WebSocketLambdaIntegration('ConnectIntegration', connectHandler),
 *     authorizer: new authorizers.WebSocketIamAuthorizer(),
 *   },
 * });
 *
 * const client = new iam.Role(this, 'ChatClient', {
 *   assumedBy: new iam.AccountRootPrincipal(),
 * });
 * client.addToPolicy(new iam.PolicyStatement({
 *   actions: ['execute-api:Invoke'],
 *   resources: [api.arnForExecuteApiV2('$connect', 'prod')],
 * }));
 */
export class WebSocketIamAuthorizer implements IWebSocketRouteAuthorizer {
  /** The authorization type of the route this authorizer protects: `AWS_IAM`. */
  public readonly authorizationType = WebSocketAuthorizerType.IAM;

  public bind(_options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    return { authorizationType: this.authorizationType };
  }
}
