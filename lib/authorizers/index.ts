export * from './http';
export * from './websocket';
