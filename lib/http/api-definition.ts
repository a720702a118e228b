import * as fs from 'fs';
import type { Construct } from 'constructs';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { copyDocument } from './private/openapi/model';
import { loadDocumentFile } from './private/openapi/load';
import { refuse, warn } from '../private/error';
import { checkArguments } from '../private/guard';

/**
 * Where an OpenAPI document lies in S3.
 */
export interface HttpApiDefinitionS3Location {
  /** The bucket's name. */
  readonly bucket: string;
  /** The object's key. */
  readonly key: string;
  /**
   * The object's version.
   * @default - the latest version
   */
  readonly version?: string;
  /**
   * The object's ETag.
   * @default - not checked
   */
  readonly etag?: string;
}

/**
 * What a definition gives the API: a document to write into the template, or a document in S3.
 */
export interface HttpApiDefinitionConfig {
  /**
   * The OpenAPI document, as a JSON-compatible object, written into the template as the API's
   * `Body`. The API may add to it: props, tags, and what code binds to it.
   * @default - none; `s3Location` is given
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, for every jsii language
  readonly inlineDefinition?: any;

  /**
   * Where the document lies in S3 (`BodyS3Location`). API Gateway reads it as it is.
   * @default - none; `inlineDefinition` is given
   */
  readonly s3Location?: HttpApiDefinitionS3Location;

  /**
   * The local copy of an S3 document, checked at synth time against API Gateway's rules.
   * @default - not checked
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, for every jsii language
  readonly localDefinition?: any;
}

/**
 * Options of a definition in an S3 bucket.
 */
export interface BucketHttpApiDefinitionOptions {
  /**
   * The version of the object. Without it (or `etag`), replacing the object under the same key
   * does not update the API: CloudFormation sees no change.
   * @default - the latest version, read when CloudFormation creates or updates the API
   */
  readonly objectVersion?: string;

  /**
   * The ETag of the object. Changing it makes CloudFormation import the document again.
   * @default - none
   */
  readonly etag?: string;
}

/**
 * The OpenAPI 3.0 document that defines a `SpecHttpApi`.
 *
 * Inline and file documents are written into the template, so the API can write its props
 * and tags into them and bind integrations and authorizers built in code; they may hold CDK
 * tokens (inline) and are checked at synth time. Asset and bucket documents are uploaded to,
 * or already in, S3: API Gateway reads them unchanged.
 *
 * @example
 * declare const bucket: s3.IBucket;
 *
 * // A document another team publishes to S3: API Gateway reads it as it is.
 * new apigwv2.SpecHttpApi(this, 'PartnerApi', {
 *   apiDefinition: apigwv2.HttpApiDefinition.fromBucket(bucket, 'partner-api/openapi.yaml', {
 *     objectVersion: 'Lmd4Rk2bBqvXMSnVKbDkWpoqPW9jwbLx',
 *   }),
 * });
 */
export abstract class HttpApiDefinition {
  /**
   * A document given as a JSON-compatible object (a dict in Python, a Map in Java). Values may
   * be CDK tokens, such as a function's ARN.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document, for every jsii language
  public static fromInline(definition: any): HttpApiDefinition {
    checkArguments('HttpApiDefinition.fromInline', [definition]);
    return new InlineDefinition(definition);
  }

  /**
   * A JSON (`.json`) or YAML file, read at synth time and written into the template.
   * Integrations and authorizers built in code bind to it (see `SpecHttpApiProps`).
   *
   * @param file the path of the file, where a relative path starts at the directory `cdk synth`
   *   runs in
   */
  public static fromFile(file: string): HttpApiDefinition {
    checkArguments('HttpApiDefinition.fromFile', [file]);
    return new FileDefinition(file);
  }

  /**
   * A JSON or YAML file uploaded as an asset and read by API Gateway from S3. The file is
   * checked at synth time, but nothing can be written into it: use `fromFile` to set props,
   * tags or integrations from code.
   *
   * @param file the path of the file
   * @param options asset options
   */
  public static fromAsset(file: string, options?: s3assets.AssetOptions): HttpApiDefinition {
    checkArguments('HttpApiDefinition.fromAsset', [file, options]);
    return new AssetDefinition(file, options);
  }

  /**
   * A document already in S3. It is not checked at synth time, and nothing can be written into it.
   *
   * @param bucket the bucket
   * @param key the object's key
   * @param options the object's version or ETag
   */
  public static fromBucket(bucket: IBucket, key: string, options: BucketHttpApiDefinitionOptions = {}): HttpApiDefinition {
    checkArguments('HttpApiDefinition.fromBucket', [bucket, key, options]);
    return new BucketDefinition(bucket, key, options);
  }

  /**
   * Called when the API is created: returns the document or its S3 location.
   *
   * @param scope the API
   */
  public abstract bind(scope: Construct): HttpApiDefinitionConfig;

  /**
   * Called after the API's CloudFormation resource exists, e.g. to add asset metadata to it.
   *
   * @param scope the API
   * @param resource the API's CloudFormation resource
   */
  public bindAfterCreate(scope: Construct, resource: CfnApi): void {
    checkArguments('HttpApiDefinition.bindAfterCreate', [scope, resource], this);
    // nothing by default
  }
}

/** A document given as an object. */
class InlineDefinition extends HttpApiDefinition {
  constructor(private readonly definition: unknown) {
    super();
  }

  public bind(scope: Construct): HttpApiDefinitionConfig {
    checkArguments('HttpApiDefinition.bind', [scope], this);
    return { inlineDefinition: copyDocument(this.definition) };
  }
}

/** A JSON or YAML file, parsed at synth time. */
class FileDefinition extends HttpApiDefinition {
  constructor(private readonly file: string) {
    super();
  }

  public bind(scope: Construct): HttpApiDefinitionConfig {
    checkArguments('HttpApiDefinition.bind', [scope], this);
    return { inlineDefinition: loadDocumentFile(this.file, scope) };
  }
}

/** A file uploaded as an asset. */
class AssetDefinition extends HttpApiDefinition {
  private asset?: s3assets.Asset;

  constructor(private readonly file: string, private readonly options: s3assets.AssetOptions = {}) {
    super();
  }

  public bind(scope: Construct): HttpApiDefinitionConfig {
    checkArguments('HttpApiDefinition.bind', [scope], this);
    const localDefinition = loadDocumentFile(this.file, scope);
    if (!this.asset) {
      // Loaded on first use, like the yaml package: most apps have no asset definition.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Asset } = require('aws-cdk-lib/aws-s3-assets') as typeof s3assets;
      this.asset = new Asset(scope, 'APIDefinition', { path: this.file, ...this.options });
    }
    if (this.asset.isZipArchive || fs.statSync(this.file).isDirectory()) {
      refuse('apiDefinitionAsset', `invalid \`apiDefinition\` asset '${this.file}': an OpenAPI document is one JSON or YAML file, not a directory or archive`, scope);
    }
    return {
      s3Location: { bucket: this.asset.s3BucketName, key: this.asset.s3ObjectKey },
      localDefinition,
    };
  }

  public bindAfterCreate(scope: Construct, resource: CfnApi): void {
    checkArguments('HttpApiDefinition.bindAfterCreate', [scope, resource], this);
    if (!this.asset) {
      refuse('internalError', 'the asset of this API definition was never created: bind() runs before bindAfterCreate()', scope);
    }
    // Tells the AWS SAM CLI where the document is, for `sam local`.
    this.asset.addResourceMetadata(resource, 'BodyS3Location');
  }
}

/** A document in a bucket. */
class BucketDefinition extends HttpApiDefinition {
  constructor(private readonly bucket: IBucket, private readonly key: string, private readonly options: BucketHttpApiDefinitionOptions) {
    super();
  }

  public bind(scope: Construct): HttpApiDefinitionConfig {
    checkArguments('HttpApiDefinition.bind', [scope], this);
    if (this.options.objectVersion === undefined && this.options.etag === undefined) {
      warn(scope, 'openApiBucketVersion',
        `the API definition s3://.../${this.key} has no \`objectVersion\` or \`etag\`: replacing the object under the same key does not `
        + 'update the API, because CloudFormation sees no change; pass the object\'s version or ETag');
    }
    return {
      s3Location: { bucket: this.bucket.bucketName, key: this.key, version: this.options.objectVersion, etag: this.options.etag },
    };
  }
}
