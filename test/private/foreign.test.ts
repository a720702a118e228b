/**
 * Half-migrated code in JavaScript, which has no compiler to reject it: an integration or
 * authorizer of aws-cdk-lib's API Gateway v2 modules passed to an API of this library. The
 * TypeScript errors of the same code are in test/common/typescript-compat.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as awsCdkLib from 'aws-cdk-lib/aws-apigatewayv2';
import * as awsCdkLibAuthorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as awsCdkLibIntegrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { HttpRouteAuthorizerConfig, HttpRouteIntegration, IHttpRouteAuthorizer, IWebSocketRouteAuthorizer, WebSocketRouteIntegration } from '../../lib';
import { HttpApi, HttpMethod, HttpNoneAuthorizer, WebSocketApi } from '../../lib';
import * as authorizers from '../../lib/authorizers';
import * as integrations from '../../lib/integrations';
import { foreignObjectProblem } from '../../lib/private/foreign';
import { errorOf, lambdaFunction, PERMISSION } from '../support';

const BACKEND = 'https://backend.example.com';

/** What JavaScript code passes without a compiler: any object where an integration goes. */
function asIntegration(value: unknown): HttpRouteIntegration {
  return value as HttpRouteIntegration;
}

function stack(context: { [key: string]: unknown } = {}): Stack {
  return new Stack(new App({ context }), 'Stack');
}

describe('aws-cdk-lib\'s integrations and authorizers on an API of this library are refused', () => {
  test('an HTTP integration, naming the route and the import to change', () => {
    const api = new HttpApi(stack(), 'Api');
    const error = errorOf(() => api.addRoutes({
      path: '/books', methods: [HttpMethod.GET], integration: asIntegration(new awsCdkLibIntegrations.HttpUrlIntegration('Books', BACKEND)),
    }));
    expect(error.message).toBe('Stack/Api/GET--books: `integration` of route \'GET /books\' is aws-cdk-lib\'s HttpUrlIntegration '
      + '(from \'aws-cdk-lib/aws-apigatewayv2-integrations\'), not this library\'s: import HttpUrlIntegration from \'cdk-apigatewayv2/integrations\' instead [cdk-apigatewayv2:foreignObject]');
    // The migration guide's troubleshooting entry quotes it.
    expect(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'migrating-from-aws-cdk-lib.md'), 'utf8')).toContain(error.message);
  });

  test('the default integration and the default authorizer of an HTTP API', () => {
    const s = stack();
    const handler = lambdaFunction(s);
    expect(errorOf(() => new HttpApi(s, 'A', { defaultIntegration: asIntegration(new awsCdkLibIntegrations.HttpLambdaIntegration('Default', handler)) })).message)
      .toBe('Stack/A: `defaultIntegration` is aws-cdk-lib\'s HttpLambdaIntegration (from \'aws-cdk-lib/aws-apigatewayv2-integrations\'), '
        + 'not this library\'s: import HttpLambdaIntegration from \'cdk-apigatewayv2/integrations\' instead [cdk-apigatewayv2:foreignObject]');
    const jwt = new awsCdkLibAuthorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['a'] }) as unknown as IHttpRouteAuthorizer;
    expect(errorOf(() => new HttpApi(s, 'B', { defaultAuthorizer: jwt })).message)
      .toBe('Stack/B: `defaultAuthorizer` is aws-cdk-lib\'s HttpJwtAuthorizer (from \'aws-cdk-lib/aws-apigatewayv2-authorizers\'), '
        + 'not this library\'s: import HttpJwtAuthorizer from \'cdk-apigatewayv2/authorizers\' instead [cdk-apigatewayv2:foreignObject]');
  });

  test.each([
    ['HttpIamAuthorizer', 'cdk-apigatewayv2/authorizers', () => new awsCdkLibAuthorizers.HttpIamAuthorizer()],
    ['HttpNoneAuthorizer', 'cdk-apigatewayv2', () => new awsCdkLib.HttpNoneAuthorizer()],
  ])('the HTTP authorizer %s of a route, naming where this library has it', (name, where, create) => {
    const api = new HttpApi(stack(), 'Api');
    const error = errorOf(() => api.addRoutes({
      path: '/books', integration: new integrations.HttpUrlIntegration('Books', BACKEND), authorizer: create() as unknown as IHttpRouteAuthorizer,
    }));
    expect(error.message).toContain(`\`authorizer\` of route 'ANY /books' is aws-cdk-lib's ${name}`);
    expect(error.message).toMatch(new RegExp(`import ${name} from '${where}' instead \\[cdk-apigatewayv2:foreignObject\\]$`));
  });

  test('a WebSocket integration', () => {
    const error = errorOf(() => new WebSocketApi(stack(), 'Api', {
      connectRouteOptions: { integration: new awsCdkLibIntegrations.WebSocketMockIntegration('Connect') as unknown as WebSocketRouteIntegration },
    }));
    expect(error.message).toBe('Stack/Api/$connect-Route: `integration` of route \'$connect\' is aws-cdk-lib\'s WebSocketMockIntegration '
      + '(from \'aws-cdk-lib/aws-apigatewayv2-integrations\'), not this library\'s: import WebSocketMockIntegration from \'cdk-apigatewayv2/integrations\' instead [cdk-apigatewayv2:foreignObject]');
  });

  test('a subclass of aws-cdk-lib\'s integration base class', () => {
    class MyIntegration extends awsCdkLib.HttpRouteIntegration {
      public bind(): awsCdkLib.HttpRouteIntegrationConfig {
        return { type: awsCdkLib.HttpIntegrationType.HTTP_PROXY, uri: BACKEND, payloadFormatVersion: awsCdkLib.PayloadFormatVersion.VERSION_1_0 };
      }
    }
    const api = new HttpApi(stack(), 'Api');
    const error = errorOf(() => api.addRoutes({ path: '/books', integration: asIntegration(new MyIntegration('Mine')) }));
    expect(error.message).toBe('Stack/Api/ANY--books: `integration` of route \'ANY /books\' is MyIntegration, a subclass of aws-cdk-lib\'s '
      + 'HttpRouteIntegration (from \'aws-cdk-lib/aws-apigatewayv2\'), not of this library\'s: extend HttpRouteIntegration from \'cdk-apigatewayv2\' instead [cdk-apigatewayv2:foreignObject]');
  });
});

describe('what passes', () => {
  test('this library\'s objects, a plain authorizer object and other classes are not foreign', () => {
    const plain: IHttpRouteAuthorizer = { bind: (): HttpRouteAuthorizerConfig => ({ authorizationType: 'AWS_IAM' }) };
    for (const value of [new integrations.HttpUrlIntegration('A', BACKEND), new HttpNoneAuthorizer(), new authorizers.HttpIamAuthorizer(), plain,
      new Stack(), undefined, null, 'aws-cdk-lib.aws_apigatewayv2.HttpApi']) {
      expect(foreignObjectProblem(value, 'x')).toBeUndefined();
    }
    const api = new HttpApi(stack(), 'Api');
    api.addRoutes({ path: '/books', integration: new integrations.HttpUrlIntegration('Books', BACKEND), authorizer: plain });
    expect(Template.fromStack(api.stack).findResources('AWS::ApiGatewayV2::Route')).not.toEqual({});
  });

  test('aws-cdk-lib\'s WebSocket authorizers, which TypeScript accepts and which work, get a warning instead', () => {
    const build = (authorizer: IWebSocketRouteAuthorizer) => {
      const s = stack();
      new WebSocketApi(s, 'Api', { connectRouteOptions: { integration: new integrations.WebSocketMockIntegration('Connect'), authorizer } });
      return s;
    };
    const theirs = build(new awsCdkLibAuthorizers.WebSocketIamAuthorizer());
    const ours = build(new authorizers.WebSocketIamAuthorizer());
    expect(Template.fromStack(theirs).toJSON()).toEqual(Template.fromStack(ours).toJSON());
    Annotations.fromStack(theirs).hasWarning('/Stack/Api/$connect-Route', '`authorizer` of route \'$connect\' is aws-cdk-lib\'s WebSocketIamAuthorizer '
      + '(from \'aws-cdk-lib/aws-apigatewayv2-authorizers\'), not this library\'s: import WebSocketIamAuthorizer from \'cdk-apigatewayv2/authorizers\' instead '
      + '(it works, but this library\'s checks do not see it) [ack: cdk-apigatewayv2:awsCdkLibObject]');
    Annotations.fromStack(ours).hasNoWarning('*', Match.anyValue());
  });
});

describe('the reverse: this library\'s integration on an API of aws-cdk-lib (JavaScript; TypeScript rejects it)', () => {
  function theirApiWithOurLambda(context: { [key: string]: unknown } = {}): Stack {
    const s = stack(context);
    const api = new awsCdkLib.HttpApi(s, 'Api');
    const handler = lambdaFunction(s);
    const ours = new integrations.HttpLambdaIntegration('Books', handler) as unknown as awsCdkLib.HttpRouteIntegration;
    api.addRoutes({ path: '/books', methods: [awsCdkLib.HttpMethod.GET, awsCdkLib.HttpMethod.POST], integration: ours });
    return s;
  }

  test('synthesizes with this library\'s rules: one permission per function and API', () => {
    expect(Object.keys(Template.fromStack(theirApiWithOurLambda()).findResources(PERMISSION))).toEqual([expect.stringMatching(/^ApiInvokePermission/)]);
  });

  test('under the context switch, one permission per route, as aws-cdk-lib', () => {
    const s = theirApiWithOurLambda({ 'cdk-apigatewayv2:templateCompatibility': 'aws-cdk-lib' });
    expect(Object.keys(Template.fromStack(s).findResources(PERMISSION))).toHaveLength(2);
  });
});
