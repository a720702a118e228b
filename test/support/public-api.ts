import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aws, CfnParameter, Duration, Fn, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as lib from '../../lib';
import * as authorizers from '../../lib/authorizers';
import * as integrations from '../../lib/integrations';
import { lambdaFunction } from './resources';

/*
 * A driver for every public constructor, method and static method of the library, read from
 * its jsii assembly: a valid call of each (its baseline), built from the declared types, and the
 * places (arguments, and props of struct arguments) where one value can be replaced.
 */

const ROOT = path.join(__dirname, '..', '..');
const PREFIX = 'cdk-apigatewayv2.';

/** A jsii type reference. */
export interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}

interface Parameter { readonly name: string; readonly type: TypeRef; readonly optional?: boolean; readonly variadic?: boolean }
interface Callable { readonly name?: string; readonly parameters?: Parameter[]; readonly static?: boolean; readonly protected?: boolean }
interface Property { readonly name: string; readonly type: TypeRef; readonly optional?: boolean; readonly immutable?: boolean; readonly static?: boolean }
interface JsiiType {
  readonly fqn: string;
  readonly kind: 'class' | 'interface' | 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly abstract?: boolean;
  readonly datatype?: boolean;
  readonly base?: string;
  readonly interfaces?: string[];
  readonly initializer?: Callable;
  readonly methods?: Callable[];
  readonly properties?: Property[];
  readonly members?: Array<{ readonly name: string }>;
}

/** The library's jsii assembly (`npm run compile` writes it). */
export function readAssembly(): Record<string, JsiiType> {
  const file = path.join(ROOT, '.jsii');
  if (!fs.existsSync(file)) {
    throw new Error('no jsii assembly: run `npm run compile` before this test (npm test does)');
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')).types;
}

/** One public entry point: a constructor, a method or a static method. */
export interface Entry {
  /** e.g. `HttpApi.new`, `HttpApiBase.addRoutes`, `HttpRouteKey.with`. */
  readonly name: string;
  readonly type: JsiiType;
  readonly callable: Callable;
  readonly kind: 'constructor' | 'method' | 'static';
}

/** Every public constructor (of a concrete class), method and static method of the assembly. */
export function entriesOf(types: Record<string, JsiiType>): Entry[] {
  const entries: Entry[] = [];
  for (const type of Object.values(types)) {
    if (type.kind !== 'class') continue;
    const short = type.fqn.slice(PREFIX.length);
    if (type.initializer && !type.abstract) entries.push({ name: `${short}.new`, type, callable: type.initializer, kind: 'constructor' });
    for (const method of type.methods ?? []) {
      if (method.protected) continue;
      entries.push({ name: `${short}.${method.name}`, type, callable: method, kind: method.static ? 'static' : 'method' });
    }
  }
  return entries;
}

/** Where a value is replaced: an argument, or a prop path under a struct argument. */
export type Place = Array<string | number>;

/** What a place holds: its declared type and how it is named. */
export interface Target {
  readonly place: Place;
  readonly type: TypeRef;
  /** e.g. `props.defaultStageOptions.stageName`. */
  readonly label: string;
}

/** The class (or object) a value of `fqn` is created from, in the context of one call. */
export class Builder {
  private count = 0;
  public readonly app: App;
  public readonly stack: Stack;

  constructor(private readonly types: Record<string, JsiiType>) {
    this.app = new App();
    this.stack = new Stack(this.app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  }

  /** A fresh construct id. */
  public id(prefix = 'C'): string {
    this.count += 1;
    return `${prefix}${this.count}`;
  }

  /** A valid value of `type` for the parameter or prop named `name`, with only required props. */
  public value(type: TypeRef, name: string, owner: string): unknown {
    if (type.primitive) return this.primitive(type.primitive, name, owner);
    if (type.collection) {
      const element = this.value(type.collection.elementtype, name, owner);
      return type.collection.kind === 'array' ? [element] : { [mapKey(name)]: element };
    }
    if (type.union) return this.value(type.union.types[0], name, owner);
    return this.ofFqn(type.fqn!, name, owner);
  }

  /** The arguments of a valid call of `entry`: its required parameters (optional ones left out). */
  public args(entry: Entry): unknown[] {
    const owner = entry.type.fqn.slice(PREFIX.length);
    const override = ARGUMENTS[`${owner}.${entry.callable.name ?? 'new'}`];
    if (override) return override(this) as unknown[];
    return (entry.callable.parameters ?? []).map(p => p.optional ? undefined : this.value(p.type, p.name, `${owner}.${entry.callable.name ?? 'new'}`));
  }

  /** A struct of `fqn` with its required props. */
  public struct(fqn: string): Record<string, unknown> {
    const override = STRUCTS[fqn.slice(PREFIX.length)];
    if (override) return override(this) as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const prop of allProperties(this.types, fqn)) {
      if (!prop.optional) result[prop.name] = this.value(prop.type, prop.name, `${fqn}.${prop.name}`);
    }
    return result;
  }

  /** An instance of class `fqn` (or of a concrete subclass of it, for an abstract one). */
  public instance(fqn: string): unknown {
    const short = fqn.slice(PREFIX.length);
    const factory = INSTANCES[short];
    if (factory) return factory(this);
    const type = this.types[fqn];
    const concrete = type.abstract || !type.initializer ? concreteSubclass(this.types, fqn) : type;
    if (!concrete) throw new Error(`no concrete class for ${fqn}: add one to INSTANCES`);
    const entry: Entry = { name: `${concrete.fqn}.new`, type: concrete, callable: concrete.initializer!, kind: 'constructor' };
    const Class = classOf(concrete.fqn) as new (...args: unknown[]) => unknown;
    return new Class(...this.args(entry));
  }

  private primitive(kind: string, name: string, owner: string): unknown {
    switch (kind) {
      case 'string': return STRINGS[`${owner}`] ?? STRINGS[name] ?? this.id('v');
      case 'number': return NUMBERS[name] ?? 10;
      case 'boolean': return false;
      case 'json': case 'any': return ANY[owner] ? ANY[owner](this) : {};
      case 'date': return new Date(0);
      default: throw new Error(`unknown primitive ${kind}`);
    }
  }

  private ofFqn(fqn: string, name: string, owner: string): unknown {
    if (fqn === 'constructs.Construct' || fqn === 'constructs.IConstruct') return this.stack;
    const external = EXTERNAL[fqn];
    if (external) return external(this);
    if (!fqn.startsWith(PREFIX)) throw new Error(`no value for ${fqn} (${owner}): add one to EXTERNAL`);
    const type = this.types[fqn];
    if (!type) throw new Error(`unknown type ${fqn}`);
    if (type.kind === 'enum') return (classOf(fqn) as Record<string, unknown>)[type.members![0].name];
    if (type.kind === 'interface' && type.datatype) return this.struct(fqn);
    if (type.kind === 'interface') {
      const factory = INTERFACES[fqn.slice(PREFIX.length)];
      if (!factory) throw new Error(`no value for interface ${fqn} (${owner}.${name}): add one to INTERFACES`);
      return factory(this);
    }
    return this.instance(fqn);
  }
}

/** Every prop of a struct, with those of the structs it extends. */
export function allProperties(types: Record<string, JsiiType>, fqn: string): Property[] {
  const type = types[fqn];
  if (!type) return [];
  const inherited = (type.interfaces ?? []).flatMap(i => allProperties(types, i));
  const own = type.properties ?? [];
  return [...inherited.filter(p => !own.some(o => o.name === p.name)), ...own];
}

function concreteSubclass(types: Record<string, JsiiType>, fqn: string): JsiiType | undefined {
  const extendsIt = (t: JsiiType): boolean => t.base === fqn || (t.base !== undefined && types[t.base] !== undefined && extendsIt(types[t.base]));
  return Object.values(types).find(t => t.kind === 'class' && !t.abstract && t.initializer && extendsIt(t));
}

/** The JavaScript class (or enum object) of `fqn`. */
export function classOf(fqn: string): unknown {
  const name = fqn.slice(PREFIX.length);
  const [first, second] = name.split('.');
  if (second) return (first === 'integrations' ? integrations : authorizers as Record<string, unknown>)[second as keyof typeof integrations];
  return (lib as Record<string, unknown>)[first];
}

function mapKey(name: string): string {
  return name === 'stageVariables' ? 'var1' : name === 'requestParameters' ? 'route.request.header.A' : 'key1';
}

/** The targets of `entry`: each argument, and each prop (four levels deep, first array element) of its struct arguments. */
export function targetsOf(types: Record<string, JsiiType>, entry: Entry): Target[] {
  const targets: Target[] = [];
  const visit = (place: Place, type: TypeRef, label: string, depth: number): void => {
    targets.push({ place, type, label });
    if (depth >= 4) return;
    let struct = type;
    let elementPlace = place;
    if (type.collection?.kind === 'array') {
      struct = type.collection.elementtype;
      elementPlace = [...place, 0];
    }
    const t = struct.fqn ? types[struct.fqn] : undefined;
    if (!t || t.kind !== 'interface' || !t.datatype) return;
    for (const prop of allProperties(types, t.fqn)) {
      visit([...elementPlace, prop.name], prop.type, `${label}${elementPlace.length > place.length ? '[0]' : ''}.${prop.name}`, depth + 1);
    }
  };
  (entry.callable.parameters ?? []).forEach((p, i) => visit([i], p.type, p.name, 0));
  return targets;
}

/** Sets `value` at `place` in `args`, creating the structs (with their required props) and arrays on the way. */
export function place(builder: Builder, types: Record<string, JsiiType>, entry: Entry, args: unknown[], at: Place, value: unknown): void {
  let container: Record<string | number, unknown> = args as unknown as Record<number, unknown>;
  let type: TypeRef | undefined;
  const params = entry.callable.parameters ?? [];
  for (let i = 0; i < at.length - 1; i++) {
    const key = at[i];
    type = i === 0 ? params[key as number].type : nextType(types, type!, key);
    if (container[key] === undefined || container[key] === null) {
      container[key] = type.collection?.kind === 'array' ? [] : type.fqn && types[type.fqn]?.datatype ? builder.struct(type.fqn) : {};
    } else if (Array.isArray(container[key])) {
      container[key] = [...container[key] as unknown[]];
    } else if (typeof container[key] === 'object') {
      container[key] = { ...container[key] as object };
    }
    const next = container[key] as Record<string | number, unknown>;
    if (Array.isArray(next) && next.length === 0 && typeof at[i + 1] === 'number') {
      const element = type.collection!.elementtype;
      next.push(element.fqn && types[element.fqn]?.datatype ? builder.struct(element.fqn) : builder.value(element, String(key), entry.name));
    }
    container = next;
  }
  container[at[at.length - 1]] = value;
}

function nextType(types: Record<string, JsiiType>, type: TypeRef, key: string | number): TypeRef {
  if (typeof key === 'number') return type.collection!.elementtype;
  return allProperties(types, type.fqn!).find(p => p.name === key)!.type;
}

/** Whether `type` is (or may be) a string, or a number: where tokens belong. */
export function takes(type: TypeRef, primitive: 'string' | 'number'): boolean {
  if (type.primitive === primitive) return true;
  return type.union?.types.some(t => takes(t, primitive)) ?? false;
}

/** The edge values every place gets, from JavaScript callers that no compiler checks. */
export function edgeValues(): Array<{ label: string; make: (b: Builder) => unknown }> {
  return [
    { label: 'undefined', make: () => undefined },
    { label: 'null', make: () => null },
    { label: "''", make: () => '' },
    { label: 'NaN', make: () => Number.NaN },
    { label: 'Infinity', make: () => Infinity },
    { label: '-Infinity', make: () => -Infinity },
  ];
}

/** Unresolved tokens of strings and numbers, as apps pass them. */
export function tokenValues(kind: 'string' | 'number'): Array<{ label: string; make: (b: Builder) => unknown }> {
  return kind === 'string' ? [
    { label: 'Lazy.string', make: () => Lazy.string({ produce: () => 'lazy' }) },
    { label: 'CfnParameter string', make: b => new CfnParameter(b.stack, b.id('P')).valueAsString },
    { label: 'Aws.REGION', make: () => Aws.REGION },
    { label: 'Fn.importValue', make: () => Fn.importValue('Exported') },
  ] : [
    { label: 'Lazy.number', make: () => Lazy.number({ produce: () => 1 }) },
    { label: 'CfnParameter number', make: b => new CfnParameter(b.stack, b.id('P'), { type: 'Number' }).valueAsNumber },
  ];
}

// ---------------------------------------------------------------------------------------------
// Valid values. Most come from the declared types; these tables give what a type cannot tell.

type Make = (b: Builder) => unknown;

/** Strings by the name of their parameter or prop (or `Owner.method.param` / `Struct.prop`). */
const STRINGS: Record<string, string> = {
  url: 'https://backend.example.com/path',
  jwtIssuer: 'https://issuer.example.com',
  path: '/books',
  routeKey: 'GET /books',
  'WebSocketApiBase.addRoute': 'sendmessage',
  'WebSocketStage.addRouteSettings': 'send',
  stageName: 'prod',
  domainName: 'api.example.com',
  name: 'name1',
  variableName: 'var1',
  value: 'value1',
  key: 'key1',
  file: documentFile(),
  pattern: '2\\d\\d',
  version: '1.0',
  customApiKeySelector: '$request.header.x-api-key',
  metricName: 'Count',
  method: 'GET',
  apiId: 'abc123',
  apiMappingId: 'map123',
  apiKeyId: 'key123',
  usagePlanId: 'plan123',
  vpcLinkId: 'link123',
  authorizerId: 'auth123',
  authorizerType: 'REQUEST',
  apiEndpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com',
  regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com',
  regionalHostedZoneId: 'Z2FDTNDATAQYW2',
  identitySource: '$request.header.Authorization',
  integrationUri: 'https://backend.example.com',
  responseKey: '$default',
  fileName: 'openapi.json',
};

/** An OpenAPI document on disk, for `fromFile` and `fromAsset`. */
function documentFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'public-api-')), 'openapi.json');
  fs.writeFileSync(file, JSON.stringify({ openapi: '3.0.1', info: { title: 'a', version: '1' }, paths: {} }));
  return file;
}

const NUMBERS: Record<string, number> = { statusCode: 200 };

const ANY: Record<string, Make> = {
  'HttpApiDefinition.fromInline': () => ({ openapi: '3.0.1', info: { title: 'a', version: '1' }, paths: {} }),
};

/** Values of aws-cdk-lib's types. */
const EXTERNAL: Record<string, Make> = {
  'aws-cdk-lib.Duration': () => Duration.seconds(10),
  'aws-cdk-lib.RemovalPolicy': () => RemovalPolicy.DESTROY,
  'aws-cdk-lib.ResourceProps': () => ({}),
  'aws-cdk-lib.aws_apigateway.AccessLogFormat': () => apigateway.AccessLogFormat.clf(),
  'aws-cdk-lib.aws_appconfig.IApplication': b => appconfig.Application.fromApplicationId(b.stack, b.id('App'), 'app1'),
  'aws-cdk-lib.aws_appconfig.IConfiguration': b => {
    const application = appconfig.Application.fromApplicationId(b.stack, b.id('App'), 'app1');
    return new appconfig.HostedConfiguration(b.stack, b.id('Conf'), { application, content: appconfig.ConfigurationContent.fromInlineText('x') });
  },
  'aws-cdk-lib.aws_appconfig.IEnvironment': b => appconfig.Environment.fromEnvironmentAttributes(b.stack, b.id('Env'), {
    application: appconfig.Application.fromApplicationId(b.stack, b.id('App'), 'app1'), environmentId: 'env1',
  }),
  'aws-cdk-lib.aws_cloudwatch.MetricOptions': () => ({}),
  'aws-cdk-lib.aws_cognito.IUserPool': b => new cognito.UserPool(b.stack, b.id('Pool')),
  'aws-cdk-lib.aws_cognito.IUserPoolClient': b => cognito.UserPoolClient.fromUserPoolClientId(b.stack, b.id('Client'), 'client1'),
  'aws-cdk-lib.aws_ec2.IVpc': b => new ec2.Vpc(b.stack, b.id('Vpc'), { maxAzs: 1 }),
  'aws-cdk-lib.aws_ec2.SubnetSelection': () => ({}),
  'aws-cdk-lib.aws_elasticloadbalancingv2.IApplicationListener': b => {
    const vpc = new ec2.Vpc(b.stack, b.id('Vpc'), { maxAzs: 2 });
    const alb = new elbv2.ApplicationLoadBalancer(b.stack, b.id('Alb'), { vpc });
    return alb.addListener(b.id('L'), { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
  },
  'aws-cdk-lib.aws_elasticloadbalancingv2.INetworkListener': b => {
    const vpc = new ec2.Vpc(b.stack, b.id('Vpc'), { maxAzs: 1 });
    const nlb = new elbv2.NetworkLoadBalancer(b.stack, b.id('Nlb'), { vpc });
    return nlb.addListener(b.id('L'), { port: 80, defaultTargetGroups: [new elbv2.NetworkTargetGroup(b.stack, b.id('Tg'), { vpc, port: 80 })] });
  },
  'aws-cdk-lib.aws_iam.IGrantable': b => new iam.Role(b.stack, b.id('Role'), { assumedBy: new iam.AccountRootPrincipal() }),
  'aws-cdk-lib.aws_kinesis.IStream': b => kinesis.Stream.fromStreamArn(b.stack, b.id('Stream'), 'arn:aws:kinesis:us-east-1:111111111111:stream/s'),
  'aws-cdk-lib.aws_lambda.IFunction': b => lambdaFunction(b.stack, b.id('Fn')),
  'aws-cdk-lib.aws_route53.IHostedZone': b => route53.HostedZone.fromHostedZoneAttributes(b.stack, b.id('Zone'), { hostedZoneId: 'Z1', zoneName: 'example.com' }),
  'aws-cdk-lib.aws_s3.IBucket': b => s3.Bucket.fromBucketName(b.stack, b.id('Bucket'), 'bucket1'),
  'aws-cdk-lib.aws_s3_assets.AssetOptions': () => ({}),
  'aws-cdk-lib.aws_sqs.IQueue': b => sqs.Queue.fromQueueArn(b.stack, b.id('Queue'), 'arn:aws:sqs:us-east-1:111111111111:q'),
  'aws-cdk-lib.aws_stepfunctions.StateMachine': b => new sfn.StateMachine(b.stack, b.id('Sm'), {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(b.stack, b.id('Pass'))), stateMachineType: sfn.StateMachineType.EXPRESS,
  }),
  'aws-cdk-lib.aws_apigatewayv2.CfnApi': b => new CfnApi(b.stack, b.id('CfnApi'), { name: 'a', protocolType: 'HTTP' }),
  'aws-cdk-lib.interfaces.aws_apigateway.IApiKeyRef': b => new apigateway.ApiKey(b.stack, b.id('Key')),
  'aws-cdk-lib.interfaces.aws_apigateway.IVpcLinkRef': b => apigateway.VpcLink.fromVpcLinkId(b.stack, b.id('Link'), 'link1'),
  'aws-cdk-lib.interfaces.aws_apigatewayv2.IApiRef': b => new lib.HttpApi(b.stack, b.id('Api')),
  'aws-cdk-lib.interfaces.aws_apigatewayv2.IDomainNameRef': b => domain(b),
  'aws-cdk-lib.interfaces.aws_certificatemanager.ICertificateRef': b => acm.Certificate.fromCertificateArn(b.stack, b.id('Cert'),
    'arn:aws:acm:us-east-1:111111111111:certificate/abc'),
  'aws-cdk-lib.interfaces.aws_ec2.ISecurityGroupRef': b => ec2.SecurityGroup.fromSecurityGroupId(b.stack, b.id('Sg'), 'sg-123'),
  'aws-cdk-lib.interfaces.aws_ec2.ISubnetRef': b => ec2.Subnet.fromSubnetId(b.stack, b.id('Subnet'), 'subnet-123'),
  'aws-cdk-lib.interfaces.aws_events.EventBusReference': b => ({ eventBusArn: events.EventBus.fromEventBusName(b.stack, b.id('Bus'), 'bus').eventBusArn, eventBusName: 'bus' }),
  'aws-cdk-lib.interfaces.aws_iam.IRoleRef': b => new iam.Role(b.stack, b.id('Role'), { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') }),
  'aws-cdk-lib.interfaces.aws_logs.ILogGroupRef': b => new logs.LogGroup(b.stack, b.id('Logs')),
  'aws-cdk-lib.interfaces.aws_servicediscovery.IServiceRef': b => {
    const ns = new servicediscovery.PrivateDnsNamespace(b.stack, b.id('Ns'), { name: 'example.local', vpc: new ec2.Vpc(b.stack, b.id('Vpc'), { maxAzs: 1 }) });
    return ns.createService(b.id('Svc'));
  },
};

function domain(b: Builder): lib.DomainName {
  return new lib.DomainName(b.stack, b.id('Domain'), {
    domainName: `${b.id('d').toLowerCase()}.example.com`,
    certificate: acm.Certificate.fromCertificateArn(b.stack, b.id('Cert'), 'arn:aws:acm:us-east-1:111111111111:certificate/abc'),
  });
}

/** Values of the library's behavioural interfaces. */
const INTERFACES: Record<string, Make> = {
  IAccessLogDestination: b => new lib.LogGroupLogDestination(new logs.LogGroup(b.stack, b.id('Logs'))),
  IStage: b => new lib.HttpApi(b.stack, b.id('Api')).defaultStage,
  IHttpRouteAuthorizer: () => new lib.HttpNoneAuthorizer(),
  IHttpApi: b => new lib.HttpApi(b.stack, b.id('Api')),
  IHttpApiRef: b => new lib.HttpApi(b.stack, b.id('Api')),
  IHttpRoute: b => new lib.HttpApi(b.stack, b.id('Api')).addRoutes({ path: '/books', integration: new integrations.HttpUrlIntegration(b.id('I'), 'https://example.com') })[0],
  IWebSocketApi: b => new lib.WebSocketApi(b.stack, b.id('Ws')),
  IWebSocketApiRef: b => new lib.WebSocketApi(b.stack, b.id('Ws')),
  IWebSocketStage: b => new lib.WebSocketStage(b.stack, b.id('WsStage'), { webSocketApi: new lib.WebSocketApi(b.stack, b.id('Ws')), stageName: 'prod' }),
  IWebSocketRouteAuthorizer: () => new lib.WebSocketNoneAuthorizer(),
  IWebSocketIntegration: b => new lib.WebSocketIntegration(b.stack, b.id('WsInt'), {
    webSocketApi: new lib.WebSocketApi(b.stack, b.id('Ws')), integrationType: lib.WebSocketIntegrationType.MOCK, integrationUri: '',
  }),
  IWebSocketRoute: b => new lib.WebSocketApi(b.stack, b.id('Ws')).addRoute('send', { integration: new integrations.WebSocketMockIntegration(b.id('M')) }),
};

/** Instances of classes whose constructor alone does not give a useful one. */
const INSTANCES: Record<string, Make> = {
  HttpRouteIntegration: b => new integrations.HttpUrlIntegration(b.id('I'), 'https://example.com'),
  WebSocketRouteIntegration: b => new integrations.WebSocketMockIntegration(b.id('M')),
  HttpRouteKey: () => lib.HttpRouteKey.with('/books', lib.HttpMethod.GET),
  MappingValue: () => lib.MappingValue.requestHeader('h'),
  ParameterMapping: () => new lib.ParameterMapping(),
  HttpApiDefinition: () => lib.HttpApiDefinition.fromInline({ openapi: '3.0.1', info: { title: 'a', version: '1' }, paths: {} }),
  PayloadFormatVersion: () => lib.PayloadFormatVersion.VERSION_2_0,
  WebSocketIntegrationResponseKey: () => lib.WebSocketIntegrationResponseKey.DEFAULT,
  IntegrationCredentials: () => lib.IntegrationCredentials.useCallerIdentity(),
  HttpApiHelper: b => lib.HttpApiHelper.fromHttpApi(new lib.HttpApi(b.stack, b.id('Api'))),
  DomainName: b => domain(b),
  WebSocketApiKeySelectionExpression: () => lib.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
  HttpStage: b => {
    const httpApi = new lib.HttpApi(b.stack, b.id('Api'));
    httpApi.addRoutes({ path: '/books', methods: [lib.HttpMethod.GET], integration: new integrations.HttpUrlIntegration(b.id('I'), 'https://example.com') });
    return new lib.HttpStage(b.stack, b.id('Stage'), { httpApi, stageName: 'prod' });
  },
  WebSocketStage: b => {
    const webSocketApi = new lib.WebSocketApi(b.stack, b.id('Ws'));
    webSocketApi.addRoute('send', { integration: new integrations.WebSocketMockIntegration(b.id('M')) });
    return new lib.WebSocketStage(b.stack, b.id('WsStage'), { webSocketApi, stageName: 'prod' });
  },
  HttpRoute: b => new lib.HttpApi(b.stack, b.id('Api')).addRoutes({
    path: '/books', integration: new integrations.HttpUrlIntegration(b.id('I'), 'https://example.com'), authorizer: new authorizers.HttpIamAuthorizer(),
  })[0],
  'integrations.HttpServiceDiscoveryIntegration': b => new integrations.HttpServiceDiscoveryIntegration(b.id('I'),
    EXTERNAL['aws-cdk-lib.interfaces.aws_servicediscovery.IServiceRef'](b) as never,
    { vpcLink: new lib.VpcLink(b.stack, b.id('Link'), { vpc: EXTERNAL['aws-cdk-lib.aws_ec2.IVpc'](b) as ec2.IVpc }) }),
  'integrations.HttpAppConfigIntegration': b => new integrations.HttpAppConfigIntegration(b.id('I'), b.struct(`${PREFIX}integrations.HttpAppConfigIntegrationProps`) as never),
};

/** Structs whose required props alone are not a valid value. */
const STRUCTS: Record<string, Make> = {
  HttpAuthorizerProps: b => ({ httpApi: new lib.HttpApi(b.stack, b.id('Api')), type: lib.HttpAuthorizerType.LAMBDA, identitySource: ['$request.header.Authorization'],
    authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:f/invocations' }),
  WebSocketAuthorizerProps: b => ({ webSocketApi: new lib.WebSocketApi(b.stack, b.id('Ws')), type: lib.WebSocketAuthorizerType.LAMBDA, identitySource: ['route.request.header.Authorization'],
    authorizerUri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:f/invocations' }),
  HttpIntegrationProps: b => ({ httpApi: new lib.HttpApi(b.stack, b.id('Api')), integrationType: lib.HttpIntegrationType.HTTP_PROXY, integrationUri: 'https://example.com',
    payloadFormatVersion: lib.PayloadFormatVersion.VERSION_1_0, method: lib.HttpMethod.ANY }),
  WebSocketIntegrationProps: b => ({ webSocketApi: new lib.WebSocketApi(b.stack, b.id('Ws')), integrationType: lib.WebSocketIntegrationType.MOCK, integrationUri: '' }),
  HttpRouteProps: b => ({ httpApi: new lib.HttpApi(b.stack, b.id('Api')), routeKey: lib.HttpRouteKey.with('/books', lib.HttpMethod.GET),
    integration: new integrations.HttpUrlIntegration(b.id('I'), 'https://example.com') }),
  WebSocketRouteProps: b => ({ webSocketApi: new lib.WebSocketApi(b.stack, b.id('Ws')), routeKey: 'send', integration: new integrations.WebSocketMockIntegration(b.id('M')) }),
  WebSocketRouteOptions: b => ({ integration: new integrations.WebSocketMockIntegration(b.id('M')) }),
  AddRoutesOptions: b => ({ path: '/books', integration: new integrations.HttpUrlIntegration(b.id('I'), 'https://example.com') }),
  ApiMappingProps: b => ({ api: new lib.HttpApi(b.stack, b.id('Api')), domainName: domain(b) }),
  UsagePlanPerApiStage: b => ({ stage: new lib.WebSocketStage(b.stack, b.id('WsStage'), { webSocketApi: new lib.WebSocketApi(b.stack, b.id('Ws')), stageName: 'prod' }) }),
  WebSocketRouteResponseProps: b => ({ route: new lib.WebSocketApi(b.stack, b.id('Ws')).addRoute('send', { integration: new integrations.WebSocketMockIntegration(b.id('M')) }) }),
  WebSocketIntegrationResponseProps: b => ({
    integration: new lib.WebSocketIntegration(b.stack, b.id('WsInt'), { webSocketApi: new lib.WebSocketApi(b.stack, b.id('Ws')), integrationType: lib.WebSocketIntegrationType.MOCK, integrationUri: '' }),
    responseKey: lib.WebSocketIntegrationResponseKey.DEFAULT,
  }),
  WebSocketIntegrationResponseOptions: () => ({ responseKey: lib.WebSocketIntegrationResponseKey.DEFAULT }),
  WebSocketStageProps: b => ({ webSocketApi: new lib.WebSocketApi(b.stack, b.id('Ws')), stageName: 'prod' }),
  HttpStageProps: b => ({ httpApi: new lib.HttpApi(b.stack, b.id('Api')), stageName: 'prod' }),
  WebSocketStageOptions: () => ({ stageName: 'prod' }),
  HttpStageRouteSettings: () => ({ routeKey: lib.HttpRouteKey.with('/books', lib.HttpMethod.GET) }),
  SpecHttpApiProps: () => ({ apiDefinition: lib.HttpApiDefinition.fromInline({ openapi: '3.0.1', info: { title: 'a', version: '1' }, paths: {} }) }),
  HttpApiOpenApiDocumentProps: b => ({ api: new lib.HttpApi(b.stack, b.id('Api')) }),
  'integrations.HttpAppConfigIntegrationProps': b => {
    const application = new appconfig.Application(b.stack, b.id('App'));
    return {
      application,
      environment: new appconfig.Environment(b.stack, b.id('Env'), { application }),
      configurationProfile: new appconfig.HostedConfiguration(b.stack, b.id('Conf'), { application, content: appconfig.ConfigurationContent.fromInlineText('x') }),
    };
  },
  'integrations.HttpStepFunctionsIntegrationProps': b => ({ stateMachine: EXTERNAL['aws-cdk-lib.aws_stepfunctions.StateMachine'](b) }),
  'integrations.WebSocketAwsIntegrationProps': () => ({
    integrationUri: 'arn:aws:apigateway:us-east-1:dynamodb:action/PutItem', integrationMethod: 'POST',
  }),
  VpcLinkProps: b => ({ vpc: EXTERNAL['aws-cdk-lib.aws_ec2.IVpc'](b) }),
  DomainNameProps: b => ({
    domainName: `${b.id('d').toLowerCase()}.example.com`,
    certificate: EXTERNAL['aws-cdk-lib.interfaces.aws_certificatemanager.ICertificateRef'](b),
  }),
  EndpointOptions: b => ({ certificate: EXTERNAL['aws-cdk-lib.interfaces.aws_certificatemanager.ICertificateRef'](b), endpointType: lib.EndpointType.EDGE }),
};

/** Whole argument lists that the declared types cannot give. */
const ARGUMENTS: Record<string, Make> = {
  'HttpApiDefinition.bindAfterCreate': b => [b.stack, EXTERNAL['aws-cdk-lib.aws_apigatewayv2.CfnApi'](b)],
  'HttpApiDefinition.bind': b => [b.stack],
  'HttpApi.addStage': () => ['Stage', { stageName: 'prod2' }],
  'SpecHttpApi.addStage': () => ['Stage', { stageName: 'prod2' }],
};
