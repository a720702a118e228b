import * as fs from 'fs';
import { emulate } from './emulator';
import type { Emulator } from './emulator';
import { EmulatorError } from './errors';
import { consoleLogger } from './log';
import type { EmulateOptions } from './options';

const USAGE = `Usage: cdk-apigatewayv2-emulator [ASSEMBLY] [options]

Serves the HTTP and WebSocket APIs of a synthesized CDK app on localhost, with API Gateway's
routing, CORS, authorizers, @connections API and error responses. ASSEMBLY is the folder
\`cdk synth\` writes (default: cdk.out).

Options:
  --port N                    port of the first API, the next APIs and the local issuer follow
                              (default 3000; 0 for free ports)
  --host ADDRESS              address to listen on (default 127.0.0.1)
  --watch                     reload when \`cdk synth\` rewrites the assembly
  --http-proxy FROM=TO        send HTTP_PROXY integrations whose URI starts with FROM to TO
                              instead, e.g. https://catalog.example.com=http://127.0.0.1:9000
  --local-issuer [ISSUER]     take the keys of a JWT issuer (as the template has it) from the
                              emulator's local issuer; without ISSUER, of every JWT authorizer
  --jwks ISSUER=URL           take the keys of a JWT issuer from this JWKS URL
  --env FUNCTION:NAME=VALUE   set an environment variable of a function (its construct id or
                              path, logical id or name, or * for all)
  --env-file FILE             a JSON file {"FUNCTION": {"NAME": "VALUE"}}, as --env
  --iam signed|verify         AWS_IAM routes: accept any SigV4 signature (signed, the default),
                              or verify it against --iam-credentials
  --iam-credentials KEY:SECRET[:USER_ARN]
                              credentials that --iam verify accepts
  --cors-preflight route-first|gateway
                              who answers CORS preflights: the route that matches OPTIONS, as
                              API Gateway does (default), or always the gateway
  --region REGION             Region of stacks without one (default us-east-1)
  --account ACCOUNT           account of stacks without one (default 123456789012)
  --max-instances N           most worker threads per function (default 8)
  --ws-idle-timeout SECONDS   close WebSocket connections idle this long (default 600)
  --ws-max-duration SECONDS   close WebSocket connections open this long (default 7200)
  --quiet                     print requests and warnings only, not the routes or function output
  --help                      print this help
`;

interface ParsedArgs {
  readonly options: EmulateOptions;
  readonly quiet: boolean;
  readonly help: boolean;
}

/** Parses the command line; throws EmulatorError with the fix for a bad argument. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  let assembly: string | undefined;
  let quiet = false;
  let help = false;
  const options: {
    -readonly [K in keyof EmulateOptions]: EmulateOptions[K];
  } = { assembly: 'cdk.out', port: 3000 };
  const httpProxy: Record<string, string> = {};
  const jwks: Record<string, string> = {};
  const environment: Record<string, Record<string, string>> = {};
  const credentials: { accessKeyId: string; secretAccessKey: string; userArn?: string }[] = [];
  let localIssuer: true | string[] | undefined;
  const webSocket: { idleTimeoutSeconds?: number; maxConnectionDurationSeconds?: number } = {};

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new EmulatorError(`\`${arg}\` needs a value; see --help`);
      return next;
    };
    const pair = (text: string, separator: string, example: string): [string, string] => {
      const at = text.indexOf(separator, separator === '=' ? text.indexOf('://') + 3 : 0);
      if (at <= 0) throw new EmulatorError(`invalid \`${arg}\` '${text}': use ${example}`);
      return [text.slice(0, at), text.slice(at + 1)];
    };
    switch (arg) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--port': {
        const text = value();
        options.port = Number(text);
        if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new EmulatorError(`invalid \`--port\` '${text}': use 0 to 65535`);
        break;
      }
      case '--host':
        options.host = value();
        break;
      case '--watch':
        options.watch = true;
        break;
      case '--quiet':
        quiet = true;
        break;
      case '--http-proxy': {
        const [from, to] = pair(value(), '=', 'FROM=TO, e.g. https://catalog.example.com=http://127.0.0.1:9000');
        httpProxy[from] = to;
        break;
      }
      case '--local-issuer': {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) localIssuer = true;
        else if (localIssuer !== true) localIssuer = [...(localIssuer ?? []), argv[++i]];
        else i++;
        break;
      }
      case '--jwks': {
        const [issuer, url] = pair(value(), '=', 'ISSUER=URL, e.g. https://auth.example.com=http://127.0.0.1:9000/jwks.json');
        jwks[issuer] = url;
        break;
      }
      case '--env': {
        const text = value();
        const match = /^([^:=]+):([^=]+)=(.*)$/s.exec(text);
        if (!match) throw new EmulatorError(`invalid \`--env\` '${text}': use FUNCTION:NAME=VALUE, e.g. BooksHandler:TABLE_NAME=books`);
        (environment[match[1]] ??= {})[match[2]] = match[3];
        break;
      }
      case '--env-file': {
        const file = value();
        let parsed: unknown;
        try {
          parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
        } catch (e) {
          throw new EmulatorError(`cannot read \`--env-file\` ${file}: ${(e as Error).message}`);
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          throw new EmulatorError(`invalid \`--env-file\` ${file}: it must hold an object {"FUNCTION": {"NAME": "VALUE"}}`);
        }
        for (const [fn, vars] of Object.entries(parsed as Record<string, Record<string, unknown>>)) {
          for (const [name, v] of Object.entries(vars ?? {})) (environment[fn] ??= {})[name] = String(v);
        }
        break;
      }
      case '--iam': {
        const mode = value();
        if (mode !== 'signed' && mode !== 'verify') throw new EmulatorError(`invalid \`--iam\` '${mode}': use signed or verify`);
        options.iam = { ...options.iam, mode };
        break;
      }
      case '--iam-credentials': {
        const text = value();
        const [accessKeyId, secretAccessKey, ...arn] = text.split(':');
        if (!accessKeyId || !secretAccessKey) throw new EmulatorError(`invalid \`--iam-credentials\` '${text}': use ACCESS_KEY_ID:SECRET_ACCESS_KEY[:USER_ARN]`);
        credentials.push({ accessKeyId, secretAccessKey, userArn: arn.length > 0 ? arn.join(':') : undefined });
        break;
      }
      case '--cors-preflight': {
        const mode = value();
        if (mode !== 'route-first' && mode !== 'gateway') throw new EmulatorError(`invalid \`--cors-preflight\` '${mode}': use route-first or gateway`);
        options.corsPreflight = mode;
        break;
      }
      case '--region':
        options.region = value();
        break;
      case '--account':
        options.account = value();
        break;
      case '--max-instances': {
        const text = value();
        options.maxInstancesPerFunction = Number(text);
        if (!Number.isInteger(options.maxInstancesPerFunction) || options.maxInstancesPerFunction < 1) {
          throw new EmulatorError(`invalid \`--max-instances\` '${text}': use a positive integer`);
        }
        break;
      }
      case '--ws-idle-timeout':
      case '--ws-max-duration': {
        const text = value();
        const seconds = Number(text);
        if (!(seconds > 0 && seconds <= 86400)) throw new EmulatorError(`invalid \`${arg}\` '${text}': use a number of seconds above 0 and at most 86400`);
        if (arg === '--ws-idle-timeout') webSocket.idleTimeoutSeconds = seconds;
        else webSocket.maxConnectionDurationSeconds = seconds;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new EmulatorError(`unknown option \`${arg}\`; see --help`);
        if (assembly !== undefined) throw new EmulatorError(`one assembly folder only: got '${assembly}' and '${arg}'`);
        assembly = arg;
    }
  }
  if (assembly !== undefined) options.assembly = assembly;
  if (Object.keys(httpProxy).length > 0) options.httpProxy = httpProxy;
  if (Object.keys(jwks).length > 0) options.jwks = jwks;
  if (Object.keys(environment).length > 0) options.environment = environment;
  if (localIssuer !== undefined) options.localIssuer = localIssuer;
  if (Object.keys(webSocket).length > 0) options.webSocket = webSocket;
  if (credentials.length > 0) options.iam = { mode: options.iam?.mode ?? 'signed', credentials };
  return { options, quiet, help };
}

/** What the emulator serves, as the CLI prints it at start. */
export function describe(emulator: Emulator): string {
  const lines: string[] = [];
  for (const api of emulator.apis) {
    lines.push(`${api.protocol} API ${api.name} (${api.path})`);
    const width = Math.max(...Object.keys(api.stages).map(s => s.length));
    for (const [stage, url] of Object.entries(api.stages)) {
      const callback = api.callbackUrls?.[stage];
      lines.push(`  ${stage.padEnd(width)}  ${url}${callback ? `  (@connections: ${callback}/@connections/{connectionId})` : ''}`);
    }
    const keyWidth = Math.max(0, ...api.routes.map(r => r.key.length));
    lines.push(`  routes (${api.routes.length}):`);
    for (const route of api.routes) lines.push(`    ${route.key.padEnd(keyWidth)}  ${route.integration}  auth ${route.authorization}`);
  }
  if (emulator.apis.length === 0) lines.push('no HTTP or WebSocket API in the assembly');
  lines.push(`local issuer ${emulator.issuerUrl} (a token: curl -X POST ${emulator.issuerUrl}/token -d '{"scopes":["..."]}')`);
  return lines.join('\n');
}

/** Runs the CLI; resolves with the exit code once the emulator is stopped (SIGINT, SIGTERM). */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  const logger = consoleLogger({ quiet: parsed.quiet });
  if (parsed.quiet) logger.functionOutput = () => undefined;
  let emulator: Emulator;
  try {
    emulator = await emulate({ ...parsed.options, logger });
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
  if (!parsed.quiet) console.log(describe(emulator));
  console.log(`serving ${parsed.options.assembly}${parsed.options.watch ? ' (watching for new synths)' : ''}; Ctrl-C to stop`);
  return new Promise(resolve => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void emulator.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
