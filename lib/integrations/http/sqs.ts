import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpIntegrationSubtype, HttpRouteIntegration } from '../../http/integration';
import { ParameterMapping } from '../../http/parameter-mapping';
import { checkSubtype, serviceIntegrationConfig } from '../private/service-integration';
import { checkArguments } from '../../private/guard';

const SQS_SUBTYPES = [
  HttpIntegrationSubtype.SQS_SEND_MESSAGE,
  HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE,
  HttpIntegrationSubtype.SQS_DELETE_MESSAGE,
  HttpIntegrationSubtype.SQS_PURGE_QUEUE,
] as const;

/**
 * Properties of an `HttpSqsIntegration`.
 */
export interface HttpSqsIntegrationProps {
  /**
   * The parameters of the SQS action, by name.
   *
   * Every subtype requires `QueueUrl`; `SQS_SEND_MESSAGE` also requires `MessageBody`, and
   * `SQS_DELETE_MESSAGE` requires `ReceiptHandle`. A mapping that lacks a required parameter
   * is refused.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html#http-api-develop-integrations-aws-services-parameter-mapping
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
   * @default - `QueueUrl` set to the queue's URL; for `SQS_SEND_MESSAGE` also `MessageBody`
   * read from `$request.body.MessageBody`, for `SQS_DELETE_MESSAGE` also `ReceiptHandle`
   * read from `$request.body.ReceiptHandle`
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * The SQS action: one of the `SQS_` subtypes.
   *
   * @default HttpIntegrationSubtype.SQS_SEND_MESSAGE
   */
  readonly subtype?: HttpIntegrationSubtype;

  /**
   * The queue the route sends messages to, receives or deletes them from, or purges.
   */
  readonly queue: IQueue;
}

/**
 * Sends, receives or deletes messages of an SQS queue, or purges it (a first-class
 * `AWS_PROXY` integration). Creates the role API Gateway assumes, allowed the one action on
 * the queue and, when the queue is encrypted with a customer-managed KMS key, the use of that
 * key that sending (`kms:GenerateDataKey`, `kms:Decrypt`) or receiving (`kms:Decrypt`) needs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 * import * as sqs from 'aws-cdk-lib/aws-sqs';
 *
 * const queue = new sqs.Queue(this, 'Queue');
 *
 * const api = new apigwv2.HttpApi(this, 'HttpApi');
 * // POST /messages with {"MessageBody": "..."} sends a message
 * api.addRoutes({
 *   path: '/messages',
 *   methods: [apigwv2.HttpMethod.POST],
 *   integration: new integrations.HttpSqsIntegration('SendMessage', { queue }),
 * });
 */
export class HttpSqsIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param props the queue and the action
   */
  constructor(id: string, private readonly props: HttpSqsIntegrationProps) {
    checkArguments('integrations.HttpSqsIntegration.new', [id, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    checkArguments('integrations.HttpSqsIntegration.bind', [options], this);
    const subtype = this.props.subtype ?? HttpIntegrationSubtype.SQS_SEND_MESSAGE;
    checkSubtype(options.scope, this.constructId, 'HttpSqsIntegration', subtype, SQS_SUBTYPES);

    const queue = this.props.queue;
    return serviceIntegrationConfig(options, this.constructId, {
      subtype,
      parameterMapping: this.props.parameterMapping ?? defaultMapping(subtype, queue),
      statement: new PolicyStatement({
        sid: 'AllowSqsExecution',
        actions: [ACTION_BY_SUBTYPE[subtype]],
        resources: [queue.queueArn],
      }),
      // A queue encrypted with a customer-managed key needs the caller to use the key too
      // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html).
      grant: role => {
        const keyActions = KEY_ACTIONS_BY_SUBTYPE[subtype];
        if (queue.encryptionMasterKey && keyActions.length > 0) {
          queue.encryptionMasterKey.grant(role, ...keyActions);
        }
      },
    });
  }
}

const ACTION_BY_SUBTYPE: Readonly<Record<typeof SQS_SUBTYPES[number], string>> = {
  [HttpIntegrationSubtype.SQS_SEND_MESSAGE]: 'sqs:SendMessage',
  [HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE]: 'sqs:ReceiveMessage',
  [HttpIntegrationSubtype.SQS_DELETE_MESSAGE]: 'sqs:DeleteMessage',
  [HttpIntegrationSubtype.SQS_PURGE_QUEUE]: 'sqs:PurgeQueue',
};

/** What each action needs of a customer-managed key: sending encrypts, receiving decrypts. */
const KEY_ACTIONS_BY_SUBTYPE: Readonly<Record<typeof SQS_SUBTYPES[number], readonly string[]>> = {
  [HttpIntegrationSubtype.SQS_SEND_MESSAGE]: ['kms:GenerateDataKey', 'kms:Decrypt'],
  [HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE]: ['kms:Decrypt'],
  [HttpIntegrationSubtype.SQS_DELETE_MESSAGE]: [],
  [HttpIntegrationSubtype.SQS_PURGE_QUEUE]: [],
};

function defaultMapping(subtype: typeof SQS_SUBTYPES[number], queue: IQueue): ParameterMapping {
  const mapping = new ParameterMapping().custom('QueueUrl', queue.queueUrl);
  switch (subtype) {
    case HttpIntegrationSubtype.SQS_SEND_MESSAGE:
      return mapping.custom('MessageBody', '$request.body.MessageBody');
    case HttpIntegrationSubtype.SQS_DELETE_MESSAGE:
      return mapping.custom('ReceiptHandle', '$request.body.ReceiptHandle');
    default:
      return mapping;
  }
}
