import { App } from 'aws-cdk-lib';
import type { AppCode, Modules } from './modules';

/** The templates of an app's stacks, by stack name. */
export interface AppTemplates {
  readonly [stackName: string]: Template;
}

/** What synthesizing an app gives: its templates, and the warnings of its stacks (`path: message`). */
export interface Synthesized {
  readonly templates: AppTemplates;
  readonly warnings: string[];
}

/** A CloudFormation template as JSON. */
export interface Template {
  readonly [section: string]: any;
}

/**
 * Synthesizes an app with the given modules and context, with the metadata `cdk deploy` writes
 * (`aws:cdk:path` on every resource, and `CDKMetadata`), and returns its templates without
 * `CDKMetadata`: the analytics resource and its condition, which name the libraries an app uses
 * and which `cdk diff` ignores.
 */
export function synthesize(code: AppCode, modules: Modules, context: { [key: string]: unknown } = {}): Synthesized {
  const app = new App({ analyticsReporting: true, context: { 'aws:cdk:enable-path-metadata': true, ...context } });
  code(modules, app);
  const templates: { [stackName: string]: Template } = {};
  const warnings: string[] = [];
  for (const stack of app.synth().stacks) {
    templates[stack.stackName] = withoutCdkMetadata(stack.template);
    warnings.push(...stack.messages.filter(m => m.level === 'warning').map(m => `${m.id}: ${String(m.entry.data)}`));
  }
  return { templates, warnings };
}

function withoutCdkMetadata(template: Template): Template {
  const { Resources = {}, Conditions, ...rest } = template;
  const resources = Object.fromEntries(Object.entries(Resources).filter(([, r]: [string, any]) => r.Type !== 'AWS::CDK::Metadata'));
  const { CDKMetadataAvailable: _analytics, ...conditions } = Conditions ?? {};
  return { ...rest, Resources: resources, ...Object.keys(conditions).length > 0 ? { Conditions: conditions } : {} };
}

/**
 * One difference between two builds of an app: a value at `path` in the template of `stack`
 * (`['Resources', logicalId, 'Properties', ...]`) that is `before` in one and `after` in the
 * other (undefined where absent). A resource only one build has is one difference at its
 * logical id.
 */
export interface TemplateDifference {
  readonly stack: string;
  readonly path: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
  /** The template `after` is in, to look up what a difference refers to. */
  readonly afterTemplate: Template;
  /** The resource the path is in, in each build, when the path is in a resource. */
  readonly resourceBefore?: any;
  readonly resourceAfter?: any;
}

/** Every difference between two builds of an app, as the leaves where their JSON differs. */
export function templateDifferences(before: AppTemplates, after: AppTemplates): TemplateDifference[] {
  const differences: TemplateDifference[] = [];
  for (const stack of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const collect = (a: unknown, b: unknown, path: string[]): void => {
      if (JSON.stringify(a) === JSON.stringify(b)) return;
      if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
        for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) collect(a[key], b[key], [...path, key]);
        return;
      }
      const inResource = path[0] === 'Resources' && path.length > 1;
      differences.push({
        stack,
        path,
        before: a,
        after: b,
        afterTemplate: after[stack] ?? {},
        resourceBefore: inResource ? before[stack]?.Resources?.[path[1]] : undefined,
        resourceAfter: inResource ? after[stack]?.Resources?.[path[1]] : undefined,
      });
    };
    collect(before[stack], after[stack], []);
  }
  return differences;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null;
}

/** A difference in a line, for test failures: `Stack Resources/Id/Properties/X: before -> after`. */
export function describeDifference(d: TemplateDifference): string {
  const shown = (value: unknown) => (value === undefined ? 'absent' : JSON.stringify(value).slice(0, 160));
  return `${d.stack} ${d.path.join('/')}: ${shown(d.before)} -> ${shown(d.after)}`;
}
