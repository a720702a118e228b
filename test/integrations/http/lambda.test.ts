import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, MappingValue, ParameterMapping, PayloadFormatVersion } from '../../../lib';
import { HttpLambdaIntegration } from '../../../lib/integrations';

function fn(stack: Stack, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

const API_WIDE_SOURCE_ARN = {
  'Fn::Join': ['', [
    'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
    { Ref: Match.stringLikeRegexp('^Api') }, '/*',
  ]],
};

describe('HttpLambdaIntegration', () => {
  test('renders an AWS_PROXY integration with payload 2.0 and the function ARN', () => {
    const stack = new Stack();
    const handler = fn(stack);
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/books', integration: new HttpLambdaIntegration('Books', handler) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] },
      PayloadFormatVersion: '2.0',
      IntegrationMethod: Match.absent(),
      TimeoutInMillis: Match.absent(),
    });
  });

  test('passes payload version, parameter mapping and timeout through', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/books',
      integration: new HttpLambdaIntegration('Books', fn(stack), {
        payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
        parameterMapping: new ParameterMapping().overwriteHeader('x-user', MappingValue.contextVariable('requestId')),
        timeout: Duration.seconds(10),
      }),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      PayloadFormatVersion: '1.0',
      RequestParameters: { 'overwrite:header.x-user': '$context.requestId' },
      TimeoutInMillis: 10000,
    });
  });

  test('one permission per function and API, with the API-wide source ARN', () => {
    const stack = new Stack();
    const handler = fn(stack);
    const api = new HttpApi(stack, 'Api', { defaultIntegration: new HttpLambdaIntegration('DefaultIntegration', handler) });
    const books = new HttpLambdaIntegration('Books', handler);
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration: books });
    api.addRoutes({ path: '/books/{id}', integration: new HttpLambdaIntegration('Book', handler) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] },
      SourceArn: API_WIDE_SOURCE_ARN,
    });
  });

  test('300 routes on one function create one permission, and the policy stays under 1 KB', () => {
    const stack = new Stack();
    const handler = fn(stack);
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpLambdaIntegration('Handler', handler);
    for (let i = 0; i < 300; i++) {
      api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration });
    }

    const permissions = Template.fromStack(stack).findResources('AWS::Lambda::Permission');
    expect(Object.keys(permissions)).toHaveLength(1);
    expect(JSON.stringify(Object.values(permissions)[0]).length).toBeLessThan(1024);
  });

  test('each function and each API gets its own permission', () => {
    const stack = new Stack();
    const a = fn(stack, 'FnA');
    const b = fn(stack, 'FnB');
    const api1 = new HttpApi(stack, 'Api1');
    const api2 = new HttpApi(stack, 'Api2');
    api1.addRoutes({ path: '/a', integration: new HttpLambdaIntegration('A1', a) });
    api1.addRoutes({ path: '/b', integration: new HttpLambdaIntegration('B1', b) });
    api2.addRoutes({ path: '/a', integration: new HttpLambdaIntegration('A2', a) });

    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 3);
  });

  test('the permission id does not depend on which route came first', () => {
    const build = (paths: string[]) => {
      const stack = new Stack();
      const handler = fn(stack);
      const api = new HttpApi(stack, 'Api');
      const integration = new HttpLambdaIntegration('Handler', handler);
      for (const path of paths) api.addRoutes({ path, integration });
      return Object.keys(Template.fromStack(stack).findResources('AWS::Lambda::Permission'));
    };
    expect(build(['/a'])).toEqual(build(['/a', '/b', '/c']));
  });

  test('a route in another stack gets the permission in its own stack, without a cycle', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new HttpApi(apiStack, 'Api');
    const handler = fn(routeStack);
    new HttpRoute(routeStack, 'Route', {
      httpApi: api,
      routeKey: HttpRouteKey.with('/books', HttpMethod.GET),
      integration: new HttpLambdaIntegration('Books', handler),
    });

    expect(() => app.synth()).not.toThrow();
    Template.fromStack(apiStack).resourceCountIs('AWS::Lambda::Permission', 0);
    Template.fromStack(routeStack).resourceCountIs('AWS::Lambda::Permission', 1);
  });

  test('scopePermissionToRoute: true keeps one route-scoped permission per route', () => {
    const stack = new Stack();
    const handler = fn(stack);
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpLambdaIntegration('Books', handler, { scopePermissionToRoute: true });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    api.addRoutes({ path: '/books/{id}', integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Lambda::Permission', 3);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      SourceArn: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
          { Ref: Match.stringLikeRegexp('^Api') }, '/*/*/books/{id}',
        ]],
      },
    });
  });
});
