// The app of the CORS tests (curl and Chromium): an API with CORS whose routes show who answers a
// preflight, and an API that allows any origin.
import { Duration } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { HttpJwtAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpLambdaIntegration } from 'cdk-apigatewayv2/integrations';
import { inlineFunction } from './util';

export const ISSUER = 'https://auth.example.com';

/** Answers with an `access-control-allow-origin: *` of its own, which the gateway must drop. */
const ITEMS = `
exports.handler = async (event) => ({
  statusCode: event.requestContext.http.method === 'OPTIONS' ? 204 : 200,
  headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'x-total': '2' },
  body: event.requestContext.http.method === 'OPTIONS' ? '' : JSON.stringify({ items: ['a', 'b'], method: event.requestContext.http.method }),
});
`;

/** Builds the CORS test app into `stack`; `origin` is the origin allowed besides http://app.test. */
export function buildCorsApp(stack: Stack, origin: string): void {
  const items = inlineFunction(stack, 'Items', ITEMS);
  const jwt = new HttpJwtAuthorizer('Jwt', ISSUER, { jwtAudience: ['shop'] });
  const shop = new HttpApi(stack, 'Shop', {
    corsPreflight: {
      allowOrigins: ['http://app.test', origin],
      allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT],
      allowHeaders: ['content-type', 'x-custom', 'authorization'],
      exposeHeaders: ['x-total'],
      maxAge: Duration.minutes(10),
    },
  });
  const route = (path: string, methods: HttpMethod[], withJwt = false) => shop.addRoutes({
    path, methods, integration: new HttpLambdaIntegration(`I${path.replace(/\W/g, '')}${methods.join('')}`, items), authorizer: withJwt ? jwt : undefined,
  });
  route('/items', [HttpMethod.GET, HttpMethod.POST]);
  // The classic production failure: a catch-all route with an authorizer also receives preflights.
  route('/secure/{proxy+}', [HttpMethod.ANY], true);
  // Its fix: an unauthenticated OPTIONS route outranks the catch-all for preflights.
  route('/fixed/{proxy+}', [HttpMethod.ANY], true);
  route('/fixed/{proxy+}', [HttpMethod.OPTIONS]);

  const open = new HttpApi(stack, 'Open', { corsPreflight: { allowOrigins: ['*'], allowMethods: [CorsHttpMethod.ANY], allowHeaders: ['*'] } });
  open.addRoutes({ path: '/items', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('OpenItems', items) });

  const plain = new HttpApi(stack, 'Plain');
  plain.addRoutes({ path: '/items', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('PlainItems', items) });
}
