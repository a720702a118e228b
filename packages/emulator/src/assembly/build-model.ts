import * as fs from 'fs';
import * as path from 'path';
import type { Resolver } from './intrinsics';
import type {
  ApiModel, AssemblyModel, AuthorizerModel, CorsModel, FunctionCode, FunctionModel, IntegrationModel,
  RouteModel, RouteResponseModel, StageModel,
} from './model';
import { UnresolvableError } from './physical-ids';
import type { StackTemplate, TemplateResource } from './reader';

interface Found {
  readonly stack: StackTemplate;
  readonly logicalId: string;
  readonly resource: TemplateResource;
}

/**
 * Builds the model of what to serve from the templates: every `AWS::ApiGatewayV2::*` resource is
 * attached to its API through its resolved `ApiId`, whichever stack or nested stack it is in,
 * and every `AWS::Lambda::Function` is indexed by its ARN.
 */
export function buildModel(stacks: readonly StackTemplate[], resolver: Resolver): AssemblyModel {
  const warnings: string[] = [];
  const found = (type: string): Found[] => stacks.flatMap(stack => Object.entries(stack.template.Resources ?? {})
    .filter(([logicalId, resource]) => resource.Type === type && createdOrWarn(stack, logicalId))
    .map(([logicalId, resource]) => ({ stack, logicalId, resource })));
  const createdOrWarn = (stack: StackTemplate, logicalId: string): boolean => {
    try {
      return resolver.isCreated(stack, logicalId);
    } catch (e) {
      warnings.push(`${where(stack, logicalId)}: its \`Condition\` cannot be evaluated (${message(e)}); it is left out`);
      return false;
    }
  };
  /** Resolves a property; on failure records a warning and returns undefined. */
  const prop = <T = unknown>(item: Found, name: string, fallback?: T): T | undefined => {
    const value = item.resource.Properties?.[name];
    if (value === undefined) return fallback;
    try {
      return item.stack && resolver.resolve(item.stack, value) as T;
    } catch (e) {
      warnings.push(`${where(item.stack, item.logicalId)}: \`${name}\` has no local value (${message(e)})`);
      return undefined;
    }
  };
  const refId = (item: Found): string => resolver.resolveString(item.stack, { Ref: item.logicalId });

  const functions = new Map<string, FunctionModel>();
  for (const item of found('AWS::Lambda::Function')) {
    const fn = readFunction(item, resolver, prop);
    functions.set(fn.arn, fn);
  }

  const apis = new Map<string, { model: ApiModel; integrations: Map<string, IntegrationModel>; authorizers: Map<string, AuthorizerModel> }>();
  for (const item of found('AWS::ApiGatewayV2::Api')) {
    const protocol = prop<string>(item, 'ProtocolType');
    const body = item.resource.Properties?.Body ?? item.resource.Properties?.BodyS3Location;
    const model: ApiModel = {
      id: refId(item),
      name: prop<string>(item, 'Name') ?? item.logicalId,
      logicalId: item.logicalId,
      path: cdkPath(item),
      stackName: item.stack.stackName,
      region: resolver.region(item.stack),
      account: resolver.account(item.stack),
      protocol: protocol === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP',
      routeSelectionExpression: prop<string>(item, 'RouteSelectionExpression'),
      apiKeySelectionExpression: prop<string>(item, 'ApiKeySelectionExpression'),
      cors: readCors(prop<Record<string, unknown>>(item, 'CorsConfiguration')),
      disableExecuteApiEndpoint: prop<boolean>(item, 'DisableExecuteApiEndpoint') === true,
      definedByOpenApi: body !== undefined && protocol === undefined,
      stages: [],
      routes: [],
    };
    if (model.definedByOpenApi) {
      warnings.push(`${where(item.stack, item.logicalId)}: the API is defined by an OpenAPI document (\`Body\`), which the emulator does not read; it is not served`);
      continue;
    }
    apis.set(model.id, { model, integrations: new Map(), authorizers: new Map() });
  }

  /** The API a child resource belongs to, by its resolved `ApiId`. */
  const apiOf = (item: Found) => {
    const id = prop<string>(item, 'ApiId');
    const api = id === undefined ? undefined : apis.get(id);
    if (!api && id !== undefined) {
      warnings.push(`${where(item.stack, item.logicalId)}: \`ApiId\` '${id}' names no API of the assembly (an imported API?); it is left out`);
    }
    return api;
  };

  for (const item of found('AWS::ApiGatewayV2::Integration')) {
    const api = apiOf(item);
    if (!api) continue;
    const isHttp = api.model.protocol === 'HTTP';
    const type = (prop<string>(item, 'IntegrationType') ?? 'AWS_PROXY') as IntegrationModel['type'];
    api.integrations.set(refId(item), {
      id: refId(item),
      logicalId: item.logicalId,
      type,
      subtype: prop<string>(item, 'IntegrationSubtype'),
      uri: prop<string>(item, 'IntegrationUri'),
      method: prop<string>(item, 'IntegrationMethod'),
      payloadFormatVersion: prop<string>(item, 'PayloadFormatVersion') === '2.0' ? '2.0' : '1.0',
      timeoutMs: Number(prop(item, 'TimeoutInMillis') ?? (isHttp ? 30000 : 29000)),
      connectionType: prop<string>(item, 'ConnectionType') === 'VPC_LINK' ? 'VPC_LINK' : 'INTERNET',
      requestParameters: stringMap(prop(item, 'RequestParameters')),
      responseParameters: Object.fromEntries(Object.entries(prop<Record<string, unknown>>(item, 'ResponseParameters') ?? {})
        .map(([status, mapping]) => [status, stringMap(mapping)])),
      credentialsArn: prop<string>(item, 'CredentialsArn'),
      requestTemplates: prop<Record<string, string>>(item, 'RequestTemplates'),
      templateSelectionExpression: prop<string>(item, 'TemplateSelectionExpression'),
      contentHandlingStrategy: prop<string>(item, 'ContentHandlingStrategy'),
    });
  }

  for (const item of found('AWS::ApiGatewayV2::Authorizer')) {
    const api = apiOf(item);
    if (!api) continue;
    const jwt = prop<{ Issuer?: string; Audience?: string[] }>(item, 'JwtConfiguration');
    api.authorizers.set(refId(item), {
      id: refId(item),
      logicalId: item.logicalId,
      name: prop<string>(item, 'Name') ?? item.logicalId,
      type: prop<string>(item, 'AuthorizerType') === 'JWT' ? 'JWT' : 'REQUEST',
      identitySource: prop<string[]>(item, 'IdentitySource') ?? [],
      jwt: jwt ? { issuer: String(jwt.Issuer ?? ''), audience: (jwt.Audience ?? []).map(String) } : undefined,
      uri: prop<string>(item, 'AuthorizerUri'),
      payloadFormatVersion: prop<string>(item, 'AuthorizerPayloadFormatVersion') === '2.0' ? '2.0' : '1.0',
      enableSimpleResponses: prop<boolean>(item, 'EnableSimpleResponses') === true,
      resultTtlSeconds: Number(prop(item, 'AuthorizerResultTtlInSeconds') ?? 300),
    });
  }

  for (const item of found('AWS::ApiGatewayV2::Stage')) {
    const api = apiOf(item);
    if (!api) continue;
    const name = prop<string>(item, 'StageName');
    if (name === undefined) continue;
    const stage: StageModel = { name, logicalId: item.logicalId, variables: stringMap(prop(item, 'StageVariables')) };
    api.model.stages.push(stage);
  }

  const routeResponses = new Map<string, RouteResponseModel[]>();
  for (const item of found('AWS::ApiGatewayV2::RouteResponse')) {
    const routeId = prop<string>(item, 'RouteId');
    if (routeId === undefined) continue;
    const list = routeResponses.get(routeId) ?? [];
    list.push({ key: prop<string>(item, 'RouteResponseKey') ?? '$default', modelSelectionExpression: prop<string>(item, 'ModelSelectionExpression') });
    routeResponses.set(routeId, list);
  }

  for (const item of found('AWS::ApiGatewayV2::Route')) {
    const api = apiOf(item);
    if (!api) continue;
    const key = prop<string>(item, 'RouteKey');
    if (key === undefined) continue;
    const target = prop<string>(item, 'Target');
    const integrationId = target?.replace(/^integrations\//, '');
    const integration = integrationId ? api.integrations.get(integrationId) : undefined;
    const authorizerId = prop<string>(item, 'AuthorizerId');
    const authorizer = authorizerId ? api.authorizers.get(authorizerId) : undefined;
    const authorizationType = (prop<string>(item, 'AuthorizationType') ?? 'NONE') as RouteModel['authorizationType'];
    const route: RouteModel = {
      key,
      logicalId: item.logicalId,
      path: cdkPath(item),
      authorizationType,
      authorizer,
      authorizerProblem: (authorizationType === 'JWT' || authorizationType === 'CUSTOM') && !authorizer
        ? `its \`AuthorizerId\` ${authorizerId === undefined ? 'is not set' : `'${authorizerId}' names no authorizer of the API`}`
        : undefined,
      authorizationScopes: prop<string[]>(item, 'AuthorizationScopes') ?? [],
      integration,
      integrationProblem: integration ? undefined
        : target === undefined ? 'it has no `Target`' : `its \`Target\` '${target}' names no integration of the API`,
      apiKeyRequired: prop<boolean>(item, 'ApiKeyRequired') === true,
      routeResponseSelectionExpression: prop<string>(item, 'RouteResponseSelectionExpression'),
      routeResponses: routeResponses.get(refId(item)) ?? [],
    };
    if (route.integrationProblem && api.model.protocol === 'HTTP') {
      warnings.push(`${where(item.stack, item.logicalId)}: route '${key}' of API ${api.model.name}: ${route.integrationProblem}; it answers 500`);
    }
    if (route.authorizerProblem) {
      warnings.push(`${where(item.stack, item.logicalId)}: route '${key}' of API ${api.model.name}: ${route.authorizerProblem}; it answers 500`);
    }
    api.model.routes.push(route);
  }

  for (const fn of functions.values()) {
    if (fn.code.kind === 'unavailable') warnings.push(`function ${fn.path}: ${fn.code.reason}; its routes answer 502`);
    for (const [name, reason] of Object.entries(fn.unresolvedEnvironment)) {
      warnings.push(`function ${fn.path}: environment variable \`${name}\` has no local value (${reason}); it is left unset unless an override sets it`);
    }
  }

  return { apis: [...apis.values()].map(api => api.model), functions, warnings };
}

function readFunction(item: Found, resolver: Resolver, prop: <T>(item: Found, name: string, fallback?: T) => T | undefined): FunctionModel {
  const arn = resolver.resolveString(item.stack, { 'Fn::GetAtt': [item.logicalId, 'Arn'] });
  const environment: Record<string, string> = {};
  const unresolvedEnvironment: Record<string, string> = {};
  const variables = (item.resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  for (const [name, value] of Object.entries(variables)) {
    try {
      environment[name] = resolver.resolveString(item.stack, value);
    } catch (e) {
      unresolvedEnvironment[name] = message(e);
    }
  }
  return {
    arn,
    name: arn.slice(arn.lastIndexOf(':') + 1),
    logicalId: item.logicalId,
    path: cdkPath(item),
    stackName: item.stack.stackName,
    runtime: prop<string>(item, 'Runtime') ?? (prop<string>(item, 'PackageType') === 'Image' ? 'container image' : 'unknown'),
    handler: prop<string>(item, 'Handler') ?? '',
    timeoutSeconds: Number(prop(item, 'Timeout') ?? 3),
    memoryMb: Number(prop(item, 'MemorySize') ?? 128),
    code: functionCode(item, resolver),
    environment,
    unresolvedEnvironment,
  };
}

/** Where a function's code is: the asset folder its metadata names, its inline source, or why neither. */
function functionCode(item: Found, resolver: Resolver): FunctionCode {
  const code = item.resource.Properties?.Code as Record<string, unknown> | undefined;
  const assetPath = item.resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath === 'string' && (item.resource.Metadata?.['aws:asset:property'] ?? 'Code') === 'Code') {
    const location = path.resolve(item.stack.assemblyDir, assetPath);
    if (!fs.existsSync(location)) return { kind: 'unavailable', reason: `its code asset \`${assetPath}\` is not in the assembly; synthesize the app again` };
    if (!fs.statSync(location).isDirectory()) return { kind: 'unavailable', reason: `its code asset \`${assetPath}\` is an archive; the emulator runs code from folders (\`lambda.Code.fromAsset\` of a folder)` };
    return { kind: 'directory', directory: location };
  }
  if (code?.S3Key !== undefined) {
    // Without the metadata (an app synthesized outside the CDK CLI), the asset manifest names
    // the folder uploaded under the object key.
    try {
      const key = resolver.resolveString(item.stack, code.S3Key);
      const asset = item.stack.assets.find(a => a.path !== undefined && a.objectKeys.includes(key));
      if (asset?.path !== undefined) {
        const location = path.resolve(item.stack.assemblyDir, asset.path);
        if (fs.existsSync(location) && fs.statSync(location).isDirectory()) return { kind: 'directory', directory: location };
      }
    } catch {
      // An S3 key with no local value: the code is not an asset of this assembly.
    }
  }
  if (code?.ZipFile !== undefined) {
    try {
      return { kind: 'inline', source: resolver.resolveString(item.stack, code.ZipFile) };
    } catch (e) {
      return { kind: 'unavailable', reason: `its inline code has no local value (${message(e)})` };
    }
  }
  if (code?.ImageUri !== undefined) return { kind: 'unavailable', reason: 'it is a container image, which the emulator does not run' };
  return {
    kind: 'unavailable',
    reason: 'its code is in an S3 bucket and the template has no `aws:asset:path` metadata naming a local copy (was the context `aws:cdk:enable-asset-metadata` set to false?)',
  };
}

function readCors(config: Record<string, unknown> | undefined): CorsModel | undefined {
  if (!config) return undefined;
  const list = (name: string) => ((config[name] as unknown[] | undefined) ?? []).map(String);
  return {
    allowOrigins: list('AllowOrigins'),
    allowMethods: list('AllowMethods'),
    allowHeaders: list('AllowHeaders'),
    exposeHeaders: list('ExposeHeaders'),
    allowCredentials: config.AllowCredentials === true,
    maxAge: config.MaxAge === undefined ? undefined : Number(config.MaxAge),
  };
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

function cdkPath(item: Found): string {
  const value = item.resource.Metadata?.['aws:cdk:path'];
  return typeof value === 'string' ? value.replace(/\/Resource$/, '') : `${item.stack.name}/${item.logicalId}`;
}

function where(stack: StackTemplate, logicalId: string): string {
  const value = stack.template.Resources?.[logicalId]?.Metadata?.['aws:cdk:path'];
  return typeof value === 'string' ? `${value} (${logicalId})` : `${stack.name}/${logicalId}`;
}

function message(e: unknown): string {
  return e instanceof UnresolvableError || e instanceof Error ? e.message : String(e);
}
