// The identity sources of a WebSocket API's Lambda authorizer [doc: apigateway-websocket-api-lambda-auth].
import { identitySourceValue } from '../dist/websocket/authorization';

const api: any = { id: 'abc123defg' };
const stage: any = { name: 'prod', variables: { tenant: 'blue' } };
const request: any = {
  headers: [['Auth', 'token-1'], ['X-Multi', 'a'], ['x-multi', 'b']],
  query: [['token', 'q-1'], ['Token', 'other']],
  host: '127.0.0.1:3000',
  requestId: 'req=',
  sourceIp: '127.0.0.2',
};

test.each([
  ['route.request.header.Auth', 'token-1'],
  ['route.request.header.auth', 'token-1'],
  ['route.request.header.x-multi', 'a,b'],
  ['route.request.querystring.token', 'q-1'],
  ['route.request.querystring.TOKEN', undefined],
  ['stageVariables.tenant', 'blue'],
  ['context.identity.sourceIp', '127.0.0.2'],
  ['context.stage', 'prod'],
  ['route.request.header.Missing', undefined],
  ['$request.header.Auth', undefined],
])('%s is %p', (source, expected) => {
  expect(identitySourceValue(source, request, api, stage)).toBe(expected);
});
