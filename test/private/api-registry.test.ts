import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cdkv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type { IHttpApiRef, IWebSocketApi } from '../../lib';
import {
  HttpApi, HttpApiDefinition, HttpMethod, HttpRoute, HttpRouteKey, HttpStage, SpecHttpApi, WebSocketApi, WebSocketRoute, WebSocketStage,
} from '../../lib';
import { HttpUrlIntegration, WebSocketMockIntegration } from '../../lib/integrations';
import { apiRegistryOf } from '../../lib/private/api-registry';
import { errorOf, integratedPetstore } from '../support';

const BACKEND = 'https://backend.example.com';

describe('one registry per API object', () => {
  test('created, imported and aws-cdk-lib APIs each have their own, found by the object', () => {
    const stack = new Stack(new App(), 'Stack');
    const created = new HttpApi(stack, 'Created');
    const imported = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc123' });
    const foreign = new cdkv2.HttpApi(stack, 'Foreign');
    const registries = [created, imported, foreign].map(api => apiRegistryOf(api));
    expect(new Set(registries).size).toBe(3);
    expect(apiRegistryOf(created)).toBe(registries[0]);
    expect(registries.map(r => r.seesEveryRoute)).toEqual([true, false, false]);
  });

  test('routes added to an aws-cdk-lib HTTP API are checked against each other', () => {
    const stack = new Stack(new App(), 'Stack');
    const foreign: IHttpApiRef = new cdkv2.HttpApi(stack, 'Foreign', { createDefaultStage: false }) as unknown as IHttpApiRef;
    const route = (id: string, path: string) => new HttpRoute(stack, id, {
      httpApi: foreign, routeKey: HttpRouteKey.with(path, HttpMethod.GET), integration: new HttpUrlIntegration(id, BACKEND),
    });
    route('Books', '/books');
    expect(errorOf(() => route('Again', '/books')).message).toContain("duplicate `routeKey` 'GET /books'");
    route('Book', '/books/{id}');
    expect(errorOf(() => route('Renamed', '/books/{bookId}/pages')).message).toContain("conflicting `routeKey` 'GET /books/{bookId}/pages'");
  });

  test('stages of an aws-cdk-lib WebSocket API have unique names too', () => {
    const stack = new Stack(new App(), 'Stack');
    const foreign = new cdkv2.WebSocketApi(stack, 'Foreign') as unknown as IWebSocketApi;
    new WebSocketStage(stack, 'Dev', { webSocketApi: foreign, stageName: 'dev' });
    expect(errorOf(() => new WebSocketStage(stack, 'Again', { webSocketApi: foreign, stageName: 'dev' })).message)
      .toContain("duplicate `stageName` 'dev': the stage at Stack/Dev already has it");
    new WebSocketStage(stack, 'Prod', { webSocketApi: foreign, stageName: 'prod' });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
  });

  test('a rule of the registry holds for both protocols: quotas count what the app adds', () => {
    const stack = new Stack(new App({ context: { '@aws-cdk/core:stackResourceLimit': 0 } }), 'Stack');
    const http = new HttpApi(stack, 'Http', { createDefaultStage: false });
    const ws = new WebSocketApi(stack, 'Ws');
    for (let i = 0; i < 11; i++) {
      new HttpStage(stack, `HttpStage${i}`, { httpApi: http, stageName: `s${i}` });
      new WebSocketStage(stack, `WsStage${i}`, { webSocketApi: ws, stageName: `s${i}` });
    }
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Http', Match.stringLikeRegexp('more than 10 stages'));
    annotations.hasWarning('/Stack/Ws', Match.stringLikeRegexp('more than 10 stages'));
  });

  test('an API passed as both protocols is refused', () => {
    const stack = new Stack(new App(), 'Stack');
    const ws = new WebSocketApi(stack, 'Ws');
    // Plain JavaScript can pass a WebSocket API where an HTTP API belongs.
    expect(errorOf(() => new HttpStage(stack, 'Stage', { httpApi: ws as unknown as IHttpApiRef })).message)
      .toBe('Stack/Ws: the API at Stack/Ws is used as both a WebSocket and an HTTP API: pass each API only where its protocol is expected [cdk-apigatewayv2:apiProtocol]');
  });

  test('valid neighbour: routes of both protocols, each on its own API', () => {
    const stack = new Stack(new App(), 'Stack');
    new HttpApi(stack, 'Http').addRoutes({ path: '/a', integration: new HttpUrlIntegration('A', BACKEND) });
    const ws = new WebSocketApi(stack, 'Ws');
    new WebSocketRoute(stack, 'Route', { webSocketApi: ws, routeKey: 'a', integration: new WebSocketMockIntegration('A') });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Route', 2);
  });

  test('a route definition (an OpenAPI document) holds routes: its keys are counted and checked like routes, duplicates refused in its words', () => {
    const stack = new Stack(new App(), 'Stack');
    const document = integratedPetstore();
    for (let i = 0; i < 298; i++) document.paths[`/p${i}`] = { get: { ...document.paths['/pets'].get, operationId: `p${i}` } };
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(document) });
    const registry = apiRegistryOf(api);
    expect(registry.routes().slice(0, 3).map(r => [r.key, r.route])).toEqual([['GET /pets', api], ['POST /pets', api], ['GET /pets/{petId}', api]]);
    expect(registry.routeDefinition()).toBeDefined();
    expect(registry.seesEveryRoute).toBe(true);
    // The protocol's rules see the document's routes: a conflicting path variable, a duplicate in the definition's words.
    const integration = new HttpUrlIntegration('Toys', BACKEND);
    expect(errorOf(() => api.addRoutes({ path: '/pets/{id}/toys', methods: [HttpMethod.GET], integration })).message)
      .toContain("conflicting `routeKey` 'GET /pets/{id}/toys'");
    expect(errorOf(() => api.addRoutes({ path: '/pets', methods: [HttpMethod.POST], integration })).message)
      .toContain("route 'POST /pets' is in the OpenAPI document already");
    // The 301st route passes the quota, whichever adds it.
    api.addRoutes({ path: '/pets/{petId}/toys', methods: [HttpMethod.GET], integration });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('more than 300 routes'));
    expect(apiRegistryOf(new HttpApi(stack, 'Http')).routeDefinition()).toBeUndefined();
  });
});
