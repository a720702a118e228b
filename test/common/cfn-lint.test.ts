// cfn-lint, AWS's CloudFormation linter, as a second opinion on the templates this library
// writes: those of every example app (nested stacks included) and of a property-based
// generator of valid apps (test/common/valid-apps). Its API Gateway schemas are loose, so it
// complements the library's own checks rather than replacing them.
//
// cfn-lint (Python) starts slowly: every template is written to one temporary folder and linted
// in one invocation. Where cfn-lint is not on PATH, the lint tests are reported as skipped, by
// name. CFN_LINT_APPS and CFN_LINT_SEED raise the number of generated apps or change the seed
// for a longer local sweep; CFN_LINT_KEEP=1 keeps the templates (CONTRIBUTING.md).
jest.mock('cdk-apigatewayv2', () => jest.requireActual('../../lib'), { virtual: true });
jest.mock('cdk-apigatewayv2/integrations', () => jest.requireActual('../../lib/integrations'), { virtual: true });
jest.mock('cdk-apigatewayv2/authorizers', () => jest.requireActual('../../lib/authorizers'), { virtual: true });

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App, AppProps } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import type { AppSpec } from './valid-apps';
import { appSpecArb, buildValidApp } from './valid-apps';

const HAS_CFN_LINT = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;
/** `test` where cfn-lint is on PATH, `test.skip` elsewhere. */
const lintTest = HAS_CFN_LINT ? test : test.skip;
/** Appended to the lint tests' names, so that a skipped test says why. */
const SKIPPED = HAS_CFN_LINT ? '' : ' (skipped: cfn-lint not on PATH; pip install cfn-lint)';

const SEED = Number(process.env.CFN_LINT_SEED ?? 1_225);
const APPS = Number(process.env.CFN_LINT_APPS ?? 50);

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const EXAMPLE_NAMES = fs.readdirSync(EXAMPLES, { withFileTypes: true })
  .filter(entry => entry.isDirectory() && fs.existsSync(path.join(EXAMPLES, entry.name, 'cdk.json')))
  .map(entry => entry.name)
  .sort();

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-'));
// CFN_LINT_KEEP=1 keeps the templates, to run cfn-lint on them by hand.
afterAll(() => process.env.CFN_LINT_KEEP ? process.stdout.write(`templates kept in ${OUT}\n`) : fs.rmSync(OUT, { recursive: true, force: true }));

/** The templates an app's assembly holds, nested stacks' included, by path. */
function templatesIn(outdir: string): string[] {
  return fs.readdirSync(outdir).filter(f => f.endsWith('.template.json')).map(f => path.join(outdir, f)).sort();
}

/** A finding of cfn-lint (`--format json`). */
interface Finding {
  readonly Filename: string;
  readonly Level: 'Error' | 'Warning' | 'Informational';
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: Array<string | number> };
}

/** Runs cfn-lint once over many templates. */
function cfnLint(files: string[]): Promise<{ status: number | null; findings: Finding[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('cfn-lint', ['--format', 'json', '--', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => stdout += chunk);
    child.stderr.on('data', chunk => stderr += chunk);
    child.on('error', reject);
    child.on('close', status => {
      try {
        resolve({ status, findings: stdout.trim() ? JSON.parse(stdout) : [], stderr });
      } catch {
        reject(new Error(`cfn-lint printed what is not JSON (exit code ${status}): ${stdout.slice(0, 500)} ${stderr.slice(0, 500)}`));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The templates

let examples: string[] | undefined;
/** The example apps, synthesized with their cdk.json context, as `cdk synth` would. */
function exampleTemplates(): string[] {
  if (!examples) {
    examples = EXAMPLE_NAMES.flatMap(name => {
      const cdkJson = JSON.parse(fs.readFileSync(path.join(EXAMPLES, name, 'cdk.json'), 'utf8'));
      const createApp: (props: AppProps) => App = jest.requireActual(path.join(EXAMPLES, name, 'app')).createApp;
      const outdir = path.join(OUT, 'examples', name);
      createApp({ context: cdkJson.context, outdir }).synth();
      return templatesIn(outdir);
    });
  }
  return examples;
}

interface GeneratedApp {
  readonly index: number;
  readonly spec: AppSpec;
  readonly templates: string[];
  readonly error?: string;
}

let generated: GeneratedApp[] | undefined;
/** The generated apps, built and synthesized once; a failure is recorded with its spec. */
function generatedApps(): GeneratedApp[] {
  if (!generated) {
    generated = fc.sample(appSpecArb, { seed: SEED, numRuns: APPS }).map((spec, index) => {
      const outdir = path.join(OUT, 'generated', `app-${index}`);
      try {
        const assembly = buildValidApp(spec, { outdir }).synth();
        // `cdk synth` fails on error annotations, which `synth()` only records.
        const errors = assembly.stacks.flatMap(stack => stack.messages).filter(m => m.level === 'error');
        if (errors.length > 0) throw new Error(errors.map(m => `${m.id}: ${m.entry.data}`).join('; '));
        return { index, spec, templates: templatesIn(outdir) };
      } catch (error) {
        return { index, spec, templates: [], error: error instanceof Error ? error.message : String(error) };
      }
    });
  }
  return generated;
}

/** The result of linting many templates, in one run or in several merged. */
interface LintResult {
  /** The exit codes, OR-ed: a bit mask. */
  readonly status: number;
  readonly findings: Finding[];
  readonly stderr: string;
}

/** cfn-lint over `files` in two processes at once (two cores), balanced by size, merged. */
async function cfnLintInTwo(files: string[]): Promise<LintResult> {
  const halves: Array<{ size: number; files: string[] }> = [{ size: 0, files: [] }, { size: 0, files: [] }];
  const sized = files.map(file => ({ file, size: fs.statSync(file).size })).sort((a, b) => b.size - a.size);
  for (const { file, size } of sized) {
    const smaller = halves[0].size <= halves[1].size ? halves[0] : halves[1];
    smaller.files.push(file);
    smaller.size += size;
  }
  // Both run while the first is awaited.
  const [first, second] = [cfnLint(halves[0].files), cfnLint(halves[1].files)];
  const results = [await first, await second];
  return {
    status: results.reduce((bits, r) => bits | (r.status ?? 1), 0),
    findings: results.flatMap(r => r.findings),
    stderr: results.map(r => r.stderr).join(''),
  };
}

let linted: Promise<LintResult> | undefined;
/** One lint of the examples' and the generated apps' templates. */
function lintResult(): Promise<LintResult> {
  linted = linted ?? cfnLintInTwo([...exampleTemplates(), ...generatedApps().flatMap(app => app.templates)]);
  return linted;
}

/**
 * Findings grouped by where they are: an example's template, or a generated app, with the spec
 * that reproduces it (`buildValidApp(spec)`, or the same seed and index).
 */
function report(findings: Finding[]): object[] {
  const byPlace = new Map<string, { place: string; spec?: AppSpec; findings: string[] }>();
  for (const f of findings) {
    const relative = path.relative(OUT, f.Filename);
    const app = /^generated\/app-(\d+)\//.exec(relative);
    const place = app ? `generated app ${app[1]} (CFN_LINT_SEED=${SEED})` : relative;
    const entry = byPlace.get(place) ?? { place, spec: app ? generatedApps()[Number(app[1])].spec : undefined, findings: [] };
    entry.findings.push(`${f.Rule.Id} at ${path.basename(f.Filename)} ${f.Location.Path.join('/')}: ${f.Message}`);
    byPlace.set(place, entry);
  }
  return [...byPlace.values()];
}

// ---------------------------------------------------------------------------------------------
// Warnings that are accepted, each with the reason, and matched narrowly.

interface AcceptedWarning {
  readonly rule: string;
  readonly reason: string;
  /** Whether a finding of `rule` is this accepted case. */
  readonly matches: (finding: Finding, template: any) => boolean;
}

/**
 * Matches a W3005 finding (at `Resources/X/DependsOn/i`) where X is of one of `types` and the
 * resource it depends on of one of `dependencyTypes`.
 */
function redundantDependsOn(types: string[], dependencyTypes: string[]): AcceptedWarning['matches'] {
  return (finding, template) => {
    const [section, logicalId, key, index] = finding.Location.Path;
    if (section !== 'Resources' || key !== 'DependsOn') return false;
    const resource = template.Resources?.[logicalId];
    const target = Array.isArray(resource?.DependsOn) ? resource.DependsOn[index as number] : resource?.DependsOn;
    return types.includes(resource?.Type) && dependencyTypes.includes(template.Resources?.[target]?.Type);
  };
}

const ACCEPTED_WARNINGS: AcceptedWarning[] = [
  {
    rule: 'W3005',
    reason: "aws-cdk-lib's Lambda functions and Step Functions state machines depend on their role and its default policy "
      + 'besides referring to the role, so that the policy exists before they are created: redundant for the role, not written by this library',
    matches: redundantDependsOn(['AWS::Lambda::Function', 'AWS::StepFunctions::StateMachine'], ['AWS::IAM::Role', 'AWS::IAM::Policy']),
  },
  {
    rule: 'W3005',
    reason: 'a stage with a domain mapping depends on the domain (as in aws-cdk-lib) and the `ApiMapping` it creates is its child, '
      + 'so the mapping inherits that dependency besides referring to the domain: redundant, and harmless',
    matches: redundantDependsOn(['AWS::ApiGatewayV2::ApiMapping'], ['AWS::ApiGatewayV2::DomainName']),
  },
  {
    rule: 'W3005',
    reason: "a usage plan depends on the APIs and stages it is given, as aws-cdk-lib's does, so that they are deployed first; "
      + 'the dependency on the API is also a `Ref`: redundant, and harmless',
    matches: redundantDependsOn(['AWS::ApiGateway::UsagePlan'], ['AWS::ApiGatewayV2::Api']),
  },
  {
    rule: 'W3010',
    reason: "aws-cdk-lib's `ec2.Vpc` in a stack with a known account and Region names its subnets' availability zones (here the "
      + "placeholders of a context lookup that never ran); the generated apps' VPC, not this library's resources",
    matches: (finding, template) => template.Resources?.[finding.Location.Path[1]]?.Type === 'AWS::EC2::Subnet',
  },
];

const templateCache = new Map<string, any>();
function templateOf(file: string): any {
  if (!templateCache.has(file)) templateCache.set(file, JSON.parse(fs.readFileSync(file, 'utf8')));
  return templateCache.get(file);
}

function acceptedAs(finding: Finding): AcceptedWarning | undefined {
  if (finding.Level !== 'Warning') return undefined;
  return ACCEPTED_WARNINGS.find(a => a.rule === finding.Rule.Id && a.matches(finding, templateOf(finding.Filename)));
}

// ---------------------------------------------------------------------------------------------

describe('generated valid apps', () => {
  test(`the ${APPS} generated apps (seed ${SEED}) synthesize`, () => {
    const failures = generatedApps().filter(app => app.error).map(app => ({ app: app.index, error: app.error, spec: JSON.stringify(app.spec) }));
    expect(failures).toEqual([]);
  }, 300_000);

  test('together they use every integration, authorizer and resource type the library writes', () => {
    const seen = new Set<string>();
    for (const app of generatedApps()) {
      for (const file of app.templates) {
        const resources = templateOf(file).Resources ?? {};
        // The protocol of the API a resource belongs to (`?` where the API is in another template).
        const protocol = (props: any) => {
          const api = resources[props.ApiId?.Ref]?.Properties;
          return api ? api.ProtocolType ?? 'HTTP' : '?';
        };
        for (const resource of Object.values<any>(resources)) {
          const props = resource.Properties ?? {};
          seen.add(resource.Type);
          switch (resource.Type) {
            case 'AWS::ApiGatewayV2::Api':
              seen.add(`Api ${props.ProtocolType ?? 'from an OpenAPI document'}`);
              break;
            case 'AWS::ApiGatewayV2::Integration':
              seen.add(`${protocol(props)} integration ${[props.IntegrationType, props.IntegrationSubtype, props.ConnectionType === 'VPC_LINK' ? 'VPC_LINK' : undefined].filter(Boolean).join(' ')}`);
              break;
            case 'AWS::ApiGatewayV2::Authorizer':
              seen.add(`${protocol(props)} authorizer ${props.AuthorizerType}`);
              break;
            case 'AWS::ApiGatewayV2::Route':
              seen.add(`${protocol(props)} route ${props.AuthorizationType}`);
              break;
            case 'AWS::ApiGatewayV2::DomainName':
              if (props.MutualTlsAuthentication) seen.add('DomainName with mutual TLS');
              if (props.DomainNameConfigurations?.[0]?.OwnershipVerificationCertificateArn) seen.add('DomainName with an ownership certificate');
              break;
            case 'AWS::ApiGatewayV2::ApiMapping':
              if (String(props.ApiMappingKey ?? '').includes('/')) seen.add('ApiMapping multi-level');
              if (props.ApiMappingKey === undefined) seen.add('ApiMapping at the root');
              break;
            case 'AWS::ApiGatewayV2::Stage':
              seen.add(`${protocol(props)} stage${props.StageName === '$default' ? ' $default' : ''}`);
              if (props.AccessLogSettings) seen.add('Stage with access logs');
              if (props.DefaultRouteSettings?.ThrottlingRateLimit !== undefined) seen.add('Stage with throttling');
              if (props.RouteSettings) seen.add('Stage with route settings');
              break;
          }
        }
      }
    }
    const expected = [
      'AWS::ApiGateway::Account', 'AWS::ApiGateway::ApiKey', 'AWS::ApiGateway::UsagePlan', 'AWS::ApiGateway::UsagePlanKey',
      'AWS::ApiGatewayV2::IntegrationResponse', 'AWS::ApiGatewayV2::RouteResponse', 'AWS::ApiGatewayV2::VpcLink',
      'AWS::CloudFormation::Stack', 'AWS::Lambda::Permission', 'AWS::Route53::RecordSet',
      'Api HTTP', 'Api WEBSOCKET', 'Api from an OpenAPI document',
      'HTTP integration AWS_PROXY', 'HTTP integration HTTP_PROXY', 'HTTP integration HTTP_PROXY VPC_LINK',
      ...['SQS-SendMessage', 'SQS-ReceiveMessage', 'SQS-DeleteMessage', 'SQS-PurgeQueue', 'EventBridge-PutEvents', 'Kinesis-PutRecord',
        'StepFunctions-StartExecution', 'StepFunctions-StartSyncExecution', 'StepFunctions-StopExecution', 'AppConfig-GetConfiguration',
      ].map(subtype => `HTTP integration AWS_PROXY ${subtype}`),
      'WEBSOCKET integration AWS_PROXY', 'WEBSOCKET integration AWS', 'WEBSOCKET integration HTTP', 'WEBSOCKET integration HTTP_PROXY',
      'WEBSOCKET integration MOCK',
      'HTTP authorizer JWT', 'HTTP authorizer REQUEST', 'WEBSOCKET authorizer REQUEST',
      'HTTP route AWS_IAM', 'HTTP route CUSTOM', 'HTTP route JWT', 'HTTP route NONE', 'WEBSOCKET route AWS_IAM', 'WEBSOCKET route CUSTOM',
      'WEBSOCKET route NONE',
      'DomainName with mutual TLS', 'DomainName with an ownership certificate', 'ApiMapping multi-level', 'ApiMapping at the root',
      'HTTP stage $default', 'HTTP stage', 'WEBSOCKET stage', 'Stage with access logs', 'Stage with throttling', 'Stage with route settings',
    ];
    expect(expected.filter(kind => !seen.has(kind))).toEqual([]);
  }, 300_000);
});

describe('cfn-lint', () => {
  lintTest(`finds no errors in the example apps' templates, nested stacks included${SKIPPED}`, async () => {
    const { findings } = await lintResult();
    const files = new Set(exampleTemplates());
    expect(exampleTemplates().length).toBeGreaterThanOrEqual(EXAMPLE_NAMES.length);
    expect(report(findings.filter(f => files.has(f.Filename) && f.Level === 'Error'))).toEqual([]);
  }, 300_000);

  lintTest(`finds no errors in the templates of ${APPS} generated valid apps (seed ${SEED})${SKIPPED}`, async () => {
    const { status, findings, stderr } = await lintResult();
    expect(report(findings.filter(f => f.Level === 'Error'))).toEqual([]);
    // Exit code: a bit mask, 2 for errors, 4 for warnings, 8 for informational findings; 1 for its own failure.
    expect({ status: status & 3, stderr }).toEqual({ status: 0, stderr: '' });
  }, 300_000);

  lintTest(`warns only as accepted, each accepted warning still found${SKIPPED}`, async () => {
    const { findings } = await lintResult();
    const warnings = findings.filter(f => f.Level !== 'Error');
    expect(report(warnings.filter(f => !acceptedAs(f)))).toEqual([]);
    const stillFound = ACCEPTED_WARNINGS.map(accepted => ({ reason: accepted.reason, found: warnings.some(f => acceptedAs(f) === accepted) }));
    expect(stillFound).toEqual(ACCEPTED_WARNINGS.map(accepted => ({ reason: accepted.reason, found: true })));
    if (process.env.CFN_LINT_REPORT) {
      const counts: Record<string, number> = {};
      for (const f of findings) counts[`${f.Level} ${f.Rule.Id}`] = (counts[`${f.Level} ${f.Rule.Id}`] ?? 0) + 1;
      process.stdout.write(`cfn-lint findings by level and rule: ${JSON.stringify(counts)}\n`);
    }
  }, 300_000);

  lintTest(`reports errors in a broken template of API Gateway resources (the check is live)${SKIPPED}`, async () => {
    // cfn-lint's API Gateway v2 schemas are loose (no enums for integration or authorization
    // types, no integer check on burst limits), so the broken template breaks what they check.
    const file = path.join(OUT, 'broken.template.json');
    fs.writeFileSync(file, JSON.stringify({
      Resources: {
        Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'api', ProtocolType: 'HTTP', DisableExecuteApiEndpoint: 'maybe' } },
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { StageName: 'beta' } },
        Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Missing' }, RouteKey: 'GET /books' } },
        Mapping: { Type: 'AWS::ApiGatewayV2::ApiMapping', Properties: { ApiId: { Ref: 'Api' }, DomainName: 'api.example.com', Stage: 'beta', Key: 'books' } },
      },
    }));
    const { status, findings } = await cfnLint([file]);
    expect(status! & 2).toBe(2);
    expect(findings.filter(f => f.Level === 'Error').map(f => `${f.Rule.Id} ${f.Location.Path[1]}`).sort()).toEqual([
      'E1020 Route', // a Ref to no resource
      'E3002 Mapping', // a property the type does not have
      'E3003 Stage', // a required property missing (ApiId)
      'E3012 Api', // a value of the wrong type
    ]);
  }, 120_000);
});
