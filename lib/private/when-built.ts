import type { IConstruct } from 'constructs';
import { Aspects } from 'aws-cdk-lib';

/**
 * Runs `callback` once the app is built, when what was added after `scope` (routes, settings,
 * roles) is in the tree: as an aspect that acts on `scope` alone, with the aspect priority
 * `priority` (`AspectPriority`: mutating aspects run before read-only ones).
 */
export function whenBuilt(scope: IConstruct, callback: () => void, priority?: number): void {
  Aspects.of(scope).add({ visit: node => { if (node === scope) callback(); } }, { priority });
}
