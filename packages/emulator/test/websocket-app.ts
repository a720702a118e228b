// The WebSocket APIs the WebSocket tests serve, and the events their handlers log.
import { Duration } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import { WebSocketApi, WebSocketStage } from 'cdk-apigatewayv2';
import { WebSocketIamAuthorizer, WebSocketLambdaAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { WebSocketLambdaIntegration, WebSocketMockIntegration } from 'cdk-apigatewayv2/integrations';
import type { EmulatorLogger } from 'cdk-apigatewayv2-emulator';
import { inlineFunction } from './util';

/** Decides by the `token` query string parameter or the `x-token` header. */
export const AUTHORIZER = `
exports.handler = async (event) => {
  const token = (event.queryStringParameters && event.queryStringParameters.token) || event.headers['x-token'] || event.headers['X-Token'];
  console.log('AUTHORIZER ' + JSON.stringify(event));
  if (token === 'throw-unauthorized') throw new Error('Unauthorized');
  if (token === 'throw') throw new Error('the user store is down');
  if (token === 'invalid') return { principalId: 'x' };
  return {
    principalId: 'user-' + token,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: token === 'deny' ? 'Deny' : 'Allow', Resource: event.methodArn }] },
    context: { user: token, number: 7, flag: true },
  };
};
`;

/**
 * One handler for every route: logs its event (`EVENT {...}`), then acts on the route and, on
 * `$connect`, on the `connect` query string parameter.
 */
export const HANDLER = `
const { ApiGatewayManagementApiClient, PostToConnectionCommand, GetConnectionCommand, DeleteConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');
exports.handler = async (event) => {
  const { routeKey, connectionId, domainName, stage } = event.requestContext;
  console.log('EVENT ' + JSON.stringify(event));
  const message = event.body ? (() => { try { return JSON.parse(event.body); } catch { return {}; } })() : {};
  switch (routeKey) {
    case '$connect': {
      const how = (event.queryStringParameters || {}).connect;
      if (how === 'refuse') return { statusCode: 418, body: 'no teapots here' };
      if (how === 'throw') throw new Error('cannot connect');
      if (how === 'protocol') return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v2' } };
      if (how === 'nothing') return undefined;
      return { statusCode: 200 };
    }
    case 'echo': return { statusCode: 200, body: String(message.text) };
    case 'oneway': return { statusCode: 200, body: 'not sent: the route has no route response' };
    case 'fail': throw new Error('the handler failed');
    case 'slow': await new Promise(resolve => setTimeout(resolve, 3000)); return { statusCode: 200, body: 'late' };
    case 'badbody': return { statusCode: 200, body: { not: 'a string' } };
    case 'self': {
      // As the AWS docs show: the endpoint from the event's domain name and stage.
      const client = new ApiGatewayManagementApiClient({ endpoint: 'https://' + domainName + '/' + stage });
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'posted by the handler' }));
      const info = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
      return { statusCode: 200, body: JSON.stringify({ connectedAt: info.ConnectedAt.toISOString(), sourceIp: info.Identity.SourceIp, lastActiveAt: info.LastActiveAt.toISOString(), endpoint: 'https://' + domainName + '/' + stage }) };
    }
    case 'callback': {
      // The stage's callbackUrl, passed in the environment.
      const client = new ApiGatewayManagementApiClient({ endpoint: process.env.CALLBACK_URL });
      await client.send(new PostToConnectionCommand({ ConnectionId: message.to || connectionId, Data: 'via ' + process.env.CALLBACK_URL }));
      return { statusCode: 200 };
    }
    case 'gone': {
      const client = new ApiGatewayManagementApiClient({ endpoint: 'https://' + domainName + '/' + stage });
      try {
        await client.send(new PostToConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=', Data: 'x' }));
        return { statusCode: 200, body: 'no error' };
      } catch (e) {
        return { statusCode: 200, body: e.name + ' ' + e.$metadata.httpStatusCode };
      }
    }
    case 'fetch': {
      // fetch (undici) to the same https URL; any well-formed SigV4 header passes the default 'signed' mode.
      const authorization = 'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20240101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=' + '0'.repeat(64);
      const response = await fetch('https://' + domainName + '/' + stage + '/@connections/' + encodeURIComponent(connectionId), { method: 'POST', body: 'posted with fetch', headers: { authorization } });
      return { statusCode: 200, body: 'fetch answered ' + response.status };
    }
    case 'kick': {
      const client = new ApiGatewayManagementApiClient({ endpoint: 'https://' + domainName + '/' + stage });
      await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      return { statusCode: 200 };
    }
    default: return { statusCode: 200, body: 'default: ' + event.body };
  }
};
`;

/**
 * `Chat`: `$connect` behind a Lambda authorizer (query string `token`), `$disconnect`,
 * `$default` and custom routes, two-way or not, a mock, a stage variable; `Compound`: a
 * selection expression of two variables and no `$default`; `Signed`: `$connect` behind IAM;
 * `Open`: no `$connect` route, a static selection expression.
 */
export function buildWebSocketApp(stack: Stack): void {
  const handler = inlineFunction(stack, 'Handler', HANDLER, { timeout: Duration.seconds(5) });
  const authorizerFn = inlineFunction(stack, 'AuthorizerFn', AUTHORIZER);
  const integration = new WebSocketLambdaIntegration('Handler', handler);
  const authorizer = new WebSocketLambdaAuthorizer('Token', authorizerFn, { identitySource: ['route.request.querystring.token'] });
  const chat = new WebSocketApi(stack, 'Chat', {
    apiName: 'Chat',
    connectRouteOptions: { integration, authorizer },
    disconnectRouteOptions: { integration },
    defaultRouteOptions: { integration, returnResponse: true },
  });
  for (const key of ['echo', 'fail', 'badbody', 'self', 'callback', 'gone', 'fetch']) chat.addRoute(key, { integration, returnResponse: true });
  chat.addRoute('oneway', { integration });
  chat.addRoute('kick', { integration });
  chat.addRoute('slow', { integration: new WebSocketLambdaIntegration('Slow', handler, { timeout: Duration.millis(500) }), returnResponse: true });
  chat.addRoute('mock', { integration: new WebSocketMockIntegration('Mock', { requestTemplates: { $default: '{"statusCode": 200}' } }), returnResponse: true });
  const stage = new WebSocketStage(stack, 'ChatProd', { webSocketApi: chat, stageName: 'prod', autoDeploy: true, stageVariables: { color: 'blue' } });
  handler.addEnvironment('CALLBACK_URL', stage.callbackUrl);
  handler.addEnvironment('CHAT_URL', stage.url);

  const compound = new WebSocketApi(stack, 'Compound', { apiName: 'Compound', routeSelectionExpression: '${request.body.service}/${request.body.action}' });
  compound.addRoute('chat/join', { integration: new WebSocketLambdaIntegration('CompoundJoin', handler), returnResponse: true });
  new WebSocketStage(stack, 'CompoundDev', { webSocketApi: compound, stageName: 'dev', autoDeploy: true });

  const signed = new WebSocketApi(stack, 'Signed', {
    apiName: 'Signed', connectRouteOptions: { integration: new WebSocketLambdaIntegration('SignedConnect', handler), authorizer: new WebSocketIamAuthorizer() },
  });
  new WebSocketStage(stack, 'SignedDev', { webSocketApi: signed, stageName: 'dev', autoDeploy: true });

  const open = new WebSocketApi(stack, 'Open', { apiName: 'Open', routeSelectionExpression: 'fixed' });
  open.addRoute('fixed', { integration: new WebSocketLambdaIntegration('OpenFixed', handler), returnResponse: true });
  new WebSocketStage(stack, 'OpenDev', { webSocketApi: open, stageName: 'dev', autoDeploy: true });
}

/** A logger that keeps the events (`EVENT {...}`, `AUTHORIZER {...}`) the handlers log, and the warnings. */
export function eventLogger(): EmulatorLogger & { events: any[]; authorizerEvents: any[]; lines: string[] } {
  const events: any[] = [];
  const authorizerEvents: any[] = [];
  const lines: string[] = [];
  return {
    events,
    authorizerEvents,
    lines,
    request: () => undefined,
    warn: message => lines.push(`warning: ${message}`),
    info: () => undefined,
    functionOutput: (_fn, _stream, line) => {
      if (line.startsWith('EVENT ')) events.push(JSON.parse(line.slice(6)));
      else if (line.startsWith('AUTHORIZER ')) authorizerEvents.push(JSON.parse(line.slice(11)));
      else lines.push(line);
    },
  };
}

/** Waits until `check` passes (the events of `$disconnect` arrive after the close). */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
