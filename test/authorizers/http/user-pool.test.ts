import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from '../../../lib';
import { HttpUserPoolAuthorizer } from '../../../lib/authorizers';
import { errorOf, httpApiStack, onlyId, resources, routeProps, urlIntegration } from '../../support';

const AUTHORIZER = 'AWS::ApiGatewayV2::Authorizer';
const CLIENT = 'AWS::Cognito::UserPoolClient';

function poolStack(): { stack: Stack; api: HttpApi; pool: cognito.UserPool } {
  const { stack, api } = httpApiStack();
  return { stack, api, pool: new cognito.UserPool(stack, 'Pool') };
}

/** The issuer URL, as CloudFormation gets it: a literal region is joined into the text. */
function issuer(region: string | { Ref: string }, poolId: string): unknown {
  const parts = typeof region === 'string'
    ? [`https://cognito-idp.${region}.amazonaws.com/`, { Ref: poolId }]
    : ['https://cognito-idp.', region, '.amazonaws.com/', { Ref: poolId }];
  return { 'Fn::Join': ['', parts] };
}

describe('HttpUserPoolAuthorizer', () => {
  test('without clients: adds the pool client UserPoolAuthorizerClient and accepts its tokens', () => {
    const { stack, api, pool } = poolStack();
    api.addRoutes({ path: '/me', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer: new HttpUserPoolAuthorizer('UserPoolAuthorizer', pool) });

    const clientId = onlyId(stack, CLIENT);
    expect(clientId).toMatch(/^PoolUserPoolAuthorizerClient[0-9A-F]{8}$/);
    const poolId = onlyId(stack, 'AWS::Cognito::UserPool');
    const id = onlyId(stack, AUTHORIZER);
    expect(id).toMatch(/^ApiUserPoolAuthorizer[0-9A-F]{8}$/);
    expect(resources(stack, AUTHORIZER)[id].Properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      AuthorizerType: 'JWT',
      Name: 'UserPoolAuthorizer',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }], Issuer: issuer({ Ref: 'AWS::Region' }, poolId) },
    });
    expect(routeProps(stack, 'GET /me')).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: id } });
  });

  test('the issuer\'s region is the region of the API\'s stack', () => {
    const stack = new Stack(new App(), 'Stack', { env: { region: 'eu-west-1', account: '111111111111' } });
    const api = new HttpApi(stack, 'Api');
    const pool = new cognito.UserPool(stack, 'Pool');
    api.addRoutes({ path: '/me', integration: urlIntegration(), authorizer: new HttpUserPoolAuthorizer('Auth', pool) });

    Template.fromStack(stack).hasResourceProperties(AUTHORIZER, {
      JwtConfiguration: { Issuer: issuer('eu-west-1', onlyId(stack, 'AWS::Cognito::UserPool')) },
    });
  });

  test('passes clients, region, name and identity source through', () => {
    const { stack, api, pool } = poolStack();
    const web = pool.addClient('Web');
    const mobile = pool.addClient('Mobile');
    api.addRoutes({
      path: '/me',
      integration: urlIntegration(),
      authorizer: new HttpUserPoolAuthorizer('Auth', pool, {
        userPoolClients: [web, mobile],
        userPoolRegion: 'us-west-2',
        authorizerName: 'cognito',
        identitySource: ['$request.header.X-Token'],
      }),
    });

    expect(Object.keys(resources(stack, CLIENT))).toHaveLength(2);
    Template.fromStack(stack).hasResourceProperties(AUTHORIZER, {
      Name: 'cognito',
      IdentitySource: ['$request.header.X-Token'],
      JwtConfiguration: {
        Audience: [{ Ref: stack.getLogicalId(web.node.defaultChild as cognito.CfnUserPoolClient) }, { Ref: stack.getLogicalId(mobile.node.defaultChild as cognito.CfnUserPoolClient) }],
        Issuer: issuer('us-west-2', onlyId(stack, 'AWS::Cognito::UserPool')),
      },
    });
  });

  test('two routes share one authorizer and one default client', () => {
    const { stack, api, pool } = poolStack();
    const authorizer = new HttpUserPoolAuthorizer('Auth', pool);
    api.addRoutes({ path: '/me', methods: [HttpMethod.GET, HttpMethod.PUT], integration: urlIntegration(), authorizer });

    const id = onlyId(stack, AUTHORIZER);
    onlyId(stack, CLIENT);
    expect(routeProps(stack, 'GET /me').AuthorizerId).toEqual({ Ref: id });
    expect(routeProps(stack, 'PUT /me').AuthorizerId).toEqual({ Ref: id });
    expect(stack.resolve(authorizer.authorizerId)).toEqual({ Ref: id });
  });

  test('authorizers of one pool on two APIs share its default client', () => {
    const { stack, api, pool } = poolStack();
    const other = new HttpApi(stack, 'OtherApi', { createDefaultStage: false });
    api.addRoutes({ path: '/me', integration: urlIntegration(), authorizer: new HttpUserPoolAuthorizer('Auth', pool) });
    other.addRoutes({ path: '/me', integration: urlIntegration(), authorizer: new HttpUserPoolAuthorizer('Auth', pool) });

    const clientId = onlyId(stack, CLIENT);
    const authorizers = Object.values(resources(stack, AUTHORIZER));
    expect(authorizers).toHaveLength(2);
    for (const authorizer of authorizers) {
      expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
    }
  });

  test('routes of a second API are refused', () => {
    const { stack, api, pool } = poolStack();
    const other = new HttpApi(stack, 'OtherApi', { createDefaultStage: false });
    const authorizer = new HttpUserPoolAuthorizer('Auth', pool);
    api.addRoutes({ path: '/me', integration: urlIntegration(), authorizer });

    const error = errorOf(() => new HttpRoute(stack, 'Route', { httpApi: other, routeKey: HttpRouteKey.with('/me'), integration: urlIntegration(), authorizer }));
    expect(error.constructPath).toBe('Stack/Route');
    expect(error.message).toContain('invalid `authorizer` HttpUserPoolAuthorizer \'Auth\': it already authorizes routes of API \'Stack/Api\'');
    expect(error.message).toContain('create one HttpUserPoolAuthorizer per API');
  });

  test('`authorizerId` before any route uses the authorizer is refused', () => {
    const { pool } = poolStack();
    const error = errorOf(() => new HttpUserPoolAuthorizer('Auth', pool).authorizerId);
    expect(error.message).toContain('cannot read `authorizerId` of HttpUserPoolAuthorizer \'Auth\' yet');
  });

  test('`userPoolClients` must list 1 to 50 clients', () => {
    const { pool } = poolStack();
    const error = errorOf(() => new HttpUserPoolAuthorizer('Auth', pool, { userPoolClients: [] }));
    expect(error.message).toContain('invalid `userPoolClients` of HttpUserPoolAuthorizer \'Auth\': 0 clients given');
    expect(error.message).toContain('leave `userPoolClients` out to create one');

    const clients = Array.from({ length: 51 }, (_, i) => pool.addClient(`Client${i}`));
    expect(errorOf(() => new HttpUserPoolAuthorizer('Auth', pool, { userPoolClients: clients })).message).toContain('51 clients given');
    expect(() => new HttpUserPoolAuthorizer('Auth', pool, { userPoolClients: clients.slice(0, 50) })).not.toThrow();
  });
});
