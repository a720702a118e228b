import * as path from 'path';
import type { IConstruct } from 'constructs';
import { Annotations, Token } from 'aws-cdk-lib';
import { type ErrorId, type WarningId, printedId } from './catalog';

/** This library's own folder (`lib/`, or `node_modules/cdk-apigatewayv2/lib` once installed). */
const LIBRARY_DIR = path.dirname(__dirname) + path.sep;

/**
 * The one error this library throws for input that CloudFormation or API Gateway would
 * reject at deploy time. Its message names the construct that received the input (when there
 * is one) and ends with the rule's catalog id, e.g.
 * `MyStack/Api: invalid route \`path\` 'books': ... [cdk-apigatewayv2:routePath]`.
 *
 * Its stack starts at the first frame outside this library, the caller's line, as
 * aws-cdk-lib's own errors do. Its extra properties are getters, not own enumerable
 * properties, so that Node.js prints the error without an object dump after the stack.
 *
 * Messages follow one shape: lowercase start, no trailing period, the setting in backticks,
 * the rule, the value received and the fix.
 */
export class ApiGatewayV2Error extends Error {
  readonly #id: ErrorId;
  readonly #problem: string;
  readonly #constructPath?: string;

  constructor(id: ErrorId, problem: string, scope?: IConstruct, constructPath: string | undefined = scope?.node.path) {
    super(`${constructPath !== undefined ? `${constructPath}: ` : ''}${problem} [${printedId(id)}]`);
    Object.setPrototypeOf(this, ApiGatewayV2Error.prototype);
    this.#id = id;
    this.#problem = problem;
    this.#constructPath = constructPath;
    Object.defineProperty(this, 'name', { value: 'ApiGatewayV2Error', enumerable: false, configurable: true, writable: true });
    Object.defineProperty(this, 'stack', { value: callerStack(this), enumerable: false, configurable: true, writable: true });
  }

  /** The catalog id of the rule, as printed: `cdk-apigatewayv2:routePath`. */
  public get id(): string {
    return printedId(this.#id);
  }

  /** The catalog id of the rule, without its prefix. */
  public get ruleId(): ErrorId {
    return this.#id;
  }

  /** The message without the construct path and the id. */
  public get problem(): string {
    return this.#problem;
  }

  /** Path of the construct that received the bad input, when there is one. */
  public get constructPath(): string | undefined {
    return this.#constructPath;
  }
}

/** A frame of JavaScript's own functions (`Array.map`) or of Node.js, which the library may call through. */
const BUILT_IN_FRAME = /\((<anonymous>|native|node:[^)]*)\)$|^\s+at node:/;

/**
 * The stack of `error` from the first frame outside this library (and the built-in functions
 * it calls through): the line of the user's code that passed the input. When no such frame is
 * in sight, the stack is kept whole. Frames are captured deeper than Node.js's default, so that the caller's frame is
 * found below a deep call into the library.
 */
function callerStack(error: Error): string {
  const limit = Error.stackTraceLimit;
  const holder: { stack?: string } = {};
  try {
    Error.stackTraceLimit = Math.max(limit, 100);
    Error.captureStackTrace(holder, ApiGatewayV2Error);
  } finally {
    Error.stackTraceLimit = limit;
  }
  const lines = (holder.stack ?? '').split('\n');
  const frames = lines.filter(line => /^\s+at /.test(line));
  const firstOutside = frames.findIndex(frame => !frame.includes(LIBRARY_DIR) && !BUILT_IN_FRAME.test(frame));
  const kept = firstOutside < 0 ? frames : frames.slice(firstOutside);
  return [`${error.name}: ${error.message}`, ...kept.slice(0, Math.max(limit, 1))].join('\n');
}

/** Throws an `ApiGatewayV2Error` for rule `id` of the catalog; usable as an expression. */
export function refuse(id: ErrorId, message: string, scope?: IConstruct): never {
  throw new ApiGatewayV2Error(id, message, scope);
}

/**
 * Throws an `ApiGatewayV2Error` naming the construct at `constructPath`, for a construct that
 * does not exist yet (its constructor refuses its arguments before it calls `super`).
 */
export function refuseAt(id: ErrorId, message: string, constructPath: string): never {
  throw new ApiGatewayV2Error(id, message, undefined, constructPath);
}

/**
 * Runs `fn` (a static helper or a value object's constructor, which has no construct to name)
 * on behalf of `scope`: a refusal without a construct path is thrown again with `scope`'s, from
 * here, so that the message names the construct and the stack starts at the caller of `scope`'s
 * method.
 */
export function withScope<T>(scope: IConstruct, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ApiGatewayV2Error && error.constructPath === undefined) {
      throw new ApiGatewayV2Error(error.ruleId, error.problem, scope);
    }
    throw error;
  }
}

/**
 * Adds warning `id` of the catalog to `scope`, acknowledgeable as `cdk-apigatewayv2:{id}`. Every
 * warning of this library goes through here.
 */
export function warn(scope: IConstruct, id: WarningId, message: string): void {
  Annotations.of(scope).addWarningV2(printedId(id), message);
}

/**
 * A problem that a validation (`node.addValidation`) reports, ending with the rule's id as a
 * refusal's message does. CDK prints it with the construct path.
 */
export function problemOf(id: ErrorId, message: string): string {
  return `${message} [${printedId(id)}]`;
}

const MAX_SHOWN = 80;

/**
 * Quotes a received value for an error message: strings in single quotes, other values as
 * JavaScript would write them, objects as JSON (a token object as `(a token)`). Total (it never throws, for
 * any value JavaScript can pass) and safe: control characters are escaped, long values are cut.
 */
export function shown(value: unknown): string {
  const text = describe(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

function describe(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return `'${escaped(value)}'`;
      case 'number':
        return String(value);
      case 'bigint':
        return `${value}n`;
      case 'undefined':
        return 'undefined';
      case 'boolean':
        return String(value);
      case 'symbol':
        return escaped(value.toString());
      case 'function':
        return `function ${escaped(value.name || '(anonymous)')}`;
      default:
        if (value === null) return 'null';
        if (Token.isUnresolved(value)) return '(a token)';
        return escaped(JSON.stringify(value, jsonReplacer()) ?? String(value));
    }
  } catch {
    return '(a value that cannot be shown)';
  }
}

/** A JSON replacer that writes cycles, BigInts, functions and symbols instead of throwing on them. */
function jsonReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_key, value) => {
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '(cycle)';
      seen.add(value);
    }
    return value;
  };
}

/** Escapes the characters a message must not carry raw: control characters and line breaks. */
function escaped(text: string): string {
  // eslint-disable-next-line no-control-regex -- these are the characters to escape
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, c => {
    switch (c) {
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}
