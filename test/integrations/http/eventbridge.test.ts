import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpEventBridgeIntegration as UpstreamEventBridgeIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as events from 'aws-cdk-lib/aws-events';
import { HttpApi, HttpIntegrationSubtype, HttpMethod, MappingValue, ParameterMapping } from '../../../lib';
import type { HttpEventBridgeIntegrationProps } from '../../../lib/integrations';
import { HttpEventBridgeIntegration } from '../../../lib/integrations';

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

function onlyOf(resources: Resources, type: string): { id: string; properties: any } {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type);
  expect(found).toHaveLength(1);
  return { id: found[0][0], properties: found[0][1].Properties };
}

/** One `POST /events` route with the integration; returns the stack's resources. */
function synth(props: Omit<HttpEventBridgeIntegrationProps, 'eventBusRef'> = {}): Resources {
  const stack = new Stack();
  const bus = new events.EventBus(stack, 'Bus');
  new HttpApi(stack, 'Api').addRoutes({
    path: '/events', methods: [HttpMethod.POST], integration: new HttpEventBridgeIntegration('Events', { eventBusRef: bus.eventBusRef, ...props }),
  });
  return resourcesOf(stack);
}

const BUS_NAME = { Ref: 'BusEA82B648' };
const BUS_ARN = { 'Fn::GetAtt': ['BusEA82B648', 'Arn'] };

describe('HttpEventBridgeIntegration', () => {
  test('renders PutEvents with payload 1.0, the invoke role, and Detail, DetailType, Source and EventBusName', () => {
    const resources = synth();

    const integration = onlyOf(resources, 'AWS::ApiGatewayV2::Integration');
    expect(integration.properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'EventBridge-PutEvents',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      CredentialsArn: { 'Fn::GetAtt': [onlyOf(resources, 'AWS::IAM::Role').id, 'Arn'] },
      RequestParameters: {
        Detail: '$request.body.Detail',
        DetailType: '$request.body.DetailType',
        Source: '$request.body.Source',
        EventBusName: BUS_NAME,
      },
    });
  });

  test('the role trusts API Gateway and may only put events on the bus', () => {
    const resources = synth();

    const role = onlyOf(resources, 'AWS::IAM::Role');
    expect(role.id).toMatch(/^ApiPOSTeventsInvokeRole[0-9A-F]{8}$/);
    expect(role.properties).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }],
        Version: '2012-10-17',
      },
    });
    const policy = onlyOf(resources, 'AWS::IAM::Policy');
    expect(policy.properties.Roles).toEqual([{ Ref: role.id }]);
    expect(policy.properties.PolicyDocument.Statement).toEqual([
      { Sid: 'AllowEventBridgePutEvents', Effect: 'Allow', Action: 'events:PutEvents', Resource: BUS_ARN },
    ]);
  });

  test('a custom mapping gets the bus\'s EventBusName, and the mapping object is left unchanged', () => {
    const mapping = new ParameterMapping()
      .custom('Detail', '$request.body')
      .custom('DetailType', 'order.created')
      .custom('Source', 'shop.api');
    const resources = synth({ parameterMapping: mapping });

    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters).toEqual({
      Detail: '$request.body', DetailType: 'order.created', Source: 'shop.api', EventBusName: BUS_NAME,
    });
    expect(mapping.mappings).toEqual({ Detail: '$request.body', DetailType: 'order.created', Source: 'shop.api' });
  });

  test('a custom mapping\'s own EventBusName is kept', () => {
    const resources = synth({
      parameterMapping: new ParameterMapping()
        .custom('Detail', '$request.body').custom('DetailType', 't').custom('Source', 's')
        .custom('EventBusName', 'arn:aws:events:eu-west-1:111111111111:event-bus/other'),
    });

    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters.EventBusName)
      .toBe('arn:aws:events:eu-west-1:111111111111:event-bus/other');
  });

  test('an imported bus', () => {
    const stack = new Stack(undefined, undefined, { env: { account: '111111111111', region: 'eu-west-1' } });
    const bus = events.EventBus.fromEventBusName(stack, 'Bus', 'orders');
    new HttpApi(stack, 'Api').addRoutes({ path: '/events', integration: new HttpEventBridgeIntegration('Events', { eventBusRef: bus.eventBusRef }) });

    const resources = resourcesOf(stack);
    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters.EventBusName).toBe('orders');
    expect(onlyOf(resources, 'AWS::IAM::Policy').properties.PolicyDocument.Statement[0].Resource)
      .toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:111111111111:event-bus/orders']] });
  });

  test('one integration and one role however many routes use it', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpEventBridgeIntegration('Events', { eventBusRef: new events.EventBus(stack, 'Bus').eventBusRef });
    api.addRoutes({ path: '/events', methods: [HttpMethod.POST, HttpMethod.PUT], integration });
    api.addRoutes({ path: '/orders', methods: [HttpMethod.POST], integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::Policy', 1);
  });

  describe('refused at synth time', () => {
    test('an SQS subtype', () => {
      expect(() => synth({ subtype: HttpIntegrationSubtype.SQS_SEND_MESSAGE })).toThrow("Default/Api/POST--events: invalid `subtype` 'SQS-SendMessage' of integration 'Events': "
        + 'HttpEventBridgeIntegration takes EventBridge-PutEvents; use HttpSqsIntegration for SQS-SendMessage');
    });

    test('valid neighbour: the EVENTBRIDGE_PUT_EVENTS subtype', () => {
      expect(() => synth({ subtype: HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS })).not.toThrow();
    });

    test('a custom mapping without DetailType', () => {
      expect(() => synth({ parameterMapping: new ParameterMapping().custom('Detail', '$request.body').custom('Source', 'shop.api') }))
        .toThrow("incomplete `parameterMapping` of integration 'Events': EventBridge-PutEvents requires Detail, DetailType and Source, and 'DetailType' is missing; add it with `.custom('DetailType', value)`");
    });

    test('valid neighbour: a custom mapping with the required and optional parameters', () => {
      expect(() => synth({
        parameterMapping: new ParameterMapping()
          .custom('Detail', '$request.body').custom('DetailType', 't').custom('Source', 's')
          .custom('Time', '$context.requestTimeEpoch').custom('Resources', '$request.body.resources').custom('TraceHeader', '$request.header.x-amzn-trace-id'),
      })).not.toThrow();
    });

    test('a header mapping key', () => {
      expect(() => synth({
        parameterMapping: new ParameterMapping()
          .custom('Detail', '$request.body').custom('DetailType', 't').custom('Source', 's')
          .removeHeader('x-secret'),
      })).toThrow("invalid `parameterMapping` key 'remove:header.x-secret' of integration 'Events'");
    });
  });

  test('an unknown parameter name gets a warning', () => {
    const stack = new Stack();
    const bus = new events.EventBus(stack, 'Bus');
    new HttpApi(stack, 'Api').addRoutes({
      path: '/events',
      integration: new HttpEventBridgeIntegration('Events', {
        eventBusRef: bus.eventBusRef,
        parameterMapping: new ParameterMapping()
          .custom('Detail', '$request.body').custom('DetailType', 't').custom('Source', 's')
          .custom('Detail-Type', MappingValue.requestHeader('x-type').value),
      }),
    });

    Annotations.fromStack(stack).hasWarning('/Default/Api/ANY--events', Match.stringLikeRegexp("key 'Detail-Type' of integration 'Events' is not a parameter of EventBridge-PutEvents"));
  });
});

describe('HttpEventBridgeIntegration parity with aws-cdk-lib', () => {
  function upstreamApp(): Stack {
    const stack = new Stack(new App(), 'Stack');
    const bus = new events.EventBus(stack, 'Bus');
    const api = new upstream.HttpApi(stack, 'Api');
    const put = new UpstreamEventBridgeIntegration('Put', { eventBusRef: bus.eventBusRef });
    api.addRoutes({ path: '/events', methods: [upstream.HttpMethod.POST, upstream.HttpMethod.PUT], integration: put });
    api.addRoutes({ path: '/events/{id}', methods: [upstream.HttpMethod.POST], integration: put });
    api.addRoutes({
      path: '/explicit', methods: [upstream.HttpMethod.POST],
      integration: new UpstreamEventBridgeIntegration('Explicit', { eventBusRef: bus.eventBusRef, subtype: upstream.HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS }),
    });
    api.addRoutes({
      path: '/custom', methods: [upstream.HttpMethod.POST],
      integration: new UpstreamEventBridgeIntegration('Custom', {
        eventBusRef: bus.eventBusRef,
        parameterMapping: new upstream.ParameterMapping().custom('Detail', '$request.body').custom('DetailType', 'order').custom('Source', 'shop'),
      }),
    });
    return stack;
  }

  function ourApp(): Stack {
    const stack = new Stack(new App(), 'Stack');
    const bus = new events.EventBus(stack, 'Bus');
    const api = new HttpApi(stack, 'Api');
    const put = new HttpEventBridgeIntegration('Put', { eventBusRef: bus.eventBusRef });
    api.addRoutes({ path: '/events', methods: [HttpMethod.POST, HttpMethod.PUT], integration: put });
    api.addRoutes({ path: '/events/{id}', methods: [HttpMethod.POST], integration: put });
    api.addRoutes({
      path: '/explicit', methods: [HttpMethod.POST],
      integration: new HttpEventBridgeIntegration('Explicit', { eventBusRef: bus.eventBusRef, subtype: HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS }),
    });
    api.addRoutes({
      path: '/custom', methods: [HttpMethod.POST],
      integration: new HttpEventBridgeIntegration('Custom', {
        eventBusRef: bus.eventBusRef,
        parameterMapping: new ParameterMapping().custom('Detail', '$request.body').custom('DetailType', 'order').custom('Source', 'shop'),
      }),
    });
    return stack;
  }

  const theirs = resourcesOf(upstreamApp());
  const mine = resourcesOf(ourApp());

  test('the same logical ids', () => {
    const ids = Object.keys(theirs).sort();
    expect(ids.filter(id => /InvokeRole/.test(id))).toHaveLength(6); // 3 integrations: a role and a policy each
    expect(Object.keys(mine).sort()).toEqual(ids);
  });

  test('the same resources, properties and dependencies', () => {
    expect(mine).toEqual(theirs);
  });

  test('deliberate: the custom mapping object is not changed (aws-cdk-lib adds EventBusName to it)', () => {
    const stack = new Stack(new App(), 'Stack');
    const bus = new events.EventBus(stack, 'Bus');
    const theirMapping = new upstream.ParameterMapping().custom('Detail', 'd').custom('DetailType', 't').custom('Source', 's');
    new upstream.HttpApi(stack, 'Theirs').addRoutes({ path: '/e', integration: new UpstreamEventBridgeIntegration('E', { eventBusRef: bus.eventBusRef, parameterMapping: theirMapping }) });
    const myMapping = new ParameterMapping().custom('Detail', 'd').custom('DetailType', 't').custom('Source', 's');
    new HttpApi(stack, 'Mine').addRoutes({ path: '/e', integration: new HttpEventBridgeIntegration('E', { eventBusRef: bus.eventBusRef, parameterMapping: myMapping }) });

    expect(Object.keys(theirMapping.mappings)).toEqual(['Detail', 'DetailType', 'Source', 'EventBusName']);
    expect(Object.keys(myMapping.mappings)).toEqual(['Detail', 'DetailType', 'Source']);
  });
});
