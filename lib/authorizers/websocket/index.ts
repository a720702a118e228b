export * from './lambda';
export * from './iam';
