import { Token } from 'aws-cdk-lib';
import type { CheckContext } from './context';
import { badDocument, importWarning, warnDocument } from './context';
import type { JsonObject } from './model';
import { INTEGRATION_REF_PREFIX, isKnown, isObject } from './model';
import { ApiGatewayV2Error, shown } from '../../../private/error';
import { validateRequestParameterMapping } from '../parameter-mapping-rules';
import { isAbsoluteHttpUrl } from '../../../private/validators';

/**
 * API Gateway's rules for `x-amazon-apigateway-integration` objects of HTTP APIs.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-integration.html
 */

/** Integration fields that only REST APIs use. */
const REST_ONLY_FIELDS = ['requestTemplates', 'responses', 'passthroughBehavior', 'contentHandling', 'cacheKeyParameters', 'cacheNamespace'];
/** Integration types HTTP APIs import as warnings: they support only the proxy types. */
const REST_TYPES = ['aws', 'http', 'mock'];
const MIN_TIMEOUT_MS = 50;
const MAX_TIMEOUT_MS = 30_000;
const STAGE_VARIABLE = /\$\{stageVariables\.[A-Za-z0-9_]+\}/;

/** What an integration is, once checked. */
export interface CheckedIntegration {
  /** `aws_proxy` or `http_proxy` (lower case), or undefined when unknown (a token). */
  readonly type?: string;
  /** Whether it invokes a Lambda function (an `aws_proxy` integration without subtype). */
  readonly invokesLambda: boolean;
  /** Whether it names an IAM role that API Gateway assumes. */
  readonly hasCredentials: boolean;
}

/**
 * Checks the integration of an operation, or a shared one: a `$ref` to a shared integration
 * must name one of `sharedNames`.
 */
export function checkIntegration(ctx: CheckContext, location: string, integration: unknown, sharedNames: ReadonlySet<string>): void {
  if (!isObject(integration)) {
    if (Token.isUnresolved(integration)) return;
    badDocument(ctx, 'openApiIntegration', location, `an integration is an object, not ${shown(integration)}`);
  }
  if ('$ref' in integration) {
    const ref = integration.$ref;
    if (Token.isUnresolved(ref)) return;
    const name = typeof ref === 'string' && ref.startsWith(INTEGRATION_REF_PREFIX) ? ref.slice(INTEGRATION_REF_PREFIX.length) : undefined;
    if (name === undefined) {
      badDocument(ctx, 'openApiIntegration', location, `invalid \`$ref\` ${shown(ref)}: an integration refers to a shared one as '${INTEGRATION_REF_PREFIX}NAME'`);
    }
    if (!sharedNames.has(name)) {
      badDocument(ctx, 'openApiIntegration', location, `\`$ref\` ${shown(ref)} names no shared integration: define '${name}' under `
        + `components.x-amazon-apigateway-integrations, or bind one in code with \`integrations: { '${name}': ... }\``);
    }
    return;
  }
  checkIntegrationObject(ctx, location, integration);
}

/** Checks an integration object (not a `$ref`). */
export function checkIntegrationObject(ctx: CheckContext, location: string, integration: JsonObject): CheckedIntegration {
  const at = (field: string) => `${location}.${field}`;
  const rawType = integration.type;
  let type: string | undefined;
  if (rawType === undefined) {
    badDocument(ctx, 'openApiIntegration', at('type'), 'an integration needs a `type`: aws_proxy (Lambda or an AWS service) or http_proxy (a URL or a private resource)');
  } else if (typeof rawType === 'string' && !Token.isUnresolved(rawType)) {
    type = rawType.toLowerCase();
    if (REST_TYPES.includes(type)) {
      importWarning(ctx, 'openApiIntegrationType', at('type'), `integration type ${shown(rawType)} is a REST API type; HTTP APIs support only `
        + 'aws_proxy and http_proxy integrations');
      return { type, invokesLambda: false, hasCredentials: integration.credentials !== undefined };
    }
    if (type !== 'aws_proxy' && type !== 'http_proxy') {
      badDocument(ctx, 'openApiIntegration', at('type'), `unknown integration type ${shown(rawType)}: use aws_proxy (Lambda or an AWS service) or http_proxy (a URL or a private resource)`);
    }
  }
  const subtype = integration.integrationSubtype;
  if (subtype !== undefined && type === 'http_proxy') {
    badDocument(ctx, 'openApiIntegration', at('integrationSubtype'), `an AWS service action (${shown(subtype)}) needs type aws_proxy, not http_proxy`);
  }
  const invokesLambda = type === 'aws_proxy' && subtype === undefined;
  checkPayloadFormat(ctx, at('payloadFormatVersion'), integration.payloadFormatVersion, invokesLambda);

  const uri = integration.uri;
  if (subtype === undefined && uri === undefined && type !== undefined) {
    badDocument(ctx, 'openApiIntegration', at('uri'), invokesLambda
      ? 'a Lambda integration needs `uri`: the function\'s ARN (or its invocation URI)'
      : 'an http_proxy integration needs `uri`: a URL, or a load balancer listener or Cloud Map service ARN with a VPC link');
  }
  const method = integration.httpMethod;
  if (invokesLambda && method !== undefined && isKnown(method) && String(method).toUpperCase() !== 'POST') {
    badDocument(ctx, 'openApiIntegration', at('httpMethod'), `API Gateway invokes Lambda functions with POST, not ${shown(method)}: set httpMethod to POST`);
  }

  const connectionType = integration.connectionType;
  if (connectionType !== undefined && isKnown(connectionType) && connectionType !== 'INTERNET' && connectionType !== 'VPC_LINK') {
    badDocument(ctx, 'openApiIntegration', at('connectionType'), `invalid connection type ${shown(connectionType)}: use INTERNET or VPC_LINK`);
  }
  if (connectionType === 'VPC_LINK' && integration.connectionId === undefined) {
    badDocument(ctx, 'openApiIntegration', at('connectionId'), 'a private integration (connectionType VPC_LINK) needs `connectionId`: the id of its VPC link');
  }
  if (type === 'http_proxy' && connectionType !== 'VPC_LINK' && typeof uri === 'string' && isKnown(uri)
    && !isAbsoluteHttpUrl(uri) && !STAGE_VARIABLE.test(uri)) {
    badDocument(ctx, 'openApiIntegration', at('uri'), `invalid URL ${shown(uri)} of an http_proxy integration over the internet: use an absolute URL starting with `
      + 'http:// or https:// (private integrations take a listener or Cloud Map service ARN with connectionType VPC_LINK)');
  }
  if (subtype !== undefined && integration.credentials === undefined) {
    badDocument(ctx, 'openApiIntegration', at('credentials'), `an AWS service integration (${shown(subtype)}) needs \`credentials\`: the ARN of a role that API Gateway assumes to call the service`);
  }

  const timeout = integration.timeoutInMillis;
  if (timeout !== undefined && isKnown(timeout)
    && !(Number.isInteger(timeout) && timeout >= MIN_TIMEOUT_MS && timeout <= MAX_TIMEOUT_MS)) {
    badDocument(ctx, 'openApiIntegration', at('timeoutInMillis'), `invalid timeout ${shown(timeout)}: HTTP API integrations allow ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS} ms; `
      + 'choose a whole number of milliseconds in that range');
  }
  const mappings = integration.requestParameters;
  if (mappings !== undefined && subtype === undefined) {
    if (!isObject(mappings)) {
      if (isKnown(mappings)) badDocument(ctx, 'openApiIntegration', at('requestParameters'), 'request parameters are an object of mapping keys and values');
    } else {
      restate(ctx, at('requestParameters'), () => validateRequestParameterMapping(ctx.scope, mappings as { [key: string]: string }));
    }
  }
  const tls = integration.tlsConfig;
  if (isObject(tls) && tls.insecureSkipVerification !== undefined) {
    warnDocument(ctx, 'openApiRestOnlyField', at('tlsConfig.insecureSkipVerification'), 'only REST APIs use insecureSkipVerification; HTTP APIs ignore it');
  }
  const restOnly = REST_ONLY_FIELDS.filter(field => integration[field] !== undefined);
  if (restOnly.length > 0) {
    warnDocument(ctx, 'openApiRestOnlyField', location, `${restOnly.join(', ')} ${restOnly.length === 1 ? 'is' : 'are'} only used by REST APIs; `
      + 'HTTP APIs ignore them: remove them');
  }
  return { type, invokesLambda, hasCredentials: integration.credentials !== undefined };
}

/** `payloadFormatVersion`: required; 1.0, or 2.0 for Lambda functions. Numbers (1.0 in YAML) count too. */
function checkPayloadFormat(ctx: CheckContext, location: string, version: unknown, invokesLambda: boolean): void {
  if (version === undefined) {
    badDocument(ctx, 'openApiPayloadFormat', location, `HTTP API integrations need \`payloadFormatVersion\`: ${invokesLambda ? "'2.0' or '1.0' for Lambda functions" : "'1.0'"}`);
  }
  if (!isKnown(version)) return;
  const text = normalizePayloadFormat(version);
  if (text !== '1.0' && text !== '2.0') {
    badDocument(ctx, 'openApiPayloadFormat', location, `invalid payload format version ${shown(version)}: use '1.0'${invokesLambda ? " or '2.0'" : ''}`);
  }
  if (text === '2.0' && !invokesLambda) {
    badDocument(ctx, 'openApiPayloadFormat', location, "payload format version '2.0' is for Lambda functions only: other integrations take '1.0'");
  }
}

/** `1`, `1.0` and `'1.0'` all mean version 1.0; a version that is no such number comes back as given. */
export function normalizePayloadFormat(version: unknown): unknown {
  if (typeof version === 'number' && (version === 1 || version === 2)) return `${version}.0`;
  return version;
}

/** Runs one of the library's own checks, and restates its refusal as one about the document. */
function restate(ctx: CheckContext, location: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof ApiGatewayV2Error)) throw error;
    badDocument(ctx, error.ruleId, location, error.problem);
  }
}
