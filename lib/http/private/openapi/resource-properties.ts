import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Stack } from 'aws-cdk-lib';
import type { CheckContext } from './context';
import { warnDocument } from './context';
import { problemOf } from '../../../private/error';
import type { JsonObject } from './model';

/*
 * Nothing beside the document: CloudFormation refuses an `AWS::ApiGatewayV2::Api` that carries
 * a document together with properties the document sets, or that only APIs built without a
 * document take (aws/aws-cdk#15754, #28552).
 */

/** CloudFormation properties that API Gateway refuses beside `Body` or `BodyS3Location`. */
const REDUNDANT_PROPERTIES = [
  'Name', 'ProtocolType', 'CorsConfiguration', 'Tags', 'Description', 'Version', 'DisableExecuteApiEndpoint', 'IpAddressType',
  'Target', 'RouteKey', 'CredentialsArn', 'RouteSelectionExpression', 'ApiKeySelectionExpression', 'DisableSchemaValidation',
];

/** Above this size the `Body` makes templates large: a warning suggests an asset. */
const LARGE_BODY_BYTES = 500_000;

/**
 * The API's tags (also those of `Tags.of()`) are not written beside its document: the API
 * writes them into an inline document, and leaves them out of one in S3.
 */
export function keepTagsOutOfResource(resource: CfnApi): void {
  resource.addPropertyDeletionOverride('Tags');
}

/**
 * The problems of the API resource as it will be synthesized: a property beside the document,
 * however it got there (escape hatches, property injection), is refused; a large `Body` is
 * warned about.
 */
export function resourcePropertyProblems(ctx: CheckContext, resource: CfnApi): string[] {
  const rendered = Stack.of(resource).resolve((resource as unknown as { _toCloudFormation(): unknown })._toCloudFormation());
  const properties: Record<string, unknown> = Object.values<JsonObject>(rendered.Resources ?? {}).map(r => r.Properties ?? {})[0] ?? {};
  const size = properties.Body === undefined ? 0 : JSON.stringify(properties.Body).length;
  if (size > LARGE_BODY_BYTES) {
    warnDocument(ctx, 'openApiLargeBody', '', `the document takes ${Math.round(size / 1000)} KB of the template, whose limit is 1 MB: `
      + 'consider HttpApiDefinition.fromAsset() for large documents');
  }
  return REDUNDANT_PROPERTIES.filter(name => properties[name] !== undefined).map(name => problemOf('openApiRedundantProperty',
    `the API has the property \`${name}\` beside its OpenAPI document, which CloudFormation refuses ("redundant fields"): `
    + 'remove the escape hatch or property injector that sets it; set it through the SpecHttpApi\'s props, which write it into the document'));
}
