import { Lazy } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { HttpApiDefinition, SpecHttpApi } from '../../../lib';
import { apiProperties, integratedPetstore, invalidDocuments, openApiErrors, openApiStack, documentUrlIntegration, errorOf } from '../../support';

/**
 * Each of API Gateway's import rules that the library checks, as a change that breaks the
 * rule, the message it gets, and a neighbouring change that keeps the document valid. Both
 * start from a valid pet store whose operations have URL integrations.
 */
interface Rule {
  readonly name: string;
  readonly bad: (doc: any) => void;
  readonly good: (doc: any) => void;
  /** The refusal's message; or, for `warning`, the warning's. */
  readonly message: RegExp;
  /** Whether the rule only warns (API Gateway accepts the document, but it is likely a mistake). */
  readonly warning?: boolean;
  /** Whether it is an import warning: refused with failOnWarnings (the default), a warning without. */
  readonly importWarning?: boolean;
}

const get = (doc: any) => doc.paths['/pets'].get;
const integration = (doc: any) => get(doc)['x-amazon-apigateway-integration'];
const lambda = (doc: any) => Object.assign(integration(doc), { type: 'aws_proxy', httpMethod: 'POST', uri: 'arn:aws:lambda:eu-west-1:123456789012:function:pets', payloadFormatVersion: '2.0' });
const schemes = (doc: any, value: any) => { doc.components = { securitySchemes: value }; };
const jwt = (config: any = {}) => ({ 'type': 'openIdConnect', 'openIdConnectUrl': 'https://issuer.example.com/.well-known/openid-configuration', 'x-amazon-apigateway-authorizer': { type: 'jwt', jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['web'] }, identitySource: '$request.header.Authorization', ...config } });
const lambdaAuthorizer = (config: any = {}) => ({
  'type': 'apiKey', 'name': 'Authorization', 'in': 'header',
  'x-amazon-apigateway-authorizer': { type: 'request', authorizerUri: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations', authorizerPayloadFormatVersion: '2.0', identitySource: '$request.header.Authorization', ...config },
});
/** A path item for a path: a GET with a URL integration, and the path's parameters. */
const item = (path: string) => ({
  parameters: Array.from(path.matchAll(/\{([^}]+)\}/g), m => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
  get: { 'responses': { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': documentUrlIntegration() },
});
const operation = () => ({ 'responses': { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': documentUrlIntegration() });
const iam = { 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' };

const RULES: Rule[] = [
  // The document
  { name: 'Swagger 2.0 is refused', bad: d => { delete d.openapi; d.swagger = '2.0'; }, good: d => { d.openapi = '3.0.3'; }, message: /HTTP APIs import OpenAPI 3.0 documents only, and this is Swagger '2.0'/ },
  { name: 'OpenAPI 3.1 is refused', bad: d => { d.openapi = '3.1.0'; }, good: d => { d.openapi = '3.0.0'; }, message: /at openapi: HTTP APIs import OpenAPI 3.0 documents only, not version '3.1.0'/ },
  { name: 'paths is an object', bad: d => { d.paths = []; }, good: d => { d.paths = {}; }, message: /at paths: paths is an object of path items/ },
  // Paths and methods
  { name: 'a path starts with /', bad: d => { d.paths.pets = d.paths['/pets']; delete d.paths['/pets']; }, good: d => { d.paths['/dogs'] = item('/dogs'); }, message: /at paths\.pets: path 'pets' does not start with '\/': write '\/pets'/, importWarning: true },
  { name: '$default is written /$default', bad: d => { d.paths.$default = { 'x-amazon-apigateway-any-method': { isDefaultRoute: true, ...operation() } }; }, good: d => { d.paths['/$default'] = { 'x-amazon-apigateway-any-method': { isDefaultRoute: true, ...operation() } }; }, message: /path '\$default' does not start with '\/': write '\/\$default', with isDefaultRoute: true/, importWarning: true },
  { name: 'no TRACE method', bad: d => { d.paths['/pets'].trace = { responses: {} }; }, good: d => { d.paths['/pets'].head = operation(); }, message: /at paths\['\/pets'\]\.trace: HTTP API routes have no TRACE method/ },
  { name: 'no trailing slash', bad: d => { d.paths['/pets/'] = item('/pets/'); }, good: d => { d.paths['/cats'] = item('/cats'); }, message: /at paths\['\/pets\/'\]\.get: invalid `routeKey` 'GET \/pets\/': a path must not end with '\/'/ },
  { name: 'a greedy variable is last', bad: d => { d.paths['/files/{path+}/meta'] = item('/files/{path+}/meta'); }, good: d => { d.paths['/files/{path+}'] = item('/files/{path+}'); }, message: /greedy variable '\{path\+\}' must be the last segment/ },
  { name: 'one variable name per level', bad: d => { d.paths['/pets/{id}/toys'] = item('/pets/{id}/toys'); }, good: d => { d.paths['/pets/{petId}/toys'] = item('/pets/{petId}/toys'); }, message: /conflicting `routeKey` 'GET \/pets\/\{id\}\/toys': variable '\{id\}' sits under '\/pets' where route 'GET \/pets\/\{petId\}' has '\{petId\}'/ },
  { name: 'a variable name once per path', bad: d => { d.paths['/a/{x}/{x}'] = item('/a/{x}/{x}'); }, good: d => { d.paths['/a/{x}/{y}'] = item('/a/{x}/{y}'); }, message: /variable name 'x' appears more than once/ },
  { name: 'isDefaultRoute only on /$default', bad: d => { get(d).isDefaultRoute = true; }, good: d => { d.paths['/$default'] = { 'x-amazon-apigateway-any-method': { isDefaultRoute: true, ...operation() } }; }, message: /isDefaultRoute marks the \$default route: it belongs on x-amazon-apigateway-any-method under '\/\$default'/ },
  { name: 'declared path parameters are variables of the path', bad: d => { d.paths['/pets/{petId}'].parameters[0].name = 'id'; }, good: d => { d.paths['/pets/{petId}'].parameters[0].description = 'the pet'; }, message: /path parameter 'id' is not a variable of path '\/pets\/\{petId\}': rename it to one of petId/, warning: true },
  // Integrations
  { name: 'every operation has an integration', bad: d => { delete get(d)['x-amazon-apigateway-integration']; }, good: d => { get(d)['x-amazon-apigateway-integration'] = documentUrlIntegration('https://other.example.com'); }, message: /route 'GET \/pets' has no integration, so API Gateway has nothing to send its requests to/, warning: true },
  { name: 'only proxy integration types', bad: d => { integration(d).type = 'mock'; }, good: d => { integration(d).type = 'HTTP_PROXY'; }, message: /integration type 'mock' is a REST API type; HTTP APIs support only aws_proxy and http_proxy integrations/, importWarning: true },
  { name: 'a known integration type', bad: d => { integration(d).type = 'lambda'; }, good: d => { lambda(d); }, message: /unknown integration type 'lambda'/ },
  { name: 'payloadFormatVersion is required', bad: d => { delete integration(d).payloadFormatVersion; }, good: d => { integration(d).payloadFormatVersion = 1.0; }, message: /HTTP API integrations need `payloadFormatVersion`: '1.0'/ },
  { name: 'payload format 2.0 is for Lambda only', bad: d => { integration(d).payloadFormatVersion = '2.0'; }, good: d => { lambda(d); }, message: /payload format version '2.0' is for Lambda functions only/ },
  { name: 'Lambda is invoked with POST', bad: d => { lambda(d).httpMethod = 'GET'; }, good: d => { delete lambda(d).httpMethod; }, message: /API Gateway invokes Lambda functions with POST, not 'GET'/ },
  { name: 'timeout 50 ms to 30 s', bad: d => { integration(d).timeoutInMillis = 30001; }, good: d => { integration(d).timeoutInMillis = 30000; }, message: /invalid timeout 30001: HTTP API integrations allow 50 to 30000 ms/ },
  { name: 'a private integration names its VPC link', bad: d => { Object.assign(integration(d), { connectionType: 'VPC_LINK', uri: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/a/b/c' }); }, good: d => { Object.assign(integration(d), { connectionType: 'VPC_LINK', connectionId: 'abc123', uri: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/a/b/c' }); }, message: /a private integration \(connectionType VPC_LINK\) needs `connectionId`/ },
  { name: 'an http_proxy over the internet has a URL', bad: d => { integration(d).uri = 'backend.example.com'; }, good: d => { integration(d).uri = 'https://${stageVariables.host}/pets'; }, message: /invalid URL 'backend.example.com' of an http_proxy integration over the internet/ },
  { name: 'an AWS service integration has credentials', bad: d => { get(d)['x-amazon-apigateway-integration'] = { type: 'aws_proxy', integrationSubtype: 'SQS-SendMessage', payloadFormatVersion: '1.0', requestParameters: { QueueUrl: 'q', MessageBody: '$request.body' } }; }, good: d => { get(d)['x-amazon-apigateway-integration'] = { type: 'aws_proxy', integrationSubtype: 'SQS-SendMessage', payloadFormatVersion: '1.0', credentials: 'arn:aws:iam::123456789012:role/sqs', requestParameters: { QueueUrl: 'q', MessageBody: '$request.body' } }; }, message: /an AWS service integration \('SQS-SendMessage'\) needs `credentials`/ },
  { name: 'parameter mappings follow HTTP API rules', bad: d => { integration(d).requestParameters = { 'append:header.authorization': 'x' }; }, good: d => { integration(d).requestParameters = { 'append:header.x-caller': '$context.identity.sourceIp' }; }, message: /requestParameters: invalid `parameterMapping` key 'append:header.authorization': API Gateway reserves the header/ },
  { name: 'REST-only integration fields are ignored', bad: d => { integration(d).passthroughBehavior = 'when_no_match'; }, good: d => { integration(d).tlsConfig = { serverNameToVerify: 'backend.example.com' }; }, message: /passthroughBehavior is only used by REST APIs; HTTP APIs ignore them/, warning: true },
  { name: 'a $ref names a shared integration', bad: d => { get(d)['x-amazon-apigateway-integration'] = { $ref: '#/components/x-amazon-apigateway-integrations/missing' }; }, good: d => { get(d)['x-amazon-apigateway-integration'] = { $ref: '#/components/x-amazon-apigateway-integrations/pets' }; d.components = { 'x-amazon-apigateway-integrations': { pets: documentUrlIntegration() } }; }, message: /`\$ref` '#\/components\/x-amazon-apigateway-integrations\/missing' names no shared integration/ },
  { name: 'a $ref has the shared-integration form', bad: d => { get(d)['x-amazon-apigateway-integration'] = { $ref: 'integrations.json#/pets' }; }, good: d => { get(d)['x-amazon-apigateway-integration'] = { $ref: '#/components/x-amazon-apigateway-integrations/p' }; d.components = { 'x-amazon-apigateway-integrations': { p: documentUrlIntegration() } }; }, message: /an integration refers to a shared one as '#\/components\/x-amazon-apigateway-integrations\/NAME'/ },
  { name: 'shared integrations are checked too', bad: d => { d.components = { 'x-amazon-apigateway-integrations': { p: { ...documentUrlIntegration(), timeoutInMillis: 10 } } }; }, good: d => { d.components = { 'x-amazon-apigateway-integrations': { p: { ...documentUrlIntegration(), timeoutInMillis: 50 } } }; }, message: /at components\.x-amazon-apigateway-integrations\.p\.timeoutInMillis: invalid timeout 10/ },
  // Security
  { name: 'one security requirement per operation', bad: d => { schemes(d, { a: jwt(), b: iam }); get(d).security = [{ a: [] }, { b: [] }]; }, good: d => { schemes(d, { a: jwt(), b: iam }); get(d).security = [{ a: [] }]; }, message: /route 'GET \/pets' lists 2 security requirements, and API Gateway allows one authorizer per route/ },
  { name: 'one scheme per requirement', bad: d => { schemes(d, { a: jwt(), b: iam }); get(d).security = [{ a: [], b: [] }]; }, good: d => { schemes(d, { a: jwt(), b: iam }); get(d).security = [{ b: [] }]; }, message: /lists 2 security requirements/ },
  { name: 'a requirement names a defined scheme', bad: d => { get(d).security = [{ missing: [] }]; }, good: d => { schemes(d, { present: iam }); get(d).security = [{ present: [] }]; }, message: /security scheme 'missing' of route 'GET \/pets' is not defined/ },
  { name: 'a required scheme is one API Gateway enforces', bad: d => { schemes(d, { bearer: { type: 'http', scheme: 'bearer' } }); get(d).security = [{ bearer: [] }]; }, good: d => { schemes(d, { bearer: { type: 'http', scheme: 'bearer' } }); }, message: /security scheme 'bearer' of route 'GET \/pets' has no x-amazon-apigateway-authorizer .* the route would be open/ },
  { name: 'scopes only with JWT', bad: d => { schemes(d, { key: lambdaAuthorizer() }); get(d).security = [{ key: ['read'] }]; }, good: d => { schemes(d, { jwt: jwt() }); get(d).security = [{ jwt: ['read'] }]; }, message: /requires scopes \["read"\] of security scheme 'key', whose type is CUSTOM/ },
  { name: 'a JWT authorizer has an issuer', bad: d => { const s: any = jwt(); delete s['x-amazon-apigateway-authorizer'].jwtConfiguration.issuer; delete s.openIdConnectUrl; s.type = 'oauth2'; s.flows = { implicit: { authorizationUrl: 'https://issuer.example.com/authorize', scopes: {} } }; schemes(d, { jwt: s }); }, good: d => { const s: any = jwt(); delete s['x-amazon-apigateway-authorizer'].jwtConfiguration.issuer; schemes(d, { jwt: s }); }, message: /a JWT authorizer needs `issuer`/ },
  { name: 'a JWT authorizer has audiences', bad: d => { schemes(d, { jwt: jwt({ jwtConfiguration: { issuer: 'https://i.example.com', audience: [] } }) }); }, good: d => { schemes(d, { jwt: jwt({ jwtConfiguration: { issuer: 'https://i.example.com', audience: ['a', 'b'] } }) }); }, message: /a JWT authorizer needs `audience`: a list of 1 to 50 audiences/ },
  { name: 'a JWT authorizer reads one header or query string', bad: d => { schemes(d, { jwt: jwt({ identitySource: '$request.header.A, $request.header.B' }) }); }, good: d => { schemes(d, { jwt: jwt({ identitySource: '$request.querystring.token' }) }); }, message: /invalid identity source '\$request.header.A, \$request.header.B' of a JWT authorizer/ },
  { name: 'a Lambda authorizer has a URI', bad: d => { const s = lambdaAuthorizer(); delete (s['x-amazon-apigateway-authorizer'] as any).authorizerUri; schemes(d, { key: s }); }, good: d => { schemes(d, { key: lambdaAuthorizer({ authorizerCredentials: 'arn:aws:iam::123456789012:role/invoke' }) }); }, message: /a Lambda authorizer needs `authorizerUri`/ },
  { name: 'a Lambda authorizer has a payload version', bad: d => { const s = lambdaAuthorizer(); delete (s['x-amazon-apigateway-authorizer'] as any).authorizerPayloadFormatVersion; schemes(d, { key: s }); }, good: d => { schemes(d, { key: lambdaAuthorizer({ authorizerPayloadFormatVersion: '1.0' }) }); }, message: /needs `authorizerPayloadFormatVersion`: '1.0' or '2.0'/ },
  { name: 'simple responses need payload 2.0', bad: d => { schemes(d, { key: lambdaAuthorizer({ authorizerPayloadFormatVersion: '1.0', enableSimpleResponses: true }) }); }, good: d => { schemes(d, { key: lambdaAuthorizer({ enableSimpleResponses: true }) }); }, message: /simple responses are a feature of the '2.0' authorizer payload/ },
  { name: 'a cache needs an identity source', bad: d => { const s = lambdaAuthorizer({ authorizerResultTtlInSeconds: 300 }); delete (s['x-amazon-apigateway-authorizer'] as any).identitySource; schemes(d, { key: s }); }, good: d => { const s = lambdaAuthorizer({ authorizerResultTtlInSeconds: 0 }); delete (s['x-amazon-apigateway-authorizer'] as any).identitySource; schemes(d, { key: s }); }, message: /a Lambda authorizer that caches results needs an `identitySource`/ },
  { name: 'the cache lasts at most an hour', bad: d => { schemes(d, { key: lambdaAuthorizer({ authorizerResultTtlInSeconds: 3601 }) }); }, good: d => { schemes(d, { key: lambdaAuthorizer({ authorizerResultTtlInSeconds: 3600 }) }); }, message: /invalid cache time 3601/ },
  { name: 'identity sources use HTTP API syntax', bad: d => { schemes(d, { key: lambdaAuthorizer({ identitySource: 'method.request.header.auth' }) }); }, good: d => { schemes(d, { key: lambdaAuthorizer({ identitySource: ['$request.header.auth', '$context.identity.sourceIp'] }) }); }, message: /invalid identity source 'method.request.header.auth': HTTP APIs read identities from/ },
  { name: 'token authorizers are REST-only', bad: d => { schemes(d, { key: lambdaAuthorizer({ type: 'token' }) }); }, good: d => { schemes(d, { key: lambdaAuthorizer({ type: 'REQUEST' }) }); }, message: /'token' authorizers are for REST APIs/ },
  { name: 'security at the root is not applied per route', bad: d => { schemes(d, { iam }); d.security = [{ iam: [] }]; }, good: d => { schemes(d, { iam }); get(d).security = [{ iam: [] }]; }, message: /API Gateway applies security requirements per operation when it imports an HTTP API/, warning: true },
  // CORS, endpoint, tags, extensions
  { name: 'CORS credentials need listed origins', bad: d => { d['x-amazon-apigateway-cors'] = { allowOrigins: ['*'], allowCredentials: true }; }, good: d => { d['x-amazon-apigateway-cors'] = { allowOrigins: ['https://pets.example.com'], allowCredentials: true }; }, message: /allowCredentials cannot be used with the origin '\*'/ },
  { name: 'CORS maxAge is at most a day', bad: d => { d['x-amazon-apigateway-cors'] = { allowOrigins: ['*'], maxAge: 86401 }; }, good: d => { d['x-amazon-apigateway-cors'] = { allowOrigins: ['*'], maxAge: 86400 }; }, message: /invalid maxAge 86401/ },
  { name: 'a server with endpoint configuration has a URL', bad: d => { d.servers = [{ 'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: true } }]; }, good: d => { d.servers = [{ 'url': '/', 'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: true } }]; }, message: /at servers\[0\]: a server with x-amazon-apigateway-endpoint-configuration needs a `url`/, importWarning: true },
  { name: 'ipAddressType is ipv4 or dualstack', bad: d => { d.servers = [{ 'url': '/', 'x-amazon-apigateway-endpoint-configuration': { ipAddressType: 'ipv6' } }]; }, good: d => { d.servers = [{ 'url': '/', 'x-amazon-apigateway-endpoint-configuration': { ipAddressType: 'dualstack' } }]; }, message: /invalid ipAddressType 'ipv6'/ },
  { name: 'tag keys do not start with aws:', bad: d => { d.tags = [{ 'name': 'aws:team', 'x-amazon-apigateway-tag-value': 'x' }]; }, good: d => { d.tags = [{ 'name': 'team', 'x-amazon-apigateway-tag-value': 'x' }]; }, message: /at tags\[0\]: invalid tag key 'aws:team': the prefix 'aws:' is reserved/ },
  { name: 'at most 50 tags', bad: d => { d.tags = Array.from({ length: 51 }, (_, i) => ({ 'name': `t${i}`, 'x-amazon-apigateway-tag-value': 'x' })); }, good: d => { d.tags = Array.from({ length: 50 }, (_, i) => ({ 'name': `t${i}`, 'x-amazon-apigateway-tag-value': 'x' })); }, message: /51 tags, and an API has at most 50/ },
  { name: 'root tags without a value become empty AWS tags', bad: d => { d.tags = [{ name: 'pets', description: 'pet operations' }]; }, good: d => { get(d).tags = ['pets']; }, message: /'pets' has no x-amazon-apigateway-tag-value, so it becomes a tag with an empty value/, warning: true },
  { name: 'REST-only extensions are ignored', bad: d => { d['x-amazon-apigateway-binary-media-types'] = ['image/png']; }, good: d => { d['x-amazon-apigateway-importexport-version'] = '1.0'; }, message: /x-amazon-apigateway-binary-media-types is only used by REST APIs; HTTP APIs ignore it/, warning: true },
  { name: 'the endpoint configuration goes on servers', bad: d => { d['x-amazon-apigateway-endpoint-configuration'] = { disableExecuteApiEndpoint: true }; }, good: d => { d.servers = [{ 'url': '/', 'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: true } }]; }, message: /x-amazon-apigateway-endpoint-configuration belongs on each entry of `servers` in OpenAPI 3.0/, warning: true },
  { name: 'misspelled extensions are reported', bad: d => { get(d)['x-amazon-apigateway-integrations'] = documentUrlIntegration(); }, good: d => { get(d)['x-pets-owner'] = 'team'; }, message: /x-amazon-apigateway-integrations is not an extension HTTP APIs read here \(they read x-amazon-apigateway-integration\)/, warning: true },
];

function build(change: (doc: any) => void, failOnWarnings?: boolean) {
  const stack = openApiStack();
  const doc = integratedPetstore();
  change(doc);
  const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), failOnWarnings });
  return { stack, api, doc };
}

function warningsOf(stack: any): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map(w => String(w.entry.data));
}

describe.each(RULES)('import rule: $name', (rule) => {
  if (rule.warning) {
    test('breaking it gives a warning', () => {
      const { stack } = build(rule.bad);
      expect(warningsOf(stack)).toEqual(expect.arrayContaining([expect.stringMatching(rule.message)]));
    });
  } else {
    test('breaking it is refused', () => {
      expect(errorOf(() => build(rule.bad)).message).toMatch(rule.message);
    });
  }
  if (rule.importWarning) {
    test('without failOnWarnings, breaking it gives a warning', () => {
      const { stack } = build(rule.bad, false);
      expect(warningsOf(stack)).toEqual(expect.arrayContaining([expect.stringMatching(rule.message)]));
    });
  }
  test('its valid neighbour passes, without warnings, and is valid OpenAPI 3.0', async () => {
    const { stack, doc } = build(rule.good);
    expect(warningsOf(stack)).toEqual([]);
    expect(await openApiErrors(doc)).toEqual([]);
  });
});

test('a document that is not an object is refused', () => {
  expect(errorOf(() => new SpecHttpApi(openApiStack(), 'Api', { apiDefinition: HttpApiDefinition.fromInline('openapi: 3.0.1') })).message)
    .toMatch(/invalid `apiDefinition`: an OpenAPI document is an object, not 'openapi: 3.0.1'/);
});

test('values that hold tokens are not checked: they are only known at deploy time', () => {
  const stack = openApiStack();
  const doc = integratedPetstore();
  integration(doc).timeoutInMillis = Lazy.number({ produce: () => 5000 });
  integration(doc).uri = Lazy.string({ produce: () => 'not checked' });
  integration(doc).payloadFormatVersion = Lazy.string({ produce: () => '1.0' });
  new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc) });
  expect(stack.resolve(apiProperties(stack).Body.paths['/pets'].get['x-amazon-apigateway-integration'])).toMatchObject({ timeoutInMillis: 5000, uri: 'not checked' });
});

afterAll(async () => {
  // Every document these tests read or exported passes the OpenAPI 3.0 validator.
  expect(await invalidDocuments()).toEqual([]);
}, 60_000);
