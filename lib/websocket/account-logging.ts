import type { Construct, IConstruct } from 'constructs';
import { RemovalPolicy, Resource, Stack } from 'aws-cdk-lib';
import { CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import { appRegistryOf } from '../private/app-registry';
import { mayShareEnvironment } from '../private/environment';
import { refuse, warn } from '../private/error';
import { injectProps } from '../private/property-injection';
import { checkArguments } from '../private/guard';

/** The construct id of the role that `ApiGatewayAccountLoggingRole.ofStack()` creates. */
const STACK_SINGLETON_ID = 'ApiGatewayAccountLoggingRole';

/**
 * Properties of an `ApiGatewayAccountLoggingRole`.
 */
export interface ApiGatewayAccountLoggingRoleProps {
  /**
   * An existing role for API Gateway to write logs with. It must trust
   * `apigateway.amazonaws.com` and allow writing to CloudWatch Logs, e.g. with the managed
   * policy `service-role/AmazonAPIGatewayPushToCloudWatchLogs`.
   * @default - a new role with that trust and managed policy
   */
  readonly role?: iam.IRoleRef;

  /**
   * What happens to the account setting and the role this construct creates when they leave
   * the stack. Keep RETAIN unless this stack is sure to be the only one that sets the
   * account's role: other stacks' stages may log through it, and deleting the resources does
   * not reset the account setting anyway.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The CloudWatch Logs role of API Gateway in an account and Region (`AWS::ApiGateway::Account`
 * and, unless one is given, an IAM role trusted by `apigateway.amazonaws.com` with the
 * managed policy `service-role/AmazonAPIGatewayPushToCloudWatchLogs`).
 *
 * WebSocket stages need it for access logging and execution logging: without it, deploying a
 * stage that logs fails with "CloudWatch Logs role ARN must be set in account settings to
 * enable logging". HTTP APIs do not need it.
 *
 * The setting belongs to the account and Region, not to a stack: let exactly one stack per
 * account and Region own it. Both resources are retained on delete by default, because
 * deleting them does not reset the account setting, and other stacks may rely on it.
 *
 * A logging WebSocket stage deploys after the role of its own stack or, when its stack has
 * none, after the role of another stack of the app that may deploy to the same account and
 * Region: its stack then depends on the role's stack (unless the role's stack depends on it,
 * which gets a warning instead). Roles of other accounts or Regions do not count.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 * @resource AWS::ApiGateway::Account
 *
 * @example
 * declare const webSocketApi: apigwv2.WebSocketApi;
 *
 * // The stack that owns the account's CloudWatch Logs role for API Gateway; logging stages
 * // of this app in the same account and Region deploy after it.
 * new apigwv2.ApiGatewayAccountLoggingRole(this, 'ApiGatewayLogging');
 * new apigwv2.WebSocketStage(this, 'Prod', {
 *   webSocketApi,
 *   stageName: 'prod',
 *   loggingLevel: apigwv2.WebSocketLoggingLevel.ERROR,
 * });
 */
export class ApiGatewayAccountLoggingRole extends Resource {
  /** Uniquely identifies this class, for property injectors. */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-apigatewayv2.ApiGatewayAccountLoggingRole';

  /**
   * The logging role of the stack of `scope`: the one created in that stack, or a new one at
   * the stack's root with the construct id `ApiGatewayAccountLoggingRole`.
   */
  public static ofStack(scope: IConstruct): ApiGatewayAccountLoggingRole {
    checkArguments('ApiGatewayAccountLoggingRole.ofStack', [scope]);
    const stack = Stack.of(scope);
    const existing = appRegistryOf(stack).accountLoggingRoles.find(role => Stack.of(role) === stack) as ApiGatewayAccountLoggingRole | undefined;
    return existing ?? new ApiGatewayAccountLoggingRole(stack, STACK_SINGLETON_ID);
  }

  /** The role API Gateway writes logs with. */
  public readonly roleArn: string;
  /**
   * The role this construct created.
   * @default - none when a `role` was given
   */
  public readonly role?: iam.Role;

  constructor(scope: Construct, id: string, props: ApiGatewayAccountLoggingRoleProps = {}) {
    checkArguments('ApiGatewayAccountLoggingRole.new', [scope, id, props]);
    super(scope, id);
    props = injectProps(ApiGatewayAccountLoggingRole.PROPERTY_INJECTION_ID, props, scope, id);
    const stack = Stack.of(this);
    const roles = appRegistryOf(this).accountLoggingRoles;
    const sameStack = roles.find(role => Stack.of(role) === stack);
    if (sameStack) {
      refuse('accountLoggingRole', `a second ApiGatewayAccountLoggingRole in stack ${stack.node.path}: the stack already has ${sameStack.node.path}, and an account `
        + 'and Region have one API Gateway logging role; use ApiGatewayAccountLoggingRole.ofStack() to share it', this);
    }
    const sameEnv = roles.find(role => mayShareEnvironment(Stack.of(role), stack));
    if (sameEnv) {
      warn(this, 'accountLoggingRoleTwice',
        `${sameEnv.node.path} in another stack may set the same account and Region's API Gateway logging role: `
        + 'the stacks would overwrite each other\'s setting; let one stack own it');
    }
    roles.push(this);

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    let roleArn: string;
    if (props.role) {
      roleArn = props.role.roleRef.roleArn;
    } else {
      this.role = new iam.Role(this, 'Role', {
        assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs')],
        description: 'Lets API Gateway write access and execution logs to CloudWatch Logs',
      });
      this.role.applyRemovalPolicy(removalPolicy);
      roleArn = this.role.roleArn;
    }
    const account = new CfnAccount(this, 'Resource', { cloudWatchRoleArn: roleArn });
    account.applyRemovalPolicy(removalPolicy);
    this.roleArn = roleArn;
  }
}
