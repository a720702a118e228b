// What the emulator serves, read from a cloud assembly: APIs of both protocols with their stages,
// routes, integrations and authorizers, and the Lambda functions behind them. Values are
// resolved (intrinsics replaced by the emulator's local ids), except `${stageVariables.x}`
// references, which are filled per stage at request time.

/** A Lambda function of the assembly. */
export interface FunctionModel {
  /** The function's ARN (the emulator's), which integrations and authorizers name. */
  readonly arn: string;
  readonly name: string;
  readonly logicalId: string;
  /** The construct path (`Stack/Handler`), or `stack/logicalId` when the app has none. */
  readonly path: string;
  readonly stackName: string;
  readonly runtime: string;
  readonly handler: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Where the code is: a folder, inline source, or why it cannot run here. */
  readonly code: FunctionCode;
  /** The template's environment variables, resolved; undefined values could not be resolved (see `unresolvedEnvironment`). */
  readonly environment: Record<string, string>;
  /** Environment variables whose value has no local meaning, with the reason. */
  readonly unresolvedEnvironment: Record<string, string>;
}

export type FunctionCode =
  | { readonly kind: 'directory'; readonly directory: string }
  | { readonly kind: 'inline'; readonly source: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** `AWS::ApiGatewayV2::Api` and what belongs to it. */
export interface ApiModel {
  /** The synthetic API id, as in `<id>.execute-api.<region>.amazonaws.com`. */
  readonly id: string;
  /** The `Name` property. */
  readonly name: string;
  readonly logicalId: string;
  readonly path: string;
  readonly stackName: string;
  readonly region: string;
  readonly account: string;
  readonly protocol: 'HTTP' | 'WEBSOCKET';
  readonly routeSelectionExpression?: string;
  readonly apiKeySelectionExpression?: string;
  readonly cors?: CorsModel;
  readonly disableExecuteApiEndpoint: boolean;
  /** True when the API is defined by an OpenAPI document (`Body`), which the emulator does not read. */
  readonly definedByOpenApi: boolean;
  readonly stages: StageModel[];
  readonly routes: RouteModel[];
}

export interface CorsModel {
  readonly allowOrigins: string[];
  readonly allowMethods: string[];
  readonly allowHeaders: string[];
  readonly exposeHeaders: string[];
  readonly allowCredentials: boolean;
  readonly maxAge?: number;
}

export interface StageModel {
  readonly name: string;
  readonly logicalId: string;
  readonly variables: Record<string, string>;
}

export interface RouteModel {
  readonly key: string;
  readonly logicalId: string;
  readonly path: string;
  readonly authorizationType: 'NONE' | 'JWT' | 'CUSTOM' | 'AWS_IAM';
  readonly authorizer?: AuthorizerModel;
  /** Why the route's authorizer is missing, when `AuthorizerId` names none of the assembly. */
  readonly authorizerProblem?: string;
  readonly authorizationScopes: string[];
  readonly integration?: IntegrationModel;
  /** Why the route has no integration, when its `Target` names none of the assembly. */
  readonly integrationProblem?: string;
  readonly apiKeyRequired: boolean;
  readonly routeResponseSelectionExpression?: string;
  readonly routeResponses: RouteResponseModel[];
}

export interface RouteResponseModel {
  readonly key: string;
  readonly modelSelectionExpression?: string;
}

export interface IntegrationModel {
  readonly id: string;
  readonly logicalId: string;
  readonly type: 'AWS_PROXY' | 'HTTP_PROXY' | 'AWS' | 'HTTP' | 'MOCK';
  readonly subtype?: string;
  /** The resolved URI; may hold `${stageVariables.x}`. */
  readonly uri?: string;
  readonly method?: string;
  readonly payloadFormatVersion: '1.0' | '2.0';
  readonly timeoutMs: number;
  readonly connectionType: 'INTERNET' | 'VPC_LINK';
  readonly requestParameters: Record<string, string>;
  readonly responseParameters: Record<string, Record<string, string>>;
  readonly credentialsArn?: string;
  /** For WebSocket integrations: templates and the selection expression that the emulator does not evaluate. */
  readonly requestTemplates?: Record<string, string>;
  readonly templateSelectionExpression?: string;
  readonly contentHandlingStrategy?: string;
}

export interface AuthorizerModel {
  readonly id: string;
  readonly logicalId: string;
  readonly name: string;
  readonly type: 'JWT' | 'REQUEST';
  readonly identitySource: string[];
  readonly jwt?: { readonly issuer: string; readonly audience: string[] };
  /** The resolved authorizer URI (`arn:aws:apigateway:<r>:lambda:path/.../functions/<arn>/invocations`). */
  readonly uri?: string;
  readonly payloadFormatVersion: '1.0' | '2.0';
  readonly enableSimpleResponses: boolean;
  readonly resultTtlSeconds: number;
}

/** What the emulator read from the assembly, and what it could not use. */
export interface AssemblyModel {
  readonly apis: ApiModel[];
  readonly functions: Map<string, FunctionModel>;
  /** Problems that leave part of the app unserved, each naming the resource and property. */
  readonly warnings: string[];
}

/** The function an ARN (possibly with a version or alias qualifier) names. */
export function functionByArn(functions: Map<string, FunctionModel>, arn: string): FunctionModel | undefined {
  const match = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+)(?::[^:]+)?$/.exec(arn);
  return match ? functions.get(match[1]) : undefined;
}

/** The function ARN inside a Lambda integration or authorizer URI (`.../functions/<arn>/invocations`), or the URI itself. */
export function functionArnOfUri(uri: string): string {
  const match = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri);
  return match ? match[1] : uri;
}

/** `${stageVariables.name}` in an integration URI, filled from the stage [doc]. */
export function fillStageVariables(uri: string, stage: StageModel): string {
  return uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_m, name: string) => stage.variables[name] ?? '');
}
