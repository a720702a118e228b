export * from './access-log';
export * from './api';
export * from './authorizer';
export * from './integration';
export * from './route';
export * from './stage';
