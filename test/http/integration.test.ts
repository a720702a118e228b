import type { Stack } from 'aws-cdk-lib';
import { Duration, Lazy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CfnIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { HttpIntegrationProps, HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig, IHttpApiRef } from '../../lib';
import {
  HttpApi,
  HttpConnectionType,
  HttpIntegration,
  HttpIntegrationSubtype,
  HttpIntegrationType,
  HttpMethod,
  HttpRouteIntegration,
  IntegrationCredentials,
  MappingValue,
  ParameterMapping,
  PayloadFormatVersion,
} from '../../lib';
import { HttpUrlIntegration } from '../../lib/integrations';
import { BACKEND, errorOf, httpApiStack, newStack, RecordingUrlIntegration } from '../support';

/** The properties of the one `AWS::ApiGatewayV2::Integration` in the stack. */
function integrationProps(stack: Stack): { [key: string]: any } {
  const integrations = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Integration');
  const ids = Object.keys(integrations);
  expect(ids).toHaveLength(1);
  return integrations[ids[0]].Properties;
}

/** An integration with a URL and the given extra props. */
function urlIntegration(stack: Stack, api: IHttpApiRef, props: Partial<HttpIntegrationProps> = {}): HttpIntegration {
  return new HttpIntegration(stack, 'Integration', {
    httpApi: api,
    integrationType: HttpIntegrationType.HTTP_PROXY,
    integrationUri: 'https://backend.example.com',
    ...props,
  });
}

describe('HttpIntegration', () => {
  test('minimal props render only ApiId, IntegrationType and IntegrationUri', () => {
    const { stack, api } = httpApiStack();
    urlIntegration(stack, api);
    expect(integrationProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://backend.example.com',
    });
  });

  test('every prop is rendered', () => {
    const { stack, api } = httpApiStack();
    const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('apigateway.amazonaws.com') });
    new HttpIntegration(stack, 'Integration', {
      httpApi: api,
      integrationType: HttpIntegrationType.HTTP_PROXY,
      integrationUri: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/lb/1/2',
      method: HttpMethod.PATCH,
      connectionId: 'vpclink-123',
      connectionType: HttpConnectionType.VPC_LINK,
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
      secureServerName: 'backend.internal.example.com',
      timeout: Duration.seconds(12),
      parameterMapping: new ParameterMapping()
        .appendHeader('x-request', MappingValue.contextVariable('requestId'))
        .overwritePath(MappingValue.requestPathParam('proxy')),
      credentials: IntegrationCredentials.fromRole(role),
    });

    expect(integrationProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/lb/1/2',
      IntegrationMethod: 'PATCH',
      ConnectionId: 'vpclink-123',
      ConnectionType: 'VPC_LINK',
      PayloadFormatVersion: '1.0',
      TlsConfig: { ServerNameToVerify: 'backend.internal.example.com' },
      TimeoutInMillis: 12000,
      RequestParameters: {
        'append:header.x-request': '$context.requestId',
        'overwrite:path': '$request.path.proxy',
      },
      CredentialsArn: { 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as any), 'Arn'] },
    });
  });

  test('a subtype without a uri is accepted', () => {
    const { stack, api } = httpApiStack();
    new HttpIntegration(stack, 'Integration', {
      httpApi: api,
      integrationType: HttpIntegrationType.AWS_PROXY,
      integrationSubtype: HttpIntegrationSubtype.SQS_SEND_MESSAGE,
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
      parameterMapping: ParameterMapping.fromObject({
        QueueUrl: MappingValue.custom('https://sqs.us-east-1.amazonaws.com/111111111111/q'),
        MessageBody: MappingValue.requestBody('message'),
      }),
      credentials: IntegrationCredentials.useCallerIdentity(),
    });

    expect(integrationProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'SQS-SendMessage',
      PayloadFormatVersion: '1.0',
      RequestParameters: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/q',
        MessageBody: '$request.body.message',
      },
      CredentialsArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:user/*']] },
    });
  });

  test('neither uri nor subtype is refused, naming both settings', () => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => new HttpIntegration(stack, 'Integration', { httpApi: api, integrationType: HttpIntegrationType.AWS_PROXY }));
    expect(error.message).toContain('`integrationUri`');
    expect(error.message).toContain('`integrationSubtype`');
    expect(error.constructPath).toBe('Stack/Integration');
  });

  test('an empty uri counts as none', () => {
    const { stack, api } = httpApiStack();
    expect(() => urlIntegration(stack, api, { integrationUri: '' })).toThrow(/`integrationUri` or `integrationSubtype`/);
  });

  test('a secureServerName renders TlsConfig; without one there is none', () => {
    const { stack, api } = httpApiStack();
    urlIntegration(stack, api, { secureServerName: 'example.com' });
    expect(integrationProps(stack).TlsConfig).toEqual({ ServerNameToVerify: 'example.com' });

    const other = httpApiStack();
    urlIntegration(other.stack, other.api);
    Template.fromStack(other.stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { TlsConfig: Match.absent() });
  });

  describe('timeout', () => {
    test.each([
      [Duration.millis(50), 50],
      [Duration.seconds(29), 29_000],
      // aws-cdk-lib caps HTTP integrations at 29 s; HTTP APIs allow 30 s, so this is deliberate.
      [Duration.seconds(30), 30_000],
      [Duration.millis(30_000), 30_000],
    ])('%s is accepted', (timeout, millis) => {
      const { stack, api } = httpApiStack();
      urlIntegration(stack, api, { timeout });
      expect(integrationProps(stack).TimeoutInMillis).toBe(millis);
    });

    test.each([
      [Duration.millis(49), '49 millis'],
      [Duration.millis(0), '0 millis'],
      [Duration.seconds(30.001), '30 seconds 1 milli'],
      [Duration.millis(30_001), '30 seconds 1 milli'],
      [Duration.minutes(1), '1 minute'],
    ])('%s is refused, naming the range', (timeout, shown) => {
      const { stack, api } = httpApiStack();
      const error = errorOf(() => urlIntegration(stack, api, { timeout }));
      expect(error.message).toContain(`\`timeout\` ${shown}`);
      expect(error.message).toContain('HTTP API integrations allow 50 ms to 30 s');
      expect(error.message).toContain('choose a value in that range');
    });

    test('an unresolved timeout is not checked', () => {
      const { stack, api } = httpApiStack();
      urlIntegration(stack, api, { timeout: Duration.millis(Lazy.number({ produce: () => 10 })) });
      expect(integrationProps(stack).TimeoutInMillis).toBe(10);
    });
  });

  test('integrationRef holds the API id and the integration id', () => {
    const { stack, api } = httpApiStack();
    const integration = urlIntegration(stack, api);
    const logicalId = stack.getLogicalId(integration.node.defaultChild as CfnIntegration);
    expect(stack.resolve(integration.integrationRef)).toEqual({ apiId: { Ref: 'ApiF70053CD' }, integrationId: { Ref: logicalId } });
    expect(stack.resolve(integration.integrationId)).toEqual({ Ref: logicalId });
    expect(integration.node.defaultChild).toBeInstanceOf(CfnIntegration);
  });

  test('the httpApi getter returns the API, created or imported', () => {
    const { stack, api } = httpApiStack();
    expect(urlIntegration(stack, api).httpApi).toBe(api);

    const imported = HttpApi.fromHttpApiAttributes(stack, 'Imported', { httpApiId: 'api1234' });
    const integration = new HttpIntegration(stack, 'Other', {
      httpApi: imported,
      integrationType: HttpIntegrationType.HTTP_PROXY,
      integrationUri: 'https://example.com',
    });
    expect(integration.httpApi).toBe(imported);
    expect(integration.integrationRef.apiId).toBe('api1234');
  });

  test('the httpApi getter refuses a bare API reference, saying what to pass', () => {
    const stack = newStack();
    class BareRef extends Construct implements IHttpApiRef {
      public readonly isHttpApi = true;
      public readonly apiRef = { apiId: 'api1234' };
      public readonly env = { account: stack.account, region: stack.region };
    }
    const integration = urlIntegration(stack, new BareRef(stack, 'Bare'));
    expect(integrationProps(stack).ApiId).toBe('api1234');
    const error = errorOf(() => integration.httpApi);
    expect(error.message).toContain('`httpApi`');
    expect(error.message).toContain('HttpApi.fromHttpApiAttributes()');
  });
});

describe('PayloadFormatVersion', () => {
  test('the named versions', () => {
    expect(PayloadFormatVersion.VERSION_1_0.version).toBe('1.0');
    expect(PayloadFormatVersion.VERSION_2_0.version).toBe('2.0');
  });

  test('a custom version is written as given', () => {
    const { stack, api } = httpApiStack();
    expect(PayloadFormatVersion.custom('3.0').version).toBe('3.0');
    new HttpIntegration(stack, 'Integration', {
      httpApi: api,
      integrationType: HttpIntegrationType.AWS_PROXY,
      integrationUri: 'arn:aws:lambda:us-east-1:111111111111:function:f',
      payloadFormatVersion: PayloadFormatVersion.custom('3.0'),
    });
    expect(integrationProps(stack).PayloadFormatVersion).toBe('3.0');
  });

  function warnings(stack: Stack, id: string): string[] {
    return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(id)).map(w => String(w.entry.data));
  }

  test('2.0 is refused on an HTTP_PROXY integration, naming the setting, the rule and the fix', () => {
    const { stack, api } = httpApiStack();
    const error = errorOf(() => urlIntegration(stack, api, { payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 }));
    expect(error.message).toBe('Stack/Integration: invalid `payloadFormatVersion` \'2.0\' on an HTTP_PROXY integration: only Lambda proxy '
      + 'integrations take \'2.0\', every other integration takes \'1.0\'; use PayloadFormatVersion.VERSION_1_0 [cdk-apigatewayv2:payloadFormatVersion]');
  });

  test('2.0 is refused on an AWS service integration (a subtype)', () => {
    const { stack, api } = httpApiStack();
    expect(errorOf(() => new HttpIntegration(stack, 'Integration', {
      httpApi: api, integrationType: HttpIntegrationType.AWS_PROXY, integrationSubtype: HttpIntegrationSubtype.SQS_SEND_MESSAGE,
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    })).message).toMatch(/on an AWS service integration \(`integrationSubtype` SQS-SendMessage\): only Lambda proxy integrations take '2.0'/);
  });

  test('valid neighbours: 1.0 on HTTP_PROXY and service integrations, 2.0 on a Lambda proxy, and a token version', () => {
    const { stack, api } = httpApiStack();
    urlIntegration(stack, api, { payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 });
    new HttpIntegration(stack, 'Sqs', {
      httpApi: api, integrationType: HttpIntegrationType.AWS_PROXY, integrationSubtype: HttpIntegrationSubtype.SQS_SEND_MESSAGE,
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
    });
    new HttpIntegration(stack, 'Lambda', {
      httpApi: api, integrationType: HttpIntegrationType.AWS_PROXY, integrationUri: 'arn:aws:lambda:us-east-1:111111111111:function:f',
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    new HttpIntegration(stack, 'Token', {
      httpApi: api, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: 'https://backend.example.com',
      payloadFormatVersion: PayloadFormatVersion.custom(Lazy.string({ produce: () => '2.0' })),
    });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 4);
    expect(warnings(stack, 'payloadFormatVersionUnknown')).toEqual([]);
  });

  test('a custom version other than 1.0 and 2.0 is warned about, not refused', () => {
    const { stack, api } = httpApiStack();
    urlIntegration(stack, api, { payloadFormatVersion: PayloadFormatVersion.custom('1.1') });
    expect(warnings(stack, 'payloadFormatVersionUnknown')).toEqual([
      '`payloadFormatVersion` \'1.1\' is not one API Gateway documents: it takes \'1.0\', and \'2.0\' for Lambda proxy integrations; '
      + 'use PayloadFormatVersion.VERSION_1_0 or VERSION_2_0 unless AWS has added this version [ack: cdk-apigatewayv2:payloadFormatVersionUnknown]',
    ]);
  });

  test('VERSION_2_0 is rendered as 2.0', () => {
    const { stack, api } = httpApiStack();
    urlIntegration(stack, api, { integrationType: HttpIntegrationType.AWS_PROXY, payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 });
    expect(integrationProps(stack).PayloadFormatVersion).toBe('2.0');
  });
});

describe('HttpRouteIntegration', () => {
  test('one integration object creates one Integration, under the first route, with its id', () => {
    const { stack, api } = httpApiStack();
    const integration = new RecordingUrlIntegration('Backend');
    const [first, second] = api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration });

    expect(integration.bindCount).toBe(1);
    const created = first.node.tryFindChild('Backend');
    expect(created).toBeInstanceOf(HttpIntegration);
    expect(second.node.tryFindChild('Backend')).toBeUndefined();

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    const target = { 'Fn::Join': ['', ['integrations/', { Ref: stack.getLogicalId((created as HttpIntegration).node.defaultChild as any) }]] };
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /books', Target: target });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /books', Target: target });
  });

  test('two integration objects with the same config create two Integrations when the API opts out of sharing', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false, shareIntegrations: false });
    api.addRoutes({ path: '/a', integration: new HttpUrlIntegration('A', BACKEND) });
    api.addRoutes({ path: '/b', integration: new HttpUrlIntegration('B', BACKEND) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });

  test('binding one integration object to a second API is refused, saying to create another', () => {
    const stack = newStack();
    const first = new HttpApi(stack, 'First');
    const second = new HttpApi(stack, 'Second');
    const integration = new RecordingUrlIntegration('Backend');
    first.addRoutes({ path: '/a', integration });
    const error = errorOf(() => second.addRoutes({ path: '/a', integration }));
    expect(error.message).toContain('integration \'Backend\' already serves the API at Stack/First');
    expect(error.message).toContain('create another one for this API');
  });

  test('completeBind runs on every route bind; bind runs once', () => {
    const calls: string[] = [];
    class Tracking extends HttpRouteIntegration {
      public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
        calls.push('bind');
        return { type: HttpIntegrationType.HTTP_PROXY, uri: 'https://example.com', method: HttpMethod.ANY, payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 };
      }
      protected completeBind(options: HttpRouteIntegrationBindOptions): void {
        calls.push(`complete ${options.route.path}`);
      }
    }
    const { api } = httpApiStack();
    const integration = new Tracking('Tracking');
    api.addRoutes({ path: '/a', integration });
    api.addRoutes({ path: '/b', integration });
    expect(calls).toEqual(['bind', 'complete /a', 'complete /b']);
  });

  test('every config field reaches the Integration', () => {
    const { stack, api } = httpApiStack();
    class Full extends HttpRouteIntegration {
      public bind(): HttpRouteIntegrationConfig {
        return {
          type: HttpIntegrationType.HTTP_PROXY,
          uri: 'arn:aws:servicediscovery:us-east-1:111111111111:service/srv-1',
          method: HttpMethod.GET,
          connectionId: 'vpclink-1',
          connectionType: HttpConnectionType.VPC_LINK,
          payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
          secureServerName: 'internal.example.com',
          timeout: Duration.seconds(5),
          parameterMapping: new ParameterMapping().removeHeader('x-secret'),
          credentials: IntegrationCredentials.useCallerIdentity(),
        };
      }
    }
    api.addRoutes({ path: '/a', methods: [HttpMethod.GET], integration: new Full('Full') });
    expect(integrationProps(stack)).toEqual({
      ApiId: { Ref: 'ApiF70053CD' },
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'arn:aws:servicediscovery:us-east-1:111111111111:service/srv-1',
      IntegrationMethod: 'GET',
      ConnectionId: 'vpclink-1',
      ConnectionType: 'VPC_LINK',
      PayloadFormatVersion: '1.0',
      TlsConfig: { ServerNameToVerify: 'internal.example.com' },
      TimeoutInMillis: 5000,
      RequestParameters: { 'remove:header.x-secret': '' },
      CredentialsArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:user/*']] },
    });
  });

  test('a config with an out-of-range timeout is refused when the route binds it', () => {
    const { api } = httpApiStack();
    class TooSlow extends HttpRouteIntegration {
      public bind(): HttpRouteIntegrationConfig {
        return { type: HttpIntegrationType.HTTP_PROXY, uri: 'https://example.com', payloadFormatVersion: PayloadFormatVersion.VERSION_1_0, timeout: Duration.seconds(31) };
      }
    }
    expect(() => api.addRoutes({ path: '/a', integration: new TooSlow('TooSlow') })).toThrow(/`timeout` 31 seconds: HTTP API integrations allow 50 ms to 30 s/);
  });
});

describe('checks of the integration itself', () => {
  const base = (stack: Stack) => ({ httpApi: new HttpApi(stack, 'Api', { createDefaultStage: false }), payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 });

  test('a subtype on an HTTP_PROXY integration is refused; on AWS_PROXY it passes', () => {
    const stack = newStack();
    expect(() => new HttpIntegration(stack, 'Bad', {
      ...base(stack), integrationType: HttpIntegrationType.HTTP_PROXY, integrationSubtype: HttpIntegrationSubtype.SQS_SEND_MESSAGE,
    })).toThrow('`integrationSubtype` SQS-SendMessage needs `integrationType` AWS_PROXY, not HTTP_PROXY');
    const other = newStack();
    expect(() => new HttpIntegration(other, 'Good', {
      ...base(other), integrationType: HttpIntegrationType.AWS_PROXY, integrationSubtype: HttpIntegrationSubtype.SQS_SEND_MESSAGE,
    })).not.toThrow();
  });

  test('an HTTP_PROXY URI over the internet must be an absolute http(s) URL; a VPC link takes an ARN', () => {
    const stack = newStack();
    const props = base(stack);
    expect(() => new HttpIntegration(stack, 'Bad', { ...props, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: 'backend.example.com' }))
      .toThrow("invalid `integrationUri` 'backend.example.com' of an HTTP_PROXY integration over the internet");
    expect(() => new HttpIntegration(stack, 'Url', { ...props, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: 'https://backend.example.com/{proxy}' }))
      .not.toThrow();
    expect(() => new HttpIntegration(stack, 'Private', {
      ...props, integrationType: HttpIntegrationType.HTTP_PROXY, connectionType: HttpConnectionType.VPC_LINK, connectionId: 'vl-1',
      integrationUri: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1/2',
    })).not.toThrow();
  });

  test('a URL that a stage variable begins is warned about, not refused; one with its own scheme is not', () => {
    const stack = newStack();
    const props = base(stack);
    new HttpIntegration(stack, 'Whole', { ...props, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: '${stageVariables.url}' });
    new HttpIntegration(stack, 'Start', { ...props, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: '${stageVariables.url}/books' });
    new HttpIntegration(stack, 'Scheme', { ...props, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: 'https://${stageVariables.host}/books' });
    const warned = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('stageVariableUrl'));
    expect(warned.map(w => w.id)).toEqual(['/Stack/Whole', '/Stack/Start']);
    expect(warned[0].entry.data).toMatch(/^`integrationUri` '\$\{stageVariables.url\}' begins with a stage variable, so its scheme comes from the variable/);
    expect(() => new HttpIntegration(stack, 'Bad', { ...props, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: '{stageVariables.url}' }))
      .toThrow(/invalid `integrationUri`/);
  });
});

describe('parameter mapping rules', () => {
  const integrate = (mapping: ParameterMapping) => {
    const stack = newStack();
    return () => new HttpIntegration(stack, 'Integration', {
      httpApi: new HttpApi(stack, 'Api', { createDefaultStage: false }),
      integrationType: HttpIntegrationType.HTTP_PROXY,
      integrationUri: 'https://backend.example.com',
      parameterMapping: mapping,
    });
  };

  test.each([
    ['append:header.x-user', '$context.authorizer.claims.sub'],
    ['overwrite:header.X-Tenant', 'acme'],
    ['remove:header.x-debug', ''],
    ['overwrite:querystring.page', '$request.querystring.p'],
    ['overwrite:path', '/v2$request.path'],
    ['overwrite:path', '$request.path'],
    ['overwrite:header.x-id', '$request.path.id'],
    ['overwrite:header.x-body', '$request.body.user.name'],
    ['overwrite:header.x-stage', '$stageVariables.backend_host'],
    ['overwrite:header.x-both', '${request.path.id}-${context.requestId}'],
  ])('%p = %p passes', (key, value) => {
    expect(integrate(new ParameterMapping().custom(key, value))).not.toThrow();
  });

  test.each([
    ['set:header.x-a', 'v', 'invalid `parameterMapping` key \'set:header.x-a\''],
    ['remove:path', '', 'invalid `parameterMapping` key \'remove:path\''],
    ['overwrite:body', 'x', 'invalid `parameterMapping` key \'overwrite:body\''],
    ['overwrite:header.Authorization', 'x', 'API Gateway reserves the header \'Authorization\''],
    ['append:header.X-Amz-Date', 'x', 'API Gateway reserves the header \'X-Amz-Date\''],
    ['overwrite:header.access-control-allow-origin', '*', 'API Gateway reserves the header'],
    ['overwrite:header.x-a', '$request.foo', 'invalid `parameterMapping` value \'$request.foo\''],
    ['overwrite:header.x-a', '$context.a-b', 'invalid `parameterMapping` value \'$context.a-b\''],
    ['overwrite:header.x-a', '$stageVariables.my-var', 'invalid `parameterMapping` value \'$stageVariables.my-var\''],
  ])('%p = %p is refused', (key, value, message) => {
    expect(integrate(new ParameterMapping().custom(key, value))).toThrow(message);
  });

  describe('names holding \'.\' or \':\' (warned: the docs do not say how API Gateway splits them)', () => {
    function separatorWarnings(key: string): { id: string; data: string }[] {
      const create = integrate(new ParameterMapping().custom(key, 'v'));
      const integration = create();
      return Annotations.fromStack(integration.stack).findWarning('*', Match.stringLikeRegexp('parameterMappingNameSeparator'))
        .map(w => ({ id: w.id, data: String(w.entry.data) }));
    }

    test.each([
      ['append:querystring.filter.name', 'filter.name', '.'],
      ['overwrite:header.x:trace', 'x:trace', ':'],
    ])('%p is warned about', (key, name, separator) => {
      expect(separatorWarnings(key)).toEqual([{
        id: '/Stack/Integration',
        data: `\`parameterMapping\` key '${key}' names '${name}', which holds '${separator}': the key uses ':' and '.' as its own separators, `
          + 'and API Gateway does not document how it reads a name that holds them; check the mapping after deploying, or use a name without them '
          + '[ack: cdk-apigatewayv2:parameterMappingNameSeparator]',
      }]);
    });

    test.each(['append:querystring.filter_name', 'overwrite:header.x-trace', 'overwrite:path'])('valid neighbour %p is not', (key) => {
      expect(separatorWarnings(key)).toEqual([]);
    });
  });

  test('an AWS service integration\'s named parameters are not header mappings', () => {
    const stack = newStack();
    expect(() => new HttpIntegration(stack, 'Sqs', {
      httpApi: new HttpApi(stack, 'Api', { createDefaultStage: false }),
      integrationType: HttpIntegrationType.AWS_PROXY,
      integrationSubtype: HttpIntegrationSubtype.SQS_SEND_MESSAGE,
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
      parameterMapping: new ParameterMapping().custom('QueueUrl', 'https://sqs.example.com/q').custom('MessageBody', '$request.body'),
    })).not.toThrow();
  });
});
