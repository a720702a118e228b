import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { HttpApi, HttpMethod, HttpNoneAuthorizer } from '../../../lib';
import { HttpIamAuthorizer } from '../../../lib/authorizers';
import { errorOf, httpApiStack, resources, routeProps, urlIntegration } from '../../support';

describe('HttpIamAuthorizer', () => {
  test('routes get AWS_IAM authorization and no authorizer resource', () => {
    const { stack, api } = httpApiStack();
    const authorizer = new HttpIamAuthorizer();
    expect(authorizer.authorizationType).toBe('AWS_IAM');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer });

    expect(routeProps(stack, 'GET /books')).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      RouteKey: 'GET /books',
      Target: expect.anything(),
      AuthorizationType: 'AWS_IAM',
    });
    expect(Object.keys(resources(stack, 'AWS::ApiGatewayV2::Authorizer'))).toHaveLength(0);
  });

  test('grantInvoke allows execute-api:Invoke on the route', () => {
    const { stack, api } = httpApiStack();
    const [route] = api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer: new HttpIamAuthorizer() });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    route.grantInvoke(role);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:Invoke',
          Effect: 'Allow',
          Resource: {
            'Fn::Join': ['', [
              'arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
              { Ref: 'ApiF70053CD' }, '/*/GET/books/*',
            ]],
          },
        }],
        Version: '2012-10-17',
      },
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }],
    });
  });

  test('as the default authorizer; a route opts out with HttpNoneAuthorizer and then cannot grantInvoke', () => {
    const { stack } = httpApiStack();
    const api = new HttpApi(stack, 'Signed', { defaultAuthorizer: new HttpIamAuthorizer() });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration() });
    const [health] = api.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration: urlIntegration(), authorizer: new HttpNoneAuthorizer() });

    expect(routeProps(stack, 'GET /books').AuthorizationType).toBe('AWS_IAM');
    expect(routeProps(stack, 'GET /health').AuthorizationType).toBe('NONE');
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    expect(errorOf(() => health.grantInvoke(role)).message).toContain('does not use IAM authorization');
  });

  test('one object may serve routes of several APIs', () => {
    const { stack, api } = httpApiStack();
    const authorizer = new HttpIamAuthorizer();
    const other = new HttpApi(stack, 'OtherApi');
    api.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });
    other.addRoutes({ path: '/books', integration: urlIntegration(), authorizer });

    const types = Object.values(resources(stack, 'AWS::ApiGatewayV2::Route')).map(r => r.Properties.AuthorizationType);
    expect(types).toEqual(['AWS_IAM', 'AWS_IAM']);
  });
});
