import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import { HttpApi, HttpMethod, MappingValue, ParameterMapping } from '../../../lib';
import type { HttpAppConfigIntegrationProps } from '../../../lib/integrations';
import { HttpAppConfigIntegration } from '../../../lib/integrations';

type Resources = Record<string, { Type: string; Properties?: any }>;

function onlyOf(resources: Resources, type: string): { id: string; properties: any } {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type);
  expect(found).toHaveLength(1);
  return { id: found[0][0], properties: found[0][1].Properties };
}

interface Fixture {
  readonly stack: Stack;
  readonly application: appconfig.Application;
  readonly environment: appconfig.Environment;
  readonly configurationProfile: appconfig.HostedConfiguration;
}

function fixture(): Fixture {
  const stack = new Stack();
  const application = new appconfig.Application(stack, 'App');
  const environment = new appconfig.Environment(stack, 'Env', { application });
  const configurationProfile = new appconfig.HostedConfiguration(stack, 'Config', {
    application, content: appconfig.ConfigurationContent.fromInlineJson('{"featureX": true}'), deployTo: [environment],
  });
  return { stack, application, environment, configurationProfile };
}

/** One `GET /config` route reading the fixture's configuration; returns the stack's resources. */
function synth(props: Partial<HttpAppConfigIntegrationProps> = {}, f: Fixture = fixture()): Resources {
  new HttpApi(f.stack, 'Api').addRoutes({
    path: '/config',
    methods: [HttpMethod.GET],
    integration: new HttpAppConfigIntegration('Config', {
      application: f.application, environment: f.environment, configurationProfile: f.configurationProfile, ...props,
    }),
  });
  return Template.fromStack(f.stack).toJSON().Resources as Resources;
}

const APPLICATION_ID = { Ref: 'AppF1B96344' };
const ENVIRONMENT_ID = { Ref: 'EnvC33A5BD9' };
const PROFILE_ID = { Ref: 'ConfigConfigurationProfileDF0E9404' };

describe('HttpAppConfigIntegration', () => {
  test('renders AppConfig-GetConfiguration with payload 1.0, the invoke role, and the ids', () => {
    const resources = synth();

    const role = onlyOf(resources, 'AWS::IAM::Role');
    expect(role.id).toMatch(/^ApiGETconfigInvokeRole[0-9A-F]{8}$/);
    const integration = onlyOf(resources, 'AWS::ApiGatewayV2::Integration');
    expect(integration.id).toMatch(/^ApiGETconfigConfig[0-9A-F]{8}$/);
    expect(integration.properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'AppConfig-GetConfiguration',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      CredentialsArn: { 'Fn::GetAtt': [role.id, 'Arn'] },
      RequestParameters: {
        Application: APPLICATION_ID,
        Environment: ENVIRONMENT_ID,
        Configuration: PROFILE_ID,
        ClientId: '$context.requestId',
      },
    });
  });

  test('the role trusts API Gateway and may only get the configuration of that application, environment and profile', () => {
    const resources = synth();

    const role = onlyOf(resources, 'AWS::IAM::Role');
    expect(role.properties).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }],
        Version: '2012-10-17',
      },
    });
    const applicationArn = (...tail: unknown[]) => ({
      'Fn::Join': ['', [
        'arn:', { Ref: 'AWS::Partition' }, ':appconfig:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':application/', APPLICATION_ID, ...tail,
      ]],
    });
    const policy = onlyOf(resources, 'AWS::IAM::Policy');
    expect(policy.properties.Roles).toEqual([{ Ref: role.id }]);
    expect(policy.properties.PolicyDocument.Statement).toEqual([{
      Sid: 'AllowAppConfigGetConfiguration',
      Effect: 'Allow',
      Action: 'appconfig:GetConfiguration',
      Resource: [
        applicationArn(),
        applicationArn('/environment/', ENVIRONMENT_ID),
        applicationArn('/configurationprofile/', PROFILE_ID),
      ],
    }]);
  });

  test('imported application and environment, with literal ids', () => {
    const stack = new Stack(undefined, undefined, { env: { account: '111111111111', region: 'eu-west-1' } });
    const application = appconfig.Application.fromApplicationId(stack, 'App', 'abc1234');
    const environment = appconfig.Environment.fromEnvironmentAttributes(stack, 'Env', { application, environmentId: 'env5678' });
    const configurationProfile = new appconfig.HostedConfiguration(stack, 'Config', {
      application, content: appconfig.ConfigurationContent.fromInlineText('x'),
    });
    const resources = synth({}, { stack, application: application as appconfig.Application, environment: environment as appconfig.Environment, configurationProfile });

    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters).toEqual({
      Application: 'abc1234', Environment: 'env5678', Configuration: PROFILE_ID, ClientId: '$context.requestId',
    });
    expect(onlyOf(resources, 'AWS::IAM::Policy').properties.PolicyDocument.Statement[0].Resource).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':appconfig:eu-west-1:111111111111:application/abc1234']] },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':appconfig:eu-west-1:111111111111:application/abc1234/environment/env5678']] },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':appconfig:eu-west-1:111111111111:application/abc1234/configurationprofile/', PROFILE_ID]] },
    ]);
  });

  test('clientId sets ClientId', () => {
    const resources = synth({ clientId: MappingValue.requestHeader('x-client-id') });
    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters.ClientId).toBe('$request.header.x-client-id');
  });

  test('a custom mapping gets the ids and ClientId, keeps its own, and is left unchanged', () => {
    const mapping = new ParameterMapping()
      .custom('ClientConfigurationVersion', '$request.querystring.version')
      .custom('ClientId', '$request.querystring.client');
    const resources = synth({ parameterMapping: mapping });

    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters).toEqual({
      ClientConfigurationVersion: '$request.querystring.version',
      ClientId: '$request.querystring.client',
      Application: APPLICATION_ID,
      Environment: ENVIRONMENT_ID,
      Configuration: PROFILE_ID,
    });
    expect(Object.keys(mapping.mappings)).toEqual(['ClientConfigurationVersion', 'ClientId']);
  });

  test('one integration and one role however many routes use it', () => {
    const f = fixture();
    const api = new HttpApi(f.stack, 'Api');
    const integration = new HttpAppConfigIntegration('Config', {
      application: f.application, environment: f.environment, configurationProfile: f.configurationProfile,
    });
    api.addRoutes({ path: '/config', methods: [HttpMethod.GET, HttpMethod.HEAD], integration });
    api.addRoutes({ path: '/flags', methods: [HttpMethod.GET], integration });

    const template = Template.fromStack(f.stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::Policy', 1);
  });

  describe('refused at synth time', () => {
    test('an environment of another application', () => {
      const f = fixture();
      const other = new appconfig.Application(f.stack, 'Other');
      const environment = new appconfig.Environment(f.stack, 'OtherEnv', { application: other });
      expect(() => synth({ environment }, f)).toThrow("Default/Api/GET--config: invalid `environment` of integration 'Config': "
        + 'it belongs to another application than `application`; pass the environment of that application');
    });

    test('an imported environment of another application id', () => {
      const stack = new Stack();
      const application = appconfig.Application.fromApplicationId(stack, 'App', 'abc1234');
      const environment = appconfig.Environment.fromEnvironmentAttributes(stack, 'Env', {
        application: appconfig.Application.fromApplicationId(stack, 'Other', 'xyz9876'), environmentId: 'env5678',
      });
      const configurationProfile = new appconfig.HostedConfiguration(stack, 'Config', { application, content: appconfig.ConfigurationContent.fromInlineText('x') });
      expect(() => synth({}, { stack, application: application as appconfig.Application, environment: environment as appconfig.Environment, configurationProfile }))
        .toThrow('invalid `environment`');
    });

    test('a configuration profile of another application', () => {
      const f = fixture();
      const other = new appconfig.Application(f.stack, 'Other');
      const configurationProfile = new appconfig.HostedConfiguration(f.stack, 'OtherConfig', { application: other, content: appconfig.ConfigurationContent.fromInlineText('x') });
      expect(() => synth({ configurationProfile }, f)).toThrow("invalid `configurationProfile` of integration 'Config': "
        + 'it belongs to another application than `application`; pass the configuration profile of that application');
    });

    test('valid neighbour: the same application imported twice by id', () => {
      const stack = new Stack();
      const application = appconfig.Application.fromApplicationId(stack, 'App', 'abc1234');
      const environment = appconfig.Environment.fromEnvironmentAttributes(stack, 'Env', {
        application: appconfig.Application.fromApplicationId(stack, 'Again', 'abc1234'), environmentId: 'env5678',
      });
      const configurationProfile = new appconfig.HostedConfiguration(stack, 'Config', { application, content: appconfig.ConfigurationContent.fromInlineText('x') });
      expect(() => synth({}, { stack, application: application as appconfig.Application, environment: environment as appconfig.Environment, configurationProfile }))
        .not.toThrow();
    });

    test('ClientId set both by `clientId` and by the mapping', () => {
      expect(() => synth({ clientId: MappingValue.requestHeader('x-client-id'), parameterMapping: new ParameterMapping().custom('ClientId', 'fixed') }))
        .toThrow("conflicting `clientId` of integration 'Config': `parameterMapping` also sets 'ClientId'; set it in one place");
    });

    test('valid neighbour: `clientId` with a mapping that leaves ClientId out', () => {
      expect(() => synth({ clientId: MappingValue.requestHeader('x-client-id'), parameterMapping: new ParameterMapping().custom('Region', 'eu-west-1') }))
        .not.toThrow();
    });

    test('a header mapping key', () => {
      expect(() => synth({ parameterMapping: new ParameterMapping().appendHeader('x-trace', MappingValue.contextVariable('requestId')) }))
        .toThrow("invalid `parameterMapping` key 'append:header.x-trace' of integration 'Config': AppConfig-GetConfiguration takes its action's parameters by name "
          + '(Application, Environment, Configuration, ClientId, ClientConfigurationVersion, Region)');
    });
  });

  test('an unknown parameter name gets a warning', () => {
    const f = fixture();
    synth({ parameterMapping: new ParameterMapping().custom('ConfigurationVersion', '$request.querystring.v') }, f);
    Annotations.fromStack(f.stack).hasWarning('/Default/Api/GET--config', Match.stringLikeRegexp("key 'ConfigurationVersion' of integration 'Config' is not a parameter of AppConfig-GetConfiguration"));
  });

  test('valid neighbour: documented parameters get no warning', () => {
    const f = fixture();
    synth({ parameterMapping: new ParameterMapping().custom('ClientConfigurationVersion', '$request.querystring.v') }, f);
    Annotations.fromStack(f.stack).hasNoWarning('*', Match.anyValue());
  });
});
