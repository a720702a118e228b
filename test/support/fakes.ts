import type {
  HttpRouteIntegrationBindOptions,
  HttpRouteIntegrationConfig,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../../lib';
import { WebSocketRouteIntegration } from '../../lib';
import type { WebSocketMockIntegrationProps } from '../../lib/integrations';
import { HttpUrlIntegration, WebSocketMockIntegration } from '../../lib/integrations';

/*
 * Test doubles that observe the library rather than stand in for parts of it: the integrations
 * are the library's own, recording what the base classes do with them.
 */

/** The backend URL of `urlIntegration()` when none is given. */
export const BACKEND = 'https://backend.example.com';

/** An `HttpUrlIntegration` to a backend; each call makes a new object, as each API needs its own. */
export function urlIntegration(id = 'Backend', url = BACKEND): HttpUrlIntegration {
  return new HttpUrlIntegration(id, url);
}

/** An `HttpUrlIntegration` that counts its binds (the base class binds once per API and stack). */
export class RecordingUrlIntegration extends HttpUrlIntegration {
  public bindCount = 0;

  constructor(id: string, url = BACKEND) {
    super(id, url);
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    this.bindCount += 1;
    return super.bind(options);
  }
}

/** A `WebSocketMockIntegration` that records the keys of the routes that bound it (every route binds). */
export class RecordingMockIntegration extends WebSocketMockIntegration {
  public readonly boundRouteKeys: string[] = [];

  constructor(id: string, props: WebSocketMockIntegrationProps = {}) {
    super(id, props);
  }

  public bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    this.boundRouteKeys.push(options.route.routeKey);
    return super.bind(options);
  }
}

/**
 * A WebSocket route integration that returns a fixed config, for what no integration class of
 * the library writes (any type, URI and setting the base class passes through).
 */
export class ConfigIntegration extends WebSocketRouteIntegration {
  constructor(id: string, private readonly config: WebSocketRouteIntegrationConfig) {
    super(id);
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    return this.config;
  }
}
