import { App, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { Backends } from './backends';
import type { DomainSpec } from './domains';
import { domainArb, GeneratedDomain } from './domains';
import type { HttpApiSpec } from './http';
import { buildHttpApi, httpApiArb } from './http';
import type { SpecApiSpec } from './spec-api';
import { buildSpecApi, specApiArb } from './spec-api';
import type { WebSocketApiSpec } from './websocket';
import { buildWebSocketApi, webSocketApiArb } from './websocket';

/*
 * A generator of valid apps: plain data (printable, to reproduce a failure) that `buildValidApp`
 * turns into an app with HTTP APIs, WebSocket APIs and a `SpecHttpApi`, their routes,
 * integrations, authorizers, stages, custom domains, usage plans and API keys. Every app it
 * makes must synthesize, and deploy: its choices stay within API Gateway's rules.
 */

export interface AppSpec {
  /** An environment-agnostic stack, or one with a known account and Region. */
  readonly env: 'agnostic' | 'eu-west-1';
  readonly httpApis: HttpApiSpec[];
  readonly webSocketApis: WebSocketApiSpec[];
  readonly specApi?: SpecApiSpec;
  /** The custom domain of the HTTP APIs, and whether its first mapping is its root. */
  readonly httpDomain?: DomainSpec & { readonly rootFirst: boolean };
  /** The custom domain of the WebSocket APIs (the protocols never share one). */
  readonly webSocketDomain?: DomainSpec & { readonly rootFirst: boolean };
}

const domainWithRootArb = domainArb.chain(d => fc.boolean().map(rootFirst => ({ ...d, rootFirst })));

export const appSpecArb: fc.Arbitrary<AppSpec> = fc.record({
  env: fc.constantFrom('agnostic' as const, 'eu-west-1' as const),
  httpApis: fc.array(httpApiArb, { minLength: 0, maxLength: 2 }),
  webSocketApis: fc.array(webSocketApiArb, { minLength: 0, maxLength: 2 }),
  specApi: fc.option(specApiArb, { nil: undefined }),
  httpDomain: fc.option(domainWithRootArb, { nil: undefined }),
  webSocketDomain: fc.option(domainWithRootArb, { nil: undefined }),
}).filter(spec => spec.httpApis.length + spec.webSocketApis.length > 0 || spec.specApi !== undefined); // a stack without resources is no template

/** Builds the app of a spec: one stack, `Generated`. */
export function buildValidApp(spec: AppSpec, props: { outdir?: string } = {}): App {
  const app = new App({ outdir: props.outdir });
  const stack = new Stack(app, 'Generated', {
    env: spec.env === 'agnostic' ? undefined : { account: '123456789012', region: spec.env },
  });
  const backends = new Backends(stack);
  const httpDomain = spec.httpDomain && new GeneratedDomain(backends, 'HttpDomain', 'api.example.com', spec.httpDomain, spec.httpDomain.rootFirst);
  const webSocketDomain = spec.webSocketDomain
    && new GeneratedDomain(backends, 'WebSocketDomain', 'ws.example.com', spec.webSocketDomain, spec.webSocketDomain.rootFirst);
  spec.httpApis.forEach((api, i) => buildHttpApi(stack, `Http${i}`, api, backends, httpDomain));
  if (spec.specApi) buildSpecApi(stack, 'Spec', spec.specApi, backends, httpDomain);
  spec.webSocketApis.forEach((api, i) => buildWebSocketApi(stack, `WebSocket${i}`, api, backends, webSocketDomain));
  return app;
}
