import type { Construct } from 'constructs';
import type { IResource } from 'aws-cdk-lib';
import { Resource, Token } from 'aws-cdk-lib';
import type { IRouteResponseRef, RouteResponseReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnRouteResponse } from 'aws-cdk-lib/aws-apigatewayv2';
import { webSocketRegistryOf } from './private/registry';
import { duplicateRouteResponse } from './private/responses';
import type { IWebSocketRoute } from './route';
import { refuse, shown, warn } from '../private/error';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/** The only route response key API Gateway supports today. */
const DEFAULT_ROUTE_RESPONSE_KEY = '$default';

/**
 * Options of a route response.
 */
export interface WebSocketRouteResponseOptions {
  /**
   * The route response key. API Gateway currently supports only `$default`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html#apigateway-websocket-api-route-response-selection-expressions
   * @default '$default'
   */
  readonly responseKey?: string;

  /**
   * The models of the response, by model selection key (the value of
   * `modelSelectionExpression`, or `$default`): model names of the API.
   * @default - no response models
   */
  readonly responseModels?: { [modelKey: string]: string };

  /**
   * The expression that selects the response model.
   * @default - no model selection expression
   */
  readonly modelSelectionExpression?: string;
}

/**
 * Properties of a `WebSocketRouteResponse`.
 */
export interface WebSocketRouteResponseProps extends WebSocketRouteResponseOptions {
  /**
   * The route that returns this response. A `WebSocketRoute` becomes a two-way route: its
   * `RouteResponseSelectionExpression` is set to `$default`.
   */
  readonly route: IWebSocketRoute;
}

/**
 * A route response of a WebSocket API.
 *
 * @example
 * declare const route: apigwv2.WebSocketRoute;
 *
 * const response: apigwv2.IWebSocketRouteResponse = route.addResponse({
 *   responseModels: { $default: 'Reply' },
 *   modelSelectionExpression: '$default',
 * });
 * new CfnOutput(this, 'ReplyResponseId', { value: response.routeResponseId });
 */
export interface IWebSocketRouteResponse extends IResource, IRouteResponseRef {
  /**
   * The identifier of this route response.
   * @attribute
   */
  readonly routeResponseId: string;
}

/**
 * A route response (`AWS::ApiGatewayV2::RouteResponse`): it makes a WebSocket route two-way,
 * so that API Gateway sends the integration's response back to the client.
 *
 * Its CloudFormation resource has the construct id `Default`, which CDK leaves out of
 * logical ids: the response a route creates for `returnResponse` (id `Response`) gets the
 * same logical id as in aws-cdk-lib, which creates the resource directly at that path.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
 * @resource AWS::ApiGatewayV2::RouteResponse
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const webSocketApi: apigwv2.WebSocketApi;
 * declare const handler: lambda.Function;
 *
 * const route = new apigwv2.WebSocketRoute(this, 'Status', {
 *   webSocketApi,
 *   routeKey: 'status',
 *   integration: new integrations.WebSocketLambdaIntegration('Status', handler),
 * });
 * // Makes the route two-way: the function's answer goes back to the client.
 * new apigwv2.WebSocketRouteResponse(this, 'StatusResponse', { route });
 */
export class WebSocketRouteResponse extends Resource implements IWebSocketRouteResponse {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.WebSocketRouteResponse';

  /** The identifier of this route response. */
  public readonly routeResponseId: string;
  /** The key of this route response. */
  public readonly responseKey: string;
  /** The route that returns this response. */
  public readonly route: IWebSocketRoute;

  constructor(scope: Construct, id: string, props: WebSocketRouteResponseProps) {
    checkArguments('WebSocketRouteResponse.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(WebSocketRouteResponse.PROPERTY_INJECTION_ID, props, scope, id);
    this.route = props.route;
    this.responseKey = props.responseKey ?? DEFAULT_ROUTE_RESPONSE_KEY;
    if (!Token.isUnresolved(this.responseKey) && this.responseKey !== DEFAULT_ROUTE_RESPONSE_KEY) {
      refuse('routeResponse', `invalid \`responseKey\` ${shown(this.responseKey)} for a route response: API Gateway supports only '$default'; `
        + 'leave `responseKey` unset', this);
    }

    // The responses of a route of this library are in its API's registry, which the route reads.
    const registry = webSocketRegistryOf(props.route.webSocketApi);
    const route = registry.entryOf(props.route);
    if (route) {
      const responses = registry.responsesOf(route);
      const existing = responses.get(this.responseKey);
      if (existing) refuse('duplicateRouteResponse', duplicateRouteResponse(props.route, this.responseKey, existing), this);
      responses.set(this.responseKey, this);
    } else {
      warn(this, 'webSocketRouteResponseForeignRoute',
        `the route ${props.route.node.path} is not a WebSocketRoute of this library, so its \`RouteResponseSelectionExpression\` is left as it is: `
        + 'set it to \'$default\' for the route to return responses');
    }

    const resource = new CfnRouteResponse(this, 'Default', {
      apiId: props.route.webSocketApi.apiId,
      routeId: props.route.routeId,
      routeResponseKey: this.responseKey,
      responseModels: props.responseModels,
      modelSelectionExpression: props.modelSelectionExpression,
    });
    this.routeResponseId = resource.ref;
  }

  /** A reference to this route response, for aws-cdk-lib's `IRouteResponseRef`. */
  public get routeResponseRef(): RouteResponseReference {
    const { apiId, routeId } = this.route.routeRef;
    return { apiId, routeId, routeResponseId: this.routeResponseId };
  }
}
