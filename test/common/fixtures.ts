import type { Construct } from 'constructs';
import { Resource } from 'aws-cdk-lib';
import type { ApiReference } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnApi, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IApi, IStage } from '../../lib';

/** Test helpers for custom domains and API mappings. */

export const CERT_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/abc';

/** An imported ACM certificate. */
export function certificate(scope: Construct, id = 'Cert', arn = CERT_ARN): ICertificate {
  return Certificate.fromCertificateArn(scope, id, arn);
}

/** Kept here so tests of this folder import their helpers from one place. */
export { errorOf } from '../util';

/**
 * A minimal WebSocket API (`ProtocolType: WEBSOCKET`, `isWebsocketApi`) and one stage, standing
 * in for lib/websocket while it is being written: the mapping rules only duck-type the API.
 */
export class FakeWebSocketApi extends Resource implements IApi {
  public readonly isWebsocketApi = true;
  public readonly apiId: string;
  public readonly apiEndpoint: string;

  constructor(scope: Construct, id: string, ipAddressType?: string) {
    super(scope, id);
    const resource = new CfnApi(this, 'Resource', {
      name: id,
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '$request.body.action',
      ipAddressType,
    });
    this.apiId = resource.ref;
    this.apiEndpoint = resource.attrApiEndpoint;
  }

  public get apiRef(): ApiReference {
    return { apiId: this.apiId };
  }

  public metric(): Metric {
    throw new Error('not used');
  }

  /** A stage of this API. */
  public addStage(id: string, stageName: string): IStage {
    return new FakeWebSocketStage(this, id, stageName);
  }
}

/** A stage of a `FakeWebSocketApi`. */
class FakeWebSocketStage extends Resource implements IStage {
  public readonly url: string;

  constructor(private readonly api: FakeWebSocketApi, id: string, public readonly stageName: string) {
    super(api, id);
    this.url = `wss://example/${stageName}`;
    new CfnStage(this, 'Resource', { apiId: api.apiId, stageName });
  }

  public get stageRef() {
    return { apiId: this.api.apiId, stageName: this.stageName };
  }

  public metric(): Metric {
    throw new Error('not used');
  }

  public addStageVariable(): void {}
}
