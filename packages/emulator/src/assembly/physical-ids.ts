import { createHash } from 'crypto';
import type { StackTemplate, TemplateResource } from './reader';

/**
 * What the emulator answers for `Ref` and `Fn::GetAtt` of a resource: the physical id and
 * attributes CloudFormation would give it, made up deterministically (the same assembly gives the
 * same ids on every run) in the account and Region the emulator serves.
 */
export interface ResourceRef {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly resource: TemplateResource;
  readonly region: string;
  readonly account: string;
  /** Resolves a property of the resource to a string, or undefined when it is not set. */
  readonly prop: (name: string) => string | undefined;
}

/** Raised when a reference has no local value; the caller names where it was met. */
export class UnresolvableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvableError';
  }
}

/** The property that names a resource of each type, when the app sets it. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::Events::EventBus': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::ApiGatewayV2::Stage': 'StageName',
  'AWS::ApiGatewayV2::DomainName': 'DomainName',
  'AWS::AppConfig::Application': 'Name',
};

/** A stable hash of the resource's place in the assembly. */
function digest(ref: ResourceRef, salt = ''): string {
  return createHash('sha256').update(`${ref.stack.stackName}/${ref.logicalId}${salt}`).digest('hex');
}

/** `[a-z0-9]` characters from the hash, as API Gateway ids are made of. */
function shortId(ref: ResourceRef, length: number, salt = ''): string {
  const hex = digest(ref, salt);
  let out = '';
  for (let i = 0; out.length < length; i += 2) {
    out += '0123456789abcdefghijklmnopqrstuvwxyz'[parseInt(hex.slice(i % 60, (i % 60) + 2), 16) % 36];
  }
  return out;
}

/** The resource's name: the one the app set, or one like CloudFormation generates. */
function physicalName(ref: ResourceRef): string {
  const property = NAME_PROPERTY[ref.resource.Type];
  const given = property ? ref.prop(property) : undefined;
  if (given !== undefined) return given;
  const generated = `${ref.stack.stackName}-${ref.logicalId}`.slice(0, 50) + '-' + digest(ref).slice(0, 12).toUpperCase();
  if (ref.resource.Type === 'AWS::S3::Bucket') return generated.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  if (ref.resource.Type === 'AWS::SQS::Queue' && ref.resource.Properties?.FifoQueue === true) return `${generated}.fifo`;
  return generated;
}

function arn(ref: ResourceRef, service: string, resource: string, regional = true, withAccount = true): string {
  return `arn:aws:${service}:${regional ? ref.region : ''}:${withAccount ? ref.account : ''}:${resource}`;
}

/** The API id of an `AWS::ApiGatewayV2::Api`, and the ids of its children. */
export function apiGatewayId(ref: ResourceRef): string {
  return shortId(ref, 10);
}

/** The Lambda function ARN of an `AWS::Lambda::Function`. */
function functionArn(ref: ResourceRef): string {
  return arn(ref, 'lambda', `function:${physicalName(ref)}`);
}

/** `Ref` of a resource. */
export function refOf(ref: ResourceRef): string {
  const name = () => physicalName(ref);
  switch (ref.resource.Type) {
    case 'AWS::ApiGatewayV2::Api':
    case 'AWS::ApiGatewayV2::Route':
    case 'AWS::ApiGatewayV2::Integration':
    case 'AWS::ApiGatewayV2::Authorizer':
    case 'AWS::ApiGatewayV2::RouteResponse':
    case 'AWS::ApiGatewayV2::IntegrationResponse':
    case 'AWS::ApiGatewayV2::Model':
    case 'AWS::ApiGatewayV2::ApiMapping':
    case 'AWS::ApiGatewayV2::VpcLink':
    case 'AWS::ApiGateway::ApiKey':
    case 'AWS::ApiGateway::UsagePlan':
      return apiGatewayId(ref);
    case 'AWS::SQS::Queue':
      return `https://sqs.${ref.region}.amazonaws.com/${ref.account}/${name()}`;
    case 'AWS::SNS::Topic':
      return arn(ref, 'sns', name());
    case 'AWS::StepFunctions::StateMachine':
      return arn(ref, 'states', `stateMachine:${name()}`);
    case 'AWS::SecretsManager::Secret':
      return arn(ref, 'secretsmanager', `secret:${name()}-${shortId(ref, 6)}`);
    case 'AWS::Cognito::UserPool':
      return `${ref.region}_${shortId(ref, 9).toUpperCase()}`;
    case 'AWS::Cognito::UserPoolClient':
      return shortId(ref, 26);
    case 'AWS::Lambda::Alias':
    case 'AWS::Lambda::Version': {
      const target = ref.prop('FunctionName') ?? '';
      const fnArn = target.startsWith('arn:') ? target : `arn:aws:lambda:${ref.region}:${ref.account}:function:${target}`;
      const qualifier = ref.resource.Type === 'AWS::Lambda::Alias' ? ref.prop('Name') ?? 'live' : '1';
      return `${fnArn}:${qualifier}`;
    }
    case 'AWS::KMS::Key':
      return `${digest(ref).slice(0, 8)}-${digest(ref).slice(8, 12)}-${digest(ref).slice(12, 16)}-${digest(ref).slice(16, 20)}-${digest(ref).slice(20, 32)}`;
    default:
      return name();
  }
}

/** `Fn::GetAtt` of a resource; throws UnresolvableError for attributes with no local value. */
export function getAttOf(ref: ResourceRef, attribute: string): string {
  const type = ref.resource.Type;
  const name = () => physicalName(ref);
  switch (`${type}.${attribute}`) {
    case 'AWS::Lambda::Function.Arn': return functionArn(ref);
    case 'AWS::ApiGatewayV2::Api.ApiId': return apiGatewayId(ref);
    case 'AWS::ApiGatewayV2::Api.ApiEndpoint':
      return `${ref.resource.Properties?.ProtocolType === 'WEBSOCKET' ? 'wss' : 'https'}://${apiGatewayId(ref)}.execute-api.${ref.region}.amazonaws.com`;
    case 'AWS::ApiGatewayV2::Authorizer.AuthorizerId':
    case 'AWS::ApiGatewayV2::Route.RouteId':
    case 'AWS::ApiGatewayV2::Integration.IntegrationId':
      return apiGatewayId(ref);
    case 'AWS::ApiGatewayV2::DomainName.RegionalDomainName':
      return `d-${shortId(ref, 10)}.execute-api.${ref.region}.amazonaws.com`;
    case 'AWS::ApiGatewayV2::DomainName.RegionalHostedZoneId': return 'Z1UJRXOUMOOFQ8';
    case 'AWS::SQS::Queue.Arn': return arn(ref, 'sqs', name());
    case 'AWS::SQS::Queue.QueueName': return name();
    case 'AWS::SQS::Queue.QueueUrl': return refOf(ref);
    case 'AWS::SNS::Topic.TopicArn': return refOf(ref);
    case 'AWS::SNS::Topic.TopicName': return name();
    case 'AWS::DynamoDB::Table.Arn': return arn(ref, 'dynamodb', `table/${name()}`);
    case 'AWS::DynamoDB::Table.StreamArn': return arn(ref, 'dynamodb', `table/${name()}/stream/2020-01-01T00:00:00.000`);
    case 'AWS::S3::Bucket.Arn': return `arn:aws:s3:::${name()}`;
    case 'AWS::S3::Bucket.DomainName': return `${name()}.s3.amazonaws.com`;
    case 'AWS::S3::Bucket.RegionalDomainName': return `${name()}.s3.${ref.region}.amazonaws.com`;
    case 'AWS::S3::Bucket.WebsiteURL': return `http://${name()}.s3-website-${ref.region}.amazonaws.com`;
    case 'AWS::IAM::Role.Arn': return arn(ref, 'iam', `role/${name()}`, false);
    case 'AWS::IAM::Role.RoleId': return `AROA${shortId(ref, 17).toUpperCase()}`;
    case 'AWS::Events::EventBus.Arn': return arn(ref, 'events', `event-bus/${name()}`);
    case 'AWS::Events::EventBus.Name': return name();
    case 'AWS::StepFunctions::StateMachine.Arn': return refOf(ref);
    case 'AWS::StepFunctions::StateMachine.Name': return name();
    case 'AWS::Kinesis::Stream.Arn': return arn(ref, 'kinesis', `stream/${name()}`);
    case 'AWS::Logs::LogGroup.Arn': return arn(ref, 'logs', `log-group:${name()}:*`);
    case 'AWS::Cognito::UserPool.Arn': return arn(ref, 'cognito-idp', `userpool/${refOf(ref)}`);
    case 'AWS::Cognito::UserPool.UserPoolId': return refOf(ref);
    case 'AWS::Cognito::UserPool.ProviderName': return `cognito-idp.${ref.region}.amazonaws.com/${refOf(ref)}`;
    case 'AWS::Cognito::UserPool.ProviderURL': return `https://cognito-idp.${ref.region}.amazonaws.com/${refOf(ref)}`;
    case 'AWS::Cognito::UserPoolClient.ClientId': return refOf(ref);
    case 'AWS::KMS::Key.Arn': return arn(ref, 'kms', `key/${refOf(ref)}`);
    case 'AWS::KMS::Key.KeyId': return refOf(ref);
    case 'AWS::SecretsManager::Secret.Id': return refOf(ref);
    case 'AWS::SSM::Parameter.Value': {
      const value = ref.prop('Value');
      if (value !== undefined) return value;
      break;
    }
    default:
      break;
  }
  if (attribute === 'Arn') {
    const [, service, kind] = type.split('::');
    return arn(ref, (service ?? 'unknown').toLowerCase(), `${(kind ?? 'resource').toLowerCase()}/${name()}`);
  }
  // Many attributes echo a property of the same name (`Name`, `StageName`, ...).
  const echoed = ref.prop(attribute);
  if (echoed !== undefined) return echoed;
  throw new UnresolvableError(`\`Fn::GetAtt\` of ${type} \`${ref.logicalId}\`'s \`${attribute}\` has no local value`);
}
