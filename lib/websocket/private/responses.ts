import type { IConstruct } from 'constructs';
import { shown } from '../../private/error';

/*
 * The messages of the rules on WebSocket responses, which the response constructs and their
 * routes or integrations both apply.
 */

/** The refusal of a second route response of `route` with the key of `existing`. */
export function duplicateRouteResponse(route: { readonly routeKey: string }, responseKey: string, existing: IConstruct): string {
  return `duplicate route response \`responseKey\` ${shown(responseKey)} on route ${shown(route.routeKey)}: the route already has it `
    + `(${existing.node.path}), and a route has one route response per key; configure the existing one instead`;
}

/** The refusal of a second integration response of `integration` with the key of `existing`. */
export function duplicateIntegrationResponse(integration: IConstruct, responseKey: string, existing: IConstruct): string {
  return `duplicate integration response \`responseKey\` ${shown(responseKey)}: the integration ${integration.node.path} already has it (${existing.node.path}), `
    + 'and API Gateway allows one integration response per key; merge the two, or use another key';
}
