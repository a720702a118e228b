export * from './lambda';
export * from './url';
