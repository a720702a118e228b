export * from './api-base';
export * from './api';
export * from './authorizer';
export * from './cors';
export * from './integration';
export * from './parameter-mapping';
export * from './route';
export * from './stage';
