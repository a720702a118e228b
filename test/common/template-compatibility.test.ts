import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { HttpApiProps, WebSocketApiProps } from '../../lib';
import { HttpApi, HttpMethod, TemplateCompatibility, WebSocketApi } from '../../lib';
import type { HttpLambdaIntegrationProps, WebSocketLambdaIntegrationProps } from '../../lib/integrations';
import { HttpLambdaIntegration, HttpUrlIntegration, WebSocketLambdaIntegration } from '../../lib/integrations';
import { AWS_CDK_LIB_TEMPLATES, CDK_APIGATEWAYV2_TEMPLATES, TEMPLATE_COMPATIBILITY_CONTEXT } from '../../lib/private/template-compatibility';
import { errorOf, INTEGRATION, lambdaFunction, PERMISSION } from '../support';

/** A stack in an app whose context sets the switch to `context`, or leaves it unset. */
function stackWith(context?: unknown): Stack {
  return new Stack(new App({ context: context === undefined ? {} : { [TEMPLATE_COMPATIBILITY_CONTEXT]: context } }), 'Stack');
}

/** The logical ids of a type's resources. */
function idsOf(stack: Stack, type: string): string[] {
  return Object.keys(Template.fromStack(stack).findResources(type)).sort();
}

/** An HTTP API with two routes on one function, and two identical URL integrations. */
function httpApp(stack: Stack, apiProps: HttpApiProps = {}, lambdaProps: HttpLambdaIntegrationProps = {}): void {
  const api = new HttpApi(stack, 'Api', { createDefaultStage: false, ...apiProps });
  const handler = lambdaFunction(stack);
  api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration: new HttpLambdaIntegration('Books', handler, lambdaProps) });
  api.addRoutes({ path: '/a', integration: new HttpUrlIntegration('Url', 'https://backend.example.com') });
  api.addRoutes({ path: '/b', integration: new HttpUrlIntegration('Url', 'https://backend.example.com') });
}

/** A WebSocket API with two routes on one function. */
function webSocketApp(stack: Stack, apiProps: WebSocketApiProps = {}, lambdaProps: WebSocketLambdaIntegrationProps = {}): void {
  const api = new WebSocketApi(stack, 'Api', apiProps);
  const handler = lambdaFunction(stack);
  api.addRoute('$connect', { integration: new WebSocketLambdaIntegration('Connect', handler, lambdaProps) });
  api.addRoute('send', { integration: new WebSocketLambdaIntegration('Send', handler, lambdaProps) });
}

describe('the switch: TemplateCompatibility', () => {
  test('its values are the context values the registry reads', () => {
    expect(TemplateCompatibility.AWS_CDK_LIB).toBe(AWS_CDK_LIB_TEMPLATES);
    expect(TemplateCompatibility.CDK_APIGATEWAYV2).toBe(CDK_APIGATEWAYV2_TEMPLATES);
    expect(TEMPLATE_COMPATIBILITY_CONTEXT).toBe('cdk-apigatewayv2:templateCompatibility');
  });

  test('by default: one permission per function and API, identical integrations shared', () => {
    const stack = stackWith();
    httpApp(stack);
    expect(idsOf(stack, PERMISSION)).toEqual([expect.stringMatching(/^ApiInvokePermissionStackHandler/)]);
    expect(idsOf(stack, INTEGRATION)).toHaveLength(2);
  });

  test('the context \'aws-cdk-lib\': one permission per route, one integration per object, as aws-cdk-lib', () => {
    const stack = stackWith('aws-cdk-lib');
    httpApp(stack);
    expect(idsOf(stack, PERMISSION)).toEqual([expect.stringMatching(/^ApiGETbooksBooksPermission/), expect.stringMatching(/^ApiPOSTbooksBooksPermission/)]);
    expect(idsOf(stack, INTEGRATION)).toHaveLength(3);
  });

  test('the context \'cdk-apigatewayv2\' is the default', () => {
    const stack = stackWith('cdk-apigatewayv2');
    httpApp(stack);
    expect(idsOf(stack, PERMISSION)).toHaveLength(1);
    expect(idsOf(stack, INTEGRATION)).toHaveLength(2);
  });

  test('the prop wins over the context, both ways', () => {
    const own = stackWith('aws-cdk-lib');
    httpApp(own, { templateCompatibility: TemplateCompatibility.CDK_APIGATEWAYV2 });
    expect(idsOf(own, PERMISSION)).toHaveLength(1);
    expect(idsOf(own, INTEGRATION)).toHaveLength(2);

    const awsCdkLib = stackWith('cdk-apigatewayv2');
    httpApp(awsCdkLib, { templateCompatibility: TemplateCompatibility.AWS_CDK_LIB });
    expect(idsOf(awsCdkLib, PERMISSION)).toHaveLength(2);
    expect(idsOf(awsCdkLib, INTEGRATION)).toHaveLength(3);
  });

  test('the prop applies to its API only', () => {
    const stack = stackWith();
    const switched = new HttpApi(stack, 'Switched', { createDefaultStage: false, templateCompatibility: TemplateCompatibility.AWS_CDK_LIB });
    const plain = new HttpApi(stack, 'Plain', { createDefaultStage: false });
    const handler = lambdaFunction(stack);
    for (const api of [switched, plain]) {
      api.addRoutes({ path: '/a', integration: new HttpLambdaIntegration('A', handler) });
      api.addRoutes({ path: '/b', integration: new HttpLambdaIntegration('B', handler) });
    }
    expect(idsOf(stack, PERMISSION)).toEqual([
      expect.stringMatching(/^PlainInvokePermissionStackHandler/),
      expect.stringMatching(/^SwitchedANYaAPermission/),
      expect.stringMatching(/^SwitchedANYbBPermission/),
    ]);
  });

  test('an integration\'s scopePermissionToRoute and the API\'s shareIntegrations win over the switch', () => {
    const shared = stackWith('aws-cdk-lib');
    httpApp(shared, { shareIntegrations: true }, { scopePermissionToRoute: false });
    // aws-cdk-lib's permission for `scopePermissionToRoute: false`: one, under the first route.
    expect(idsOf(shared, PERMISSION)).toEqual([expect.stringMatching(/^ApiGETbooksApiPermissionApiScopedStackHandler/)]);
    expect(idsOf(shared, INTEGRATION)).toHaveLength(2);

    const perRoute = stackWith();
    httpApp(perRoute, { shareIntegrations: false }, { scopePermissionToRoute: true });
    expect(idsOf(perRoute, PERMISSION)).toHaveLength(2);
    expect(idsOf(perRoute, INTEGRATION)).toHaveLength(3);
  });

  test('aws-cdk-lib\'s permission for scopePermissionToRoute: false covers every route and stage of the API, $default included', () => {
    const stack = stackWith('aws-cdk-lib');
    const handler = lambdaFunction(stack);
    const api = new HttpApi(stack, 'Api', { defaultIntegration: new HttpLambdaIntegration('DefaultIntegration', handler, { scopePermissionToRoute: false }) });
    api.addRoutes({ path: '/books', integration: new HttpLambdaIntegration('Books', handler, { scopePermissionToRoute: false }) });
    const permissions = Object.values(Template.fromStack(stack).findResources(PERMISSION));
    expect(permissions.map(p => p.Properties.SourceArn['Fn::Join'][1].at(-1))).toEqual(['/*']);
  });

  test('WebSocket APIs: the context and the prop choose per-route permissions, scopePermissionToRoute wins', () => {
    const switched = stackWith('aws-cdk-lib');
    webSocketApp(switched);
    expect(idsOf(switched, PERMISSION)).toEqual([expect.stringMatching(/^ApiconnectRouteConnectPermission/), expect.stringMatching(/^ApisendRouteSendPermission/)]);

    const byProp = stackWith();
    webSocketApp(byProp, { templateCompatibility: TemplateCompatibility.AWS_CDK_LIB });
    expect(idsOf(byProp, PERMISSION)).toHaveLength(2);

    const overridden = stackWith('aws-cdk-lib');
    webSocketApp(overridden, {}, { scopePermissionToRoute: false });
    expect(idsOf(overridden, PERMISSION)).toEqual([expect.stringMatching(/^ApiInvokePermissionStackHandler/)]);

    const plain = stackWith();
    webSocketApp(plain);
    expect(idsOf(plain, PERMISSION)).toHaveLength(1);
  });

  test('an imported API follows the context', () => {
    const stack = stackWith('aws-cdk-lib');
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    const handler = lambdaFunction(stack);
    api.addRoutes({ path: '/a', integration: new HttpLambdaIntegration('A', handler) });
    api.addRoutes({ path: '/b', integration: new HttpLambdaIntegration('B', handler) });
    expect(idsOf(stack, PERMISSION)).toHaveLength(2);
  });

  test.each([true, 'aws_cdk_lib', 'AWS_CDK_LIB', 1])('refuses the context value %p, naming the key and the values it takes', (value) => {
    const stack = stackWith(value);
    const error = errorOf(() => new HttpApi(stack, 'Api'));
    expect(error.message).toBe(`Stack/Api: invalid context \`cdk-apigatewayv2:templateCompatibility\` ${JSON.stringify(value).replace(/^"(.*)"$/, '\'$1\'')}: `
      + 'use \'aws-cdk-lib\' (aws-cdk-lib\'s templates, to move a deployed app) or \'cdk-apigatewayv2\' (this library\'s, the default) [cdk-apigatewayv2:templateCompatibility]');
  });

  test('refuses a prop value that is not one of the enum\'s (JavaScript), whatever the context', () => {
    const stack = stackWith('aws-cdk-lib');
    const error = errorOf(() => new WebSocketApi(stack, 'Api', { templateCompatibility: 'aws_cdk_lib' as TemplateCompatibility }));
    expect(error.message).toBe('Stack/Api: invalid `templateCompatibility` \'aws_cdk_lib\' in new WebSocketApi(): '
      + 'use TemplateCompatibility.AWS_CDK_LIB or TemplateCompatibility.CDK_APIGATEWAYV2 [cdk-apigatewayv2:argumentType]');
  });

  test('an invalid context value does not matter to an API whose prop is set', () => {
    const stack = stackWith('nonsense');
    new HttpApi(stack, 'Api', { templateCompatibility: TemplateCompatibility.AWS_CDK_LIB });
    expect(idsOf(stack, 'AWS::ApiGatewayV2::Api')).toHaveLength(1);
  });
});
