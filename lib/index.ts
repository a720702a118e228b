export * from './common';
export * from './http';
