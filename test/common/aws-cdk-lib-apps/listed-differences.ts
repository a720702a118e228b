import type { TemplateDifference } from './template-diff';

/**
 * The template differences the migration guide (docs/migrating-from-aws-cdk-lib.md) lists, one
 * row each: what `cdk diff` shows and why, as the guide's tables print them, and which
 * differences of a template the row covers. test/common/aws-cdk-lib-templates.test.ts allows
 * exactly these and checks that the guide's tables list exactly these rows, in this order.
 */
export interface ListedDifference {
  /** The guide's first column: what `cdk diff` shows. */
  readonly see: string;
  /** The guide's second column: why. */
  readonly why: string;
  /** Whether the row covers a difference. */
  covers(difference: TemplateDifference): boolean;
}

/** The resource type of the resource a difference is in. */
function typeOf(d: TemplateDifference): string | undefined {
  return (d.resourceAfter ?? d.resourceBefore)?.Type;
}

/** The name of the property a difference is in (`path[3]`), when it is in a resource's properties. */
function propertyOf(d: TemplateDifference): string | undefined {
  return d.path[0] === 'Resources' && d.path[2] === 'Properties' ? d.path[3] : undefined;
}

/** Whether a difference adds or removes a whole resource. */
function isWholeResource(d: TemplateDifference): boolean {
  return d.path[0] === 'Resources' && d.path.length === 2;
}

/** Whether `value` is `{ 'Fn::GetAtt': [logicalId, 'Arn'] }` of a resource of `type` in the template. */
function isArnOf(value: any, type: string, template: any): boolean {
  const logicalId = value?.['Fn::GetAtt']?.[0];
  return typeof logicalId === 'string' && value['Fn::GetAtt'][1] === 'Arn' && template.Resources?.[logicalId]?.Type === type;
}

const KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/**
 * aws-cdk-lib 2.276's template against this library's under
 * `TemplateCompatibility.AWS_CDK_LIB`: the bugs this library fixes, each in a template that
 * deploys wrong, or fails to deploy, with aws-cdk-lib; and last, one path in the metadata,
 * which changes no resource.
 */
export const FIXES: readonly ListedDifference[] = [
  {
    see: '`AuthorizationScopes` removed from a route whose authorizer is not JWT (the API\'s `defaultAuthorizationScopes` on a route with `HttpNoneAuthorizer`, a Lambda or an IAM authorizer)',
    why: 'API Gateway takes scopes on JWT routes only, and fails the deploy of such a route ("Authorization Scopes are only valid for COGNITO_USER_POOLS and JWT authorization types")',
    covers: d => typeOf(d) === 'AWS::ApiGatewayV2::Route' && propertyOf(d) === 'AuthorizationScopes' && d.path.length === 4
      && d.after === undefined && d.resourceAfter.Properties.AuthorizationType !== 'JWT',
  },
  {
    see: '`RouteKey` `ANY /path` instead of `undefined /path`, for `HttpRouteKey.with(path)` without a method',
    why: '`undefined` is not a method, and API Gateway fails the deploy of such a route',
    covers: d => typeOf(d) === 'AWS::ApiGatewayV2::Route' && propertyOf(d) === 'RouteKey'
      && typeof d.before === 'string' && d.before.startsWith('undefined ') && d.after === `ANY ${d.before.slice('undefined '.length)}`,
  },
  {
    see: '`TimeoutInMillis` added to the integration of an `HttpServiceDiscoveryIntegration` that has a `timeout`',
    why: 'aws-cdk-lib drops that integration\'s `timeout`; this library passes it on, as for the other integrations',
    covers: d => typeOf(d) === 'AWS::ApiGatewayV2::Integration' && propertyOf(d) === 'TimeoutInMillis' && d.before === undefined
      && isArnOf(d.resourceAfter.Properties.IntegrationUri, 'AWS::ServiceDiscovery::Service', d.afterTemplate),
  },
  {
    see: '`RequestParameters` of a `STEPFUNCTIONS_STOP_EXECUTION` integration without a `parameterMapping`: `ExecutionArn` from `$request.body.ExecutionArn` instead of `StateMachineArn`',
    why: 'StopExecution takes an execution ARN, which aws-cdk-lib\'s mapping leaves out, so its route cannot stop an execution',
    covers: d => typeOf(d) === 'AWS::ApiGatewayV2::Integration' && propertyOf(d) === 'RequestParameters'
      && d.resourceAfter.Properties.IntegrationSubtype === 'StepFunctions-StopExecution'
      && ((d.path[4] === 'StateMachineArn' && d.after === undefined)
        || (d.path[4] === 'ExecutionArn' && d.before === undefined && d.after === '$request.body.ExecutionArn')),
  },
  {
    see: 'KMS statements added to the role policy of an `HttpSqsIntegration` whose queue has a customer-managed key (`kms:GenerateDataKey` and `kms:Decrypt` to send, `kms:Decrypt` to receive)',
    why: 'without them, API Gateway cannot use a queue encrypted with such a key',
    covers: d => typeOf(d) === 'AWS::IAM::Policy' && propertyOf(d) === 'PolicyDocument' && d.path[4] === 'Statement' && d.before === undefined
      && [(d.after as any)?.Action].flat().every((action: string) => KMS_ACTIONS.includes(action)),
  },
  {
    see: '`SourceArn` `{apiId}/*` instead of `{apiId}/*/*/*` on the permission aws-cdk-lib adds for `scopePermissionToRoute: false`',
    why: '`{apiId}/*/*/*` does not match the `$default` route (`{apiId}/{stage}/$default`), which then cannot invoke the function',
    covers: d => typeOf(d) === 'AWS::Lambda::Permission' && propertyOf(d) === 'SourceArn' && d.before === '/*/*/*' && d.after === '/*',
  },
  {
    see: 'the `aws:cdk:path` metadata of a WebSocket route response (`returnResponse`): `.../Response/Default` instead of `.../Response`',
    why: 'route responses are constructs here (`WebSocketRouteResponse`), whose resource has the id `Default`; the logical id stays, and CloudFormation changes no resource for metadata',
    covers: d => typeOf(d) === 'AWS::ApiGatewayV2::RouteResponse' && d.path[2] === 'Metadata' && d.path[3] === 'aws:cdk:path'
      && d.after === `${d.before}/Default`,
  },
];

/**
 * This library's templates under `TemplateCompatibility.AWS_CDK_LIB` against its default ones:
 * what `cdk diff` shows when the switch is removed.
 */
export const IMPROVEMENTS: readonly ListedDifference[] = [
  {
    see: '`AWS::Lambda::Permission` resources of Lambda integrations removed (one per route, or the one of `scopePermissionToRoute: false`), and one added per function, API and stack, with the source ARN `{apiId}/*`',
    why: 'a function\'s resource policy would grow by a statement per route and fail past about 55 routes, and each permission counts against the stack\'s 500 resources',
    covers: d => {
      if (!isWholeResource(d) || typeOf(d) !== 'AWS::Lambda::Permission') return false;
      if (d.after === undefined) return (d.before as any).Properties.Principal === 'apigateway.amazonaws.com';
      const props = (d.after as any).Properties;
      const arnEnd = typeof props.SourceArn === 'string' ? props.SourceArn : props.SourceArn['Fn::Join'][1].at(-1);
      return props.Principal === 'apigateway.amazonaws.com' && d.path[1].includes('InvokePermission') && arnEnd.endsWith('/*');
    },
  },
  {
    see: '`AWS::ApiGatewayV2::Integration` resources removed, and the `Target` of their routes changed, where several integration objects make the same backend call',
    why: 'an HTTP API holds at most 300 integrations, a quota AWS does not raise',
    covers: d => (isWholeResource(d) && typeOf(d) === 'AWS::ApiGatewayV2::Integration' && d.after === undefined)
      || (typeOf(d) === 'AWS::ApiGatewayV2::Route' && propertyOf(d) === 'Target'),
  },
];
