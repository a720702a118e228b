import type { EventBusReference } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpIntegrationSubtype, HttpRouteIntegration } from '../../http/integration';
import { ParameterMapping } from '../../http/parameter-mapping';
import { checkSubtype, copyMapping, hasKey, serviceIntegrationConfig } from '../private/service-integration';
import { checkArguments } from '../../private/guard';

/**
 * Properties of an `HttpEventBridgeIntegration`.
 */
export interface HttpEventBridgeIntegrationProps {
  /**
   * The parameters of PutEvents, by name.
   *
   * PutEvents requires `Detail`, `DetailType` and `Source`, and also takes `Time`,
   * `EventBusName`, `Resources`, `Region` and `TraceHeader`. A mapping that lacks a required
   * parameter is refused. `EventBusName` is set to the bus of `eventBusRef` unless the
   * mapping sets it; the mapping object itself is not changed.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
   * @default - `Detail`, `DetailType` and `Source` read from `$request.body.Detail`,
   * `$request.body.DetailType` and `$request.body.Source`, and `EventBusName` set to the
   * bus's name
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * The EventBridge action: `EVENTBRIDGE_PUT_EVENTS`, the only one.
   *
   * @default HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS
   */
  readonly subtype?: HttpIntegrationSubtype;

  /**
   * The event bus the route puts events on, e.g. the `eventBusRef` of an `EventBus`.
   */
  readonly eventBusRef: EventBusReference;
}

/**
 * Puts events on an EventBridge event bus (a first-class `AWS_PROXY` integration). Creates
 * the role API Gateway assumes, allowed `events:PutEvents` on the bus.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 * import * as events from 'aws-cdk-lib/aws-events';
 *
 * const bus = new events.EventBus(this, 'Orders');
 * const eventMapping = new apigwv2.ParameterMapping()
 *   .custom('Detail', '$request.body')
 *   .custom('DetailType', 'order.created')
 *   .custom('Source', 'shop.api');
 *
 * const api = new apigwv2.HttpApi(this, 'HttpApi');
 * api.addRoutes({
 *   path: '/orders',
 *   methods: [apigwv2.HttpMethod.POST],
 *   integration: new integrations.HttpEventBridgeIntegration('OrderCreated', {
 *     eventBusRef: bus.eventBusRef,
 *     parameterMapping: eventMapping,
 *   }),
 * });
 */
export class HttpEventBridgeIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param props the event bus
   */
  constructor(id: string, private readonly props: HttpEventBridgeIntegrationProps) {
    checkArguments('integrations.HttpEventBridgeIntegration.new', [id, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    checkArguments('integrations.HttpEventBridgeIntegration.bind', [options], this);
    const subtype = this.props.subtype ?? HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS;
    checkSubtype(options.scope, this.constructId, 'HttpEventBridgeIntegration', subtype, [HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS]);

    const bus = this.props.eventBusRef;
    const parameterMapping = this.props.parameterMapping
      ? copyMapping(this.props.parameterMapping)
      : new ParameterMapping()
        .custom('Detail', '$request.body.Detail')
        .custom('DetailType', '$request.body.DetailType')
        .custom('Source', '$request.body.Source');
    if (!hasKey(parameterMapping, 'EventBusName')) {
      parameterMapping.custom('EventBusName', bus.eventBusName);
    }
    return serviceIntegrationConfig(options, this.constructId, {
      subtype,
      parameterMapping,
      statement: new PolicyStatement({
        sid: 'AllowEventBridgePutEvents',
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
      }),
    });
  }
}
