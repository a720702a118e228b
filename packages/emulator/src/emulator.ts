import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { Duplex } from 'stream';
import { buildModel } from './assembly/build-model';
import { Resolver } from './assembly/intrinsics';
import type { ApiModel, AssemblyModel, FunctionModel } from './assembly/model';
import { readAssembly } from './assembly/reader';
import { JwksStore } from './auth/jwks-store';
import type { KeySource } from './auth/jwks-store';
import { issuerEndpoints } from './auth/issuer-endpoints';
import { LocalIssuer } from './auth/local-issuer';
import type { MintTokenOptions } from './auth/local-issuer';
import type { GatewayContext } from './context';
import { EmulatorError } from './errors';
import { lambdaEnvironment, namesFunction } from './functions/environment';
import { FunctionRunner } from './functions/runner';
import { HttpApiHandler } from './http/api-handler';
import type { ServiceCall } from './http/service-integrations';
import { silentLogger } from './log';
import { WebSocketApiHandler } from './websocket/api-handler';
import type { EmulatorLogger, RequestRecord } from './log';
import { localHttpsHosts, localUrls } from './local-urls';
import { describeApi, webSocketWarnings } from './served-api';
import type { EmulatedApi } from './served-api';
import { validateOptions } from './options';
import type { EmulateOptions } from './options';

/** A running emulator. */
export interface Emulator {
  /** The APIs served. */
  readonly apis: readonly EmulatedApi[];
  /** The URL of each stage of each API: `urls[apiName][stageName]`. */
  readonly urls: Record<string, Record<string, string>>;
  /**
   * The URL of a stage of an API. `api` is its name, construct path, logical id or id, and may be
   * left out when the app has one API; `stage` defaults to `$default`, or the API's only stage.
   */
  url(api?: string, stage?: string): string;
  /**
   * The @connections API's base URL of a WebSocket API's stage (its `callbackUrl`), for
   * `new ApiGatewayManagementApiClient({ endpoint })`. `api` and `stage` as for `url()`.
   */
  callbackUrl(api?: string, stage?: string): string;
  /** The local issuer's URL, serving `/.well-known/openid-configuration`, `/.well-known/jwks.json` and `POST /token`. */
  readonly issuerUrl: string;
  /** A token signed by the local issuer, for JWT authorizers whose issuer it serves. */
  mintToken(options?: MintTokenOptions): string;
  /** The latest requests served, oldest first. */
  readonly requests: readonly RequestRecord[];
  /** The calls AWS service integrations would have made, oldest first. */
  readonly serviceCalls: readonly ServiceCall[];
  /** What the emulator could not serve, and other notes from loading the assembly. */
  readonly warnings: readonly string[];
  /** Reads the assembly again and serves what it now holds (what `watch` does on each synth). */
  reload(): Promise<void>;
  /** Stops serving: closes the listeners and ends the functions' workers. */
  close(): Promise<void>;
}

/** The emulator package's folder: `@aws-sdk/*` clients it depends on resolve for functions too. */
const EMULATOR_PACKAGE = path.resolve(__dirname, '..');

/** Something that serves one API's requests on its listener. Each protocol has its own. */
export interface ProtocolHandler {
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
  upgrade?(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  close?(): Promise<void>;
}

/** How each protocol's APIs are served. */
const PROTOCOLS: Partial<Record<ApiModel['protocol'], (api: ApiModel, ctx: GatewayContext) => ProtocolHandler>> = {
  HTTP: (api, ctx) => new HttpApiHandler(api, ctx),
  WEBSOCKET: (api, ctx) => new WebSocketApiHandler(api, ctx),
};

/**
 * Serves the APIs of a synthesized CDK app (its cloud assembly, `cdk.out`) on localhost. Resolves
 * once every API listens.
 */
export async function emulate(options: EmulateOptions): Promise<Emulator> {
  const emulator = new LocalEmulator(options);
  try {
    await emulator.start();
  } catch (e) {
    await emulator.close();
    throw e;
  }
  return emulator;
}

interface Listener {
  readonly server: http.Server;
  readonly url: string;
  handler?: ProtocolHandler;
}

class LocalEmulator implements Emulator {
  readonly requests: RequestRecord[] = [];
  readonly serviceCalls: ServiceCall[] = [];
  warnings: string[] = [];
  apis: EmulatedApi[] = [];
  urls: Record<string, Record<string, string>> = {};
  issuerUrl = '';

  private readonly assemblyDir: string;
  private readonly host: string;
  private readonly clock: () => number;
  private readonly logger: EmulatorLogger;
  private readonly localIssuer = new LocalIssuer();
  private readonly jwksStore: JwksStore;
  private readonly listeners = new Map<string, Listener>();
  private issuerServer?: http.Server;
  private nextPort: number;
  private model?: AssemblyModel;
  private runner?: FunctionRunner;
  private watcher?: fs.FSWatcher;
  private reloadTimer?: NodeJS.Timeout;
  private reloading: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: EmulateOptions) {
    validateOptions(options);
    this.assemblyDir = path.resolve(options.assembly);
    this.host = options.host ?? '127.0.0.1';
    this.nextPort = options.port ?? 0;
    this.clock = options.clock ?? Date.now;
    this.logger = options.logger ?? silentLogger();
    this.jwksStore = new JwksStore(this.localIssuer, this.clock);
  }

  async start(): Promise<void> {
    const model = this.load();
    await this.apply(model);
    this.issuerServer = http.createServer(issuerEndpoints({ url: () => this.issuerUrl, issuer: this.localIssuer, mint: options => this.mintToken(options) }));
    this.issuerUrl = await this.listen(this.issuerServer);
    this.checkOverrides(model);
    if (this.options.watch) this.watch();
  }

  url(api?: string, stage?: string): string {
    const { found, name } = this.findStage(api, stage);
    return found.stages[name];
  }

  callbackUrl(api?: string, stage?: string): string {
    const { found, name } = this.findStage(api, stage);
    const url = found.callbackUrls?.[name];
    if (url === undefined) throw new EmulatorError(`API ${found.name} is an ${found.protocol} API: only WebSocket APIs have a @connections API (\`callbackUrl\`)`);
    return url;
  }

  /** The API and stage `url()` and `callbackUrl()` name, or an error naming what exists. */
  private findStage(api: string | undefined, stage: string | undefined): { found: EmulatedApi; name: string } {
    const served = this.apis;
    const found = api === undefined
      ? (served.length === 1 ? served[0] : undefined)
      : served.find(a => a.name === api || a.path === api || a.id === api || a.path.endsWith(`/${api}`));
    if (!found) {
      const names = served.map(a => a.name).join(', ') || 'none';
      throw new EmulatorError(api === undefined
        ? `\`url()\` needs the API's name: the app has ${served.length} APIs (${names})`
        : `no API named '${api}': the APIs are ${names}`);
    }
    const stages = Object.keys(found.stages);
    const name = stage ?? (stages.includes('$default') ? '$default' : stages.length === 1 ? stages[0] : undefined);
    if (name === undefined || found.stages[name] === undefined) {
      throw new EmulatorError(`API ${found.name} has no stage ${stage === undefined ? '$default' : `'${stage}'`}: its stages are ${stages.join(', ') || 'none'}`);
    }
    return { found, name };
  }

  mintToken(options: MintTokenOptions = {}): string {
    const authorizers = (this.model?.apis ?? []).flatMap(api => api.routes.map(r => r.authorizer))
      .filter(a => a?.jwt !== undefined && this.keySourceFor(a.jwt.issuer).kind === 'local');
    const issuers = [...new Set(authorizers.map(a => a!.jwt!.issuer))];
    const issuer = options.issuer ?? (issuers.length === 1 ? issuers[0] : undefined);
    if (issuer === undefined) {
      throw new EmulatorError(issuers.length === 0
        ? '`mintToken` has no issuer: no JWT authorizer\'s issuer is served by the local issuer; set `localIssuer`, or pass `issuer`'
        : `\`mintToken\` needs an \`issuer\`: the local issuer serves ${issuers.join(', ')}`);
    }
    const audience = options.audience ?? authorizers.find(a => a!.jwt!.issuer === issuer)?.jwt?.audience[0];
    const now = Math.floor(this.clock() / 1000);
    return this.localIssuer.sign({
      iss: issuer,
      sub: options.subject ?? 'local-user',
      ...(audience !== undefined ? { aud: audience } : {}),
      ...(options.scopes ? { scope: options.scopes.join(' ') } : {}),
      iat: now,
      exp: now + (options.expiresInSeconds ?? 3600),
      ...options.claims,
    });
  }

  reload(): Promise<void> {
    this.reloading = this.reloading.then(async () => {
      if (this.closed) return;
      const model = this.load();
      await this.apply(model);
      this.logger.info(`reloaded ${this.assemblyDir}: ${this.describeApis()}`);
    });
    return this.reloading;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reloadTimer);
    this.watcher?.close();
    await this.runner?.close();
    const servers = [...[...this.listeners.values()].map(l => l.server), ...(this.issuerServer ? [this.issuerServer] : [])];
    // One per API listener: as many as the app has APIs.
    // eslint-disable-next-line @cdklabs/promiseall-no-unbounded-parallelism
    await Promise.all([...this.listeners.values()].map(l => l.handler?.close?.()));
    // eslint-disable-next-line @cdklabs/promiseall-no-unbounded-parallelism
    await Promise.all(servers.map(server => new Promise<void>(resolve => {
      server.close(() => resolve());
      server.closeAllConnections();
    })));
    this.listeners.clear();
  }

  /** Reads the assembly and builds what to serve. */
  private load(): AssemblyModel {
    const stacks = readAssembly(this.assemblyDir);
    const resolver = new Resolver(stacks, { region: this.options.region ?? 'us-east-1', account: this.options.account ?? '123456789012' });
    const model = buildModel(stacks, resolver);
    const warnings = [...model.warnings];
    for (const api of model.apis) {
      if (!PROTOCOLS[api.protocol]) warnings.push(`${api.protocol} API ${api.name} (${api.path}) is not served: the emulator serves HTTP and WebSocket APIs`);
      if (api.stages.length === 0) {
        warnings.push(`${api.protocol} API ${api.name} (${api.path}) has no stage, so every ${api.protocol === 'HTTP' ? 'request to it answers 404' : 'handshake is refused (403)'}`);
      }
      if (api.protocol === 'WEBSOCKET') warnings.push(...webSocketWarnings(api));
    }
    const hostMajor = process.versions.node.split('.')[0];
    for (const fn of model.functions.values()) {
      const runtime = /^nodejs(\d+)/.exec(fn.runtime);
      if (runtime && runtime[1] !== hostMajor) {
        warnings.push(`function ${fn.path} has runtime ${fn.runtime} and runs here on Node.js ${process.versions.node}`);
      } else if (!runtime) {
        warnings.push(`function ${fn.path} has runtime ${fn.runtime}: the emulator runs only Node.js functions, so its routes answer 502`);
      }
    }
    this.warnings = warnings;
    for (const warning of warnings) this.logger.warn(warning);
    return model;
  }

  /** Serves a model: keeps the listeners of APIs still there, opens new ones, closes the rest. */
  private async apply(model: AssemblyModel): Promise<void> {
    const oldRunner = this.runner;
    const runner = new FunctionRunner({
      maxInstancesPerFunction: this.options.maxInstancesPerFunction ?? 8,
      environmentOf: fn => this.environmentOf(fn),
      sdkSearchPaths: [...new Set([process.cwd(), path.dirname(this.assemblyDir), EMULATOR_PACKAGE])],
      localHttps: () => localHttpsHosts(this.servedUrls()),
      output: {
        functionOutput: (fn, stream, line) => this.logger.functionOutput(fn.path, stream, line),
        warn: message => this.logger.warn(message),
      },
    });
    const ctx = this.context(runner, model.functions);
    const served = model.apis.filter(api => PROTOCOLS[api.protocol]);
    const keys = new Set(served.map(apiKey));
    for (const [key, listener] of this.listeners) {
      if (!keys.has(key)) {
        await listener.handler?.close?.();
        await new Promise<void>(resolve => {
          listener.server.close(() => resolve());
          listener.server.closeAllConnections();
        });
        this.listeners.delete(key);
      }
    }
    for (const api of served) {
      const key = apiKey(api);
      let listener = this.listeners.get(key);
      if (!listener) {
        const entry: { handler?: ProtocolHandler } = {};
        const server = http.createServer((req, res) => entry.handler!.handle(req, res));
        server.on('upgrade', (req, socket, head) => (entry.handler?.upgrade ? entry.handler.upgrade(req, socket, head) : socket.destroy()));
        const url = await this.listen(server);
        listener = Object.assign(entry, { server, url });
        this.listeners.set(key, listener);
      }
      const previous = listener.handler;
      listener.handler = PROTOCOLS[api.protocol]!(api, ctx);
      await previous?.close?.();
    }
    this.model = model;
    this.runner = runner;
    this.apis = served.map(api => describeApi(api, this.listeners.get(apiKey(api))!.url, model.functions));
    this.urls = Object.fromEntries(this.apis.map(api => [api.name, api.stages]));
    await oldRunner?.close();
  }

  private context(runner: FunctionRunner, functions: Map<string, FunctionModel>): GatewayContext {
    const overrides = Object.entries(this.options.httpProxy ?? {}).sort(([a], [b]) => b.length - a.length);
    return {
      runner,
      functions,
      clock: this.clock,
      jwks: this.jwksStore,
      keySourceFor: issuer => this.keySourceFor(issuer),
      iam: { mode: this.options.iam?.mode ?? 'signed', credentials: this.options.iam?.credentials ?? [] },
      proxyTarget: url => {
        const override = overrides.find(([prefix]) => url.startsWith(prefix));
        return override ? override[1].replace(/\/$/, '') + url.slice(override[0].replace(/\/$/, '').length) : url;
      },
      corsPreflight: this.options.corsPreflight ?? 'route-first',
      webSocketLimits: {
        idleTimeoutMs: (this.options.webSocket?.idleTimeoutSeconds ?? 600) * 1000,
        maxDurationMs: (this.options.webSocket?.maxConnectionDurationSeconds ?? 7200) * 1000,
      },
      record: record => {
        this.requests.push(record);
        // Trimmed in steps, not on every request: `requests` keeps at least the latest `limit`.
        const limit = this.options.requestLogSize ?? 1000;
        if (this.requests.length > limit + Math.max(16, limit >> 3)) this.requests.splice(0, this.requests.length - limit);
        this.logger.request(record);
      },
      recordServiceCall: call => {
        this.serviceCalls.push(call);
      },
      warn: message => this.logger.warn(message),
    };
  }

  private keySourceFor(issuer: string): KeySource {
    const configured = this.options.jwks?.[issuer];
    if (typeof configured === 'string') return { kind: 'jwks-uri', url: configured };
    if (configured) return { kind: 'jwks', keys: configured.keys };
    const local = this.options.localIssuer;
    if (local === true || (Array.isArray(local) && local.includes(issuer))) return { kind: 'local' };
    return { kind: 'discovery', url: issuer };
  }

  /** A function's environment: Lambda's, the template's (API URLs made local) and the overrides. */
  private environmentOf(fn: FunctionModel): Record<string, string> {
    return lambdaEnvironment(fn, value => localUrls(value, this.servedUrls()), this.options.environment ?? {});
  }

  /** The local listener URL of each served API of the model. */
  private servedUrls(): ReadonlyArray<readonly [ApiModel, string]> {
    return (this.model?.apis ?? []).flatMap(api => {
      const listener = this.listeners.get(apiKey(api));
      return listener ? [[api, listener.url] as const] : [];
    });
  }

  private checkOverrides(model: AssemblyModel): void {
    const uris = model.apis.flatMap(api => api.routes.map(r => r.integration?.uri ?? ''));
    for (const prefix of Object.keys(this.options.httpProxy ?? {})) {
      if (!uris.some(uri => uri.startsWith(prefix))) this.logger.warn(`HTTP_PROXY override ${prefix}: no integration URI starts with it`);
    }
    const issuers = new Set(model.apis.flatMap(api => api.routes.map(r => r.authorizer?.jwt?.issuer)).filter(i => i !== undefined));
    for (const issuer of [...(Array.isArray(this.options.localIssuer) ? this.options.localIssuer : []), ...Object.keys(this.options.jwks ?? {})]) {
      if (!issuers.has(issuer)) this.logger.warn(`JWT issuer override ${issuer}: no JWT authorizer has this issuer (they have ${[...issuers].join(', ') || 'none'})`);
    }
    const fns = [...model.functions.values()];
    for (const key of Object.keys(this.options.environment ?? {})) {
      if (key !== '*' && !fns.some(fn => namesFunction(key, fn))) {
        this.logger.warn(`environment override ${key}: no function has this construct id or path, logical id or name`);
      }
    }
  }

  private listen(server: http.Server): Promise<string> {
    return new Promise((resolve, reject) => {
      const port = this.nextPort;
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE'
          ? new EmulatorError(`port ${port} on ${this.host} is in use; choose another first port (\`port\`, \`--port\`), or 0 for free ports`)
          : error);
      });
      server.listen(port, this.host, () => {
        const address = server.address() as AddressInfo;
        if (this.nextPort !== 0) this.nextPort = address.port + 1;
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(`http://${host}:${address.port}`);
      });
    });
  }

  private watch(): void {
    this.watcher = fs.watch(this.assemblyDir, (_event, file) => {
      if (file !== null && !String(file).endsWith('.json')) return;
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => {
        this.reload().catch(e => this.logger.warn(`reload failed, still serving the previous assembly: ${(e as Error).message}`));
      }, 300);
    });
  }

  private describeApis(): string {
    return this.apis.map(api => `${api.name} (${api.routes.length} routes)`).join(', ') || 'no APIs';
  }
}

function apiKey(api: ApiModel): string {
  return `${api.path}/${api.stackName}/${api.logicalId}`;
}
