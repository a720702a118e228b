// The examples import the library by its package name, as users do; outside jest that resolves
// (package.json `exports`) to the compiled lib/. Here it is the TypeScript sources, like every
// other test, so that this file needs no compile step. Virtual mocks: no resolution needed.
jest.mock('cdk-apigatewayv2', () => jest.requireActual('../lib'), { virtual: true });
jest.mock('cdk-apigatewayv2/integrations', () => jest.requireActual('../lib/integrations'), { virtual: true });
jest.mock('cdk-apigatewayv2/authorizers', () => jest.requireActual('../lib/authorizers'), { virtual: true });

import * as fs from 'fs';
import * as path from 'path';
import type { Stack, StackProps } from 'aws-cdk-lib';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Construct } from 'constructs';
import { BookstoreStack } from '../examples/http-bookstore/app';

// The examples must synthesize with aws-cdk-lib's template validation on, as `npm run example`
// does: turn it back on for this file (test/setup.ts turns it off for speed).
delete process.env.CDK_VALIDATION;

const EXAMPLES = path.join(__dirname, '..', 'examples');

type StackClass = new (scope: Construct, id: string, props?: StackProps) => Stack;

/**
 * Synthesizes an example's stack once, in an app with the example's cdk.json context (its
 * feature flags) as `cdk synth` would. Synthesis throws on any template validation finding:
 * the examples turn findings into errors (`validateAgainstDefaultRules`), and
 * `strictCfnValidateErrors` does the same for warnings, such as a deprecated Lambda runtime.
 */
function synthExample(name: string, stackClass: StackClass, stackId: string) {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(EXAMPLES, name, 'cdk.json'), 'utf8'));
  const app = new App({ context: { ...cdkJson.context, '@aws-cdk/core:strictCfnValidateErrors': true } });
  const stack = new stackClass(app, stackId);
  const artifact = app.synth().getStackArtifact(stack.artifactId);
  // Warnings and errors that constructs attached, e.g. `addWarningV2`.
  const messages = artifact.messages
    .filter(m => m.level !== 'info')
    .map(m => `${m.level} at ${m.id}: ${JSON.stringify(m.entry.data)}`);
  return { cdkJson, messages, template: Template.fromJSON(artifact.template) };
}

/**
 * The template with what changes whenever an asset changes replaced by placeholders: asset
 * hashes (S3 keys, image tags), legacy asset parameters and `aws:asset:*` metadata.
 */
function scrubAssets(template: any): any {
  const hash = /[0-9a-f]{64}/g;
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

describe('examples/http-bookstore', () => {
  const { cdkJson, messages, template } = synthExample('http-bookstore', BookstoreStack, 'HttpBookstore');
  const json = template.toJSON();

  test('template snapshot (asset hashes scrubbed)', () => {
    expect(scrubAssets(json)).toMatchSnapshot();
  });

  test('synthesizes without warnings, with template validation findings as errors', () => {
    expect(cdkJson.context['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
    expect(cdkJson.app).toMatch(/\bapp\.ts\b/);
    expect(messages).toEqual([]);
  });

  test('resources: one API, five routes, three integrations, two stages', () => {
    // `cdk synth` adds the CDKMetadata resource (17 in cdk.out); an in-process app does not.
    expect(Object.keys(json.Resources)).toHaveLength(16);
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 5);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    // One permission for the function, shared by its three routes.
    template.resourceCountIs('AWS::Lambda::Permission', 1);
  });

  test('route keys, each public until the example gets authorizers', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(r => r.Properties);
    expect(routes.map(r => r.RouteKey).sort()).toEqual([
      'DELETE /books/{id}',
      'GET /books',
      'GET /books/{id}',
      'POST /books',
      'PUT /books/{id}',
    ]);
    for (const route of routes) {
      expect(route.AuthorizationType).toBe('NONE');
      expect(route.AuthorizerId).toBeUndefined();
    }
  });

  test('reads go to the catalog URL, writes to the function through one integration', () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const targetOf = (routeKey: string): any => {
      const [route] = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }));
      const id = route.Properties.Target['Fn::Join'][1][1].Ref;
      return { id, ...integrations[id].Properties };
    };
    expect(targetOf('GET /books')).toMatchObject({ IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://catalog.example.com/books' });
    expect(targetOf('GET /books/{id}')).toMatchObject({ IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://catalog.example.com/books/{id}' });
    const writes = ['POST /books', 'PUT /books/{id}', 'DELETE /books/{id}'].map(targetOf);
    expect(new Set(writes.map(w => w.id)).size).toBe(1);
    expect(writes[0]).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  });

  test('stages: $default, and beta with throttling, per-route settings and access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'beta',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 },
      RouteSettings: {
        'POST /books': { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
        'DELETE /books/{id}': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 2, DetailedMetricsEnabled: true },
      },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BetaAccessLogs'), 'Arn'] } },
    });
  });

  test('CORS allows the bookstore origin, with a preflight cache of at most a day', () => {
    const [api] = Object.values(template.findResources('AWS::ApiGatewayV2::Api'));
    const cors = api.Properties.CorsConfiguration;
    expect(cors.AllowOrigins).toEqual(['https://bookstore.example.com']);
    expect(cors.MaxAge).toBeGreaterThan(0);
    expect(cors.MaxAge).toBeLessThanOrEqual(86_400);
  });

  test('outputs the URLs of both stages', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['ApiUrl', 'BetaUrl']);
  });
});
