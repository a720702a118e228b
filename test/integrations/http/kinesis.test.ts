import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import { HttpApi, HttpMethod, MappingValue, ParameterMapping } from '../../../lib';
import { HttpKinesisIntegration } from '../../../lib/integrations';

type Resources = Record<string, { Type: string; Properties?: any }>;

function resourcesOf(stack: Stack): Resources {
  return Template.fromStack(stack).toJSON().Resources as Resources;
}

function onlyOf(resources: Resources, type: string): { id: string; properties: any } {
  const found = Object.entries(resources).filter(([, r]) => r.Type === type);
  expect(found).toHaveLength(1);
  return { id: found[0][0], properties: found[0][1].Properties };
}

/** One `POST /records` route writing to a stream; returns the stack's resources. */
function synth(streamProps: kinesis.StreamProps = {}, parameterMapping?: ParameterMapping): Resources {
  const stack = new Stack();
  const stream = new kinesis.Stream(stack, 'Stream', streamProps);
  new HttpApi(stack, 'Api').addRoutes({
    path: '/records', methods: [HttpMethod.POST], integration: new HttpKinesisIntegration('Records', { stream, parameterMapping }),
  });
  return resourcesOf(stack);
}

const STREAM_NAME = { Ref: 'Stream790BDEE4' };
const STREAM_ARN = { 'Fn::GetAtt': ['Stream790BDEE4', 'Arn'] };
const PUT_RECORD = { Sid: 'AllowKinesisPutRecord', Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: STREAM_ARN };

describe('HttpKinesisIntegration', () => {
  test('renders Kinesis-PutRecord with payload 1.0, the invoke role, and StreamName, Data and PartitionKey', () => {
    const resources = synth();

    const role = onlyOf(resources, 'AWS::IAM::Role');
    expect(role.id).toMatch(/^ApiPOSTrecordsInvokeRole[0-9A-F]{8}$/);
    const integration = onlyOf(resources, 'AWS::ApiGatewayV2::Integration');
    expect(integration.id).toMatch(/^ApiPOSTrecordsRecords[0-9A-F]{8}$/);
    expect(integration.properties).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'Kinesis-PutRecord',
      PayloadFormatVersion: '1.0',
      ConnectionType: 'INTERNET',
      CredentialsArn: { 'Fn::GetAtt': [role.id, 'Arn'] },
      RequestParameters: { StreamName: STREAM_NAME, Data: '$request.body.Data', PartitionKey: '$request.body.PartitionKey' },
    });
  });

  test('the role trusts API Gateway and may only put records on the stream (AWS-managed encryption: no KMS grant)', () => {
    const resources = synth();

    const role = onlyOf(resources, 'AWS::IAM::Role');
    expect(role.properties).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' } }],
        Version: '2012-10-17',
      },
    });
    const policy = onlyOf(resources, 'AWS::IAM::Policy');
    expect(policy.properties.Roles).toEqual([{ Ref: role.id }]);
    expect(policy.properties.PolicyDocument.Statement).toEqual([PUT_RECORD]);
  });

  test('an unencrypted stream: no KMS grant', () => {
    const resources = synth({ encryption: kinesis.StreamEncryption.UNENCRYPTED });
    expect(onlyOf(resources, 'AWS::IAM::Policy').properties.PolicyDocument.Statement).toEqual([PUT_RECORD]);
  });

  test('a stream encrypted with a customer-managed key: kms:GenerateDataKey on that key, and nothing else', () => {
    const resources = synth({ encryption: kinesis.StreamEncryption.KMS });

    const key = onlyOf(resources, 'AWS::KMS::Key');
    expect(key.properties.KeyPolicy.Statement).toHaveLength(1); // the key policy is left alone
    expect(onlyOf(resources, 'AWS::IAM::Policy').properties.PolicyDocument.Statement).toEqual([
      PUT_RECORD,
      { Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: { 'Fn::GetAtt': [key.id, 'Arn'] } },
    ]);
  });

  test('an imported stream with an imported key', () => {
    const stack = new Stack();
    const stream = kinesis.Stream.fromStreamAttributes(stack, 'Stream', {
      streamArn: 'arn:aws:kinesis:eu-west-1:111111111111:stream/clicks',
      encryptionKey: kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'),
    });
    new HttpApi(stack, 'Api').addRoutes({ path: '/records', integration: new HttpKinesisIntegration('Records', { stream }) });

    const resources = resourcesOf(stack);
    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters.StreamName).toBe('clicks');
    expect(onlyOf(resources, 'AWS::IAM::Policy').properties.PolicyDocument.Statement).toEqual([
      { Sid: 'AllowKinesisPutRecord', Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: 'arn:aws:kinesis:eu-west-1:111111111111:stream/clicks' },
      { Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    ]);
  });

  test('a custom mapping gets the stream\'s StreamName, and the mapping object is left unchanged', () => {
    const mapping = new ParameterMapping()
      .custom('Data', '$request.body')
      .custom('PartitionKey', MappingValue.contextVariable('requestId').value)
      .custom('ExplicitHashKey', '$request.header.x-hash-key');
    const resources = synth({}, mapping);

    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters).toEqual({
      Data: '$request.body', PartitionKey: '$context.requestId', ExplicitHashKey: '$request.header.x-hash-key', StreamName: STREAM_NAME,
    });
    expect(Object.keys(mapping.mappings)).toEqual(['Data', 'PartitionKey', 'ExplicitHashKey']);
  });

  test('a custom mapping\'s own StreamName is kept', () => {
    const resources = synth({}, new ParameterMapping().custom('StreamName', '$stageVariables.stream').custom('Data', '$request.body').custom('PartitionKey', 'k'));
    expect(onlyOf(resources, 'AWS::ApiGatewayV2::Integration').properties.RequestParameters.StreamName).toBe('$stageVariables.stream');
  });

  test('one integration and one role however many routes use it', () => {
    const stack = new Stack();
    const api = new HttpApi(stack, 'Api');
    const integration = new HttpKinesisIntegration('Records', { stream: new kinesis.Stream(stack, 'Stream') });
    api.addRoutes({ path: '/records', methods: [HttpMethod.POST, HttpMethod.PUT], integration });
    api.addRoutes({ path: '/clicks', methods: [HttpMethod.POST], integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.resourceCountIs('AWS::IAM::Role', 1);
    template.resourceCountIs('AWS::IAM::Policy', 1);
  });

  describe('refused at synth time', () => {
    test('a custom mapping without Data', () => {
      expect(() => synth({}, new ParameterMapping().custom('PartitionKey', '$context.requestId')))
        .toThrow("Default/Api/POST--records: incomplete `parameterMapping` of integration 'Records': Kinesis-PutRecord requires StreamName, Data and PartitionKey, and 'Data' is missing; add it with `.custom('Data', value)`");
    });

    test('a custom mapping without Data and PartitionKey', () => {
      expect(() => synth({}, new ParameterMapping().custom('Region', 'eu-west-1')))
        .toThrow("and 'Data' and 'PartitionKey' are missing; add them with `.custom('Data', value)`");
    });

    test('valid neighbour: a custom mapping with Data and PartitionKey', () => {
      expect(() => synth({}, new ParameterMapping().custom('Data', '$request.body').custom('PartitionKey', '$request.header.x-device'))).not.toThrow();
    });

    test('a path mapping key', () => {
      expect(() => synth({}, new ParameterMapping().custom('Data', '$request.body').custom('PartitionKey', 'k').overwritePath(MappingValue.custom('/x'))))
        .toThrow("invalid `parameterMapping` key 'overwrite:path' of integration 'Records': Kinesis-PutRecord takes its action's parameters by name (StreamName, Data, PartitionKey, SequenceNumberForOrdering, ExplicitHashKey, Region)");
    });
  });

  test('an unknown parameter name (PutRecords\' Records) gets a warning', () => {
    const stack = new Stack();
    new HttpApi(stack, 'Api').addRoutes({
      path: '/records',
      integration: new HttpKinesisIntegration('Records', {
        stream: new kinesis.Stream(stack, 'Stream'),
        parameterMapping: new ParameterMapping().custom('Data', '$request.body').custom('PartitionKey', 'k').custom('Records', '$request.body.records'),
      }),
    });

    Annotations.fromStack(stack).hasWarning('/Default/Api/ANY--records', Match.stringLikeRegexp("key 'Records' of integration 'Records' is not a parameter of Kinesis-PutRecord"));
  });
});
