import * as fs from 'fs';
import * as path from 'path';
import { EmulatorError } from '../errors';

/** A CloudFormation template, as far as the emulator reads it. */
export interface Template {
  readonly Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources?: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

/** One resource of a template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly Condition?: string;
}

/** A template of the assembly: a stack's, or a nested stack's. */
export interface StackTemplate {
  /** The stack's display name (`Stage/Stack`), or `Parent/NestedStackId` for a nested stack. */
  readonly name: string;
  /** The CloudFormation stack name; for a nested stack, the name CloudFormation would generate. */
  readonly stackName: string;
  /** The folder the template's asset paths are relative to. */
  readonly assemblyDir: string;
  readonly template: Template;
  /** The account and Region of the stack's environment, where the app set them. */
  readonly account?: string;
  readonly region?: string;
  /** For a nested stack: the template whose `AWS::CloudFormation::Stack` creates it. */
  readonly parent?: StackTemplate;
  /** For a nested stack: the logical id of that resource in the parent. */
  readonly logicalIdInParent?: string;
  /** For a nested stack: the values the parent passes to its parameters (in the parent's terms). */
  readonly parameters: Record<string, unknown>;
  readonly nested: StackTemplate[];
  /** The file assets of the assembly the stack is in: their source paths and S3 object keys. */
  readonly assets: readonly FileAsset[];
}

/** A file asset: a folder or file of the assembly, uploaded to S3 under these object keys. */
export interface FileAsset {
  readonly path?: string;
  readonly packaging?: string;
  readonly objectKeys: string[];
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly properties?: {
    readonly file?: string;
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly directoryName?: string;
  };
}

interface AssetManifest {
  readonly files?: Record<string, {
    readonly source?: { readonly path?: string; readonly packaging?: string };
    readonly destinations?: Record<string, { readonly objectKey?: string }>;
  }>;
}

/**
 * Every template of a cloud assembly: its stacks, the stacks of nested assemblies (CDK stages)
 * and their nested stacks, depth first.
 */
export function readAssembly(dir: string): StackTemplate[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new EmulatorError(`no cloud assembly at '${dir}': \`${manifestFile}\` does not exist; run \`cdk synth\` first, or pass the folder it writes (\`cdk.out\` by default)`);
  }
  const stacks: StackTemplate[] = [];
  collect(dir, stacks);
  return stacks.flatMap(allTemplates);
}

function collect(dir: string, into: StackTemplate[]): void {
  const manifest = readJson<{ artifacts?: Record<string, ManifestArtifact> }>(path.join(dir, 'manifest.json'));
  const artifacts = Object.entries(manifest.artifacts ?? {});
  const assetFiles = artifacts
    .filter(([, artifact]) => artifact.type === 'cdk:asset-manifest')
    .flatMap(([, artifact]) => Object.values(readJson<AssetManifest>(path.join(dir, artifact.properties!.file!)).files ?? {}))
    .map((file): FileAsset => ({
      path: file.source?.path,
      packaging: file.source?.packaging,
      objectKeys: Object.values(file.destinations ?? {}).map(d => String(d.objectKey ?? '')),
    }));

  for (const [id, artifact] of artifacts) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const env = /^aws:\/\/([^/]*)\/(.*)$/.exec(artifact.environment ?? '');
      const stack: StackTemplate = {
        name: artifact.displayName ?? id,
        stackName: artifact.properties?.stackName ?? id,
        assemblyDir: dir,
        template: readJson<Template>(path.join(dir, artifact.properties!.templateFile!)),
        account: env && !env[1].startsWith('unknown-') ? env[1] : undefined,
        region: env && !env[2].startsWith('unknown-') ? env[2] : undefined,
        parameters: {},
        nested: [],
        assets: assetFiles,
      };
      readNestedStacks(stack, assetFiles);
      into.push(stack);
    } else if (artifact.type === 'cdk:cloud-assembly') {
      collect(path.join(dir, artifact.properties!.directoryName!), into);
    }
  }
}

function readNestedStacks(node: StackTemplate, assetFiles: FileAsset[]): void {
  for (const [logicalId, resource] of Object.entries(node.template.Resources ?? {})) {
    if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const file = nestedTemplateFile(node.assemblyDir, resource, assetFiles);
    if (!file) {
      throw new EmulatorError(`the template of nested stack \`${node.name}/${logicalId}\` is not in the assembly: neither its \`aws:asset:path\` metadata nor its \`TemplateURL\` names a file of it; synthesize the app again`);
    }
    const cdkPath = resource.Metadata?.['aws:cdk:path'];
    const match = typeof cdkPath === 'string' ? /^(.*)\.NestedStack\/[^/]*\.NestedStackResource$/.exec(cdkPath) : null;
    const child: StackTemplate = {
      name: match ? match[1] : `${node.name}/${logicalId}`,
      stackName: `${node.stackName}-${logicalId}`,
      assemblyDir: node.assemblyDir,
      template: readJson<Template>(file),
      account: node.account,
      region: node.region,
      parent: node,
      logicalIdInParent: logicalId,
      parameters: (resource.Properties?.Parameters as Record<string, unknown> | undefined) ?? {},
      nested: [],
      assets: assetFiles,
    };
    readNestedStacks(child, assetFiles);
    node.nested.push(child);
  }
}

/** A nested stack's template file: named by its asset metadata, or the asset its URL names. */
function nestedTemplateFile(dir: string, resource: TemplateResource, assetFiles: FileAsset[]): string | undefined {
  const assetPath = resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath === 'string' && fs.existsSync(path.join(dir, assetPath))) {
    return path.join(dir, assetPath);
  }
  const url = JSON.stringify(resource.Properties?.TemplateURL ?? '');
  const asset = assetFiles.find(file => file.path && file.objectKeys.some(key => key && url.includes(key)));
  return asset?.path && fs.existsSync(path.join(dir, asset.path)) ? path.join(dir, asset.path) : undefined;
}

function allTemplates(node: StackTemplate): StackTemplate[] {
  return [node, ...node.nested.flatMap(allTemplates)];
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new EmulatorError(`cannot read \`${file}\` of the cloud assembly: ${(e as Error).message}; synthesize the app again`);
  }
}
