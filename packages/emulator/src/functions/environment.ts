import type { FunctionModel } from '../assembly/model';
import type { IamCredential } from '../context';

/** Credentials that sign nothing real: an AWS SDK call from a handler never uses the developer's own. */
const DUMMY_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAEMULATORLOCAL000',
  AWS_SECRET_ACCESS_KEY: 'cdk-apigatewayv2-emulator/not-a-real-secret-key',
  AWS_SESSION_TOKEN: 'cdk-apigatewayv2-emulator-session-token',
};

/** The functions' credentials, which the @connections API accepts in the IAM `verify` mode too. */
export const FUNCTION_CREDENTIAL: IamCredential = {
  accessKeyId: DUMMY_CREDENTIALS.AWS_ACCESS_KEY_ID,
  secretAccessKey: DUMMY_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
};

/** Whether a key names a function: its construct id or path, logical id or name. */
export function namesFunction(key: string, fn: FunctionModel): boolean {
  return key === fn.logicalId || key === fn.name || key === fn.path || fn.path.endsWith(`/${key}`);
}

/**
 * A function's environment, as Lambda sets it: the Region, dummy credentials, the function's
 * settings; then the template's variables (`localize` points API URLs at the emulator); then the
 * overrides, those for every function (`*`) first. Nothing else of the emulator's own
 * environment reaches the function but `PATH`.
 */
export function lambdaEnvironment(fn: FunctionModel, localize: (value: string) => string, overrides: Record<string, Record<string, string>>): Record<string, string> {
  const region = fn.arn.split(':')[3] || 'us-east-1';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    ...DUMMY_CREDENTIALS,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${fn.arn.length.toString(16).padStart(32, '0')}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
    _HANDLER: fn.handler,
  };
  for (const [name, value] of Object.entries(fn.environment)) env[name] = localize(value);
  const entries = Object.entries(overrides);
  for (const [, vars] of entries.filter(([key]) => key === '*')) Object.assign(env, vars);
  for (const [, vars] of entries.filter(([key]) => key !== '*' && namesFunction(key, fn))) Object.assign(env, vars);
  return env;
}
