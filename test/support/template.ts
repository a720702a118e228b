import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

export const INTEGRATION = 'AWS::ApiGatewayV2::Integration';
export const PERMISSION = 'AWS::Lambda::Permission';

/** The template of a stack. */
export function template(stack: Stack): Template {
  return Template.fromStack(stack);
}

/** The resources of a type, by logical id. */
export function resources(stack: Stack, type: string): { [id: string]: any } {
  return Template.fromStack(stack).findResources(type);
}

/** The properties of the only resource of a type. */
export function onlyProps(stack: Stack, type: string): { [key: string]: any } {
  const found = Object.values(resources(stack, type));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

/** The logical id of the only resource of a type. */
export function onlyId(stack: Stack, type: string): string {
  const ids = Object.keys(resources(stack, type));
  expect(ids).toHaveLength(1);
  return ids[0];
}

/** The properties of the route with this key. */
export function routeProps(stack: Stack, routeKey: string): { [key: string]: any } {
  const routes = Object.values(resources(stack, 'AWS::ApiGatewayV2::Route')).filter(r => r.Properties.RouteKey === routeKey);
  expect(routes).toHaveLength(1);
  return routes[0].Properties;
}

/**
 * An ARN of the stack's environment as CloudFormation writes it for an environment-agnostic
 * stack: `arn:{partition}:{service}:{region}:{account}:` followed by `rest` (strings and
 * references).
 */
export function arnOf(service: string, account: 'account' | string, ...rest: unknown[]): unknown {
  const accountPart = account === 'account' ? [':', { Ref: 'AWS::AccountId' }, ':'] : [`:${account}:`];
  const parts: unknown[] = ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ...accountPart, ...rest];
  // Fn::Join merges adjacent strings; do the same so the expectation reads as the template does.
  const merged: unknown[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  return { 'Fn::Join': ['', merged] };
}

/** The execute-api ARN `arn:{partition}:execute-api:{region}:{account}:{apiId}{rest}` of the API `ApiF70053CD`. */
export function executeApiArn(rest: string, apiLogicalId = 'ApiF70053CD'): unknown {
  return arnOf('execute-api', 'account', { Ref: apiLogicalId }, rest);
}

/** The invocation URI API Gateway uses for the function with this logical id. */
export function invocationUri(functionLogicalId: string): unknown {
  return arnOf('apigateway', 'lambda', 'path/2015-03-31/functions/', { 'Fn::GetAtt': [functionLogicalId, 'Arn'] }, '/invocations');
}
