import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { App, Duration, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CorsHttpMethod, HttpApi, HttpApiDefinition, HttpApiOpenApiDocument, HttpAuthorizer, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, IpAddressType,
  OpenApiFormat, ParameterMapping, SpecHttpApi,
} from '../../../lib';
import { HttpIamAuthorizer, HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType, HttpUserPoolAuthorizer } from '../../../lib/authorizers';
import { HttpLambdaIntegration, HttpUrlIntegration } from '../../../lib/integrations';
import { apiProperties, lambdaFunction, integratedPetstore, invalidDocuments, openApiErrors, openApiStack, recordDocument, resolveLikeCloudFormation, errorOf } from '../../support';

/** A bookstore built in code: Lambda and URL integrations, JWT, Lambda and IAM authorizers, CORS. */
function bookstore(stack: Stack): HttpApi {
  const fn = lambdaFunction(stack, 'Books');
  const api = new HttpApi(stack, 'Bookstore', {
    description: 'Books',
    corsPreflight: { allowOrigins: ['https://books.example.com'], allowMethods: [CorsHttpMethod.GET], maxAge: Duration.minutes(10) },
    defaultAuthorizer: new HttpJwtAuthorizer('Customers', 'https://auth.example.com/', { jwtAudience: ['web'] }),
    defaultAuthorizationScopes: ['books:read'],
    ipAddressType: IpAddressType.DUAL_STACK,
  });
  const write = new HttpLambdaIntegration('Write', fn, { timeout: Duration.seconds(5) });
  api.addRoutes({
    path: '/books', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('List', 'https://catalog.example.com/books', {
      parameterMapping: new ParameterMapping().appendHeader('x-caller', { value: '$context.identity.sourceIp' } as any),
    }),
    authorizer: new HttpNoneAuthorizer(), openApi: { operationId: 'listBooks', summary: 'List the books', tags: ['books'] },
  });
  api.addRoutes({ path: '/books', methods: [HttpMethod.POST], integration: write, authorizationScopes: ['books:write'], openApi: { operationId: 'createBook' } });
  api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.PUT, HttpMethod.DELETE], integration: write });
  api.addRoutes({
    path: '/books/{id}/stock', methods: [HttpMethod.PUT], integration: write,
    authorizer: new HttpLambdaAuthorizer('Partner', lambdaFunction(stack, 'PartnerFn'), { responseTypes: [HttpLambdaResponseType.SIMPLE], identitySource: ['$request.header.x-partner-key'] }),
  });
  api.addRoutes({ path: '/admin/{proxy+}', integration: new HttpUrlIntegration('Admin', 'https://admin.example.com/{proxy}'), authorizer: new HttpIamAuthorizer() });
  return api;
}

describe('HttpApi.toOpenApi', () => {
  test('without extensions: paths, methods, path parameters, security with scopes and the routes\' OpenAPI fields', async () => {
    const stack = openApiStack();
    const api = bookstore(stack);
    const doc = recordDocument(stack.resolve(api.toOpenApi()));
    expect(doc.openapi).toBe('3.0.1');
    expect(doc.info).toEqual({ title: 'Bookstore', description: 'Books', version: '1.0' });
    expect(Object.keys(doc.paths)).toEqual(['/books', '/books/{id}', '/books/{id}/stock', '/admin/{proxy+}']);
    expect(doc.paths['/books'].get).toEqual({ operationId: 'listBooks', summary: 'List the books', tags: ['books'], responses: { default: { description: 'Default response for GET /books' } } });
    // The route's scopes replace the API's default scopes, as on the route resource.
    expect(doc.paths['/books'].post.security).toEqual([{ Customers: ['books:write'] }]);
    expect(doc.paths['/books/{id}'].put.security).toEqual([{ Customers: ['books:read'] }]);
    expect(doc.paths['/books/{id}'].parameters).toEqual([{ name: 'id', in: 'path', description: 'Generated path parameter for id', required: true, schema: { type: 'string' } }]);
    expect(Object.keys(doc.paths['/books/{id}'])).toEqual(['parameters', 'put', 'delete']);
    expect(doc.paths['/admin/{proxy+}']['x-amazon-apigateway-any-method'].security).toEqual([{ AWS_IAM: [] }]);
    expect(doc.components.securitySchemes).toEqual({
      Customers: { type: 'openIdConnect', openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration' },
      Partner: { type: 'apiKey', name: 'x-partner-key', in: 'header' },
      AWS_IAM: { type: 'apiKey', name: 'Authorization', in: 'header' },
    });
    expect(JSON.stringify(doc)).not.toMatch(/x-amazon-apigateway-(integration|authorizer|cors|authtype)/);
    expect(await openApiErrors(doc)).toEqual([]);
  });

  test('with extensions: integrations, authorizers, CORS, the endpoint configuration, tags and $default', async () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const api = bookstore(stack);
    api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Get', 'https://catalog.example.com/books/{id}'), authorizer: new HttpNoneAuthorizer() });
    new HttpApi(stack, 'Other');
    const withDefault = new HttpApi(stack, 'WithDefault', { defaultIntegration: new HttpUrlIntegration('Fallback', 'https://fallback.example.com') });
    Tags.of(api).add('team', 'books');
    // Tags.of() tags reach the API when the app is synthesized; the document is read after that.
    Template.fromStack(stack);
    const doc = recordDocument(stack.resolve(api.toOpenApi({ includeExtensions: true, version: '2.0' })));
    expect(doc.info.version).toBe('2.0');
    expect(doc.paths['/books'].get['x-amazon-apigateway-integration']).toEqual({
      type: 'http_proxy', httpMethod: 'ANY', uri: 'https://catalog.example.com/books', payloadFormatVersion: '1.0',
      requestParameters: { 'append:header.x-caller': '$context.identity.sourceIp' },
    });
    expect(doc.paths['/books'].post['x-amazon-apigateway-integration']).toEqual({
      type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::GetAtt': [expect.stringMatching(/^Books/), 'Arn'] }, payloadFormatVersion: '2.0', timeoutInMillis: 5000,
    });
    expect(doc.components.securitySchemes.Partner['x-amazon-apigateway-authorizer']).toMatchObject({
      type: 'request', authorizerPayloadFormatVersion: '2.0', enableSimpleResponses: true, authorizerResultTtlInSeconds: 300, identitySource: '$request.header.x-partner-key',
    });
    expect(doc.components.securitySchemes.AWS_IAM['x-amazon-apigateway-authtype']).toBe('awsSigv4');
    expect(doc['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['https://books.example.com'], allowMethods: ['GET'], maxAge: 600 });
    expect(doc.servers).toEqual([{ 'url': '/', 'x-amazon-apigateway-endpoint-configuration': { ipAddressType: 'dualstack' } }]);
    expect(doc.tags).toEqual([{ 'name': 'team', 'x-amazon-apigateway-tag-value': 'books' }]);
    expect(doc['x-amazon-apigateway-importexport-version']).toBe('1.0');
    expect(await openApiErrors(resolveLikeCloudFormation(doc))).toEqual([]);

    const fallback = recordDocument(stack.resolve(withDefault.toOpenApi({ includeExtensions: true })));
    expect(fallback.paths['/$default']['x-amazon-apigateway-any-method']).toMatchObject({ isDefaultRoute: true });
    expect(recordDocument(stack.resolve(withDefault.toOpenApi())).paths).toEqual({});
  });

  test('user pool authorizers export their issuer and clients; imported authorizers are left out with a warning', () => {
    const stack = openApiStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const api = new HttpApi(stack, 'Api', { defaultAuthorizer: new HttpUserPoolAuthorizer('Pool', pool) });
    api.addRoutes({ path: '/me', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Me', 'https://me.example.com') });
    api.addRoutes({
      path: '/legacy', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Legacy', 'https://legacy.example.com'),
      authorizer: HttpAuthorizer.fromHttpAuthorizerAttributes(stack, 'Imported', { authorizerId: 'abc', authorizerType: 'CUSTOM' }),
    });
    const doc = recordDocument(stack.resolve(api.toOpenApi({ includeExtensions: true })));
    expect(doc.components.securitySchemes.Pool['x-amazon-apigateway-authorizer'].jwtConfiguration).toEqual({
      issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.amazonaws.com/', { Ref: expect.stringMatching(/^Pool/) }]] },
      audience: [{ Ref: expect.stringMatching(/^PoolUserPoolAuthorizerClient/) }],
    });
    expect(doc.paths['/legacy'].get.security).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('cannot be written as an OpenAPI security scheme'));
  });

  test('an operationId names one route: addRoutes with several methods refuses it', () => {
    const api = new HttpApi(openApiStack(), 'Api');
    expect(errorOf(() => api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration: new HttpUrlIntegration('B', 'https://b.example.com'), openApi: { operationId: 'books' } })).message)
      .toMatch(/`openApi.operationId` 'books' names one route, and these options add 2 \(GET, POST '\/books'\): add the routes one method at a time/);
  });
});

describe('round trip', () => {
  /** The routes of a template: key, authorization, scopes, and the integration and authorizer they use. */
  function routeTable(stack: Stack): Record<string, any> {
    const resources = Template.fromStack(stack).toJSON().Resources;
    const table: Record<string, any> = {};
    for (const resource of Object.values<any>(resources)) {
      if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
      const p = resource.Properties;
      const integration = resources[p.Target['Fn::Join'][1][1].Ref].Properties;
      const authorizer = p.AuthorizerId ? resources[p.AuthorizerId.Ref].Properties : undefined;
      table[p.RouteKey] = {
        authorizationType: p.AuthorizationType,
        scopes: p.AuthorizationScopes ?? [],
        integration: { type: integration.IntegrationType.toLowerCase(), uri: integration.IntegrationUri, method: integration.IntegrationMethod ?? 'POST', payload: integration.PayloadFormatVersion, timeout: integration.TimeoutInMillis, mapping: integration.RequestParameters },
        authorizer: authorizer && {
          name: authorizer.Name, type: authorizer.AuthorizerType, identity: authorizer.IdentitySource, jwt: authorizer.JwtConfiguration,
          uri: authorizer.AuthorizerUri, payload: authorizer.AuthorizerPayloadFormatVersion, simple: authorizer.EnableSimpleResponses, ttl: authorizer.AuthorizerResultTtlInSeconds,
        },
      };
    }
    return table;
  }

  /** The same table, read from an imported document as API Gateway reads it. */
  function documentTable(body: any): Record<string, any> {
    const table: Record<string, any> = {};
    const kinds: Record<string, string> = { jwt: 'JWT', request: 'CUSTOM' };
    for (const [p, item] of Object.entries<any>(body.paths)) {
      for (const [key, op] of Object.entries<any>(item)) {
        if (key === 'parameters') continue;
        const method = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
        const ref = op['x-amazon-apigateway-integration'];
        const integration = ref.$ref ? body.components['x-amazon-apigateway-integrations'][ref.$ref.split('/').pop()] : ref;
        const [name, scopes] = Object.entries<any>(op.security?.[0] ?? {})[0] ?? [];
        const scheme = name ? body.components.securitySchemes[name] : undefined;
        const a = scheme?.['x-amazon-apigateway-authorizer'];
        table[op.isDefaultRoute ? '$default' : `${method} ${p}`] = {
          authorizationType: scheme ? (a ? kinds[a.type] : 'AWS_IAM') : 'NONE',
          scopes: scopes ?? [],
          integration: { type: integration.type, uri: integration.uri, method: integration.httpMethod, payload: integration.payloadFormatVersion, timeout: integration.timeoutInMillis, mapping: integration.requestParameters },
          authorizer: a && {
            name, type: a.type === 'jwt' ? 'JWT' : 'REQUEST', identity: a.identitySource.split(', '),
            jwt: a.jwtConfiguration && { Issuer: a.jwtConfiguration.issuer, Audience: a.jwtConfiguration.audience },
            uri: a.authorizerUri, payload: a.authorizerPayloadFormatVersion, simple: a.enableSimpleResponses, ttl: a.authorizerResultTtlInSeconds,
          },
        };
      }
    }
    return table;
  }

  test('exporting an HttpApi and importing the document gives the same routes, integrations and authorizers', async () => {
    const stack = openApiStack();
    const api = bookstore(stack);
    new HttpRoute(stack, 'Fallback', { httpApi: api, routeKey: HttpRouteKey.DEFAULT, integration: new HttpUrlIntegration('Fallback', 'https://fallback.example.com'), authorizer: new HttpNoneAuthorizer() });
    const document = recordDocument(stack.resolve(api.toOpenApi({ includeExtensions: true }))) && api.toOpenApi({ includeExtensions: true });
    // The document refers to the same functions, by token.
    new SpecHttpApi(stack, 'SpecFirst', { apiDefinition: HttpApiDefinition.fromInline(document) });
    const code = stack.resolve(routeTable(stack));
    const spec = stack.resolve(documentTable(apiPropertiesOf(stack, 'SpecFirst').Body));
    expect(Object.keys(code)).toHaveLength(7);
    expect(Object.keys(spec).sort()).toEqual(Object.keys(code).sort());
    expect(spec).toEqual(code);
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Route', Object.keys(code).length);
    expect(await openApiErrors(resolveLikeCloudFormation(apiPropertiesOf(stack, 'SpecFirst').Body))).toEqual([]);
  });

  function apiPropertiesOf(stack: Stack, id: string): any {
    return Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(stack.node.findChild(id).node.defaultChild as any)].Properties;
  }
});

describe('SpecHttpApi.toOpenApi', () => {
  test('gives the document as imported; without extensions, for readers, and without $default', () => {
    const stack = openApiStack();
    const doc = integratedPetstore();
    doc.paths['/$default'] = { 'x-amazon-apigateway-any-method': { 'isDefaultRoute': true, 'responses': { default: { description: 'd' } }, 'x-amazon-apigateway-integration': { type: 'http_proxy', httpMethod: 'ANY', uri: 'https://x.example.com', payloadFormatVersion: '1.0' } } };
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), apiName: 'Pets' });
    expect(recordDocument(stack.resolve(api.toOpenApi({ includeExtensions: true })))).toEqual(apiProperties(stack).Body);
    const plain = recordDocument(stack.resolve(api.toOpenApi()));
    expect(Object.keys(plain.paths)).toEqual(['/pets', '/pets/{petId}']);
    expect(JSON.stringify(plain)).not.toMatch(/x-amazon-apigateway/);
  });
});

describe('HttpApiOpenApiDocument', () => {
  test('writes the document of a SpecHttpApi as it is imported', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-out-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Stack');
    const api = new SpecHttpApi(stack, 'Pets', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()), apiName: 'Pets' });
    Tags.of(stack).add('team', 'pets');
    new HttpApiOpenApiDocument(stack, 'Doc', { api, includeExtensions: true });
    app.synth();
    const written = recordDocument(JSON.parse(fs.readFileSync(path.join(outdir, 'Stack-Pets.openapi.json'), 'utf8')));
    expect(written).toEqual({ ...integratedPetstore(), info: { title: 'Pets', version: '1.0' }, tags: [{ 'name': 'team', 'x-amazon-apigateway-tag-value': 'pets' }] });
  });

  test('a bucket document cannot be exported', () => {
    const stack = openApiStack();
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromBucket(s3.Bucket.fromBucketName(stack, 'B', 'specs'), 'api.yaml', { etag: 'x' }) });
    expect(errorOf(() => api.toOpenApi()).message).toMatch(/this API's OpenAPI document is in a bucket, which this app does not read/);
  });

  test('writes the document into the cloud assembly at synth time, with readable placeholders', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-out-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Stack');
    const api = bookstore(stack);
    const json = new HttpApiOpenApiDocument(stack, 'Doc', { api, includeExtensions: true });
    new HttpApiOpenApiDocument(stack, 'YamlDoc', { api, format: OpenApiFormat.YAML, fileName: 'bookstore.yaml' });
    // Routes added after the document construct are in it too.
    api.addRoutes({ path: '/late', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('Late', 'https://late.example.com'), authorizer: new HttpNoneAuthorizer() });
    app.synth();
    expect(json.fileName).toBe('Stack-Bookstore.openapi.json');
    const written = recordDocument(JSON.parse(fs.readFileSync(path.join(outdir, json.fileName), 'utf8')));
    expect(written.paths['/late']).toBeDefined();
    expect(written.paths['/books'].post['x-amazon-apigateway-integration'].uri).toMatch(/^\$\{Books\w+\.Arn\}$/);
    expect(written.components.securitySchemes.Partner['x-amazon-apigateway-authorizer'].authorizerUri)
      .toMatch(/^arn:\$\{AWS::Partition\}:apigateway:\$\{AWS::Region\}:lambda:path\/2015-03-31\/functions\/\$\{PartnerFn\w+\.Arn\}\/invocations$/);
    const readable = recordDocument(parse(fs.readFileSync(path.join(outdir, 'bookstore.yaml'), 'utf8')));
    expect(Object.keys(readable.paths)).toContain('/late');
    expect(JSON.stringify(readable)).not.toMatch(/x-amazon-apigateway-integration/);
  });

  test('refuses an imported API and a file name with a directory', () => {
    const stack = openApiStack();
    const imported = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'abc' });
    expect(errorOf(() => new HttpApiOpenApiDocument(stack, 'Doc', { api: imported })).message).toMatch(/`api` Stack\/Imported has no routes in view to export/);
    expect(errorOf(() => new HttpApiOpenApiDocument(stack, 'Doc2', { api: new HttpApi(stack, 'Api'), fileName: '../api.json' })).message)
      .toMatch(/invalid `fileName` '..\/api.json': the file is written into the cloud assembly directory/);
  });
});

// cfn-lint checks templates against CloudFormation's resource schemas and rules.
const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const lintTest = cfnLint.status === 0 ? test : test.skip;
lintTest(`cfn-lint accepts a spec-first template${cfnLint.status === 0 ? '' : ' (skipped: cfn-lint is not installed)'}`, () => {
  const stack = new Stack(new App(), 'SpecFirst', { env: { account: '123456789012', region: 'eu-west-1' } });
  const fn = lambdaFunction(stack);
  const api = new SpecHttpApi(stack, 'Api', {
    apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()),
    corsPreflight: { allowOrigins: ['https://pets.example.com'] },
    defaultAuthorizer: new HttpLambdaAuthorizer('Key', fn),
  });
  api.addRoutes({ path: '/owners', integration: new HttpLambdaIntegration('Owners', fn) });
  api.addStage('Beta', { stageName: 'beta' });
  Tags.of(stack).add('team', 'pets');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lint-')), 'template.json');
  fs.writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON()));
  // W3005 is about the DependsOn that aws-cdk-lib's Lambda Function puts on its role: not this library's.
  const result = spawnSync('cfn-lint', ['--ignore-checks', 'W3005', '--', file], { encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 60_000);

afterAll(async () => {
  // Every document these tests read or exported passes the OpenAPI 3.0 validator.
  expect(await invalidDocuments()).toEqual([]);
}, 60_000);
