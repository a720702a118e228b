import type { IConstruct } from 'constructs';
import { Stack, Token } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import {
  HttpConnectionType, HttpIntegrationSubtype, HttpIntegrationType, IntegrationCredentials, PayloadFormatVersion,
} from '../../http/integration';
import { ParameterMapping } from '../../http/parameter-mapping';
import { refuse, shown, warn } from '../../private/error';

/*
 * What the first-class AWS service integrations (`AWS_PROXY` with a subtype) share: the skeleton
 * of their bind() (`serviceIntegrationConfig`), the role API Gateway assumes to call the service,
 * the check that a subtype belongs to the integration class, and the check of the named request
 * parameters each subtype takes.
 */

/** The service call of one integration: what differs between the service integrations. */
export interface ServiceCall {
  /** The action. */
  readonly subtype: HttpIntegrationSubtype;
  /** The action's parameters, by name. */
  readonly parameterMapping: ParameterMapping;
  /** What the role API Gateway assumes may do. */
  readonly statement: PolicyStatement;
  /** What else the role needs, e.g. the use of a customer-managed KMS key. */
  readonly grant?: (role: Role) => void;
}

/**
 * The bind() of a service integration: checks the call's parameters against its action,
 * creates the role API Gateway assumes (`InvokeRole` under the route) and returns the
 * `AWS_PROXY` integration with payload format 1.0.
 */
export function serviceIntegrationConfig(options: HttpRouteIntegrationBindOptions, integrationId: string, call: ServiceCall): HttpRouteIntegrationConfig {
  checkServiceParameters(options.scope, integrationId, call.subtype, call.parameterMapping);
  const role = createInvokeRole(options.scope, call.statement);
  call.grant?.(role);
  return {
    type: HttpIntegrationType.AWS_PROXY,
    subtype: call.subtype,
    payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
    connectionType: HttpConnectionType.INTERNET,
    credentials: IntegrationCredentials.fromRole(role),
    parameterMapping: call.parameterMapping,
  };
}

/** The request parameters of one subtype. */
interface ServiceActionParameters {
  /** Parameters API Gateway needs to create the integration. */
  readonly required: readonly string[];
  /** Parameters the subtype also takes. */
  readonly optional: readonly string[];
}

/**
 * The parameters of each subtype, from API Gateway's "Integration subtype reference".
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
 */
export const SERVICE_ACTION_PARAMETERS: Readonly<Record<HttpIntegrationSubtype, ServiceActionParameters>> = {
  [HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS]: {
    required: ['Detail', 'DetailType', 'Source'],
    optional: ['Time', 'EventBusName', 'Resources', 'Region', 'TraceHeader'],
  },
  [HttpIntegrationSubtype.SQS_SEND_MESSAGE]: {
    required: ['QueueUrl', 'MessageBody'],
    optional: ['DelaySeconds', 'MessageAttributes', 'MessageDeduplicationId', 'MessageGroupId', 'MessageSystemAttributes', 'Region'],
  },
  [HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE]: {
    required: ['QueueUrl'],
    // Older versions of the reference spell the first one 'AttributeName'; both are accepted.
    optional: ['AttributeNames', 'AttributeName', 'MaxNumberOfMessages', 'MessageAttributeNames', 'ReceiveRequestAttemptId', 'VisibilityTimeout', 'WaitTimeSeconds', 'Region'],
  },
  [HttpIntegrationSubtype.SQS_DELETE_MESSAGE]: {
    required: ['QueueUrl', 'ReceiptHandle'],
    optional: ['Region'],
  },
  [HttpIntegrationSubtype.SQS_PURGE_QUEUE]: {
    required: ['QueueUrl'],
    optional: ['Region'],
  },
  [HttpIntegrationSubtype.APPCONFIG_GET_CONFIGURATION]: {
    required: ['Application', 'Environment', 'Configuration', 'ClientId'],
    optional: ['ClientConfigurationVersion', 'Region'],
  },
  [HttpIntegrationSubtype.KINESIS_PUT_RECORD]: {
    required: ['StreamName', 'Data', 'PartitionKey'],
    optional: ['SequenceNumberForOrdering', 'ExplicitHashKey', 'Region'],
  },
  [HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION]: {
    required: ['StateMachineArn'],
    optional: ['Name', 'Input', 'Region'],
  },
  [HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION]: {
    required: ['StateMachineArn'],
    optional: ['Name', 'Input', 'Region', 'TraceHeader'],
  },
  [HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION]: {
    required: ['ExecutionArn'],
    optional: ['Cause', 'Error', 'Region'],
  },
};

/** The integration class that serves each family of subtypes, for error messages. */
const CLASS_BY_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['EventBridge-', 'HttpEventBridgeIntegration'],
  ['SQS-', 'HttpSqsIntegration'],
  ['AppConfig-', 'HttpAppConfigIntegration'],
  ['Kinesis-', 'HttpKinesisIntegration'],
  ['StepFunctions-', 'HttpStepFunctionsIntegration'],
];

/**
 * Refuses a subtype that the integration class does not serve, e.g. an SQS subtype on the
 * Step Functions integration.
 */
export function checkSubtype<T extends HttpIntegrationSubtype>(
  scope: IConstruct, integrationId: string, className: string,
  subtype: HttpIntegrationSubtype, allowed: readonly T[],
): asserts subtype is T {
  if ((allowed as readonly HttpIntegrationSubtype[]).includes(subtype)) return;
  const owner = CLASS_BY_PREFIX.find(([prefix]) => String(subtype).startsWith(prefix))?.[1];
  const fix = owner ? `use ${owner} for ${subtype}` : 'choose one of those subtypes';
  refuse('integrationSubtype', `invalid \`subtype\` ${shown(subtype)} of integration '${integrationId}': ${className} takes ${listOf(allowed)}; ${fix}`, scope);
}

/**
 * Checks the keys of a service integration's parameter mapping against its subtype:
 *
 * - a required parameter that is missing is refused (API Gateway does not create the
 *   integration without it);
 * - a key in the `<action>:<location>` form of HTTP integrations (`overwrite:header.x`) is
 *   refused (with a subtype, the keys name the action's parameters);
 * - any other key that the reference does not list gets a warning, not an error: the
 *   reference has gained parameters over time, so a name unknown here may be valid.
 *
 * Keys that are unresolved tokens are skipped.
 */
function checkServiceParameters(
  scope: IConstruct, integrationId: string, subtype: HttpIntegrationSubtype, mapping: ParameterMapping,
): void {
  const { required, optional } = SERVICE_ACTION_PARAMETERS[subtype];
  const keys = Object.keys(mapping.mappings);
  for (const key of keys) {
    if (Token.isUnresolved(key)) continue;
    if (key.includes(':')) {
      refuse('serviceParameterMapping', `invalid \`parameterMapping\` key ${shown(key)} of integration '${integrationId}': ${subtype} takes its action's parameters by name `
        + `(${[...required, ...optional].join(', ')}), not header, query string or path mappings; map the value to one of those parameters`, scope);
    }
  }
  const missing = required.filter(name => !keys.includes(name));
  if (missing.length > 0 && !keys.some(key => Token.isUnresolved(key))) {
    refuse('serviceParameterMapping', `incomplete \`parameterMapping\` of integration '${integrationId}': ${subtype} requires ${listOf(required, 'and')}, `
      + `and ${listOf(missing.map(name => `'${name}'`), 'and')} ${missing.length === 1 ? 'is' : 'are'} missing; `
      + `add ${missing.length === 1 ? 'it' : 'them'} with \`.custom('${missing[0]}', value)\``, scope);
  }
  for (const key of keys) {
    if (Token.isUnresolved(key) || required.includes(key) || optional.includes(key)) continue;
    warn(scope, 'unknownServiceParameter',
      `\`parameterMapping\` key ${shown(key)} of integration '${integrationId}' is not a parameter of ${subtype} `
      + `in API Gateway's reference (${[...required, ...optional].join(', ')}); API Gateway may refuse it at deploy time: check its spelling`);
  }
}

/** A copy of a mapping, so that adding defaults never changes the user's object. */
export function copyMapping(mapping: ParameterMapping): ParameterMapping {
  const copy = new ParameterMapping();
  for (const [key, value] of Object.entries(mapping.mappings)) {
    copy.custom(key, value);
  }
  return copy;
}

/** Whether a mapping has a key (own keys only). */
export function hasKey(mapping: ParameterMapping, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(mapping.mappings, key);
}

/**
 * The role API Gateway assumes to call the service: construct id `InvokeRole` under `scope`
 * (the route that first binds the integration, as in aws-cdk-lib, so logical ids match),
 * trusting `apigateway.amazonaws.com`, with one statement.
 */
function createInvokeRole(scope: IConstruct, statement: PolicyStatement): Role {
  const role = new Role(scope, 'InvokeRole', {
    assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
  });
  role.addToPolicy(statement);
  return role;
}

/**
 * Whether two identifiers certainly name different resources: two different literals, or two
 * tokens that resolve to `Ref`s of different resources. Anything else counts as not certain.
 */
export function certainlyDifferent(scope: IConstruct, a: string, b: string): boolean {
  if (a === b) return false;
  const aToken = Token.isUnresolved(a);
  const bToken = Token.isUnresolved(b);
  if (!aToken && !bToken) return true;
  if (aToken && bToken) {
    const stack = Stack.of(scope);
    const refA = refOf(stack.resolve(a));
    const refB = refOf(stack.resolve(b));
    return refA !== undefined && refB !== undefined && refA !== refB;
  }
  return false;
}

function refOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 1) {
    const ref = (value as { Ref?: unknown }).Ref;
    return typeof ref === 'string' ? ref : undefined;
  }
  return undefined;
}

function listOf(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
