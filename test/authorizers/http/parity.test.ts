/**
 * Drop-in proof for the HTTP authorizers. The app is written once, against aws-cdk-lib's API, in
 * test/common/aws-cdk-lib-apps/http.ts; test/common/aws-cdk-lib-templates.test.ts compares its
 * whole template built with aws-cdk-lib and with this library. Here: the logical ids of what the
 * authorizers create, the routes whose scopes this library leaves out, and CloudFormation's
 * schema validation of the app.
 */
import { App } from 'aws-cdk-lib';
import { AWS_CDK_LIB, SWITCH, THIS_LIBRARY } from '../../common/aws-cdk-lib-apps/builds';
import { HTTP_APPS } from '../../common/aws-cdk-lib-apps/http';
import { synthesize } from '../../common/aws-cdk-lib-apps/template-diff';

const APP = HTTP_APPS['HTTP authorizers parity app: JWT default with scopes, user pool, Lambda, IAM'];

describe('parity of the authorizers with aws-cdk-lib', () => {
  const theirs = synthesize(APP, AWS_CDK_LIB).templates.Stack.Resources;
  const mine = synthesize(APP, THIS_LIBRARY, SWITCH).templates.Stack.Resources;

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

  test('aws-cdk-lib writes the API\'s default scopes on the Lambda and IAM routes, which fails the deploy; this library leaves them out', () => {
    const dropped = Object.keys(theirs).filter(id => theirs[id].Type === 'AWS::ApiGatewayV2::Route' && theirs[id].Properties.AuthorizationScopes
      && !mine[id].Properties.AuthorizationScopes);
    expect(dropped.map(id => [theirs[id].Properties.RouteKey, theirs[id].Properties.AuthorizationType, theirs[id].Properties.AuthorizationScopes]).sort()).toEqual([
      ['ANY /simple', 'CUSTOM', ['books:read']],
      ['GET /orders', 'CUSTOM', ['books:read']],
      ['GET /signed', 'AWS_IAM', ['books:read']],
      ['PUT /orders', 'CUSTOM', ['books:read']],
    ]);
  });
});

test('the app passes aws-cdk-lib\'s CloudFormation schema validation, findings as errors', () => {
  const before = process.env.CDK_VALIDATION;
  delete process.env.CDK_VALIDATION;
  try {
    const app = new App({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true, '@aws-cdk/core:strictCfnValidateErrors': true } });
    APP(THIS_LIBRARY, app);
    const messages = app.synth().getStackArtifact('Stack').messages.filter(m => m.level !== 'info');
    expect(messages).toEqual([]);
  } finally {
    process.env.CDK_VALIDATION = before;
  }
});
