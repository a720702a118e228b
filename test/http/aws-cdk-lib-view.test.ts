import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as awsCdkLib from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { HttpApi } from '../../lib';
import { errorOf } from '../support';

/** A stack with a rule that runs every hour. */
function ruleStack(): { stack: Stack; rule: events.Rule } {
  const stack = new Stack(new App(), 'Stack');
  return { stack, rule: new events.Rule(stack, 'Rule', { schedule: events.Schedule.expression('rate(1 hour)') }) };
}

const TARGET_PROPS: targets.ApiGatewayProps[] = [
  {},
  { path: '/books/*', method: 'POST', pathParameterValues: ['$.detail.id'], headerParameters: { 'X-Source': 'events' }, queryStringParameters: { q: 'all' } },
  { stage: 'prod', path: '/books' },
];

describe('HttpApi.toAwsCdkLib: aws-cdk-lib\'s EventBridge target on an API of this library', () => {
  test.each(TARGET_PROPS)('the same template as aws-cdk-lib\'s own HttpApi: target ARN, role and its policy (props %j)', (props) => {
    const theirs = ruleStack();
    theirs.rule.addTarget(new targets.ApiGatewayV2(new awsCdkLib.HttpApi(theirs.stack, 'Api'), props));
    const ours = ruleStack();
    ours.rule.addTarget(new targets.ApiGatewayV2(HttpApi.toAwsCdkLib(new HttpApi(ours.stack, 'Api')), props));

    const expected = Template.fromStack(theirs.stack).toJSON();
    expect(Template.fromStack(ours.stack).toJSON()).toEqual(expected);
    // What the comparison covers: the rule's target ARN on the $default stage, and the role under the API.
    const rule = Object.values(expected.Resources).find((r: any) => r.Type === 'AWS::Events::Rule') as any;
    expect(JSON.stringify(rule.Properties.Targets[0].Arn)).toContain(props.stage ? '/prod/' : '/$default/');
    expect(rule.Properties.Targets[0].RoleArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ApiEventsRole/), 'Arn'] });
  });

  test('an imported API of this library, like aws-cdk-lib\'s import, has no default stage: the target names every stage', () => {
    const theirs = ruleStack();
    theirs.rule.addTarget(new targets.ApiGatewayV2(awsCdkLib.HttpApi.fromHttpApiAttributes(theirs.stack, 'Api', { httpApiId: 'abc123' })));
    const ours = ruleStack();
    ours.rule.addTarget(new targets.ApiGatewayV2(HttpApi.toAwsCdkLib(HttpApi.fromHttpApiAttributes(ours.stack, 'Api', { httpApiId: 'abc123' }))));

    const expected = Template.fromStack(theirs.stack).toJSON();
    expect(Template.fromStack(ours.stack).toJSON()).toEqual(expected);
    expect(JSON.stringify(expected)).toContain('abc123/*/*/');
  });

  test('importing the API with aws-cdk-lib\'s fromHttpApiAttributes instead loses the $default stage and moves the role', () => {
    const { stack, rule } = ruleStack();
    const api = new HttpApi(stack, 'Api');
    rule.addTarget(new targets.ApiGatewayV2(awsCdkLib.HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: api.apiId })));
    const target = Template.fromStack(stack).findResources('AWS::Events::Rule').Rule4C995B7F.Properties.Targets[0];
    expect(target.Arn['Fn::Join'][1].at(-1)).toBe('/*/*/');
    expect(target.RoleArn['Fn::GetAtt'][0]).toMatch(/^ImportedEventsRole/);
  });

  test('the view reads through to the API and its $default stage, and shares the API\'s node', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new HttpApi(stack, 'Api');
    const view = HttpApi.toAwsCdkLib(api);
    expect(view.node).toBe(api.node);
    expect(view.apiId).toBe(api.apiId);
    expect(view.apiEndpoint).toBe(api.apiEndpoint);
    expect(view.isHttpApi).toBe(true);
    expect(view.stack).toBe(stack);
    expect(view.arnForExecuteApi('GET', '/books', 'prod')).toBe(api.arnForExecuteApi('GET', '/books', 'prod'));
    expect(stack.resolve(view.metricCount().dimensions)).toEqual(stack.resolve(api.metricCount().dimensions));
    expect(view.defaultStage?.stageName).toBe('$default');
    expect(view.defaultStage?.url).toBe(api.url);
    expect(view.defaultStage?.node).toBe(api.defaultStage?.node);
    expect(view.defaultStage?.api).toBe(view);
    expect(view.defaultStage).toBe(view.defaultStage);
    expect(HttpApi.toAwsCdkLib(new HttpApi(stack, 'Bare', { createDefaultStage: false })).defaultStage).toBeUndefined();
  });

  test('VPC links go on the API itself: addVpcLink on the view is refused', () => {
    const stack = new Stack(new App(), 'Stack');
    const api = new HttpApi(stack, 'Api');
    const error = errorOf(() => HttpApi.toAwsCdkLib(api).addVpcLink({ vpc: new ec2.Vpc(stack, 'Vpc') }));
    expect(error.message).toBe('Stack/Api: `addVpcLink` on the aws-cdk-lib view of this HTTP API (HttpApi.toAwsCdkLib()): '
      + 'VPC links, routes and integrations belong on the API itself; call addVpcLink() on the API [cdk-apigatewayv2:awsCdkLibViewUnsupported]');
  });
});
