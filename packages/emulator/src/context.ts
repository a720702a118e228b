import type { FunctionModel } from './assembly/model';
import type { JwksStore, KeySource } from './auth/jwks-store';
import type { FunctionRunner } from './functions/runner';
import type { ServiceCall } from './http/service-integrations';
import type { RequestRecord } from './log';
import type { ConnectionLimits } from './websocket/connection';

/** Credentials the IAM "verify" mode checks signatures with, and the caller they stand for. */
export interface IamCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /**
   * The caller's ARN, as integrations see it (`requestContext.authorizer.iam.userArn`).
   * @default - `arn:aws:iam::<account>:user/local-<accessKeyId>`
   */
  readonly userArn?: string;
  /**
   * The caller's account.
   * @default - the API's account
   */
  readonly accountId?: string;
}

/** How routes with `AWS_IAM` authorization check requests. */
export interface IamSettings {
  /**
   * `signed`: a well-formed SigV4 `Authorization` header is enough; `verify`: the signature must
   * match one of `credentials` and be at most 5 minutes old.
   */
  readonly mode: 'signed' | 'verify';
  readonly credentials: readonly IamCredential[];
}

/** What a protocol's request handler uses of the emulator: shared by HTTP and WebSocket APIs. */
export interface GatewayContext {
  readonly runner: FunctionRunner;
  readonly functions: Map<string, FunctionModel>;
  /** Now, epoch ms: JWT expiry, authorizer cache TTLs and event times use it. */
  readonly clock: () => number;
  readonly jwks: JwksStore;
  /** Where a JWT issuer's keys come from (local issuer, configured JWKS, or discovery). */
  keySourceFor(issuer: string): KeySource;
  readonly iam: IamSettings;
  /** An integration URL with the HTTP_PROXY overrides applied. */
  proxyTarget(url: string): string;
  /** `route-first`: API Gateway's behaviour; `gateway`: every preflight answered before routing. */
  readonly corsPreflight: 'route-first' | 'gateway';
  /** How long WebSocket connections may last and stay idle. */
  readonly webSocketLimits: ConnectionLimits;
  record(record: RequestRecord): void;
  recordServiceCall(call: ServiceCall): void;
  warn(message: string): void;
}
