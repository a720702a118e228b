/**
 * Drop-in proof for the WebSocket integrations: the same app written once against
 * aws-cdk-lib's `aws-apigatewayv2` and `-integrations` modules and once against this library
 * (only the imports differ, plus `scopePermissionToRoute: true` for aws-cdk-lib's per-route
 * Lambda permissions) gives the same template: same logical ids, same properties.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import * as upstreamIntegrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ours from '../../../lib';
import * as oursIntegrations from '../../../lib/integrations';
import { executeApiArn, PERMISSION } from '../../support';

const QUEUE_URI = 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/messages';

interface Inputs {
  readonly stack: Stack;
  readonly handler: lambda.Function;
  readonly other: lambda.Function;
  readonly role: iam.Role;
}

function inputs(): Inputs {
  const stack = new Stack(new App(), 'Stack');
  const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
  return {
    stack,
    handler: new lambda.Function(stack, 'Handler', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code }),
    other: new lambda.Function(stack, 'Other', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code }),
    role: new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') }),
  };
}

/** The app, written for aws-cdk-lib. */
function upstreamApp(): Stack {
  const { stack, handler, other, role } = inputs();
  const chat = new upstreamIntegrations.WebSocketLambdaIntegration('Chat', handler, { timeout: Duration.seconds(10) });
  const api = new upstream.WebSocketApi(stack, 'Api', {
    connectRouteOptions: { integration: chat },
    disconnectRouteOptions: { integration: chat },
    defaultRouteOptions: { integration: chat, returnResponse: true },
  });
  api.addRoute('sendmessage', {
    integration: new upstreamIntegrations.WebSocketLambdaIntegration('Send', other, { contentHandling: upstream.ContentHandling.CONVERT_TO_TEXT }),
  });
  api.addRoute('ping', {
    integration: new upstreamIntegrations.WebSocketMockIntegration('Ping', {
      requestTemplates: { $default: '{"statusCode": 200}' },
      templateSelectionExpression: '\\$default',
    }),
  });
  api.addRoute('enqueue', {
    integration: new upstreamIntegrations.WebSocketAwsIntegration('Enqueue', {
      integrationUri: QUEUE_URI,
      integrationMethod: 'POST',
      credentialsRole: role,
      requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
      templateSelectionExpression: '\\$default',
      passthroughBehavior: upstream.PassthroughBehavior.NEVER,
      contentHandling: upstream.ContentHandling.CONVERT_TO_BINARY,
      timeout: Duration.seconds(5),
    }),
  });
  new upstream.WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'prod', autoDeploy: true });
  return stack;
}

/** The same app, written for this library. */
function ourApp(lambdaProps: oursIntegrations.WebSocketLambdaIntegrationProps = { scopePermissionToRoute: true }): Stack {
  const { stack, handler, other, role } = inputs();
  const chat = new oursIntegrations.WebSocketLambdaIntegration('Chat', handler, { timeout: Duration.seconds(10), ...lambdaProps });
  const api = new ours.WebSocketApi(stack, 'Api', {
    connectRouteOptions: { integration: chat },
    disconnectRouteOptions: { integration: chat },
    defaultRouteOptions: { integration: chat, returnResponse: true },
  });
  api.addRoute('sendmessage', {
    integration: new oursIntegrations.WebSocketLambdaIntegration('Send', other, { contentHandling: ours.ContentHandling.CONVERT_TO_TEXT, ...lambdaProps }),
  });
  api.addRoute('ping', {
    integration: new oursIntegrations.WebSocketMockIntegration('Ping', {
      requestTemplates: { $default: '{"statusCode": 200}' },
      templateSelectionExpression: '\\$default',
    }),
  });
  api.addRoute('enqueue', {
    integration: new oursIntegrations.WebSocketAwsIntegration('Enqueue', {
      integrationUri: QUEUE_URI,
      integrationMethod: 'POST',
      credentialsRole: role,
      requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
      templateSelectionExpression: '\\$default',
      passthroughBehavior: ours.PassthroughBehavior.NEVER,
      contentHandling: ours.ContentHandling.CONVERT_TO_BINARY,
      timeout: Duration.seconds(5),
    }),
  });
  new ours.WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'prod', autoDeploy: true });
  return stack;
}

describe('WebSocket integrations: parity with aws-cdk-lib', () => {
  const upstreamTemplate = Template.fromStack(upstreamApp()).toJSON();

  test('with scopePermissionToRoute, the templates are identical', () => {
    expect(Template.fromStack(ourApp()).toJSON()).toEqual(upstreamTemplate);
  });

  test('the app has what it should: 4 integrations, and 4 per-route permissions', () => {
    const resources = upstreamTemplate.Resources as { [id: string]: { Type: string } };
    const count = (type: string) => Object.values(resources).filter(r => r.Type === type).length;
    expect(count('AWS::ApiGatewayV2::Integration')).toBe(4);
    expect(count(PERMISSION)).toBe(4);
  });

  test('by default, the per-route permissions become one per function and API; every other resource keeps its logical id', () => {
    const ourTemplate = Template.fromStack(ourApp({})).toJSON();
    const withoutPermissions = (template: any) => Object.fromEntries(Object.entries(template.Resources).filter(([, r]: [string, any]) => r.Type !== PERMISSION));
    expect(withoutPermissions(ourTemplate)).toEqual(withoutPermissions(upstreamTemplate));

    const permissions = Object.values(ourTemplate.Resources).filter((r: any) => r.Type === PERMISSION) as any[];
    expect(permissions.map(p => [p.Properties.FunctionName, p.Properties.SourceArn])).toEqual([
      [{ 'Fn::GetAtt': ['Handler886CB40B', 'Arn'] }, executeApiArn('/*')],
      [{ 'Fn::GetAtt': ['Other34654A52', 'Arn'] }, executeApiArn('/*')],
    ]);
  });
});
