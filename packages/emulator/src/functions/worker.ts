// The entry point of a function's worker thread: loads the handler the way Lambda's Node.js
// runtime does, then runs one invocation at a time as the emulator sends them. Each worker is one
// execution environment: its own module state and its own `process.env` (set by the emulator).
import * as fs from 'fs';
import * as nodeModule from 'module';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { format } from 'util';
import { parentPort, workerData } from 'worker_threads';
import { routeLocalHttps } from './local-https';
import type { FunctionError, InvokeMessage, LogMessage, ResultMessage, WorkerSetup } from './protocol';

const setup = workerData as WorkerSetup;
type Handler = (event: unknown, context: unknown, callback?: (error?: unknown, result?: unknown) => void) => unknown;
let loaded: Promise<Handler> | undefined;

process.env.LAMBDA_TASK_ROOT ??= setup.codeDirectory;
provideAwsSdk();
routeLocalHttps(setup.localHttps);
captureConsole();

parentPort!.on('message', (message: InvokeMessage) => {
  void invoke(message).then(result => parentPort!.postMessage(result));
});

async function invoke(message: InvokeMessage): Promise<ResultMessage> {
  try {
    loaded ??= loadHandler();
    const handler = await loaded;
    const result = await call(handler, JSON.parse(message.event), context(message));
    let payload: string | undefined;
    try {
      payload = JSON.stringify(result === undefined ? null : result);
    } catch (e) {
      return { id: message.id, error: { errorType: 'Runtime.MarshalError', errorMessage: `Unable to stringify response body: ${(e as Error).message}` } };
    }
    return { id: message.id, payload: payload ?? 'null' };
  } catch (e) {
    return { id: message.id, error: toFunctionError(e) };
  }
}

/**
 * Sends what the handler logs with `console` to the emulator, line by line, as Lambda's runtime
 * captures it. (Piping the worker's stdout instead costs every invocation, logged or not.)
 */
function captureConsole(): void {
  const send = (stream: LogMessage['stream']) => (...args: unknown[]) => {
    parentPort!.postMessage({ log: format(...args), stream } satisfies LogMessage);
  };
  console.log = console.info = console.debug = console.trace = send('stdout');
  console.warn = console.error = send('stderr');
}

/** Calls an async handler, or a callback-style one (three parameters), as Lambda does. */
function call(handler: Handler, event: unknown, ctx: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (error?: unknown, result?: unknown) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(result);
    };
    Object.assign(ctx, {
      done: callback,
      succeed: (result: unknown) => callback(null, result),
      fail: (error: unknown) => callback(error ?? 'handled'),
    });
    let returned: unknown;
    try {
      returned = handler(event, ctx, callback);
    } catch (e) {
      callback(e);
      return;
    }
    if (returned && typeof (returned as Promise<unknown>).then === 'function') {
      (returned as Promise<unknown>).then(result => callback(null, result), error => callback(error ?? new Error('the handler rejected with no reason')));
    } else if (handler.length < 3) {
      callback(null, returned);
    }
  });
}

function context(message: InvokeMessage): Record<string, unknown> {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: setup.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: setup.functionArn,
    memoryLimitInMB: String(setup.memoryMb),
    awsRequestId: message.awsRequestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
}

/**
 * Loads the handler: `dir/file.export.path` names `dir/file.js`, `.mjs` or `.cjs` under the code
 * folder (in that order, as Lambda looks) and the export path in it.
 */
async function loadHandler(): Promise<Handler> {
  const slash = setup.handler.lastIndexOf('/');
  const dot = setup.handler.indexOf('.', slash + 1);
  if (dot < 0) {
    throw lambdaError('Runtime.MalformedHandlerName', `Bad handler ${setup.handler}: the handler must be <file>.<export>`);
  }
  const modulePath = path.resolve(setup.codeDirectory, setup.handler.slice(0, dot));
  const exportPath = setup.handler.slice(dot + 1).split('.');
  const file = ['.js', '.mjs', '.cjs'].map(ext => modulePath + ext).find(candidate => fs.existsSync(candidate));
  if (!file) {
    throw lambdaError('Runtime.ImportModuleError', `Error: Cannot find module '${path.relative(setup.codeDirectory, modulePath)}'`);
  }
  let mod: Record<string, unknown>;
  try {
    if (isEsModule(file)) {
      // Only ES modules need the resolution hook; registering it starts a loader thread.
      registerEsmSdkHook();
      mod = await import(pathToFileURL(file).href) as Record<string, unknown>;
    } else {
      mod = nodeModule.createRequire(file)(file) as Record<string, unknown>;
    }
  } catch (e) {
    const error = toFunctionError(e);
    throw lambdaError(/SyntaxError/.test(error.errorType) ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError', `${error.errorType}: ${error.errorMessage}`);
  }
  const lookup = (root: unknown) => exportPath.reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], root);
  let handler = lookup(mod);
  if (typeof handler !== 'function' && mod?.default) handler = lookup(mod.default);
  if (typeof handler !== 'function') {
    throw lambdaError('Runtime.HandlerNotFound', `${path.relative(setup.codeDirectory, file)}.${exportPath.join('.')} is undefined or not exported`);
  }
  return handler as Handler;
}

/** Whether a file is an ES module: `.mjs`, or `.js` under a package.json with `"type": "module"`. */
function isEsModule(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, 'utf8')).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

/**
 * Lambda's Node.js runtimes provide the AWS SDK for JavaScript v3, so bundles leave `@aws-sdk/*`
 * out. Where the code's own folders lack it, `require` and `import` of `@aws-sdk/*` fall back to
 * the project's copy (`sdkSearchPaths`); nothing else falls back, so a dependency missing from a
 * bundle still fails here as it would on Lambda.
 */
function provideAwsSdk(): void {
  const moduleInternals = nodeModule.Module as unknown as {
    _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: { paths?: string[] }) => string;
  };
  const resolveFilename = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (request, parent, isMain, options) {
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (e) {
      if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND' || !request.startsWith('@aws-sdk/') || options?.paths) throw e;
      return resolveFilename.call(this, request, parent, isMain, { paths: setup.sdkSearchPaths });
    }
  };
}

/** The same fallback for `import` of `@aws-sdk/*`, through a module resolution hook. */
function registerEsmSdkHook(): void {
  const register = (nodeModule as { register?: (specifier: string, options: object) => void }).register;
  register?.(setup.esmHookUrl, {
    data: { parents: setup.sdkSearchPaths.map(dir => pathToFileURL(path.join(dir, 'noop.js')).href) },
  });
}

function lambdaError(errorType: string, errorMessage: string): Error {
  const error = new Error(errorMessage);
  error.name = errorType;
  return error;
}

/** A thrown value as Lambda reports it: `{ errorType, errorMessage, trace }`. */
function toFunctionError(e: unknown): FunctionError {
  if (e instanceof Error) {
    return { errorType: e.name || 'Error', errorMessage: e.message, trace: (e.stack ?? '').split('\n') };
  }
  return { errorType: typeof e, errorMessage: typeof e === 'string' ? e : JSON.stringify(e) ?? String(e) };
}
