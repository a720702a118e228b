import type { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type {
  ContentHandling,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../../websocket/integration';
import { WebSocketIntegrationType, WebSocketRouteIntegration } from '../../websocket/integration';
import { lambdaInvocationUri } from '../../private/arns';
import { grantRouteInvoke } from '../../private/lambda-permission';
import { checkArguments } from '../../private/guard';

/**
 * Properties of a `WebSocketLambdaIntegration`.
 */
export interface WebSocketLambdaIntegrationProps {
  /**
   * How long API Gateway waits for the function: 50 milliseconds to 29 seconds.
   * @default Duration.seconds(29) (API Gateway's default)
   */
  readonly timeout?: Duration;

  /**
   * How the response payload is converted between text and binary.
   * @default - the payload is passed through unconverted
   */
  readonly contentHandling?: ContentHandling;

  /**
   * Whether to add one Lambda permission per route, limited to the route's key
   * (`arn:{partition}:execute-api:{region}:{account}:{apiId}/*{routeKey}`), instead of one
   * permission per function and API.
   *
   * A function's resource policy holds at most 20 KB, which per-route permissions exceed at
   * about 55 routes. The default shared permission lets the API
   * (`arn:{partition}:execute-api:{region}:{account}:{apiId}/*`) invoke the function through
   * any of its routes and stages, `$connect`, `$disconnect` and `$default` included.
   *
   * @default - false; true under `TemplateCompatibility.AWS_CDK_LIB` (aws-cdk-lib's WebSocket
   * integration always adds one per route)
   */
  readonly scopePermissionToRoute?: boolean;
}

/**
 * Sends the messages of a route to a Lambda function (an `AWS_PROXY` integration), and allows
 * the API to invoke it.
 *
 * The function receives the message and the connection's context (`event.requestContext`,
 * with `routeKey`, `connectionId`, `domainName` and `stage`); for a two-way route, what it
 * returns (a JSON object with `statusCode` and `body`) goes back to the client.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integrations.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const connectionsHandler: lambda.Function;
 * declare const messagesHandler: lambda.Function;
 *
 * // One integration for $connect and $disconnect; one Lambda permission per function and API.
 * const connections = new integrations.WebSocketLambdaIntegration('Connections', connectionsHandler);
 * const api = new apigwv2.WebSocketApi(this, 'ChatApi', {
 *   connectRouteOptions: { integration: connections },
 *   disconnectRouteOptions: { integration: connections },
 * });
 * api.addRoute('sendmessage', {
 *   integration: new integrations.WebSocketLambdaIntegration('SendMessage', messagesHandler, {
 *     timeout: Duration.seconds(10),
 *   }),
 *   returnResponse: true,
 * });
 */
export class WebSocketLambdaIntegration extends WebSocketRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource, created under the first route
   * @param handler the function the route's messages go to
   * @param props timeout, content handling and permission scope
   */
  constructor(
    id: string,
    private readonly handler: IFunction,
    private readonly props: WebSocketLambdaIntegrationProps = {},
  ) {
    checkArguments('integrations.WebSocketLambdaIntegration.new', [id, handler, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    checkArguments('integrations.WebSocketLambdaIntegration.bind', [options], this);
    const route = options.route;
    // aws-cdk-lib's per-route permission: one per route binding, under the route, with its construct id.
    grantRouteInvoke(this.handler, route.webSocketApi, options.scope, this.props.scopePermissionToRoute,
      { id: `${this.constructId}-Permission`, resourceName: `*${route.routeKey}` }, false);
    return {
      type: WebSocketIntegrationType.AWS_PROXY,
      uri: lambdaInvocationUri(this.handler, route),
      timeout: this.props.timeout,
      contentHandling: this.props.contentHandling,
    };
  }
}
