import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpApi } from '../../lib';
import { HttpUrlIntegration } from '../../lib/integrations';

/** A stack with one HTTP API (no default stage, to keep templates small). */
export function apiStack(): { stack: Stack; api: HttpApi } {
  const stack = new Stack(new App(), 'Stack');
  const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
  return { stack, api };
}

/** A URL integration; each call makes a new object, as each API needs its own. */
export function url(id = 'Backend'): HttpUrlIntegration {
  return new HttpUrlIntegration(id, 'https://backend.example.com');
}

/** A function to authorize with. */
export function authFunction(stack: Stack, id = 'AuthFn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ isAuthorized: true });'),
  });
}

/** Kept here so tests of this folder import their helpers from one place. */
export { errorOf } from '../util';

/** The resources of a type, by logical id. */
export function resources(stack: Stack, type: string): { [id: string]: any } {
  return Template.fromStack(stack).findResources(type);
}

/** The properties of the route with this key. */
export function routeProps(stack: Stack, routeKey: string): { [key: string]: any } {
  const routes = Object.values(resources(stack, 'AWS::ApiGatewayV2::Route')).filter(r => r.Properties.RouteKey === routeKey);
  expect(routes).toHaveLength(1);
  return routes[0].Properties;
}

/** The logical id of the one resource of a type. */
export function onlyId(stack: Stack, type: string): string {
  const ids = Object.keys(resources(stack, type));
  expect(ids).toHaveLength(1);
  return ids[0];
}
