import type { Construct, IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';

/**
 * Whether a value is a construct (by its node's address): references to APIs from elsewhere may
 * be plain objects.
 */
export function isConstruct(x: unknown): x is Construct {
  return typeof x === 'object' && x !== null && 'node' in x && typeof (x as Construct).node?.addr === 'string';
}

/**
 * A part of a construct id that comes from a value (a route path, a route key): the value
 * itself, or, when it is an unresolved token (which a construct id cannot hold), `{marker}{n}`
 * with the first `n` from 1 that no child of `scope` uses yet.
 */
export function tokenFreeId(scope: IConstruct, value: string, marker: string): string {
  if (!Token.isUnresolved(value)) return value;
  const taken = new Set(scope.node.children.map(child => child.node.id));
  let n = 1;
  while ([...taken].some(id => id.includes(`${marker}${n}`))) n++;
  return `${marker}${n}`;
}
