export * from './lambda';
export * from './url';
export * from './stepfunctions';
export * from './sqs';
export * from './eventbridge';
export * from './kinesis';
export * from './appconfig';
