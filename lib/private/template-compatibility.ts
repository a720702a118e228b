import type { IConstruct } from 'constructs';
import { refuse, shown } from './error';

/**
 * The app-wide setting of `TemplateCompatibility` (lib/common/template-compatibility.ts), read
 * from the context. lib/private cannot import lib/common, so the enum's values are repeated
 * here; a test keeps the two equal.
 */

/** The context key of the app-wide setting. */
export const TEMPLATE_COMPATIBILITY_CONTEXT = 'cdk-apigatewayv2:templateCompatibility';

/** `TemplateCompatibility.AWS_CDK_LIB`. */
export const AWS_CDK_LIB_TEMPLATES = 'aws-cdk-lib';

/** `TemplateCompatibility.CDK_APIGATEWAYV2`, the default. */
export const CDK_APIGATEWAYV2_TEMPLATES = 'cdk-apigatewayv2';

/**
 * The templates the context chooses for APIs under `scope`: `'aws-cdk-lib'` or
 * `'cdk-apigatewayv2'` (the default, when the context has no such key). Refuses any other value.
 */
export function templateCompatibilityFromContext(scope: IConstruct): string {
  const value: unknown = scope.node.tryGetContext(TEMPLATE_COMPATIBILITY_CONTEXT);
  if (value === undefined || value === CDK_APIGATEWAYV2_TEMPLATES) return CDK_APIGATEWAYV2_TEMPLATES;
  if (value === AWS_CDK_LIB_TEMPLATES) return AWS_CDK_LIB_TEMPLATES;
  return refuse('templateCompatibility', `invalid context \`${TEMPLATE_COMPATIBILITY_CONTEXT}\` ${shown(value)}: use '${AWS_CDK_LIB_TEMPLATES}' `
    + `(aws-cdk-lib's templates, to move a deployed app) or '${CDK_APIGATEWAYV2_TEMPLATES}' (this library's, the default)`, scope);
}
