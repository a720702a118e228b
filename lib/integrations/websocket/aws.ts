import type { Duration } from 'aws-cdk-lib';
import { Token } from 'aws-cdk-lib';
import type { IRoleRef } from 'aws-cdk-lib/aws-iam';
import { refuse, shown } from '../../private/error';
import type {
  ContentHandling,
  PassthroughBehavior,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../../websocket/integration';
import { WebSocketIntegrationType, WebSocketRouteIntegration } from '../../websocket/integration';
import type { WebSocketIntegrationResponseOptions } from '../../websocket/integration-response';
import { checkArguments } from '../../private/guard';

/**
 * Properties of a `WebSocketAwsIntegration`.
 */
export interface WebSocketAwsIntegrationProps {
  /**
   * The AWS service action to call, as an API Gateway service URI:
   * `arn:{partition}:apigateway:{region}:{service}:path/{path}` or
   * `arn:{partition}:apigateway:{region}:{service}:action/{action}`, e.g.
   * `arn:aws:apigateway:us-east-1:sqs:path/123456789012/my-queue`.
   *
   * @see https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html#apis-apiid-integrations-integrationid-prop-integration-integrationuri
   */
  readonly integrationUri: string;

  /**
   * The HTTP method of the service call, e.g. `POST`.
   */
  readonly integrationMethod: string;

  /**
   * How the response payload is converted between text and binary.
   * @default - the payload is passed through unconverted
   */
  readonly contentHandling?: ContentHandling;

  /**
   * The role API Gateway assumes to call the service. It must trust
   * `apigateway.amazonaws.com` and allow the action; this integration adds no permission.
   * @default - no role
   */
  readonly credentialsRole?: IRoleRef;

  /**
   * Parameters sent to the service, from a destination (`integration.request.header.NAME`,
   * `integration.request.querystring.NAME` or `integration.request.path.NAME`) to a source
   * (`route.request.header.NAME`, `route.request.body.JSONPATH`, `context.NAME`,
   * `stageVariables.NAME`, or a static value in single quotes).
   * @default - no request parameters
   */
  readonly requestParameters?: { [dest: string]: string };

  /**
   * Velocity templates that make the service request, by template selection key, e.g. the
   * template `Action=SendMessage&MessageBody=$util.urlEncode($input.body)` under the key
   * `$default`.
   * @default - no request templates
   */
  readonly requestTemplates?: { [contentType: string]: string };

  /**
   * The expression that selects a request template.
   * @default - no template selection expression
   */
  readonly templateSelectionExpression?: string;

  /**
   * How long API Gateway waits for the service: 50 milliseconds to 29 seconds.
   * @default Duration.seconds(29) (API Gateway's default)
   */
  readonly timeout?: Duration;

  /**
   * What happens to messages whose content type has no request template.
   * @default - API Gateway's default, WHEN_NO_MATCH
   */
  readonly passthroughBehavior?: PassthroughBehavior;

  /**
   * Integration responses: what a two-way route sends back. More can be added with
   * `addResponse()`.
   * @default - no integration responses
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];
}

/** An API Gateway service URI: `arn:{partition}:apigateway:{region}:{service}:path|action/...`. */
const AWS_SERVICE_URI = /^arn:[^:\s]+:apigateway:[^:\s]+:[^:\s]+:(path|action)\/\S+$/;

/**
 * Sends a route's messages to an AWS service action (an `AWS` integration), transformed by
 * request templates. It creates no IAM role: give it a `credentialsRole` that may call the
 * action.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integrations.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 * import * as sqs from 'aws-cdk-lib/aws-sqs';
 *
 * declare const api: apigwv2.WebSocketApi;
 * declare const queue: sqs.Queue;
 *
 * const role = new iam.Role(this, 'SendRole', {
 *   assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
 * });
 * queue.grantSendMessages(role);
 *
 * api.addRoute('enqueue', {
 *   integration: new integrations.WebSocketAwsIntegration('Enqueue', {
 *     integrationUri: `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:sqs:path/${Aws.ACCOUNT_ID}/${queue.queueName}`,
 *     integrationMethod: 'POST',
 *     credentialsRole: role,
 *     requestParameters: {
 *       'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'",
 *     },
 *     requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
 *     templateSelectionExpression: '\\$default',
 *   }),
 * });
 */
export class WebSocketAwsIntegration extends WebSocketRouteIntegration {
  /**
   * @param id the construct id of the integration resource, created under the first route
   * @param props the service action and how to call it
   */
  constructor(id: string, private readonly props: WebSocketAwsIntegrationProps) {
    checkArguments('integrations.WebSocketAwsIntegration.new', [id, props]);
    super(id);
    const uri = props.integrationUri;
    if (typeof uri === 'string' && !Token.isUnresolved(uri) && !AWS_SERVICE_URI.test(uri)) {
      refuse('integrationUri', `invalid \`integrationUri\` ${shown(uri)} of integration '${id}': an AWS integration calls a service action named by an API Gateway `
        + 'service URI, arn:{partition}:apigateway:{region}:{service}:path/{path} or ...:action/{action}; for a Lambda function use '
        + 'WebSocketLambdaIntegration, for an HTTP endpoint WebSocketHttpIntegration');
    }
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    return {
      type: WebSocketIntegrationType.AWS,
      uri: this.props.integrationUri,
      method: this.props.integrationMethod,
      contentHandling: this.props.contentHandling,
      credentialsRole: this.props.credentialsRole,
      requestParameters: this.props.requestParameters,
      requestTemplates: this.props.requestTemplates,
      passthroughBehavior: this.props.passthroughBehavior,
      templateSelectionExpression: this.props.templateSelectionExpression,
      timeout: this.props.timeout,
      responses: this.props.responses,
    };
  }
}
