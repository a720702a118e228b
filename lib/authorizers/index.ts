export * from './http';
// WebSocket authorizers join here as `export * from './websocket';` once the WebSocket core exists.
