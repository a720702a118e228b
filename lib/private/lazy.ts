/**
 * This file's CommonJS module. jsii compiles the library without Node.js's types, in which
 * `require` is declared (and TypeScript reserves that name), so the module's own `require`
 * method is declared here instead.
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
