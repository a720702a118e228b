import type { Jwk } from './auth/jwt';
import type { IamCredential } from './context';
import { EmulatorError } from './errors';
import type { EmulatorLogger } from './log';

/** The settings of `emulate()`. */
export interface EmulateOptions {
  /** The cloud assembly folder that `cdk synth` writes (`cdk.out`). */
  readonly assembly: string;
  /**
   * The address the APIs listen on.
   * @default '127.0.0.1'
   */
  readonly host?: string;
  /**
   * The port of the first API; the next APIs, and the local issuer, take the ports after it.
   * 0 gives each a free port.
   * @default 0
   */
  readonly port?: number;
  /**
   * The Region of stacks whose environment does not set one.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * The account of stacks whose environment does not set one.
   * @default '123456789012'
   */
  readonly account?: string;
  /**
   * HTTP_PROXY targets replaced by local URLs: each key is the start of an integration URI
   * (e.g. `https://catalog.example.com`, or a VPC link's listener ARN), its value what replaces it
   * (e.g. `http://127.0.0.1:9000`).
   * @default - integrations call the URLs of the template
   */
  readonly httpProxy?: Record<string, string>;
  /**
   * JWT issuers whose keys come from the emulator's local issuer (see `mintToken`): `true` for
   * the issuers of every JWT authorizer, or a list of issuer URLs as the template has them.
   * @default false - keys are fetched from each issuer's `/.well-known/openid-configuration`
   */
  readonly localIssuer?: boolean | string[];
  /**
   * Keys per JWT issuer (as the template has the issuer): a JWKS URL, or the JWKS itself.
   * @default - none
   */
  readonly jwks?: Record<string, string | { readonly keys: Jwk[] }>;
  /**
   * Environment variables per function, over the template's: keys are a function's construct id
   * (`Handler`) or path (`Stack/Handler`), logical id or name, or `*` for every function.
   * @default - the template's variables
   */
  readonly environment?: Record<string, Record<string, string>>;
  /**
   * How `AWS_IAM` routes check requests.
   * @default - `signed`: any well-formed SigV4 signature is accepted
   */
  readonly iam?: { readonly mode?: 'signed' | 'verify'; readonly credentials?: readonly IamCredential[] };
  /**
   * Who answers CORS preflights: `route-first`, as API Gateway does (a route that matches
   * `OPTIONS`, through `ANY`, a greedy path or `$default`, receives the preflight, authorizer
   * included); or `gateway`, every preflight answered before routing.
   * @default 'route-first'
   */
  readonly corsPreflight?: 'route-first' | 'gateway';
  /**
   * The most execution environments (worker threads) one function has at once.
   * @default 8
   */
  readonly maxInstancesPerFunction?: number;
  /**
   * The limits of WebSocket connections, in seconds (fractions allowed, so tests need not wait):
   * closed (code 1001, then `$disconnect`) after `idleTimeoutSeconds` without a message either
   * way, and after `maxConnectionDurationSeconds` in any case.
   * @default - API Gateway's: 600 s idle, 7,200 s in all
   */
  readonly webSocket?: { readonly idleTimeoutSeconds?: number; readonly maxConnectionDurationSeconds?: number };
  /**
   * Reload when a new `cdk synth` rewrites the assembly.
   * @default false
   */
  readonly watch?: boolean;
  /**
   * The clock: epoch milliseconds. JWT expiry, authorizer cache TTLs and event times use it.
   * @default Date.now
   */
  readonly clock?: () => number;
  /**
   * Where requests, warnings and function output go.
   * @default - nowhere (the records stay readable as `requests` and `warnings`)
   */
  readonly logger?: EmulatorLogger;
  /**
   * How many of the latest requests `requests` keeps.
   * @default 1000
   */
  readonly requestLogSize?: number;
}

/** Refuses settings `emulate()` cannot use, naming the setting and the fix. */
export function validateOptions(options: EmulateOptions): void {
  if (typeof options?.assembly !== 'string' || options.assembly === '') {
    throw new EmulatorError('`assembly` must be the folder of a cloud assembly, e.g. `cdk.out`');
  }
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)) {
    throw new EmulatorError(`invalid \`port\` ${options.port}: use an integer from 0 (free ports) to 65535`);
  }
  if (options.maxInstancesPerFunction !== undefined && !(Number.isInteger(options.maxInstancesPerFunction) && options.maxInstancesPerFunction >= 1)) {
    throw new EmulatorError(`invalid \`maxInstancesPerFunction\` ${options.maxInstancesPerFunction}: use a positive integer`);
  }
  if (options.iam?.mode !== undefined && !['signed', 'verify'].includes(options.iam.mode)) {
    throw new EmulatorError(`invalid \`iam.mode\` '${options.iam.mode}': use 'signed' or 'verify'`);
  }
  if (options.corsPreflight !== undefined && !['route-first', 'gateway'].includes(options.corsPreflight)) {
    throw new EmulatorError(`invalid \`corsPreflight\` '${options.corsPreflight}': use 'route-first' or 'gateway'`);
  }
  for (const name of ['idleTimeoutSeconds', 'maxConnectionDurationSeconds'] as const) {
    const value = options.webSocket?.[name];
    if (value !== undefined && !(typeof value === 'number' && value > 0 && value <= 86400)) {
      throw new EmulatorError(`invalid \`webSocket.${name}\` ${value}: use a number of seconds above 0 and at most 86400`);
    }
  }
  for (const [prefix, target] of Object.entries(options.httpProxy ?? {})) {
    if (!/^https?:\/\//.test(target)) {
      throw new EmulatorError(`invalid \`httpProxy\` target '${target}' for '${prefix}': use an http:// or https:// URL, e.g. http://127.0.0.1:9000`);
    }
  }
}
