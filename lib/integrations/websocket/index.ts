export * from './lambda';
export * from './mock';
export * from './aws';
export * from './http';
