// The example apps under examples/, built in-process once each: a template snapshot per stack
// (asset hashes scrubbed), no warnings, cdk-nag's AwsSolutions checks clean with every
// acknowledgement justified and still needed, and per example the assertions that matter.
//
// Every folder of examples/ with a cdk.json is tested here without further registration: its
// app.ts must export `createApp(props?: AppProps): App`, which builds the app (and registers
// cdk-nag) without synthesizing it. Example-specific assertions go in a `describe` of their own.
//
// The examples import the library by its package name, as users do; outside jest that resolves
// (package.json `exports`) to the compiled lib/. Here it is the TypeScript sources, like every
// other test, so that this file needs no compile step. Virtual mocks: no resolution needed.
jest.mock('cdk-apigatewayv2', () => jest.requireActual('../lib'), { virtual: true });
jest.mock('cdk-apigatewayv2/integrations', () => jest.requireActual('../lib/integrations'), { virtual: true });
jest.mock('cdk-apigatewayv2/authorizers', () => jest.requireActual('../lib/authorizers'), { virtual: true });

import * as fs from 'fs';
import * as path from 'path';
import type { App, AppProps } from 'aws-cdk-lib';
import { NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { openApiErrors } from './support';

// The examples must synthesize with aws-cdk-lib's template validation on, as `npm run example`
// does: turn it back on for this file (test/setup.ts turns it off for speed).
delete process.env.CDK_VALIDATION;

const EXAMPLES = path.join(__dirname, '..', 'examples');
const EXAMPLE_NAMES = fs.readdirSync(EXAMPLES, { withFileTypes: true })
  .filter(entry => entry.isDirectory() && fs.existsSync(path.join(EXAMPLES, entry.name, 'cdk.json')))
  .map(entry => entry.name)
  .sort();

/** A synthesized stack or nested stack. */
interface SynthesizedStack {
  readonly stack: Stack;
  readonly template: Template;
}

interface SynthesizedExample {
  readonly cdkJson: any;
  readonly app: App;
  /** Every stack, nested stacks included, by construct path. */
  readonly stacks: Map<string, SynthesizedStack>;
  /** Warnings and errors that constructs attached, e.g. `addWarningV2`. */
  readonly messages: string[];
}

const cache = new Map<string, SynthesizedExample | Error>();

/**
 * Builds an example's app with its cdk.json context (its feature flags), as `cdk synth` would,
 * and synthesizes it, once per example. Synthesis throws on any finding of a validation plugin:
 * the examples turn template validation findings into errors (`validateAgainstDefaultRules`),
 * and `strictCfnValidateErrors` does the same for warnings (e.g. a deprecated Lambda runtime)
 * and for cdk-nag's findings, errors and warnings alike.
 */
function synthesized(name: string): SynthesizedExample {
  let result = cache.get(name);
  if (!result) {
    // A failure is remembered too: each test of the example reports it without synthesizing again.
    try {
      result = synthesize(name);
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    cache.set(name, result);
  }
  if (result instanceof Error) throw result;
  return result;
}

function synthesize(name: string): SynthesizedExample {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(EXAMPLES, name, 'cdk.json'), 'utf8'));
  const module = jest.requireActual(path.join(EXAMPLES, name, 'app'));
  if (typeof module.createApp !== 'function') {
    throw new Error(`examples/${name}/app.ts must export createApp(props?: AppProps): App, which this test builds the app with`);
  }
  const createApp: (props: AppProps) => App = module.createApp;
  const app = createApp({ context: { ...cdkJson.context, '@aws-cdk/core:strictCfnValidateErrors': true } });
  const assembly = app.synth();

  const stacks = new Map<string, SynthesizedStack>();
  const messages: string[] = [];
  for (const stack of app.node.findAll().filter(Stack.isStack)) {
    stacks.set(stack.node.path, { stack, template: Template.fromStack(stack) });
    if (!NestedStack.isNestedStack(stack)) {
      messages.push(...assembly.getStackArtifact(stack.artifactId).messages
        .filter(m => m.level !== 'info')
        .map(m => `${m.level} at ${m.id}: ${JSON.stringify(m.entry.data)}`));
    }
  }
  return { cdkJson, app, stacks, messages };
}

/** The first stack whose construct path is `stackPath`. */
function templateOf(name: string, stackPath: string): Template {
  const found = synthesized(name).stacks.get(stackPath);
  if (!found) throw new Error(`examples/${name} has no stack at ${stackPath}`);
  return found.template;
}

/**
 * The template with what changes whenever an asset changes replaced by placeholders: asset
 * hashes (S3 keys of Lambda code and nested stack templates, image tags), legacy asset
 * parameters and `aws:asset:*` metadata.
 */
function scrubAssets(template: any): any {
  // An asset's object key (`<hash>.zip`, `<hash>.json`) or image tag (`repository:<hash>`); not
  // any 64 hex digits, such as a SHA-256 in an environment variable.
  const hash = /[0-9a-f]{64}(?=\.(?:zip|json)\b)|(?<=[:/])[0-9a-f]{64}$/g;
  const scrub = (value: any, key?: string): any => {
    if (typeof value === 'string') return value.replace(hash, '[asset hash]');
    if (Array.isArray(value)) return value.map(v => scrub(v));
    if (value && typeof value === 'object') {
      const out: any = {};
      for (const [k, v] of Object.entries(value)) {
        if (key === 'Metadata' && /^(aws|cdk):asset/.test(k)) continue;
        if (key === 'Parameters' && /^AssetParameters/.test(k)) continue;
        out[k] = scrub(v, k);
      }
      return out;
    }
    return value;
  };
  return scrub(template);
}

/** Templates with more resources than this are snapshotted in summary: parameters, resource counts, a sample. */
const FULL_SNAPSHOT_MAX_RESOURCES = 100;

function snapshotOf(template: any): any {
  const resources = Object.entries<any>(template.Resources ?? {});
  if (resources.length <= FULL_SNAPSHOT_MAX_RESOURCES) return scrubAssets(template);
  const counts: { [type: string]: number } = {};
  for (const [, resource] of resources) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
  return scrubAssets({
    Parameters: template.Parameters,
    ResourceCounts: counts,
    FirstResources: Object.fromEntries(resources.slice(0, 5)),
    Outputs: template.Outputs,
  });
}

/** cdk-nag's AwsSolutions findings, or, with `ignoreAcknowledgements`, those it would report without them. */
function nagFindings(app: App, ignoreAcknowledgements = false): Array<{ rule: string; severity: string; path: string }> {
  const pack = new AwsSolutionsChecks();
  if (ignoreAcknowledgements) (pack as any).isAcknowledged = () => false;
  const { violations } = pack.validateScope(app);
  return violations.flatMap(violation => violation.violatingResources.map(resource => ({
    rule: violation.ruleName,
    severity: violation.severity ?? 'error',
    path: resource.constructPath ?? '?',
  })));
}

/**
 * The rules acknowledged in an app (`Validations.of(x).acknowledge()`), where and why; not those
 * that aws-cdk-lib acknowledges itself (`CloudFormation-Validate::...`).
 */
function acknowledgements(root: IConstruct): Array<{ rule: string; path: string; reason: string }> {
  const found = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries<string>(entry.data)) {
        if (id.startsWith('CloudFormation-Validate::')) continue;
        found.push({ rule: id.replace(/^annotation::/i, ''), path: construct.node.path, reason });
      }
    }
  }
  return found;
}

/** Whether a finding on the resource at `path` is covered by an acknowledgement at `ackPath`. */
function covers(ackPath: string, path: string): boolean {
  return path === ackPath || path.startsWith(`${ackPath}/`);
}

/** The logical id a `{ Ref }`, `{ Fn::GetAtt }` or the first reference in a `Fn::Join` names. */
function refOf(value: any): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  if (Array.isArray(value['Fn::GetAtt'])) return value['Fn::GetAtt'][0];
  if (Array.isArray(value['Fn::Join'])) {
    for (const part of value['Fn::Join'][1]) {
      const ref = refOf(part);
      if (ref) return ref;
    }
  }
  return undefined;
}

function propertiesOf(template: Template, type: string, props: any = {}): any[] {
  return Object.values(template.findResources(type, { Properties: props })).map((r: any) => r.Properties);
}

test('the examples are the folders of examples/ with a cdk.json', () => {
  expect(EXAMPLE_NAMES).toEqual(expect.arrayContaining(['http-bookstore', 'http-large-api', 'http-private-alb', 'websocket-echo']));
});

describe.each(EXAMPLE_NAMES)('examples/%s', name => {
  test('template snapshots, one per stack and nested stack (asset hashes scrubbed)', () => {
    const { stacks } = synthesized(name);
    const snapshots = Object.fromEntries([...stacks].map(([stackPath, { template }]) => [stackPath, snapshotOf(template.toJSON())]));
    expect(snapshots).toMatchSnapshot();
  });

  test('synthesizes without warnings, with template validation findings as errors', () => {
    const { cdkJson, messages } = synthesized(name);
    expect(cdkJson.context['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
    expect(cdkJson.app).toMatch(/\bapp\.ts\b/);
    expect(messages).toEqual([]);
  });

  test('cdk-nag AwsSolutions: no unacknowledged errors or warnings', () => {
    const findings = nagFindings(synthesized(name).app);
    expect(findings.filter(f => f.severity === 'error')).toEqual([]);
    expect(findings.filter(f => f.severity === 'warning')).toEqual([]);
    expect(findings).toEqual([]);
  });

  test('cdk-nag AwsSolutions: every acknowledgement gives a reason and still covers a finding', () => {
    const { app } = synthesized(name);
    const acks = acknowledgements(app).filter(ack => ack.rule.startsWith('AwsSolutions-'));
    const raw = nagFindings(app, true);
    for (const ack of acks) {
      expect(ack.reason.length).toBeGreaterThan(30);
      const covered = raw.filter(f => f.rule === ack.rule && covers(ack.path, f.path));
      expect({ ack, covered: covered.length > 0 }).toEqual({ ack, covered: true });
    }
  });
});

describe('examples/http-bookstore', () => {
  const template = () => templateOf('http-bookstore', 'HttpBookstore');
  const routeByKey = (key: string): any => propertiesOf(template(), 'AWS::ApiGatewayV2::Route', { RouteKey: key })[0];

  test('resources: one API, six routes, three integrations, two authorizers, two stages, a custom domain', () => {
    const json = template().toJSON();
    // `cdk synth` adds the CDKMetadata resource (31 in cdk.out); an in-process app does not.
    expect(Object.keys(json.Resources)).toHaveLength(30);
    const t = template();
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    t.resourceCountIs('AWS::ApiGatewayV2::Route', 6);
    t.resourceCountIs('AWS::ApiGatewayV2::Integration', 3);
    t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 2);
    t.resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
    t.resourceCountIs('AWS::ApiGatewayV2::DomainName', 1);
    t.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 2);
    t.resourceCountIs('AWS::Lambda::Function', 2);
    // One permission for the handler, shared by its four routes, and one for the authorizer.
    t.resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('route keys; writes need a JWT with the write scope, stock updates the partner authorizer, reads are public', () => {
    const routes = propertiesOf(template(), 'AWS::ApiGatewayV2::Route');
    expect(routes.map(r => r.RouteKey).sort()).toEqual([
      'DELETE /books/{id}',
      'GET /books',
      'GET /books/{id}',
      'POST /books',
      'PUT /books/{id}',
      'PUT /books/{id}/stock',
    ]);
    const [jwtId] = Object.keys(template().findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'JWT' } }));
    const [lambdaId] = Object.keys(template().findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'REQUEST' } }));
    for (const key of ['POST /books', 'PUT /books/{id}', 'DELETE /books/{id}']) {
      expect(routeByKey(key)).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: jwtId }, AuthorizationScopes: ['books:write'] });
    }
    expect(routeByKey('PUT /books/{id}/stock')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: lambdaId } });
    expect(routeByKey('PUT /books/{id}/stock').AuthorizationScopes).toBeUndefined();
    for (const key of ['GET /books', 'GET /books/{id}']) {
      expect(routeByKey(key).AuthorizationType).toBe('NONE');
      expect(routeByKey(key).AuthorizerId).toBeUndefined();
    }
  });

  test('authorizers: JWT from the bookstore issuer; the partner key checked by a function, simple responses, cached', () => {
    template().hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://auth.bookstore.example.com', Audience: ['bookstore-web'] },
    });
    template().hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.x-partner-key'],
      AuthorizerResultTtlInSeconds: 300,
      AuthorizerUri: { 'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^PartnerAuthorizerFn'), 'Arn'] }])] },
    });
    // The authorizer, and only it, may invoke its function.
    template().hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PartnerAuthorizerFn'), 'Arn'] },
      SourceArn: { 'Fn::Join': ['', Match.arrayWith(['/authorizers/'])] },
    });
  });

  test('reads go to the catalog URL, writes and stock updates to the function through one integration', () => {
    const integrations = template().findResources('AWS::ApiGatewayV2::Integration');
    const targetOf = (routeKey: string): any => {
      const id = refOf(routeByKey(routeKey).Target)!;
      return { id, ...integrations[id].Properties };
    };
    expect(targetOf('GET /books')).toMatchObject({ IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://catalog.example.com/books' });
    expect(targetOf('GET /books/{id}')).toMatchObject({ IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://catalog.example.com/books/{id}' });
    const writes = ['POST /books', 'PUT /books/{id}', 'DELETE /books/{id}', 'PUT /books/{id}/stock'].map(targetOf);
    expect(new Set(writes.map(w => w.id)).size).toBe(1);
    expect(writes[0]).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  });

  test('stages: $default and beta, throttled, with JSON access logs and per-route settings on beta', () => {
    const accessLogSettings = {
      DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogs'), 'Arn'] },
      Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
    };
    template().hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
      AccessLogSettings: accessLogSettings,
    });
    template().hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'beta',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 },
      RouteSettings: {
        'POST /books': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
        'DELETE /books/{id}': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2, DetailedMetricsEnabled: true },
      },
      AccessLogSettings: accessLogSettings,
    });
    for (const stage of propertiesOf(template(), 'AWS::ApiGatewayV2::Stage')) {
      expect(() => JSON.parse(stage.AccessLogSettings.Format)).not.toThrow();
    }
  });

  test('custom domain: a DNS-validated certificate in the zone, dual-stack alias records, both stages mapped', () => {
    const t = template();
    const [zoneId] = Object.keys(t.findResources('AWS::Route53::HostedZone', { Properties: { Name: 'bookstore.example.com.' } }));
    expect(zoneId).toBeDefined();
    const [certId] = Object.keys(t.findResources('AWS::CertificateManager::Certificate', {
      Properties: {
        DomainName: 'api.bookstore.example.com',
        ValidationMethod: 'DNS',
        DomainValidationOptions: [{ DomainName: 'api.bookstore.example.com', HostedZoneId: { Ref: zoneId } }],
      },
    }));
    expect(certId).toBeDefined();
    const [domainId] = Object.keys(t.findResources('AWS::ApiGatewayV2::DomainName', {
      Properties: {
        DomainName: 'api.bookstore.example.com',
        DomainNameConfigurations: [{ CertificateArn: { Ref: certId }, EndpointType: 'REGIONAL', IpAddressType: 'dualstack' }],
      },
    }));
    expect(domainId).toBeDefined();
    for (const type of ['A', 'AAAA']) {
      t.hasResourceProperties('AWS::Route53::RecordSet', {
        Type: type,
        Name: 'api.bookstore.example.com.',
        HostedZoneId: { Ref: zoneId },
        AliasTarget: { DNSName: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] }, HostedZoneId: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] } },
      });
    }
    const mappings = propertiesOf(t, 'AWS::ApiGatewayV2::ApiMapping');
    expect(mappings.map(m => [m.Stage, m.ApiMappingKey ?? '(root)', m.DomainName]).sort()).toEqual([
      ['$default', '(root)', { Ref: domainId }],
      ['beta', 'beta', { Ref: domainId }],
    ]);
  });

  test('CORS allows the bookstore origin, with a preflight cache of at most a day', () => {
    const [api] = propertiesOf(template(), 'AWS::ApiGatewayV2::Api');
    expect(api.CorsConfiguration.AllowOrigins).toEqual(['https://bookstore.example.com']);
    expect(api.CorsConfiguration.MaxAge).toBeGreaterThan(0);
    expect(api.CorsConfiguration.MaxAge).toBeLessThanOrEqual(86_400);
    expect(api.IpAddressType).toBe('dualstack');
  });

  test('acknowledged cdk-nag findings: the public catalog reads, and the functions\' basic execution role', () => {
    const acks = acknowledgements(synthesized('http-bookstore').app).map(a => `${a.rule} at ${a.path}`).sort();
    expect(acks).toEqual([
      'AwsSolutions-APIG4 at HttpBookstore/BookstoreApi/GET--books',
      'AwsSolutions-APIG4 at HttpBookstore/BookstoreApi/GET--books--{id}',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] at HttpBookstore/BooksHandler/ServiceRole',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] at HttpBookstore/PartnerAuthorizerFn/ServiceRole',
    ]);
  });

  test('outputs the URLs of both stages and the zone\'s name servers', () => {
    expect(Object.keys(template().findOutputs('*')).sort()).toEqual(['ApiUrl', 'BetaUrl', 'DomainUrl', 'NameServers']);
  });
});

describe('examples/websocket-echo', () => {
  const template = () => templateOf('websocket-echo', 'WebSocketEcho');

  test('no AWS service beyond API Gateway, Lambda and its logs: it runs whole on the local emulator', () => {
    const types = new Set(Object.values(template().toJSON().Resources).map((r: any) => r.Type.split('::')[1]));
    expect([...types].sort()).toEqual(['ApiGateway', 'ApiGatewayV2', 'IAM', 'Lambda', 'Logs']);
  });

  test('$connect behind the token authorizer; echo and $default two-way; broadcast and $disconnect one-way', () => {
    const t = template();
    const routes = propertiesOf(t, 'AWS::ApiGatewayV2::Route');
    expect(routes.map(r => r.RouteKey).sort()).toEqual(['$connect', '$default', '$disconnect', 'broadcast', 'echo']);
    const [authorizerId] = Object.keys(t.findResources('AWS::ApiGatewayV2::Authorizer', {
      Properties: { AuthorizerType: 'REQUEST', IdentitySource: ['route.request.querystring.token'] },
    }));
    expect(routes.find(r => r.RouteKey === '$connect')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
    const twoWay = Object.entries(t.findResources('AWS::ApiGatewayV2::Route'))
      .filter(([id]) => Object.values(t.findResources('AWS::ApiGatewayV2::RouteResponse')).some((rr: any) => rr.Properties.RouteId.Ref === id))
      .map(([, r]: [string, any]) => r.Properties.RouteKey);
    expect(twoWay.sort()).toEqual(['$default', 'echo']);
  });

  test('the handler may post to the prod stage\'s connections, and nothing else of the API', () => {
    const [policy] = propertiesOf(template(), 'AWS::IAM::Policy');
    expect(policy.PolicyDocument.Statement).toEqual([expect.objectContaining({
      Action: 'execute-api:ManageConnections',
      Resource: { 'Fn::Join': ['', expect.arrayContaining([expect.stringMatching(/\/prod\/\*\/@connections\/\*$/)])] },
    })]);
  });
});

describe('examples/http-private-alb', () => {
  const template = () => templateOf('http-private-alb', 'HttpPrivateAlb');

  test('every route goes through one private integration, the VPC link, to the listener', () => {
    const t = template();
    const [linkId] = Object.keys(t.findResources('AWS::ApiGatewayV2::VpcLink'));
    const [listenerId] = Object.keys(t.findResources('AWS::ElasticLoadBalancingV2::Listener'));
    const integrations = t.findResources('AWS::ApiGatewayV2::Integration');
    expect(Object.keys(integrations)).toHaveLength(1);
    const [integrationId] = Object.keys(integrations);
    expect(integrations[integrationId].Properties).toEqual({
      ApiId: { Ref: Object.keys(t.findResources('AWS::ApiGatewayV2::Api'))[0] },
      IntegrationType: 'HTTP_PROXY',
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: linkId },
      IntegrationUri: { Ref: listenerId },
      IntegrationMethod: 'ANY',
      PayloadFormatVersion: '1.0',
      RequestParameters: { 'append:header.x-apigw-request-id': '$context.requestId' },
    });
    const routes = propertiesOf(t, 'AWS::ApiGatewayV2::Route');
    expect(routes.map(r => r.RouteKey).sort()).toEqual(['DELETE /orders/{id}', 'GET /orders', 'GET /orders/{id}', 'POST /orders', 'PUT /orders/{id}']);
    for (const route of routes) {
      expect(refOf(route.Target)).toBe(integrationId);
      expect(route.AuthorizationType).toBe('AWS_IAM');
    }
  });

  test('the VPC link: both isolated subnets, and a security group that reaches only the listener', () => {
    const t = template();
    const [link] = propertiesOf(t, 'AWS::ApiGatewayV2::VpcLink');
    const isolated = Object.keys(t.findResources('AWS::EC2::Subnet', { Properties: { MapPublicIpOnLaunch: false } }));
    expect(isolated).toHaveLength(2);
    expect(link.SubnetIds.map(refOf).sort()).toEqual(isolated.sort());
    expect(link.SecurityGroupIds).toHaveLength(1);
    const linkGroup = refOf(link.SecurityGroupIds[0]);
    const [albId] = Object.keys(t.findResources('AWS::ElasticLoadBalancingV2::LoadBalancer', { Properties: { Scheme: 'internal' } }));
    const albGroup = refOf(t.toJSON().Resources[albId].Properties.SecurityGroups[0]);
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [albGroup, 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [linkGroup, 'GroupId'] },
      FromPort: 80,
      ToPort: 80,
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [linkGroup, 'GroupId'] },
      DestinationSecurityGroupId: { 'Fn::GetAtt': [albGroup, 'GroupId'] },
      FromPort: 80,
      ToPort: 80,
    });
    // Nothing is open to the internet: no internet gateway, no ingress from anywhere.
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    expect(JSON.stringify(t.toJSON())).not.toContain('0.0.0.0/0"');
  });

  test('the stage logs access in the Common Log Format, and the VPC has flow logs', () => {
    template().hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogs'), 'Arn'] }, Format: Match.stringLikeRegexp('\\$context.requestId') },
    });
    template().resourceCountIs('AWS::EC2::FlowLog', 1);
  });

  test('acknowledged cdk-nag findings: the load balancer\'s access logs, which the stage\'s access logs cover', () => {
    const acks = acknowledgements(synthesized('http-private-alb').app).map(a => `${a.rule} at ${a.path}`);
    expect(acks).toEqual(['AwsSolutions-ELB2 at HttpPrivateAlb/OrdersAlb']);
  });
});

describe('examples/http-large-api', () => {
  const parent = () => templateOf('http-large-api', 'HttpLargeApi');
  const nested = () => [...synthesized('http-large-api').stacks.values()].filter(s => NestedStack.isNestedStack(s.stack));

  test('the parent stack: the API, its authorizer and stage, one function, four nested stacks', () => {
    const t = parent();
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    t.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    t.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    t.resourceCountIs('AWS::Lambda::Function', 1);
    t.resourceCountIs('AWS::CloudFormation::Stack', 4);
    expect(nested().map(s => s.stack.node.id).sort()).toEqual(['CatalogRoutes', 'CustomersRoutes', 'InventoryRoutes', 'OrdersRoutes']);
  });

  test('1,000 routes over the nested stacks, each under 500 resources: 250 routes, one integration, one permission', () => {
    const keys = new Set<string>();
    for (const { stack, template } of nested()) {
      const resources = template.toJSON().Resources;
      expect(Object.keys(resources).length).toBeLessThan(500);
      expect(Object.keys(resources)).toHaveLength(252);
      template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
      template.resourceCountIs('AWS::Lambda::Permission', 1);
      const routes = propertiesOf(template, 'AWS::ApiGatewayV2::Route');
      expect(routes).toHaveLength(250);
      const area = stack.node.id.replace(/Routes$/, '').toLowerCase();
      for (const route of routes) {
        expect(route.RouteKey).toMatch(new RegExp(`^(GET|POST|PUT|DELETE) /${area}/c\\d\\d(/\\{id\\})?$`));
        keys.add(route.RouteKey);
      }
    }
    expect(keys.size).toBe(1000);
  });

  test('the nested stacks\' routes name the parent\'s API and JWT authorizer through their parameters', () => {
    const parentResources = parent().toJSON().Resources;
    const [apiId] = Object.keys(parent().findResources('AWS::ApiGatewayV2::Api'));
    const [authorizerId] = Object.keys(parent().findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'JWT' } }));
    for (const { stack, template } of nested()) {
      const resource = (stack as NestedStack).nestedStackResource!;
      const passed = parentResources[Stack.of(resource).getLogicalId(resource as any)].Properties.Parameters;
      const integrationIds = Object.keys(template.findResources('AWS::ApiGatewayV2::Integration'));
      for (const route of propertiesOf(template, 'AWS::ApiGatewayV2::Route')) {
        expect(passed[refOf(route.ApiId)!]).toEqual({ Ref: apiId });
        expect(passed[refOf(route.AuthorizerId)!]).toEqual({ Ref: authorizerId });
        expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: ['api:access'] });
        expect(integrationIds).toContain(refOf(route.Target));
      }
    }
  });

  test('the route quota warning is acknowledged, with the reason', () => {
    const acks = acknowledgements(synthesized('http-large-api').app).map(a => `${a.rule} at ${a.path}`).sort();
    expect(acks).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] at HttpLargeApi/Handler/ServiceRole',
      'cdk-apigatewayv2:routesQuota at HttpLargeApi/LargeApi',
    ]);
  });
});

describe('examples/http-spec-first', () => {
  const template = () => templateOf('http-spec-first', 'HttpSpecFirst');
  const body = () => Object.values<any>(template().findResources('AWS::ApiGatewayV2::Api'))[0].Properties.Body;

  test('API Gateway creates the routes from the document: no Route, Integration or Authorizer resources, one permission', () => {
    const t = template();
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    t.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    t.resourceCountIs('AWS::ApiGatewayV2::Integration', 0);
    t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    t.resourceCountIs('AWS::Lambda::Permission', 1);
    const [api] = Object.values<any>(t.findResources('AWS::ApiGatewayV2::Api'));
    expect(Object.keys(api.Properties).sort()).toEqual(['Body', 'FailOnWarnings']);
  });

  test('the document holds the bound integrations, the JWT authorizer, CORS, the description and the tags', async () => {
    const doc = body();
    expect(Object.keys(doc.paths)).toEqual(['/pets', '/pets/{petId}', '/pets/{petId}/adoption']);
    expect(doc.paths['/pets/{petId}/adoption'].post['x-amazon-apigateway-integration']).toEqual({ $ref: '#/components/x-amazon-apigateway-integrations/Adoptions' });
    expect(Object.keys(doc.components['x-amazon-apigateway-integrations'])).toEqual(['pets', 'Adoptions']);
    expect(doc.components.securitySchemes.staff['x-amazon-apigateway-authorizer']).toEqual({
      type: 'jwt', jwtConfiguration: { issuer: 'https://auth.shelter.example.com', audience: ['shelter-staff'] }, identitySource: '$request.header.Authorization',
    });
    expect(doc.info.description).toBe('Pets up for adoption, and their adoptions (spec-first example)');
    expect(doc['x-amazon-apigateway-cors'].allowOrigins).toEqual(['https://shelter.example.com']);
    expect(doc.tags).toEqual([{ 'name': 'project', 'x-amazon-apigateway-tag-value': 'pet-adoption' }]);
    const resolved = JSON.parse(JSON.stringify(doc).replace(/\{"Fn::GetAtt":\["(\w+)","Arn"\]\}/g, '"arn:aws:lambda:eu-west-1:123456789012:function:$1"'));
    expect(await openApiErrors(resolved)).toEqual([]);
  });
});

describe('examples/http-openapi-export', () => {
  test('writes the reader document and the import document into the cloud assembly', async () => {
    const { app } = synthesized('http-openapi-export');
    const reader = JSON.parse(fs.readFileSync(path.join(app.outdir, 'library-api.openapi.json'), 'utf8'));
    expect(reader.info).toEqual({ title: 'LibraryApi', description: 'Books to borrow, and loans', version: '1.2.0' });
    expect(Object.values<any>(reader.paths).flatMap(item => Object.values<any>(item).map(op => op.operationId).filter(Boolean)))
      .toEqual(['listBooks', 'borrowBook', 'returnBook']);
    expect(JSON.stringify(reader)).not.toMatch(/x-amazon-apigateway|arn:/);
    expect(await openApiErrors(reader)).toEqual([]);

    const { parse } = jest.requireActual('yaml');
    const imported = parse(fs.readFileSync(path.join(app.outdir, 'library-api.import.yaml'), 'utf8'));
    expect(imported.paths['/books/{isbn}/loans'].post['x-amazon-apigateway-integration']).toMatchObject({
      type: 'aws_proxy', httpMethod: 'POST', uri: expect.stringMatching(/^\$\{LibraryHandler\w+\.Arn\}$/), payloadFormatVersion: '2.0',
    });
    expect(imported.paths['/books/{isbn}/loans'].post.security).toEqual([{ Members: ['loans:write'] }]);
  });
});
