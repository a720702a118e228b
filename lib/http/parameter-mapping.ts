import { checkArguments } from '../private/guard';

/**
 * A value of a parameter mapping.
 *
 * @example
 * // MappingValue makes every kind of value: request parts, context and stage variables, strings.
 * const user: apigwv2.IMappingValue = apigwv2.MappingValue.requestHeader('x-user');
 * const version: apigwv2.IMappingValue = apigwv2.MappingValue.stageVariable('backendVersion');
 * const mapping = new apigwv2.ParameterMapping()
 *   .appendHeader('x-user', user)
 *   .overwriteQueryString('version', version);
 */
export interface IMappingValue {
  /** The value as API Gateway reads it. */
  readonly value: string;
}

/**
 * A value for a parameter mapping: part of the request, a context or stage variable, or a
 * static string.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 *
 * api.addRoutes({
 *   path: '/books/{id}',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Book', 'https://books.example.com', {
 *     parameterMapping: new apigwv2.ParameterMapping()
 *       .overwritePath(apigwv2.MappingValue.custom('/v2/books/${request.path.id}'))
 *       .appendHeader('x-request-id', apigwv2.MappingValue.contextVariable('requestId')),
 *   }),
 * });
 */
export class MappingValue implements IMappingValue {
  /** No value, to remove a header or query string. */
  public static readonly NONE = new MappingValue('');

  /** A request header (names are case-insensitive). */
  public static requestHeader(name: string): MappingValue {
    checkArguments('MappingValue.requestHeader', [name]);
    return new MappingValue(`$request.header.${name}`);
  }

  /** A query string parameter (names are case-sensitive). */
  public static requestQueryString(name: string): MappingValue {
    checkArguments('MappingValue.requestQueryString', [name]);
    return new MappingValue(`$request.querystring.${name}`);
  }

  /** A JSONPath into the request body (the body is truncated at 100 KB before selection). */
  public static requestBody(name: string): MappingValue {
    checkArguments('MappingValue.requestBody', [name]);
    return new MappingValue(`$request.body.${name}`);
  }

  /** The request path. */
  public static requestPath(): MappingValue {
    checkArguments('MappingValue.requestPath', []);
    return new MappingValue('$request.path');
  }

  /** A path parameter of the route. */
  public static requestPathParam(name: string): MappingValue {
    checkArguments('MappingValue.requestPathParam', [name]);
    return new MappingValue(`$request.path.${name}`);
  }

  /** A context variable, e.g. `requestId`. */
  public static contextVariable(variableName: string): MappingValue {
    checkArguments('MappingValue.contextVariable', [variableName]);
    return new MappingValue(`$context.${variableName}`);
  }

  /** A stage variable. */
  public static stageVariable(variableName: string): MappingValue {
    checkArguments('MappingValue.stageVariable', [variableName]);
    return new MappingValue(`$stageVariables.${variableName}`);
  }

  /** A value written as is: a static string, or several variables in `${...}` form. */
  public static custom(value: string): MappingValue {
    checkArguments('MappingValue.custom', [value]);
    return new MappingValue(value);
  }

  /** The value as API Gateway reads it. */
  public readonly value: string;

  protected constructor(value: string) {
    checkArguments('MappingValue.new', [value]);
    this.value = value;
  }
}

/**
 * How an integration transforms requests before they reach the backend. A header or query
 * string name holding '.' or ':' gets the warning `cdk-apigatewayv2:parameterMappingNameSeparator`,
 * as the mapping key uses both as separators and API Gateway does not document how it reads them.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const api: apigwv2.HttpApi;
 *
 * const parameterMapping = new apigwv2.ParameterMapping()
 *   .overwritePath(apigwv2.MappingValue.custom('/v2/books/${request.path.id}'))
 *   .appendHeader('x-request-id', apigwv2.MappingValue.contextVariable('requestId'))
 *   .overwriteQueryString('format', apigwv2.MappingValue.custom('json'))
 *   .removeHeader('x-debug');
 * api.addRoutes({
 *   path: '/books/{id}',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpUrlIntegration('Book', 'https://books.example.com', { parameterMapping }),
 * });
 */
export class ParameterMapping {
  /**
   * A mapping from a map of keys (e.g. `overwrite:header.x-user`) to values.
   */
  public static fromObject(obj: { [key: string]: MappingValue }): ParameterMapping {
    checkArguments('ParameterMapping.fromObject', [obj]);
    const mapping = new ParameterMapping();
    for (const [key, value] of Object.entries(obj)) {
      mapping.custom(key, value.value);
    }
    return mapping;
  }

  /** The mappings, keyed as API Gateway writes them. */
  public readonly mappings: { [key: string]: string } = {};

  /** Appends a value to a request header. */
  public appendHeader(name: string, value: MappingValue): ParameterMapping {
    checkArguments('ParameterMapping.appendHeader', [name, value], this);
    return this.custom(`append:header.${name}`, value.value);
  }

  /** Sets a request header, replacing any value it had. */
  public overwriteHeader(name: string, value: MappingValue): ParameterMapping {
    checkArguments('ParameterMapping.overwriteHeader', [name, value], this);
    return this.custom(`overwrite:header.${name}`, value.value);
  }

  /** Removes a request header. */
  public removeHeader(name: string): ParameterMapping {
    checkArguments('ParameterMapping.removeHeader', [name], this);
    return this.custom(`remove:header.${name}`, '');
  }

  /** Appends a value to a query string parameter. */
  public appendQueryString(name: string, value: MappingValue): ParameterMapping {
    checkArguments('ParameterMapping.appendQueryString', [name, value], this);
    return this.custom(`append:querystring.${name}`, value.value);
  }

  /** Sets a query string parameter, replacing any value it had. */
  public overwriteQueryString(name: string, value: MappingValue): ParameterMapping {
    checkArguments('ParameterMapping.overwriteQueryString', [name, value], this);
    return this.custom(`overwrite:querystring.${name}`, value.value);
  }

  /** Removes a query string parameter. */
  public removeQueryString(name: string): ParameterMapping {
    checkArguments('ParameterMapping.removeQueryString', [name], this);
    return this.custom(`remove:querystring.${name}`, '');
  }

  /** Replaces the request path. */
  public overwritePath(value: MappingValue): ParameterMapping {
    checkArguments('ParameterMapping.overwritePath', [value], this);
    return this.custom('overwrite:path', value.value);
  }

  /** Adds a mapping by its raw key and value. */
  public custom(key: string, value: string): ParameterMapping {
    checkArguments('ParameterMapping.custom', [key, value], this);
    // defineProperty keeps keys such as '__proto__' as plain entries.
    Object.defineProperty(this.mappings, key, { value, enumerable: true, writable: true, configurable: true });
    return this;
  }
}
