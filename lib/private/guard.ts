import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import { refuse, refuseAt, shown } from './error';
import type { DeclaredType } from './signatures';
import { ENTRIES, ENUMS, STRUCTS } from './signatures';

/*
 * JavaScript callers have no compiler to check what they pass. Every public constructor and
 * method checks its arguments against the types it declares (read from the jsii assembly into
 * signatures.ts), so that a missing or mistyped value is refused with the library's own error,
 * naming the setting, instead of surfacing as a TypeError from deep inside the library.
 *
 * Only types are checked here: what a value must be within its type is each rule's business.
 * Unresolved tokens pass (a token of a string is a string, of a number a number).
 */

/**
 * Checks the arguments of the public entry point `entry` (`HttpApi.new`, `HttpApiBase.addRoutes`)
 * against its declared parameters. `self` is the object whose method runs, when there is one;
 * constructors pass none (their scope argument is named instead).
 */
export function checkArguments(entry: string, args: readonly unknown[], self?: unknown): void {
  const params = ENTRIES[entry];
  if (!params) return;
  const takesScope = params[0]?.[1] === 'external:constructs.Construct' && params[1]?.[0] === 'id';
  // Where a message points is worked out only when there is a message: most calls pass.
  const at = new CallSite(entry, args, self, takesScope);
  if (takesScope && args[1] === '') {
    fail(`invalid \`id\` '' in ${at.call}: a construct id is a non-empty string`, at);
  }
  params.forEach(([name, type, flags], i) => {
    if (name.startsWith('_')) {
      // A parameter the method does not use (`bind(_options)`) is not checked.
      return;
    } else if (flags & 2) {
      // A variadic parameter receives the rest of the arguments as an array.
      (args[i] as unknown[]).forEach((value, j) => check(value, type, false, `${name}[${j}]`, at));
    } else {
      check(args[i], type, (flags & 1) === 1, name, at);
    }
  });
}

/** The call being checked: how a message names it, and the path of the construct it names. */
class CallSite {
  constructor(private readonly entry: string, private readonly args: readonly unknown[],
    private readonly self: unknown, private readonly takesScope: boolean) {}

  /** `new HttpApi()`, `HttpApiBase.addRoutes()`. */
  public get call(): string {
    return callName(this.entry);
  }

  /** The construct a message names: the one whose method runs, or the one being created. */
  public get scope(): string | undefined {
    const [first, id] = this.args;
    if (isConstruct(this.self)) return this.self.node.path;
    if (!isConstruct(first)) return undefined;
    return this.takesScope && typeof id === 'string' && id !== '' ? childPath(first, id) : first.node.path;
  }
}

function fail(message: string, at: CallSite): never {
  const where = at.scope;
  return where === undefined ? refuse('argumentType', message) : refuseAt('argumentType', message, where);
}

function childPath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/** How a message names the value checked; built only when there is a message. */
type Label = string | (() => string);

function text(label: Label): string {
  return typeof label === 'string' ? label : label();
}

function check(value: unknown, type: DeclaredType, optional: boolean, label: Label, at: CallSite): void {
  if (value === undefined) {
    if (!optional) fail(`missing \`${text(label)}\` in ${at.call}: it is required; give ${describe(type)}`, at);
    return;
  }
  if (value === null) {
    fail(`invalid \`${text(label)}\` null in ${at.call}: give ${describe(type)}${optional ? ', or leave it undefined' : ''}`, at);
  }
  const problem = mismatch(value, type, label, at);
  if (problem) fail(`invalid \`${text(label)}\` ${shown(value)} in ${at.call}: ${problem}`, at);
}

/** Why `value` is not of `type` (undefined when it is); checks the props of structs, the elements of collections. */
function mismatch(value: unknown, type: DeclaredType, label: Label, at: CallSite): string | undefined {
  if (Array.isArray(type)) {
    const [kind, ...members] = type;
    if (kind === 'union') {
      return members.some(member => mismatch(value, member, label, at) === undefined) ? undefined : `give ${describe(type)}`;
    }
    const element = members[0];
    if (kind === 'array') {
      if (!Array.isArray(value)) return `give ${describe(type)}`;
      value.forEach((item, i) => check(item, element, false, () => `${text(label)}[${i}]`, at));
      return undefined;
    }
    if (!isPlainObject(value)) return `give ${describe(type)}`;
    for (const [key, item] of Object.entries(value)) check(item, element, false, () => `${text(label)}.${key}`, at);
    return undefined;
  }
  const [kind, name] = kindAndName(type);
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? undefined : 'give a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'give a finite number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'give true or false';
    case 'date':
      return value instanceof Date ? undefined : 'give a Date';
    case 'any':
    case 'json':
      return undefined;
    case 'enum':
    case 'external-enum': {
      const values = Object.values(ENUMS[name] ?? {});
      if (values.includes(value as string | number) || ((typeof value === 'string' || typeof value === 'number') && Token.isUnresolved(value))) return undefined;
      const members = Object.keys(ENUMS[name] ?? {});
      const enumName = name.slice(name.lastIndexOf('.') + 1);
      const listed = members.map(member => `${enumName}.${member}`);
      return `use ${listed.length > 1 ? `${listed.slice(0, -1).join(', ')} or ${listed[listed.length - 1]}` : listed[0]}`;
    }
    case 'struct':
      if (!isPlainObject(value)) return `give ${describe(type)}`;
      for (const [prop, propType, flags] of STRUCTS[name] ?? []) {
        // The props of a constructor's `props` (or a method's `options`) are named as the user writes them.
        const propLabel: Label = label === 'props' || label === 'options' ? prop : () => `${text(label)}.${prop}`;
        check((value as Record<string, unknown>)[prop], propType, (flags & 1) === 1, propLabel, at);
      }
      return undefined;
    case 'external-struct':
      return isPlainObject(value) ? undefined : `give ${describe(type)}`;
    case 'object':
      // Objects are checked no further: aws-cdk-lib's counterparts, accepted in places, have other members.
      return isObject(value) ? undefined : `give ${describe(type)}`;
    default: // external
      if (!isObject(value)) return `give ${describe(type)}`;
      if (name.startsWith('constructs.') && !isConstruct(value)) return `give ${describe(type)}`;
      if (name === 'aws-cdk-lib.Duration' && typeof (value as { toSeconds?: unknown }).toSeconds !== 'function') return `give ${describe(type)}`;
      return undefined;
  }
}

/** `struct:HttpRouteProps` split into its kind and name, once per declared type. */
const KIND_AND_NAME = new Map<string, readonly [string, string]>();

function kindAndName(type: string): readonly [string, string] {
  let split = KIND_AND_NAME.get(type);
  if (split === undefined) {
    const colon = type.indexOf(':');
    split = colon < 0 ? [type, ''] : [type.slice(0, colon), type.slice(colon + 1)];
    KIND_AND_NAME.set(type, split);
  }
  return split;
}

/** How a message names a type: `a string`, `an IHttpApi`, `an array of strings`. */
function describe(type: DeclaredType): string {
  if (Array.isArray(type)) {
    const [kind, ...members] = type;
    if (kind === 'union') return members.map(describe).join(' or ');
    return `${kind === 'array' ? 'an array' : 'an object'} of ${describe(members[0]).replace(/^an? /, '')} values`;
  }
  const name = type.includes(':') ? type.slice(type.lastIndexOf('.') + 1).replace(/^[a-z-]+:/, '') : type;
  switch (type) {
    case 'string': return 'a string';
    case 'number': return 'a finite number';
    case 'boolean': return 'true or false';
    case 'any': case 'json': return 'a value';
    case 'date': return 'a Date';
  }
  if (type.startsWith('enum:') || type.startsWith('external-enum:')) return `a ${name} value`;
  if (type.startsWith('struct:') || type.startsWith('external-struct:')) return `an object (${name})`;
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

/** `new HttpApi()`, `HttpApiBase.addRoutes()`, `HttpRouteKey.with()`: how a message names the call. */
function callName(entry: string): string {
  const parts = entry.split('.');
  const method = parts[parts.length - 1];
  const className = parts[parts.length - 2];
  return method === 'new' ? `new ${className}()` : `${className}.${method}()`;
}

function isObject(value: unknown): boolean {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isConstruct(value: unknown): value is IConstruct {
  return isObject(value) && typeof (value as { node?: unknown }).node === 'object' && (value as { node?: unknown }).node !== null;
}
