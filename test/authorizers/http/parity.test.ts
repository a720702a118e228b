/**
 * Drop-in proof for the authorizers: the same app written once against aws-cdk-lib's
 * `aws-apigatewayv2`, `-integrations` and `-authorizers` modules and once against this library
 * (only the imports differ) gives the same resources, with the same logical ids and properties.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import * as upstreamAuthorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as upstreamIntegrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ours from '../../../lib';
import * as oursAuthorizers from '../../../lib/authorizers';
import * as oursIntegrations from '../../../lib/integrations';
import { authFunction, comparableResources } from '../../support';

const BACKEND = 'https://backend.example.com';

interface Inputs {
  readonly stack: Stack;
  readonly fn: lambda.Function;
  readonly pool: cognito.UserPool;
  readonly role: iam.Role;
  readonly reader: iam.Role;
}

function inputs(app = new App()): Inputs {
  const stack = new Stack(app, 'Stack');
  return {
    stack,
    fn: authFunction(stack),
    pool: new cognito.UserPool(stack, 'Pool'),
    role: new iam.Role(stack, 'InvokeRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') }),
    reader: new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }),
  };
}

/** The app, written for aws-cdk-lib. */
function upstreamApp(): Stack {
  const { stack, fn, pool, role, reader } = inputs();
  const api = new upstream.HttpApi(stack, 'Api', {
    defaultAuthorizer: new upstreamAuthorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['books'] }),
    defaultAuthorizationScopes: ['books:read'],
  });
  const backend = new upstreamIntegrations.HttpUrlIntegration('Backend', BACKEND);
  api.addRoutes({ path: '/books', methods: [upstream.HttpMethod.GET, upstream.HttpMethod.POST], integration: backend });
  api.addRoutes({
    path: '/me',
    integration: backend,
    authorizer: new upstreamAuthorizers.HttpUserPoolAuthorizer('UserPool', pool),
    authorizationScopes: ['profile'],
  });
  const lambdaAuthorizer = new upstreamAuthorizers.HttpLambdaAuthorizer('Lambda', fn);
  api.addRoutes({ path: '/orders', methods: [upstream.HttpMethod.GET, upstream.HttpMethod.PUT], integration: backend, authorizer: lambdaAuthorizer });
  api.addRoutes({
    path: '/simple',
    integration: backend,
    authorizer: new upstreamAuthorizers.HttpLambdaAuthorizer('Simple', fn, {
      responseTypes: [upstreamAuthorizers.HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.X-Api-Key'],
      resultsCacheTtl: Duration.seconds(30),
      authorizerName: 'simple-authorizer',
      role,
    }),
  });
  const [signed] = api.addRoutes({ path: '/signed', methods: [upstream.HttpMethod.GET], integration: backend, authorizer: new upstreamAuthorizers.HttpIamAuthorizer() });
  signed.grantInvoke(reader);
  return stack;
}

/** The same app, written for this library. */
function ourApp(app?: App): Stack {
  const { stack, fn, pool, role, reader } = inputs(app);
  const api = new ours.HttpApi(stack, 'Api', {
    defaultAuthorizer: new oursAuthorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['books'] }),
    defaultAuthorizationScopes: ['books:read'],
  });
  const backend = new oursIntegrations.HttpUrlIntegration('Backend', BACKEND);
  api.addRoutes({ path: '/books', methods: [ours.HttpMethod.GET, ours.HttpMethod.POST], integration: backend });
  api.addRoutes({
    path: '/me',
    integration: backend,
    authorizer: new oursAuthorizers.HttpUserPoolAuthorizer('UserPool', pool),
    authorizationScopes: ['profile'],
  });
  const lambdaAuthorizer = new oursAuthorizers.HttpLambdaAuthorizer('Lambda', fn);
  api.addRoutes({ path: '/orders', methods: [ours.HttpMethod.GET, ours.HttpMethod.PUT], integration: backend, authorizer: lambdaAuthorizer });
  api.addRoutes({
    path: '/simple',
    integration: backend,
    authorizer: new oursAuthorizers.HttpLambdaAuthorizer('Simple', fn, {
      responseTypes: [oursAuthorizers.HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.X-Api-Key'],
      resultsCacheTtl: Duration.seconds(30),
      authorizerName: 'simple-authorizer',
      role,
    }),
  });
  const [signed] = api.addRoutes({ path: '/signed', methods: [ours.HttpMethod.GET], integration: backend, authorizer: new oursAuthorizers.HttpIamAuthorizer() });
  signed.grantInvoke(reader);
  return stack;
}

type Resources = Record<string, { Type: string; Properties?: unknown; DependsOn?: unknown }>;

/**
 * aws-cdk-lib writes the API's default scopes on every route with an authorizer, also on the
 * Lambda and IAM routes here, which CloudFormation rejects (scopes are for JWT routes only).
 * This library leaves them out there.
 */
function withoutDroppedScopes(resources: Resources): Resources {
  const result: Resources = {};
  for (const [id, resource] of Object.entries(resources)) {
    const props = resource.Properties as Record<string, unknown> | undefined;
    if (resource.Type === 'AWS::ApiGatewayV2::Route' && props?.AuthorizationType !== 'JWT' && props?.AuthorizationScopes) {
      expect(props.AuthorizationScopes).toEqual(['books:read']);
      const { AuthorizationScopes: _dropped, ...rest } = props;
      result[id] = { ...resource, Properties: rest };
    } else {
      result[id] = resource;
    }
  }
  return result;
}

describe('parity of the authorizers with aws-cdk-lib', () => {
  const theirs = comparableResources(upstreamApp());
  const mine = comparableResources(ourApp());

  test('the same logical ids', () => {
    // The ids of what the authorizers create, spelled out: a change here replaces resources.
    const authorizerIds = Object.keys(theirs).filter(id => /Authorizer$|Permission$|UserPoolClient$/.test(theirs[id].Type)).sort();
    expect(authorizerIds).toEqual([
      'ApiJwt046D4791',
      'ApiLambda380FE703',
      'ApiSimple6AE0C928',
      'ApiStackApiLambda56334E6EPermission3A0585D2',
      'ApiUserPool5AB2526B',
      'PoolUserPoolAuthorizerClient8FD741AA',
    ]);
    expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
  });

  test('the same resources, but for default scopes on Lambda and IAM routes', () => {
    const dropped = Object.keys(theirs).filter(id => JSON.stringify(withoutDroppedScopes({ [id]: theirs[id] })[id]) !== JSON.stringify(theirs[id]));
    expect(dropped.map(id => (theirs[id].Properties as { RouteKey: string }).RouteKey).sort())
      .toEqual(['ANY /simple', 'GET /orders', 'GET /signed', 'PUT /orders']);
    expect(mine).toEqual(withoutDroppedScopes(theirs));
  });
});

test('the app passes aws-cdk-lib\'s CloudFormation schema validation, findings as errors', () => {
  const before = process.env.CDK_VALIDATION;
  delete process.env.CDK_VALIDATION;
  try {
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:strictCfnValidateErrors': true } });
    const stack = ourApp(app);
    const messages = app.synth().getStackArtifact(stack.artifactId).messages.filter(m => m.level !== 'info');
    expect(messages).toEqual([]);
  } finally {
    process.env.CDK_VALIDATION = before;
  }
});
