import { App, Stack } from 'aws-cdk-lib';
import { HttpApi, WebSocketApi } from '../../lib';

/** A fresh stack in a fresh app, with an environment-agnostic account and Region. */
export function newStack(id = 'Stack'): Stack {
  return new Stack(new App(), id);
}

/** A fresh stack that may hold more than CloudFormation's 500 resources, for quota tests. */
export function bigStack(id = 'Stack'): Stack {
  return new Stack(new App({ context: { '@aws-cdk/core:stackResourceLimit': 0 } }), id);
}

/** A stack with one HTTP API, `Api`, without a default stage (to keep templates small). */
export function httpApiStack(): { stack: Stack; api: HttpApi } {
  const stack = newStack();
  const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
  return { stack, api };
}

/** A stack with one WebSocket API, `Api` (logical id `ApiF70053CD`). */
export function webSocketApiStack(): { stack: Stack; api: WebSocketApi } {
  const stack = newStack();
  return { stack, api: new WebSocketApi(stack, 'Api') };
}
