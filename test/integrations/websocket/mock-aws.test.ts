import { Duration, Lazy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ContentHandling, PassthroughBehavior, WebSocketIntegrationResponseKey } from '../../../lib';
import { WebSocketAwsIntegration, WebSocketMockIntegration } from '../../../lib/integrations';
import { errorOf, INTEGRATION, onlyProps, resources, webSocketApiStack } from '../../support';

const QUEUE_URI = 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/messages';
const RESPONSE = 'AWS::ApiGatewayV2::IntegrationResponse';

describe('WebSocketMockIntegration', () => {
  test('minimal: a MOCK integration with an empty URI', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('$default', { integration: new WebSocketMockIntegration('DefaultIntegration') });

    expect(onlyProps(stack, INTEGRATION)).toEqual({ ApiId: { Ref: 'ApiF70053CD' }, IntegrationType: 'MOCK', IntegrationUri: '' });
  });

  test('templates, and responses from the props and from addResponse, make a two-way route answer', () => {
    const { stack, api } = webSocketApiStack();
    const integration = new WebSocketMockIntegration('Ping', {
      requestTemplates: { $default: '{"statusCode": 200}' },
      templateSelectionExpression: '\\$default',
      responses: [{ responseKey: WebSocketIntegrationResponseKey.DEFAULT, responseTemplates: { $default: '{"pong": true}' } }],
    });
    integration.addResponse({ responseKey: WebSocketIntegrationResponseKey.CLIENT_ERROR });
    api.addRoute('ping', { integration, returnResponse: true });

    expect(onlyProps(stack, INTEGRATION)).toMatchObject({
      IntegrationType: 'MOCK',
      RequestTemplates: { $default: '{"statusCode": 200}' },
      TemplateSelectionExpression: '\\$default',
    });
    const responses = Object.values(resources(stack, RESPONSE)).map(r => r.Properties);
    expect(responses).toEqual([
      expect.objectContaining({ IntegrationResponseKey: '$default', ResponseTemplates: { $default: '{"pong": true}' } }),
      expect.objectContaining({ IntegrationResponseKey: '/4\\d\\d/' }),
    ]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a two-way route over a mock without responses gets the core\'s warning', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('ping', { integration: new WebSocketMockIntegration('Ping'), returnResponse: true });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('has no integration response'));
  });
});

describe('WebSocketAwsIntegration', () => {
  test('every prop is passed through, and no role or permission is created', () => {
    const { stack, api } = webSocketApiStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    api.addRoute('send', {
      integration: new WebSocketAwsIntegration('Send', {
        integrationUri: QUEUE_URI,
        integrationMethod: 'POST',
        contentHandling: ContentHandling.CONVERT_TO_TEXT,
        credentialsRole: role,
        requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
        requestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
        templateSelectionExpression: '\\$default',
        timeout: Duration.seconds(5),
        passthroughBehavior: PassthroughBehavior.NEVER,
        responses: [{ responseKey: WebSocketIntegrationResponseKey.SUCCESS }],
      }),
      returnResponse: true,
    });

    expect(onlyProps(stack, INTEGRATION)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS',
      IntegrationUri: QUEUE_URI,
      IntegrationMethod: 'POST',
      ContentHandlingStrategy: 'CONVERT_TO_TEXT',
      CredentialsArn: { 'Fn::GetAtt': ['Role1ABCC5F0', 'Arn'] },
      RequestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      RequestTemplates: { $default: 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
      TemplateSelectionExpression: '\\$default',
      TimeoutInMillis: 5000,
      PassthroughBehavior: 'NEVER',
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs(RESPONSE, 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  describe('integrationUri: an API Gateway service URI', () => {
    test.each([
      ['an SQS path', QUEUE_URI],
      ['a service action', 'arn:aws:apigateway:eu-west-1:sns:action/Publish'],
      ['a Lambda function', 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations'],
      ['a service with a subdomain, in another partition', 'arn:aws-cn:apigateway:cn-north-1:runtime.lex:path/bot'],
    ])('%s is accepted', (_name, integrationUri) => {
      const { stack, api } = webSocketApiStack();
      api.addRoute('send', { integration: new WebSocketAwsIntegration('Send', { integrationUri, integrationMethod: 'POST' }) });
      expect(onlyProps(stack, INTEGRATION).IntegrationUri).toBe(integrationUri);
    });

    test.each([
      ['a Lambda function ARN', 'arn:aws:lambda:us-east-1:123456789012:function:f'],
      ['a queue URL', 'https://sqs.us-east-1.amazonaws.com/123456789012/messages'],
      ['a URI without path or action', 'arn:aws:apigateway:us-east-1:sqs:123456789012/messages'],
      ['an empty string', ''],
    ])('%s is refused', (_name, integrationUri) => {
      const error = errorOf(() => new WebSocketAwsIntegration('Send', { integrationUri, integrationMethod: 'POST' }));
      expect(error.message).toMatch(/^invalid `integrationUri` .* of integration 'Send': an AWS integration calls a service action named by an API Gateway service URI/);
    });

    test('a token is taken as it is', () => {
      const { stack, api } = webSocketApiStack();
      const integrationUri = Lazy.string({ produce: () => QUEUE_URI });
      api.addRoute('send', { integration: new WebSocketAwsIntegration('Send', { integrationUri, integrationMethod: 'POST' }) });
      expect(onlyProps(stack, INTEGRATION).IntegrationUri).toBe(QUEUE_URI);
    });
  });

  test('timeout: 30 s is refused when a route binds it, 29 s is accepted', () => {
    const { stack, api } = webSocketApiStack();
    const tooLong = new WebSocketAwsIntegration('TooLong', { integrationUri: QUEUE_URI, integrationMethod: 'POST', timeout: Duration.seconds(30) });
    expect(errorOf(() => api.addRoute('a', { integration: tooLong })).message).toMatch(/invalid `timeout` 30 seconds: WebSocket API integrations allow 50 ms to 29 s/);
    api.addRoute('b', { integration: new WebSocketAwsIntegration('Ok', { integrationUri: QUEUE_URI, integrationMethod: 'POST', timeout: Duration.seconds(29) }) });
    expect(onlyProps(stack, INTEGRATION).TimeoutInMillis).toBe(29000);
  });
});
