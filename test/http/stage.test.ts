import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import fc from 'fast-check';
import type { IHttpApi, ThrottleSettings } from '../../lib';
import { AccessLogSettings, HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from '../../lib';
import { errorOf, httpApiStack, newStack, urlIntegration } from '../support';

const CLF = '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] '
  + '"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId';

const STAGE_NAME_CHAR = /^[A-Za-z0-9_-]$/;
const VARIABLE_KEY_CHAR = /^[A-Za-z0-9_]$/;
const VARIABLE_VALUE_CHAR = /^[A-Za-z0-9\-._~:/?#&=,]$/;

/** The properties of the one `AWS::ApiGatewayV2::Stage` in the stack. */
function stageProps(stack: Stack): { [key: string]: any } {
  const stages = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Stage');
  const ids = Object.keys(stages);
  expect(ids).toHaveLength(1);
  return stages[ids[0]].Properties;
}

/** The DependsOn list of the one stage in the stack. */
function stageDependsOn(stack: Stack): string[] {
  const stages = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Stage');
  return Object.values(stages)[0].DependsOn ?? [];
}

/** One character outside `allowed`, any Unicode code point. */
function charOutside(allowed: RegExp): fc.Arbitrary<string> {
  return fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !allowed.test(c));
}

/** `${prefix}${bad}${suffix}` where `bad` is outside `allowed` and the rest is inside it. */
function stringWithBadChar(allowed: RegExp, maxSide: number): fc.Arbitrary<string> {
  const side = fc.string({ unit: fc.constantFrom(...'aZ9_'.split('')), maxLength: maxSide });
  return fc.tuple(side, charOutside(allowed), side).map(([a, bad, b]) => `${a}${bad}${b}`);
}

describe('HttpStage defaults', () => {
  test('the stage is `$default`, with no route settings, variables or logs', () => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api });

    expect(stageProps(stack)).toEqual({
      ApiId: { Ref: stack.getLogicalId(api.node.defaultChild as any) },
      StageName: '$default',
    });
  });

  test('`node.defaultChild` is aws-cdk-lib\'s CfnStage', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api });
    expect(stage.node.defaultChild).toBeInstanceOf(CfnStage);
    expect(stage.node.defaultChild!.node.id).toBe('Resource');
  });

  test('`stageName` is the physical name; `stageRef` holds the API id and the name', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api, stageName: 'beta' });
    expect(stage.stageName).toBe('beta');
    expect(stack.resolve(stage.stageRef)).toEqual({ apiId: { Ref: 'ApiF70053CD' }, stageName: 'beta' });
    expect(stage.isHttpStage).toBe(true);
    expect(stage.api).toBe(api);
  });

  test('`detailedMetricsEnabled: false` alone writes no DefaultRouteSettings', () => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api, detailedMetricsEnabled: false });
    expect(stageProps(stack).DefaultRouteSettings).toBeUndefined();
  });
});

describe('HttpStage props', () => {
  test('every prop is rendered', () => {
    const { stack, api } = httpApiStack();
    const logGroup = new LogGroup(stack, 'Logs');
    new HttpStage(stack, 'Stage', {
      httpApi: api,
      stageName: 'prod',
      autoDeploy: true,
      throttle: { rateLimit: 100.5, burstLimit: 50 },
      detailedMetricsEnabled: true,
      description: 'production',
      stageVariables: { backend: 'https://backend.example.com/v1', color: 'blue' },
      accessLogSettings: { destination: new LogGroupLogDestination(logGroup) },
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
      },
      StageVariables: { backend: 'https://backend.example.com/v1', color: 'blue' },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [stack.getLogicalId(logGroup.node.defaultChild as any), 'Arn'] },
        Format: CLF,
      },
    });
  });

  test('`autoDeploy: false` is written as given', () => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api, autoDeploy: false });
    expect(stageProps(stack).AutoDeploy).toBe(false);
  });

  test('`throttle` alone writes DefaultRouteSettings without DetailedMetricsEnabled', () => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api, throttle: { rateLimit: 0, burstLimit: 0 } });
    expect(stageProps(stack).DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 });
  });

  test('`detailedMetricsEnabled` alone writes DefaultRouteSettings without throttling', () => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api, detailedMetricsEnabled: true });
    expect(stageProps(stack).DefaultRouteSettings).toEqual({ DetailedMetricsEnabled: true });
  });

  test('addStageVariable after construction is rendered, merged with the props and replacing a same-named one', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api, stageVariables: { a: '1', b: '2' } });
    stage.addStageVariable('c', '3');
    stage.addStageVariable('a', 'one');
    expect(stageProps(stack).StageVariables).toEqual({ a: 'one', b: '2', c: '3' });
  });

  test('addStageVariable alone, with no `stageVariables` prop, renders StageVariables', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api });
    stage.addStageVariable('only', 'x');
    expect(stageProps(stack).StageVariables).toEqual({ only: 'x' });
  });

  test('an empty `stageVariables` object writes no StageVariables', () => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api, stageVariables: {} });
    expect(stageProps(stack).StageVariables).toBeUndefined();
  });
});

describe('HttpStage access logs', () => {
  function logged(format?: AccessLogFormat): { stack: Stack; api: HttpApi; create: () => HttpStage } {
    const { stack, api } = httpApiStack();
    const destination = new LogGroupLogDestination(new LogGroup(stack, 'Logs'));
    return { stack, api, create: () => new HttpStage(stack, 'Stage', { httpApi: api, accessLogSettings: { destination, format } }) };
  }

  test('LogGroupLogDestination.bind gives the log group ARN', () => {
    const stack = newStack();
    const logGroup = new LogGroup(stack, 'Logs');
    const { stack: other, api } = httpApiStack();
    const stage = new HttpStage(other, 'Stage', { httpApi: api });
    expect(stack.resolve(new LogGroupLogDestination(logGroup).bind(stage).destinationArn))
      .toEqual({ 'Fn::GetAtt': [stack.getLogicalId(logGroup.node.defaultChild as any), 'Arn'] });
  });

  test('a custom format with `$context.requestId` is written as given', () => {
    const format = AccessLogFormat.custom(JSON.stringify({
      id: AccessLogField.contextRequestId(),
      status: AccessLogField.contextStatus(),
    }));
    const { stack, create } = logged(format);
    create();
    expect(stageProps(stack).AccessLogSettings.Format).toBe('{"id":"$context.requestId","status":"$context.status"}');
  });

  test('AccessLogFormat.jsonWithStandardFields is written as given', () => {
    const format = AccessLogFormat.jsonWithStandardFields();
    const { stack, create } = logged(format);
    create();
    expect(stageProps(stack).AccessLogSettings.Format).toBe(format.toString());
    expect(stageProps(stack).AccessLogSettings.Format).toContain('"requestId":"$context.requestId"');
  });

  test('AccessLogFormat.clf() equals the default format', () => {
    const { stack, create } = logged(AccessLogFormat.clf());
    create();
    expect(stageProps(stack).AccessLogSettings.Format).toBe(CLF);
  });

  test('a format with only `$context.extendedRequestId` is accepted', () => {
    const { stack, create } = logged(AccessLogFormat.custom('$context.extendedRequestId $context.status'));
    create();
    expect(stageProps(stack).AccessLogSettings.Format).toBe('$context.extendedRequestId $context.status');
  });

  test('a format without a request id is refused, naming the setting and the fix', () => {
    const { create } = logged(AccessLogFormat.custom('$context.identity.sourceIp $context.status'));
    const error = errorOf(create);
    expect(error.message).toContain('`accessLogSettings.format`');
    expect(error.message).toContain('\'$context.identity.sourceIp $context.status\'');
    expect(error.message).toContain('AccessLogField.contextRequestId()');
    expect(error.constructPath).toBe('Stack/Stage');
  });

  test.each([
    ['$context.requestTime'],
    ['$context.requestIdentity'],
    ['$context.authorizer.requestId'],
    ['$context.awsEndpointRequestId'],
    ['requestId'],
  ])('the look-alike %s is not a request id', (text) => {
    const { create } = logged(AccessLogFormat.custom(text));
    expect(() => create()).toThrow(/`accessLogSettings\.format`/);
  });

  test('a format that is an unresolved token is not checked', () => {
    const { stack, create } = logged(AccessLogFormat.custom(Lazy.string({ produce: () => '$context.status' })));
    create();
    expect(stageProps(stack).AccessLogSettings.Format).toBe('$context.status');
  });

  describe('the 3 KB quota of the format, counted in UTF-8 bytes', () => {
    const HEAD = '$context.requestId ';
    const padded = (bytes: number, filler = 'x') => HEAD + filler.repeat((bytes - HEAD.length) / Buffer.byteLength(filler));

    test('3,073 bytes are refused, naming the size, the quota and the fix', () => {
      const { create } = logged(AccessLogFormat.custom(padded(3073)));
      const error = errorOf(create);
      expect(error.message).toMatch(/^Stack\/Stage: invalid `accessLogSettings.format` '\$context.requestId x+\.\.\.: it is 3073 bytes, over API Gateway's access log template quota of 3 KB \(3072 bytes\), which AWS does not raise; log fewer fields or shorter names \[cdk-apigatewayv2:accessLogFormatSize\]$/);
    });

    test('multi-byte characters count as their bytes: 1,025 three-byte characters are too many', () => {
      const format = `${HEAD}${'€'.repeat(1025)}`;
      expect(format.length).toBeLessThan(3072);
      expect(() => logged(AccessLogFormat.custom(format)).create()).toThrow(/it is 3094 bytes/);
    });

    test('valid neighbours: exactly 3,072 bytes, and a long format holding a token', () => {
      const { stack, create } = logged(AccessLogFormat.custom(padded(3072)));
      create();
      expect(Buffer.byteLength(stageProps(stack).AccessLogSettings.Format)).toBe(3072);
      const withToken = logged(AccessLogFormat.custom(`${padded(4000)} ${Lazy.string({ produce: () => '$context.status' })}`));
      expect(() => withToken.create()).not.toThrow();
    });
  });
});

describe('HttpStage url', () => {
  test('the `$default` stage is served at the API root', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api });
    expect(stack.resolve(stage.url)).toEqual({
      'Fn::Join': ['', ['https://', { Ref: 'ApiF70053CD' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/']],
    });
  });

  test('a named stage is served under its name', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api, stageName: 'beta' });
    expect(stack.resolve(stage.url)).toEqual({
      'Fn::Join': ['', ['https://', { Ref: 'ApiF70053CD' }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/beta']],
    });
  });

  test('a stack with a concrete environment writes its region', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    const stage = new HttpStage(stack, 'Stage', { httpApi: api, stageName: 'beta' });
    expect(stack.resolve(stage.url)).toEqual({
      'Fn::Join': ['', ['https://', { Ref: 'ApiF70053CD' }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/beta']],
    });
  });
});

describe('HttpStage.fromHttpStageAttributes', () => {
  function imported(): { stack: Stack; api: IHttpApi; stage: ReturnType<typeof HttpStage.fromHttpStageAttributes> } {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Api', { httpApiId: 'api1234' });
    const stage = HttpStage.fromHttpStageAttributes(stack, 'Stage', { stageName: 'beta', api });
    return { stack, api, stage };
  }

  test('holds the stage name and the API, and creates no resource', () => {
    const { stack, api, stage } = imported();
    expect(stage.stageName).toBe('beta');
    expect(stage.api).toBe(api);
    expect(stage.isHttpStage).toBe(true);
    expect(stack.resolve(stage.stageRef)).toEqual({ apiId: 'api1234', stageName: 'beta' });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 0);
  });

  test('`url` is refused, saying how to build it', () => {
    const { stage } = imported();
    const error = errorOf(() => stage.url);
    expect(error.message).toContain('`url`');
    expect(error.message).toContain('imported');
    expect(error.message).toMatch(/API endpoint and the stage name/);
  });

  test('metrics carry the imported API id and stage name', () => {
    const { stage } = imported();
    const metric = stage.metricCount();
    expect(metric.dimensions).toEqual({ ApiId: 'api1234', Stage: 'beta' });
    expect(metric.metricName).toBe('Count');
    expect(metric.statistic).toBe('SampleCount');
  });
});

describe('HttpStage metrics', () => {
  test.each([
    ['metricClientError', '4xx', 'Sum'],
    ['metricServerError', '5xx', 'Sum'],
    ['metricDataProcessed', 'DataProcessed', 'Sum'],
    ['metricCount', 'Count', 'SampleCount'],
    ['metricIntegrationLatency', 'IntegrationLatency', 'Average'],
    ['metricLatency', 'Latency', 'Average'],
  ] as const)('%s is %s with statistic %s and dimensions {ApiId, Stage}', (method, name, statistic) => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api, stageName: 'beta' });
    const metric = stage[method]();
    expect(metric.namespace).toBe('AWS/ApiGateway');
    expect(metric.metricName).toBe(name);
    expect(metric.statistic).toBe(statistic);
    expect(metric.period.toMinutes()).toBe(5);
    expect(stack.resolve(metric.dimensions)).toEqual({ ApiId: { Ref: 'ApiF70053CD' }, Stage: 'beta' });
  });

  test('metric(name) defaults to the 5-minute average; options override it', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api });
    const plain = stage.metric('Custom');
    expect(plain.metricName).toBe('Custom');
    expect(plain.statistic).toBe('Average');
    expect(stack.resolve(plain.dimensions)).toEqual({ ApiId: { Ref: 'ApiF70053CD' }, Stage: '$default' });

    const tuned = stage.metricClientError({ statistic: 'Maximum', period: Duration.minutes(1) });
    expect(tuned.statistic).toBe('Maximum');
    expect(tuned.period.toMinutes()).toBe(1);
  });
});

describe('HttpStage stage names', () => {
  test.each([['beta'], ['prod_1'], ['a-b'], ['x'.repeat(128)], ['$default']])('%s is accepted', (name) => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api, stageName: name });
    expect(stageProps(stack).StageName).toBe(name);
  });

  test.each([['my stage'], ['v1.0'], ['x'.repeat(129)], [''], ['$prod'], ['default$']])('%j is refused', (name) => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => new HttpStage(stack, 'Stage', { httpApi: api, stageName: name }));
    expect(error.message).toContain('`stageName`');
    expect(error.message).toContain('use 1 to 128 letters, digits, \'-\' and \'_\', or \'$default\'');
    expect(error.constructPath).toBe('Stack/Stage');
  });

  test('a stage name that is an unresolved token is not checked', () => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api, stageName: Lazy.string({ produce: () => 'not valid!' }) });
    expect(stageProps(stack).StageName).toBe('not valid!');
  });

  test('property: any name of 1 to 128 letters, digits, - and _ is accepted', () => {
    const stack = newStack();
    let n = 0;
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/), (name) => {
      const stage = new HttpStage(stack, `Stage${n++}`, { httpApi: HttpApi.fromHttpApiAttributes(stack, `Api${n}`, { httpApiId: 'api1234' }), stageName: name });
      expect(stage.stageName).toBe(name);
    }));
  });

  test('property: a name with any other character is refused', () => {
    const stack = newStack();
    let n = 0;
    fc.assert(fc.property(stringWithBadChar(STAGE_NAME_CHAR, 60).filter((s) => s !== '$default'), (name) => {
      expect(() => new HttpStage(stack, `Stage${n++}`, { httpApi: HttpApi.fromHttpApiAttributes(stack, `Api${n}`, { httpApiId: 'api1234' }), stageName: name })).toThrow(/`stageName`/);
    }));
  });
});

describe('HttpStage stage variables', () => {
  function stageWith(variables: { [key: string]: string }): { stack: Stack; create: () => HttpStage } {
    const { stack, api } = httpApiStack();
    return { stack, create: () => new HttpStage(stack, 'Stage', { httpApi: api, stageVariables: variables }) };
  }

  test('a 64-character key is accepted', () => {
    const key = 'k'.repeat(64);
    const { stack, create } = stageWith({ [key]: 'v' });
    create();
    expect(stageProps(stack).StageVariables).toEqual({ [key]: 'v' });
  });

  test('a 65-character key is refused', () => {
    const error = errorOf(stageWith({ ['k'.repeat(65)]: 'v' }).create);
    expect(error.message).toContain('stage variable name');
    expect(error.message).toContain('`stageVariables`');
    expect(error.message).toContain('use 1 to 64 letters, digits and \'_\'');
  });

  test('a key with `-` is refused; the same key with `_` is accepted', () => {
    expect(errorOf(stageWith({ 'my-var': 'v' }).create).message).toContain('\'my-var\'');
    const { stack, create } = stageWith({ my_var: 'v' });
    create();
    expect(stageProps(stack).StageVariables).toEqual({ my_var: 'v' });
  });

  test('a value with every allowed punctuation character is accepted', () => {
    const { stack, create } = stageWith({ v: 'a-b._~:/?#&=,' });
    create();
    expect(stageProps(stack).StageVariables).toEqual({ v: 'a-b._~:/?#&=,' });
  });

  test('a value with a space is refused, naming the variable and the allowed characters', () => {
    const error = errorOf(stageWith({ greeting: 'hello world' }).create);
    expect(error.message).toContain('\'hello world\'');
    expect(error.message).toContain('\'greeting\'');
    expect(error.message).toContain('`stageVariables`');
    expect(error.message).toContain('A-Z a-z 0-9 - . _ ~ : / ? # & = ,');
  });

  test('an empty value is refused', () => {
    expect(errorOf(stageWith({ empty: '' }).create).message).toContain('stage variable \'empty\'');
  });

  test('a 512-character value is accepted, a 513-character one refused', () => {
    const { stack, create } = stageWith({ long: 'v'.repeat(512) });
    create();
    expect(stageProps(stack).StageVariables.long).toHaveLength(512);

    const error = errorOf(stageWith({ long: 'v'.repeat(513) }).create);
    expect(error.message).toContain('513 characters is over the limit of 512');
    expect(error.message).toContain('shorten it');
  });

  test('100 variables are accepted, 101 refused', () => {
    const hundred = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, `${i}`]));
    const { stack, create } = stageWith(hundred);
    const stage = create();
    expect(Object.keys(stageProps(stack).StageVariables)).toHaveLength(100);

    // Replacing an existing variable does not count as a new one.
    stage.addStageVariable('v0', 'again');

    const error = errorOf(() => stage.addStageVariable('v100', 'x'));
    expect(error.message).toContain('too many `stageVariables`');
    expect(error.message).toContain('101 given');
    expect(error.message).toContain('at most 100');

    const { create: createTooMany } = stageWith({ ...hundred, v100: 'x' });
    expect(errorOf(createTooMany).message).toContain('101 given');
  });

  test('the name `__proto__` is refused rather than silently dropped', () => {
    const variables = JSON.parse('{"__proto__": "x"}');
    const error = errorOf(stageWith(variables).create);
    expect(error.message).toContain('\'__proto__\'');
    expect(error.message).toContain('choose another one');
  });

  test('unresolved tokens are not checked, as names or values', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api });
    stage.addStageVariable('fromToken', Lazy.string({ produce: () => 'has space' }));
    stage.addStageVariable(Lazy.string({ produce: () => 'bad-name' }), 'v');
    expect(stageProps(stack).StageVariables).toEqual({ 'fromToken': 'has space', 'bad-name': 'v' });
  });

  test('property: valid names and values are accepted and rendered as given', () => {
    const stack = newStack();
    // `__proto__` matches the pattern but cannot be rendered; it is refused on purpose (tested above).
    const key = fc.stringMatching(/^[A-Za-z0-9_]{1,64}$/).filter((k) => k !== '__proto__');
    const value = fc.stringMatching(/^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/);
    let n = 0;
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 100 }), (variables) => {
      const stage = new HttpStage(stack, `Stage${n++}`, { httpApi: HttpApi.fromHttpApiAttributes(stack, `Api${n}`, { httpApiId: 'api1234' }), stageVariables: variables });
      const rendered = stack.resolve((stage.node.defaultChild as CfnStage).stageVariables);
      expect(rendered).toEqual(Object.keys(variables).length > 0 ? { ...variables } : undefined);
    }), { numRuns: 50 });
  });

  test('property: a name with any character outside [A-Za-z0-9_] is refused', () => {
    const stack = newStack();
    let n = 0;
    fc.assert(fc.property(stringWithBadChar(VARIABLE_KEY_CHAR, 30), (name) => {
      const stage = new HttpStage(stack, `Stage${n++}`, { httpApi: HttpApi.fromHttpApiAttributes(stack, `Api${n}`, { httpApiId: 'api1234' }) });
      expect(() => stage.addStageVariable(name, 'v')).toThrow(/stage variable name/);
    }));
  });

  test('property: a value with any character outside the allowed set is refused', () => {
    const stack = newStack();
    let n = 0;
    fc.assert(fc.property(stringWithBadChar(VARIABLE_VALUE_CHAR, 100), (value) => {
      const stage = new HttpStage(stack, `Stage${n++}`, { httpApi: HttpApi.fromHttpApiAttributes(stack, `Api${n}`, { httpApiId: 'api1234' }) });
      expect(() => stage.addStageVariable('v', value)).toThrow(/invalid value .* of stage variable 'v'/s);
    }));
  });
});

describe('HttpStage throttle', () => {
  test.each<[ThrottleSettings]>([
    [{ rateLimit: 0 }],
    [{ rateLimit: 0.5 }],
    [{ rateLimit: 10_000 }],
    [{ burstLimit: 0 }],
    [{ burstLimit: 5000 }],
    [{ burstLimit: 2 ** 31 - 1, rateLimit: 1e9 }],
  ])('%j is accepted', (throttle) => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', { httpApi: api, throttle });
    expect(stageProps(stack).DefaultRouteSettings).toEqual({
      ...(throttle.rateLimit !== undefined ? { ThrottlingRateLimit: throttle.rateLimit } : {}),
      ...(throttle.burstLimit !== undefined ? { ThrottlingBurstLimit: throttle.burstLimit } : {}),
    });
  });

  test.each([
    [{ rateLimit: -1 }, '`throttle.rateLimit` -1', '0 or more'],
    [{ rateLimit: NaN }, '`throttle.rateLimit` NaN', 'give a finite number'],
    [{ rateLimit: Infinity }, '`throttle.rateLimit` Infinity', 'give a finite number'],
    [{ burstLimit: -1 }, '`throttle.burstLimit` -1', 'whole number of requests from 0 to 2147483647 (a 32-bit integer)'],
    [{ burstLimit: 1.5 }, '`throttle.burstLimit` 1.5', 'whole number of requests from 0 to 2147483647 (a 32-bit integer)'],
    [{ burstLimit: 2 ** 31 }, '`throttle.burstLimit` 2147483648', 'whole number of requests from 0 to 2147483647 (a 32-bit integer)'],
  ])('%j is refused', (throttle, setting, fix) => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => new HttpStage(stack, 'Stage', { httpApi: api, throttle }));
    expect(error.message).toContain(setting);
    expect(error.message).toContain(fix);
  });

  test('`defaultStageOptions.throttle` and route settings follow the same rules', () => {
    expect(errorOf(() => new HttpApi(newStack(), 'Api', { defaultStageOptions: { throttle: { burstLimit: 2 ** 31 } } })).message)
      .toMatch(/^Stack\/Api\/DefaultStage: invalid `throttle.burstLimit` 2147483648: use a whole number of requests from 0 to 2147483647/);
    const { stack, api } = httpApiStack();
    expect(errorOf(() => new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: HttpRouteKey.DEFAULT, throttle: { rateLimit: -0.1 } }] })).message)
      .toMatch(/invalid `routeSettings\['\$default'\].throttle.rateLimit` -0.1: use a finite number of requests per second of 0 or more/);
    new HttpApi(newStack(), 'Api', { defaultStageOptions: { throttle: { burstLimit: 2 ** 31 - 1, rateLimit: 0 } } });
  });

  test('unresolved tokens are not checked', () => {
    const { stack, api } = httpApiStack();
    new HttpStage(stack, 'Stage', {
      httpApi: api,
      throttle: { rateLimit: Lazy.number({ produce: () => -1 }), burstLimit: Lazy.number({ produce: () => 1.5 }) },
    });
    expect(stageProps(stack).DefaultRouteSettings).toEqual({ ThrottlingRateLimit: -1, ThrottlingBurstLimit: 1.5 });
  });
});

describe('HttpStage route settings', () => {
  const GET_BOOKS = HttpRouteKey.with('/books', HttpMethod.GET);
  const POST_BOOKS = HttpRouteKey.with('/books', HttpMethod.POST);

  function withRoutes(): { stack: Stack; api: HttpApi; routeIds: { [key: string]: string } } {
    const { stack, api } = httpApiStack();
    const routes = api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration: urlIntegration('Books') });
    const routeIds = Object.fromEntries(routes.map((r) => [r.routeKey.key, stack.getLogicalId(r.node.defaultChild as any)]));
    return { stack, api, routeIds };
  }

  test('`routeSettings` renders RouteSettings keyed by route key, with CloudFormation\'s key names', () => {
    const { stack, api } = withRoutes();
    new HttpStage(stack, 'Stage', {
      httpApi: api,
      routeSettings: [
        { routeKey: GET_BOOKS, throttle: { burstLimit: 10, rateLimit: 5 }, detailedMetricsEnabled: true },
        { routeKey: POST_BOOKS, throttle: { rateLimit: 1 } },
      ],
    });
    expect(stageProps(stack).RouteSettings).toEqual({
      'GET /books': { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5, DetailedMetricsEnabled: true },
      'POST /books': { ThrottlingRateLimit: 1 },
    });
  });

  test('without route settings, RouteSettings is absent', () => {
    const { stack, api } = withRoutes();
    new HttpStage(stack, 'Stage', { httpApi: api, throttle: { rateLimit: 1 } });
    expect(stageProps(stack).RouteSettings).toBeUndefined();
  });

  test('route values win over the stage\'s; unset ones fall back to the stage\'s', () => {
    const { stack, api } = withRoutes();
    new HttpStage(stack, 'Stage', {
      httpApi: api,
      throttle: { rateLimit: 100, burstLimit: 50 },
      detailedMetricsEnabled: true,
      routeSettings: [
        { routeKey: GET_BOOKS, throttle: { burstLimit: 5 } },
        { routeKey: POST_BOOKS, throttle: { rateLimit: 0 }, detailedMetricsEnabled: false },
      ],
    });
    const props = stageProps(stack);
    expect(props.DefaultRouteSettings).toEqual({ ThrottlingBurstLimit: 50, ThrottlingRateLimit: 100, DetailedMetricsEnabled: true });
    expect(props.RouteSettings).toEqual({
      'GET /books': { ThrottlingBurstLimit: 5, ThrottlingRateLimit: 100, DetailedMetricsEnabled: true },
      'POST /books': { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 0, DetailedMetricsEnabled: false },
    });
  });

  test('addRouteSettings adds settings; a second call for the same route replaces them', () => {
    const { stack, api } = withRoutes();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: GET_BOOKS, throttle: { rateLimit: 1 } }] });
    stage.addRouteSettings(POST_BOOKS, { detailedMetricsEnabled: true });
    stage.addRouteSettings(GET_BOOKS, { throttle: { burstLimit: 2 } });
    expect(stageProps(stack).RouteSettings).toEqual({
      'GET /books': { ThrottlingBurstLimit: 2 },
      'POST /books': { DetailedMetricsEnabled: true },
    });
  });

  test('the `$default` route can have settings', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false, defaultIntegration: urlIntegration('Fallback') });
    new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: HttpRouteKey.DEFAULT, throttle: { rateLimit: 3 } }] });
    expect(stageProps(stack).RouteSettings).toEqual({ $default: { ThrottlingRateLimit: 3 } });
  });

  test('the stage depends on the routes its settings name, and on no other', () => {
    const { stack, api, routeIds } = withRoutes();
    new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: GET_BOOKS, throttle: { rateLimit: 1 } }] });
    const dependsOn = stageDependsOn(stack);
    expect(dependsOn).toContain(routeIds['GET /books']);
    expect(dependsOn).not.toContain(routeIds['POST /books']);
  });

  test('the stage depends on a route added after the setting', () => {
    const { stack, api } = httpApiStack();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api });
    stage.addRouteSettings(GET_BOOKS, { throttle: { rateLimit: 1 } });
    const [route] = api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('Books') });
    expect(stageDependsOn(stack)).toContain(stack.getLogicalId(route.node.defaultChild as any));
    expect(stageProps(stack).RouteSettings).toEqual({ 'GET /books': { ThrottlingRateLimit: 1 } });
  });

  test('a stage without route settings depends on no route', () => {
    const { stack, api } = withRoutes();
    new HttpStage(stack, 'Stage', { httpApi: api });
    expect(stageDependsOn(stack)).toEqual([]);
  });

  test('a setting for a route the API does not have fails synth, naming the route and the fix', () => {
    const { stack, api } = withRoutes();
    new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: HttpRouteKey.with('/authors', HttpMethod.GET), throttle: { rateLimit: 1 } }] });
    expect(() => Template.fromStack(stack)).toThrow(/Stack\/Stage.*`routeSettings` name route 'GET \/authors', which the API does not have.*add the route or remove its settings/s);
  });

  test('an ANY route does not satisfy a setting for one method of the same path', () => {
    const { stack, api } = httpApiStack();
    api.addRoutes({ path: '/books', integration: urlIntegration('Books') });
    new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: GET_BOOKS, throttle: { rateLimit: 1 } }] });
    expect(() => Template.fromStack(stack)).toThrow(/'GET \/books', which the API does not have/);
  });

  test('an imported API skips the unknown-route check', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Api', { httpApiId: 'api1234' });
    new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: GET_BOOKS, throttle: { rateLimit: 1 } }] });
    expect(stageProps(stack)).toEqual({
      ApiId: 'api1234',
      StageName: '$default',
      RouteSettings: { 'GET /books': { ThrottlingRateLimit: 1 } },
    });
  });

  test('an imported API still links the stage to a route this app adds to it', () => {
    const stack = newStack();
    const api = HttpApi.fromHttpApiAttributes(stack, 'Api', { httpApiId: 'api1234' });
    const stage = new HttpStage(stack, 'Stage', { httpApi: api });
    stage.addRouteSettings(GET_BOOKS, { detailedMetricsEnabled: true });
    const route = new HttpRoute(stack, 'Route', { httpApi: api, routeKey: GET_BOOKS, integration: urlIntegration('Books') });
    expect(stageDependsOn(stack)).toContain(stack.getLogicalId(route.node.defaultChild as any));
  });

  test('a route in another stack gets a warning instead of a dependency', () => {
    const app = new App();
    const apiStackOnly = new Stack(app, 'ApiStack');
    const api = new HttpApi(apiStackOnly, 'Api', { createDefaultStage: false });
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: urlIntegration('Books') });
    const stageStack = new Stack(app, 'StageStack');
    new HttpStage(stageStack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: GET_BOOKS, throttle: { rateLimit: 1 } }] });

    const template = Template.fromStack(stageStack);
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    expect(stage.DependsOn).toBeUndefined();
    Annotations.fromStack(stageStack).hasWarning('/StageStack/Stage', Match.stringLikeRegexp('route settings for \'GET /books\' name a route of another stack'));
  });

  test.each([
    [{ rateLimit: -1 }, '`routeSettings[\'GET /books\'].throttle.rateLimit` -1'],
    [{ burstLimit: 0.5 }, '`routeSettings[\'GET /books\'].throttle.burstLimit` 0.5'],
  ])('a route throttle of %j is refused, naming the route', (throttle, setting) => {
    const { stack, api } = withRoutes();
    const viaProp = errorOf(() => new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: GET_BOOKS, throttle }] }));
    expect(viaProp.message).toContain(setting);

    const stage = new HttpStage(stack, 'Other', { httpApi: api, stageName: 'other' });
    expect(errorOf(() => stage.addRouteSettings(GET_BOOKS, { throttle })).message).toContain(setting);
  });

  test('a route throttle of 0 and a fractional rate are accepted', () => {
    const { stack, api } = withRoutes();
    new HttpStage(stack, 'Stage', { httpApi: api, routeSettings: [{ routeKey: GET_BOOKS, throttle: { rateLimit: 0.25, burstLimit: 0 } }] });
    expect(stageProps(stack).RouteSettings).toEqual({ 'GET /books': { ThrottlingRateLimit: 0.25, ThrottlingBurstLimit: 0 } });
  });
});

describe('HttpStage on HttpApi', () => {
  test('the default stage is `$default`, auto-deployed, under construct id DefaultStage', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    expect(api.defaultStage).toBeInstanceOf(HttpStage);
    expect(api.defaultStage!.node.id).toBe('DefaultStage');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { Ref: 'ApiF70053CD' },
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: Match.absent(),
    });
  });

  test('a stage in another stack references the API across stacks', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const api = new HttpApi(apiStack, 'Api', { createDefaultStage: false });
    const stageStack = new Stack(app, 'StageStack');
    new HttpStage(stageStack, 'Stage', { httpApi: api, stageName: 'beta' });
    Template.fromStack(stageStack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: { 'Fn::ImportValue': Match.stringLikeRegexp('ApiStack') },
      StageName: 'beta',
    });
  });
});

describe('AccessLogSettings', () => {
  test('renders like the object literal it stands for', () => {
    const build = (useClass: boolean) => {
      const stack = newStack();
      const group = new LogGroup(stack, 'Logs');
      const destination = new LogGroupLogDestination(group);
      const format = AccessLogFormat.custom(`${AccessLogField.contextRequestId()} ${AccessLogField.contextStatus()}`);
      new HttpStage(stack, 'Stage', {
        httpApi: new HttpApi(stack, 'Api', { createDefaultStage: false }),
        accessLogSettings: useClass ? new AccessLogSettings(destination, format) : { destination, format },
      });
      return Template.fromStack(stack).toJSON();
    };
    expect(build(true)).toEqual(build(false));
    expect(JSON.stringify(build(true))).toContain('$context.requestId $context.status');
  });

  test('without a format, the stage uses the Common Log Format', () => {
    const stack = newStack();
    new HttpStage(stack, 'Stage', {
      httpApi: new HttpApi(stack, 'Api', { createDefaultStage: false }),
      accessLogSettings: new AccessLogSettings(new LogGroupLogDestination(new LogGroup(stack, 'Logs'))),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { Format: AccessLogFormat.clf().toString() },
    });
  });
});

describe('stage names are unique per API', () => {
  test('a second stage named like another of the same API is refused', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addStage('Beta', { stageName: 'beta' });
    expect(() => api.addStage('Beta2', { stageName: 'beta' }))
      .toThrow("Stack/Api/Beta2: duplicate `stageName` 'beta': the stage at Stack/Api/Beta already has it, and the stages of an API have unique names; give this stage another `stageName`");
    expect(() => new HttpStage(stack, 'Another', { httpApi: api }))
      .toThrow("duplicate `stageName` '$default': the stage at Stack/Api/DefaultStage already has it, and the stages of an API have unique names; "
        + 'give this stage a `stageName`, or create the API with `createDefaultStage: false`');
  });

  test('other names, and the same name on another API, pass', () => {
    const stack = newStack();
    const one = new HttpApi(stack, 'One');
    one.addStage('Beta', { stageName: 'beta' });
    one.addStage('Prod', { stageName: 'prod' });
    new HttpApi(stack, 'Two').addStage('Beta', { stageName: 'beta' });
    new HttpStage(stack, 'Own', { httpApi: new HttpApi(stack, 'Three', { createDefaultStage: false }) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Stage', 6);
  });
});
