import type { Construct } from 'constructs';
import { PropertyInjectors } from 'aws-cdk-lib';
import { checkArguments } from './guard';

/**
 * Applies the property injector registered for `uniqueId` to a construct's props, the way
 * aws-cdk-lib's own constructs do: the nearest scope, walking up from `scope` to the root,
 * whose `PropertyInjectors` have an injector for `uniqueId` supplies it. Without one, the
 * props come back unchanged. Props an injector returns are checked as the constructor checks
 * the props it is passed (an injector is plain JavaScript to the type checks).
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
      const injected = injector.inject(props, { scope, id });
      checkArguments(constructorEntry(uniqueId), [scope, id, injected]);
      return injected;
    }
  }
  return props;
}

/** The argument checks' name of the constructor of the class `uniqueId` names: `HttpApi.new`. */
export function constructorEntry(uniqueId: string): string {
  return `${uniqueId.replace(/^cdk-apigatewayv2\./, '')}.new`;
}
