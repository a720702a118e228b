// The intrinsic functions the emulator resolves, on a hand-written template.
import { Resolver } from '../dist/assembly/intrinsics';
import type { StackTemplate, Template } from '../dist/assembly/reader';

function stack(template: Template, name = 'Main', extra: Partial<StackTemplate> = {}): StackTemplate {
  return { name, stackName: name, assemblyDir: '/tmp', template, parameters: {}, nested: [], assets: [], ...extra };
}

const main = stack({
  Parameters: {
    Env: { Type: 'String', Default: 'dev' },
    Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/version' },
  },
  Mappings: { Sizes: { dev: { memory: 128 }, prod: { memory: 1024 } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    Both: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Or': [{ Condition: 'IsProd' }, true] }] },
  },
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'my-fn' } },
    Queue: { Type: 'AWS::SQS::Queue' },
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
    OnlyInProd: { Type: 'AWS::SNS::Topic', Condition: 'IsProd' },
  },
  Outputs: { QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Export: { Name: 'shared-queue-arn' } } },
});
const other = stack({ Resources: {} }, 'Other', { region: 'eu-west-1', account: '210987654321' });
const resolver = new Resolver([main, other], { region: 'us-east-1', account: '123456789012' });
const resolve = (value: unknown, where = main) => resolver.resolve(where, value);

test('Ref and Fn::GetAtt of resources, parameters and pseudo parameters', () => {
  expect(resolve({ Ref: 'Fn' })).toBe('my-fn');
  expect(resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe('arn:aws:lambda:us-east-1:123456789012:function:my-fn');
  expect(resolve({ Ref: 'Queue' })).toMatch(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/Main-Queue-[0-9A-F]{12}$/);
  expect(resolve({ 'Fn::GetAtt': 'Pool.ProviderURL' })).toMatch(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_[A-Z0-9]{9}$/);
  expect(resolve({ 'Fn::GetAtt': ['Api', 'ApiEndpoint'] })).toMatch(/^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
  expect(resolve({ Ref: 'Env' })).toBe('dev');
  expect(resolve([{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Partition' }, { Ref: 'AWS::URLSuffix' }, { Ref: 'AWS::StackName' }]))
    .toEqual(['us-east-1', '123456789012', 'aws', 'amazonaws.com', 'Main']);
  expect(resolve({ Ref: 'AWS::Region' }, other)).toBe('eu-west-1');
  // The same resource gets the same ids every time.
  expect(new Resolver([main], { region: 'us-east-1', account: '123456789012' }).resolve(main, { Ref: 'Api' })).toBe(resolve({ Ref: 'Api' }));
});

test('Fn::Join, Fn::Sub (with variables and ${!literal}), Fn::Select, Fn::Split, Fn::Base64, Fn::GetAZs', () => {
  expect(resolve({ 'Fn::Join': ['-', ['a', { Ref: 'Env' }, 3]] })).toBe('a-dev-3');
  expect(resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::Region}:${Fn.Arn}/${Env}/${!Literal}' }))
    .toBe('arn:aws:x:us-east-1:arn:aws:lambda:us-east-1:123456789012:function:my-fn/dev/${Literal}');
  expect(resolve({ 'Fn::Sub': ['${Greeting}, ${Env}', { Greeting: { 'Fn::Join': ['', ['hel', 'lo']] } }] })).toBe('hello, dev');
  expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
  expect(resolve({ 'Fn::Base64': 'hi' })).toBe('aGk=');
  expect(resolve({ 'Fn::GetAZs': '' })).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'memory'] })).toBe(128);
  expect(resolve({ 'Fn::ToJsonString': { a: { Ref: 'Env' } } })).toBe('{"a":"dev"}');
});

test('conditions: Fn::If, Fn::Equals, Fn::And, Fn::Or, Fn::Not, AWS::NoValue, resources with a Condition', () => {
  expect(resolve({ 'Fn::If': ['IsProd', 'big', 'small'] })).toBe('small');
  expect(resolve({ 'Fn::If': ['Both', 'yes', 'no'] })).toBe('yes');
  expect(resolve({ a: 1, b: { 'Fn::If': ['IsProd', 2, { Ref: 'AWS::NoValue' }] }, c: [1, { Ref: 'AWS::NoValue' }] })).toEqual({ a: 1, c: [1] });
  expect(resolver.isCreated(main, 'OnlyInProd')).toBe(false);
  expect(resolver.isCreated(main, 'Queue')).toBe(true);
});

test('Fn::ImportValue finds the export of another stack of the assembly', () => {
  expect(resolve({ 'Fn::ImportValue': 'shared-queue-arn' }, other)).toMatch(/^arn:aws:sqs:us-east-1:123456789012:Main-Queue-/);
});

test('references with no local value are refused, naming what is missing', () => {
  expect(() => resolve({ 'Fn::ImportValue': 'nobody-exports-this' })).toThrow('`Fn::ImportValue` of `nobody-exports-this`, which no stack of the assembly exports');
  expect(() => resolve({ Ref: 'Version' })).toThrow('parameter `Version` of Main is read from SSM parameter `/cdk-bootstrap/version` at deploy time');
  expect(() => resolve({ Ref: 'Missing' })).toThrow('`Missing` is neither a resource nor a parameter of Main');
  expect(() => resolve({ 'Fn::GetAtt': ['Queue', 'NoSuchAttribute'] })).toThrow("`Fn::GetAtt` of AWS::SQS::Queue `Queue`'s `NoSuchAttribute` has no local value");
  expect(() => resolve({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] })).toThrow('the intrinsic function `Fn::Cidr` is not supported');
});
