// The route selection expression language of WebSocket APIs, on the documentation's examples.
import { RouteSelectionExpression } from '../dist/websocket/route-selection';

const MESSAGE = JSON.stringify({ service: 'chat', action: 'join', data: { room: 'room1234' }, tags: ['a', 'b'], count: 2, on: true, none: null });

test.each([
  // The table of the AWS documentation (websocket-api-develop-routes) [doc].
  ['$request.body.action', 'join'],
  ['${request.body.action}', 'join'],
  ['${request.body.service}/${request.body.action}', 'chat/join'],
  ['${request.body.action}-${request.body.invalidPath}', 'join-'],
  ['action', 'action'],
  ['\\$default', '$default'],
  // Nested paths, arrays as [a, b] [doc]; numbers and booleans as text.
  ['$request.body.data.room', 'room1234'],
  ["$request.body['data']['room']", 'room1234'],
  ['$request.body.tags', '[a, b]'],
  ['$request.body.tags[1]', 'b'],
  ['${request.body.count}:${request.body.on}', '2:true'],
  // [unverified] null as "", objects as {key=value}.
  ['$request.body.none', ''],
  ['$request.body.data', '{room=room1234}'],
  // An unbraced variable ends where its path does.
  ['$request.body.action/v1', 'join/v1'],
  ['$$request.body.action', '$join'],
])('%s evaluates to %p', (expression, expected) => {
  expect(new RouteSelectionExpression(expression).evaluate(MESSAGE)).toBe(expected);
});

test('a message that is not JSON evaluates to nothing (it goes to $default), whatever the expression', () => {
  expect(new RouteSelectionExpression('$request.body.action').evaluate('hello')).toBeUndefined();
  expect(new RouteSelectionExpression('fixed').evaluate('{broken')).toBeUndefined();
  // JSON that is no object has no properties.
  expect(new RouteSelectionExpression('$request.body.action').evaluate('"text"')).toBe('');
});
