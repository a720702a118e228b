import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from '../../../lib';
import type { HttpLambdaAuthorizerProps } from '../../../lib/authorizers';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from '../../../lib/authorizers';
import { authFunction, errorOf, httpApiStack, onlyId, resources, routeProps, urlIntegration } from '../../support';

const AUTHORIZER = 'AWS::ApiGatewayV2::Authorizer';
const PERMISSION = 'AWS::Lambda::Permission';

function setup(props?: HttpLambdaAuthorizerProps): { stack: Stack; api: HttpApi; fn: lambda.Function; authorizer: HttpLambdaAuthorizer } {
  const { stack, api } = httpApiStack();
  const fn = authFunction(stack);
  return { stack, api, fn, authorizer: new HttpLambdaAuthorizer('LambdaAuthorizer', fn, props) };
}

/** The source ARN of the permission for an authorizer of the API `ApiF70053CD`. */
function sourceArn(authorizerId: string): unknown {
  return {
    'Fn::Join': ['', [
      'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
      { Ref: 'ApiF70053CD' }, '/authorizers/', { Ref: authorizerId },
    ]],
  };
}

describe('HttpLambdaAuthorizer', () => {
  test('defaults: a REQUEST authorizer with payload 1.0, IAM responses and a 5-minute cache', () => {
    const { stack, api, authorizer } = setup();
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer });

    const id = onlyId(stack, AUTHORIZER);
    expect(id).toMatch(/^ApiLambdaAuthorizer[0-9A-F]{8}$/);
    const fnId = onlyId(stack, 'AWS::Lambda::Function');
    expect(resources(stack, AUTHORIZER)[id].Properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      AuthorizerType: 'REQUEST',
      Name: 'LambdaAuthorizer',
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerUri: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/',
          { 'Fn::GetAtt': [fnId, 'Arn'] }, '/invocations',
        ]],
      },
      AuthorizerPayloadFormatVersion: '1.0',
      AuthorizerResultTtlInSeconds: 300,
    });
    expect(routeProps(stack, 'GET /books')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: id } });
  });

  test('one Lambda permission for the authorizer, limited to it', () => {
    const { stack, api, authorizer } = setup();
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer });

    const id = onlyId(stack, AUTHORIZER);
    const permissions = resources(stack, PERMISSION);
    // The construct id is `${nodeUniqueId(authorizer)}-Permission` under the API, as in aws-cdk-lib.
    expect(Object.keys(permissions)).toEqual([expect.stringMatching(/^ApiStackApiLambdaAuthorizer[0-9A-F]{8}Permission[0-9A-F]{8}$/)]);
    expect(Object.values(permissions)[0].Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [onlyId(stack, 'AWS::Lambda::Function'), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      SourceArn: sourceArn(id),
    });
  });

  test('with a role: the role invokes the function, and no permission is added', () => {
    const { stack, api } = httpApiStack();
    const role = new iam.Role(stack, 'InvokeRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const authorizer = new HttpLambdaAuthorizer('LambdaAuthorizer', authFunction(stack), { role });
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });

    Template.fromStack(stack).hasResourceProperties(AUTHORIZER, {
      AuthorizerCredentialsArn: { 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as iam.CfnRole), 'Arn'] },
    });
    expect(Object.keys(resources(stack, PERMISSION))).toHaveLength(0);
  });

  test('simple responses switch to payload 2.0', () => {
    for (const responseTypes of [[HttpLambdaResponseType.SIMPLE], [HttpLambdaResponseType.SIMPLE, HttpLambdaResponseType.IAM]]) {
      const { stack, api, authorizer } = setup({ responseTypes });
      api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });
      Template.fromStack(stack).hasResourceProperties(AUTHORIZER, { EnableSimpleResponses: true, AuthorizerPayloadFormatVersion: '2.0' });
    }
    const { stack, api, authorizer } = setup({ responseTypes: [HttpLambdaResponseType.IAM] });
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });
    Template.fromStack(stack).hasResourceProperties(AUTHORIZER, { EnableSimpleResponses: Match.absent(), AuthorizerPayloadFormatVersion: '1.0' });
  });

  test('passes name, identity sources and cache duration through', () => {
    const { stack, api, authorizer } = setup({
      authorizerName: 'my-lambda',
      identitySource: ['$request.header.X-Api-Key', '$context.routeKey'],
      resultsCacheTtl: Duration.minutes(10),
    });
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });
    Template.fromStack(stack).hasResourceProperties(AUTHORIZER, {
      Name: 'my-lambda',
      IdentitySource: ['$request.header.X-Api-Key', '$context.routeKey'],
      AuthorizerResultTtlInSeconds: 600,
    });
  });

  test('no identity source is accepted with caching off', () => {
    const { stack, api, authorizer } = setup({ identitySource: [], resultsCacheTtl: Duration.seconds(0) });
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });
    Template.fromStack(stack).hasResourceProperties(AUTHORIZER, { IdentitySource: [], AuthorizerResultTtlInSeconds: 0 });
  });

  test('no identity source with the default cache is refused, naming the fix', () => {
    const { api, authorizer } = setup({ identitySource: [] });
    const error = errorOf(() => api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer }));
    expect(error.constructPath).toBe('Stack/Api/LambdaAuthorizer');
    expect(error.message).toContain('needs an `identitySource`');
    expect(error.message).toContain('set `resultsCacheTtl` to Duration.seconds(0)');
  });

  test('a cache over one hour is refused; one hour is accepted', () => {
    const { api, authorizer } = setup({ resultsCacheTtl: Duration.seconds(3601) });
    const error = errorOf(() => api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer }));
    expect(error.constructPath).toBe('Stack/Api/LambdaAuthorizer');
    expect(error.message).toContain('invalid `resultsCacheTtl`');

    const ok = setup({ resultsCacheTtl: Duration.hours(1) });
    ok.api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer: ok.authorizer });
    Template.fromStack(ok.stack).hasResourceProperties(AUTHORIZER, { AuthorizerResultTtlInSeconds: 3600 });
  });

  test('an identity source in WebSocket syntax is refused', () => {
    const { api, authorizer } = setup({ identitySource: ['route.request.header.Authorization'] });
    const error = errorOf(() => api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer }));
    expect(error.constructPath).toBe('Stack/Api/LambdaAuthorizer');
    expect(error.message).toContain('invalid `identitySource` \'route.request.header.Authorization\'');
  });

  test('routes share one authorizer and one permission', () => {
    const { stack, api, authorizer } = setup();
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration: urlIntegration(), authorizer });
    new HttpRoute(stack, 'Other', { httpApi: api, routeKey: HttpRouteKey.with('/other'), integration: urlIntegration('Other'), authorizer });

    const id = onlyId(stack, AUTHORIZER);
    onlyId(stack, PERMISSION);
    for (const key of ['GET /books', 'POST /books', 'ANY /other']) {
      expect(routeProps(stack, key)).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: id } });
    }
    expect(stack.resolve(authorizer.authorizerId)).toEqual({ Ref: id });
  });

  test('routes of a second API are refused', () => {
    const { stack, api, authorizer } = setup();
    const other = new HttpApi(stack, 'OtherApi');
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });

    const error = errorOf(() => other.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer }));
    expect(error.constructPath).toBe('Stack/OtherApi/GET--books');
    expect(error.message).toContain('invalid `authorizer` HttpLambdaAuthorizer \'LambdaAuthorizer\': it already authorizes routes of API \'Stack/Api\'');
    expect(error.message).toContain('create one HttpLambdaAuthorizer per API');
  });

  test('valid neighbour: one authorizer object per API, each with its own permission', () => {
    const { stack, api, fn, authorizer } = setup();
    const other = new HttpApi(stack, 'OtherApi', { createDefaultStage: false });
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });
    other.addRoutes({ path: '/books', integration: urlIntegration(), authorizer: new HttpLambdaAuthorizer('LambdaAuthorizer', fn) });

    expect(Object.keys(resources(stack, AUTHORIZER))).toHaveLength(2);
    const sources = Object.values(resources(stack, PERMISSION)).map(p => JSON.stringify(p.Properties.SourceArn));
    expect(sources).toHaveLength(2);
    expect(sources[1]).toContain('OtherApi');
  });

  test('`authorizerId` before any route uses the authorizer is refused', () => {
    const { authorizer } = setup();
    expect(errorOf(() => authorizer.authorizerId).message).toContain('cannot read `authorizerId` of HttpLambdaAuthorizer \'LambdaAuthorizer\' yet');
  });

  test('a function of another stack: the URI uses its stack, the permission lives with the API', () => {
    const { stack, api } = httpApiStack();
    const fnStack = new Stack(stack.node.root, 'Functions');
    const authorizer = new HttpLambdaAuthorizer('LambdaAuthorizer', authFunction(fnStack));
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });

    expect(Object.keys(resources(stack, PERMISSION))).toHaveLength(1);
    expect(Object.keys(resources(fnStack, PERMISSION))).toHaveLength(0);
    Template.fromStack(stack).hasResourceProperties(AUTHORIZER, {
      AuthorizerUri: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::ImportValue': Match.stringLikeRegexp('AuthFn') }])] },
    });
  });
});
