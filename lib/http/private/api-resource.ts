import { HttpStage } from '../stage';
import type { HttpStageOptions } from '../stage';
import type { IHttpApi } from '../api-base';
import type { DomainMappingOptions } from '../../common/stage';
import { Token } from 'aws-cdk-lib';
import { refuse, shown } from '../../private/error';

/*
 * What the two HTTP APIs this library creates, `HttpApi` and `SpecHttpApi`, share around their
 * `AWS::ApiGatewayV2::Api`: the `$default` stage, stages added later, the default endpoint.
 * Each class declares its public members itself (jsii copies those of a hidden base class, but
 * rosetta cannot resolve them, and the Go translations of the README would call them in lower
 * case) and delegates to these.
 */

/** What an API's props say about its `$default` stage. */
export interface DefaultStageProps {
  readonly createDefaultStage?: boolean;
  readonly defaultStageOptions?: HttpStageOptions;
  readonly defaultDomainMapping?: DomainMappingOptions;
}

/** Refuses default stage settings that contradict each other, or the `$default` stage. */
export function checkDefaultStageProps(api: IHttpApi, props: DefaultStageProps): void {
  if (props.createDefaultStage === false && props.defaultStageOptions) {
    refuse('defaultStageOptions', '`defaultStageOptions` configures the `$default` stage, which `createDefaultStage: false` leaves out: '
      + 'remove one of them', api);
  }
  if (props.createDefaultStage === false && props.defaultDomainMapping) {
    refuse('defaultStageOptions', '`defaultDomainMapping` maps the `$default` stage, which `createDefaultStage: false` leaves out: '
      + 'remove one of them, or set `domainMapping` on a stage you add', api);
  }
  const stageName = props.defaultStageOptions?.stageName;
  if (stageName !== undefined && !Token.isUnresolved(stageName) && stageName !== '$default') {
    refuse('defaultStageName', `invalid \`defaultStageOptions.stageName\` ${shown(stageName)}: the default stage is named '$default'; `
      + 'remove `stageName`, or add a named stage with addStage()', api);
  }
  if (props.defaultStageOptions?.domainMapping) {
    refuse('defaultStageOptions', '`defaultStageOptions.domainMapping` is not used: map the default stage with `defaultDomainMapping`', api);
  }
}

/**
 * The `$default` stage of an API, auto-deployed unless its options say otherwise, unless
 * `createDefaultStage` is false. The props were checked with `checkDefaultStageProps`.
 */
export function createDefaultStage(api: IHttpApi, props: DefaultStageProps): HttpStage | undefined {
  if (!(props.createDefaultStage ?? true)) return undefined;
  const options = props.defaultStageOptions ?? {};
  return new HttpStage(api, 'DefaultStage', {
    ...options,
    httpApi: api,
    autoDeploy: options.autoDeploy ?? true,
    domainMapping: props.defaultDomainMapping,
  });
}

/** A stage added to an API with `addStage()`. */
export function addStage(api: IHttpApi, id: string, options: HttpStageOptions): HttpStage {
  return new HttpStage(api, id, { httpApi: api, ...options });
}

/** The URL of an API's `$default` stage, if it has one. */
export function defaultStageUrl(api: IHttpApi): string | undefined {
  return api.defaultStage?.url;
}

/**
 * The API's default `execute-api` endpoint, refused when it is disabled.
 * @param disabledBy why the endpoint is disabled, for the message; undefined when it is enabled
 */
export function defaultEndpoint(api: IHttpApi, endpoint: string, disabledBy: string | undefined): string {
  if (disabledBy !== undefined) {
    refuse('attributeUnavailable', `\`apiEndpoint\` is not available because ${disabledBy}: use a custom domain's URL, or enable the endpoint`, api);
  }
  return endpoint;
}
