import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/integration';
import { HttpIntegrationSubtype, HttpRouteIntegration } from '../../http/integration';
import { ParameterMapping } from '../../http/parameter-mapping';
import { refuse } from '../../private/error';
import { checkSubtype, serviceIntegrationConfig } from '../private/service-integration';
import { checkArguments } from '../../private/guard';

const STEP_FUNCTIONS_SUBTYPES = [
  HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION,
  HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION,
  HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION,
] as const;

/**
 * Properties of an `HttpStepFunctionsIntegration`.
 */
export interface HttpStepFunctionsIntegrationProps {
  /**
   * The parameters of the Step Functions action, by name.
   *
   * `STEPFUNCTIONS_START_EXECUTION` and `STEPFUNCTIONS_START_SYNC_EXECUTION` require
   * `StateMachineArn` and also take `Name`, `Input` and `Region` (and `TraceHeader` for the
   * synchronous one); `STEPFUNCTIONS_STOP_EXECUTION` requires `ExecutionArn` and also takes
   * `Cause`, `Error` and `Region`. A mapping that lacks a required parameter is refused.
   *
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
   * @default - `StateMachineArn` set to the state machine's ARN; for
   * `STEPFUNCTIONS_STOP_EXECUTION`, `ExecutionArn` read from `$request.body.ExecutionArn`
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * The Step Functions action: one of the `STEPFUNCTIONS_` subtypes.
   * `STEPFUNCTIONS_START_SYNC_EXECUTION` needs an EXPRESS state machine.
   *
   * @default HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION
   */
  readonly subtype?: HttpIntegrationSubtype;

  /**
   * The state machine the route starts or stops executions of.
   */
  readonly stateMachine: StateMachine;
}

/**
 * Starts, synchronously runs or stops executions of a Step Functions state machine (a
 * first-class `AWS_PROXY` integration). Creates the role API Gateway assumes, allowed the one
 * action on the state machine (or, to stop, on its executions).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 *
 * @example
 * import * as integrations from 'cdk-apigatewayv2/integrations';
 * import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
 *
 * const stateMachine = new sfn.StateMachine(this, 'StateMachine', {
 *   definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Pass')),
 *   stateMachineType: sfn.StateMachineType.EXPRESS,
 * });
 *
 * // Runs the state machine synchronously and answers with its result.
 * const api = new apigwv2.HttpApi(this, 'HttpApi');
 * api.addRoutes({
 *   path: '/quotes',
 *   methods: [apigwv2.HttpMethod.POST],
 *   integration: new integrations.HttpStepFunctionsIntegration('Quote', {
 *     stateMachine,
 *     subtype: apigwv2.HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION,
 *   }),
 * });
 */
export class HttpStepFunctionsIntegration extends HttpRouteIntegration {
  /** The construct id of the integration resource, for messages and permission ids. */
  private readonly constructId: string;

  /**
   * @param id the construct id of the integration resource
   * @param props the state machine and the action
   */
  constructor(id: string, private readonly props: HttpStepFunctionsIntegrationProps) {
    checkArguments('integrations.HttpStepFunctionsIntegration.new', [id, props]);
    super(id);
    this.constructId = id;
  }

  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    checkArguments('integrations.HttpStepFunctionsIntegration.bind', [options], this);
    const subtype = this.props.subtype ?? HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION;
    checkSubtype(options.scope, this.constructId, 'HttpStepFunctionsIntegration', subtype, STEP_FUNCTIONS_SUBTYPES);
    const stateMachine = this.props.stateMachine;
    if (subtype === HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION && stateMachine.stateMachineType === StateMachineType.STANDARD) {
      refuse('integrationSubtype', `invalid \`subtype\` '${subtype}' of integration '${this.constructId}': synchronous executions need an EXPRESS state machine, `
        + `and ${stateMachine.node.path} is STANDARD; give it \`stateMachineType: sfn.StateMachineType.EXPRESS\`, or use STEPFUNCTIONS_START_EXECUTION`, options.scope);
    }

    const stopping = subtype === HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION;
    return serviceIntegrationConfig(options, this.constructId, {
      subtype,
      parameterMapping: this.props.parameterMapping ?? defaultMapping(subtype, stateMachine),
      statement: new PolicyStatement({
        sid: 'AllowStepFunctionsExecution',
        actions: [ACTION_BY_SUBTYPE[subtype]],
        resources: [stopping
          ? Stack.of(options.route).formatArn({ service: 'states', resource: `execution:${stateMachine.stateMachineName}:*` })
          : stateMachine.stateMachineArn],
      }),
    });
  }
}

const ACTION_BY_SUBTYPE: Readonly<Record<typeof STEP_FUNCTIONS_SUBTYPES[number], string>> = {
  [HttpIntegrationSubtype.STEPFUNCTIONS_START_EXECUTION]: 'states:StartExecution',
  [HttpIntegrationSubtype.STEPFUNCTIONS_START_SYNC_EXECUTION]: 'states:StartSyncExecution',
  [HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION]: 'states:StopExecution',
};

function defaultMapping(subtype: HttpIntegrationSubtype, stateMachine: StateMachine): ParameterMapping {
  if (subtype === HttpIntegrationSubtype.STEPFUNCTIONS_STOP_EXECUTION) {
    return new ParameterMapping().custom('ExecutionArn', '$request.body.ExecutionArn');
  }
  return new ParameterMapping().custom('StateMachineArn', stateMachine.stateMachineArn);
}
