// The messages between the emulator and a function's worker thread.

/** What a worker needs to load its function, as its `workerData`. */
export interface WorkerSetup {
  /** The folder the code is in (Lambda's `/var/task`). */
  readonly codeDirectory: string;
  /** The `Handler` setting, e.g. `index.handler` or `src/api.main`. */
  readonly handler: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly memoryMb: number;
  /**
   * Folders from which `@aws-sdk/*` imports that the code's own folders do not provide are
   * resolved, as Lambda's Node.js runtimes provide the AWS SDK for JavaScript v3.
   */
  readonly sdkSearchPaths: string[];
  /**
   * `host:port` of the served APIs, lowercase, to the local listener's URL: HTTPS requests to
   * them (`https://${requestContext.domainName}/${stage}`, `https://<api>.execute-api...`) go to
   * the listener over plain HTTP.
   */
  readonly localHttps: Record<string, string>;
  /** The file URL of the ES module resolution hook that does the same for `import`. */
  readonly esmHookUrl: string;
}

/** Emulator to worker: run one invocation. */
export interface InvokeMessage {
  readonly id: number;
  /** The event, as JSON: Lambda hands handlers a parsed copy. */
  readonly event: string;
  readonly awsRequestId: string;
  /** Epoch ms when the function times out, for `context.getRemainingTimeInMillis()`. */
  readonly deadline: number;
}

/** A function error as Lambda reports it. */
export interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: string[];
}

/** Worker to emulator: the result of one invocation. */
export type ResultMessage =
  | { readonly id: number; readonly payload: string }
  | { readonly id: number; readonly error: FunctionError };

/** Worker to emulator: what the handler wrote with `console`. */
export interface LogMessage {
  readonly log: string;
  readonly stream: 'stdout' | 'stderr';
}
