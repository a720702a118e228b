import type { IApplication, IConfiguration, IEnvironment } from 'aws-cdk-lib/aws-appconfig';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpIntegrationSubtype, HttpRouteIntegration } from '../../http/integration';
import { MappingValue, ParameterMapping } from '../../http/parameter-mapping';
import { refuse } from '../../private/error';
import { certainlyDifferent, copyMapping, hasKey, serviceIntegrationConfig } from '../private/service-integration';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpAppConfigIntegration`.
 */
export interface HttpAppConfigIntegrationProps {
  /**
   * The AppConfig application, created (an `Application` of aws-cdk-lib's `aws_appconfig`)
   * or imported (`Application.fromApplicationId()`).
   */
  readonly application: IApplication;

  /**
   * The environment of `application` to read the deployed configuration from, created (an
   * `Environment` of `aws_appconfig`) or imported (`Environment.fromEnvironmentAttributes()`).
   */
  readonly environment: IEnvironment;

  /**
   * The configuration profile of `application` to read, e.g. a `HostedConfiguration` or a
   * `SourcedConfiguration` of `aws_appconfig`.
   */
  readonly configurationProfile: IConfiguration;

  /**
   * The client id sent to AppConfig. AppConfig uses it to decide which clients get a
   * configuration that is being deployed gradually, so a stable id per caller (e.g. a request
   * header such as `x-client-id`, read with `MappingValue.requestHeader()`) gives each caller
   * one version during a deployment; the default makes every request a new client.
   *
   * @default - the request's id (the context variable `requestId`)
   */
  readonly clientId?: MappingValue;

  /**
   * The parameters of GetConfiguration, by name.
   *
   * GetConfiguration requires `Application`, `Environment`, `Configuration` and `ClientId`,
   * and also takes `ClientConfigurationVersion` and `Region`. The first three are set to the
   * ids of `application`, `environment` and `configurationProfile`, and `ClientId` to
   * `clientId`, unless the mapping sets them; the mapping object itself is not changed.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html#AppConfig-GetConfiguration
   * @default - `Application`, `Environment`, `Configuration` and `ClientId` only
   */
  readonly parameterMapping?: ParameterMapping;
}

/**
 * Returns the configuration deployed to an AppConfig environment (a first-class `AWS_PROXY`
 * integration with the `AppConfig-GetConfiguration` subtype). Creates the role API Gateway
 * assumes, allowed `appconfig:GetConfiguration` on the application, the environment and the
 * configuration profile.
 *
 * AppConfig's GetConfiguration action is deprecated in favour of the AppConfig Data API,
 * which HTTP APIs cannot integrate with directly; AppConfig charges for each call.
 *
 * This integration is not in aws-cdk-lib.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 * @see https://docs.aws.amazon.com/appconfig/2019-10-09/APIReference/API_GetConfiguration.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 * import * as appconfig from 'aws-cdk-lib/aws-appconfig';
 *
 * const application = new appconfig.Application(this, 'App');
 * const environment = new appconfig.Environment(this, 'Prod', { application });
 * const flags = new appconfig.HostedConfiguration(this, 'Flags', {
 *   application,
 *   content: appconfig.ConfigurationContent.fromInlineJson('{"newCheckout": false}'),
 *   deployTo: [environment],
 * });
 *
 * const api = new apigwv2.HttpApi(this, 'HttpApi');
 * api.addRoutes({
 *   path: '/flags',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpAppConfigIntegration('Flags', {
 *     application,
 *     environment,
 *     configurationProfile: flags,
 *     clientId: apigwv2.MappingValue.requestHeader('x-client-id'),
 *   }),
 * });
 */
export class HttpAppConfigIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param props the application, environment and configuration profile
   */
  constructor(id: string, private readonly props: HttpAppConfigIntegrationProps) {
    checkArguments('integrations.HttpAppConfigIntegration.new', [id, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    checkArguments('integrations.HttpAppConfigIntegration.bind', [options], this);
    const subtype = HttpIntegrationSubtype.APPCONFIG_GET_CONFIGURATION;
    const { application, environment, configurationProfile } = this.props;
    const applicationId = application.applicationId;
    for (const [setting, other] of [['environment', environment.applicationId], ['configurationProfile', configurationProfile.application.applicationId]]) {
      if (certainlyDifferent(options.scope, applicationId, other)) {
        refuse('appConfigApplication', `invalid \`${setting}\` of integration '${this.constructId}': it belongs to another application than \`application\`; `
          + `pass the ${setting === 'environment' ? 'environment' : 'configuration profile'} of that application`, options.scope);
      }
    }

    const parameterMapping = this.props.parameterMapping ? copyMapping(this.props.parameterMapping) : new ParameterMapping();
    if (this.props.clientId && hasKey(parameterMapping, 'ClientId')) {
      refuse('serviceParameterMapping', `conflicting \`clientId\` of integration '${this.constructId}': \`parameterMapping\` also sets 'ClientId'; set it in one place`, options.scope);
    }
    const defaults: Array<[string, string]> = [
      ['Application', applicationId],
      ['Environment', environment.environmentId],
      ['Configuration', configurationProfile.configurationProfileId],
      ['ClientId', (this.props.clientId ?? MappingValue.contextVariable('requestId')).value],
    ];
    for (const [key, value] of defaults) {
      if (!hasKey(parameterMapping, key)) parameterMapping.custom(key, value);
    }
    return serviceIntegrationConfig(options, this.constructId, {
      subtype,
      parameterMapping,
      statement: new PolicyStatement({
        sid: 'AllowAppConfigGetConfiguration',
        actions: ['appconfig:GetConfiguration'],
        resources: [
          application.applicationArn,
          environment.environmentArn,
          `${configurationProfile.application.applicationArn}/configurationprofile/${configurationProfile.configurationProfileId}`,
        ],
      }),
    });
  }
}
