import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpStepFunctionsIntegration as UpstreamStepFunctionsIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { HttpApi, HttpIntegrationSubtype, HttpMethod, MappingValue, ParameterMapping } from '../../../lib';
import { HttpStepFunctionsIntegration } from '../../../lib/integrations';

function stateMachine(stack: Stack, type = sfn.StateMachineType.EXPRESS): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'StateMachine', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
    stateMachineType: type,
  });
}

type Resources = Record<string, { Type: string; Properties?: any; DependsOn?: unknown }>;

function resourcesOf(stack: Stack): Resources {
  const resources = Template.fromStack(stack).toJSON().Resources as Resources;
  const kept: Resources = {};
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type === 'AWS::CDK::Metadata') continue;
    kept[id] = { Type: resource.Type, Properties: resource.Properties, DependsOn: resource.DependsOn };
  }
  return kept;
}

function onlyOf(resources: Resources, type: string, where: (properties: any) => boolean = () => true): { id: string; properties: any } {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type && where(r.Properties));
  expect(found).toHaveLength(1);
  return { id: found[0][0], properties: found[0][1].Properties };
}

/** The role API Gateway assumes (the state machine has a role of its own). */
function invokeRole(resources: Resources): { id: string; properties: any } {
  return onlyOf(resources, 'AWS::IAM::Role', p => p.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'apigateway.amazonaws.com');
}

/** The statements of the invoke role's policy. */
function invokeStatements(resources: Resources): unknown[] {
  const role = invokeRole(resources);
  return onlyOf(resources, 'AWS::IAM::Policy', p => JSON.stringify(p.Roles) === JSON.stringify([{ Ref: role.id }])).properties.PolicyDocument.Statement;
}

/** One route with the integration; returns the stack's resources. */
function synth(integration: (sm: sfn.StateMachine) => HttpStepFunctionsIntegration, type?: sfn.StateMachineType): Resources {
  const stack = new Stack();
  const sm = stateMachine(stack, type);
  new HttpApi(stack, 'Api').addRoutes({ path: '/run', methods: [HttpMethod.POST], integration: integration(sm) });
  return resourcesOf(stack);
}

const STATE_MACHINE_ARN = { Ref: 'StateMachine2E01A3A5' };

describe('HttpStepFunctionsIntegration', () => {
  test('renders StartExecution with payload 1.0, the invoke role and StateMachineArn', () => {
    const resources = synth(sm => new HttpStepFunctionsIntegration('Run', { stateMachine: sm }));

    const integration = onlyOf(resources, 'AWS::ApiGatewayV2::Integration');
    expect(integration.id).toBe('ApiPOSTrunRunB1B32C5C');
    expect(integration.properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'StepFunctions-StartExecution',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      CredentialsArn: { 'Fn::GetAtt': ['ApiPOSTrunInvokeRoleE254B8D9', 'Arn'] },
      RequestParameters: { StateMachineArn: STATE_MACHINE_ARN },
    });
  });

  test('the role trusts API Gateway and may only start executions of the state machine', () => {
    const resources = synth(sm => new HttpStepFunctionsIntegration('Run', { stateMachine: sm }));

    const role = invokeRole(resources);
    expect(role.id).toBe('ApiPOSTrunInvokeRoleE254B8D9');
    expect(role.properties).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }],
        Version: '2012-10-17',
      },
    });
    expect(invokeStatements(resources)).toEqual([
      { Sid: 'AllowStepFunctionsExecution', Effect: 'Allow', Action: 'states:StartExecution', Resource: STATE_MACHINE_ARN },
    ]);
  });

  test('START_SYNC_EXECUTION on an EXPRESS state machine allows states:StartSyncExecution', () => {
    const resources = synth(sm => new HttpStepFunctionsIntegration('Run', {
      stateMachine: sm, subtype: HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION,
    }));

    const integration = onlyOf(resources, 'AWS::ApiGatewayV2::Integration');
    expect(integration.properties.IntegrationSubtype).toBe('StepFunctions-StartSyncExecution');
    expect(integration.properties.RequestParameters).toEqual({ StateMachineArn: STATE_MACHINE_ARN });
    expect(invokeStatements(resources)).toEqual([
      { Sid: 'AllowStepFunctionsExecution', Effect: 'Allow', Action: 'states:StartSyncExecution', Resource: STATE_MACHINE_ARN },
    ]);
  });

  test('STOP_EXECUTION allows states:StopExecution on the executions and maps ExecutionArn from the body', () => {
    const resources = synth(sm => new HttpStepFunctionsIntegration('Run', {
      stateMachine: sm, subtype: HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
    }));

    const integration = onlyOf(resources, 'AWS::ApiGatewayV2::Integration');
    expect(integration.properties.IntegrationSubtype).toBe('StepFunctions-StopExecution');
    expect(integration.properties.RequestParameters).toEqual({ ExecutionArn: '$request.body.ExecutionArn' });
    expect(invokeStatements(resources)).toEqual([{
      Sid: 'AllowStepFunctionsExecution',
      Effect: 'Allow',
      Action: 'states:StopExecution',
      Resource: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':states:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
          ':execution:', { 'Fn::GetAtt': ['StateMachine2E01A3A5', 'Name'] }, ':*',
        ]],
      },
    }]);
  });

  test('a custom mapping is used as given', () => {
    const resources = synth(sm => new HttpStepFunctionsIntegration('Run', {
      stateMachine: sm,
      parameterMapping: new ParameterMapping()
        .custom('StateMachineArn', sm.stateMachineArn)
        .custom('Input', '$request.body')
        .custom('Name', '$context.requestId'),
    }));

    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters).toEqual({
      StateMachineArn: STATE_MACHINE_ARN, Input: '$request.body', Name: '$context.requestId',
    });
  });

  test('one integration and one role however many routes use it', () => {
    const stack = new Stack();
    const sm = stateMachine(stack);
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpStepFunctionsIntegration('Run', { stateMachine: sm });
    api.addRoutes({ path: '/run', methods: [HttpMethod.GET, HttpMethod.POST], integration });
    api.addRoutes({ path: '/run/{name}', methods: [HttpMethod.PUT], integration });

    const resources = resourcesOf(stack);
    const count = (type: string) => Object.values(resources).filter(r => r.Type === type).length;
    expect(count('AWS::ApiGatewayV2::Route')).toBe(3);
    expect(count('AWS::ApiGatewayV2::Integration')).toBe(1);
    expect(invokeStatements(resources)).toHaveLength(1); // exactly one invoke role, with one policy
    expect(count('AWS::IAM::Role')).toBe(2); // the invoke role and the state machine's role
  });

  describe('refused at synth time', () => {
    function bind(props: Omit<ConstructorParameters<typeof HttpStepFunctionsIntegration>[1], 'stateMachine'>, type?: sfn.StateMachineType) {
      return () => synth(sm => new HttpStepFunctionsIntegration('Run', { stateMachine: sm, ...props }), type);
    }

    test.each([
      HttpIntegrationSubtype.SQS_SEND_MESSAGE,
      HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS,
      HttpIntegrationSubtype.KINESIS_PUT_RECORD,
    ])('a %s subtype', (subtype) => {
      expect(bind({ subtype })).toThrow(/Default\/Api\/POST--run: invalid `subtype` '[^']+' of integration 'Run': HttpStepFunctionsIntegration takes StepFunctions-StartExecution, StepFunctions-StartSyncExecution or StepFunctions-StopExecution; use Http\w+Integration for /);
    });

    test.each([
      HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION,
      HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION,
      HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
    ])('valid neighbour: the %s subtype', (subtype) => {
      expect(bind({ subtype })).not.toThrow();
    });

    test('START_SYNC_EXECUTION on a STANDARD state machine', () => {
      expect(bind({ subtype: HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION }, sfn.StateMachineType.STANDARD))
        .toThrow("invalid `subtype` 'StepFunctions-StartSyncExecution' of integration 'Run': synchronous executions need an EXPRESS state machine, and Default/StateMachine is STANDARD");
    });

    test('valid neighbour: START_EXECUTION on a STANDARD state machine', () => {
      expect(bind({ subtype: HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION }, sfn.StateMachineType.STANDARD)).not.toThrow();
    });

    test('a custom mapping without StateMachineArn', () => {
      expect(bind({ parameterMapping: new ParameterMapping().custom('Input', '$request.body') }))
        .toThrow("incomplete `parameterMapping` of integration 'Run': StepFunctions-StartExecution requires StateMachineArn, and 'StateMachineArn' is missing; add it with `.custom('StateMachineArn', value)`");
    });

    test('a STOP_EXECUTION mapping with StateMachineArn instead of ExecutionArn', () => {
      expect(bind({
        subtype: HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
        parameterMapping: new ParameterMapping().custom('StateMachineArn', 'arn:aws:states:us-east-1:111111111111:stateMachine:m'),
      })).toThrow("StepFunctions-StopExecution requires ExecutionArn, and 'ExecutionArn' is missing");
    });

    test('valid neighbour: a STOP_EXECUTION mapping with ExecutionArn, Cause and Error', () => {
      expect(bind({
        subtype: HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
        parameterMapping: new ParameterMapping()
          .custom('ExecutionArn', '$request.querystring.executionArn')
          .custom('Cause', '$request.body.cause')
          .custom('Error', 'Cancelled'),
      })).not.toThrow();
    });

    test('a header mapping key, which only integrations without a subtype take', () => {
      expect(bind({
        parameterMapping: new ParameterMapping().custom('StateMachineArn', 'arn').overwriteHeader('x-user', MappingValue.contextVariable('requestId')),
      })).toThrow("invalid `parameterMapping` key 'overwrite:header.x-user' of integration 'Run': StepFunctions-StartExecution takes its action's parameters by name (StateMachineArn, Name, Input, Region), not header, query string or path mappings");
    });
  });

  test('an unknown parameter name gets a warning, not an error', () => {
    const stack = new Stack();
    const sm = stateMachine(stack);
    const mapping = new ParameterMapping().custom('StateMachineArn', sm.stateMachineArn).custom('Imput', '$request.body');
    new HttpApi(stack, 'Api').addRoutes({ path: '/run', integration: new HttpStepFunctionsIntegration('Run', { stateMachine: sm, parameterMapping: mapping }) });

    Annotations.fromStack(stack).hasWarning('/Default/Api/ANY--run', Match.stringLikeRegexp(
      "`parameterMapping` key 'Imput' of integration 'Run' is not a parameter of StepFunctions-StartExecution in API Gateway's reference \\(StateMachineArn, Name, Input, Region\\)"));
  });

  test('valid neighbour: documented parameters get no warning', () => {
    const stack = new Stack();
    const sm = stateMachine(stack);
    const mapping = new ParameterMapping().custom('StateMachineArn', sm.stateMachineArn).custom('Input', '$request.body').custom('Region', 'eu-west-1');
    new HttpApi(stack, 'Api').addRoutes({ path: '/run', integration: new HttpStepFunctionsIntegration('Run', { stateMachine: sm, parameterMapping: mapping }) });

    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('HttpStepFunctionsIntegration parity with aws-cdk-lib', () => {
  const EXECUTION_ARN = '$request.querystring.executionArn';

  function upstreamApp(): Stack {
    const stack = new Stack(new App(), 'Stack');
    const sm = stateMachine(stack);
    const api = new upstream.HttpApi(stack, 'Api');
    const start = new UpstreamStepFunctionsIntegration('Start', { stateMachine: sm });
    api.addRoutes({ path: '/start', methods: [upstream.HttpMethod.GET, upstream.HttpMethod.POST], integration: start });
    api.addRoutes({ path: '/start/{name}', methods: [upstream.HttpMethod.PUT], integration: start });
    api.addRoutes({
      path: '/sync',
      methods: [upstream.HttpMethod.POST],
      integration: new UpstreamStepFunctionsIntegration('Sync', { stateMachine: sm, subtype: upstream.HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION }),
    });
    api.addRoutes({
      path: '/stop',
      methods: [upstream.HttpMethod.POST],
      integration: new UpstreamStepFunctionsIntegration('Stop', {
        stateMachine: sm,
        subtype: upstream.HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
        parameterMapping: new upstream.ParameterMapping().custom('ExecutionArn', EXECUTION_ARN),
      }),
    });
    return stack;
  }

  function ourApp(): Stack {
    const stack = new Stack(new App(), 'Stack');
    const sm = stateMachine(stack);
    const api = new HttpApi(stack, 'Api');
    const start = new HttpStepFunctionsIntegration('Start', { stateMachine: sm });
    api.addRoutes({ path: '/start', methods: [HttpMethod.GET, HttpMethod.POST], integration: start });
    api.addRoutes({ path: '/start/{name}', methods: [HttpMethod.PUT], integration: start });
    api.addRoutes({
      path: '/sync',
      methods: [HttpMethod.POST],
      integration: new HttpStepFunctionsIntegration('Sync', { stateMachine: sm, subtype: HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION }),
    });
    api.addRoutes({
      path: '/stop',
      methods: [HttpMethod.POST],
      integration: new HttpStepFunctionsIntegration('Stop', {
        stateMachine: sm,
        subtype: HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
        parameterMapping: new ParameterMapping().custom('ExecutionArn', EXECUTION_ARN),
      }),
    });
    return stack;
  }

  const theirs = resourcesOf(upstreamApp());
  const mine = resourcesOf(ourApp());

  test('the same logical ids', () => {
    const ids = Object.keys(theirs).sort();
    expect(ids.filter(id => /InvokeRole|Start|Sync|Stop/.test(id))).toEqual([
      'ApiGETstartInvokeRoleBDC362E4',
      'ApiGETstartInvokeRoleDefaultPolicyB4F724C2',
      'ApiGETstartStartCF116857',
      'ApiPOSTstopInvokeRoleB9DFDAA9',
      'ApiPOSTstopInvokeRoleDefaultPolicy4B17C921',
      'ApiPOSTstopStopB5F3F9EE',
      'ApiPOSTsyncInvokeRole2ADA0B02',
      'ApiPOSTsyncInvokeRoleDefaultPolicyDD6EC3E3',
      'ApiPOSTsyncSync16AF6B56',
    ]);
    expect(Object.keys(mine).sort()).toEqual(ids);
  });

  test('the same resources, properties and dependencies', () => {
    expect(mine).toEqual(theirs);
  });

  test('deliberate: STOP_EXECUTION without a mapping maps ExecutionArn (aws-cdk-lib maps StateMachineArn, which API Gateway refuses)', () => {
    const build = (lib: 'upstream' | 'ours') => {
      const stack = new Stack(new App(), 'Stack');
      const sm = stateMachine(stack);
      if (lib === 'upstream') {
        new upstream.HttpApi(stack, 'Api').addRoutes({
          path: '/stop',
          integration: new UpstreamStepFunctionsIntegration('Stop', { stateMachine: sm, subtype: upstream.HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION }),
        });
      } else {
        new HttpApi(stack, 'Api').addRoutes({
          path: '/stop',
          integration: new HttpStepFunctionsIntegration('Stop', { stateMachine: sm, subtype: HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION }),
        });
      }
      return onlyOf(resourcesOf(stack), 'AWS::ApiGatewayV2::Integration').properties.RequestParameters;
    };
    expect(build('upstream')).toEqual({ StateMachineArn: STATE_MACHINE_ARN });
    expect(build('ours')).toEqual({ ExecutionArn: '$request.body.ExecutionArn' });
  });
});
