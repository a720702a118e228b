import type { Construct } from 'constructs';
import { Resource } from 'aws-cdk-lib';
import type { RouteReference } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IHttpApi } from '../../api-base';
import type { IHttpRoute } from '../../route';
import { executeApiArn } from '../../../private/arns';
import { refuse } from '../../../private/error';

/**
 * A route of an OpenAPI document, as integrations see it when code binds them to it: the API,
 * the path, and a scope for what they create (a Lambda permission, a role). It creates no
 * CloudFormation resource: API Gateway creates the route when it imports the document.
 */
export class DocumentRouteFacade extends Resource implements IHttpRoute {
  public readonly routeArn: string;

  constructor(scope: Construct, id: string, public readonly httpApi: IHttpApi, private readonly routeKey: string,
    public readonly path?: string, method?: string) {
    super(scope, id);
    // IAM matches path variables with a wildcard: everything from the first variable on.
    this.routeArn = executeApiArn(httpApi, method ?? '*', path === undefined ? '/*' : path.replace(/\{.*?\}.*/, '*'));
  }

  public get routeId(): string {
    return refuse('attributeUnavailable', `the id of route '${this.routeKey}' is unknown: API Gateway gives it one when it imports the OpenAPI document`, this);
  }

  public get routeRef(): RouteReference {
    return { apiId: this.httpApi.apiId, routeId: this.routeId };
  }

  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: [this.routeArn] });
  }
}
