/**
 * The HTTP examples of the seed README (aws-cdk-lib's former alpha module), in TypeScript,
 * each synthesized and checked for the resources it implies. Examples that need custom
 * domains or VPC links join when those constructs land.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigwv2 from '../../lib';
import { HttpLambdaIntegration, HttpUrlIntegration } from '../../lib/integrations';

function handler(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'BookStoreDefaultFn', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

describe('seed README: Defining HTTP APIs', () => {
  test('GET /books to a URL, ANY /books to a Lambda function', () => {
    const stack = new Stack();
    const getBooksIntegration = new HttpUrlIntegration('GetBooksIntegration', 'https://get-books-proxy.example.com');
    const bookStoreDefaultIntegration = new HttpLambdaIntegration('BooksIntegration', handler(stack));
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: getBooksIntegration });
    httpApi.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.ANY], integration: bookStoreDefaultIntegration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /books', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /books', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://get-books-proxy.example.com',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    expect(Object.keys(template.findResources('AWS::ApiGatewayV2::Route')).sort())
      .toEqual([expect.stringMatching(/^HttpApiANYbooks/), expect.stringMatching(/^HttpApiGETbooks/)]);
  });

  test('disableExecuteApiEndpoint', () => {
    const stack = new Stack();
    const httpApi = new apigwv2.HttpApi(stack, 'HttpApi', { disableExecuteApiEndpoint: true });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    expect(() => httpApi.apiEndpoint).toThrow(/`apiEndpoint` is not available because `disableExecuteApiEndpoint` is true/);
  });

  test('defaultIntegration creates the $default route', () => {
    const stack = new Stack();
    new apigwv2.HttpApi(stack, 'HttpProxyApi', {
      defaultIntegration: new HttpUrlIntegration('DefaultIntegration', 'https://example.com'),
    });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default', AuthorizationType: 'NONE' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: 'https://example.com', IntegrationMethod: 'ANY' });
  });
});

describe('seed README: CORS', () => {
  const corsOptions = (maxAge: Duration): apigwv2.CorsPreflightOptions => ({
    allowHeaders: ['Authorization'],
    allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.HEAD, apigwv2.CorsHttpMethod.OPTIONS, apigwv2.CorsHttpMethod.POST],
    allowOrigins: ['*'],
    maxAge,
  });

  test('the seed\'s maxAge of 10 days is written in seconds, as aws-cdk-lib writes it, with a warning', () => {
    const stack = new Stack();
    new apigwv2.HttpApi(stack, 'HttpProxyApi', { corsPreflight: corsOptions(Duration.days(10)) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ MaxAge: 864_000 }) });
    Annotations.fromStack(stack).hasWarning('/Default/HttpProxyApi', Match.stringLikeRegexp('^`corsPreflight.maxAge` 10 days is over the 86400 seconds'));
  });

  test('with a one-day maxAge, as our README shows', () => {
    const stack = new Stack();
    new apigwv2.HttpApi(stack, 'HttpProxyApi', { corsPreflight: corsOptions(Duration.days(1)) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowHeaders: ['Authorization'],
        AllowMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
        AllowOrigins: ['*'],
        MaxAge: 86400,
      },
    });
  });
});

describe('seed README: Publishing HTTP APIs', () => {
  test('a beta stage', () => {
    const stack = new Stack();
    const api = new apigwv2.HttpApi(stack, 'Api');
    const stage = new apigwv2.HttpStage(stack, 'Stage', { httpApi: api, stageName: 'beta' });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'beta', ApiId: { Ref: Match.stringLikeRegexp('^Api') } });
    expect(stack.resolve(stage.url)).toEqual({
      'Fn::Join': ['', ['https://', { Ref: expect.any(String) }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/beta']],
    });
  });

  test('a stage without a name is a $default stage', () => {
    const stack = new Stack();
    const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
    new apigwv2.HttpStage(stack, 'Stage', { httpApi: api });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default' });
  });
});

describe('seed README: Metrics', () => {
  test('the seed\'s second $default stage on an API that has one fails at deploy, so it is refused', () => {
    const stack = new Stack();
    const api = new apigwv2.HttpApi(stack, 'my-api');
    expect(() => new apigwv2.HttpStage(stack, 'Stage', { httpApi: api }))
      .toThrow("duplicate `stageName` '$default': the stage at Default/my-api/DefaultStage already has it");
  });

  test('client errors of the API and of a stage, as our README shows', () => {
    const stack = new Stack();
    const api = new apigwv2.HttpApi(stack, 'my-api');
    const stage = new apigwv2.HttpStage(stack, 'Stage', { httpApi: api, stageName: 'prod' });

    const apiMetric = api.metricClientError();
    const stageMetric = stage.metricClientError();
    expect(apiMetric.metricName).toBe('4xx');
    expect(apiMetric.statistic).toBe('Sum');
    expect(stack.resolve(apiMetric.dimensions)).toEqual({ ApiId: { Ref: expect.any(String) } });
    expect(stack.resolve(stageMetric.dimensions)).toEqual({ ApiId: { Ref: expect.any(String) }, Stage: 'prod' });
  });
});
