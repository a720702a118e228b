import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import { refuse, shown, warn } from '../../private/error';

/**
 * Rules of HTTP API integrations that read several of their props together: the payload
 * format version against the integration type, and URLs that a stage variable begins.
 */

/** The payload format versions API Gateway documents. */
const KNOWN_PAYLOAD_FORMAT_VERSIONS = ['1.0', '2.0'];

/** What the payload format rule needs to know of an integration. */
export interface PayloadFormatContext {
  readonly integrationType: string;
  readonly integrationSubtype?: string;
  readonly payloadFormatVersion?: string;
}

/**
 * Payload format 2.0 is for Lambda proxy integrations only ("for all other integrations, 1.0
 * is the only supported value"): refused on HTTP_PROXY integrations and on AWS service
 * integrations (AWS_PROXY with a subtype). A version other than 1.0 and 2.0 is warned about,
 * as API Gateway may add one that this library does not know yet.
 *
 * @see https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations.html#apis-apiid-integrations-prop-createintegrationinput-payloadformatversion
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function validatePayloadFormatVersion(scope: IConstruct, integration: PayloadFormatContext): void {
  const version = integration.payloadFormatVersion;
  if (version === undefined || Token.isUnresolved(version) || Token.isUnresolved(integration.integrationType)) return;
  if (!KNOWN_PAYLOAD_FORMAT_VERSIONS.includes(version)) {
    warn(scope, 'payloadFormatVersionUnknown',
      `\`payloadFormatVersion\` ${shown(version)} is not one API Gateway documents: it takes '1.0', and '2.0' for Lambda proxy integrations; `
      + 'use PayloadFormatVersion.VERSION_1_0 or VERSION_2_0 unless AWS has added this version');
    return;
  }
  if (version !== '1.0') {
    const what = integration.integrationSubtype !== undefined
      ? `an AWS service integration (\`integrationSubtype\` ${integration.integrationSubtype})`
      : integration.integrationType === 'HTTP_PROXY' ? 'an HTTP_PROXY integration' : undefined;
    if (what !== undefined) {
      refuse('payloadFormatVersion', `invalid \`payloadFormatVersion\` ${shown(version)} on ${what}: only Lambda proxy integrations take '2.0', every other `
        + 'integration takes \'1.0\'; use PayloadFormatVersion.VERSION_1_0', scope);
    }
  }
}
