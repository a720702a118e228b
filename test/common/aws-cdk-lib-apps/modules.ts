import type { App } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';

/**
 * The modules an app of aws-cdk-lib's API Gateway v2 constructs imports. The apps in this
 * folder are written against them, once, and built twice: with aws-cdk-lib's modules, and with
 * this library's in their place (test/common/aws-cdk-lib-templates.test.ts). The TypeScript
 * check (test/common/typescript-compat.test.ts) compiles the apps again with the imports of this
 * file pointing at this library, as a user's change of imports would.
 */
export interface Modules {
  readonly apigwv2: typeof apigwv2;
  readonly integrations: typeof integrations;
  readonly authorizers: typeof authorizers;
}

/** An app: builds its stacks in `app` with the given modules. */
export type AppCode = (m: Modules, app: App) => void;

/** Apps by name. */
export interface AppSet {
  readonly [name: string]: AppCode;
}
