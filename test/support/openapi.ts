import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/*
 * What the OpenAPI tests share: documents, the validator, and templates resolved as
 * CloudFormation resolves them.
 */

/** A fresh stack in a fresh app, in a fixed environment (documents hold the resolved Region and account). */
export function openApiStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

/** A valid OpenAPI 3.0 document of a small pet store whose routes have no integrations yet. */
export function petstore(): any {
  return {
    openapi: '3.0.1',
    info: { title: 'Pet store', version: '1.0' },
    paths: {
      '/pets': {
        get: { operationId: 'listPets', responses: { 200: { description: 'the pets' } } },
        post: { operationId: 'createPet', responses: { 201: { description: 'created' } } },
      },
      '/pets/{petId}': {
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 'showPet', responses: { 200: { description: 'a pet' } } },
      },
    },
  };
}

/** An HTTP proxy integration object for documents. */
export function documentUrlIntegration(uri = 'https://backend.example.com/pets'): any {
  return { type: 'http_proxy', httpMethod: 'ANY', uri, payloadFormatVersion: '1.0' };
}

/** The pet store with a URL integration on every operation. */
export function integratedPetstore(): any {
  const doc = petstore();
  for (const item of Object.values<any>(doc.paths)) {
    for (const [key, op] of Object.entries<any>(item)) {
      if (key !== 'parameters') op['x-amazon-apigateway-integration'] = documentUrlIntegration();
    }
  }
  return doc;
}

/** Every document a test read or exported, to validate once the test file is done. */
const documents: Array<{ name: string; document: any }> = [];

/** Records a document, resolved like CloudFormation resolves it, for `invalidDocuments()`. */
export function recordDocument(document: any): any {
  documents.push({ name: expect.getState().currentTestName ?? '?', document: resolveLikeCloudFormation(document) });
  return document;
}

/**
 * The documents recorded so far that fail the OpenAPI 3.0 validator, with their errors: each
 * test file checks, after its tests, that every document it read or exported is valid.
 */
export async function invalidDocuments(): Promise<Array<{ name: string; errors: string[] }>> {
  const invalid = [];
  for (const { name, document } of documents.splice(0)) {
    const errors = await openApiErrors(document);
    if (errors.length > 0) invalid.push({ name, errors });
  }
  return invalid;
}

/** The single AWS::ApiGatewayV2::Api of a stack; its `Body`, if any, is recorded for validation. */
export function apiProperties(stack: Stack): any {
  const apis = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Api');
  const [resource] = Object.values<any>(apis);
  if (resource.Properties.Body) recordDocument(resource.Properties.Body);
  return resource.Properties;
}

/** What CloudFormation makes of pseudo parameters and attributes, in these tests. */
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012', 'AWS::URLSuffix': 'amazonaws.com', 'AWS::StackName': 'Stack',
};

/**
 * Resolves a template value the way CloudFormation does, with made-up values: `Ref` gives
 * `<id>` (pseudo parameters their usual values), `Fn::GetAtt` of `Arn` a Lambda function ARN,
 * `Fn::Join` joins. Any other intrinsic throws, so a test fails on one CloudFormation could
 * not resolve the same way.
 */
export function resolveLikeCloudFormation(value: any): any {
  if (Array.isArray(value)) return value.map(resolveLikeCloudFormation);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    const [key] = keys;
    const arg = value[key];
    if (key === 'Ref') return PSEUDO[arg] ?? `ref-${arg}`;
    if (key === 'Fn::GetAtt') {
      return arg[1] === 'Arn' ? `arn:aws:lambda:eu-west-1:123456789012:function:${arg[0]}` : `${arg[0]}-${arg[1]}`;
    }
    if (key === 'Fn::Join') return resolveLikeCloudFormation(arg[1]).join(arg[0]);
    throw new Error(`the template holds ${key}, which these tests do not resolve: ${JSON.stringify(value)}`);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveLikeCloudFormation(v)]));
}

/**
 * Validates a document against the OpenAPI 3.0 schema with @readme/openapi-parser (which
 * also resolves every `$ref`); returns its errors, empty when valid.
 */
export async function openApiErrors(document: any): Promise<string[]> {
  // The parser is an ES module with a CommonJS build: load it only where it is needed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validate } = require('@readme/openapi-parser');
  const result = await validate(JSON.parse(JSON.stringify(document)));
  return result.valid ? [] : result.errors.map((e: { message: string }) => e.message);
}
