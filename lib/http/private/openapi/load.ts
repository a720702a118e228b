import * as fs from 'fs';
import * as path from 'path';
import type { IConstruct } from 'constructs';
import type * as Yaml from 'yaml';
import { refuse } from '../../../private/error';

/**
 * Reads an OpenAPI document from a JSON or YAML file, at synth time and synchronously. JSON
 * files (`.json`) are read as JSON; any other file as YAML 1.2, of which JSON is a subset.
 * YAML tags (such as CloudFormation's `!Ref` or `!Sub`) are refused: nothing would resolve them.
 */
export function loadDocumentFile(file: string, scope: IConstruct): unknown {
  let text: string;
  try {
    if (!fs.statSync(file).isFile()) {
      refuse('apiDefinitionFile', `invalid \`apiDefinition\` file '${file}': it is a directory; name the OpenAPI document itself`, scope);
    }
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      refuse('apiDefinitionFile', `invalid \`apiDefinition\` file '${file}': no such file (relative paths start at ${process.cwd()}); `
        + 'give the path of a JSON or YAML OpenAPI document', scope);
    }
    throw error;
  }
  if (path.extname(file).toLowerCase() === '.json') {
    try {
      return JSON.parse(text);
    } catch (error) {
      refuse('apiDefinitionFile', `invalid \`apiDefinition\` file '${file}': it is not valid JSON (${(error as Error).message}); fix the file, `
        + 'or name it .yaml if it is YAML', scope);
    }
  }
  return parseYaml(text, file, scope);
}

/**
 * The `yaml` package, loaded on first use: loading it takes about 35 ms, and most apps read
 * and write no YAML.
 */
export function yamlModule(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}

/** Parses YAML text; refuses syntax errors, duplicate keys and tags. */
export function parseYaml(text: string, file: string, scope: IConstruct): unknown {
  const document = yamlModule().parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const [error] = document.errors;
  if (error) {
    const line = error.linePos ? ` at line ${error.linePos[0].line}` : '';
    refuse('apiDefinitionFile', `invalid \`apiDefinition\` file '${file}': it is not valid YAML${line} (${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}); fix the file`, scope);
  }
  const [warning] = document.warnings;
  if (warning) {
    const line = warning.linePos ? ` at line ${warning.linePos[0].line}` : '';
    refuse('apiDefinitionFile', `invalid \`apiDefinition\` file '${file}'${line}: ${warning.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}; the document is read at synth time, `
      + 'where YAML tags such as !Ref or !Sub mean nothing: write plain values, and bind integrations and authorizers in code', scope);
  }
  return document.toJS({ maxAliasCount: 1000 });
}
