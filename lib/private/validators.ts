import type { IConstruct } from 'constructs';
import type { Duration} from 'aws-cdk-lib';
import { Token } from 'aws-cdk-lib';
import { refuse, shown, warn } from './error';
import { LIMITS } from './limits';

/**
 * Synth-time checks of API Gateway's rules. Each function skips values that hold an
 * unresolved token, since those are only known at deploy time.
 */

const STAGE_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.stageNameLength.value}}$`);
const STAGE_VARIABLE_KEY = new RegExp(`^[A-Za-z0-9_]{1,${LIMITS.stageVariableNameLength.value}}$`);
const STAGE_VARIABLE_VALUE = new RegExp(`^[A-Za-z0-9\\-._~:/?#&=,]{1,${LIMITS.stageVariableValueLength.value}}$`);

/** Stage names: letters, digits, '-' and '_', at most 128; `$default` when the protocol allows it. */
export function validateStageName(scope: IConstruct, name: string, allowDefault: boolean): void {
  if (Token.isUnresolved(name)) return;
  if (allowDefault && name === '$default') return;
  if (!STAGE_NAME.test(name)) {
    refuse('stageName', `invalid \`stageName\` ${shown(name)}: use 1 to ${LIMITS.stageNameLength.value} letters, digits, '-' and '_'${allowDefault ? ', or \'$default\'' : ''}`, scope);
  }
}

/** Stage variables: keys `[A-Za-z0-9_]{1,64}`; values `[A-Za-z0-9-._~:/?#&=,]{1,512}`. */
export function validateStageVariable(scope: IConstruct, name: string, value: string): void {
  if (!Token.isUnresolved(name) && !STAGE_VARIABLE_KEY.test(name)) {
    refuse('stageVariables', `invalid stage variable name ${shown(name)} in \`stageVariables\`: use 1 to ${LIMITS.stageVariableNameLength.value} letters, digits and '_'`, scope);
  }
  if (name === '__proto__') {
    // A plain object cannot hold this key, and aws-cdk-lib drops it when it renders the template.
    refuse('stageVariables', 'invalid stage variable name \'__proto__\' in `stageVariables`: the template cannot carry this name; choose another one', scope);
  }
  if (Token.isUnresolved(value)) return;
  const maxLength = LIMITS.stageVariableValueLength.value;
  if (value.length > maxLength) {
    refuse('stageVariables', `invalid value of stage variable '${name}' in \`stageVariables\`: ${value.length} characters is over the limit of ${maxLength}; shorten it`, scope);
  }
  if (!STAGE_VARIABLE_VALUE.test(value)) {
    refuse('stageVariables', `invalid value ${shown(value)} of stage variable '${name}' in \`stageVariables\`: use 1 to ${maxLength} of the characters A-Z a-z 0-9 - . _ ~ : / ? # & = ,`, scope);
  }
}

/** At most 100 stage variables a stage. */
export function validateStageVariableCount(scope: IConstruct, count: number): void {
  const max = LIMITS.stageVariablesPerStage.value;
  if (count > max) {
    refuse('stageVariables', `too many \`stageVariables\`: ${count} given, API Gateway allows at most ${max} per stage; remove ${count - max}`, scope);
  }
}

/**
 * Throttle: the rate is a finite number of 0 or more, the burst a whole number from 0 to
 * 2,147,483,647 (an Integer in CloudFormation). 0 is accepted (it stops the traffic). Values
 * above the default account quotas are accepted too: AWS raises those quotas.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-stage-routesettings.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
 */
export function validateThrottle(scope: IConstruct, setting: string, rateLimit?: number, burstLimit?: number): void {
  if (rateLimit !== undefined && !Token.isUnresolved(rateLimit) && !(typeof rateLimit === 'number' && Number.isFinite(rateLimit) && rateLimit >= 0)) {
    refuse('throttle', `invalid \`${setting}.rateLimit\` ${rateLimit}: use a finite number of requests per second of 0 or more`, scope);
  }
  const maxBurst = LIMITS.throttleBurstLimitMax.value;
  if (burstLimit !== undefined && !Token.isUnresolved(burstLimit) && !(Number.isInteger(burstLimit) && burstLimit >= 0 && burstLimit <= maxBurst)) {
    refuse('throttle', `invalid \`${setting}.burstLimit\` ${burstLimit}: use a whole number of requests from 0 to ${maxBurst} (a 32-bit integer)`, scope);
  }
}

/**
 * Access log formats: at most 3 KB (counted in UTF-8 bytes). Skipped for formats that hold a
 * token, whose size is known at deploy time only.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 */
export function validateAccessLogFormatSize(scope: IConstruct, format: string): void {
  if (Token.isUnresolved(format)) return;
  const max = LIMITS.accessLogFormatBytes.value;
  const bytes = Buffer.byteLength(format, 'utf8');
  if (bytes > max) {
    refuse('accessLogFormatSize', `invalid \`accessLogSettings.format\` ${shown(format)}: it is ${bytes} bytes, over API Gateway's access log template quota of 3 KB `
      + `(${max} bytes), which AWS does not raise; log fewer fields or shorter names`, scope);
  }
}

/** Integration timeouts: between 50 ms and the protocol's maximum. */
export function validateIntegrationTimeout(scope: IConstruct, timeout: Duration | undefined, maxMillis: number, protocol: string): void {
  // Duration.toString() never holds a token marker, so ask the Duration itself.
  if (timeout === undefined || timeout.isUnresolved()) return;
  const ms = timeout.toMilliseconds();
  const minMillis = LIMITS.integrationTimeoutMinMs.value;
  if (ms < minMillis || ms > maxMillis) {
    refuse('integrationTimeout', `invalid \`timeout\` ${timeout.toHumanString()}: ${protocol} API integrations allow ${minMillis} ms to ${maxMillis / 1000} s; choose a value in that range`, scope);
  }
}

/** At most ten authorization scopes on a route. */
export function validateScopeCount(scope: IConstruct, scopes: string[] | undefined, routeKey: string): void {
  const max = LIMITS.scopesPerRoute.value;
  if (scopes && scopes.length > max) {
    refuse('tooManyAuthorizationScopes', `too many \`authorizationScopes\` on route '${routeKey}': ${scopes.length} given, API Gateway allows at most ${max}; keep the ones the route needs`, scope);
  }
}

/** An absolute http(s) URL: scheme, a host, then optionally a path, query or fragment; no spaces. */
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;

/** Whether a resolved string is an absolute http:// or https:// URL. */
export function isAbsoluteHttpUrl(url: string): boolean {
  return ABSOLUTE_HTTP_URL.test(url);
}

/** A URL whose scheme and host come from a stage variable, e.g. `${stageVariables.url}/books`. */
const STAGE_VARIABLE_URL = /^\$\{stageVariables\.[A-Za-z0-9_]+\}/;

/** Whether a URL begins with a stage variable, so that its scheme is only known at run time. */
export function startsWithStageVariable(url: string): boolean {
  return STAGE_VARIABLE_URL.test(url);
}

/**
 * A URL that begins with a stage variable (`${stageVariables.url}` as the whole URL or its
 * start): API Gateway's examples keep the scheme in the URL (`http://${stageVariables.url}`),
 * and whether it accepts one from the variable is not documented, so this is warned about
 * rather than refused.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.stage-variables-reference.html
 */
export function warnStageVariableUrl(scope: IConstruct, url: string): void {
  warn(scope, 'stageVariableUrl',
    `\`integrationUri\` ${shown(url)} begins with a stage variable, so its scheme comes from the variable: API Gateway documents stage `
    + 'variables inside a URL that has its own scheme, e.g. \'https://${stageVariables.host}/books\'; write the scheme in the URL if you can');
}
