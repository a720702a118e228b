/**
 * Drop-in proof for the WebSocket integrations. The app is written once, against aws-cdk-lib's
 * API, in test/common/aws-cdk-lib-apps/websocket.ts; test/common/aws-cdk-lib-templates.test.ts
 * shows that under the switch its template is aws-cdk-lib's. Here: what the app has, and what
 * this library's default changes, the Lambda permissions, and nothing else.
 */
import { AWS_CDK_LIB, THIS_LIBRARY } from '../../common/aws-cdk-lib-apps/builds';
import type { Template } from '../../common/aws-cdk-lib-apps/template-diff';
import { synthesize } from '../../common/aws-cdk-lib-apps/template-diff';
import { WEBSOCKET_APPS } from '../../common/aws-cdk-lib-apps/websocket';
import { executeApiArn, PERMISSION } from '../../support';

const APP = WEBSOCKET_APPS['WebSocket integrations parity app: one Lambda integration on three routes, content handling, mock, AWS'];

/** The resources of a template by logical id, with their type, properties and dependencies. */
function resourcesOf(template: Template): { [id: string]: { Type: string; Properties?: any; DependsOn?: unknown } } {
  return Object.fromEntries(Object.entries(template.Resources).map(([id, r]: [string, any]) => [id, { Type: r.Type, Properties: r.Properties, DependsOn: r.DependsOn }]));
}

describe('WebSocket integrations: parity with aws-cdk-lib', () => {
  const awsCdkLib = resourcesOf(synthesize(APP, AWS_CDK_LIB).templates.Stack);

  test('the app has what it should: 4 integrations, and aws-cdk-lib\'s 4 per-route permissions', () => {
    const count = (type: string) => Object.values(awsCdkLib).filter(r => r.Type === type).length;
    expect(count('AWS::ApiGatewayV2::Integration')).toBe(4);
    expect(count(PERMISSION)).toBe(4);
  });

  test('by default, the per-route permissions become one per function and API; every other resource keeps its logical id', () => {
    const own = resourcesOf(synthesize(APP, THIS_LIBRARY).templates.Stack);
    const withoutPermissions = (resources: typeof own) => Object.fromEntries(Object.entries(resources).filter(([, r]) => r.Type !== PERMISSION));
    expect(withoutPermissions(own)).toEqual(withoutPermissions(awsCdkLib));

    const permissions = Object.values(own).filter(r => r.Type === PERMISSION);
    expect(permissions.map(p => [p.Properties.FunctionName, p.Properties.SourceArn])).toEqual([
      [{ 'Fn::GetAtt': ['Handler886CB40B', 'Arn'] }, executeApiArn('/*')],
      [{ 'Fn::GetAtt': ['Other34654A52', 'Arn'] }, executeApiArn('/*')],
    ]);
  });
});
