import { Names } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { executeApiSourceArn, lambdaInvocationUri } from '../../private/arns';
import { allowInvokeFrom } from '../../private/lambda-permission';
import type {
  IWebSocketRouteAuthorizer,
  WebSocketRouteAuthorizerBindOptions,
  WebSocketRouteAuthorizerConfig,
} from '../../websocket/authorizer';
import { WebSocketAuthorizer, WebSocketAuthorizerType } from '../../websocket/authorizer';
import { AuthorizerBinding } from '../private/binding';
import { checkArguments } from '../../private/guard';

/** The identity source of WebSocket Lambda authorizers when none is given. */
const DEFAULT_IDENTITY_SOURCE = 'route.request.header.Authorization';

/**
 * Properties of a `WebSocketLambdaAuthorizer`.
 */
export interface WebSocketLambdaAuthorizerProps {
  /**
   * The name of the authorizer.
   * @default - the `id` given to the constructor
   */
  readonly authorizerName?: string;

  /**
   * Where the caller's identity is read from, in WebSocket syntax (no leading `$`):
   * `route.request.header.NAME`, `route.request.querystring.NAME`, `stageVariables.NAME` or
   * `context.NAME`. API Gateway refuses a connection that lacks one of them without invoking
   * the function. Browsers cannot set headers on a WebSocket connection, so browser clients
   * usually send a token in the query string (`route.request.querystring.token`).
   *
   * @default - the `Authorization` header (`route.request.header.Authorization`)
   */
  readonly identitySource?: string[];
}

/**
 * Authorizes the connections of a WebSocket API with a Lambda function (a `REQUEST`
 * authorizer on the `$connect` route, which gets the authorization type `CUSTOM`).
 *
 * The `AWS::ApiGatewayV2::Authorizer` is created, with the construct id `id`, under the API of
 * the first route that uses this object, together with one `AWS::Lambda::Permission` that lets
 * that authorizer, and only it, invoke the function. Routes of another API are refused:
 * create one `WebSocketLambdaAuthorizer` per API.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 *
 * @example
 * import * as authorizers from 'cdk-apigatewayv2/authorizers';
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const authHandler: lambda.Function;
 * declare const connectHandler: lambda.Function;
 *
 * // Browsers cannot set headers on a WebSocket connection: the token is in the query string.
 * new apigwv2.WebSocketApi(this, 'ChatApi', {
 *   connectRouteOptions: {
 *     integration: new integrations.WebSocketLambdaIntegration('ConnectIntegration', connectHandler),
 *     authorizer: new authorizers.WebSocketLambdaAuthorizer('TokenAuthorizer', authHandler, {
 *       identitySource: ['route.request.querystring.token'],
 *     }),
 *   },
 * });
 */
export class WebSocketLambdaAuthorizer implements IWebSocketRouteAuthorizer {
  /** The authorization type of the route this authorizer protects: `CUSTOM`. */
  public readonly authorizationType = 'CUSTOM';
  private readonly binding: AuthorizerBinding<WebSocketAuthorizer>;

  /**
   * @param id the construct id of the authorizer, created under the API
   * @param handler the function that authorizes connections
   * @param props the name and identity sources of the authorizer
   */
  constructor(
    private readonly id: string,
    private readonly handler: IFunction,
    private readonly props: WebSocketLambdaAuthorizerProps = {},
  ) {
    checkArguments('authorizers.WebSocketLambdaAuthorizer.new', [id, handler, props]);
    this.binding = new AuthorizerBinding('WebSocketLambdaAuthorizer', id, {
      authorizes: 'connections to',
      firstUse: 'the $connect route uses it; add the route with this authorizer',
    });
  }

  /**
   * The id of the authorizer, known once a route uses this authorizer.
   */
  public get authorizerId(): string {
    return this.binding.authorizerId;
  }

  public bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    checkArguments('authorizers.WebSocketLambdaAuthorizer.bind', [options], this);
    const api = options.route.webSocketApi;
    const authorizer = this.binding.bind(api, options.route, () => {
      const created = new WebSocketAuthorizer(options.scope, this.id, {
        webSocketApi: api,
        type: WebSocketAuthorizerType.LAMBDA,
        authorizerName: this.props.authorizerName ?? this.id,
        identitySource: this.props.identitySource ?? [DEFAULT_IDENTITY_SOURCE],
        authorizerUri: lambdaInvocationUri(this.handler),
      });
      // One permission per authorizer, limited to it; the construct id matches aws-cdk-lib's.
      allowInvokeFrom(this.handler, `${Names.nodeUniqueId(created.node)}-Permission`, options.scope,
        executeApiSourceArn(options.route, api.apiId, `authorizers/${created.authorizerId}`));
      return created;
    });
    return { authorizerId: authorizer.authorizerId, authorizationType: this.authorizationType };
  }
}
