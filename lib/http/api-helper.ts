import type { IHttpApiRef } from './api-base';
import { executeApiArn } from '../private/arns';
import { checkArguments } from '../private/guard';

/**
 * Helpers for any reference to an HTTP API, including aws-cdk-lib's `CfnApi` and APIs
 * imported by id.
 *
 * @example
 * declare const role: iam.Role;
 *
 * const api = apigwv2.HttpApi.fromHttpApiAttributes(this, 'Orders', { httpApiId: 'a1b2c3d4e5' });
 * role.addToPolicy(new iam.PolicyStatement({
 *   actions: ['execute-api:Invoke'],
 *   resources: [apigwv2.HttpApiHelper.fromHttpApi(api).arnForExecuteApi('POST', '/orders')],
 * }));
 */
export class HttpApiHelper {
  /**
   * A helper for the given HTTP API.
   */
  public static fromHttpApi(httpApi: IHttpApiRef): HttpApiHelper {
    checkArguments('HttpApiHelper.fromHttpApi', [httpApi]);
    return new HttpApiHelper(httpApi);
  }

  private constructor(private readonly httpApi: IHttpApiRef) {}

  /**
   * The execute-api ARN of the API, for IAM policies:
   * `arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/{method}{path}`.
   *
   * @param method the HTTP method, with `ANY` written as `*` (default `*`)
   * @param path the resource path, starting with '/' (default `/*`)
   * @param stage the stage (default `*`)
   */
  public arnForExecuteApi(method?: string, path?: string, stage?: string): string {
    checkArguments('HttpApiHelper.arnForExecuteApi', [method, path, stage], this);
    return executeApiArn(this.httpApi, method, path, stage);
  }
}
