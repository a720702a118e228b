import type { IConstruct } from 'constructs';
import { CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import { mayShareEnvironment } from '../../private/environment';
import { warn } from '../../private/error';

/**
 * Whether a logging WebSocket stage can count on the account's CloudWatch Logs role, which
 * synthesis cannot see: the stage depends on an `AWS::ApiGateway::Account` (an
 * `ApiGatewayAccountLoggingRole`, or e.g. a REST API's `cloudWatchRole`) that may set it for
 * the stage's account and Region, or warns when the app has none there.
 */
export class LoggingRoleCheck {
  /** The logging role of another stack that the stage's stack should depend on, once dependencies are known. */
  private roleElsewhere?: IConstruct;

  constructor(private readonly stage: IConstruct) {}

  /**
   * Looks for the role, once the app is built. One of the stage's stack (or of the nested
   * stacks of its stack) is depended on at once; one of another stack is recorded, for
   * `dependOnRoleStack()`.
   */
  public check(): void {
    this.roleElsewhere = undefined;
    const stack = Stack.of(this.stage);
    const accounts = this.stage.node.root.node.findAll().filter(isAccountSetting);
    // A role of another account or Region does not serve this stage: only one that may deploy to its environment counts.
    const sameEnv = accounts.filter(account => mayShareEnvironment(Stack.of(account), stack));
    if (sameEnv.length === 0) {
      const elsewhere = accounts.length === 0 ? ''
        : `; the app's logging roles (${accounts.map(a => a.node.path).join(', ')}) are in other accounts or Regions and do not count`;
      warn(this.stage, 'webSocketLoggingNeedsAccountRole',
        'this stage logs (access logs or execution logs), which fails to deploy with "CloudWatch Logs role ARN must be set in account settings '
        + 'to enable logging" unless the account and Region have an API Gateway CloudWatch Logs role: set `cloudWatchRole: true` on one stage '
        + `(or create an ApiGatewayAccountLoggingRole) in the one stack that owns it, or acknowledge this warning if the account has the role${elsewhere}`);
      return;
    }
    const deployment = deploymentStackOf(stack);
    // One CloudFormation deployment (a stack and its nested stacks) orders its own resources.
    const local = sameEnv.find(account => Stack.of(account) === stack)
      ?? sameEnv.find(account => deploymentStackOf(Stack.of(account)) === deployment);
    if (local) {
      this.stage.node.addDependency(local);
      return;
    }
    // Stack dependencies cannot cross stage (cloud assembly) boundaries.
    const sameStage = sameEnv.filter(account => Stage.of(account) === Stage.of(stack));
    if (sameStage.length === 0) {
      const role = sameEnv[0];
      this.warnRoleOrder(role, `is in ${deploymentStackOf(Stack.of(role)).node.path} of another CDK stage, which no stack dependency can reach`);
      return;
    }
    // Prefer a role whose environment is exactly this stack's over one that only may be.
    this.roleElsewhere = sameStage.find(account => Stack.of(account).account === stack.account && Stack.of(account).region === stack.region)
      ?? sameStage[0];
  }

  /**
   * Makes the stage's stack depend on the stack of the logging role `check()` chose in another
   * stack, unless that stack already depends on the stage's, which would be a cycle: then warn.
   * Cross-stack references become stack dependencies only when the app is prepared, after
   * aspects run, so this runs as a validation, when every dependency is known.
   */
  public dependOnRoleStack(): string[] {
    const role = this.roleElsewhere;
    if (!role) return [];
    const stack = deploymentStackOf(Stack.of(this.stage));
    const roleStack = deploymentStackOf(Stack.of(role));
    if (dependsOn(roleStack, stack)) {
      this.warnRoleOrder(role, `is in stack ${roleStack.node.path}, which depends on this stage's stack ${stack.node.path}`);
    } else {
      stack.addStackDependency(roleStack, `WebSocket stage ${this.stage.node.path} logs with the API Gateway logging role ${role.node.path}`);
    }
    return [];
  }

  /** Warns that the logging role `role` cannot be ordered before the stage, for the reason `why`. */
  private warnRoleOrder(role: IConstruct, why: string): void {
    warn(this.stage, 'webSocketLoggingRoleOrder',
      `this stage logs with the API Gateway logging role ${role.node.path}, which ${why}: the role's stack must deploy first, or the stage `
      + 'fails to deploy with "CloudWatch Logs role ARN must be set in account settings to enable logging" while the account and Region have '
      + 'no role; move the role to a stack this stage\'s stack can depend on, or deploy the role\'s stack first and acknowledge this warning');
  }
}

/** Whether a construct sets the account's API Gateway CloudWatch Logs role. */
function isAccountSetting(construct: IConstruct): boolean {
  return CfnResource.isCfnResource(construct) && construct.cfnResourceType === CfnAccount.CFN_RESOURCE_TYPE_NAME;
}

/** The stack that CloudFormation deploys `stack` with: the stack itself, or the top stack that nests it. */
function deploymentStackOf(stack: Stack): Stack {
  let top = stack;
  while (top.nestedStackParent) top = top.nestedStackParent;
  return top;
}

/** Whether `stack` depends on `other`, directly or through other stacks. */
function dependsOn(stack: Stack, other: Stack, seen = new Set<Stack>()): boolean {
  if (seen.has(stack)) return false;
  seen.add(stack);
  return stack.dependencies.some(dep => dep === other || dependsOn(dep, other, seen));
}
