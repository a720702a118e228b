import type { CfnElement } from 'aws-cdk-lib';
import { App, CfnOutput, Duration, Lazy, NestedStack, RemovalPolicy, Stack, Stage as CdkStage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigwv1 from 'aws-cdk-lib/aws-apigateway';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import fc from 'fast-check';
import type { WebSocketStageProps } from '../../lib';
import {
  ApiGatewayAccountLoggingRole,
  LogGroupLogDestination,
  WebSocketApi,
  WebSocketLoggingLevel,
  WebSocketStage,
} from '../../lib';
import { WebSocketMockIntegration } from '../../lib/integrations';
import { errorOf, newStack, webSocketApiStack } from '../support';

const WEBSOCKET_CLF = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] '
  + '"$context.eventType $context.routeKey $context.connectionId" $context.status $context.requestId';
const LOGGING_ROLE_WARNING = /this stage logs \(access logs or execution logs\), which fails to deploy with "CloudWatch Logs role ARN must be set in account settings/;

function stage(stack: Stack, api: WebSocketApi, props: Partial<WebSocketStageProps> = {}): WebSocketStage {
  return new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', ...props });
}

/** The properties of the one stage in the stack. */
function stageProps(stack: Stack): { [key: string]: any } {
  const stages = Object.values(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Stage'));
  expect(stages).toHaveLength(1);
  return stages[0].Properties;
}

function stageDependsOn(stack: Stack): string[] {
  const stages = Object.values(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Stage'));
  return stages[0].DependsOn ?? [];
}

describe('WebSocketStage defaults', () => {
  test('a stage states its API and name, and nothing else', () => {
    const { stack, api } = webSocketApiStack();
    const s = stage(stack, api);

    expect(stageProps(stack)).toEqual({ ApiId: { Ref: 'ApiF70053CD' }, StageName: 'dev' });
    expect(s.node.defaultChild).toBeInstanceOf(CfnStage);
    expect(s.stageName).toBe('dev');
    expect(s.api).toBe(api);
    expect(stack.resolve(s.stageRef)).toEqual({ apiId: { Ref: 'ApiF70053CD' }, stageName: 'dev' });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('url is wss:// and callbackUrl https://, both ending in the stage name', () => {
    const { stack, api } = webSocketApiStack();
    const s = stage(stack, api);
    const host = [{ Ref: 'ApiF70053CD' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }];
    expect(stack.resolve(s.url)).toEqual({ 'Fn::Join': ['', ['wss://', ...host, '/dev']] });
    expect(stack.resolve(s.callbackUrl)).toEqual({ 'Fn::Join': ['', ['https://', ...host, '/dev']] });
  });

  test('defaultAccessLogFormat is the WebSocket Common Log Format', () => {
    const { stack, api } = webSocketApiStack();
    expect(stage(stack, api).defaultAccessLogFormat().toString()).toBe(WEBSOCKET_CLF);
  });
});

describe('WebSocketStage props', () => {
  test('every prop is rendered; access logs default to the WebSocket CLF', () => {
    const { stack, api } = webSocketApiStack();
    const logGroup = new LogGroup(stack, 'Logs');
    stage(stack, api, {
      stageName: 'prod',
      autoDeploy: true,
      description: 'production',
      throttle: { rateLimit: 100.5, burstLimit: 50 },
      detailedMetricsEnabled: true,
      loggingLevel: WebSocketLoggingLevel.INFO,
      dataTraceEnabled: true,
      stageVariables: { backend: 'https://backend.example.com/v1', color: 'blue' },
      accessLogSettings: { destination: new LogGroupLogDestination(logGroup) },
      cloudWatchRole: true,
    });

    expect(stageProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      StageName: 'prod',
      AutoDeploy: true,
      Description: 'production',
      DefaultRouteSettings: {
        ThrottlingBurstLimit: 50,
        ThrottlingRateLimit: 100.5,
        DetailedMetricsEnabled: true,
        LoggingLevel: 'INFO',
        DataTraceEnabled: true,
      },
      StageVariables: { backend: 'https://backend.example.com/v1', color: 'blue' },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [stack.getLogicalId(logGroup.node.defaultChild as any), 'Arn'] },
        Format: WEBSOCKET_CLF,
      },
    });
  });

  test('`loggingLevel` alone writes DefaultRouteSettings; `dataTraceEnabled: false` and `detailedMetricsEnabled: false` alone do not', () => {
    const first = webSocketApiStack();
    stage(first.stack, first.api, { loggingLevel: WebSocketLoggingLevel.ERROR, cloudWatchRole: true });
    expect(stageProps(first.stack).DefaultRouteSettings).toEqual({ LoggingLevel: 'ERROR' });

    const second = webSocketApiStack();
    stage(second.stack, second.api, { dataTraceEnabled: false, detailedMetricsEnabled: false });
    expect(stageProps(second.stack).DefaultRouteSettings).toBeUndefined();
  });

  test('`throttle` alone writes only the throttling', () => {
    const { stack, api } = webSocketApiStack();
    stage(stack, api, { throttle: { rateLimit: 0, burstLimit: 0 } });
    expect(stageProps(stack).DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 });
  });

  test('a custom access log format is written as given', () => {
    const { stack, api } = webSocketApiStack();
    const format = AccessLogFormat.custom(JSON.stringify({ id: AccessLogField.contextRequestId(), route: AccessLogField.contextRouteKey() }));
    stage(stack, api, { accessLogSettings: { destination: new LogGroupLogDestination(new LogGroup(stack, 'Logs')), format }, cloudWatchRole: true });
    expect(stageProps(stack).AccessLogSettings.Format).toBe('{"id":"$context.requestId","route":"$context.routeKey"}');
  });

  test('a custom access log format without a request id is refused', () => {
    const { stack, api } = webSocketApiStack();
    const format = AccessLogFormat.custom(AccessLogField.contextConnectionId());
    const error = errorOf(() => stage(stack, api, { accessLogSettings: { destination: new LogGroupLogDestination(new LogGroup(stack, 'Logs')), format } }));
    expect(error.message).toMatch(/invalid `accessLogSettings.format` '\$context.connectionId': it must contain `\$context.requestId` or `\$context.extendedRequestId`/);
  });

  test('the access log format has the same 3 KB quota as on HTTP stages (3,072 bytes pass, 3,073 do not)', () => {
    const formatOf = (bytes: number) => AccessLogFormat.custom(`$context.requestId ${'y'.repeat(bytes - 19)}`);
    const { stack, api } = webSocketApiStack();
    const logs = new LogGroupLogDestination(new LogGroup(stack, 'Logs'));
    stage(stack, api, { accessLogSettings: { destination: logs, format: formatOf(3072) }, cloudWatchRole: true });
    expect(() => new WebSocketStage(stack, 'Other', { webSocketApi: api, stageName: 'other', accessLogSettings: { destination: logs, format: formatOf(3073) } }))
      .toThrow(/^Stack\/Other: invalid `accessLogSettings.format` .*: it is 3073 bytes, over API Gateway's access log template quota of 3 KB/);
  });

  test('addStageVariable after construction is rendered with the props', () => {
    const { stack, api } = webSocketApiStack();
    const s = stage(stack, api, { stageVariables: { a: '1' } });
    s.addStageVariable('b', '2');
    expect(stageProps(stack).StageVariables).toEqual({ a: '1', b: '2' });
  });
});

describe('WebSocketStage rules', () => {
  describe('stage names', () => {
    test.each(['my stage', 'dev/1', 'prod!', '', 'a'.repeat(129), '$latest'])('%j is refused', (stageName) => {
      const { stack, api } = webSocketApiStack();
      const error = errorOf(() => stage(stack, api, { stageName }));
      expect(error.message).toContain(`invalid \`stageName\` '${stageName.length > 77 ? stageName.slice(0, 76) : stageName}`);
      expect(error.message).toContain("use 1 to 128 letters, digits, '-' and '_'");
    });

    test('valid neighbours: any 1 to 128 letters, digits, `-` and `_`', () => {
      fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/), (stageName) => {
        const { stack, api } = webSocketApiStack();
        expect(stage(stack, api, { stageName }).stageName).toBe(stageName);
      }), { numRuns: 30 });
    });

    test('valid neighbour: a name that is a token is not checked', () => {
      const { stack, api } = webSocketApiStack();
      stage(stack, api, { stageName: Lazy.string({ produce: () => 'my stage' }) });
      expect(stageProps(stack).StageName).toBe('my stage');
    });

    test('a second stage named like another of the same API is refused, as for HTTP APIs', () => {
      const { stack, api } = webSocketApiStack();
      api.addStage('Dev', { stageName: 'dev' });
      expect(errorOf(() => new WebSocketStage(stack, 'Again', { webSocketApi: api, stageName: 'dev' })).message)
        .toBe("Stack/Again: duplicate `stageName` 'dev': the stage at Stack/Api/Dev already has it, and the stages of an API have unique names; "
          + 'give this stage another `stageName` [cdk-apigatewayv2:duplicateStageName]');
      api.addStage('Default', { stageName: '$default' });
      expect(errorOf(() => api.addStage('Default2', { stageName: '$default' })).message)
        .toContain("duplicate `stageName` '$default': the stage at Stack/Api/Default already has it, and the stages of an API have unique names; "
          + 'give this stage another `stageName`');
    });

    test('valid neighbours: other names, the same name on another API or an import, and names that are tokens', () => {
      const { stack, api } = webSocketApiStack();
      api.addStage('Dev', { stageName: 'dev' });
      api.addStage('Prod', { stageName: 'prod' });
      new WebSocketApi(stack, 'Other').addStage('Dev', { stageName: 'dev' });
      const imported = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
      new WebSocketStage(stack, 'ImportedDev', { webSocketApi: imported, stageName: 'dev' });
      new WebSocketStage(stack, 'Lazy1', { webSocketApi: api, stageName: Lazy.string({ produce: () => 'dev' }) });
      new WebSocketStage(stack, 'Lazy2', { webSocketApi: api, stageName: Lazy.string({ produce: () => 'dev' }) });
      Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 6);
    });

    test('`$default` is accepted with a warning: WebSocket APIs serve no stage at their root', () => {
      const { stack, api } = webSocketApiStack();
      stage(stack, api, { stageName: '$default' });
      expect(stageProps(stack).StageName).toBe('$default');
      Annotations.fromStack(stack).hasWarning('/Stack/Stage', Match.stringLikeRegexp("WebSocket stage named '\\$default'"));
    });
  });

  describe('stage variables, as for HTTP stages', () => {
    test('a name with a dash, a value with a space, and a 513-character value are refused', () => {
      const { stack, api } = webSocketApiStack();
      expect(() => stage(stack, api, { stageVariables: { 'my-var': 'x' } })).toThrow(/invalid stage variable name 'my-var' in `stageVariables`: use 1 to 64 letters, digits and '_'/);
      expect(() => new WebSocketStage(stack, 'B', { webSocketApi: api, stageName: 'b', stageVariables: { v: 'a b' } }))
        .toThrow(/invalid value 'a b' of stage variable 'v' in `stageVariables`/);
      expect(() => new WebSocketStage(stack, 'C', { webSocketApi: api, stageName: 'c', stageVariables: { v: 'a'.repeat(513) } }))
        .toThrow(/513 characters is over the limit of 512/);
    });

    test('101 variables are refused', () => {
      const { stack, api } = webSocketApiStack();
      const s = stage(stack, api);
      for (let i = 0; i < 100; i++) s.addStageVariable(`v${i}`, 'x');
      expect(() => s.addStageVariable('v100', 'x')).toThrow(/too many `stageVariables`: 101 given, API Gateway allows at most 100 per stage/);
    });

    test('valid neighbours: 100 variables, a 64-character name and a 512-character value', () => {
      const { stack, api } = webSocketApiStack();
      const s = stage(stack, api, { stageVariables: { ['n'.repeat(64)]: 'v'.repeat(512) } });
      for (let i = 0; i < 99; i++) s.addStageVariable(`v${i}`, 'x');
      expect(Object.keys(stageProps(stack).StageVariables)).toHaveLength(100);
    });
  });

  describe('throttling, as for HTTP stages', () => {
    test('a negative rate and a fractional burst are refused', () => {
      const { stack, api } = webSocketApiStack();
      expect(() => stage(stack, api, { throttle: { rateLimit: -1 } })).toThrow(/invalid `throttle.rateLimit` -1: use a finite number of requests per second of 0 or more/);
      expect(() => new WebSocketStage(stack, 'B', { webSocketApi: api, stageName: 'b', throttle: { burstLimit: 1.5 } }))
        .toThrow(/invalid `throttle.burstLimit` 1.5: use a whole number of requests from 0 to 2147483647 \(a 32-bit integer\)/);
    });

    test('the same rules apply to route settings', () => {
      const { stack, api } = webSocketApiStack();
      api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
      expect(() => stage(stack, api, { routeSettings: [{ routeKey: 'send', throttle: { burstLimit: -2 } }] }))
        .toThrow(/invalid `routeSettings\['send'\].throttle.burstLimit` -2/);
    });

    test('valid neighbours: zero, and a fractional rate', () => {
      const { stack, api } = webSocketApiStack();
      stage(stack, api, { throttle: { rateLimit: 0.5, burstLimit: 0 } });
      expect(stageProps(stack).DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 0.5, ThrottlingBurstLimit: 0 });
    });
  });
});

describe('WebSocketStage route settings', () => {
  test('route settings are merged over the stage\'s own, as CloudFormation key names', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
    api.addRoute('$connect', { integration: new WebSocketMockIntegration('Connect') });
    const s = stage(stack, api, {
      throttle: { rateLimit: 50, burstLimit: 100 },
      detailedMetricsEnabled: true,
      loggingLevel: WebSocketLoggingLevel.ERROR,
      cloudWatchRole: true,
      routeSettings: [{ routeKey: 'send', throttle: { rateLimit: 5 }, loggingLevel: WebSocketLoggingLevel.INFO, dataTraceEnabled: true }],
    });
    s.addRouteSettings('$connect', { detailedMetricsEnabled: false, loggingLevel: WebSocketLoggingLevel.OFF });

    expect(stageProps(stack).RouteSettings).toEqual({
      send: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 5, DetailedMetricsEnabled: true, LoggingLevel: 'INFO', DataTraceEnabled: true },
      $connect: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50, DetailedMetricsEnabled: false, LoggingLevel: 'OFF' },
    });
  });

  test('addRouteSettings again for a route replaces its settings', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
    const s = stage(stack, api);
    s.addRouteSettings('send', { throttle: { rateLimit: 1 } });
    s.addRouteSettings('send', { detailedMetricsEnabled: true });
    expect(stageProps(stack).RouteSettings).toEqual({ send: { DetailedMetricsEnabled: true } });
  });

  test('the stage depends on the routes its settings name, even routes added after the stage', () => {
    const { stack, api } = webSocketApiStack();
    const s = stage(stack, api);
    s.addRouteSettings('late', { throttle: { rateLimit: 1 } });
    const route = api.addRoute('late', { integration: new WebSocketMockIntegration('Late') });
    expect(stageDependsOn(stack)).toContain(stack.getLogicalId(route.node.defaultChild as any));
  });

  test('a setting for a route the API does not have fails synth, naming the route and the fix', () => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
    stage(stack, api, { routeSettings: [{ routeKey: 'sned', throttle: { rateLimit: 1 } }] });
    expect(() => Template.fromStack(stack)).toThrow(/Stack\/Stage.*`routeSettings` name route 'sned', which the WebSocket API does not have.*add the route or remove its settings/s);
  });

  test('an empty route key in route settings is refused', () => {
    const { stack, api } = webSocketApiStack();
    expect(() => stage(stack, api).addRouteSettings('', {})).toThrow(/invalid `routeKey` ''/);
  });

  test('valid neighbour: settings for a route of an imported API are not checked', () => {
    const stack = newStack();
    const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Imported', { webSocketId: 'abc123' });
    new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', routeSettings: [{ routeKey: 'elsewhere', detailedMetricsEnabled: true }] });
    expect(stageProps(stack).RouteSettings).toEqual({ elsewhere: { DetailedMetricsEnabled: true } });
  });

  test('a route in another stack gets a warning instead of a dependency', () => {
    const app = new App();
    const apiStackOnly = new Stack(app, 'ApiStack');
    const api = new WebSocketApi(apiStackOnly, 'Api');
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
    const stageStack = new Stack(app, 'StageStack');
    new WebSocketStage(stageStack, 'Stage', { webSocketApi: api, stageName: 'dev', routeSettings: [{ routeKey: 'send', detailedMetricsEnabled: true }] });
    expect(Object.values(Template.fromStack(stageStack).findResources('AWS::ApiGatewayV2::Stage'))[0].DependsOn).toBeUndefined();
    Annotations.fromStack(stageStack).hasWarning('/StageStack/Stage', Match.stringLikeRegexp("route settings for 'send' name a route of another stack"));
  });
});

describe('WebSocketStage logging and the account CloudWatch Logs role', () => {
  test('`cloudWatchRole: true` creates the account setting and a retained role, and the stage deploys after them', () => {
    const { stack, api } = webSocketApiStack();
    stage(stack, api, { loggingLevel: WebSocketLoggingLevel.INFO, cloudWatchRole: true });

    const template = Template.fromStack(stack);
    template.hasResource('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }],
        },
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs']] }],
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::ApiGateway::Account', {
      Properties: { CloudWatchRoleArn: { 'Fn::GetAtt': ['ApiGatewayAccountLoggingRole99E5EA7B', 'Arn'] } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(stack.node.tryFindChild('ApiGatewayAccountLoggingRole')).toBeInstanceOf(ApiGatewayAccountLoggingRole);
    expect(stageDependsOn(stack)).toEqual(expect.arrayContaining(['ApiGatewayAccountLoggingRole27C1471C', 'ApiGatewayAccountLoggingRole99E5EA7B']));
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('stages of one stack share its one logging role', () => {
    const { stack, api } = webSocketApiStack();
    new WebSocketStage(stack, 'A', { webSocketApi: api, stageName: 'a', cloudWatchRole: true, loggingLevel: WebSocketLoggingLevel.ERROR });
    new WebSocketStage(stack, 'B', { webSocketApi: api, stageName: 'b', cloudWatchRole: true, loggingLevel: WebSocketLoggingLevel.ERROR });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Account', 1);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
  });

  test.each([
    ['access logs', (stack: Stack) => ({ accessLogSettings: { destination: new LogGroupLogDestination(new LogGroup(stack, 'Logs')) } })],
    ['an execution logging level', () => ({ loggingLevel: WebSocketLoggingLevel.ERROR })],
    ['a data trace', () => ({ dataTraceEnabled: true })],
    ['a route setting that logs', () => ({ routeSettings: [{ routeKey: 'send', loggingLevel: WebSocketLoggingLevel.INFO }] })],
  ])('a stage with %s and no logging role in the app gets a warning, not an error', (_what, props) => {
    const { stack, api } = webSocketApiStack();
    api.addRoute('send', { integration: new WebSocketMockIntegration('Send') });
    stage(stack, api, props(stack));
    Annotations.fromStack(stack).hasWarning('/Stack/Stage', Match.stringLikeRegexp(LOGGING_ROLE_WARNING.source));
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::Account', 0);
  });

  test('valid neighbours: no warning for a stage that does not log, or logs with the level OFF', () => {
    const { stack, api } = webSocketApiStack();
    stage(stack, api, { loggingLevel: WebSocketLoggingLevel.OFF, detailedMetricsEnabled: true });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('an ApiGatewayAccountLoggingRole created by hand in the stack serves the stage, which depends on it', () => {
    const { stack, api } = webSocketApiStack();
    stage(stack, api, { loggingLevel: WebSocketLoggingLevel.INFO });
    new ApiGatewayAccountLoggingRole(stack, 'Logging');
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    expect(stageDependsOn(stack)).toEqual(expect.arrayContaining([stack.getLogicalId(stack.node.findChild('Logging').node.defaultChild as any)]));
  });

  test('an AWS::ApiGateway::Account of a REST API (`cloudWatchRole`) in the stack also serves the stage', () => {
    const { stack, api } = webSocketApiStack();
    const rest = new apigwv1.RestApi(stack, 'Rest', { cloudWatchRole: true });
    rest.root.addMethod('GET', new apigwv1.MockIntegration());
    stage(stack, api, { accessLogSettings: { destination: new LogGroupLogDestination(new LogGroup(stack, 'Logs')) } });
    Annotations.fromStack(stack).hasNoWarning('/Stack/Stage', Match.anyValue());
    expect(stageDependsOn(stack)).toContain(stack.getLogicalId(rest.node.findChild('Account') as any));
  });

  describe('a logging role in another stack', () => {
    const ROLE_ORDER_WARNING = /this stage logs with the API Gateway logging role Account\/Logging\/Resource, which /;
    const env = (region: string, account = '123456789012') => ({ account, region });

    /** An app with a logging role in stack `Account` and a logging WebSocket stage in stack `Api`. */
    function roleAndStage(roleEnv?: { account: string; region: string }, stageEnv?: { account: string; region: string }) {
      const app = new App();
      const roleStack = new Stack(app, 'Account', { env: roleEnv });
      new ApiGatewayAccountLoggingRole(roleStack, 'Logging');
      const stack = new Stack(app, 'Api', { env: stageEnv });
      const api = new WebSocketApi(stack, 'Api');
      const s = new WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', loggingLevel: WebSocketLoggingLevel.ERROR });
      return { app, roleStack, stack, api, stage: s };
    }

    test.each([
      ['both environment-agnostic', undefined, undefined],
      ['both in one account and Region', env('eu-west-1'), env('eu-west-1')],
      ['the role environment-agnostic', undefined, env('eu-west-1')],
      ['the stage environment-agnostic', env('us-east-1'), undefined],
    ])('of the same environment (%s) serves the stage, whose stack then depends on the role\'s stack', (_what, roleEnv, stageEnv) => {
      const { app, roleStack, stack } = roleAndStage(roleEnv, stageEnv);
      const assembly = app.synth();
      expect(stack.dependencies).toEqual([roleStack]);
      expect(assembly.getStackArtifact(stack.artifactId).dependencies.map(d => d.id)).toContain(roleStack.artifactId);
      Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
      expect(stageDependsOn(stack)).toEqual([]);
    });

    test.each([
      ['another Region', env('us-east-1'), env('eu-west-1')],
      ['another account', env('eu-west-1', '111111111111'), env('eu-west-1', '222222222222')],
    ])('of %s does not serve the stage: the warning stays, naming that role, and no dependency is added', (_what, roleEnv, stageEnv) => {
      const { app, stack } = roleAndStage(roleEnv, stageEnv);
      app.synth();
      expect(stack.dependencies).toEqual([]);
      Annotations.fromStack(stack).hasWarning('/Api/Stage', Match.stringLikeRegexp(LOGGING_ROLE_WARNING.source));
      Annotations.fromStack(stack).hasWarning('/Api/Stage',
        Match.stringLikeRegexp("the app's logging roles \\(Account/Logging/Resource\\) are in other accounts or Regions and do not count"));
    });

    test('a role of the exact environment is preferred over one that only may be in it', () => {
      const app = new App();
      new ApiGatewayAccountLoggingRole(new Stack(app, 'Agnostic'), 'Logging');
      const ireland = new Stack(app, 'Ireland', { env: env('eu-west-1') });
      new ApiGatewayAccountLoggingRole(ireland, 'Logging');
      const stack = new Stack(app, 'Api', { env: env('eu-west-1') });
      stage(stack, new WebSocketApi(stack, 'Api'), { loggingLevel: WebSocketLoggingLevel.INFO });
      app.synth();
      expect(stack.dependencies).toEqual([ireland]);
    });

    test('whose stack already depends on the stage\'s stack: a warning that it must deploy first, and no cycle', () => {
      const { app, roleStack, stack } = roleAndStage();
      roleStack.addStackDependency(stack, 'the test');
      app.synth();
      expect(stack.dependencies).toEqual([]);
      Annotations.fromStack(stack).hasWarning('/Api/Stage', Match.stringLikeRegexp(ROLE_ORDER_WARNING.source
        + 'is in stack Account, which depends on this stage\'s stack Api: the role\'s stack must deploy first'));
      Annotations.fromStack(stack).hasNoWarning('/Api/Stage', Match.stringLikeRegexp(LOGGING_ROLE_WARNING.source));
    });

    test('whose stack depends on the stage\'s stack through a third stack, or through a cross-stack reference, gets the warning too', () => {
      const { app, roleStack, stack } = roleAndStage();
      const middle = new Stack(app, 'Middle');
      roleStack.addStackDependency(middle, 'the test');
      middle.addStackDependency(stack, 'the test');
      app.synth();
      expect(stack.dependencies).toEqual([]);
      Annotations.fromStack(stack).hasWarning('/Api/Stage', Match.stringLikeRegexp(ROLE_ORDER_WARNING.source));

      // A reference made in the role's stack becomes a stack dependency only when the app is prepared, after aspects.
      const second = roleAndStage();
      new CfnOutput(second.roleStack, 'ApiId', { value: second.api.apiId });
      expect(() => second.app.synth()).not.toThrow();
      expect(second.stack.dependencies).toEqual([]);
      expect(second.roleStack.dependencies).toEqual([second.stack]);
      Annotations.fromStack(second.stack).hasWarning('/Api/Stage', Match.stringLikeRegexp(ROLE_ORDER_WARNING.source));
    });

    test('in another CDK stage gets the warning, as no stack dependency crosses stages', () => {
      const app = new App();
      new ApiGatewayAccountLoggingRole(new Stack(new CdkStage(app, 'Shared'), 'Account'), 'Logging');
      const stack = new Stack(new CdkStage(app, 'Prod'), 'Api');
      stage(stack, new WebSocketApi(stack, 'Api'), { loggingLevel: WebSocketLoggingLevel.INFO });
      Annotations.fromStack(stack).hasWarning('/Prod/Api/Stage', Match.stringLikeRegexp(
        'this stage logs with the API Gateway logging role Shared/Account/Logging/Resource, which is in Shared/Account of another CDK stage'));
      expect(stack.dependencies).toEqual([]);
    });

    test('that nests the stage\'s stack serves it within the one deployment: the nested stack deploys after the role', () => {
      const app = new App();
      const parent = new Stack(app, 'Parent');
      new ApiGatewayAccountLoggingRole(parent, 'Logging');
      const nested = new NestedStack(parent, 'Nested');
      new WebSocketStage(nested, 'Stage', { webSocketApi: new WebSocketApi(nested, 'Api'), stageName: 'dev', loggingLevel: WebSocketLoggingLevel.INFO });
      app.synth();
      const nestedResource = Object.values(Template.fromStack(parent).findResources('AWS::CloudFormation::Stack'))[0];
      expect(nestedResource.DependsOn).toEqual(expect.arrayContaining([
        parent.getLogicalId(parent.node.findChild('Logging').node.defaultChild as CfnElement),
      ]));
      expect(parent.dependencies).toEqual([]);
      Annotations.fromStack(parent).hasNoWarning('*', Match.anyValue());
    });
  });
});

describe('ApiGatewayAccountLoggingRole', () => {
  test('a given role: only the account setting is created', () => {
    const stack = newStack();
    const role = iam.Role.fromRoleArn(stack, 'Existing', 'arn:aws:iam::123456789012:role/apigw-logs');
    const logging = new ApiGatewayAccountLoggingRole(stack, 'Logging', { role });
    expect(logging.role).toBeUndefined();
    expect(logging.roleArn).toBe('arn:aws:iam::123456789012:role/apigw-logs');
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 0);
    Template.fromStack(stack).hasResource('AWS::ApiGateway::Account', {
      Properties: { CloudWatchRoleArn: 'arn:aws:iam::123456789012:role/apigw-logs' },
      DeletionPolicy: 'Retain',
    });
  });

  test('`removalPolicy` applies to both resources', () => {
    const stack = newStack();
    new ApiGatewayAccountLoggingRole(stack, 'Logging', { removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).hasResource('AWS::ApiGateway::Account', { DeletionPolicy: 'Delete' });
    Template.fromStack(stack).hasResource('AWS::IAM::Role', { DeletionPolicy: 'Delete' });
  });

  test('ofStack returns the role of the stack, creating it at the stack root once', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const first = ApiGatewayAccountLoggingRole.ofStack(api);
    expect(first.node.path).toBe('Stack/ApiGatewayAccountLoggingRole');
    expect(ApiGatewayAccountLoggingRole.ofStack(stack)).toBe(first);
    const other = new Stack(stack.node.root as App, 'Other');
    expect(ApiGatewayAccountLoggingRole.ofStack(other)).not.toBe(first);
  });

  test('a second one in a stack is refused', () => {
    const stack = newStack();
    new ApiGatewayAccountLoggingRole(stack, 'First');
    const error = errorOf(() => new ApiGatewayAccountLoggingRole(stack, 'Second'));
    expect(error.message).toBe('Stack/Second: a second ApiGatewayAccountLoggingRole in stack Stack: the stack already has Stack/First, and an account '
      + 'and Region have one API Gateway logging role; use ApiGatewayAccountLoggingRole.ofStack() to share it [cdk-apigatewayv2:accountLoggingRole]');
  });

  test('two in stacks that may deploy to the same account and Region get a warning', () => {
    const app = new App();
    new ApiGatewayAccountLoggingRole(new Stack(app, 'One'), 'Logging');
    const two = new Stack(app, 'Two');
    new ApiGatewayAccountLoggingRole(two, 'Logging');
    Annotations.fromStack(two).hasWarning('/Two/Logging', Match.stringLikeRegexp('One/Logging in another stack may set the same account and Region'));
  });

  test('valid neighbour: stacks in different Regions each have one without a warning', () => {
    const app = new App();
    new ApiGatewayAccountLoggingRole(new Stack(app, 'One', { env: { account: '123456789012', region: 'us-east-1' } }), 'Logging');
    const two = new Stack(app, 'Two', { env: { account: '123456789012', region: 'eu-west-1' } });
    new ApiGatewayAccountLoggingRole(two, 'Logging');
    Annotations.fromStack(two).hasNoWarning('*', Match.anyValue());
  });
});

describe('WebSocketStage grants, metrics and imports', () => {
  test('grantManagementApiAccess allows execute-api:ManageConnections on the stage\'s @connections', () => {
    const { stack, api } = webSocketApiStack();
    const s = stage(stack, api);
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    s.grantManagementApiAccess(role);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'execute-api:ManageConnections',
          Effect: 'Allow',
          Resource: {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':',
              { Ref: 'ApiF70053CD' }, '/dev/*/@connections/*']],
          },
        }],
      },
    });
  });

  test.each([
    ['metricConnectCount', 'ConnectCount', 'Sum'],
    ['metricMessageCount', 'MessageCount', 'Sum'],
    ['metricIntegrationError', 'IntegrationError', 'Sum'],
    ['metricClientError', 'ClientError', 'Sum'],
    ['metricExecutionError', 'ExecutionError', 'Sum'],
    ['metricIntegrationLatency', 'IntegrationLatency', 'Average'],
  ] as const)('%s is %s with the statistic %s, for the API and the stage', (method, metricName, statistic) => {
    const { stack, api } = webSocketApiStack();
    const metric = stage(stack, api)[method]({ period: Duration.minutes(1) });
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.metricName).toBe(metricName);
    expect(metric.statistic).toBe(statistic);
    expect(metric.period.toMinutes()).toBe(1);
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: 'ApiF70053CD' }, Stage: 'dev' });
  });

  test('fromWebSocketStageAttributes: name, API, grants and metrics; url and callbackUrl are refused', () => {
    const stack = newStack();
    const api = WebSocketApi.fromWebSocketApiAttributes(stack, 'Api', { webSocketId: 'abc123' });
    const imported = WebSocketStage.fromWebSocketStageAttributes(stack, 'Imported', { stageName: 'prod', api });

    expect(imported.stageName).toBe('prod');
    expect(imported.api).toBe(api);
    expect(imported.metricMessageCount().dimensions).toEqual({ ApiId: 'abc123', Stage: 'prod' });
    expect(errorOf(() => imported.url).message)
      .toBe('Stack/Imported: the `url` of an imported WebSocket stage is unknown: build it from the API endpoint and the stage name [cdk-apigatewayv2:attributeUnavailable]');
    expect(errorOf(() => imported.callbackUrl).message)
      .toBe('Stack/Imported: the `callbackUrl` of an imported WebSocket stage is unknown: build it as https://{apiId}.execute-api.{region}.amazonaws.com/{stageName} [cdk-apigatewayv2:attributeUnavailable]');

    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    imported.grantManagementApiAccess(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:ManageConnections', Resource: { 'Fn::Join': ['', Match.arrayWith([':abc123/prod/*/@connections/*'])] } }] },
    });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
  });

  test('a stage in another stack than its API synthesizes without a cycle', () => {
    const app = new App();
    const api = new WebSocketApi(new Stack(app, 'ApiStack'), 'Api');
    const stageStack = new Stack(app, 'StageStack');
    new WebSocketStage(stageStack, 'Stage', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
    expect(app.synth().stacks).toHaveLength(2);
  });
});
