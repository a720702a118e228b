/** One request the emulator served, as its request log records it. */
export interface RequestRecord {
  readonly protocol: 'HTTP' | 'WEBSOCKET';
  /** When it arrived, epoch ms (the emulator's clock). */
  readonly time: number;
  /** The gateway's request id, also in the `apigw-requestid` header and `requestContext.requestId`. */
  readonly requestId: string;
  /** The API's name. */
  readonly api: string;
  /** The stage, when one was selected. */
  readonly stage?: string;
  /** The HTTP method; for WebSocket events `CONNECT`, `MESSAGE` or `DISCONNECT`. */
  readonly method: string;
  /** The path as sent (decoded); for WebSocket events the stage's path. */
  readonly path: string;
  /** The WebSocket connection the event or @connections request is about. */
  readonly connectionId?: string;
  /** The route key matched, when one was. */
  readonly routeKey?: string;
  /** The integration that answered, e.g. `Lambda Stack/Handler` or `HTTP_PROXY https://...`. */
  readonly integration?: string;
  /** The authorizer and its decision, e.g. `JWT CustomerJwt: allowed`. */
  readonly authorizer?: string;
  readonly status: number;
  readonly durationMs: number;
  /** Why the gateway answered with an error of its own, when it did. */
  readonly error?: string;
}

/** What handling one request or event found out, for its record: filled in as it goes. */
export interface Trace {
  stage?: string;
  routeKey?: string;
  integration?: string;
  authorizer?: string;
  /** Why the gateway answered with an error of its own. */
  error?: string;
}

/** Where the emulator reports what it does. */
export interface EmulatorLogger {
  /** A request was served. */
  request(record: RequestRecord): void;
  /** Something the user should know: part of the app is not served, an override is unused, ... */
  warn(message: string): void;
  /** Start-up and reload notes. */
  info(message: string): void;
  /** A line a function wrote to stdout or stderr. */
  functionOutput(functionPath: string, stream: 'stdout' | 'stderr', line: string): void;
}

/**
 * One line per request or WebSocket event: `GET /books/1 -> 200 in 12 ms BookstoreApi $default route 'GET /books/{id}' ...`,
 * `MESSAGE /prod -> 200 in 3 ms ChatApi prod connection Mc7UVioPPHcEKPA= route 'echo', Lambda Chat/Echo`.
 */
export function formatRequest(record: RequestRecord): string {
  const parts = [
    `${record.method} ${record.path} -> ${record.status} in ${Math.round(record.durationMs)} ms`,
    ` ${record.api}${record.stage ? ` ${record.stage}` : ''}`,
  ];
  if (record.connectionId) parts.push(` connection ${record.connectionId}`);
  if (record.routeKey) parts.push(` route '${record.routeKey}'`);
  if (record.authorizer) parts.push(`, ${record.authorizer}`);
  if (record.integration) parts.push(`, ${record.integration}`);
  if (record.error) parts.push(` (${record.error})`);
  return parts.join('');
}

/** A logger that writes to the console: requests and notes to stdout, warnings to stderr. */
export function consoleLogger(options: { quiet?: boolean } = {}): EmulatorLogger {
  return {
    request: record => console.log(formatRequest(record)),
    warn: message => console.error(`warning: ${message}`),
    info: message => {
      if (!options.quiet) console.log(message);
    },
    functionOutput: (fn, _stream, line) => console.log(`  [${fn}] ${line}`),
  };
}

/** A logger that keeps nothing and prints nothing. */
export function silentLogger(): EmulatorLogger {
  return { request: () => undefined, warn: () => undefined, info: () => undefined, functionOutput: () => undefined };
}
