export * from './common';
export * from './http';
export * from './websocket';
export * as integrations from './integrations';
export * as authorizers from './authorizers';
