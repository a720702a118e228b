import { createHash, randomUUID } from 'crypto';

/** A call an AWS service integration would have made: recorded, never sent. */
export interface ServiceCall {
  /** When the request arrived, epoch ms. */
  readonly time: number;
  readonly api: string;
  readonly stage: string;
  readonly routeKey: string;
  readonly requestId: string;
  /** The integration subtype, e.g. `SQS-SendMessage`. */
  readonly subtype: string;
  /** The request parameters after mapping: what the service would have received. */
  readonly parameters: Record<string, string>;
  /** What the emulator answered in the service's place. */
  readonly response: unknown;
}

/** The parameters each subtype needs [doc: http-api-develop-integrations-aws-services-reference]. */
export const REQUIRED_PARAMETERS: Record<string, string[]> = {
  'EventBridge-PutEvents': ['Detail', 'DetailType', 'Source'],
  'SQS-SendMessage': ['QueueUrl', 'MessageBody'],
  'SQS-ReceiveMessage': ['QueueUrl'],
  'SQS-DeleteMessage': ['QueueUrl', 'ReceiptHandle'],
  'SQS-PurgeQueue': ['QueueUrl'],
  'AppConfig-GetConfiguration': ['Application', 'Environment', 'Configuration', 'ClientId'],
  'Kinesis-PutRecord': ['StreamName', 'Data', 'PartitionKey'],
  'StepFunctions-StartExecution': ['StateMachineArn'],
  'StepFunctions-StartSyncExecution': ['StateMachineArn'],
  'StepFunctions-StopExecution': ['ExecutionArn'],
};

/**
 * The answer of the service in the integration's place: the shape of the service's own JSON
 * answer with made-up ids [unverified: API Gateway passes the service's response through].
 */
export function serviceResponse(subtype: string, parameters: Record<string, string>, time: number): unknown {
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const requestId = randomUUID();
  switch (subtype) {
    case 'SQS-SendMessage':
      return { SendMessageResponse: { ResponseMetadata: { RequestId: requestId }, SendMessageResult: { MD5OfMessageAttributes: null, MD5OfMessageBody: md5(parameters.MessageBody ?? ''), MD5OfMessageSystemAttributes: null, MessageId: randomUUID(), SequenceNumber: null } } };
    case 'SQS-ReceiveMessage':
      return { ReceiveMessageResponse: { ResponseMetadata: { RequestId: requestId }, ReceiveMessageResult: { messages: null } } };
    case 'SQS-DeleteMessage':
      return { DeleteMessageResponse: { ResponseMetadata: { RequestId: requestId } } };
    case 'SQS-PurgeQueue':
      return { PurgeQueueResponse: { ResponseMetadata: { RequestId: requestId } } };
    case 'EventBridge-PutEvents':
      return { Entries: [{ EventId: randomUUID() }], FailedEntryCount: 0 };
    case 'Kinesis-PutRecord':
      return { SequenceNumber: `${time}${'0'.repeat(30)}`.slice(0, 56), ShardId: 'shardId-000000000000' };
    case 'StepFunctions-StartExecution':
      return { executionArn: executionArn(parameters), startDate: time / 1000 };
    case 'StepFunctions-StartSyncExecution':
      return { executionArn: executionArn(parameters), stateMachineArn: parameters.StateMachineArn, startDate: time / 1000, stopDate: time / 1000, status: 'SUCCEEDED', input: parameters.Input ?? '{}', output: '{}' };
    case 'StepFunctions-StopExecution':
      return { stopDate: time / 1000 };
    case 'AppConfig-GetConfiguration':
      return {};
    default:
      return {};
  }
}

function executionArn(parameters: Record<string, string>): string {
  const machine = parameters.StateMachineArn ?? 'arn:aws:states:us-east-1:123456789012:stateMachine:unknown';
  return `${machine.replace(':stateMachine:', ':execution:')}:${parameters.Name ?? randomUUID()}`;
}
