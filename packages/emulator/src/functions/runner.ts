import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Worker } from 'worker_threads';
import type { FunctionModel } from '../assembly/model';
import type { FunctionError, InvokeMessage, LogMessage, ResultMessage, WorkerSetup } from './protocol';

/** The outcome of one invocation. */
export type InvokeResult =
  /** The handler returned; `payload` is its result as JSON, as Lambda returns it. */
  | { readonly status: 'ok'; readonly payload: string; readonly durationMs: number }
  /** The handler threw, timed out or crashed its environment. */
  | { readonly status: 'error'; readonly error: FunctionError; readonly timedOut: boolean; readonly durationMs: number }
  /** The function cannot run here (not Node.js, or no code); `reason` says why. */
  | { readonly status: 'unavailable'; readonly reason: string; readonly durationMs: number };

/** Where the function's output and the runner's notes go. */
export interface RunnerOutput {
  /** A line a handler wrote to stdout or stderr. */
  functionOutput(fn: FunctionModel, stream: 'stdout' | 'stderr', line: string): void;
  /** A note about a function (e.g. its runtime differs from this Node.js). */
  warn(message: string): void;
}

export interface FunctionRunnerOptions {
  /** The most execution environments (worker threads) one function has at once. */
  readonly maxInstancesPerFunction: number;
  /** The environment variables of a function's workers. */
  readonly environmentOf: (fn: FunctionModel) => Record<string, string>;
  readonly sdkSearchPaths: string[];
  /** The hosts (`host:port`) of served APIs that HTTPS requests from functions reach over plain HTTP, and where. */
  readonly localHttps: () => Record<string, string>;
  readonly output: RunnerOutput;
}

/**
 * Runs Lambda functions: each execution environment is a worker thread with its own module
 * state and `process.env`, running one invocation at a time; a function gets more environments
 * (up to `maxInstancesPerFunction`) when invocations overlap, and queues beyond that. A handler
 * that runs past its `Timeout`, or crashes its environment, loses that environment; the next
 * invocation starts a fresh one, as on Lambda.
 */
export class FunctionRunner {
  private readonly pools = new Map<string, FunctionPool>();
  private inlineRoot?: string;
  private closed = false;

  constructor(private readonly options: FunctionRunnerOptions) {}

  /** Invokes a function with an event (any JSON value). */
  invoke(fn: FunctionModel, event: unknown): Promise<InvokeResult> {
    return this.invokeJson(fn, JSON.stringify(event));
  }

  /** Invokes a function with an event already written as JSON. */
  invokeJson(fn: FunctionModel, event: string): Promise<InvokeResult> {
    if (this.closed) return Promise.resolve({ status: 'unavailable', reason: 'the emulator is closed', durationMs: 0 });
    const unavailable = this.whyUnavailable(fn);
    if (unavailable) return Promise.resolve({ status: 'unavailable', reason: unavailable, durationMs: 0 });
    let pool = this.pools.get(fn.arn);
    if (!pool) {
      pool = new FunctionPool(fn, this.setupOf(fn), this.options);
      this.pools.set(fn.arn, pool);
    }
    return pool.invoke(event);
  }

  /** Why a function cannot run here, or undefined when it can. */
  whyUnavailable(fn: FunctionModel): string | undefined {
    if (!/^nodejs/.test(fn.runtime)) return `function ${fn.path} has runtime ${fn.runtime}, and the emulator runs only Node.js functions`;
    if (fn.code.kind === 'unavailable') return `function ${fn.path}: ${fn.code.reason}`;
    return undefined;
  }

  /** Ends every execution environment; later invocations answer `unavailable`. */
  async close(): Promise<void> {
    this.closed = true;
    // One per function of the app, each ending its workers (at most maxInstancesPerFunction).
    // eslint-disable-next-line @cdklabs/promiseall-no-unbounded-parallelism
    await Promise.all([...this.pools.values()].map(pool => pool.close()));
    this.pools.clear();
    if (this.inlineRoot) fs.rmSync(this.inlineRoot, { recursive: true, force: true });
  }

  private setupOf(fn: FunctionModel): WorkerSetup {
    let codeDirectory: string;
    if (fn.code.kind === 'inline') {
      // CloudFormation writes inline code to a file named index (`index.js` for Node.js).
      this.inlineRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-apigatewayv2-emulator-'));
      codeDirectory = path.join(this.inlineRoot, fn.name);
      fs.mkdirSync(codeDirectory, { recursive: true });
      fs.writeFileSync(path.join(codeDirectory, 'index.js'), fn.code.source);
    } else {
      codeDirectory = (fn.code as { directory: string }).directory;
    }
    return {
      codeDirectory,
      handler: fn.handler,
      functionName: fn.name,
      functionArn: fn.arn,
      memoryMb: fn.memoryMb,
      sdkSearchPaths: this.options.sdkSearchPaths,
      localHttps: this.options.localHttps(),
      esmHookUrl: pathToFileURL(path.join(__dirname, 'esm-sdk-hook.mjs')).href,
    };
  }
}

interface Pending {
  readonly message: InvokeMessage;
  readonly started: number;
  readonly resolve: (result: InvokeResult) => void;
}

/** The execution environments of one function. */
class FunctionPool {
  private readonly idle: Environment[] = [];
  private readonly all = new Set<Environment>();
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(private readonly fn: FunctionModel, private readonly setup: WorkerSetup, private readonly options: FunctionRunnerOptions) {}

  invoke(event: string): Promise<InvokeResult> {
    return new Promise(resolve => {
      const started = Date.now();
      const message: InvokeMessage = {
        id: this.nextId++,
        event,
        awsRequestId: randomUUID(),
        deadline: started + this.fn.timeoutSeconds * 1000,
      };
      this.queue.push({ message, started, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    for (const pending of this.queue.splice(0)) {
      pending.resolve({ status: 'unavailable', reason: 'the emulator is closed', durationMs: Date.now() - pending.started });
    }
    // At most maxInstancesPerFunction environments.
    // eslint-disable-next-line @cdklabs/promiseall-no-unbounded-parallelism
    await Promise.all([...this.all].map(env => env.terminate('the emulator is closed')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let env = this.idle.pop();
      if (!env) {
        if (this.all.size >= this.options.maxInstancesPerFunction) return;
        env = new Environment(this.fn, this.setup, this.options, (done, reusable) => {
          if (reusable) {
            this.idle.push(done);
          } else {
            this.all.delete(done);
            const index = this.idle.indexOf(done);
            if (index >= 0) this.idle.splice(index, 1);
          }
          this.dispatch();
        });
        this.all.add(env);
      }
      env.run(this.queue.shift()!);
    }
  }
}

/** One execution environment: a worker thread running one invocation at a time. */
class Environment {
  private readonly worker: Worker;
  private current?: Pending;
  private timer?: NodeJS.Timeout;
  private dead = false;

  constructor(
    private readonly fn: FunctionModel,
    setup: WorkerSetup,
    options: FunctionRunnerOptions,
    private readonly onDone: (env: Environment, reusable: boolean) => void,
  ) {
    this.worker = new Worker(path.join(__dirname, 'worker.js'), {
      workerData: setup,
      env: options.environmentOf(fn),
      execArgv: [],
    });
    this.worker.on('message', (message: ResultMessage | LogMessage) => {
      if ('log' in message) {
        for (const line of message.log.split('\n')) options.output.functionOutput(fn, message.stream, line);
      } else {
        this.finish(message);
      }
    });
    this.worker.on('error', (error: Error) => {
      this.fail({ errorType: error.name === 'Error' ? 'Runtime.UnhandledError' : error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') });
    });
    this.worker.on('exit', code => {
      this.fail({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${this.current?.message.awsRequestId ?? '-'} Error: Runtime exited with error: exit status ${code}` });
    });
    this.worker.unref();
  }

  run(pending: Pending): void {
    this.current = pending;
    // The timer keeps the process alive while the invocation runs; the worker itself never does.
    this.timer = setTimeout(() => {
      const seconds = this.fn.timeoutSeconds.toFixed(2);
      this.complete({
        status: 'error',
        error: { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${pending.message.awsRequestId} Error: Task timed out after ${seconds} seconds` },
        timedOut: true,
        durationMs: Date.now() - pending.started,
      }, false);
    }, this.fn.timeoutSeconds * 1000);
    this.worker.postMessage(pending.message);
  }

  async terminate(reason: string): Promise<void> {
    if (this.current) {
      this.complete({ status: 'unavailable', reason, durationMs: Date.now() - this.current.started }, false);
    } else {
      this.dead = true;
      await this.worker.terminate();
    }
  }

  private finish(result: ResultMessage): void {
    const pending = this.current;
    if (!pending || result.id !== pending.message.id) return;
    const durationMs = Date.now() - pending.started;
    if ('payload' in result) {
      this.complete({ status: 'ok', payload: result.payload, durationMs }, true);
    } else {
      // An error while loading the handler leaves the environment unusable, as on Lambda.
      const reusable = !result.error.errorType.startsWith('Runtime.');
      this.complete({ status: 'error', error: result.error, timedOut: false, durationMs }, reusable);
    }
  }

  /** The environment died (crash, `process.exit`): fail what it was running. */
  private fail(error: FunctionError): void {
    if (this.dead) return;
    const pending = this.current;
    if (pending) {
      this.complete({ status: 'error', error, timedOut: false, durationMs: Date.now() - pending.started }, false);
    } else {
      this.dead = true;
      this.onDone(this, false);
    }
  }

  private complete(result: InvokeResult, reusable: boolean): void {
    const pending = this.current;
    if (!pending) return;
    this.current = undefined;
    clearTimeout(this.timer);
    if (!reusable) {
      this.dead = true;
      void this.worker.terminate();
    }
    pending.resolve(result);
    this.onDone(this, reusable);
  }
}
