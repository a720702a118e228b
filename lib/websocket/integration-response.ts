import type { Construct } from 'constructs';
import type { IResource } from 'aws-cdk-lib';
import { Resource, Token } from 'aws-cdk-lib';
import type { IIntegrationResponseRef, IntegrationResponseReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnIntegrationResponse } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ContentHandling, IWebSocketIntegration } from './integration';
import { webSocketRegistryOf } from './private/registry';
import { duplicateIntegrationResponse } from './private/responses';
import { regexDialectDifferences, warnRegexDialect } from './private/response-key-rules';
import { refuse, shown, warn } from '../private/error';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/**
 * The key of an integration response: which backend responses it handles. `$default`
 * catches every response no other key matches; any other key is a regular expression between
 * slashes, which API Gateway matches against the backend's HTTP status code (HTTP and AWS
 * integrations) or a Lambda function's error message (AWS integrations of Lambda).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.WebSocketApi;
 *
 * const lookup = new integrations.WebSocketHttpIntegration('Lookup', 'https://books.example.com/lookup', {
 *   method: apigwv2.HttpMethod.POST,
 *   responses: [
 *     { responseKey: apigwv2.WebSocketIntegrationResponseKey.SUCCESS },
 *     {
 *       responseKey: apigwv2.WebSocketIntegrationResponseKey.fromStatusCode(404),
 *       responseTemplates: { $default: '{"error": "no such book"}' },
 *       templateSelectionExpression: '\\$default',
 *     },
 *   ],
 * });
 * api.addRoute('lookup', { integration: lookup, returnResponse: true });
 */
export class WebSocketIntegrationResponseKey {
  /** Every response that no other integration response matches: `$default`. */
  public static readonly DEFAULT = new WebSocketIntegrationResponseKey('$default');

  /** Responses with a 2XX status code: `/2\d\d/`. */
  public static readonly SUCCESS = new WebSocketIntegrationResponseKey('/2\\d\\d/');

  /** Responses with a 4XX status code: `/4\d\d/`. */
  public static readonly CLIENT_ERROR = new WebSocketIntegrationResponseKey('/4\\d\\d/');

  /** Responses with a 5XX status code: `/5\d\d/`. */
  public static readonly SERVER_ERROR = new WebSocketIntegrationResponseKey('/5\\d\\d/');

  /**
   * Responses with one status code, e.g. the key `/404/` for the status code 404.
   *
   * @param statusCode an HTTP status code, 100 to 599
   */
  public static fromStatusCode(statusCode: number): WebSocketIntegrationResponseKey {
    checkArguments('WebSocketIntegrationResponseKey.fromStatusCode', [statusCode]);
    if (!Token.isUnresolved(statusCode) && !(Number.isInteger(statusCode) && statusCode >= 100 && statusCode <= 599)) {
      refuse('integrationResponseKey', `invalid \`statusCode\` ${statusCode} for an integration response key: use a whole number from 100 to 599`);
    }
    return new WebSocketIntegrationResponseKey(`/${statusCode}/`);
  }

  /**
   * Responses that a regular expression matches, e.g. the key `/4\d\d|5\d\d/` for the
   * expression `4\d\d|5\d\d`. Give the expression without the enclosing slashes.
   *
   * API Gateway matches keys with its own (Java) regex engine: syntax that Java and JavaScript
   * read differently (possessive quantifiers, atomic groups, inline flags, `\A`, `\p{...}`,
   * `&&` in classes, `[^]`) is accepted, and the integration response gets the warning
   * `cdk-apigatewayv2:webSocketResponseKeyRegexDialect`.
   *
   * @param pattern a regular expression over status codes (or Lambda error messages)
   */
  public static fromRegExp(pattern: string): WebSocketIntegrationResponseKey {
    checkArguments('WebSocketIntegrationResponseKey.fromRegExp', [pattern]);
    if (!Token.isUnresolved(pattern)) {
      if (pattern.length === 0) {
        refuse('integrationResponseKey', 'invalid `pattern` \'\' for an integration response key: the regular expression is empty; give one such as \'2\\d\\d\', '
          + 'or use WebSocketIntegrationResponseKey.DEFAULT');
      }
      if (pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
        refuse('integrationResponseKey', `invalid \`pattern\` ${shown(pattern)} for an integration response key: give it without the enclosing slashes, which are added for you; use ${shown(pattern.slice(1, -1))}`);
      }
      try {
        new RegExp(pattern);
      } catch (e) {
        // Java-only syntax that JavaScript cannot compile is warned about by the response instead.
        if (regexDialectDifferences(pattern).length > 0) return new WebSocketIntegrationResponseKey(`/${pattern}/`);
        refuse('integrationResponseKey', `invalid \`pattern\` ${shown(pattern)} for an integration response key: it is not a regular expression (${(e as Error).message}); fix the pattern`);
      }
    }
    return new WebSocketIntegrationResponseKey(`/${pattern}/`);
  }

  /** The key as API Gateway writes it: `$default` or `/pattern/`. */
  public readonly key: string;

  private constructor(key: string) {
    this.key = key;
  }

  /** The key as API Gateway writes it. */
  public toString(): string {
    checkArguments('WebSocketIntegrationResponseKey.toString', [], this);
    return this.key;
  }
}

/**
 * Options of an integration response.
 */
export interface WebSocketIntegrationResponseOptions {
  /**
   * Which backend responses this integration response handles.
   */
  readonly responseKey: WebSocketIntegrationResponseKey;

  /**
   * Templates that transform the backend's response, by content type, e.g. the template
   * `{"status": "ok"}` under the key `application/json`. `templateSelectionExpression`
   * selects one.
   * @default - the response is passed through unchanged
   */
  readonly responseTemplates?: { [contentType: string]: string };

  /**
   * The expression that selects a response template.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html
   * @default - no template selection expression
   */
  readonly templateSelectionExpression?: string;

  /**
   * How the response payload is converted between text and binary.
   * @default - the payload is passed through unconverted
   */
  readonly contentHandling?: ContentHandling;

  /**
   * Response parameters, a map from a destination to a source: the source is
   * `integration.response.header.NAME`, `integration.response.body.JSON-EXPRESSION` or a
   * static value in single quotes.
   * @default - no response parameters
   */
  readonly responseParameters?: { [destination: string]: string };
}

/**
 * Properties of a `WebSocketIntegrationResponse`.
 */
export interface WebSocketIntegrationResponseProps extends WebSocketIntegrationResponseOptions {
  /**
   * The integration whose responses this handles.
   */
  readonly integration: IWebSocketIntegration;
}

/**
 * An integration response of a WebSocket API.
 *
 * @example
 * declare const integration: apigwv2.WebSocketIntegration;
 *
 * const response: apigwv2.IWebSocketIntegrationResponse = new apigwv2.WebSocketIntegrationResponse(this, 'ServerError', {
 *   integration,
 *   responseKey: apigwv2.WebSocketIntegrationResponseKey.SERVER_ERROR,
 *   responseTemplates: { $default: '{"error": "try again later"}' },
 *   templateSelectionExpression: '\\$default',
 * });
 */
export interface IWebSocketIntegrationResponse extends IResource, IIntegrationResponseRef {
  /**
   * The identifier of this integration response.
   * @attribute
   */
  readonly integrationResponseId: string;
}

/**
 * An integration response (`AWS::ApiGatewayV2::IntegrationResponse`): how API Gateway
 * transforms the response of a non-proxy integration (AWS, HTTP, MOCK) before a two-way route
 * returns it. Proxy integrations (AWS_PROXY, HTTP_PROXY) have no integration responses.
 *
 * Integrations usually create theirs: see `WebSocketRouteIntegration.addResponse()` and
 * `WebSocketIntegration.addResponse()`.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
 * @resource AWS::ApiGatewayV2::IntegrationResponse
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 *
 * const integration = new apigwv2.WebSocketIntegration(this, 'Ping', {
 *   webSocketApi,
 *   integrationType: apigwv2.WebSocketIntegrationType.MOCK,
 *   integrationUri: '',
 *   requestTemplates: { $default: '{"statusCode": 200}' },
 *   templateSelectionExpression: '\\$default',
 * });
 * new apigwv2.WebSocketIntegrationResponse(this, 'Pong', {
 *   integration,
 *   responseKey: apigwv2.WebSocketIntegrationResponseKey.DEFAULT,
 *   responseTemplates: { $default: '{"message": "pong"}' },
 * });
 */
export class WebSocketIntegrationResponse extends Resource implements IWebSocketIntegrationResponse {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.WebSocketIntegrationResponse';

  /** The identifier of this integration response. */
  public readonly integrationResponseId: string;
  /** The key of this integration response. */
  public readonly responseKey: WebSocketIntegrationResponseKey;
  /** The integration whose responses this handles. */
  public readonly integration: IWebSocketIntegration;

  constructor(scope: Construct, id: string, props: WebSocketIntegrationResponseProps) {
    checkArguments('WebSocketIntegrationResponse.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(WebSocketIntegrationResponse.PROPERTY_INJECTION_ID, props, scope, id);
    this.integration = props.integration;
    this.responseKey = props.responseKey;
    warnRegexDialect(this, props.responseKey.key);

    // The responses of an integration of this library are in its API's registry, which the integration reads.
    const registry = webSocketRegistryOf(props.integration.webSocketApi);
    const integration = registry.integrationEntryOf(props.integration);
    if (integration) {
      const responses = registry.responsesOf(integration);
      const existing = responses.get(props.responseKey.key);
      if (existing) refuse('duplicateIntegrationResponse', duplicateIntegrationResponse(props.integration, props.responseKey.key, existing), this);
      responses.set(props.responseKey.key, this);
      const type = integration.type;
      if (type !== undefined && !Token.isUnresolved(type) && (type === 'AWS_PROXY' || type === 'HTTP_PROXY')) {
        warn(this, 'webSocketProxyIntegrationResponse',
          `integration response ${shown(props.responseKey.key)} on an ${type} integration has no effect: API Gateway returns the output of `
          + 'proxy integrations as it is; remove the response, or use a non-proxy integration (AWS, HTTP or MOCK) to transform responses');
      }
    }

    const resource = new CfnIntegrationResponse(this, 'Resource', {
      apiId: props.integration.webSocketApi.apiId,
      integrationId: props.integration.integrationId,
      integrationResponseKey: props.responseKey.key,
      responseTemplates: props.responseTemplates,
      templateSelectionExpression: props.templateSelectionExpression,
      contentHandlingStrategy: props.contentHandling,
      responseParameters: props.responseParameters,
    });
    this.integrationResponseId = resource.ref;
  }

  /** A reference to this integration response, for aws-cdk-lib's `IIntegrationResponseRef`. */
  public get integrationResponseRef(): IntegrationResponseReference {
    const { apiId, integrationId } = this.integration.integrationRef;
    return { apiId, integrationId, integrationResponseId: this.integrationResponseId };
  }
}
