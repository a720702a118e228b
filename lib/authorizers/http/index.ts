export * from './user-pool';
export * from './jwt';
export * from './lambda';
export * from './iam';
