import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpIntegrationSubtype, HttpRouteIntegration } from '../../http/integration';
import { ParameterMapping } from '../../http/parameter-mapping';
import { copyMapping, hasKey, serviceIntegrationConfig } from '../private/service-integration';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpKinesisIntegration`.
 */
export interface HttpKinesisIntegrationProps {
  /**
   * The data stream the route writes records to.
   */
  readonly stream: IStream;

  /**
   * The parameters of PutRecord, by name.
   *
   * PutRecord requires `StreamName`, `Data` and `PartitionKey`, and also takes
   * `SequenceNumberForOrdering`, `ExplicitHashKey` and `Region`. A mapping that lacks `Data`
   * or `PartitionKey` is refused. `StreamName` is set to the stream's name unless the mapping
   * sets it; the mapping object itself is not changed.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html#Kinesis-PutRecord
   * @default - `Data` and `PartitionKey` read from `$request.body.Data` and
   * `$request.body.PartitionKey`, and `StreamName` set to the stream's name
   */
  readonly parameterMapping?: ParameterMapping;
}

/**
 * Writes one record per request to a Kinesis data stream (a first-class `AWS_PROXY`
 * integration with the `Kinesis-PutRecord` subtype). Creates the role API Gateway assumes,
 * allowed `kinesis:PutRecord` on the stream and, when the stream is encrypted with a
 * customer-managed KMS key, `kms:GenerateDataKey` on that key.
 *
 * This integration is not in aws-cdk-lib.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 * import * as kinesis from 'aws-cdk-lib/aws-kinesis';
 *
 * const stream = new kinesis.Stream(this, 'Clicks');
 * const recordMapping = new apigwv2.ParameterMapping()
 *   .custom('Data', '$request.body')
 *   .custom('PartitionKey', '$request.header.x-device-id');
 *
 * const api = new apigwv2.HttpApi(this, 'HttpApi');
 * api.addRoutes({
 *   path: '/clicks',
 *   methods: [apigwv2.HttpMethod.POST],
 *   integration: new integrations.HttpKinesisIntegration('PutClick', {
 *     stream,
 *     parameterMapping: recordMapping,
 *   }),
 * });
 */
export class HttpKinesisIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param props the stream
   */
  constructor(id: string, private readonly props: HttpKinesisIntegrationProps) {
    checkArguments('integrations.HttpKinesisIntegration.new', [id, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    checkArguments('integrations.HttpKinesisIntegration.bind', [options], this);
    const subtype = HttpIntegrationSubtype.KINESIS_PUT_RECORD;
    const stream = this.props.stream;
    const parameterMapping = this.props.parameterMapping
      ? copyMapping(this.props.parameterMapping)
      : new ParameterMapping()
        .custom('Data', '$request.body.Data')
        .custom('PartitionKey', '$request.body.PartitionKey');
    if (!hasKey(parameterMapping, 'StreamName')) {
      parameterMapping.custom('StreamName', stream.streamName);
    }
    return serviceIntegrationConfig(options, this.constructId, {
      subtype,
      parameterMapping,
      statement: new PolicyStatement({
        sid: 'AllowKinesisPutRecord',
        actions: ['kinesis:PutRecord'],
        resources: [stream.streamArn],
      }),
      // Producers to a stream encrypted with a customer-managed key need kms:GenerateDataKey
      // (https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html).
      grant: role => stream.encryptionKey?.grant(role, 'kms:GenerateDataKey'),
    });
  }
}
