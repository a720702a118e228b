import type { IConstruct, IMixin, Node } from 'constructs';
import type { RemovalPolicy, ResourceEnvironment, Stack } from 'aws-cdk-lib';
import type * as awsCdkLib from 'aws-cdk-lib/aws-apigatewayv2';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpApi } from './api-base';
import type { IHttpStage } from './stage';
import { refuse } from '../private/error';

/**
 * An HTTP API of this library as aws-cdk-lib's `IHttpApi`, for the aws-cdk-lib APIs that take
 * one: the EventBridge target `targets.ApiGatewayV2` of `aws-cdk-lib/aws-events-targets`.
 *
 * The view is not a construct of its own: its `node` is the API's, so what aws-cdk-lib adds
 * under it lands under the API with the path aws-cdk-lib's own `HttpApi` would give it (the
 * target's `EventsRole` keeps its logical id when an app moves here). Everything else reads
 * through to the API, and `defaultStage` is a view of the API's `$default` stage. Routes,
 * integrations and VPC links belong on the API itself: `addVpcLink` is refused.
 */
export function awsCdkLibHttpApi(api: IHttpApi): awsCdkLib.IHttpApi {
  return new HttpApiView(api);
}

class HttpApiView implements awsCdkLib.IHttpApi {
  public readonly isHttpApi = true;
  private stageView?: awsCdkLib.IHttpStage;

  constructor(private readonly api: IHttpApi) {}

  public get node(): Node { return this.api.node; }
  public get env(): ResourceEnvironment { return this.api.env; }
  public get stack(): Stack { return this.api.stack; }
  public get apiId(): string { return this.api.apiId; }
  public get apiEndpoint(): string { return this.api.apiEndpoint; }
  public get apiRef(): awsCdkLib.ApiReference { return this.api.apiRef; }

  public get defaultStage(): awsCdkLib.IHttpStage | undefined {
    const stage = this.api.defaultStage;
    if (stage) this.stageView ??= new HttpStageView(stage, this);
    return stage ? this.stageView : undefined;
  }

  /** The API's default authorizer: an authorizer of this library, which aws-cdk-lib's routes can bind. */
  public get defaultAuthorizer(): awsCdkLib.IHttpRouteAuthorizer | undefined {
    return this.api.defaultAuthorizer as awsCdkLib.IHttpRouteAuthorizer | undefined;
  }

  public get defaultAuthorizationScopes(): string[] | undefined { return this.api.defaultAuthorizationScopes; }

  public with(...mixins: IMixin[]): IConstruct {
    this.api.with(...mixins);
    return this;
  }

  public applyRemovalPolicy(policy: RemovalPolicy): void { this.api.applyRemovalPolicy(policy); }
  public metric(metricName: string, props?: MetricOptions): Metric { return this.api.metric(metricName, props); }
  public metricClientError(props?: MetricOptions): Metric { return this.api.metricClientError(props); }
  public metricServerError(props?: MetricOptions): Metric { return this.api.metricServerError(props); }
  public metricDataProcessed(props?: MetricOptions): Metric { return this.api.metricDataProcessed(props); }
  public metricCount(props?: MetricOptions): Metric { return this.api.metricCount(props); }
  public metricIntegrationLatency(props?: MetricOptions): Metric { return this.api.metricIntegrationLatency(props); }
  public metricLatency(props?: MetricOptions): Metric { return this.api.metricLatency(props); }

  public arnForExecuteApi(method?: string, path?: string, stage?: string): string {
    return this.api.arnForExecuteApi(method, path, stage);
  }

  public addVpcLink(_options: awsCdkLib.VpcLinkProps): awsCdkLib.VpcLink {
    return refuse('awsCdkLibViewUnsupported', '`addVpcLink` on the aws-cdk-lib view of this HTTP API (HttpApi.toAwsCdkLib()): '
      + 'VPC links, routes and integrations belong on the API itself; call addVpcLink() on the API', this.api);
  }
}

class HttpStageView implements awsCdkLib.IHttpStage {
  public readonly isHttpStage = true;

  constructor(private readonly stage: IHttpStage, public readonly api: awsCdkLib.IHttpApi) {}

  public get node(): Node { return this.stage.node; }
  public get env(): ResourceEnvironment { return this.stage.env; }
  public get stack(): Stack { return this.stage.stack; }
  public get stageName(): string { return this.stage.stageName; }
  public get url(): string { return this.stage.url; }
  public get domainUrl(): string { return this.stage.domainUrl; }
  public get stageRef(): awsCdkLib.StageReference { return this.stage.stageRef; }

  public with(...mixins: IMixin[]): IConstruct {
    this.stage.with(...mixins);
    return this;
  }

  public applyRemovalPolicy(policy: RemovalPolicy): void { this.stage.applyRemovalPolicy(policy); }
  public addStageVariable(name: string, value: string): void { this.stage.addStageVariable(name, value); }
  public metric(metricName: string, props?: MetricOptions): Metric { return this.stage.metric(metricName, props); }
  public metricClientError(props?: MetricOptions): Metric { return this.stage.metricClientError(props); }
  public metricServerError(props?: MetricOptions): Metric { return this.stage.metricServerError(props); }
  public metricDataProcessed(props?: MetricOptions): Metric { return this.stage.metricDataProcessed(props); }
  public metricCount(props?: MetricOptions): Metric { return this.stage.metricCount(props); }
  public metricIntegrationLatency(props?: MetricOptions): Metric { return this.stage.metricIntegrationLatency(props); }
  public metricLatency(props?: MetricOptions): Metric { return this.stage.metricLatency(props); }
}
