import type { Stack } from 'aws-cdk-lib';
import { Token } from 'aws-cdk-lib';

/**
 * Whether two stacks may deploy to the same account and Region: an account or Region that
 * is unknown at synth time (an environment-agnostic stack) may be any.
 */
export function mayShareEnvironment(a: Stack, b: Stack): boolean {
  const same = (x: string, y: string) => Token.isUnresolved(x) || Token.isUnresolved(y) || x === y;
  return same(a.account, b.account) && same(a.region, b.region);
}
