import type { IConstruct } from 'constructs';
import { Stack, Token } from 'aws-cdk-lib';
import { refuse, warn } from './error';
import type { Quota } from './limits';
import { Raise, howToRaise } from './limits';
import { watchResourceLimit } from './stack-limits';
import { AWS_CDK_LIB_TEMPLATES, templateCompatibilityFromContext } from './template-compatibility';

/**
 * What this app knows about one API: its routes, stage names, authorizers and integrations,
 * each count with its quota. There is one registry per API object, whether the API was created
 * here, imported with `fromXxxAttributes`, or is a reference from aws-cdk-lib: `apiRegistryOf`
 * finds it by the object.
 *
 * The registry is protocol-neutral. A protocol (lib/http, lib/websocket) hands it an
 * `ApiProtocol` the first time it asks for the registry: its quotas and its route checker (HTTP:
 * the path trie of lib/http/private/route-table.ts; WebSocket: plain keys). A rule written here
 * holds for both protocols.
 *
 * What is per stack (CloudFormation's 500 resources) stays per stack: see stack-limits.ts.
 */

/** What a protocol brings to the registries of its APIs. */
export interface ApiProtocol<P = unknown> {
  /** The protocol's name in messages: `HTTP` or `WebSocket`. */
  readonly name: string;
  /** The per-API quotas. */
  readonly quotas: {
    readonly routes: Quota;
    readonly stages: Quota;
    readonly authorizers: Quota;
    readonly integrations: Quota;
  };
  /** Whether APIs of this protocol get a `$default` stage of their own (for the fix of a duplicate stage name). */
  readonly hasDefaultStage: boolean;
  /** How to move routes to another stack, for the message of a stack past its resource limit. */
  readonly routeMove: string;
  /** A route checker for a new API. */
  newRouteChecker(api: IConstruct): RouteChecker<P>;
}

/** Checks the route keys of one API against API Gateway's rules and against each other. */
export interface RouteChecker<P> {
  /**
   * Parses a new key and checks it against API Gateway's rules and the keys accepted so far,
   * refusing (scoped to `scope`) what the protocol refuses; records it and returns its parsed
   * form. The registry has refused a key that is already registered before this is called.
   */
  add(key: string, scope?: IConstruct): P;

  /** Refuses a key that the route `existing` of the same API already has. */
  refuseDuplicate(key: string, scope: IConstruct, existing: IConstruct): never;
}

/**
 * What holds an API's routes in place of route resources: the OpenAPI document an HTTP API is
 * imported from (lib/http/spec-api.ts). The registry records the keys it defines as routes, so
 * that quotas, route conflicts and route settings see them; routes added in code go into it
 * instead of becoming resources, and one with a key it defines is refused in its words.
 */
export interface RouteDefinition {
  /** Refuses a route added in code whose key the definition already has, saying what to do instead. */
  refuseDuplicate(key: string, scope: IConstruct, existing: IConstruct): never;
}

/** A route this app added to an API. */
export interface RegisteredRoute<P = unknown> {
  /** The route key. */
  readonly key: string;
  /** The route construct, or the API for a route its route definition holds. */
  readonly route: IConstruct;
  /** The definition that holds the route, when no route construct of its own does. */
  readonly definition?: RouteDefinition;
  /** The key as the protocol's route checker parsed it. */
  readonly parsed: P;
  /** The route's responses (WebSocket route responses), by response key; see `responsesOf`. */
  responses?: Map<string, IConstruct>;
}

/** An integration resource this app created for an API. */
export interface RegisteredIntegration {
  /** The integration construct. */
  readonly integration: IConstruct;
  /** Its integration type, e.g. `AWS_PROXY`, when known. */
  readonly type?: string;
  /** Its responses (WebSocket integration responses), by response key; see `responsesOf`. */
  responses?: Map<string, IConstruct>;
}

/** The registry of one API. */
export class ApiRegistry {
  /**
   * Whether every route of the API goes through this registry: true for APIs created with this
   * library, false for imports and references, which may have routes made elsewhere.
   */
  public seesEveryRoute = false;

  private protocol?: ApiProtocol;
  private checker?: RouteChecker<unknown>;
  private definition?: RouteDefinition;
  private readonly routesByKey = new Map<string, RegisteredRoute>();
  private readonly stagesByName = new Map<string, IConstruct>();
  private stageCount = 0;
  private readonly authorizers: IConstruct[] = [];
  private readonly integrations = new Map<IConstruct, RegisteredIntegration>();
  private readonly sharedIntegrations = new Map<string, IConstruct>();
  private readonly invokeGrants = new Map<string, Set<IConstruct>>();
  private templates?: string;
  private shareSetting?: boolean;

  constructor(private readonly api: IConstruct) {}

  // ---- template compatibility

  /**
   * Sets the templates this API synthesizes, `'aws-cdk-lib'` or `'cdk-apigatewayv2'` (the
   * values of `TemplateCompatibility`), from the API's own prop; without it, the registry reads
   * the app's context when first asked.
   */
  public useTemplates(templates: string | undefined): void {
    // A value outside the enum (from JavaScript, or from a property injector) is refused by the
    // constructor's argument check, which injectProps() runs again on injected props.
    this.templates = templates ?? templateCompatibilityFromContext(this.api);
  }

  /**
   * Whether this API synthesizes aws-cdk-lib's templates: one Lambda permission per route and
   * no shared integrations, unless an integration or the API says otherwise.
   */
  public get awsCdkLibTemplates(): boolean {
    this.templates ??= templateCompatibilityFromContext(this.api);
    return this.templates === AWS_CDK_LIB_TEMPLATES;
  }

  /**
   * Whether integration objects that configure the same backend call share one integration
   * resource (per stack): the API's `shareIntegrations` when set, else not under aws-cdk-lib's
   * templates, else yes.
   */
  public get shareIntegrations(): boolean {
    return this.shareSetting ?? !this.awsCdkLibTemplates;
  }

  /** Sets `shareIntegrations` from the API's prop; undefined leaves it to the templates. */
  public set shareIntegrations(share: boolean | undefined) {
    this.shareSetting = share;
  }

  /** Sets the protocol of this API the first time; refuses a second, different one. */
  public useProtocol(protocol: ApiProtocol): void {
    if (this.protocol === protocol) return;
    if (this.protocol) {
      refuse('apiProtocol', `the API at ${this.api.node.path} is used as both ${article(this.protocol.name)} and ${article(protocol.name)} API: `
        + 'pass each API only where its protocol is expected', this.api);
    }
    this.protocol = protocol;
    this.checker = protocol.newRouteChecker(this.api);
  }

  // ---- routes

  /**
   * Records a route; refuses a key the API already has and whatever the protocol's route
   * checker refuses. Warns past the route quota, and watches the route's stack for its
   * resource limit (an imported API has no validation of its own).
   */
  public registerRoute<P>(key: string, route: IConstruct): P {
    return this.addRoute<P>(key, route);
  }

  /** Refuses a key the API already has, before a construct id collision would. */
  public assertRouteFree(key: string, scope: IConstruct): void {
    const existing = this.routesByKey.get(key);
    if (existing) this.refuseDuplicate(existing, scope);
  }

  /**
   * Declares that `definition` holds this API's routes instead of route resources, and records
   * the keys it defines as routes of `api` (checked, counted and watched like the others).
   */
  public defineRoutes(definition: RouteDefinition, keys: Iterable<string>): void {
    this.definition = definition;
    for (const key of keys) this.addRoute(key, this.api, definition);
  }

  /**
   * What holds this API's routes instead of route resources, if something does (see
   * `RouteDefinition`); `D` is the protocol's own interface of it.
   */
  public routeDefinition<D extends RouteDefinition>(): D | undefined {
    return this.definition as D | undefined;
  }

  /** The route with this key that this app added, if any. */
  public findRoute(key: string): IConstruct | undefined {
    return this.routesByKey.get(key)?.route;
  }

  /** The registered route whose construct is `route`, if it is one. */
  public entryOf(route: IConstruct & { readonly routeKey: string | { readonly key: string } }): RegisteredRoute | undefined {
    const key = typeof route.routeKey === 'string' ? route.routeKey : route.routeKey.key;
    const entry = this.routesByKey.get(key);
    return entry?.route === route ? entry : undefined;
  }

  /** Every route this app added, in the order they were added. */
  public routes<P = unknown>(): RegisteredRoute<P>[] {
    return [...this.routesByKey.values()] as RegisteredRoute<P>[];
  }

  /** Where the API's routes are: the stack of the API and those of its routes. */
  public routeStacks(): Stack[] {
    return [...new Set([Stack.of(this.api), ...[...this.routesByKey.values()].map(r => Stack.of(r.route))])];
  }

  /** How to move routes to another stack, for resource-limit messages. */
  public get routeMove(): string {
    return this.protocolParts().protocol.routeMove;
  }

  /**
   * The responses of a registered route or integration, by response key: created on first use,
   * as only WebSocket routes and integrations have responses.
   */
  public responsesOf(entry: RegisteredRoute | RegisteredIntegration): Map<string, IConstruct> {
    entry.responses ??= new Map();
    return entry.responses;
  }

  // ---- stages

  /**
   * Records a stage: refuses a name another stage of the API has (CloudFormation would only
   * reject it at deploy time), and counts the stage for its quota.
   */
  public registerStage(name: string, stage: IConstruct): void {
    const { protocol } = this.protocolParts();
    if (!Token.isUnresolved(name)) {
      const existing = this.stagesByName.get(name);
      if (existing) {
        const fix = name === '$default' && protocol.hasDefaultStage
          ? 'give this stage a `stageName`, or create the API with `createDefaultStage: false`'
          : 'give this stage another `stageName`';
        refuse('duplicateStageName', `duplicate \`stageName\` '${name}': the stage at ${existing.node.path} already has it, and the stages of an API have unique names; ${fix}`, stage);
      }
      this.stagesByName.set(name, stage);
    }
    this.stageCount += 1;
    warnPastQuota(this.api, this.stageCount, protocol.quotas.stages);
  }

  // ---- authorizers

  /** Records an authorizer resource of the API, for its quota. */
  public registerAuthorizer(authorizer: IConstruct): void {
    this.authorizers.push(authorizer);
    warnPastQuota(this.api, this.authorizers.length, this.protocolParts().protocol.quotas.authorizers);
  }

  // ---- integrations

  /** How many integration resources this app created for the API. */
  public get integrationCount(): number {
    return this.integrations.size;
  }

  /** The quota on integrations, which a protocol whose quota AWS never raises checks before creating one. */
  public get integrationQuota(): Quota {
    return this.protocolParts().protocol.quotas.integrations;
  }

  /** Records a new integration resource of the API and its type, warning past a raisable quota. */
  public registerIntegration(integration: IConstruct, type?: string): void {
    this.integrations.set(integration, { integration, type });
    warnPastQuota(this.api, this.integrations.size, this.integrationQuota);
  }

  /** Offers an integration resource for sharing under a key: routes whose integration has the same key use it. */
  public shareIntegration(sharingKey: string, integration: IConstruct): void {
    this.sharedIntegrations.set(sharingKey, integration);
  }

  /** The integration resource shared under a key, if one exists. */
  public findSharedIntegration(sharingKey: string): IConstruct | undefined {
    return this.sharedIntegrations.get(sharingKey);
  }

  /** The registered integration whose construct is `integration`, if it is one. */
  public integrationEntryOf(integration: IConstruct): RegisteredIntegration | undefined {
    return this.integrations.get(integration);
  }

  // ---- Lambda permissions

  /**
   * Claims the one permission that lets this API invoke `handler` from `stack`: true the first
   * time for a function, stack and kind of permission (this library's, or aws-cdk-lib's
   * API-scoped one), false afterwards.
   */
  public claimInvokeGrant(stack: Stack, handler: IConstruct, kind: 'api' | 'aws-cdk-lib' = 'api'): boolean {
    const key = `${kind}|${stack.node.addr}`;
    let granted = this.invokeGrants.get(key);
    if (!granted) {
      granted = new Set();
      this.invokeGrants.set(key, granted);
    }
    if (granted.has(handler)) return false;
    granted.add(handler);
    return true;
  }

  private addRoute<P>(key: string, route: IConstruct, definition?: RouteDefinition): P {
    const { protocol, checker } = this.protocolParts();
    const existing = this.routesByKey.get(key);
    if (existing) this.refuseDuplicate(existing, route);
    const parsed = checker.add(key, route) as P;
    this.routesByKey.set(key, { key, route, parsed, definition });
    warnPastQuota(this.api, this.routesByKey.size, protocol.quotas.routes);
    watchResourceLimit(route, protocol.routeMove);
    return parsed;
  }

  /** Refuses a route whose key `existing` has: in the words of the definition that holds it, or of the protocol. */
  private refuseDuplicate(existing: RegisteredRoute, scope: IConstruct): never {
    return (existing.definition ?? this.protocolParts().checker).refuseDuplicate(existing.key, scope, existing.route);
  }

  private protocolParts(): { protocol: ApiProtocol; checker: RouteChecker<unknown> } {
    if (!this.protocol || !this.checker) {
      // Every protocol-specific caller reaches the registry through its protocol's accessor.
      refuse('internalError', `internal error: the registry of ${this.api.node.path} was used before its protocol was set; please report this`, this.api);
    }
    return { protocol: this.protocol, checker: this.checker };
  }
}

const registries = new WeakMap<object, ApiRegistry>();

/**
 * The registry of an API object. A protocol passes its rules, which the registry keeps from
 * the first call on; protocol-neutral callers (route settings, Lambda permissions) pass none.
 */
export function apiRegistryOf(api: IConstruct, protocol?: ApiProtocol): ApiRegistry {
  let registry = registries.get(api);
  if (!registry) {
    registry = new ApiRegistry(api);
    registries.set(api, registry);
  }
  if (protocol) registry.useProtocol(protocol);
  return registry;
}

/**
 * Warns once, when a count first passes a quota that AWS raises, naming the quota and where to
 * raise it; quotas AWS never raises are refused by their callers instead. The warning's id is
 * the quota's `warning`, e.g. `cdk-apigatewayv2:lambdaAuthorizersQuota`.
 */
function warnPastQuota(api: IConstruct, count: number, quota: Quota): void {
  if (count !== quota.value + 1 || quota.raise === Raise.NEVER || !quota.warning) return;
  warn(api, quota.warning,
    `this API has more than ${quota.value} ${quota.counted}, API Gateway's default quota: ${howToRaise(quota)} `
    + 'before deploying, or the deploy fails');
}

function article(protocol: string): string {
  return /^[aeiouh]/i.test(protocol) ? `an ${protocol}` : `a ${protocol}`;
}
