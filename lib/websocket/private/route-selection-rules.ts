import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import { webSocketRegistryOf } from './registry';
import { shown, warn } from '../../private/error';
import { whenBuilt } from '../../private/when-built';

/**
 * Route selection expressions of WebSocket APIs. The guide describes `$request.body.PATH`
 * expressions and static values; it says nothing of an empty one, which is warned about
 * rather than refused. A static expression (no `$`) selects the route whose key is the
 * expression itself for every message: valid, but a route of that key should exist.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
 */
export function checkRouteSelectionExpression(api: IConstruct, expression: string | undefined): void {
  if (expression === undefined || Token.isUnresolved(expression)) return;
  if (expression.trim() === '') {
    warn(api, 'webSocketRouteSelectionExpressionEmpty',
      `\`routeSelectionExpression\` ${shown(expression)} is empty: API Gateway documents expressions such as '$request.body.action' and static keys, `
      + 'not an empty one; leave it unset for \'$request.body.action\', or give the expression that picks the route');
    return;
  }
  if (expression.includes('$')) return;
  whenBuilt(api, () => {
    if (webSocketRegistryOf(api).findRoute(expression)) return;
    warn(api, 'webSocketStaticRouteSelectionWithoutRoute',
      `\`routeSelectionExpression\` ${shown(expression)} is static, so every message selects the route key ${shown(expression)}, and this API has no `
      + `route of that key: messages go to the $default route, if there is one; add a route ${shown(expression)}, or select with '$request.body.NAME'`);
  });
}
