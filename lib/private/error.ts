import type { IConstruct } from 'constructs';

/**
 * The one error this library throws for input that CloudFormation or API Gateway would
 * reject at deploy time. It records the path of the construct that received the input, so a
 * user can find the offending line in a large app.
 *
 * Messages follow one shape: lowercase start, no trailing period, the setting in backticks,
 * the rule, the value received and the fix.
 */
export class ApiGatewayV2Error extends Error {
  /** Path of the construct that received the bad input, when there is one. */
  public readonly constructPath?: string;

  constructor(message: string, scope?: IConstruct) {
    super(scope ? `${scope.node.path}: ${message}` : message);
    this.name = 'ApiGatewayV2Error';
    this.constructPath = scope?.node.path;
    Object.setPrototypeOf(this, ApiGatewayV2Error.prototype);
  }
}

/** Throws an `ApiGatewayV2Error`; usable as an expression. */
export function refuse(message: string, scope?: IConstruct): never {
  throw new ApiGatewayV2Error(message, scope);
}

/** Quotes a received value for an error message, shortening long ones. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
