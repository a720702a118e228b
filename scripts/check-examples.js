#!/usr/bin/env node
// Checks that the documentation shows the library in use: in the jsii assembly (.jsii), every
// construct class, and at least 60% of the public classes and behavioural interfaces (the
// interfaces that are not structs), carry an `@example`. An example must name its type, or for
// an abstract class or an interface, a class of this library that extends or implements it:
// an example written for another type does not count. An `@` in an example's comment (such as
// `@connections`) starts a new JSDoc tag and silently cuts the example short; jsii then writes
// the tag as `[object Object]`, which this check refuses.
//
// jsii-rosetta compiles every example (`npm run rosetta`, strict) and scripts/check-translations.js
// parses their translations; this script checks that they are there.
//
//   node scripts/check-examples.js     (after `npm run compile`; `npm test` runs it)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const MIN_SHARE = 0.6;

/** Whether a type of the assembly is counted: a class, or an interface that is not a struct. */
function isCounted(type) {
  return type.kind === 'class' || (type.kind === 'interface' && !type.datatype);
}

/** The names of the types of this assembly that extend or implement a type, itself included. */
function namesShowing(assembly, fqn) {
  const names = new Set([assembly.types[fqn].name]);
  const parents = (type) => [type.base, ...(type.interfaces ?? [])].filter(Boolean);
  const reaches = (type, seen = new Set()) => parents(type).some((parent) => {
    if (parent === fqn) return true;
    const next = assembly.types[parent];
    if (!next || seen.has(parent)) return false;
    seen.add(parent);
    return reaches(next, seen);
  });
  for (const type of Object.values(assembly.types)) {
    if (type.kind === 'class' && reaches(type)) names.add(type.name);
  }
  return names;
}

/**
 * What carries an example. `isConstruct(type)` tells whether a class is a construct.
 * Returns the counted types, those with an example, the construct classes without one, the
 * examples that name neither their type nor a class extending or implementing it, and those
 * that jsii cut short.
 */
function exampleCoverage(assembly, isConstruct) {
  const counted = Object.values(assembly.types).filter(isCounted).sort((a, b) => a.fqn.localeCompare(b.fqn));
  const withExample = counted.filter((type) => type.docs?.example);
  const constructs = counted.filter((type) => type.kind === 'class' && isConstruct(type));
  const unnamed = withExample.filter((type) => {
    const code = type.docs.example;
    return ![...namesShowing(assembly, type.fqn)].some((name) => new RegExp(`\\b${name}\\b`).test(code));
  });
  const cut = withExample.filter((type) => type.docs.example.includes('[object Object]'));
  return {
    counted,
    withExample,
    constructs,
    constructsWithout: constructs.filter((type) => !type.docs?.example),
    unnamed,
    cut,
    share: counted.length === 0 ? 0 : withExample.length / counted.length,
  };
}

/** The problems of a coverage, in words; none when the rules hold. */
function problemsOf(coverage) {
  const problems = [];
  if (coverage.share < MIN_SHARE) {
    problems.push(`only ${coverage.withExample.length} of ${coverage.counted.length} public classes and behavioural interfaces `
      + `(${Math.round(coverage.share * 100)}%) carry an @example; at least ${MIN_SHARE * 100}% must`);
  }
  for (const type of coverage.constructsWithout) {
    problems.push(`the construct class ${type.fqn} (${type.locationInModule?.filename}) has no @example: every construct class needs one`);
  }
  for (const type of coverage.cut) {
    problems.push(`the @example of ${type.fqn} (${type.locationInModule?.filename}) is cut short where jsii read an \`@\` as a tag: `
      + 'write the comment without `@`');
  }
  for (const type of coverage.unnamed) {
    problems.push(`the @example of ${type.fqn} (${type.locationInModule?.filename}) does not name ${type.name}, `
      + 'nor a class that extends or implements it: show the type itself in use');
  }
  return problems;
}

/** Whether a class of the compiled library is a construct, by its JavaScript class. */
function constructTest() {
  const { Construct } = require(require.resolve('constructs', { paths: [root] }));
  const modules = new Map();
  return (type) => {
    // cdk-apigatewayv2.integrations.HttpLambdaIntegration: the submodule's folder under lib/.
    const [, ...rest] = type.fqn.split('.');
    const folder = rest.length > 1 ? rest.slice(0, -1).join('/') : '';
    if (!modules.has(folder)) modules.set(folder, require(path.join(root, 'lib', folder)));
    const cls = modules.get(folder)[type.name];
    if (typeof cls !== 'function') throw new Error(`check-examples: ${type.fqn} is not exported by lib/${folder}`);
    return cls.prototype instanceof Construct;
  };
}

function checkExamples() {
  const file = path.join(root, '.jsii');
  if (!fs.existsSync(file)) {
    console.error('check-examples: no .jsii assembly; run `npm run compile` first');
    return false;
  }
  const coverage = exampleCoverage(JSON.parse(fs.readFileSync(file, 'utf8')), constructTest());
  const problems = problemsOf(coverage);
  console.log(`check-examples: ${coverage.withExample.length} of ${coverage.counted.length} public classes and behavioural `
    + `interfaces carry an @example (${Math.round(coverage.share * 100)}%, at least ${MIN_SHARE * 100}% required); `
    + `construct classes: ${coverage.constructs.length - coverage.constructsWithout.length} of ${coverage.constructs.length}`);
  if (problems.length > 0) {
    console.log(`check-examples: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    return false;
  }
  return true;
}

module.exports = { exampleCoverage, problemsOf, MIN_SHARE };

if (require.main === module) {
  process.exit(checkExamples() ? 0 : 1);
}
