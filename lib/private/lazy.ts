/**
 * This file's CommonJS module, whose own `require` method is declared here rather than taken
 * from Node.js's types (which jsii compiled the library without until the OpenAPI code needed
 * them), as TypeScript reserves the name `require` in a module.
 */
declare const module: { require(id: string): unknown };

/**
 * A module of this library, loaded when first needed rather than when the file that uses it
 * is: `path` is the module's path under lib/, e.g. `http/vpc-link`. A module that every app
 * of its kind uses is imported as usual; one that only some apps need (VPC links, CORS,
 * custom domains, imported authorizers) comes through here, with an `import type` for its
 * types. See docs/decisions/lazy-loading.md.
 */
export function loadModule<T>(path: string): T {
  return module.require(`../${path}`) as T;
}
