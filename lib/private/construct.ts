import type { Construct } from 'constructs';

/**
 * Whether a value is a construct (by its node's address): references to APIs from elsewhere may
 * be plain objects.
 */
export function isConstruct(x: unknown): x is Construct {
  return typeof x === 'object' && x !== null && 'node' in x && typeof (x as Construct).node?.addr === 'string';
}
