/**
 * What the TypeScript compiler says, run through its API on the apps written against
 * aws-cdk-lib (test/common/aws-cdk-lib-apps/) with their imports changed to this library, and
 * on half-migrated code: aws-cdk-lib's integrations and authorizers passed to this library's
 * APIs, and this library's API passed to aws-cdk-lib's EventBridge target. One program checks
 * both, as loading aws-cdk-lib's declarations is most of the time (about 15 s).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const APPS_DIR = path.join(__dirname, 'aws-cdk-lib-apps');
const APP_FILES = ['http.ts', 'websocket.ts', 'domains.ts', 'refused.ts'].map(file => path.join(APPS_DIR, file));
const MODULES_FILE = path.join(APPS_DIR, 'modules.ts');
const FIXTURE_FILE = path.join(__dirname, 'half-migrated.fixture.ts');

/** modules.ts with its imports changed from aws-cdk-lib's modules to this library's: what a user changes. */
function modulesOfThisLibrary(): string {
  const original = fs.readFileSync(MODULES_FILE, 'utf8');
  const changed = original
    .replace("from 'aws-cdk-lib/aws-apigatewayv2';", "from '../../../lib';")
    .replace("from 'aws-cdk-lib/aws-apigatewayv2-authorizers';", "from '../../../lib/authorizers';")
    .replace("from 'aws-cdk-lib/aws-apigatewayv2-integrations';", "from '../../../lib/integrations';");
  // Each of the three imports changed.
  expect(changed.match(/'\.\.\/\.\.\/\.\.\/lib/g)).toHaveLength(3);
  return changed;
}

/**
 * Half-migrated code: each line marked `// TSxxxx` must fail with that error, whose message
 * starts with the text after it; every other line must compile.
 */
const FIXTURE = `
import { App, Stack } from 'aws-cdk-lib';
import * as awsCdkLibApigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as awsCdkLibAuthorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as awsCdkLibIntegrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as apigwv2 from '../../lib';
import * as integrations from '../../lib/integrations';

const stack = new Stack(new App(), 'Stack');
const api = new apigwv2.HttpApi(stack, 'Api');
const books = new integrations.HttpUrlIntegration('Books', 'https://books.example.com');
api.addRoutes({ path: '/a', integration: new awsCdkLibIntegrations.HttpUrlIntegration('A', 'https://a.example.com') }); // TS2739 Type 'HttpUrlIntegration' is missing the following properties from type 'HttpRouteIntegration': integrations, _bindToDocument, claimApi, createOrShare
api.addRoutes({ path: '/b', integration: books, authorizer: new awsCdkLibAuthorizers.HttpIamAuthorizer() }); // TS2322 Type 'HttpIamAuthorizer' is not assignable to type 'IHttpRouteAuthorizer'.
new apigwv2.WebSocketApi(stack, 'Chat', { connectRouteOptions: { integration: new awsCdkLibIntegrations.WebSocketMockIntegration('Connect') } }); // TS2739 Type 'WebSocketMockIntegration' is missing the following properties from type 'WebSocketRouteIntegration': pendingResponses, addResponse
new apigwv2.WebSocketApi(stack, 'Signed', { connectRouteOptions: { integration: new integrations.WebSocketMockIntegration('Connect'), authorizer: new awsCdkLibAuthorizers.WebSocketIamAuthorizer() } });
const rule = new events.Rule(stack, 'Rule', { schedule: events.Schedule.expression('rate(1 hour)') });
rule.addTarget(new targets.ApiGatewayV2(api)); // TS2345 Argument of type 'HttpApi' is not assignable to parameter of type 'IHttpApi'.
rule.addTarget(new targets.ApiGatewayV2(apigwv2.HttpApi.toAwsCdkLib(api)));
new awsCdkLibApigwv2.HttpApi(stack, 'Theirs').addRoutes({ path: '/c', integration: books }); // TS2322 Type 'HttpUrlIntegration' is not assignable to type 'HttpRouteIntegration'.
`;

interface Expected {
  readonly line: number;
  readonly code: number;
  readonly message: string;
}

function expectedErrors(): Expected[] {
  return FIXTURE.split('\n').flatMap((text, index) => {
    const marker = /\/\/ TS(\d+) (.*)$/.exec(text);
    return marker ? [{ line: index + 1, code: Number(marker[1]), message: marker[2] }] : [];
  });
}

/** The program of the apps (imports changed) and the fixture, and the diagnostics of each of their files. */
function compile(): Map<string, readonly ts.Diagnostic[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: [],
  };
  const virtual = new Map([[MODULES_FILE, modulesOfThisLibrary()], [FIXTURE_FILE, FIXTURE]]);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = virtual.get(path.resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, languageVersion) : getSourceFile.call(host, fileName, languageVersion, ...rest);
  };
  host.fileExists = fileName => virtual.has(path.resolve(fileName)) || fileExists.call(host, fileName);
  host.readFile = fileName => virtual.get(path.resolve(fileName)) ?? readFile.call(host, fileName);
  const roots = [...APP_FILES, FIXTURE_FILE];
  const program = ts.createProgram(roots, options, host);
  return new Map(roots.map(root => {
    const source = program.getSourceFile(root)!;
    return [root, [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]];
  }));
}

function firstLine(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0];
}

describe('the TypeScript compiler', () => {
  let diagnostics: Map<string, readonly ts.Diagnostic[]>;
  beforeAll(() => {
    diagnostics = compile();
  }, 120_000);

  test.each(APP_FILES.map(file => path.basename(file)))('compiles the apps of %s against this library, with only their imports changed', (file) => {
    const errors = diagnostics.get(path.join(APPS_DIR, file))!.map(d => `${d.start}: ${firstLine(d)}`);
    expect(errors).toEqual([]);
  });

  test('reports half-migrated code with the errors the migration guide quotes, and nothing else', () => {
    const found = diagnostics.get(FIXTURE_FILE)!.map(d => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start!);
      return { line: line + 1, code: d.code, message: firstLine(d) };
    });
    expect(found).toEqual(expectedErrors());
  });

  test('the migration guide quotes each message', () => {
    const guide = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'migrating-from-aws-cdk-lib.md'), 'utf8');
    for (const { code, message } of expectedErrors()) {
      expect(guide).toContain(`error TS${code}: ${message}`);
    }
  });
});
