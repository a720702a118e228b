import { Duration, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpMethod, MappingValue, ParameterMapping } from '../../../lib';
import { HttpUrlIntegration } from '../../../lib/integrations';

describe('HttpUrlIntegration', () => {
  test('renders an HTTP_PROXY integration with method ANY and payload 1.0', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/books', integration: new HttpUrlIntegration('Books', 'https://books.example.com') });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://books.example.com',
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
    });
  });

  test('passes method, parameter mapping and timeout through', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/books/{id}',
      integration: new HttpUrlIntegration('Book', 'https://books.example.com/items/{id}', {
        method: HttpMethod.PATCH,
        parameterMapping: new ParameterMapping().appendQueryString('src', MappingValue.custom('api')),
        timeout: Duration.seconds(30),
      }),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: 'https://books.example.com/items/{id}',
      IntegrationMethod: 'PATCH',
      RequestParameters: { 'append:querystring.src': 'api' },
      TimeoutInMillis: 30000,
    });
  });

  test.each([
    'books.example.com',
    'ftp://books.example.com',
    '/books',
    'https://',
    'https://books example.com',
  ])('refuses %p, which is not an absolute http(s) URL', (url) => {
    expect(() => new HttpUrlIntegration('Books', url)).toThrow(/invalid `url` .* use an absolute URL starting with http:\/\/ or https:\/\//);
  });

  test.each([
    'http://books.example.com',
    'https://books.example.com:8443/v1/items?x=1',
    'https://{stageVariables.host}/items',
    '${stageVariables.url}',
  ])('accepts %p', (url) => {
    expect(() => new HttpUrlIntegration('Books', url)).not.toThrow();
  });

  test('skips the URL check for tokens', () => {
    expect(() => new HttpUrlIntegration('Books', Token.asString({ Ref: 'BackendUrl' }))).not.toThrow();
  });

  test('refuses a timeout over 30 s', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    expect(() => api.addRoutes({
      path: '/books',
      integration: new HttpUrlIntegration('Books', 'https://books.example.com', { timeout: Duration.seconds(31) }),
    })).toThrow(/invalid `timeout` 31 seconds: HTTP API integrations allow 50 ms to 30 s/);
  });
});
