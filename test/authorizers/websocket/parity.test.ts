/**
 * Drop-in proof for the WebSocket authorizers: the same app written once against aws-cdk-lib's
 * `aws-apigatewayv2`, `-integrations` and `-authorizers` modules and once against this library
 * (only the imports differ) gives the same template: same logical ids, same properties.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import * as upstreamAuthorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as upstreamIntegrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ours from '../../../lib';
import * as oursAuthorizers from '../../../lib/authorizers';
import * as oursIntegrations from '../../../lib/integrations';
import { lambdaFunction } from '../../support';

function inputs(): { stack: Stack; authFn: lambda.Function } {
  const stack = new Stack(new App(), 'Stack');
  return { stack, authFn: lambdaFunction(stack, 'AuthFn') };
}

/** The app, written for aws-cdk-lib: a Lambda authorizer on one API, IAM on another. */
function upstreamApp(): Stack {
  const { stack, authFn } = inputs();
  new upstream.WebSocketApi(stack, 'Chat', {
    connectRouteOptions: {
      integration: new upstreamIntegrations.WebSocketMockIntegration('ConnectIntegration'),
      authorizer: new upstreamAuthorizers.WebSocketLambdaAuthorizer('Authorizer', authFn, {
        identitySource: ['route.request.querystring.token'],
        authorizerName: 'token',
      }),
    },
  });
  new upstream.WebSocketApi(stack, 'Plain', {
    connectRouteOptions: {
      integration: new upstreamIntegrations.WebSocketMockIntegration('ConnectIntegration'),
      authorizer: new upstreamAuthorizers.WebSocketLambdaAuthorizer('Authorizer', authFn),
    },
  });
  new upstream.WebSocketApi(stack, 'Signed', {
    connectRouteOptions: {
      integration: new upstreamIntegrations.WebSocketMockIntegration('ConnectIntegration'),
      authorizer: new upstreamAuthorizers.WebSocketIamAuthorizer(),
    },
  });
  return stack;
}

/** The same app, written for this library. */
function ourApp(): Stack {
  const { stack, authFn } = inputs();
  new ours.WebSocketApi(stack, 'Chat', {
    connectRouteOptions: {
      integration: new oursIntegrations.WebSocketMockIntegration('ConnectIntegration'),
      authorizer: new oursAuthorizers.WebSocketLambdaAuthorizer('Authorizer', authFn, {
        identitySource: ['route.request.querystring.token'],
        authorizerName: 'token',
      }),
    },
  });
  new ours.WebSocketApi(stack, 'Plain', {
    connectRouteOptions: {
      integration: new oursIntegrations.WebSocketMockIntegration('ConnectIntegration'),
      authorizer: new oursAuthorizers.WebSocketLambdaAuthorizer('Authorizer', authFn),
    },
  });
  new ours.WebSocketApi(stack, 'Signed', {
    connectRouteOptions: {
      integration: new oursIntegrations.WebSocketMockIntegration('ConnectIntegration'),
      authorizer: new oursAuthorizers.WebSocketIamAuthorizer(),
    },
  });
  return stack;
}

test('WebSocket authorizers: the templates are identical to aws-cdk-lib\'s', () => {
  const expected = Template.fromStack(upstreamApp()).toJSON();
  const types = Object.values(expected.Resources as { [id: string]: { Type: string } }).map(r => r.Type);
  expect(types.filter(t => t === 'AWS::ApiGatewayV2::Authorizer')).toHaveLength(2);
  expect(types.filter(t => t === 'AWS::Lambda::Permission')).toHaveLength(2);
  expect(Template.fromStack(ourApp()).toJSON()).toEqual(expected);
});
