import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as upstream from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpSqsIntegration as UpstreamSqsIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { HttpApi, HttpIntegrationSubtype, HttpMethod, HttpRoute, HttpRouteKey, MappingValue, ParameterMapping } from '../../../lib';
import type { HttpSqsIntegrationProps } from '../../../lib/integrations';
import { HttpSqsIntegration } from '../../../lib/integrations';

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

/** One `POST /messages` route with the integration; returns the stack's resources. */
function synth(props: Omit<HttpSqsIntegrationProps, 'queue'> = {}): Resources {
  const stack = new Stack();
  const queue = new sqs.Queue(stack, 'Queue');
  new HttpApi(stack, 'Api').addRoutes({
    path: '/messages', methods: [HttpMethod.POST], integration: new HttpSqsIntegration('Messages', { queue, ...props }),
  });
  return resourcesOf(stack);
}

const QUEUE_URL = { Ref: 'Queue4A7E3555' };
const QUEUE_ARN = { 'Fn::GetAtt': ['Queue4A7E3555', 'Arn'] };

describe('HttpSqsIntegration', () => {
  test('renders SendMessage with payload 1.0, the invoke role, QueueUrl and MessageBody', () => {
    const resources = synth();

    const integration = onlyOf(resources, 'AWS::ApiGatewayV2::Integration');
    expect(integration.id).toBe('ApiPOSTmessagesMessages663B9E45');
    expect(integration.properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'SQS-SendMessage',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      CredentialsArn: { 'Fn::GetAtt': ['ApiPOSTmessagesInvokeRole94B5945C', 'Arn'] },
      RequestParameters: { QueueUrl: QUEUE_URL, MessageBody: '$request.body.MessageBody' },
    });
  });

  test('the role trusts API Gateway and may only send messages to the queue', () => {
    const resources = synth();

    const role = onlyOf(resources, 'AWS::IAM::Role');
    expect(role.id).toBe('ApiPOSTmessagesInvokeRole94B5945C');
    expect(role.properties).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }],
        Version: '2012-10-17',
      },
    });
    const policy = onlyOf(resources, 'AWS::IAM::Policy');
    expect(policy.properties.Roles).toEqual([{ Ref: role.id }]);
    expect(policy.properties.PolicyDocument.Statement).toEqual([
      { Sid: 'AllowSqsExecution', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE_ARN },
    ]);
  });

  test.each([
    [HttpIntegrationSubtype.SQS_SEND_MESSAGE, 'sqs:SendMessage', { QueueUrl: QUEUE_URL, MessageBody: '$request.body.MessageBody' }],
    [HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE, 'sqs:ReceiveMessage', { QueueUrl: QUEUE_URL }],
    [HttpIntegrationSubtype.SQS_DELETE_MESSAGE, 'sqs:DeleteMessage', { QueueUrl: QUEUE_URL, ReceiptHandle: '$request.body.ReceiptHandle' }],
    [HttpIntegrationSubtype.SQS_PURGE_QUEUE, 'sqs:PurgeQueue', { QueueUrl: QUEUE_URL }],
  ])('%s allows %s and maps %j by default', (subtype, action, mapping) => {
    const resources = synth({ subtype });

    const integration = onlyOf(resources, 'AWS::ApiGatewayV2::Integration');
    expect(integration.properties.IntegrationSubtype).toBe(subtype);
    expect(integration.properties.RequestParameters).toEqual(mapping);
    expect(onlyOf(resources, 'AWS::IAM::Policy').properties.PolicyDocument.Statement).toEqual([
      { Sid: 'AllowSqsExecution', Effect: 'Allow', Action: action, Resource: QUEUE_ARN },
    ]);
  });

  test.each([
    [HttpIntegrationSubtype.SQS_SEND_MESSAGE, 'sqs:SendMessage', ['kms:GenerateDataKey', 'kms:Decrypt']],
    [HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE, 'sqs:ReceiveMessage', 'kms:Decrypt'],
  ])('a queue with a customer-managed key: %s may also use the key', (subtype, action, keyActions) => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
    new HttpApi(stack, 'Api').addRoutes({ path: '/messages', integration: new HttpSqsIntegration('Messages', { queue, subtype }) });

    const resources = resourcesOf(stack);
    const key = onlyOf(resources, 'AWS::KMS::Key');
    expect(key.properties.KeyPolicy.Statement).toHaveLength(1); // the key policy is left alone
    expect(onlyOf(resources, 'AWS::IAM::Policy').properties.PolicyDocument.Statement).toEqual([
      { Sid: 'AllowSqsExecution', Effect: 'Allow', Action: action, Resource: QUEUE_ARN },
      { Effect: 'Allow', Action: keyActions, Resource: { 'Fn::GetAtt': [key.id, 'Arn'] } },
    ]);
  });

  test.each([
    HttpIntegrationSubtype.SQS_DELETE_MESSAGE,
    HttpIntegrationSubtype.SQS_PURGE_QUEUE,
  ])('a queue with a customer-managed key: %s needs no key', (subtype) => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
    new HttpApi(stack, 'Api').addRoutes({ path: '/messages', integration: new HttpSqsIntegration('Messages', { queue, subtype }) });

    expect(onlyOf(resourcesOf(stack), 'AWS::IAM::Policy').properties.PolicyDocument.Statement).toHaveLength(1);
  });

  test('a queue with the AWS-managed key (alias/aws/sqs): no key grant', () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    new HttpApi(stack, 'Api').addRoutes({ path: '/messages', integration: new HttpSqsIntegration('Messages', { queue }) });

    expect(onlyOf(resourcesOf(stack), 'AWS::IAM::Policy').properties.PolicyDocument.Statement).toEqual([
      { Sid: 'AllowSqsExecution', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE_ARN },
    ]);
  });

  test('a custom mapping is used as given', () => {
    const resources = synth({
      subtype: HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE,
      parameterMapping: new ParameterMapping()
        .custom('QueueUrl', 'https://sqs.eu-west-1.amazonaws.com/111111111111/other')
        .custom('MaxNumberOfMessages', '$request.querystring.max')
        .custom('WaitTimeSeconds', '20'),
    });

    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters).toEqual({
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111111111111/other', MaxNumberOfMessages: '$request.querystring.max', WaitTimeSeconds: '20',
    });
  });

  test('one integration and one role however many routes use it', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpSqsIntegration('Messages', { queue: new sqs.Queue(stack, 'Queue') });
    api.addRoutes({ path: '/messages', methods: [HttpMethod.POST, HttpMethod.PUT], integration });
    api.addRoutes({ path: '/inbox', methods: [HttpMethod.POST], integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::Policy', 1);
  });

  test('a route in another stack than its API gets the integration and role in its own stack, without a cycle', () => {
    const app = new App();
    const apiStack = new Stack(app, 'ApiStack');
    const routeStack = new Stack(app, 'RouteStack');
    const api = new HttpApi(apiStack, 'Api');
    const queue = new sqs.Queue(routeStack, 'Queue');
    new HttpRoute(routeStack, 'Route', {
      httpApi: api, routeKey: HttpRouteKey.with('/messages', HttpMethod.POST), integration: new HttpSqsIntegration('Messages', { queue }),
    });
    app.synth();

    expect(Template.fromStack(apiStack).findResources('AWS::IAM::Role')).toEqual({});
    const routeTemplate = Template.fromStack(routeStack);
    routeTemplate.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    routeTemplate.resourceCountIs('AWS::IAM::Role', 1);
    expect(routeStack.dependencies.map(d => d.stackName)).toEqual(['ApiStack']);
  });

  describe('refused at synth time', () => {
    test.each([
      [HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION, 'HttpStepFunctionsIntegration'],
      [HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS, 'HttpEventBridgeIntegration'],
      [HttpIntegrationSubtype.APPCONFIG_GET_CONFIGURATION, 'HttpAppConfigIntegration'],
    ])('a %s subtype', (subtype, owner) => {
      expect(() => synth({ subtype })).toThrow(`Default/Api/POST--messages: invalid \`subtype\` '${subtype}' of integration 'Messages': `
        + `HttpSqsIntegration takes SQS-SendMessage, SQS-ReceiveMessage, SQS-DeleteMessage or SQS-PurgeQueue; use ${owner} for ${subtype}`);
    });

    // valid neighbours: every SQS subtype, in the test.each above

    test('a SendMessage mapping without MessageBody', () => {
      expect(() => synth({ parameterMapping: new ParameterMapping().custom('QueueUrl', 'https://example.com/q') }))
        .toThrow("incomplete `parameterMapping` of integration 'Messages': SQS-SendMessage requires QueueUrl and MessageBody, and 'MessageBody' is missing; add it with `.custom('MessageBody', value)`");
    });

    test('a DeleteMessage mapping with neither QueueUrl nor ReceiptHandle', () => {
      expect(() => synth({ subtype: HttpIntegrationSubtype.SQS_DELETE_MESSAGE, parameterMapping: new ParameterMapping().custom('Region', 'eu-west-1') }))
        .toThrow("SQS-DeleteMessage requires QueueUrl and ReceiptHandle, and 'QueueUrl' and 'ReceiptHandle' are missing; add them with `.custom('QueueUrl', value)`");
    });

    test('valid neighbour: a SendMessage mapping with the required and optional parameters', () => {
      expect(() => synth({
        parameterMapping: new ParameterMapping()
          .custom('QueueUrl', 'https://example.com/q')
          .custom('MessageBody', '$request.body')
          .custom('MessageGroupId', '$request.header.x-group')
          .custom('DelaySeconds', '5'),
      })).not.toThrow();
    });

    test('a query string mapping key', () => {
      expect(() => synth({
        parameterMapping: new ParameterMapping()
          .custom('QueueUrl', 'https://example.com/q').custom('MessageBody', '$request.body')
          .appendQueryString('trace', MappingValue.contextVariable('requestId')),
      })).toThrow("invalid `parameterMapping` key 'append:querystring.trace' of integration 'Messages': SQS-SendMessage takes its action's parameters by name");
    });
  });

  test('an unknown parameter name gets a warning; documented ones do not', () => {
    const stack = new Stack();
    const queue = new sqs.Queue(stack, 'Queue');
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/typo',
      integration: new HttpSqsIntegration('Typo', {
        queue, parameterMapping: new ParameterMapping().custom('QueueUrl', queue.queueUrl).custom('MessageBody', '$request.body').custom('MesageGroupId', 'g'),
      }),
    });
    api.addRoutes({
      path: '/fine',
      integration: new HttpSqsIntegration('Fine', {
        queue, parameterMapping: new ParameterMapping().custom('QueueUrl', queue.queueUrl).custom('MessageBody', '$request.body').custom('MessageGroupId', 'g'),
      }),
    });

    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Default/Api/ANY--typo', Match.stringLikeRegexp("key 'MesageGroupId' of integration 'Typo' is not a parameter of SQS-SendMessage"));
    annotations.hasNoWarning('/Default/Api/ANY--fine', Match.anyValue());
  });
});

describe('HttpSqsIntegration parity with aws-cdk-lib', () => {
  const CUSTOM_BODY = '$request.body.message';

  function upstreamApp(): Stack {
    const stack = new Stack(new App(), 'Stack');
    const queue = new sqs.Queue(stack, 'Queue');
    const api = new upstream.HttpApi(stack, 'Api');
    const send = new UpstreamSqsIntegration('Send', { queue });
    api.addRoutes({ path: '/send', methods: [upstream.HttpMethod.POST, upstream.HttpMethod.PUT], integration: send });
    api.addRoutes({ path: '/send/{id}', methods: [upstream.HttpMethod.POST], integration: send });
    api.addRoutes({ path: '/receive', methods: [upstream.HttpMethod.GET], integration: new UpstreamSqsIntegration('Receive', { queue, subtype: upstream.HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE }) });
    api.addRoutes({ path: '/delete', methods: [upstream.HttpMethod.DELETE], integration: new UpstreamSqsIntegration('Delete', { queue, subtype: upstream.HttpIntegrationSubtype.SQS_DELETE_MESSAGE }) });
    api.addRoutes({ path: '/purge', methods: [upstream.HttpMethod.DELETE], integration: new UpstreamSqsIntegration('Purge', { queue, subtype: upstream.HttpIntegrationSubtype.SQS_PURGE_QUEUE }) });
    api.addRoutes({
      path: '/custom',
      methods: [upstream.HttpMethod.POST],
      integration: new UpstreamSqsIntegration('Custom', {
        queue, parameterMapping: new upstream.ParameterMapping().custom('QueueUrl', queue.queueUrl).custom('MessageBody', CUSTOM_BODY),
      }),
    });
    return stack;
  }

  function ourApp(): Stack {
    const stack = new Stack(new App(), 'Stack');
    const queue = new sqs.Queue(stack, 'Queue');
    const api = new HttpApi(stack, 'Api');
    const send = new HttpSqsIntegration('Send', { queue });
    api.addRoutes({ path: '/send', methods: [HttpMethod.POST, HttpMethod.PUT], integration: send });
    api.addRoutes({ path: '/send/{id}', methods: [HttpMethod.POST], integration: send });
    api.addRoutes({ path: '/receive', methods: [HttpMethod.GET], integration: new HttpSqsIntegration('Receive', { queue, subtype: HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE }) });
    api.addRoutes({ path: '/delete', methods: [HttpMethod.DELETE], integration: new HttpSqsIntegration('Delete', { queue, subtype: HttpIntegrationSubtype.SQS_DELETE_MESSAGE }) });
    api.addRoutes({ path: '/purge', methods: [HttpMethod.DELETE], integration: new HttpSqsIntegration('Purge', { queue, subtype: HttpIntegrationSubtype.SQS_PURGE_QUEUE }) });
    api.addRoutes({
      path: '/custom',
      methods: [HttpMethod.POST],
      integration: new HttpSqsIntegration('Custom', {
        queue, parameterMapping: new ParameterMapping().custom('QueueUrl', queue.queueUrl).custom('MessageBody', CUSTOM_BODY),
      }),
    });
    return stack;
  }

  const theirs = resourcesOf(upstreamApp());
  const mine = resourcesOf(ourApp());

  test('the same logical ids', () => {
    const ids = Object.keys(theirs).sort();
    expect(ids.filter(id => /InvokeRole/.test(id))).toHaveLength(10); // 5 integrations: a role and a policy each
    expect(Object.keys(mine).sort()).toEqual(ids);
  });

  test('the same resources, properties and dependencies', () => {
    expect(mine).toEqual(theirs);
  });

  test('deliberate: a queue with a customer-managed key gets a key grant (aws-cdk-lib grants none, and sending then fails)', () => {
    const statements = (lib: 'upstream' | 'ours') => {
      const stack = new Stack(new App(), 'Stack');
      const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
      if (lib === 'upstream') {
        new upstream.HttpApi(stack, 'Api').addRoutes({ path: '/m', integration: new UpstreamSqsIntegration('M', { queue }) });
      } else {
        new HttpApi(stack, 'Api').addRoutes({ path: '/m', integration: new HttpSqsIntegration('M', { queue }) });
      }
      return onlyOf(resourcesOf(stack), 'AWS::IAM::Policy').properties.PolicyDocument.Statement;
    };
    const theirStatements = statements('upstream');
    expect(theirStatements).toHaveLength(1);
    expect(statements('ours')).toEqual([...theirStatements, expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt'] })]);
  });
});
