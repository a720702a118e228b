import type { IConstruct } from 'constructs';
import { Stack } from 'aws-cdk-lib';
import { apiRegistryOf } from './api-registry';
import { resourceOf } from './dependency';
import { validateThrottle } from './validators';
import { warn } from './error';

/** The settings a route of a stage may have, of either protocol (WebSocket stages have them all). */
export interface RouteSettingValues {
  readonly throttle?: { readonly rateLimit?: number; readonly burstLimit?: number };
  readonly detailedMetricsEnabled?: boolean;
  readonly loggingLevel?: string;
  readonly dataTraceEnabled?: boolean;
}

/** A stage's `RouteSettings`, as CloudFormation's JSON property takes them. */
export type RenderedRouteSettings = { [routeKey: string]: { [setting: string]: string | number | boolean | undefined } };

/**
 * The per-route settings of one stage, of either protocol: what each route overrides of the
 * stage's own settings, rendered with CloudFormation's key names, and the rules between the
 * settings and the routes of the stage's API.
 */
export class StageRouteSettings<O extends RouteSettingValues> {
  private readonly byKey = new Map<string, O>();

  /**
   * @param stage the stage
   * @param api the stage's API, whose registry knows its routes
   * @param defaults the stage's own settings, which a route's settings fall back to
   */
  constructor(private readonly stage: IConstruct, private readonly api: IConstruct, private readonly defaults: O) {}

  /** Sets the settings of one route, replacing earlier ones. */
  public set(routeKey: string, options: O): void {
    validateThrottle(this.stage, `routeSettings['${routeKey}'].throttle`, options.throttle?.rateLimit, options.throttle?.burstLimit);
    this.byKey.set(routeKey, options);
  }

  /** The settings of every route that has some. */
  public values(): O[] {
    return [...this.byKey.values()];
  }

  /** The settings for CloudFormation; undefined when no route has any. `RouteSettings` is a JSON property, so CloudFormation's own key names are written here. */
  public render(): RenderedRouteSettings | undefined {
    if (this.byKey.size === 0) return undefined;
    const rendered: RenderedRouteSettings = {};
    for (const [key, options] of this.byKey) {
      rendered[key] = {
        ThrottlingBurstLimit: options.throttle?.burstLimit ?? this.defaults.throttle?.burstLimit,
        ThrottlingRateLimit: options.throttle?.rateLimit ?? this.defaults.throttle?.rateLimit,
        DetailedMetricsEnabled: options.detailedMetricsEnabled ?? this.defaults.detailedMetricsEnabled,
        LoggingLevel: options.loggingLevel ?? this.defaults.loggingLevel,
        DataTraceEnabled: options.dataTraceEnabled ?? this.defaults.dataTraceEnabled,
      };
    }
    return rendered;
  }

  /**
   * The stage must be created or updated after the routes its settings name: it depends on
   * those of its own stack, and warns about those of another. Run it once the app is built.
   */
  public dependOnRoutes(): void {
    const registry = apiRegistryOf(this.api);
    for (const key of this.byKey.keys()) {
      const route = registry.findRoute(key);
      if (!route) continue;
      if (Stack.of(route) === Stack.of(this.stage)) {
        this.stage.node.addDependency(resourceOf(route));
      } else {
        warn(this.stage, 'routeSettingsOtherStack',
          `route settings for '${key}' name a route of another stack: deploy that stack before this stage's changes reach it`);
      }
    }
  }

  /**
   * The keys of settings that name no route of the API, which API Gateway refuses, each as
   * `problem` words it. Only an API this library created has every route in view: others
   * (imports, aws-cdk-lib's) have routes made elsewhere and give none.
   */
  public unknownRoutes(problem: (routeKey: string) => string | undefined): string[] {
    const registry = apiRegistryOf(this.api);
    if (!registry.seesEveryRoute) return [];
    return [...this.byKey.keys()].filter(key => !registry.findRoute(key)).flatMap(key => problem(key) ?? []);
  }
}
