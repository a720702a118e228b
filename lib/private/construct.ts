import * as crypto from 'crypto';
import type { Construct, IConstruct } from 'constructs';
import { Stack, Token } from 'aws-cdk-lib';

/**
 * Whether a value is a construct (by its node's address): references to APIs from elsewhere may
 * be plain objects.
 */
export function isConstruct(x: unknown): x is Construct {
  return typeof x === 'object' && x !== null && 'node' in x && typeof (x as Construct).node?.addr === 'string';
}

/**
 * A part of a construct id that comes from a value (a route path, a route key): the value
 * itself, or, when it is an unresolved token (which a construct id cannot hold), `{marker}{hash}`
 * with a hash of what the token resolves to (`{ Ref: 'Path' }`), so that the id, and with it the
 * logical id, stays the same when other routes are added or removed: a new logical id would make
 * CloudFormation create the route again beside the old one, which API Gateway refuses for the same
 * key. A token that cannot be resolved yet gets `{marker}{n}`, with the first `n` from 1 that no
 * child of `scope` uses.
 */
export function tokenFreeId(scope: IConstruct, value: string, marker: string): string {
  if (!Token.isUnresolved(value)) return value;
  let resolved: string | undefined;
  try {
    resolved = JSON.stringify(Stack.of(scope).resolve(value));
  } catch {
    resolved = undefined;
  }
  if (resolved !== undefined) {
    return `${marker}${crypto.createHash('sha256').update(resolved).digest('hex').slice(0, 8).toUpperCase()}`;
  }
  const taken = new Set(scope.node.children.map(child => child.node.id));
  let n = 1;
  while ([...taken].some(id => id.includes(`${marker}${n}`))) n++;
  return `${marker}${n}`;
}
