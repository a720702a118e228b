import type { IConstruct } from 'constructs';
import { refuse, warn } from './error';

/**
 * Objects of aws-cdk-lib's API Gateway v2 modules passed where this library expects its own:
 * half-migrated code, with one import left unchanged. TypeScript and the other jsii languages
 * reject them when compiling; plain JavaScript would pass them on, where they bypass this
 * library's checks and its templates.
 */

/** Where this library's counterparts of aws-cdk-lib's API Gateway v2 modules are, by jsii module. */
const COUNTERPARTS: { readonly [jsiiModule: string]: { readonly awsCdkLib: string; readonly here: string } } = {
  aws_apigatewayv2: { awsCdkLib: 'aws-cdk-lib/aws-apigatewayv2', here: 'cdk-apigatewayv2' },
  aws_apigatewayv2_integrations: { awsCdkLib: 'aws-cdk-lib/aws-apigatewayv2-integrations', here: 'cdk-apigatewayv2/integrations' },
  aws_apigatewayv2_authorizers: { awsCdkLib: 'aws-cdk-lib/aws-apigatewayv2-authorizers', here: 'cdk-apigatewayv2/authorizers' },
};

/** The type information jsii gives every class it compiles, aws-cdk-lib's included. */
const JSII_RTTI = Symbol.for('jsii.rtti');

/**
 * What is wrong with `value`, given as `setting`, when it is an object of aws-cdk-lib's API
 * Gateway v2 modules (or of a subclass of one of their classes); undefined for anything else.
 */
export function foreignObjectProblem(value: unknown, setting: string): string | undefined {
  const type = typeof value === 'object' && value !== null ? value.constructor as { [JSII_RTTI]?: { fqn?: unknown } } : undefined;
  const fqn = type?.[JSII_RTTI]?.fqn;
  if (typeof fqn !== 'string') return undefined;
  const [library, jsiiModule, className] = fqn.split('.');
  const counterpart = COUNTERPARTS[jsiiModule];
  if (library !== 'aws-cdk-lib' || !counterpart || !className) return undefined;
  const ownName = (value as object).constructor.name;
  if (ownName !== className) {
    return `${setting} is ${ownName}, a subclass of aws-cdk-lib's ${className} (from '${counterpart.awsCdkLib}'), not of this library's: `
      + `extend ${className} from '${counterpart.here}' instead`;
  }
  return `${setting} is aws-cdk-lib's ${className} (from '${counterpart.awsCdkLib}'), not this library's: `
    + `import ${className} from '${counterpart.here}' instead`;
}

/** Refuses an object of aws-cdk-lib's API Gateway v2 modules given as `setting` (see `foreignObjectProblem`). */
export function refuseForeignObject(value: unknown, setting: string, scope: IConstruct): void {
  const problem = foreignObjectProblem(value, setting);
  if (problem) refuse('foreignObject', problem, scope);
}

/**
 * Warns about an object of aws-cdk-lib's API Gateway v2 modules given as `setting`, where it
 * works (TypeScript accepts it too) but this library's checks do not see it.
 */
export function warnForeignObject(value: unknown, setting: string, scope: IConstruct): void {
  const problem = foreignObjectProblem(value, setting);
  if (problem) {
    warn(scope, 'awsCdkLibObject', `${problem} (it works, but this library's checks do not see it)`);
  }
}
