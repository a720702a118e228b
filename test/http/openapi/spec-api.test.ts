import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { App, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  BasePathMode, CorsHttpMethod, DomainName, HttpApiDefinition, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, IpAddressType, SpecHttpApi,
} from '../../../lib';
import { HttpIamAuthorizer, HttpJwtAuthorizer, HttpLambdaAuthorizer } from '../../../lib/authorizers';
import { HttpAlbIntegration, HttpLambdaIntegration, HttpUrlIntegration } from '../../../lib/integrations';
import {
  apiProperties, lambdaFunction, integratedPetstore, openApiErrors, openApiStack, petstore, resolveLikeCloudFormation, documentUrlIntegration,
  invalidDocuments, errorOf,
} from '../../support';

const JWT = () => new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['web'] });

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('SpecHttpApi from an inline document', () => {
  test('the document becomes the Body; no Name or ProtocolType; imports fail on warnings; a $default stage', () => {
    const stack = openApiStack();
    new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()) });
    const props = apiProperties(stack);
    expect(props.Body).toEqual(integratedPetstore());
    expect(props.FailOnWarnings).toBe(true);
    for (const name of ['Name', 'ProtocolType', 'CorsConfiguration', 'Tags', 'Description', 'Version', 'DisableExecuteApiEndpoint', 'IpAddressType']) {
      expect(props).not.toHaveProperty(name);
    }
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
  });

  test('no Route, Integration or Authorizer resources, whatever code binds or adds', () => {
    const stack = openApiStack();
    const fn = lambdaFunction(stack);
    const api = new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(petstore()),
      routeIntegrations: { 'listPets': new HttpLambdaIntegration('Pets', fn), 'POST /pets': new HttpUrlIntegration('Create', 'https://backend.example.com') },
      integrations: {},
      authorizers: { iam: new HttpIamAuthorizer() },
      defaultAuthorizer: JWT(),
    });
    api.addRoutes({ path: '/owners/{ownerId}', methods: [HttpMethod.GET, HttpMethod.PUT], integration: new HttpLambdaIntegration('Owners', fn) });
    new HttpRoute(stack, 'Default', { httpApi: api, routeKey: HttpRouteKey.DEFAULT, integration: new HttpUrlIntegration('Fallback', 'https://fallback.example.com') });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    t.resourceCountIs('AWS::ApiGatewayV2::Integration', 0);
    t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    const body = apiProperties(stack).Body;
    expect(Object.keys(body.paths)).toEqual(['/pets', '/pets/{petId}', '/owners/{ownerId}', '/$default']);
    expect(body.paths['/$default']['x-amazon-apigateway-any-method']).toMatchObject({ isDefaultRoute: true });
    expect(body.paths['/owners/{ownerId}'].parameters).toEqual([{ name: 'ownerId', in: 'path', required: true, schema: { type: 'string' } }]);
  });

  test('the Body resolves like CloudFormation resolves it into a valid OpenAPI 3.0 document, with the function\'s ARN', async () => {
    const stack = openApiStack();
    const fn = lambdaFunction(stack);
    const api = new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(petstore()),
      routeIntegrations: { listPets: new HttpLambdaIntegration('Pets', fn), createPet: new HttpLambdaIntegration('Create', fn), showPet: new HttpUrlIntegration('Show', 'https://b.example.com/{petId}') },
      defaultAuthorizer: new HttpLambdaAuthorizer('Key', lambdaFunction(stack, 'Auth'), { identitySource: ['$request.header.x-key'] }),
    });
    api.addRoutes({ path: '/{proxy+}', integration: new HttpUrlIntegration('Proxy', 'https://b.example.com/{proxy}'), authorizer: new HttpNoneAuthorizer() });
    const body = resolveLikeCloudFormation(apiProperties(stack).Body);
    expect(JSON.stringify(body)).not.toMatch(/Fn::|"Ref"/);
    const logicalId = stack.getLogicalId(fn.node.defaultChild as any);
    expect(body.components['x-amazon-apigateway-integrations'].Pets.uri).toBe(`arn:aws:lambda:eu-west-1:123456789012:function:${logicalId}`);
    expect(body.components.securitySchemes.Key['x-amazon-apigateway-authorizer'].authorizerUri)
      .toMatch(/^arn:aws:apigateway:eu-west-1:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:eu-west-1:123456789012:function:Auth\w+\/invocations$/);
    expect(body.paths['/{proxy+}']['x-amazon-apigateway-any-method']).not.toHaveProperty('security');
    expect(await openApiErrors(body)).toEqual([]);
  });

  test('props API Gateway reads from the document are written into it, replacing the document\'s', () => {
    const stack = openApiStack();
    const doc = integratedPetstore();
    doc.info.description = 'from the document';
    doc.servers = [{ url: 'https://a.example.com' }, { url: 'https://b.example.com', 'x-amazon-apigateway-endpoint-configuration': { ipAddressType: 'ipv4' } }];
    doc['x-amazon-apigateway-cors'] = { allowOrigins: ['https://old.example.com'] };
    new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(doc),
      apiName: 'Pets', description: 'Pets and their owners', version: '2.1',
      corsPreflight: { allowOrigins: ['https://pets.example.com'], allowMethods: [CorsHttpMethod.GET], maxAge: Duration.hours(1) },
      disableExecuteApiEndpoint: true, ipAddressType: IpAddressType.DUAL_STACK,
    });
    const body = apiProperties(stack).Body;
    expect(body.info).toEqual({ title: 'Pets', version: '2.1', description: 'Pets and their owners' });
    expect(body['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['https://pets.example.com'], allowMethods: ['GET'], maxAge: 3600 });
    const endpoint = { disableExecuteApiEndpoint: true, ipAddressType: 'dualstack' };
    expect(body.servers).toEqual([
      { 'url': 'https://a.example.com', 'x-amazon-apigateway-endpoint-configuration': endpoint },
      { 'url': 'https://b.example.com', 'x-amazon-apigateway-endpoint-configuration': endpoint },
    ]);
  });

  test('endpoint props on a document without servers add one with a URL; the title defaults to the construct id', () => {
    const stack = openApiStack();
    const doc = integratedPetstore();
    delete doc.info.title;
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), ipAddressType: IpAddressType.IPV4 });
    const body = apiProperties(stack).Body;
    expect(body.servers).toEqual([{ 'url': '/', 'x-amazon-apigateway-endpoint-configuration': { ipAddressType: 'ipv4' } }]);
    expect(body.info.title).toBe('Api');
    expect(stack.resolve(api.apiEndpoint)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(api.node.defaultChild as any), 'ApiEndpoint'] });
  });

  test('apiEndpoint is refused when the props or the document disable the endpoint', () => {
    const stack = openApiStack();
    const byProp = new SpecHttpApi(stack, 'ByProp', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()), disableExecuteApiEndpoint: true });
    expect(errorOf(() => byProp.apiEndpoint).message).toMatch(/`apiEndpoint` is not available because the execute-api endpoint is disabled/);
    const doc = integratedPetstore();
    doc.servers = [{ 'url': '/', 'x-amazon-apigateway-endpoint-configuration': { disableExecuteApiEndpoint: true } }];
    const byDoc = new SpecHttpApi(stack, 'ByDoc', { apiDefinition: HttpApiDefinition.fromInline(doc) });
    expect(byDoc.disableExecuteApiEndpoint).toBe(true);
    expect(() => byDoc.apiEndpoint).toThrow(/execute-api endpoint is disabled/);
  });

  test('Tags.of() and corsPreflight go into the document, never beside it; a tag the document lists gets the value', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const doc = integratedPetstore();
    doc.tags = [{ name: 'team', 'x-amazon-apigateway-tag-value': 'old' }, { name: 'pets', description: 'documentation tag' }];
    new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), corsPreflight: { allowOrigins: ['*'] } });
    Tags.of(app).add('team', 'pets');
    Tags.of(stack).add('cost-center', '42');
    const props = apiProperties(stack);
    expect(props).not.toHaveProperty('Tags');
    expect(props).not.toHaveProperty('CorsConfiguration');
    expect(props.Body.tags).toEqual([
      { 'name': 'team', 'x-amazon-apigateway-tag-value': 'pets' },
      { name: 'pets', description: 'documentation tag' },
      { 'name': 'cost-center', 'x-amazon-apigateway-tag-value': '42' },
    ]);
    expect(props.Body['x-amazon-apigateway-cors']).toEqual({ allowOrigins: ['*'] });
    // The stage is not defined by the document: it keeps its tags.
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { Tags: { 'team': 'pets', 'cost-center': '42' } });
  });

  test('a property set beside the document with an escape hatch is refused at synth time', () => {
    for (const [name, value] of [['Name', 'Pets'], ['Tags', { team: 'pets' }], ['CorsConfiguration', { AllowOrigins: ['*'] }]] as const) {
      const stack = openApiStack();
      const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()) });
      (api.node.defaultChild as any).addPropertyOverride(name, value);
      expect(() => Template.fromStack(stack)).toThrow(new RegExp(`the API has the property \`${name}\` beside its OpenAPI document, which CloudFormation refuses`));
    }
  });

  test('a document of more than 500 KB in the template gets a warning that suggests an asset; a smaller one none', () => {
    const warningsOf = (descriptionLength: number) => {
      const stack = openApiStack();
      const doc = integratedPetstore();
      doc.info.description = 'x'.repeat(descriptionLength);
      new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc) });
      return Annotations.fromStack(stack).findWarning('/Stack/Api', Match.stringLikeRegexp('KB of the template'));
    };
    expect(warningsOf(500_000)).toHaveLength(1);
    expect(warningsOf(400_000)).toHaveLength(0);
  });

  test('failOnWarnings: false and basePath are passed to CloudFormation', () => {
    const stack = openApiStack();
    new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()), failOnWarnings: false, basePath: BasePathMode.SPLIT });
    expect(apiProperties(stack)).toMatchObject({ FailOnWarnings: false, BasePath: 'split' });
  });

  test('the document the user passed is not changed', () => {
    const stack = openApiStack();
    const doc = petstore();
    new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), routeIntegrations: { listPets: new HttpUrlIntegration('L', 'https://x.example.com') }, apiName: 'X' });
    expect(doc).toEqual(petstore());
  });
});

describe('binding code to the document', () => {
  test('routeIntegrations bind by route key or operationId; an integration used twice is written once and shared', () => {
    const stack = openApiStack();
    const shared = new HttpUrlIntegration('Backend', 'https://backend.example.com');
    new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(petstore()),
      routeIntegrations: { 'GET /pets': shared, 'createPet': shared, 'GET /pets/{petId}': new HttpUrlIntegration('Backend', 'https://other.example.com') },
    });
    const body = apiProperties(stack).Body;
    const ref = (p: string, m: string) => body.paths[p][m]['x-amazon-apigateway-integration'].$ref;
    expect(ref('/pets', 'get')).toBe('#/components/x-amazon-apigateway-integrations/Backend');
    expect(ref('/pets', 'post')).toBe('#/components/x-amazon-apigateway-integrations/Backend');
    expect(ref('/pets/{petId}', 'get')).toBe('#/components/x-amazon-apigateway-integrations/Backend2');
    expect(body.components['x-amazon-apigateway-integrations']).toEqual({
      Backend: { type: 'http_proxy', httpMethod: 'ANY', uri: 'https://backend.example.com', payloadFormatVersion: '1.0' },
      Backend2: { type: 'http_proxy', httpMethod: 'ANY', uri: 'https://other.example.com', payloadFormatVersion: '1.0' },
    });
  });

  test('routeIntegrations refuses unknown targets, routes that have an integration, and ambiguous operationIds', () => {
    const fresh = () => openApiStack();
    const i = () => new HttpUrlIntegration('I', 'https://x.example.com');
    expect(errorOf(() => new SpecHttpApi(fresh(), 'Api', { apiDefinition: HttpApiDefinition.fromInline(petstore()), routeIntegrations: { deletePet: i() } })).message)
      .toMatch(/`routeIntegrations` binds 'deletePet', which is neither a route key nor an operationId of the OpenAPI document \(its routes: 'GET \/pets', 'POST \/pets', 'GET \/pets\/\{petId\}'\)/);
    expect(errorOf(() => new SpecHttpApi(fresh(), 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()), routeIntegrations: { listPets: i() } })).message)
      .toMatch(/route 'GET \/pets' has an integration in the document, and `routeIntegrations` binds another to 'listPets': remove one of them/);
    const doc = petstore();
    doc.paths['/pets'].post.operationId = 'listPets';
    expect(errorOf(() => new SpecHttpApi(fresh(), 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), routeIntegrations: { listPets: i() } })).message)
      .toMatch(/binds 'listPets', the operationId of 2 routes \('GET \/pets', 'POST \/pets'\): bind them by route key instead/);
  });

  test('integrations bind by name for $ref; a name the document defines too is refused; an unused one is warned about', () => {
    const stack = openApiStack();
    const doc = petstore();
    for (const op of [doc.paths['/pets'].get, doc.paths['/pets'].post, doc.paths['/pets/{petId}'].get]) {
      op['x-amazon-apigateway-integration'] = { $ref: '#/components/x-amazon-apigateway-integrations/pets' };
    }
    const api = new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(doc),
      integrations: { pets: new HttpLambdaIntegration('PetsFn', lambdaFunction(stack)), unused: new HttpUrlIntegration('U', 'https://u.example.com') },
    });
    const body = apiProperties(stack).Body;
    expect(body.components['x-amazon-apigateway-integrations'].pets).toMatchObject({ type: 'aws_proxy', httpMethod: 'POST', payloadFormatVersion: '2.0' });
    Annotations.fromStack(stack).hasWarning(`/${api.node.path}`, Match.stringLikeRegexp("`integrations` binds 'unused', and no operation refers to it"));
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Permission', 1);

    const clash = petstore();
    clash.components = { 'x-amazon-apigateway-integrations': { pets: documentUrlIntegration() } };
    expect(errorOf(() => new SpecHttpApi(openApiStack(), 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(clash), integrations: { pets: new HttpUrlIntegration('P', 'https://p.example.com') },
    })).message).toMatch(/at components\.x-amazon-apigateway-integrations\.pets: the document defines integration 'pets', and `integrations` binds one with the same name/);
  });

  test('authorizers bind by scheme name, replacing a plain scheme; a scheme the document implements already is refused', () => {
    const stack = openApiStack();
    const doc = integratedPetstore();
    doc.components = { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } };
    doc.paths['/pets'].post.security = [{ bearer: ['pets:write'] }];
    new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), authorizers: { bearer: JWT() } });
    const body = apiProperties(stack).Body;
    expect(body.components.securitySchemes.bearer).toEqual({
      'type': 'openIdConnect', 'openIdConnectUrl': 'https://issuer.example.com/.well-known/openid-configuration',
      'x-amazon-apigateway-authorizer': { type: 'jwt', jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['web'] }, identitySource: '$request.header.Authorization' },
    });

    const implemented = integratedPetstore();
    implemented.components = { securitySchemes: { bearer: { 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', 'x-amazon-apigateway-authtype': 'awsSigv4' } } };
    expect(errorOf(() => new SpecHttpApi(openApiStack(), 'Api', { apiDefinition: HttpApiDefinition.fromInline(implemented), authorizers: { bearer: JWT() } })).message)
      .toMatch(/the document defines authorizer 'bearer', and code binds another with that name: remove one of them/);
  });

  test('an authorizer that cannot be written into a document is refused', () => {
    const stack = openApiStack();
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()) });
    const foreign = { bind: () => ({ authorizationType: 'CUSTOM', authorizerId: 'abc' }) };
    expect(errorOf(() => api.addRoutes({ path: '/x', integration: new HttpUrlIntegration('X', 'https://x.example.com'), authorizer: foreign })).message)
      .toMatch(/the authorizer 'Object' cannot be written into an OpenAPI document: use HttpJwtAuthorizer, HttpUserPoolAuthorizer, HttpLambdaAuthorizer or HttpIamAuthorizer/);
  });

  test('the default authorizer secures operations without security, except OPTIONS and `security: []`; its scopes go to JWT routes only', () => {
    const stack = openApiStack();
    const doc = integratedPetstore();
    doc.paths['/pets'].options = { 'responses': { 204: { description: 'preflight' } }, 'x-amazon-apigateway-integration': documentUrlIntegration() };
    doc.paths['/pets/{petId}'].get.security = [];
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), defaultAuthorizer: JWT(), defaultAuthorizationScopes: ['pets:read'] });
    api.addRoutes({ path: '/owners', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('O', 'https://o.example.com') });
    api.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('H', 'https://h.example.com'), authorizer: new HttpNoneAuthorizer() });
    api.addRoutes({ path: '/admin', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('A', 'https://a.example.com'), authorizer: new HttpIamAuthorizer() });
    const paths = apiProperties(stack).Body.paths;
    expect(paths['/pets'].get.security).toEqual([{ Jwt: ['pets:read'] }]);
    expect(paths['/pets'].options.security).toBeUndefined();
    expect(paths['/pets/{petId}'].get.security).toEqual([]);
    expect(paths['/owners'].get.security).toEqual([{ Jwt: ['pets:read'] }]);
    expect(paths['/health'].get.security).toBeUndefined();
    expect(paths['/admin'].get.security).toEqual([{ AWS_IAM: [] }]);
  });

  test('one Lambda permission per function and API, for integrations and authorizers; none for an authorizer with a role', () => {
    const stack = openApiStack();
    const fn = lambdaFunction(stack);
    const authFn = lambdaFunction(stack, 'AuthFn');
    const api = new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(petstore()),
      routeIntegrations: { listPets: new HttpLambdaIntegration('List', fn), createPet: new HttpLambdaIntegration('Create', fn), showPet: new HttpLambdaIntegration('Show', fn) },
      authorizers: { key: new HttpLambdaAuthorizer('Key', authFn), roleKey: new HttpLambdaAuthorizer('RoleKey', lambdaFunction(stack, 'RoleFn'), { role: new iam.Role(stack, 'Invoker', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') }) }) },
    });
    api.addRoutes({ path: '/owners', integration: new HttpLambdaIntegration('Owners', fn), authorizer: new HttpLambdaAuthorizer('Owner', fn) });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::Permission', 2);
    const sourceArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:eu-west-1:123456789012:', { Ref: stack.getLogicalId(api.node.defaultChild as any) }, '/*']] };
    for (const target of [fn, authFn]) {
      t.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [stack.getLogicalId(target.node.defaultChild as any), 'Arn'] }, Principal: 'apigateway.amazonaws.com', SourceArn: sourceArn,
      });
    }
    const schemes = apiProperties(stack).Body.components.securitySchemes;
    expect(schemes.roleKey['x-amazon-apigateway-authorizer'].authorizerCredentials).toBeDefined();
    expect(schemes.key).toMatchObject({ 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', 'x-amazon-apigateway-authorizer': { type: 'request', authorizerPayloadFormatVersion: '1.0', authorizerResultTtlInSeconds: 300, identitySource: '$request.header.Authorization' } });
  });

  test('functions of this app that the document names by token get the same one permission; literal ARNs and roles get none', () => {
    const stack = openApiStack();
    const named = lambdaFunction(stack, 'Named');
    const bound = lambdaFunction(stack, 'Bound');
    const authFn = lambdaFunction(stack, 'AuthFn');
    const roleFn = lambdaFunction(stack, 'RoleFn');
    const doc = petstore();
    const lambdaIntegration = (uri: string, extra = {}) => ({ type: 'aws_proxy', httpMethod: 'POST', uri, payloadFormatVersion: '2.0', ...extra });
    doc.paths['/pets'].get['x-amazon-apigateway-integration'] = lambdaIntegration(named.functionArn);
    doc.paths['/pets'].post['x-amazon-apigateway-integration'] = lambdaIntegration(roleFn.functionArn, { credentials: 'arn:aws:iam::123456789012:role/invoke' });
    doc.paths['/pets/{petId}'].get['x-amazon-apigateway-integration'] = lambdaIntegration('arn:aws:lambda:eu-west-1:123456789012:function:elsewhere');
    doc.paths['/pets/{petId}'].get.security = [{ key: [] }];
    doc.components = {
      'securitySchemes': { key: { 'type': 'apiKey', 'name': 'Authorization', 'in': 'header', 'x-amazon-apigateway-authorizer': {
        type: 'request', authorizerPayloadFormatVersion: '2.0', identitySource: '$request.header.Authorization',
        authorizerUri: `arn:${stack.partition}:apigateway:${stack.region}:lambda:path/2015-03-31/functions/${authFn.functionArn}/invocations`,
      } } },
      'x-amazon-apigateway-integrations': { again: lambdaIntegration(named.functionArn) },
    };
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), integrations: { bound: new HttpLambdaIntegration('Bound', bound) } });
    api.addRoutes({ path: '/owners', integration: new HttpLambdaIntegration('Owners', named) });
    const t = Template.fromStack(stack);
    const granted = Object.values<any>(t.findResources('AWS::Lambda::Permission')).map(p => p.Properties.FunctionName['Fn::GetAtt'][0]).sort();
    expect(granted).toEqual([authFn, bound, named].map(fn => stack.getLogicalId(fn.node.defaultChild as any)).sort());
  });

  test('scopePermissionToRoute gives each bound route its own permission with its path', () => {
    const stack = openApiStack();
    const fn = lambdaFunction(stack);
    new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(petstore()),
      routeIntegrations: { showPet: new HttpLambdaIntegration('Show', fn, { scopePermissionToRoute: true }) },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/\\*/\\*/pets/\\{petId\\}$')])] },
    });
  });
});

describe('routes added in code', () => {
  test('a route the document has is refused, pointing at routeIntegrations', () => {
    const api = new SpecHttpApi(openApiStack(), 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()) });
    expect(errorOf(() => api.addRoutes({ path: '/pets', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('X', 'https://x.example.com') })).message)
      .toMatch(/route 'GET \/pets' is in the OpenAPI document already: give it an integration with `routeIntegrations: \{ 'GET \/pets': \.\.\. \}`/);
    // Its neighbour, another method on the same path, is added.
    api.addRoutes({ path: '/pets', methods: [HttpMethod.DELETE], integration: new HttpUrlIntegration('D', 'https://x.example.com') });
  });

  test('openApi fields are written into the operation; an operationId the document uses is refused', () => {
    const stack = openApiStack();
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()) });
    api.addRoutes({
      path: '/owners', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('O', 'https://o.example.com'),
      openApi: { operationId: 'listOwners', summary: 'List owners', description: 'Every owner', tags: ['owners'], deprecated: true },
    });
    expect(apiProperties(stack).Body.paths['/owners'].get).toMatchObject({ operationId: 'listOwners', summary: 'List owners', description: 'Every owner', tags: ['owners'], deprecated: true });
    expect(errorOf(() => api.addRoutes({ path: '/cats', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('C', 'https://c.example.com'), openApi: { operationId: 'listPets' } })).message)
      .toMatch(/`openApi.operationId` 'listPets' of route 'GET \/cats' is taken by route 'GET \/pets' of the OpenAPI document/);
  });

  test('routes are HttpRoute objects without a resource: routeArn and grantInvoke work, routeId is refused', () => {
    const stack = openApiStack();
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()) });
    const [route] = api.addRoutes({ path: '/admin/{id}', methods: [HttpMethod.GET], integration: new HttpUrlIntegration('A', 'https://a.example.com'), authorizer: new HttpIamAuthorizer() });
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    route.grantInvoke(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'execute-api:Invoke', Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/\\*/GET/admin/\\*$')])] } }] },
    });
    expect(errorOf(() => route.routeId).message).toMatch(/the `routeId` of route 'GET \/admin\/\{id\}' is unknown: the route is part of an OpenAPI document/);
  });
});

describe('documents from files, assets and buckets', () => {
  const yamlText = [
    'openapi: 3.0.1',
    'info: { title: Pets, version: "1.0" }',
    'paths:',
    '  /pets:',
    '    get:',
    '      operationId: listPets',
    '      responses: { "200": { description: pets } }',
    '      x-amazon-apigateway-integration:',
    '        type: HTTP_PROXY',
    '        httpMethod: GET',
    '        uri: https://backend.example.com/pets',
    '        payloadFormatVersion: 1.0',
  ].join('\n');

  test('a YAML file is read at synth time; payloadFormatVersion 1.0 (a YAML number) is written as \'1.0\'', async () => {
    const stack = openApiStack();
    new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromFile(tempFile('api.yaml', yamlText)), description: 'from YAML' });
    const body = apiProperties(stack).Body;
    expect(body.paths['/pets'].get['x-amazon-apigateway-integration']).toEqual({ type: 'HTTP_PROXY', httpMethod: 'GET', uri: 'https://backend.example.com/pets', payloadFormatVersion: '1.0' });
    expect(body.info.description).toBe('from YAML');
    expect(await openApiErrors(body)).toEqual([]);
  });

  test('a JSON file is read as JSON', () => {
    const stack = openApiStack();
    new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromFile(tempFile('api.json', JSON.stringify(integratedPetstore()))) });
    expect(apiProperties(stack).Body).toEqual(integratedPetstore());
  });

  test('files that cannot be read are refused: missing, invalid JSON or YAML, duplicate keys, YAML tags', () => {
    const api = (file: string) => () => new SpecHttpApi(openApiStack(), 'Api', { apiDefinition: HttpApiDefinition.fromFile(file) });
    expect(errorOf(api('/no/such/api.yaml')).message).toMatch(/invalid `apiDefinition` file '\/no\/such\/api.yaml': no such file/);
    expect(errorOf(api(tempFile('api.json', '{ "openapi": '))).message).toMatch(/it is not valid JSON .*; fix the file, or name it \.yaml if it is YAML/);
    expect(errorOf(api(tempFile('api.yaml', 'openapi: [3.0.1'))).message).toMatch(/it is not valid YAML at line 1/);
    expect(errorOf(api(tempFile('api.yaml', 'openapi: 3.0.1\nopenapi: 3.0.2\n'))).message).toMatch(/it is not valid YAML at line 2 \(Map keys must be unique/);
    expect(errorOf(api(tempFile('api.yaml', `${yamlText.replace('https://backend.example.com/pets', '!Ref BackendUrl')}\n`))).message)
      .toMatch(/at line \d+: .*!Ref.*YAML tags such as !Ref or !Sub mean nothing/);
    expect(errorOf(api(os.tmpdir())).message).toMatch(/it is a directory; name the OpenAPI document itself/);
  });

  test('an asset document becomes BodyS3Location, with SAM metadata; it is checked before upload', () => {
    const stack = new Stack(new App({ context: { 'aws:cdk:enable-asset-metadata': true } }), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    const spec = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromAsset(tempFile('api.yaml', yamlText)) });
    // The document as uploaded: the YAML number 1.0 is JSON's 1.
    expect(spec.toOpenApi({ includeExtensions: true }).paths['/pets'].get['x-amazon-apigateway-integration'].payloadFormatVersion).toBe(1);
    const t = Template.fromStack(stack);
    const [api] = Object.values<any>(t.findResources('AWS::ApiGatewayV2::Api'));
    expect(api.Properties.BodyS3Location).toEqual({ Bucket: 'cdk-hnb659fds-assets-123456789012-eu-west-1', Key: expect.stringMatching(/^[0-9a-f]{64}\.yaml$/) });
    expect(api.Properties).not.toHaveProperty('Body');
    expect(api.Metadata).toMatchObject({ 'aws:asset:property': 'BodyS3Location' });
    const bad = tempFile('bad.yaml', yamlText.replace('type: HTTP_PROXY', 'type: MOCK'));
    expect(errorOf(() => new SpecHttpApi(openApiStack(), 'Api', { apiDefinition: HttpApiDefinition.fromAsset(bad) })).message)
      .toMatch(/integration type 'MOCK' is a REST API type/);
  });

  test('asset and bucket documents refuse props, bindings and routes that would need rewriting; their tags are dropped with a warning', () => {
    const file = tempFile('api.yaml', yamlText);
    expect(errorOf(() => new SpecHttpApi(openApiStack(), 'Api', {
      apiDefinition: HttpApiDefinition.fromAsset(file), corsPreflight: { allowOrigins: ['*'] }, routeIntegrations: { listPets: new HttpUrlIntegration('L', 'https://l.example.com') },
    })).message).toMatch(/`corsPreflight`, `routeIntegrations` cannot be used with a document in S3 .*use HttpApiDefinition\.fromFile\(\)/);
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromAsset(file) });
    expect(errorOf(() => api.addRoutes({ path: '/owners', integration: new HttpUrlIntegration('O', 'https://o.example.com') })).message)
      .toMatch(/routes cannot be added to an API whose OpenAPI document is in S3/);
    Tags.of(app).add('team', 'pets');
    expect(apiProperties(stack)).not.toHaveProperty('Tags');
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('the API has tags .* the API is created without them'));
  });

  test('a bucket document becomes BodyS3Location; without a version or ETag a warning says updates go unnoticed', () => {
    const stack = openApiStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Specs', 'my-specs');
    new SpecHttpApi(stack, 'Versioned', { apiDefinition: HttpApiDefinition.fromBucket(bucket, 'api.yaml', { objectVersion: 'v3', etag: 'abc' }) });
    new SpecHttpApi(stack, 'Latest', { apiDefinition: HttpApiDefinition.fromBucket(bucket, 'api.yaml') });
    const apis = Object.values<any>(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Api')).map(r => r.Properties.BodyS3Location);
    expect(apis).toEqual([{ Bucket: 'my-specs', Key: 'api.yaml', Version: 'v3', Etag: 'abc' }, { Bucket: 'my-specs', Key: 'api.yaml' }]);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('has no `objectVersion` or `etag`'));
    expect(warnings.map(w => w.id)).toEqual(['/Stack/Latest']);
  });
});

describe('stages, domains and metrics', () => {
  test('a stage that is not auto-deployed gets a deployment whose logical id changes with the document', () => {
    const deploymentOf = (title: string) => {
      const stack = openApiStack();
      const doc = integratedPetstore();
      doc.info.title = title;
      const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc) });
      api.addStage('Beta', { stageName: 'beta' });
      api.addStage('Auto', { stageName: 'auto', autoDeploy: true });
      const t = Template.fromStack(stack);
      const deployments = t.findResources('AWS::ApiGatewayV2::Deployment');
      expect(Object.keys(deployments)).toHaveLength(1);
      const [id] = Object.keys(deployments);
      t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'beta', DeploymentId: { Ref: id } });
      t.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'auto', DeploymentId: Match.absent() });
      return id;
    };
    const first = deploymentOf('Pets');
    expect(first).toMatch(/^ApiBetaDeployment[0-9A-F]{8}[0-9A-F]{8}$/);
    expect(deploymentOf('Pets')).toBe(first);
    expect(deploymentOf('Pets 2')).not.toBe(first);
  });

  test('route settings name routes of the document; a route it lacks is refused', () => {
    const stack = openApiStack();
    new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()),
      defaultStageOptions: { routeSettings: [{ routeKey: HttpRouteKey.with('/pets', HttpMethod.GET), throttle: { rateLimit: 10 } }] },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { RouteSettings: { 'GET /pets': Match.objectLike({ ThrottlingRateLimit: 10 }) } });
    const other = openApiStack();
    const unknown = new SpecHttpApi(other, 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()) });
    unknown.addStage('Beta', { stageName: 'beta', routeSettings: [{ routeKey: HttpRouteKey.with('/owners', HttpMethod.GET), throttle: { rateLimit: 1 } }] });
    expect(() => Template.fromStack(other)).toThrow(/`routeSettings` name route 'GET \/owners', which the API does not have/);
  });

  test('route settings of an API whose document is in a bucket are not checked: the app cannot see its routes', () => {
    const stack = openApiStack();
    const bucket = s3.Bucket.fromBucketName(stack, 'Specs', 'my-specs');
    new SpecHttpApi(stack, 'Api', {
      apiDefinition: HttpApiDefinition.fromBucket(bucket, 'api.yaml', { objectVersion: '3' }),
      defaultStageOptions: { routeSettings: [{ routeKey: HttpRouteKey.with('/owners', HttpMethod.GET), throttle: { rateLimit: 1 } }] },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { RouteSettings: { 'GET /owners': Match.objectLike({ ThrottlingRateLimit: 1 }) } });
  });

  test('the default stage maps to a custom domain; metrics name the API', () => {
    const stack = openApiStack();
    const domain = new DomainName(stack, 'Domain', { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc') });
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(integratedPetstore()), defaultDomainMapping: { domainName: domain } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: '$default' });
    expect(stack.resolve(api.metricCount().dimensions)).toEqual({ ApiId: { Ref: stack.getLogicalId(api.node.defaultChild as any) } });
    expect(api.url).toBeDefined();
  });

  test('a private integration bound to the document gets the API\'s VPC link, whose id the document names', () => {
    const stack = openApiStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
    const listener = alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(petstore()), routeIntegrations: { listPets: new HttpAlbIntegration('Pets', listener) } });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    const [linkId] = Object.keys(t.findResources('AWS::ApiGatewayV2::VpcLink'));
    expect(linkId).toMatch(/^ApiVpcLink1/);
    expect(api.node.tryFindChild('VpcLink-1')).toBeDefined();
    expect(apiProperties(stack).Body.components['x-amazon-apigateway-integrations'].Pets).toMatchObject({
      type: 'http_proxy', connectionType: 'VPC_LINK', connectionId: { Ref: linkId }, httpMethod: 'ANY', payloadFormatVersion: '1.0',
    });
  });

  test('a catch-all route with the default authorizer and CORS gets the preflight warning', () => {
    const stack = openApiStack();
    const doc = petstore();
    doc.paths = { '/{proxy+}': { 'x-amazon-apigateway-any-method': { 'responses': {}, 'x-amazon-apigateway-integration': documentUrlIntegration() } } };
    const api = new SpecHttpApi(stack, 'Api', { apiDefinition: HttpApiDefinition.fromInline(doc), defaultAuthorizer: JWT(), corsPreflight: { allowOrigins: ['https://x.example.com'] } });
    Annotations.fromStack(stack).hasWarning(`/${api.node.path}`, Match.stringLikeRegexp("route 'ANY /\\{proxy\\+\\}' has a JWT authorizer and catches CORS preflight requests"));
  });
});

afterAll(async () => {
  // Every document these tests read or exported passes the OpenAPI 3.0 validator.
  expect(await invalidDocuments()).toEqual([]);
}, 60_000);
