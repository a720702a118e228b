import type { Construct } from 'constructs';
import { PropertyInjectors } from 'aws-cdk-lib';

/**
 * Applies the property injector registered for `uniqueId` to a construct's props, the way
 * aws-cdk-lib's own constructs do: the nearest scope, walking up from `scope` to the root,
 * whose `PropertyInjectors` have an injector for `uniqueId` supplies it. Without one, the
 * props come back unchanged.
 *
 * `PropertyInjectors.of` attaches a new, empty `PropertyInjectors` to a scope that has none,
 * so it is only called on scopes that `hasPropertyInjectors` reports.
 *
 * @param uniqueId the construct class's `PROPERTY_INJECTION_ID`
 * @param props the props passed to the constructor
 * @param scope the scope passed to the constructor
 * @param id the id passed to the constructor
 */
export function injectProps<T>(uniqueId: string, props: T, scope: Construct, id: string): T {
  // `node.scopes` runs from the root to `scope`; search from the nearest scope outwards.
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const candidate = scopes[i];
    if (!PropertyInjectors.hasPropertyInjectors(candidate)) {
      continue;
    }
    const injector = PropertyInjectors.of(candidate).for(uniqueId);
    if (injector) {
      return injector.inject(props, { scope, id });
    }
  }
  return props;
}
