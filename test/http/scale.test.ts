import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi, HttpAuthorizer, HttpAuthorizerType, HttpMethod, HttpStage } from '../../lib';
import { HttpLambdaIntegration, HttpUrlIntegration } from '../../lib/integrations';
import { bigStack, lambdaFunction, urlIntegration } from '../support';

function warnings(stack: Stack, id: string): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(id)).map(w => String(w.entry.data));
}

describe('raisable quotas are warnings', () => {
  const addRoutes = (api: HttpApi, count: number) => {
    const integration = new HttpUrlIntegration('Backend', 'https://backend.example.com');
    for (let i = 0; i < count; i++) api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration });
  };

  test('a 301st route warns, naming the quota', () => {
    const stack = bigStack();
    addRoutes(new HttpApi(stack, 'Api'), 301);
    expect(warnings(stack, 'routesQuota')).toEqual([
      expect.stringContaining('this API has more than 300 routes, API Gateway\'s default quota: request an increase in Service Quotas'),
    ]);
  });

  test('300 routes do not', () => {
    const stack = bigStack();
    addRoutes(new HttpApi(stack, 'Api'), 300);
    expect(warnings(stack, 'Quota')).toEqual([]);
  });

  test('an 11th stage warns; 10 do not', () => {
    const build = (count: number) => {
      const stack = new Stack();
      const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
      for (let i = 0; i < count; i++) new HttpStage(stack, `Stage${i}`, { httpApi: api, stageName: `s${i}` });
      return warnings(stack, 'stagesQuota');
    };
    expect(build(10)).toEqual([]);
    expect(build(11)).toEqual([expect.stringContaining('more than 10 stages')]);
  });

  test('an 11th authorizer warns; 10 do not', () => {
    const build = (count: number) => {
      const stack = new Stack();
      const api = new HttpApi(stack, 'Api');
      for (let i = 0; i < count; i++) {
        new HttpAuthorizer(stack, `Auth${i}`, {
          httpApi: api, type: HttpAuthorizerType.JWT, identitySource: ['$request.header.Authorization'],
          jwtIssuer: 'https://issuer.example.com', jwtAudience: ['client'],
        });
      }
      return warnings(stack, 'authorizersQuota');
    };
    expect(build(10)).toEqual([]);
    expect(build(11)).toEqual([expect.stringContaining('more than 10 authorizers, API Gateway\'s default quota: request an increase from the AWS Support Center')]);
  });
});

describe('the 500-resource limit', () => {
  test('a stack past 500 resources says which constructs contributed how many', () => {
    const app = new App();
    const stack = new Stack(app, 'Big');
    const api = new HttpApi(stack, 'Api');
    for (let i = 0; i < 260; i++) {
      api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration: urlIntegration(`I${i}`, `https://b${i}.example.com`) });
    }
    lambdaFunction(stack);

    expect(() => app.synth()).toThrow("stack 'Big' holds 524 CloudFormation resources, over the limit of 500: "
      + "'Api' 522 (260 AWS::ApiGatewayV2::Integration, 260 AWS::ApiGatewayV2::Route, 1 AWS::ApiGatewayV2::Api, 1 AWS::ApiGatewayV2::Stage); "
      + "'Handler' 2 (1 AWS::IAM::Role, 1 AWS::Lambda::Function). Move routes to another stack or a NestedStack with addRoutes({ scope })");
  });

  test('500 resources pass', () => {
    const app = new App();
    const stack = new Stack(app, 'Big');
    const api = new HttpApi(stack, 'Api');
    for (let i = 0; i < 249; i++) {
      api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration: urlIntegration(`I${i}`, `https://b${i}.example.com`) });
    }
    expect(() => app.synth()).not.toThrow();
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources)).toHaveLength(500);
  });
});

describe('routes in other stacks, through the API', () => {
  test('addRoutes({ scope }) puts routes, integrations and the permission in that stack, without a cycle', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new HttpApi(apiStack, 'Api');
    const integration = new HttpLambdaIntegration('Handler', lambdaFunction(routeStack));
    const routes = api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration, scope: routeStack });

    expect(routes.map(r => r.node.path)).toEqual(['RouteStack/ApiGET--books', 'RouteStack/ApiPOST--books']);
    expect(() => app.synth()).not.toThrow();
    const remote = Template.fromStack(routeStack);
    remote.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
    remote.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    remote.resourceCountIs('AWS::Lambda::Permission', 1);
    Template.fromStack(apiStack).resourceCountIs('AWS::ApiGatewayV2::Route', 0);
  });

  test('the API still refuses a duplicate of a route that lives in another stack', () => {
    const app = new App();
    const api = new HttpApi(new Stack(app, 'ApiStack'), 'Api');
    const other = new Stack(app, 'RouteStack');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('A'), scope: other });
    expect(() => api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('B') }))
      .toThrow("duplicate `routeKey` 'GET /books'");
    expect(() => api.addRoutes({ path: '/books/{bookId}', integration: urlIntegration('C') })).not.toThrow();
  });

  test('1,000 routes split over four nested stacks synthesize, each nested stack under 500 resources', () => {
    const app = new App();
    const stack = new Stack(app, 'Books');
    const fn = lambdaFunction(stack);
    const api = new HttpApi(stack, 'Api');
    const nested = [0, 1, 2, 3].map(i => new NestedStack(stack, `Routes${i}`));
    for (let i = 0; i < 1000; i++) {
      const scope = nested[i % 4];
      api.addRoutes({ path: `/r${i}`, methods: [HttpMethod.GET], integration: new HttpLambdaIntegration(`H${i}`, fn), scope });
    }

    expect(() => app.synth()).not.toThrow();
    for (const part of nested) {
      const template = Template.fromStack(part);
      template.resourceCountIs('AWS::ApiGatewayV2::Route', 250);
      template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
      template.resourceCountIs('AWS::Lambda::Permission', 1);
    }
    expect(Object.keys(Template.fromStack(stack).toJSON().Resources).length).toBeLessThan(20);
  });
});

describe('an API imported from another app', () => {
  test('accepts addRoutes, and checks the routes added through it against each other', () => {
    const stack = new Stack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    api.addRoutes({ path: '/pets/{id}', methods: [HttpMethod.GET], integration: urlIntegration('Pets') });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', { ApiId: 'abc123', RouteKey: 'GET /pets/{id}' });
    expect(() => api.addRoutes({ path: '/pets/{petId}', integration: urlIntegration('Other') }))
      .toThrow("conflicting `routeKey` 'ANY /pets/{petId}'");
  });
});
