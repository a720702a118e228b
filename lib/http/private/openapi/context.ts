import type { IConstruct } from 'constructs';
import type { ErrorId, WarningId } from '../../../private/catalog';
import { refuse, warn } from '../../../private/error';

/**
 * What the checks of an OpenAPI document report to: the construct that received it, and
 * whether API Gateway's import warnings fail the deploy.
 */
export interface CheckContext {
  /** The construct that received the document, for messages. */
  readonly scope: IConstruct;
  /** Whether the import fails on warnings (`FailOnWarnings`); then they are refused at synth time. */
  readonly failOnWarnings: boolean;
}

/** Refuses a document: `invalid `apiDefinition` at paths['/pets'].get: ...`. */
export function badDocument(ctx: CheckContext, id: ErrorId, location: string, problem: string): never {
  return refuse(id, `invalid \`apiDefinition\`${location ? ` at ${location}` : ''}: ${problem}`, ctx.scope);
}

/**
 * Something API Gateway's import reports as a warning. With `failOnWarnings` (the default)
 * the warning fails the deploy, so it is refused now; without, it is a synth-time warning too.
 */
export function importWarning(ctx: CheckContext, id: WarningId, location: string, problem: string): void {
  if (ctx.failOnWarnings) {
    badDocument(ctx, 'openApiImportWarning', location, `${problem}; API Gateway reports this as an import warning, which fails the deploy `
      + 'with `failOnWarnings` (the default): fix the document, or set `failOnWarnings: false` to let API Gateway skip it');
  }
  warn(ctx.scope, id, `\`apiDefinition\` at ${location}: ${problem}`);
}

/** A synth-time warning about a document, for what API Gateway accepts but that is likely a mistake. */
export function warnDocument(ctx: CheckContext, id: WarningId, location: string, problem: string): void {
  warn(ctx.scope, id, `\`apiDefinition\`${location ? ` at ${location}` : ''}: ${problem}`);
}
