import type { IConstruct } from 'constructs';
import type { Duration } from 'aws-cdk-lib';
import { CfnResource, Token } from 'aws-cdk-lib';
import type { IVpcLinkRef } from 'aws-cdk-lib/aws-apigateway';
import { HttpMethod } from '../../http/route';
import { refuse, shown } from '../../private/error';
import { isAbsoluteHttpUrl, startsWithStageVariable } from '../../private/validators';
import type {
  ContentHandling,
  PassthroughBehavior,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../../websocket/integration';
import { WebSocketConnectionType, WebSocketIntegrationType, WebSocketRouteIntegration } from '../../websocket/integration';
import type { WebSocketIntegrationResponseOptions } from '../../websocket/integration-response';
import { checkArguments } from '../../private/guard';

/**
 * Properties of a `WebSocketHttpProxyIntegration`, and of a `WebSocketHttpIntegration`.
 */
export interface WebSocketHttpProxyIntegrationProps {
  /**
   * The HTTP method API Gateway calls the URL with.
   * @default HttpMethod.ANY
   */
  readonly method?: HttpMethod;

  /**
   * Parameters sent to the backend, from a destination (`integration.request.header.NAME`,
   * `integration.request.querystring.NAME` or `integration.request.path.NAME`) to a source
   * (`route.request.header.NAME`, `route.request.querystring.NAME`,
   * `route.request.body.JSONPATH`, `context.NAME`, `stageVariables.NAME`, or a static value in
   * single quotes). Backends that answer through the `@connections` API need the connection
   * id, e.g. the destination `integration.request.header.ConnectionId` with the source
   * `context.connectionId`.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-mapping.html
   * @default - no request parameters
   */
  readonly requestParameters?: { [dest: string]: string };

  /**
   * How long API Gateway waits for the backend: 50 milliseconds to 29 seconds.
   * @default Duration.seconds(29) (API Gateway's default)
   */
  readonly timeout?: Duration;

  /**
   * A VPC link to a Network Load Balancer, for a backend inside a VPC (a private
   * integration). WebSocket APIs use the VPC links of REST APIs (`AWS::ApiGateway::VpcLink`),
   * such as aws-cdk-lib's `aws_apigateway.VpcLink`; the VPC links of HTTP APIs (this
   * library's `VpcLink`) are refused. The host of the URL is then sent as the `Host` header
   * and, for `https://` URLs, verified against the backend's certificate.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/vpc-links-v1.html
   * @default - no VPC link: the URL is reached over the internet
   */
  readonly vpcLink?: IVpcLinkRef;
}

/**
 * Properties of a `WebSocketHttpIntegration`.
 */
export interface WebSocketHttpIntegrationProps extends WebSocketHttpProxyIntegrationProps {
  /**
   * Velocity templates that make the backend request, by template selection key, e.g. the
   * template `{ "message": $input.json('$.message') }` under the key `$default`.
   * @default - no request templates
   */
  readonly requestTemplates?: { [contentType: string]: string };

  /**
   * The expression that selects a request template.
   * @default - no template selection expression
   */
  readonly templateSelectionExpression?: string;

  /**
   * What happens to messages whose content type has no request template.
   * @default - API Gateway's default, WHEN_NO_MATCH
   */
  readonly passthroughBehavior?: PassthroughBehavior;

  /**
   * How the response payload is converted between text and binary.
   * @default - the payload is passed through unconverted
   */
  readonly contentHandling?: ContentHandling;

  /**
   * Integration responses: what a two-way route sends back. More can be added with
   * `addResponse()`.
   * @default - no integration responses
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];
}

/**
 * What both HTTP integrations share: the URL check, the config, and the VPC link.
 */
abstract class WebSocketUrlIntegrationBase extends WebSocketRouteIntegration {
  constructor(
    id: string,
    private readonly type: WebSocketIntegrationType,
    private readonly url: string,
    private readonly baseProps: WebSocketHttpIntegrationProps,
  ) {
    super(id);
    // A URL that a stage variable begins is warned about when the integration is created.
    if (typeof url !== 'string' || (!Token.isUnresolved(url) && !isAbsoluteHttpUrl(url) && !startsWithStageVariable(url))) {
      refuse('integrationUri', `invalid \`url\` ${shown(url)} of integration '${id}': use an absolute URL starting with http:// or https://`);
    }
    const link = baseProps.vpcLink;
    if (link && isVpcLinkV2(link)) {
      refuse('vpcLinkKind', `invalid \`vpcLink\` ${link.node.path} of integration '${id}': it is a VPC link of HTTP APIs (AWS::ApiGatewayV2::VpcLink), `
        + 'and WebSocket APIs reach private backends only through the VPC links of REST APIs, which target Network Load Balancers; '
        + 'use aws_apigateway.VpcLink with the load balancer in `targets`');
    }
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    const props = this.baseProps;
    return {
      type: this.type,
      uri: this.url,
      method: props.method ?? HttpMethod.ANY,
      requestParameters: props.requestParameters,
      timeout: props.timeout,
      requestTemplates: props.requestTemplates,
      templateSelectionExpression: props.templateSelectionExpression,
      passthroughBehavior: props.passthroughBehavior,
      contentHandling: props.contentHandling,
      connectionType: props.vpcLink ? WebSocketConnectionType.VPC_LINK : undefined,
      connectionId: props.vpcLink?.vpcLinkRef.vpcLinkId,
      responses: props.responses,
    };
  }
}

/**
 * Sends a route's messages to an HTTP endpoint as they are, and returns its response as it
 * is (an `HTTP_PROXY` integration). With a `vpcLink`, the endpoint is inside a VPC, behind a
 * Network Load Balancer.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integrations.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.WebSocketApi;
 *
 * // The backend answers clients through the API's connections management API, so it needs
 * // the connection id.
 * api.addRoute('$default', {
 *   integration: new integrations.WebSocketHttpProxyIntegration('Backend', 'https://chat.example.com/messages', {
 *     requestParameters: { 'integration.request.header.ConnectionId': 'context.connectionId' },
 *   }),
 * });
 */
export class WebSocketHttpProxyIntegration extends WebSocketUrlIntegrationBase {
  /**
   * @param id the construct id of the integration resource, created under the first route
   * @param url the absolute http:// or https:// URL the messages go to
   * @param props method, request parameters, timeout and VPC link
   */
  constructor(id: string, url: string, props: WebSocketHttpProxyIntegrationProps = {}) {
    checkArguments('integrations.WebSocketHttpProxyIntegration.new', [id, url, props]);
    super(id, WebSocketIntegrationType.HTTP_PROXY, url, props);
  }
}

/**
 * Sends a route's messages to an HTTP endpoint, transformed by request templates (an `HTTP`
 * integration). A two-way route returns what its integration responses make of the
 * endpoint's answer. With a `vpcLink`, the endpoint is inside a VPC, behind a Network Load
 * Balancer.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integrations.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.WebSocketApi;
 *
 * api.addRoute('translate', {
 *   integration: new integrations.WebSocketHttpIntegration('Translate', 'https://translate.example.com/v1', {
 *     method: apigwv2.HttpMethod.POST,
 *     requestTemplates: { $default: '{"text": $input.json(\'$.text\')}' },
 *     templateSelectionExpression: '\\$default',
 *     responses: [{ responseKey: apigwv2.WebSocketIntegrationResponseKey.DEFAULT }],
 *   }),
 *   returnResponse: true,
 * });
 */
export class WebSocketHttpIntegration extends WebSocketUrlIntegrationBase {
  /**
   * @param id the construct id of the integration resource, created under the first route
   * @param url the absolute http:// or https:// URL the messages go to
   * @param props method, templates, responses, timeout and VPC link
   */
  constructor(id: string, url: string, props: WebSocketHttpIntegrationProps = {}) {
    checkArguments('integrations.WebSocketHttpIntegration.new', [id, url, props]);
    super(id, WebSocketIntegrationType.HTTP, url, props);
  }
}

const VPC_LINK_V2 = 'AWS::ApiGatewayV2::VpcLink';

/**
 * Whether a VPC link is one of HTTP APIs: its resource is an `AWS::ApiGatewayV2::VpcLink`, or,
 * for an import (which has no resource), it knows its VPC, as imports of REST API links do not.
 */
function isVpcLinkV2(link: IVpcLinkRef): boolean {
  const resource: IConstruct | undefined = CfnResource.isCfnResource(link) ? link : link.node.defaultChild;
  if (resource && CfnResource.isCfnResource(resource)) {
    return resource.cfnResourceType === VPC_LINK_V2;
  }
  return 'vpc' in link;
}
