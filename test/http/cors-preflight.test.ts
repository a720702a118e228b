import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import type { CorsPreflightOptions, IHttpRouteAuthorizer } from '../../lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer } from '../../lib';
import { urlIntegration } from '../support';

const jwt: IHttpRouteAuthorizer = { bind: () => ({ authorizerId: 'auth-1', authorizationType: 'JWT' }) };
const cors: CorsPreflightOptions = { allowOrigins: ['https://app.example.com'], allowMethods: [CorsHttpMethod.ANY] };

function preflightWarnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('corsPreflightAuthorized')).map(w => String(w.entry.data));
}

describe('CORS preflight behind an authorizer', () => {
  test('an authorized ANY /{proxy+} with CORS warns, saying how to fix it', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api', { corsPreflight: cors, defaultAuthorizer: jwt });
    api.addRoutes({ path: '/{proxy+}', integration: urlIntegration('Backend') });

    expect(preflightWarnings(stack)).toEqual([
      "route 'ANY /{proxy+}' has a JWT authorizer and catches CORS preflight requests, which carry no credentials, so browsers' "
      + "calls fail; add a route 'OPTIONS /{proxy+}' with an HttpNoneAuthorizer (its integration may return anything: "
      + 'API Gateway answers with the CORS headers) [ack: cdk-apigatewayv2:corsPreflightAuthorized]',
    ]);
  });

  test('an authorized $default route with CORS warns', () => {
    const stack = new Stack();
    new HttpApi(stack, 'Api', { corsPreflight: cors, defaultAuthorizer: jwt, defaultIntegration: urlIntegration('Backend') });
    expect(preflightWarnings(stack)).toEqual([expect.stringContaining("route '$default' has a JWT authorizer")]);
  });

  test('an open OPTIONS /{proxy+} route silences it', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api', { corsPreflight: cors, defaultAuthorizer: jwt, defaultIntegration: urlIntegration('Backend') });
    api.addRoutes({ path: '/{proxy+}', integration: urlIntegration('Backend') });
    api.addRoutes({
      path: '/{proxy+}', methods: [HttpMethod.OPTIONS], integration: urlIntegration('Preflight'), authorizer: new HttpNoneAuthorizer(),
    });
    expect(preflightWarnings(stack)).toEqual([]);
  });

  test('an authorized OPTIONS route does not silence it', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api', { corsPreflight: cors, defaultAuthorizer: jwt });
    api.addRoutes({ path: '/api/{proxy+}', integration: urlIntegration('Backend') });
    api.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.OPTIONS], integration: urlIntegration('Preflight') });
    expect(preflightWarnings(stack)).toEqual([expect.stringContaining("add a route 'OPTIONS /api/{proxy+}'")]);
  });

  test('no warning without CORS, without an authorizer, or on a route that is not a catch-all', () => {
    const noCors = new Stack();
    new HttpApi(noCors, 'Api', { defaultAuthorizer: jwt }).addRoutes({ path: '/{proxy+}', integration: urlIntegration('Backend') });
    const open = new Stack();
    new HttpApi(open, 'Api', { corsPreflight: cors }).addRoutes({ path: '/{proxy+}', integration: urlIntegration('Backend') });
    const specific = new Stack();
    new HttpApi(specific, 'Api', { corsPreflight: cors, defaultAuthorizer: jwt })
      .addRoutes({ path: '/books/{proxy+}', methods: [HttpMethod.GET], integration: urlIntegration('Backend') });

    expect([...preflightWarnings(noCors), ...preflightWarnings(open), ...preflightWarnings(specific)]).toEqual([]);
  });
});
