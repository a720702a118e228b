import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { Stack, attachCustomSynthesis } from 'aws-cdk-lib';
import type { IHttpApi } from './api-base';
import type { OpenApiExportOptions } from './openapi-export-options';
import { yamlModule } from './private/openapi/load';
import { readablePlaceholders } from './private/openapi/readable';
import { refuse, shown } from '../private/error';
import { checkArguments } from '../private/guard';

/**
 * The formats an OpenAPI document is written in.
 */
export enum OpenApiFormat {
  /** JSON, indented by two spaces. */
  JSON = 'json',
  /** YAML. */
  YAML = 'yaml',
}

/**
 * Properties of an `HttpApiOpenApiDocument`.
 */
export interface HttpApiOpenApiDocumentProps extends OpenApiExportOptions {
  /** The API to export: an `HttpApi` or a `SpecHttpApi` of this app. */
  readonly api: IHttpApi;

  /**
   * The file name, in the cloud assembly directory (`cdk.out`).
   * @default - the API's construct path with '/' as '-', then `.openapi.json` (or `.openapi.yaml`)
   */
  readonly fileName?: string;

  /**
   * The format of the file.
   * @default OpenApiFormat.JSON
   */
  readonly format?: OpenApiFormat;
}

/**
 * Writes the OpenAPI 3.0 document of an API into the cloud assembly when the app is
 * synthesized, with every route the app added (see `HttpApi.toOpenApi`). Values only known at
 * deploy time are written as placeholders such as `${Handler1234.Arn}`.
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 *
 * declare const booksFn: lambda.Function;
 *
 * const api = new apigwv2.HttpApi(this, 'BooksApi');
 * api.addRoutes({
 *   path: '/books',
 *   methods: [apigwv2.HttpMethod.GET],
 *   integration: new integrations.HttpLambdaIntegration('Books', booksFn),
 *   openApi: { operationId: 'listBooks', summary: 'List the books', tags: ['catalog'] },
 * });
 *
 * // Written into cdk.out at synth time, with API Gateway's extensions, for import elsewhere.
 * new apigwv2.HttpApiOpenApiDocument(this, 'ImportDocument', {
 *   api,
 *   fileName: 'books.import.yaml',
 *   format: apigwv2.OpenApiFormat.YAML,
 *   includeExtensions: true,
 * });
 */
export class HttpApiOpenApiDocument extends Construct {
  /** The name of the file in the cloud assembly directory. */
  public readonly fileName: string;

  constructor(scope: Construct, id: string, props: HttpApiOpenApiDocumentProps) {
    checkArguments('HttpApiOpenApiDocument.new', [scope, id, props]);
    super(scope, id);
    const source = props.api as IHttpApi & { toOpenApi?: (options: OpenApiExportOptions) => unknown };
    if (typeof source.toOpenApi !== 'function') {
      refuse('openApiExportSource', `\`api\` ${props.api.node.path} has no routes in view to export (an imported API): pass the HttpApi or SpecHttpApi itself`, this);
    }
    const format = props.format ?? OpenApiFormat.JSON;
    this.fileName = props.fileName ?? `${props.api.node.path.replace(/\//g, '-')}.openapi.${format}`;
    if (this.fileName !== path.basename(this.fileName) || this.fileName === '..' || this.fileName === '.' || this.fileName === '') {
      refuse('openApiExportFileName', `invalid \`fileName\` ${shown(this.fileName)}: the file is written into the cloud assembly directory; give a file name without a directory`, this);
    }
    const options: OpenApiExportOptions = { includeExtensions: props.includeExtensions, version: props.version };
    attachCustomSynthesis(this, {
      onSynthesize: session => {
        const document = readablePlaceholders(Stack.of(props.api).resolve(source.toOpenApi!(options)));
        const text = format === OpenApiFormat.YAML ? yamlModule().stringify(document) : `${JSON.stringify(document, undefined, 2)}\n`;
        fs.writeFileSync(path.join(session.outdir, this.fileName), text);
      },
    });
  }
}
