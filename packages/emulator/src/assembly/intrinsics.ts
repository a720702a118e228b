import { getAttOf, refOf, UnresolvableError } from './physical-ids';
import type { ResourceRef } from './physical-ids';
import type { StackTemplate } from './reader';

/** `Ref: AWS::NoValue`: the property or list item it stands in is left out. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** The account and Region the emulator pretends to run in, where a stack does not set its own. */
export interface ResolverEnvironment {
  readonly region: string;
  readonly account: string;
}

const MAX_DEPTH = 64;

/**
 * Resolves CloudFormation intrinsic functions over all the templates of an assembly: `Ref`
 * (resources, parameters, pseudo parameters), `Fn::GetAtt` (nested stack outputs included),
 * `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`, `Fn::ImportValue` (exports of any stack of
 * the assembly), `Fn::GetStackOutput` (CDK's weak cross-stack references), `Fn::If` with the
 * template's `Conditions`, `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Fn::FindInMap`,
 * `Fn::Base64`, `Fn::GetAZs`, `Fn::ToJsonString` and `Fn::Length`. Resources get the physical ids
 * of physical-ids.ts. A reference with no local value raises UnresolvableError.
 */
export class Resolver {
  private exports?: Map<string, { stack: StackTemplate; value: unknown }>;
  private readonly conditions = new Map<StackTemplate, Map<string, boolean>>();

  constructor(readonly stacks: readonly StackTemplate[], readonly env: ResolverEnvironment) {}

  /** The Region of a stack: its own environment's, or the emulator's. */
  region(stack: StackTemplate): string {
    return stack.region ?? this.env.region;
  }

  account(stack: StackTemplate): string {
    return stack.account ?? this.env.account;
  }

  /** Resolves a template value; `NO_VALUE` for `Ref: AWS::NoValue`. */
  resolve(stack: StackTemplate, value: unknown, depth = 0): unknown {
    if (depth > MAX_DEPTH) throw new UnresolvableError('the references go round in a circle');
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      return value.map(item => this.resolve(stack, item, depth + 1)).filter(item => item !== NO_VALUE);
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::') || entries[0][0] === 'Condition')) {
      return this.intrinsic(stack, entries[0][0], entries[0][1], depth + 1);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const resolved = this.resolve(stack, item, depth + 1);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  /** Resolves a value that must be a string (numbers and booleans are written out). */
  resolveString(stack: StackTemplate, value: unknown, depth = 0): string {
    const resolved = this.resolve(stack, value, depth);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new UnresolvableError(`expected a string, got ${describe(resolved)}`);
  }

  /** Whether a resource is created: it has no `Condition`, or its condition holds. */
  isCreated(stack: StackTemplate, logicalId: string): boolean {
    const condition = stack.template.Resources?.[logicalId]?.Condition;
    return condition === undefined || this.condition(stack, condition, 0);
  }

  private condition(stack: StackTemplate, name: string, depth: number): boolean {
    let cache = this.conditions.get(stack);
    if (!cache) {
      cache = new Map();
      this.conditions.set(stack, cache);
    }
    const known = cache.get(name);
    if (known !== undefined) return known;
    const definition = stack.template.Conditions?.[name];
    if (definition === undefined) throw new UnresolvableError(`condition \`${name}\` is not defined in ${stack.name}`);
    const result = this.resolve(stack, definition, depth + 1);
    if (typeof result !== 'boolean') throw new UnresolvableError(`condition \`${name}\` is not a boolean: ${describe(result)}`);
    cache.set(name, result);
    return result;
  }

  private intrinsic(stack: StackTemplate, fn: string, arg: unknown, depth: number): unknown {
    switch (fn) {
      case 'Ref':
        return this.ref(stack, this.resolveString(stack, arg, depth), depth);
      case 'Fn::GetAtt': {
        const [id, attribute] = typeof arg === 'string'
          ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)]
          : (arg as unknown[]).map(part => this.resolveString(stack, part, depth));
        return this.getAtt(stack, String(id), String(attribute), depth);
      }
      case 'Fn::Join': {
        const [delimiter, list] = arg as [string, unknown];
        const items = this.resolve(stack, list, depth);
        if (!Array.isArray(items)) throw new UnresolvableError(`\`Fn::Join\` needs a list, got ${describe(items)}`);
        return items.map(item => {
          if (typeof item === 'object' || item === undefined) throw new UnresolvableError(`\`Fn::Join\` of a non-string ${describe(item)}`);
          return String(item);
        }).join(String(delimiter));
      }
      case 'Fn::Sub':
        return this.sub(stack, arg, depth);
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        const items = this.resolve(stack, list, depth);
        const i = Number(this.resolve(stack, index, depth));
        if (!Array.isArray(items) || !(i >= 0 && i < items.length)) {
          throw new UnresolvableError(`\`Fn::Select\` index ${i} is outside ${describe(items)}`);
        }
        return items[i];
      }
      case 'Fn::Split': {
        const [delimiter, source] = arg as [string, unknown];
        return this.resolveString(stack, source, depth).split(String(delimiter));
      }
      case 'Fn::ImportValue':
        return this.importValue(this.resolveString(stack, arg, depth), depth);
      case 'Fn::GetStackOutput': {
        const spec = this.resolve(stack, arg, depth) as { StackName?: string; OutputName?: string };
        // Stack names are unique within a cloud assembly (CDK stages have their own).
        const named = this.stacks.filter(s => s.stackName === spec.StackName && !s.parent);
        const other = named.find(s => s.assemblyDir === stack.assemblyDir) ?? named[0];
        const output = other?.template.Outputs?.[String(spec.OutputName)];
        if (!other || !output) {
          throw new UnresolvableError(`\`Fn::GetStackOutput\` of output \`${spec.OutputName}\` of stack \`${spec.StackName}\`, which is not in the assembly`);
        }
        return this.resolve(other, output.Value, depth);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return this.resolve(stack, this.condition(stack, condition, depth) ? whenTrue : whenFalse, depth);
      }
      case 'Condition':
        return this.condition(stack, String(arg), depth);
      case 'Fn::Equals': {
        const [a, b] = (arg as unknown[]).map(item => this.resolve(stack, item, depth));
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::And':
        return (arg as unknown[]).every(item => this.resolve(stack, item, depth) === true);
      case 'Fn::Or':
        return (arg as unknown[]).some(item => this.resolve(stack, item, depth) === true);
      case 'Fn::Not':
        return this.resolve(stack, (arg as unknown[])[0], depth) !== true;
      case 'Fn::FindInMap': {
        const [map, top, second, options] = arg as unknown[];
        const names = [map, top, second].map(part => this.resolveString(stack, part, depth));
        const found = stack.template.Mappings?.[names[0]]?.[names[1]]?.[names[2]];
        if (found !== undefined) return this.resolve(stack, found, depth);
        const fallback = (options as { DefaultValue?: unknown } | undefined)?.DefaultValue;
        if (fallback !== undefined) return this.resolve(stack, fallback, depth);
        throw new UnresolvableError(`\`Fn::FindInMap\` found nothing at ${names.join('/')}`);
      }
      case 'Fn::Base64':
        return Buffer.from(this.resolveString(stack, arg, depth)).toString('base64');
      case 'Fn::GetAZs': {
        const region = this.resolveString(stack, arg, depth) || this.region(stack);
        return ['a', 'b', 'c'].map(zone => `${region}${zone}`);
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolve(stack, arg, depth));
      case 'Fn::Length': {
        const items = this.resolve(stack, arg, depth);
        if (!Array.isArray(items)) throw new UnresolvableError(`\`Fn::Length\` of ${describe(items)}`);
        return items.length;
      }
      default:
        throw new UnresolvableError(`the intrinsic function \`${fn}\` is not supported`);
    }
  }

  private ref(stack: StackTemplate, name: string, depth: number): unknown {
    switch (name) {
      case 'AWS::Region': return this.region(stack);
      case 'AWS::AccountId': return this.account(stack);
      case 'AWS::Partition': return 'aws';
      case 'AWS::URLSuffix': return 'amazonaws.com';
      case 'AWS::StackName': return stack.stackName;
      case 'AWS::StackId': return `arn:aws:cloudformation:${this.region(stack)}:${this.account(stack)}:stack/${stack.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NoValue': return NO_VALUE;
      case 'AWS::NotificationARNs': return [];
      default: break;
    }
    const parameter = stack.template.Parameters?.[name];
    if (parameter) {
      if (stack.parent && name in stack.parameters) return this.resolve(stack.parent, stack.parameters[name], depth);
      if (String(parameter.Type ?? '').startsWith('AWS::SSM::Parameter::Value')) {
        throw new UnresolvableError(`parameter \`${name}\` of ${stack.name} is read from SSM parameter \`${parameter.Default}\` at deploy time`);
      }
      if (parameter.Default === undefined) throw new UnresolvableError(`parameter \`${name}\` of ${stack.name} has no default value`);
      return parameter.Default;
    }
    return refOf(this.resourceRef(stack, name));
  }

  private getAtt(stack: StackTemplate, logicalId: string, attribute: string, depth: number): unknown {
    const resource = stack.template.Resources?.[logicalId];
    const output = /^Outputs\.(.+)$/.exec(attribute);
    if (resource?.Type === 'AWS::CloudFormation::Stack' && output) {
      const child = stack.nested.find(n => n.logicalIdInParent === logicalId);
      const value = child?.template.Outputs?.[output[1]];
      if (!child || !value) throw new UnresolvableError(`nested stack \`${logicalId}\` has no output \`${output[1]}\``);
      return this.resolve(child, value.Value, depth);
    }
    return getAttOf(this.resourceRef(stack, logicalId), attribute);
  }

  private resourceRef(stack: StackTemplate, logicalId: string): ResourceRef {
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) throw new UnresolvableError(`\`${logicalId}\` is neither a resource nor a parameter of ${stack.name}`);
    return {
      stack,
      logicalId,
      resource,
      region: this.region(stack),
      account: this.account(stack),
      prop: (property) => {
        const value = resource.Properties?.[property];
        return value === undefined ? undefined : this.resolveString(stack, value);
      },
    };
  }

  private sub(stack: StackTemplate, arg: unknown, depth: number): string {
    const [text, variables] = typeof arg === 'string' ? [arg, {}] : (arg as [string, Record<string, unknown>]);
    return String(text).replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (variables && name in variables) return this.resolveString(stack, variables[name], depth);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) {
        return String(this.getAtt(stack, name.slice(0, dot), name.slice(dot + 1), depth));
      }
      const value = this.ref(stack, name, depth);
      if (typeof value === 'object') throw new UnresolvableError(`\`\${${name}}\` in \`Fn::Sub\` is not a string`);
      return String(value);
    });
  }

  private importValue(name: string, depth: number): unknown {
    if (!this.exports) {
      this.exports = new Map();
      for (const stack of this.stacks) {
        for (const output of Object.values(stack.template.Outputs ?? {})) {
          if (output.Export?.Name === undefined) continue;
          try {
            this.exports.set(this.resolveString(stack, output.Export.Name), { stack, value: output.Value });
          } catch {
            // An export whose name cannot be resolved here cannot be imported by name either.
          }
        }
      }
    }
    const found = this.exports.get(name);
    if (!found) throw new UnresolvableError(`\`Fn::ImportValue\` of \`${name}\`, which no stack of the assembly exports`);
    return this.resolve(found.stack, found.value, depth);
  }
}

function describe(value: unknown): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
