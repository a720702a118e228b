import type { Duration } from 'aws-cdk-lib';
import { Aws, Stack } from 'aws-cdk-lib';
import type { IRoleRef } from 'aws-cdk-lib/aws-iam';
import type {
  WebSocketIntegrationResponseOptions,
  WebSocketRouteAuthorizerBindOptions,
  WebSocketRouteAuthorizerConfig,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
  IWebSocketRouteAuthorizer,
} from '../../lib';
import { WebSocketAuthorizer, WebSocketAuthorizerType, WebSocketIntegrationType, WebSocketRouteIntegration } from '../../lib';

/**
 * Stand-in WebSocket integrations, until the integrations submodule provides real ones. Each
 * records how often `bind()` ran and which routes bound it (the base class binds on every route).
 */
abstract class RecordingIntegration extends WebSocketRouteIntegration {
  public readonly boundRouteKeys: string[] = [];

  public bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    this.boundRouteKeys.push(options.route.routeKey);
    return this.config(options);
  }

  protected abstract config(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig;
}

/** A MOCK integration, like aws-cdk-lib's `WebSocketMockIntegration`. */
export class TestMockIntegration extends RecordingIntegration {
  constructor(id: string, private readonly props: {
    requestTemplates?: { [contentType: string]: string };
    templateSelectionExpression?: string;
    responses?: WebSocketIntegrationResponseOptions[];
  } = {}) {
    super(id);
  }

  protected config(): WebSocketRouteIntegrationConfig {
    return { type: WebSocketIntegrationType.MOCK, uri: '', ...this.props };
  }
}

/** A Lambda proxy integration without the permission: AWS_PROXY to an invocation URI. */
export class TestLambdaProxyIntegration extends RecordingIntegration {
  constructor(id: string, private readonly functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:handler', private readonly timeout?: Duration) {
    super(id);
  }

  protected config(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    const region = Stack.of(options.scope).region;
    return {
      type: WebSocketIntegrationType.AWS_PROXY,
      uri: `arn:${Aws.PARTITION}:apigateway:${region}:lambda:path/2015-03-31/functions/${this.functionArn}/invocations`,
      timeout: this.timeout,
    };
  }
}

/** Everything a config can hold, passed through: AWS, HTTP or any other type. */
export class TestConfigIntegration extends RecordingIntegration {
  constructor(id: string, private readonly fixed: WebSocketRouteIntegrationConfig) {
    super(id);
  }

  protected config(): WebSocketRouteIntegrationConfig {
    return this.fixed;
  }
}

/** A Lambda authorizer without the permission, like aws-cdk-lib's `WebSocketLambdaAuthorizer`. */
export class TestLambdaAuthorizer implements IWebSocketRouteAuthorizer {
  private authorizer?: WebSocketAuthorizer;

  constructor(private readonly id: string, private readonly identitySource = ['route.request.header.Authorization'], private readonly role?: IRoleRef) {}

  public bind(options: WebSocketRouteAuthorizerBindOptions): WebSocketRouteAuthorizerConfig {
    this.authorizer ??= new WebSocketAuthorizer(options.scope, this.id, {
      webSocketApi: options.route.webSocketApi,
      identitySource: this.identitySource,
      type: WebSocketAuthorizerType.LAMBDA,
      authorizerName: this.id,
      authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations',
      role: this.role,
    });
    return { authorizerId: this.authorizer.authorizerId, authorizationType: 'CUSTOM' };
  }
}

/** IAM authorization, like aws-cdk-lib's `WebSocketIamAuthorizer`. */
export class TestIamAuthorizer implements IWebSocketRouteAuthorizer {
  public bind(): WebSocketRouteAuthorizerConfig {
    return { authorizationType: 'AWS_IAM' };
  }
}
