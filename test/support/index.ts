/**
 * What the tests share: stacks, template helpers, the error helper, functions and
 * certificates, and the few test doubles. Import from here, not from another test's folder.
 */
export * from './errors';
export * from './fakes';
export * from './resources';
export * from './stacks';
export * from './template';
