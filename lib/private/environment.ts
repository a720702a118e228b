import type { Stack } from 'aws-cdk-lib';
import { Token } from 'aws-cdk-lib';

/**
 * Whether two stacks may deploy to the same account and Region: an account or Region that
 * is unknown at synth time (an environment-agnostic stack) may be any.
 */
export function mayShareEnvironment(a: Stack, b: Stack): boolean {
  return maybeSame(a.account, b.account) && maybeSame(a.region, b.region);
}

/** Whether two stacks may deploy to the same Region, whatever their accounts. */
export function mayShareRegion(a: Stack, b: Stack): boolean {
  return maybeSame(a.region, b.region);
}

function maybeSame(x: string, y: string): boolean {
  return Token.isUnresolved(x) || Token.isUnresolved(y) || x === y;
}
