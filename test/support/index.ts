/**
 * What the tests share: stacks, template helpers, the error helper, functions and
 * certificates, the few test doubles, and OpenAPI documents with their validator. Import from
 * here, not from another test's folder.
 */
export * from './errors';
export * from './fakes';
export * from './openapi';
export * from './resources';
export * from './stacks';
export * from './template';
