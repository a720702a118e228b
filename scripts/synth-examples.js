#!/usr/bin/env node
// Synthesizes every example app (examples/*/cdk.json) with this repository's own CDK CLI, then
// prints what each cloud assembly holds: per API its routes with their integrations and
// authorizers, its stages, and the number of CloudFormation resources of each stack and nested
// stack. Routes, integrations, authorizers and stages are matched to their API across all the
// templates of the assembly: nested stacks (through their parameters), other stacks (through
// exports) and nested stack outputs.
//
//   node scripts/synth-examples.js [example ...]     (run `npm run compile` first)
//
// Exits with 1 when an example fails to synthesize or reports a warning (`cdk synth --strict`),
// cdk-nag findings included: the examples run cdk-nag's checks as a validation plugin.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
// The file node_modules/.bin/cdk links to, run by this node: works the same on every platform.
const CDK_CLI = path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');

/** Route methods in the order people read them. */
const METHOD_ORDER = ['ANY', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Route lists longer than this show their first ROUTES_SHOWN routes and a count of the rest. */
const MAX_ROUTES_LISTED = 15;
const ROUTES_SHOWN = 10;
/** CloudFormation's limit of resources per template (stack or nested stack). */
const RESOURCE_LIMIT = 500;

function main(argv) {
  if (!fs.existsSync(CDK_CLI)) {
    console.error('the aws-cdk CLI is not installed: run `npm ci` first');
    return 1;
  }
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    console.error('the library is not compiled: run `npm run compile` first (`npm run example` does both)');
    return 1;
  }
  const all = fs.readdirSync(EXAMPLES, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && fs.existsSync(path.join(EXAMPLES, entry.name, 'cdk.json')))
    .map(entry => entry.name)
    .sort();
  const unknown = argv.filter(name => !all.includes(name));
  if (unknown.length > 0) {
    console.error(`no example app named ${unknown.join(', ')}; the examples are: ${all.join(', ')}`);
    return 1;
  }
  const names = argv.length > 0 ? argv : all;
  if (names.length === 0) {
    console.error('no example apps (folders with a cdk.json) in examples/');
    return 1;
  }

  const started = process.hrtime.bigint();
  const failed = [];
  for (const name of names) {
    if (!synthAndSummarize(name)) failed.push(name);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (failed.length > 0) {
    console.error(`\nfailed: ${failed.join(', ')}`);
    return 1;
  }
  console.log(`\n${names.length} example${names.length === 1 ? '' : 's'} synthesized in ${seconds.toFixed(1)} s`);
  return 0;
}

/** Synthesizes one example and prints its summary; returns whether it succeeded. */
function synthAndSummarize(name) {
  const dir = path.join(EXAMPLES, name);
  const outdir = path.join(dir, 'cdk.out');
  fs.rmSync(outdir, { recursive: true, force: true });

  const started = process.hrtime.bigint();
  // --no-notices: no fetch of the notices feed. --no-lookups: the examples are environment
  // agnostic, so a context lookup (which needs AWS credentials) is a bug. --strict: any warning
  // fails the synth, a construct's or the template validation's (e.g. a deprecated Lambda
  // runtime). The CLI's own messages, and the validation report, go straight through.
  const result = spawnSync(process.execPath, [CDK_CLI, 'synth', '--quiet', '--no-notices', '--no-lookups', '--strict', '-o', outdir], {
    cwd: dir,
    stdio: 'inherit',
    env: {
      ...process.env,
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `cdk synth exited with ${result.status ?? result.signal}`;
    console.error(`examples/${name}: synth failed (${why})`);
    return false;
  }

  console.log(`\nexamples/${name}: synthesized in ${seconds.toFixed(1)} s`);
  const stacks = readAssembly(outdir);
  const templates = stacks.flatMap(allTemplates);
  for (const stack of stacks) {
    printStack(stack, templates);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Reading the cloud assembly

/**
 * A template of the assembly: a stack's, or a nested stack's.
 * @typedef {object} TemplateNode
 * @property {string} name the stack's display name, or `parent/NestedStackId` for a nested stack
 * @property {string | undefined} stackName the CloudFormation stack name (undefined for nested stacks)
 * @property {object} template the parsed template
 * @property {TemplateNode | undefined} parent the template whose `AWS::CloudFormation::Stack` creates this one
 * @property {string | undefined} stackLogicalId the logical id of that resource in the parent
 * @property {object} parameters the values the parent passes to this template's parameters
 * @property {TemplateNode[]} nested the nested stacks' templates
 */

/** The stacks of a cloud assembly, nested assemblies (stages) included, each with its nested stacks. */
function readAssembly(dir) {
  const manifest = readJson(path.join(dir, 'manifest.json'));
  const artifacts = Object.entries(manifest.artifacts ?? {});
  // Nested stack templates are file assets; their source paths, by the object keys they upload to.
  const assetFiles = artifacts
    .filter(([, artifact]) => artifact.type === 'cdk:asset-manifest')
    .flatMap(([, artifact]) => Object.values(readJson(path.join(dir, artifact.properties.file)).files ?? {}))
    .map(file => ({ path: file.source?.path, objectKeys: Object.values(file.destinations ?? {}).map(d => d.objectKey) }));

  const stacks = [];
  for (const [id, artifact] of artifacts) {
    if (artifact.type === 'aws:cloudformation:stack') {
      const node = {
        name: artifact.displayName ?? id,
        stackName: artifact.properties?.stackName ?? id,
        template: readJson(path.join(dir, artifact.properties.templateFile)),
        parent: undefined,
        stackLogicalId: undefined,
        parameters: {},
        nested: [],
      };
      readNestedStacks(node, dir, assetFiles);
      stacks.push(node);
    } else if (artifact.type === 'cdk:cloud-assembly') {
      stacks.push(...readAssembly(path.join(dir, artifact.properties.directoryName)));
    }
  }
  return stacks;
}

/** Reads the templates of a template's nested stacks, recursively. */
function readNestedStacks(node, dir, assetFiles) {
  for (const [logicalId, resource] of Object.entries(node.template.Resources ?? {})) {
    if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
    const file = nestedTemplateFile(dir, resource, assetFiles);
    if (!file) {
      console.log(`  (the template of nested stack ${node.name}/${logicalId} is not in the assembly)`);
      continue;
    }
    const child = {
      name: nestedStackName(node, logicalId, resource),
      stackName: undefined,
      template: readJson(file),
      parent: node,
      stackLogicalId: logicalId,
      parameters: resource.Properties?.Parameters ?? {},
      nested: [],
    };
    readNestedStacks(child, dir, assetFiles);
    node.nested.push(child);
  }
}

/**
 * The file of a nested stack's template: named by the resource's asset metadata, or else the
 * asset whose object key its `TemplateURL` contains.
 */
function nestedTemplateFile(dir, resource, assetFiles) {
  const assetPath = resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath === 'string' && fs.existsSync(path.join(dir, assetPath))) {
    return path.join(dir, assetPath);
  }
  const url = JSON.stringify(resource.Properties?.TemplateURL ?? '');
  const asset = assetFiles.find(file => file.path && file.objectKeys.some(key => key && url.includes(key)));
  return asset && fs.existsSync(path.join(dir, asset.path)) ? path.join(dir, asset.path) : undefined;
}

/** `Parent/Id` for the nested stack construct `Parent/Id.NestedStack/Id.NestedStackResource`. */
function nestedStackName(parent, logicalId, resource) {
  const cdkPath = resource.Metadata?.['aws:cdk:path'];
  const match = typeof cdkPath === 'string' ? /^(.*)\.NestedStack\/[^/]*\.NestedStackResource$/.exec(cdkPath) : null;
  return match ? match[1] : `${parent.name}/${logicalId}`;
}

/** A stack's template and its nested stacks' templates, depth first. */
function allTemplates(node) {
  return [node, ...node.nested.flatMap(allTemplates)];
}

// ---------------------------------------------------------------------------------------------
// Following references across templates

/**
 * The resource a value refers to, as `{ node, id }`: through `Ref` and `Fn::GetAtt` (the first
 * one in a `Fn::Join`), a nested stack's parameters to the value its parent passes, a nested
 * stack's outputs (`Fn::GetAtt: [Stack, Outputs.X]`), `Fn::ImportValue` to the template that
 * exports the name, and `Fn::GetStackOutput` (weak cross-stack references) to the output of the
 * named stack. Undefined for pseudo parameters and what cannot be followed.
 */
function resolveRef(node, value, templates, depth = 0) {
  if (!value || typeof value !== 'object' || depth > 20) return undefined;
  if (typeof value.Ref === 'string') {
    const id = value.Ref;
    if (node.template.Resources?.[id]) return { node, id };
    if (node.parent && node.template.Parameters?.[id] && id in node.parameters) {
      return resolveRef(node.parent, node.parameters[id], templates, depth + 1);
    }
    return undefined;
  }
  if (Array.isArray(value['Fn::GetAtt'])) {
    const [id, attr] = value['Fn::GetAtt'];
    const resource = node.template.Resources?.[id];
    if (!resource) return undefined;
    const output = typeof attr === 'string' ? /^Outputs\.(.+)$/.exec(attr) : null;
    if (resource.Type === 'AWS::CloudFormation::Stack' && output) {
      const child = node.nested.find(n => n.stackLogicalId === id);
      const exported = child?.template.Outputs?.[output[1]];
      return exported ? resolveRef(child, exported.Value, templates, depth + 1) : undefined;
    }
    return { node, id };
  }
  if (Array.isArray(value['Fn::Join'])) {
    for (const part of value['Fn::Join'][1]) {
      const found = resolveRef(node, part, templates, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value['Fn::ImportValue'] === 'string') {
    for (const other of templates) {
      for (const output of Object.values(other.template.Outputs ?? {})) {
        if (output.Export?.Name === value['Fn::ImportValue']) return resolveRef(other, output.Value, templates, depth + 1);
      }
    }
  }
  const stackOutput = value['Fn::GetStackOutput'];
  if (stackOutput && typeof stackOutput.StackName === 'string' && typeof stackOutput.OutputName === 'string') {
    const other = templates.find(t => t.stackName === stackOutput.StackName);
    const output = other?.template.Outputs?.[stackOutput.OutputName];
    if (output) return resolveRef(other, output.Value, templates, depth + 1);
  }
  return undefined;
}

/** The resource a value refers to, if any, with its definition. */
function resourceAt(node, value, templates) {
  const found = resolveRef(node, value, templates);
  const resource = found && found.node.template.Resources[found.id];
  return resource ? { ...found, resource } : undefined;
}

function sameResource(a, b) {
  return a !== undefined && b !== undefined && a.node === b.node && a.id === b.id;
}

/** Every resource of a type in these templates, as `{ node, id, resource }`. */
function resourcesOfType(templates, type) {
  return templates.flatMap(node => Object.entries(node.template.Resources ?? {})
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => ({ node, id, resource })));
}

// ---------------------------------------------------------------------------------------------
// Printing

/**
 * Prints the APIs of a stack and its nested stacks, with their routes, integrations,
 * authorizers and stages from anywhere in the assembly, then the resource counts.
 */
function printStack(stack, templates) {
  const own = allTemplates(stack);
  const apis = resourcesOfType(own, 'AWS::ApiGatewayV2::Api');
  for (const api of apis) {
    printApi(api, templates);
  }
  if (apis.length === 0) {
    const routes = resourcesOfType(own, 'AWS::ApiGatewayV2::Route').length;
    console.log(routes > 0
      ? `  ${stack.name}: ${routes} routes of APIs in other stacks (listed with their API)`
      : `  ${stack.name}: no API Gateway v2 API`);
  }

  printResourceCount(`stack ${stack.name}`, stack.template, '  ');
  for (const nested of own.slice(1)) {
    printResourceCount(`nested stack ${nested.name}`, nested.template, '    ');
  }
  if (own.length > 1) {
    const total = own.reduce((sum, node) => sum + Object.keys(node.template.Resources ?? {}).length, 0);
    console.log(`    ${total} resources in ${own.length} templates`);
  }
}

function printApi(api, templates) {
  const props = api.resource.Properties ?? {};
  const belongs = ({ node, resource }) => sameResource(resolveRef(node, resource.Properties?.ApiId, templates), api);
  // An API defined by an OpenAPI document (SpecHttpApi): API Gateway makes its routes from the `Body`.
  const document = props.Body ?? (props.BodyS3Location ? 'S3' : undefined);
  const name = document === undefined ? show(props.Name) : `${show(document.info?.title)} (OpenAPI document${document === 'S3' ? ' in S3' : ''})`;
  console.log(`  ${props.ProtocolType ?? (document ? 'HTTP' : '?')} API ${name} (${api.node.name}/${api.id})`);

  const routes = resourcesOfType(templates, 'AWS::ApiGatewayV2::Route').filter(belongs)
    .map(route => describeRoute(route, templates));
  if (typeof document === 'object') routes.push(...describeDocumentRoutes(api, document, templates));
  routes.sort(byRouteKey);
  const homes = countBy(routes.map(route => route.home));
  // Where the routes are, when that is not only the API's own template.
  const elsewhere = homes.size > 1 || (homes.size === 1 && !homes.has(api.node.name));
  const where = elsewhere ? `, in ${homes.size} template${homes.size === 1 ? '' : 's'}: ${[...homes].map(([home, n]) => `${home} ${n}`).join(', ')}` : '';
  console.log(`    routes (${routes.length}${where}):`);
  const listed = routes.length > MAX_ROUTES_LISTED ? routes.slice(0, ROUTES_SHOWN) : routes;
  printTable(listed.map(r => [r.key, ...r.integration, elsewhere ? `${r.auth}  (${r.home})` : r.auth]), '      ');
  if (listed.length < routes.length) {
    console.log(`      ... and ${routes.length - listed.length} more routes`);
  }

  const integrations = resourcesOfType(templates, 'AWS::ApiGatewayV2::Integration').filter(belongs);
  const authorizers = resourcesOfType(templates, 'AWS::ApiGatewayV2::Authorizer').filter(belongs);
  console.log(`    integrations: ${integrations.length}, authorizers: ${authorizers.length}${
    authorizers.length > 0 ? ` (${authorizers.map(a => `${show(a.resource.Properties?.Name)} ${a.resource.Properties?.AuthorizerType}`).join(', ')})` : ''}`);

  const stages = resourcesOfType(templates, 'AWS::ApiGatewayV2::Stage').filter(belongs);
  console.log(`    stages (${stages.length}):`);
  for (const stage of stages) {
    printStage(stage, templates);
  }
}

function printResourceCount(label, template, indent) {
  const resources = Object.values(template.Resources ?? {});
  const counts = countBy(resources.map(r => r.Type.replace(/^AWS::/, '')));
  const byType = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${t} ${n}`).join(', ');
  const over = resources.length > RESOURCE_LIMIT ? ` OVER CloudFormation's limit of ${RESOURCE_LIMIT}` : '';
  console.log(`${indent}${label}: ${resources.length} CloudFormation resources${over} (${byType})`);
}

function describeRoute({ node, resource }, templates) {
  const props = resource.Properties ?? {};
  const integration = resourceAt(node, props.Target, templates);
  return {
    key: show(props.RouteKey),
    home: node.name,
    integration: integration ? describeIntegration(integration, templates) : ['?', show(props.Target)],
    auth: describeAuth(node, props, templates),
  };
}

/** The routes of an OpenAPI document, with their integrations and security schemes. */
function describeDocumentRoutes(api, document, templates) {
  const methods = { get: 'GET', put: 'PUT', post: 'POST', delete: 'DELETE', options: 'OPTIONS', head: 'HEAD', patch: 'PATCH', 'x-amazon-apigateway-any-method': 'ANY' };
  const shared = document.components?.['x-amazon-apigateway-integrations'] ?? {};
  const routes = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [key, op] of Object.entries(item ?? {})) {
      if (!methods[key] || !op) continue;
      let integration = op['x-amazon-apigateway-integration'];
      const ref = typeof integration?.$ref === 'string' ? integration.$ref.split('/').pop() : undefined;
      if (ref) integration = shared[ref];
      const target = resourceAt(api.node, integration?.uri, templates);
      const text = integration?.integrationSubtype ?? (target?.resource.Type === 'AWS::Lambda::Function' ? `Lambda ${target.id}` : show(integration?.uri, api.node, templates));
      const [scheme, scopes] = Object.entries(op.security?.[0] ?? {})[0] ?? [];
      routes.push({
        key: op.isDefaultRoute ? '$default' : `${methods[key]} ${path}`,
        home: api.node.name,
        integration: integration ? [String(integration.type).toUpperCase(), ref ? `${text} (shared '${ref}')` : text] : ['-', 'no integration'],
        auth: scheme ? `auth ${scheme}${scopes?.length ? ` scopes ${scopes.join(' ')}` : ''}` : 'auth NONE',
      });
    }
  }
  return routes;
}

/** The integration's type and its target: a URL, a function, an AWS service action. */
function describeIntegration({ node, resource }, templates) {
  const props = resource.Properties ?? {};
  const uri = props.IntegrationUri;
  const target = resourceAt(node, uri, templates);
  let text = show(uri, node, templates);
  if (props.IntegrationSubtype) text = props.IntegrationSubtype;
  else if (target?.resource.Type === 'AWS::Lambda::Function' || target?.resource.Type === 'AWS::Lambda::Alias') text = `Lambda ${target.id}`;
  else if (props.ConnectionType === 'VPC_LINK') text = `VPC link ${show(props.ConnectionId, node, templates)} -> ${text}`;
  return [props.IntegrationType, text];
}

function describeAuth(node, props, templates) {
  const type = props.AuthorizationType ?? 'NONE';
  if (!props.AuthorizerId) return `auth ${type}`;
  const authorizer = resourceAt(node, props.AuthorizerId, templates);
  const scopes = props.AuthorizationScopes?.length ? ` scopes ${props.AuthorizationScopes.join(' ')}` : '';
  const name = authorizer ? show(authorizer.resource.Properties?.Name ?? authorizer.id) : show(props.AuthorizerId, node, templates);
  return `auth ${type} ${name}${scopes}`;
}

function printStage({ node, resource }, templates) {
  const props = resource.Properties ?? {};
  const parts = [];
  if (props.AutoDeploy) parts.push('auto-deploy');
  const throttle = describeSettings(props.DefaultRouteSettings);
  if (throttle) parts.push(throttle);
  if (props.AccessLogSettings) parts.push(`access logs -> ${show(props.AccessLogSettings.DestinationArn, node, templates)}`);
  console.log(`      ${String(show(props.StageName)).padEnd(10)} ${parts.join(', ') || '-'}`);
  const routeSettings = Object.entries(props.RouteSettings ?? {});
  printTable(routeSettings.map(([key, settings]) => [key, describeSettings(settings) || '-']), '        route ');
}

/** Throttle and metrics settings of a stage or route, e.g. `throttle 10 rps / burst 5`. */
function describeSettings(settings) {
  if (!settings) return '';
  const parts = [];
  const rate = settings.ThrottlingRateLimit;
  const burst = settings.ThrottlingBurstLimit;
  if (rate !== undefined || burst !== undefined) {
    parts.push(`throttle ${rate ?? '-'} rps / burst ${burst ?? '-'}`);
  }
  if (settings.DetailedMetricsEnabled) parts.push('detailed metrics');
  if (settings.LoggingLevel) parts.push(`logging ${settings.LoggingLevel}`);
  return parts.join(', ');
}

/** Prints rows as left-aligned columns. */
function printTable(rows, indent) {
  const widths = [];
  for (const row of rows) {
    row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  }
  for (const row of rows) {
    console.log(indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
  }
}

/**
 * HTTP route keys by path, then method; keys without a method (`$default`, WebSocket keys such
 * as `$connect` or `sendMessage`) by name, before the others.
 */
function byRouteKey(a, b) {
  const [methodA, pathA] = a.key.split(' ');
  const [methodB, pathB] = b.key.split(' ');
  if (pathA === undefined || pathB === undefined) {
    return (pathA === undefined ? 0 : 1) - (pathB === undefined ? 0 : 1) || a.key.localeCompare(b.key);
  }
  return pathA.localeCompare(pathB) || METHOD_ORDER.indexOf(methodA) - METHOD_ORDER.indexOf(methodB);
}

/** Counts of each value, in order of first appearance. */
function countBy(values) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * A template value as text: strings as they are, references by the logical id they name. Given
 * the template the value is in, a reference through a nested stack's parameter shows the
 * resource it reaches in the parent.
 */
function show(value, node, templates) {
  if (value === undefined) return '-';
  if (typeof value !== 'object') return String(value);
  const follow = () => (node ? resolveRef(node, value, templates) : undefined);
  if (typeof value.Ref === 'string') return follow()?.id ?? value.Ref;
  if (Array.isArray(value['Fn::GetAtt'])) {
    const [id, attr] = value['Fn::GetAtt'];
    if (typeof attr === 'string' && attr.startsWith('Outputs.')) return follow()?.id ?? `${id}.${attr}`;
    return attr === 'Arn' ? id : `${id}.${attr}`;
  }
  if (Array.isArray(value['Fn::Join'])) {
    return value['Fn::Join'][1].map(part => show(part, node, templates)).join(value['Fn::Join'][0]);
  }
  if (value['Fn::ImportValue'] !== undefined || value['Fn::GetStackOutput'] !== undefined) return follow()?.id ?? JSON.stringify(value);
  return JSON.stringify(value);
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

process.exitCode = main(process.argv.slice(2));
