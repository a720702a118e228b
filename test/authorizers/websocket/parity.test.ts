/**
 * Drop-in proof for the WebSocket authorizers. The app is written once, against aws-cdk-lib's
 * API, in test/common/aws-cdk-lib-apps/websocket.ts; test/common/aws-cdk-lib-templates.test.ts
 * compares its whole template built with aws-cdk-lib and with this library. Here: what it has,
 * and that the authorizers' templates are the same with and without the switch.
 */
import { AWS_CDK_LIB, SWITCH, THIS_LIBRARY } from '../../common/aws-cdk-lib-apps/builds';
import { synthesize } from '../../common/aws-cdk-lib-apps/template-diff';
import { WEBSOCKET_APPS } from '../../common/aws-cdk-lib-apps/websocket';

const APP = WEBSOCKET_APPS['WebSocket authorizers parity app: Lambda authorizers on two APIs, IAM on a third'];

test('WebSocket authorizers: two Lambda authorizers with their permissions, the same template with or without the switch', () => {
  const expected = synthesize(APP, AWS_CDK_LIB).templates;
  const types = Object.values(expected.Stack.Resources as { [id: string]: { Type: string } }).map(r => r.Type);
  expect(types.filter(t => t === 'AWS::ApiGatewayV2::Authorizer')).toHaveLength(2);
  expect(types.filter(t => t === 'AWS::Lambda::Permission')).toHaveLength(2);
  expect(synthesize(APP, THIS_LIBRARY).templates).toEqual(expected);
  expect(synthesize(APP, THIS_LIBRARY, SWITCH).templates).toEqual(expected);
});
