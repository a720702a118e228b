/**
 * Drop-in proof for HTTP APIs. The apps are written once, against aws-cdk-lib's API, in
 * test/common/aws-cdk-lib-apps/http.ts, and test/common/aws-cdk-lib-templates.test.ts compares
 * their whole templates built with aws-cdk-lib and with this library. Here: the logical ids a
 * deployed stack depends on, spelled out, and what this library does differently on purpose.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import * as ours from '../../lib';
import { AWS_CDK_LIB, SWITCH, THIS_LIBRARY } from '../common/aws-cdk-lib-apps/builds';
import { HTTP_APPS } from '../common/aws-cdk-lib-apps/http';
import type { AppCode } from '../common/aws-cdk-lib-apps/modules';
import { synthesize } from '../common/aws-cdk-lib-apps/template-diff';

function app(name: string): AppCode {
  const code = HTTP_APPS[name];
  expect(code).toBeDefined();
  return code;
}

describe('the HTTP parity app: CORS, default integration and authorizer, stages, grants, outputs', () => {
  const code = app('HTTP parity app: CORS, default integration and authorizer, stages, grants, outputs');

  test('the same logical ids, with aws-cdk-lib, under the switch and by default', () => {
    // The ids a deployed stack depends on, spelled out: a change here replaces resources.
    const ids = [
      'ApiANYadmin74D9D3E3',
      'ApiANYbooksid8004C727',
      'ApiANYbooksidBookIntegration4CE1B624',
      'ApiDefaultRoute1D83B0D8',
      'ApiDefaultRouteDefaultIntegrationDF849BE0',
      'ApiDefaultStage189A7074',
      'ApiF70053CD',
      'ApiGETbooks8DB43838',
      'ApiGETbooksBooksIntegration54B29E73',
      'ApiGEThealthA417CA46',
      'ApiJwt046D4791',
      'ApiPOSTbooks6D69C47B',
      'ApiProdD750B56E',
      'BetaC60672CA',
      'CallerBA8D1D35',
      'CallerDefaultPolicy0AE726D9',
      'StandaloneC2E2F93B',
    ];
    for (const build of [synthesize(code, AWS_CDK_LIB), synthesize(code, THIS_LIBRARY, SWITCH)]) {
      expect(Object.keys(build.templates.Stack.Resources).sort()).toEqual(ids);
    }
    // By default the three URL integrations, which make the same backend call, share one resource.
    const shared = Object.keys(synthesize(code, THIS_LIBRARY).templates.Stack.Resources);
    expect(ids.filter(id => !shared.includes(id))).toEqual(['ApiANYbooksidBookIntegration4CE1B624', 'ApiGETbooksBooksIntegration54B29E73']);
  });
});

describe('a route on an imported API, and one in another stack', () => {
  const code = app('HTTP parity app: a route on an imported API, and one in another stack');

  test.each([['aws-cdk-lib', AWS_CDK_LIB, {}], ['this library', THIS_LIBRARY, {}], ['this library, under the switch', THIS_LIBRARY, SWITCH]] as const)(
    '%s: the route and its integration in the route\'s stack, which depends on the API\'s', (_name, modules, context) => {
      const { templates } = synthesize(code, modules, context);
      expect(Object.keys(templates.RouteStack.Resources).sort()).toEqual(['RouteA67450D2', 'RouteIntegrationDA299D52']);
      expect(Object.keys(templates.Stack.Resources).sort()).toEqual(['RouteA67450D2', 'RouteIntegrationDA299D52']);
      expect(JSON.stringify(templates.RouteStack)).toContain('"Fn::ImportValue":"ApiStack:ExportsOutputRefApiF70053CD');
    });
});

describe('deliberate differences from aws-cdk-lib', () => {
  test('HttpRouteKey.with(path) without a method: ANY instead of aws-cdk-lib\'s "undefined"', () => {
    expect(upstream.HttpRouteKey.with('/x').key).toBe('undefined /x');
    expect(ours.HttpRouteKey.with('/x').key).toBe('ANY /x');
  });
});

describe('parity of metrics', () => {
  const METRICS = ['metricClientError', 'metricServerError', 'metricDataProcessed', 'metricCount', 'metricIntegrationLatency', 'metricLatency'] as const;

  test.each(METRICS)('%s renders the same metric', (method) => {
    const theirStack = new Stack(new App(), 'Stack');
    const myStack = new Stack(new App(), 'Stack');
    const theirMetric = new upstream.HttpApi(theirStack, 'Api')[method]({ period: Duration.minutes(1) });
    const myMetric = new ours.HttpApi(myStack, 'Api')[method]({ period: Duration.minutes(1) });
    const shape = (stack: Stack, m: typeof myMetric) => stack.resolve({
      namespace: m.namespace, metricName: m.metricName, statistic: m.statistic, period: m.period.toSeconds(), dimensions: m.dimensions,
    });
    expect(shape(myStack, myMetric)).toEqual(shape(theirStack, theirMetric));
  });

});
