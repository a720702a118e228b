/**
 * Moving an app from aws-cdk-lib is a no-op. Apps written once against aws-cdk-lib's API
 * (test/common/aws-cdk-lib-apps/) are built three times: with aws-cdk-lib's modules, with this
 * library's in their place under `TemplateCompatibility.AWS_CDK_LIB` (the context key in
 * cdk.json), and with this library's defaults. Whole templates are compared, every stack,
 * section, resource, property, `DependsOn`, output and `aws:cdk:path`; only `CDKMetadata`
 * (which `cdk diff` ignores) is left out. Under the switch, only the fixes of
 * `listed-differences.ts` may differ; without it, only the improvements listed there. The
 * migration guide's tables list exactly those rows.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AWS_CDK_LIB, SWITCH, THIS_LIBRARY } from './aws-cdk-lib-apps/builds';
import { DOMAIN_APPS } from './aws-cdk-lib-apps/domains';
import { HTTP_APPS } from './aws-cdk-lib-apps/http';
import type { ListedDifference } from './aws-cdk-lib-apps/listed-differences';
import { FIXES, IMPROVEMENTS } from './aws-cdk-lib-apps/listed-differences';
import type { AppSet } from './aws-cdk-lib-apps/modules';
import { REFUSED_APPS } from './aws-cdk-lib-apps/refused';
import type { Synthesized, TemplateDifference } from './aws-cdk-lib-apps/template-diff';
import { describeDifference, synthesize, templateDifferences } from './aws-cdk-lib-apps/template-diff';
import { WEBSOCKET_APPS } from './aws-cdk-lib-apps/websocket';

const APPS: AppSet = { ...HTTP_APPS, ...WEBSOCKET_APPS, ...DOMAIN_APPS };

interface Builds {
  readonly awsCdkLib: Synthesized;
  readonly switched: Synthesized;
  readonly own: Synthesized;
}

/** Each app is built once, when a test first needs it. */
const builds = new Map<string, Builds>();
function buildsOf(name: string): Builds {
  let found = builds.get(name);
  if (!found) {
    const code = APPS[name];
    found = { awsCdkLib: synthesize(code, AWS_CDK_LIB), switched: synthesize(code, THIS_LIBRARY, SWITCH), own: synthesize(code, THIS_LIBRARY) };
    builds.set(name, found);
  }
  return found;
}

/** The differences no listed row covers, each in a line. */
function unlisted(differences: TemplateDifference[], rows: readonly ListedDifference[]): string[] {
  return differences.filter(d => !rows.some(row => row.covers(d))).map(describeDifference);
}

describe.each(Object.keys(APPS))('%s', (name) => {
  test('under the switch: aws-cdk-lib\'s templates, but for the listed fixes', () => {
    const { awsCdkLib, switched } = buildsOf(name);
    expect(Object.keys(switched.templates)).toEqual(Object.keys(awsCdkLib.templates));
    expect(unlisted(templateDifferences(awsCdkLib.templates, switched.templates), FIXES)).toEqual([]);
  });

  test('without the switch: only the listed improvements change', () => {
    const { switched, own } = buildsOf(name);
    expect(unlisted(templateDifferences(switched.templates, own.templates), IMPROVEMENTS)).toEqual([]);
  });

  test('the switch keeps every warning', () => {
    const { switched, own } = buildsOf(name);
    expect(switched.warnings).toEqual(own.warnings);
  });
});

describe('the listed differences', () => {
  test('every listed fix and improvement is seen in an app, so none is listed for nothing', () => {
    const seen = (rows: readonly ListedDifference[], pick: (b: Builds) => TemplateDifference[]) => rows.filter(row =>
      Object.keys(APPS).some(name => pick(buildsOf(name)).some(d => row.covers(d))));
    expect(seen(FIXES, b => templateDifferences(b.awsCdkLib.templates, b.switched.templates))).toEqual(FIXES);
    expect(seen(IMPROVEMENTS, b => templateDifferences(b.switched.templates, b.own.templates))).toEqual(IMPROVEMENTS);
  });

  test('a fix does not cover an unrelated difference: a changed property of the same resource stays unlisted', () => {
    const scopes = FIXES[0];
    const jwtRoute = { Type: 'AWS::ApiGatewayV2::Route', Properties: { AuthorizationType: 'JWT' } };
    const base = { stack: 'Stack', afterTemplate: {}, resourceBefore: jwtRoute, resourceAfter: jwtRoute };
    expect(scopes.covers({ ...base, path: ['Resources', 'R', 'Properties', 'AuthorizationScopes'], before: ['a'], after: undefined })).toBe(false);
    const noneRoute = { Type: 'AWS::ApiGatewayV2::Route', Properties: { AuthorizationType: 'NONE' } };
    expect(scopes.covers({ ...base, resourceAfter: noneRoute, path: ['Resources', 'R', 'Properties', 'AuthorizationScopes'], before: ['a'], after: undefined })).toBe(true);
    expect(scopes.covers({ ...base, resourceAfter: noneRoute, path: ['Resources', 'R', 'Properties', 'RouteKey'], before: 'GET /a', after: 'GET /b' })).toBe(false);
  });

  /** The rows of the guide's table whose header starts with `header`: its first two cells. */
  function guideRows(header: string): { see: string; why: string }[] {
    const guide = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'migrating-from-aws-cdk-lib.md'), 'utf8').split('\n');
    const start = guide.findIndex(line => line.startsWith(header));
    expect(start).toBeGreaterThanOrEqual(0);
    const rows: { see: string; why: string }[] = [];
    for (const line of guide.slice(start + 2)) {
      if (!line.startsWith('|')) break;
      const [see, why] = line.split(' | ').map(cell => cell.replace(/^\| /, '').replace(/ \|$/, ''));
      rows.push({ see, why });
    }
    return rows;
  }

  test('the migration guide lists exactly the fixes, in order', () => {
    expect(guideRows('| what `cdk diff` shows under the switch |')).toEqual(FIXES.map(({ see, why }) => ({ see, why })));
  });

  test('the migration guide lists exactly the improvements, in order', () => {
    expect(guideRows('| what `cdk diff` shows once the switch is removed |')).toEqual(IMPROVEMENTS.map(({ see, why }) => ({ see, why })));
  });
});

describe.each(Object.entries(REFUSED_APPS))('refused under the switch too: %s', (_name, { code, message }) => {
  test('aws-cdk-lib synthesizes it (and the deploy fails); this library refuses it with the switch on', () => {
    expect(() => synthesize(code, AWS_CDK_LIB)).not.toThrow();
    expect(() => synthesize(code, THIS_LIBRARY, SWITCH)).toThrow(message);
  });
});
